"""Animated GIFs of a race, replayed from step 0 to its current step from the recorded
trajectories (nothing is recomputed), with a progress callback and cancel; Pillow writes the file
(Qt reads GIFs but cannot write them).

A GIF holds at most 256 colours per frame. Every frame uses one palette, chosen from the frames
themselves: exact entries for the figure's flat colours (runs, text, markers) and the rest by
median cut over frames sampled across the whole animation. The heatmap's smooth shades then get
nearly all the entries, so its gradients show no bands, and unchanged pixels stay identical from
frame to frame (the GIF compresses well)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from core.io.files import atomic_path
from gui.export.animation import (
    HOLD_S,
    MAX_FRAMES,
    Cancelled,
    Frames,
    Progress,
    auto_fps,
    frame_steps,
)
from gui.export.render import LOGICAL, ExportError, View, check_writable, output_format
from gui.theme import Theme, run_colour

if TYPE_CHECKING:
    from PIL import Image

    from core.race.model import Race
    from gui.export.figure import FigureStyle

__all__ = ["MAX_FRAMES", "export_race_gif", "frame_steps", "gif_palette"]
GIF_MAX_FPS = 50  # GIF delays are whole hundredths of a second; players slow anything faster
PALETTE_SAMPLES = 8  # frames the palette is chosen from, spread over the animation
TILE = 64  # px: frames are dithered again tile by tile where they changed


def flat_colours(theme: Theme, runs: list[str]) -> list[str]:
    """The figure's flat colours in theme (each gets an exact palette entry)."""
    colours = [run_colour(c, theme) for c in runs]
    colours += [theme.background, theme.text, theme.muted, theme.axis_text, theme.axis_pen,
                theme.marker, theme.marker_edge, theme.start, *(c for _, c in theme.status)]  # fmt: skip
    return list(dict.fromkeys(c.lower() for c in colours))


def _image(pixels: NDArray[np.uint32]) -> Image.Image:
    """An RGB Pillow image of frame pixels (animation.qimage_pixels)."""
    from PIL import Image

    h, w = pixels.shape
    return Image.frombuffer("RGB", (w, h), np.ascontiguousarray(pixels), "raw", "BGRX", 0, 1)


def gif_palette(samples: list[NDArray[np.uint32]], exact: list[str]) -> Image.Image:
    """A palette image of at most 256 distinct colours: `exact` ('#rrggbb') as they are, the
    rest by median cut over the sample frames."""
    from PIL import Image

    flat = [tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in exact[:64]]
    sheet = _image(np.concatenate(samples, axis=0))
    shades = sheet.quantize(colors=256 - len(flat), method=Image.Quantize.MEDIANCUT)
    used = sorted(i for _, i in shades.getcolors(256) or [])
    rgb = shades.getpalette() or []
    colours = [tuple(rgb[3 * i : 3 * i + 3]) for i in used]
    # Distinct entries only: the GIF writer matches colours to entries.
    unique = list(dict.fromkeys([*colours, *flat]))
    pal = Image.new("P", (1, 1))
    pal.putpalette([v for c in unique for v in c])
    return pal


def _dither(pixels: NDArray[np.uint32], palette: Image.Image) -> NDArray[np.uint8]:
    from PIL import Image

    im = _image(pixels).quantize(palette=palette, dither=Image.Dither.FLOYDSTEINBERG)
    return np.asarray(im)


def index_frames(frames: list[NDArray[np.uint32]], palette: Image.Image) -> list[Image.Image]:
    """The frames in the palette's colours, Floyd–Steinberg dithered (smooth shades between the
    entries, no bands). Only the TILE × TILE tiles where a frame differs from the one before are
    dithered again, and only their changed pixels take the new entries: the dither pattern stays
    put where nothing moves, so it neither shimmers nor costs bytes, nor time."""
    from PIL import Image

    out: list[Image.Image] = []
    prev: NDArray[np.uint32] | None = None
    idx = np.zeros(0, dtype=np.uint8)
    for f in frames:
        if prev is None:
            idx = _dither(f, palette)
        else:
            changed = f != prev
            h, w = changed.shape
            ny, nx = -(-h // TILE), -(-w // TILE)
            tiles = np.zeros((ny * TILE, nx * TILE), dtype=bool)
            tiles[:h, :w] = changed
            idx = idx.copy()
            for ty, tx in np.argwhere(tiles.reshape(ny, TILE, nx, TILE).any(axis=(1, 3))):
                box = np.s_[ty * TILE : (ty + 1) * TILE, tx * TILE : (tx + 1) * TILE]
                fresh = _dither(np.ascontiguousarray(f[box]), palette)
                idx[box] = np.where(changed[box], fresh, idx[box])
        prev = f
        p = Image.frombytes("P", (f.shape[1], f.shape[0]), np.ascontiguousarray(idx).tobytes())
        p.putpalette(palette.getpalette() or [])
        out.append(p)
    return out


def export_race_gif(race: Race, path: str, size: tuple[int, int] = LOGICAL,
                    log: bool | None = None,
                    view: View | None = None,
                    progress: Progress | None = None,
                    cancelled: Cancelled | None = None,
                    max_frames: int = MAX_FRAMES, *,
                    style: FigureStyle | None = None, fps: float | None = None) -> bool:  # fmt: skip
    """Replay the race from step 0 to its current step as an animated GIF that loops forever,
    at fps frames a second (default: about 6 s in all) with the final picture held 2 s.

    progress(done, total) is called after each frame; if cancelled() turns true the export stops
    and no file is left. Returns False if cancelled."""
    output_format(path, ("gif",))
    check_writable(path)
    if fps is not None and not 0 < fps <= GIF_MAX_FPS:
        raise ExportError(
            f"a GIF plays at most {GIF_MAX_FPS} frames a second; use .mp4 for {fps:g}"
        )
    with Frames(race, size, max_frames, log, view, style) as frames:
        shots = list(frames.replay(progress, cancelled))
        if len(shots) < len(frames):
            return False
        runs = [r.colour for r in frames.figure.racers]
        exact = flat_colours(frames.figure.theme, runs)
    picks = np.unique(np.linspace(0, len(shots) - 1, min(PALETTE_SAMPLES, len(shots))).round())
    # Every third pixel of the sampled frames: plenty for the statistics, a ninth of the work.
    palette = gif_palette([shots[int(i)][::3, ::3] for i in picks], exact)
    indexed = index_frames(shots, palette)
    per = round(1000 / (fps or auto_fps(len(indexed))))
    hold = max(per, round(1000 * HOLD_S))  # the final picture stays a while
    durations = [per] * (len(indexed) - 1) + [hold]
    if cancelled is not None and cancelled():
        return False
    check_writable(path)  # again: the folder may have gone while the frames were drawn
    with atomic_path(path, ExportError) as tmp:
        # The palette given to the writer becomes the one global colour table (no frame has
        # a table of its own); optimize makes pixels unchanged since the last frame
        # transparent, which compresses to almost nothing.
        indexed[0].save(tmp, "GIF", save_all=True, append_images=indexed[1:], loop=0,
                        duration=durations, disposal=1, optimize=True,
                        palette=bytes(palette.getpalette() or []))  # fmt: skip
    return True
