"""Animated GIFs of a race, replayed from step 0 to its current step from the recorded
trajectories (nothing is recomputed), with a progress callback and cancel; Pillow writes the file
(Qt reads GIFs but cannot write them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from core.io.files import atomic_path
from gui.export.render import (
    FIGURE_BG,
    LOGICAL,
    ExportError,
    View,
    check_writable,
    output_format,
    race_figure,
    render_image,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from core.race.model import Race

MAX_FRAMES = 120  # an animation has at most this many frames (about 6 s at ~50 ms a frame)


def _to_pil(img: QImage):
    from PIL import Image
    from PySide6.QtGui import QImage

    rgb = img.convertToFormat(QImage.Format.Format_RGB888)
    buf = bytes(rgb.constBits())
    return Image.frombuffer("RGB", (rgb.width(), rgb.height()), buf, "raw", "RGB",
                            rgb.bytesPerLine(), 1)  # fmt: skip


def gif_palette(samples: list, colours: list[str]):
    """A 256-colour palette image: exact entries for the figure's flat colours, the rest by
    median cut over the sample frames (the heatmap's shades)."""
    from PIL import Image

    from gui import theme
    from gui.export.figure import MUTED, STATUS_ON_DARK, TEXT

    themed = [v for v in vars(theme).values() if isinstance(v, str)]  # marker, background, ...
    for v in vars(theme).values():
        if isinstance(v, (tuple, dict)):
            themed += [c for c in (v.values() if isinstance(v, dict) else v) if isinstance(c, str)]
    flat = [*colours, *STATUS_ON_DARK.values(), TEXT, MUTED, FIGURE_BG, "#ffffff", "#000000",
            *themed]  # fmt: skip
    exact = list(dict.fromkeys(c.lower() for c in flat if re.fullmatch(r"#[0-9a-fA-F]{6}", c)))
    exact = exact[:96]  # the rest of the palette is for the heatmap's shades
    w, h = samples[0].size
    both = Image.new("RGB", (w, h * len(samples)))
    for i, im in enumerate(samples):
        both.paste(im, (0, i * h))
    shades = both.quantize(colors=256 - len(exact), method=Image.Quantize.MEDIANCUT)
    n = 3 * (256 - len(exact))
    rgb = (shades.getpalette() or [])[:n]
    rgb += [0] * (n - len(rgb))
    for c in exact:
        rgb += [int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)]
    pal = Image.new("P", (1, 1))
    pal.putpalette(rgb)
    return pal


def frame_steps(last: int, max_frames: int = MAX_FRAMES) -> list[int]:
    """Steps shown by an animation from 0 to `last`: every step if few, else evenly spaced."""
    n = min(max_frames, last + 1)
    return sorted({round(float(v)) for v in np.linspace(0, last, max(n, 1))})


def export_race_gif(race: Race, path: str, size: tuple[int, int] = LOGICAL,
                    log: bool | None = None,
                    view: View | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None,
                    max_frames: int = MAX_FRAMES) -> bool:  # fmt: skip
    """Replay the race from step 0 to its current step as an animated GIF that loops forever.

    progress(done, total) is called after each frame; if cancelled() turns true the export stops
    and no file is left. Returns False if cancelled."""
    from PIL import Image

    output_format(path, ("gif",))
    check_writable(path)
    fig = race_figure(race, size, log, view)
    frames = []
    try:
        steps = frame_steps(fig.last, max_frames)
        for i, t in enumerate(steps):
            if cancelled is not None and cancelled():
                return False
            fig.draw(t)
            frames.append(_to_pil(render_image(fig.widget, size)))
            if progress is not None:
                progress(i + 1, len(steps))
    finally:
        fig.close()
    # One palette for every frame, no dithering: unchanged pixels stay identical between frames
    # and the GIF compresses well. The run, marker and text colours get exact entries, or the
    # heatmap's many shades would crowd the thin trails out of a median-cut palette.
    palette = gif_palette([frames[0], frames[-1]], [r.colour for r in fig.racers])
    indexed = [f.quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
    per = int(np.clip(6000 / len(indexed), 40, 100))
    durations = [per] * (len(indexed) - 1) + [2000]  # hold the final picture
    if cancelled is not None and cancelled():
        return False
    check_writable(path)  # again: the folder may have gone while the frames were drawn
    with atomic_path(path, ExportError) as tmp:
        indexed[0].save(tmp, "GIF", save_all=True, append_images=indexed[1:], loop=0,
                        duration=durations, disposal=1)  # fmt: skip
    return True
