"""What the animated exports (GIF, MP4) share: which steps become frames, how fast they play, and
the frames themselves, rendered one by one from a RaceFigure with progress and cancel."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from gui.export.render import View, race_figure, render_image, swarm_figure

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from core.race.model import Race
    from gui.export.figure import FigureStyle

MAX_FRAMES = 120  # a GIF has at most this many frames (about 6 s at ~50 ms a frame)
HOLD_S = 2.0  # the final picture stays this long before the animation ends (or loops)
AUTO_S = 6.0  # without --fps, an animation of many steps lasts about this long ...
AUTO_FPS = (10, 25)  # ... at a frame rate in this range
MAX_FPS = 60

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def frame_steps(last: int, max_frames: int = MAX_FRAMES) -> list[int]:
    """Steps shown by an animation from 0 to `last`: every step if few, else evenly spaced."""
    n = min(max_frames, last + 1)
    return sorted({round(float(v)) for v in np.linspace(0, last, max(n, 1))})


def auto_fps(n_frames: int) -> int:
    """Frame rate of an animation of n_frames when none is asked for: about AUTO_S seconds long,
    at AUTO_FPS[0] to AUTO_FPS[1] frames a second."""
    return int(np.clip(round(n_frames / AUTO_S), *AUTO_FPS))


def qimage_pixels(img: QImage) -> NDArray[np.uint32]:
    """The image's pixels as an (h, w) array of 0xAARRGGBB values stored little-endian, i.e.
    the bytes B, G, R, A per pixel (what ffmpeg calls bgra, Pillow's raw mode BGRX): a copy,
    and one whole-pixel comparison per pixel between frames."""
    from PySide6.QtGui import QImage

    if img.format() not in (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32,
                            QImage.Format.Format_ARGB32_Premultiplied):  # fmt: skip
        img = img.convertToFormat(QImage.Format.Format_RGB32)
    w, h = img.width(), img.height()
    rows = np.frombuffer(img.constBits(), dtype=np.uint32, count=w * h).reshape(h, w)
    return rows.astype("<u4")  # a copy, little-endian whatever the machine


class Frames:
    """A race replayed from step 0: a RaceFigure laid out once for `size` and drawn at each shown
    step. Use as a context manager (the figure is closed at the end)."""

    def __init__(self, race: Race, size: tuple[int, int], max_frames: int,
                 log: bool | None = None, view: View | None = None,
                 style: FigureStyle | None = None) -> None:  # fmt: skip
        self.size = size
        self.layer = None  # a swarm's particles, replayed step by step (gui.export.swarm_layer)
        if race.swarm is not None:
            self.figure, self.layer = swarm_figure(race, size, log, view, style)
        else:
            self.figure = race_figure(race, size, log, view, style=style)
        self.steps = frame_steps(self.figure.last, max_frames)

    def __len__(self) -> int:
        return len(self.steps)

    def render(self, i: int) -> QImage:
        self.figure.draw(self.steps[i])
        if self.layer is not None:
            self.layer.draw(self.steps[i])
        return render_image(self.figure.widget, self.size, self.figure.theme.background)

    def replay(self, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> Iterator[NDArray[np.uint32]]:  # fmt: skip
        """Every frame's pixels (qimage_pixels), in order; progress(done, total) after each one;
        stops early (fewer frames than len(self)) as soon as cancelled() is true."""
        for i in range(len(self)):
            if cancelled is not None and cancelled():
                return
            yield qimage_pixels(self.render(i))
            if progress is not None:
                progress(i + 1, len(self))

    def close(self) -> None:
        self.figure.close()

    def __enter__(self) -> Frames:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
