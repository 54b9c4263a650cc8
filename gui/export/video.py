"""MP4 videos of a race (H.264, yuv420p, even frame sizes, fast start: plays in PowerPoint,
Keynote and browsers), replayed from step 0 like the GIF, with progress and cancel.

The encoder is the ffmpeg binary that the imageio-ffmpeg package ships in its wheel (no system
ffmpeg needed). Frames go to it through a pipe as raw pixels; it writes a temporary file beside the
target, renamed onto it only when ffmpeg has finished without error, so a cancelled or failed
export leaves nothing behind."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from fractions import Fraction
from typing import TYPE_CHECKING

from core.io.files import atomic_path
from gui.export.animation import HOLD_S, MAX_FPS, Cancelled, Frames, Progress, auto_fps
from gui.export.render import LOGICAL, ExportError, View, check_writable, output_format

if TYPE_CHECKING:
    from core.race.model import Race
    from gui.export.figure import FigureStyle

VIDEO_MAX_FRAMES = 360  # shown steps at most (then evenly spaced): 14 s at 25 frames a second
CRF = 18  # x264 quality (0 lossless .. 51): 18 looks like the PNG
PRESET = "fast"


class _Stopped(Exception):
    """Cancelled mid-way: leave the atomic write without renaming the partial file."""


def even_size(size: tuple[int, int]) -> tuple[int, int]:
    """yuv420p stores colour per 2×2 pixels: both sides must be even (rounded down)."""
    return size[0] - size[0] % 2, size[1] - size[1] % 2


def ffmpeg_exe() -> str:
    """The ffmpeg binary of the imageio-ffmpeg package (ExportError if it is missing)."""
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError) as e:
        raise ExportError(f"MP4 export needs the imageio-ffmpeg package ({e})") from None


def ffmpeg_command(exe: str, size: tuple[int, int], fps: float, out: str) -> list[str]:
    """Raw frames on stdin (bytes B, G, R, A per pixel: animation.qimage_pixels) -> H.264
    yuv420p MP4 at `out`, its index at the front (fast start: plays while it loads)."""
    rate = Fraction(fps).limit_denominator(1001)
    return [exe, "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "bgra", "-s", f"{size[0]}x{size[1]}", "-r", str(rate),
            "-i", "-", "-an", "-c:v", "libx264", "-preset", PRESET, "-crf", str(CRF),
            "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", out]  # fmt: skip


def export_race_mp4(race: Race, path: str, size: tuple[int, int] = LOGICAL,
                    log: bool | None = None,
                    view: View | None = None,
                    progress: Progress | None = None,
                    cancelled: Cancelled | None = None,
                    max_frames: int = VIDEO_MAX_FRAMES, *,
                    style: FigureStyle | None = None, fps: float | None = None) -> bool:  # fmt: skip
    """Replay the race from step 0 to its current step as an MP4 video at fps frames a second
    (default: about 6 s, 10 to 25 fps), the final picture held 2 s. The size is made even.

    progress(done, total) is called after each rendered frame; if cancelled() turns true the
    export stops and no file is left. Returns False if cancelled."""
    output_format(path, ("mp4",))
    check_writable(path)
    if fps is not None and not 0 < fps <= MAX_FPS:
        raise ExportError(f"--fps {fps:g}: use 0 < F ≤ {MAX_FPS}")
    exe = ffmpeg_exe()
    size = even_size(size)
    try:
        with Frames(race, size, max_frames, log, view, style) as frames:
            rate = fps or auto_fps(len(frames))
            hold = max(1, round(HOLD_S * rate))  # frames of the final picture
            with atomic_path(path, ExportError) as tmp:
                _encode(frames, ffmpeg_command(exe, size, rate, tmp), hold, progress, cancelled)
    except _Stopped:
        return False
    return True


def _encode(frames: Frames, cmd: list[str], hold: int, progress: Progress | None,
            cancelled: Cancelled | None) -> None:  # fmt: skip
    """Pipe every frame (the last one `hold` times) to ffmpeg; ExportError with ffmpeg's own
    message if it fails, _Stopped if cancelled."""
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=errors)  # fmt: skip
        assert proc.stdin is not None
        done, rc = 0, None
        try:
            last = b""
            for pixels in frames.replay(progress, cancelled):
                last = pixels.tobytes()
                proc.stdin.write(last)
                done += 1
            if done < len(frames):
                raise _Stopped
            for _ in range(hold - 1):
                proc.stdin.write(last)
            proc.stdin.close()
            rc = proc.wait()
        except BrokenPipeError:
            rc = proc.wait()  # ffmpeg stopped reading: its message says why
        finally:
            if rc is None:  # cancelled or failed on our side: stop ffmpeg, the file goes
                proc.kill()
                proc.wait()
                with contextlib.suppress(BrokenPipeError):
                    proc.stdin.close()
        if rc != 0:
            errors.seek(0)
            lines = errors.read().decode(errors="replace").strip().splitlines()
            why = lines[-1] if lines else f"exit code {rc}"
            raise ExportError(f"could not write the video: ffmpeg: {why}")
