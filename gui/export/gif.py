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

from gui.export.animation import (
    HOLD_S,
    MAX_FRAMES,
    Cancelled,
    Frames,
    Progress,
    auto_fps,
    frame_steps,
)
from gui.export.render import LOGICAL, ExportError, View, atomic_path, check_writable, output_format
from gui.theme import Theme, run_colour

if TYPE_CHECKING:
    from PIL import Image

    from core.race.model import Race
    from gui.export.figure import FigureStyle

__all__ = ["MAX_FRAMES", "export_race_gif", "frame_steps", "gif_palette"]
GIF_MAX_FPS = 50  # GIF delays are whole hundredths of a second; players slow anything faster
PALETTE_SAMPLES = 12  # frames the palette is chosen from, spread over the animation


def flat_colours(theme: Theme, runs: list[str]) -> list[str]:
    """The figure's flat colours in theme (each gets an exact palette entry)."""
    colours = [run_colour(c, theme) for c in runs]
    colours += [theme.background, theme.text, theme.muted, theme.axis_text, theme.axis_pen,
                theme.marker, theme.marker_edge, theme.start, *(c for _, c in theme.status)]  # fmt: skip
    return list(dict.fromkeys(c.lower() for c in colours))


def gif_palette(samples: list[NDArray[np.uint8]], exact: list[str]) -> Image.Image:
    """A 256-colour palette image: `exact` colours ('#rrggbb') as they are, the rest by median
    cut over the sample frames (h, w, 3)."""
    from PIL import Image

    exact = exact[:64]
    sheet = Image.fromarray(np.concatenate(samples, axis=0))
    shades = sheet.quantize(colors=256 - len(exact), method=Image.Quantize.MEDIANCUT, kmeans=1)
    n = 3 * (256 - len(exact))
    rgb = (shades.getpalette() or [])[:n]
    rgb += [0] * (n - len(rgb))
    for c in exact:
        rgb += [int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)]
    pal = Image.new("P", (1, 1))
    pal.putpalette(rgb)
    return pal


def index_frames(frames: list[NDArray[np.uint8]], palette: Image.Image) -> list[Image.Image]:
    """The frames in the palette's colours, Floyd–Steinberg dithered (smooth shades between the
    entries, no bands), with every pixel that did not change since the previous frame keeping
    its previous entry: the dither pattern stays put where nothing moves, so it neither
    shimmers nor costs bytes."""
    from PIL import Image

    out, prev, prev_idx = [], None, None
    for f in frames:
        im = Image.fromarray(f).quantize(palette=palette, dither=Image.Dither.FLOYDSTEINBERG)
        idx = np.asarray(im)
        if prev is not None and prev_idx is not None:
            idx = np.where((f == prev).all(axis=2), prev_idx, idx)
        prev, prev_idx = f, idx
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
    # Every other pixel of the sampled frames: plenty for the statistics, a quarter of the work.
    palette = gif_palette([shots[int(i)][::2, ::2] for i in picks], exact)
    indexed = index_frames(shots, palette)
    per = round(1000 / (fps or auto_fps(len(indexed))))
    hold = max(per, round(1000 * HOLD_S))  # the final picture stays a while
    durations = [per] * (len(indexed) - 1) + [hold]
    if cancelled is not None and cancelled():
        return False
    with atomic_path(path) as tmp:
        indexed[0].save(tmp, "GIF", save_all=True, append_images=indexed[1:], loop=0,
                        duration=durations, disposal=1)  # fmt: skip
    return True
