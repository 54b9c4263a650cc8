"""Exports of the Explorer: pictures (PNG at any size, SVG), animated GIFs of a race replayed from
step 0, trajectories as CSV/JSON and the selected run as PyTorch code (`main.py export` is cli.py).

Nothing here needs the main window: every function takes a widget or a core.race.model.Race. Files are
written to a temporary name beside the target and renamed, so a failure or a cancelled animation
never leaves a partial file.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

import numpy as np

from core.io.files import atomic_path
from core.io.pytorch_code import run_code
from core.io.trajectory_file import trajectory_csv, trajectory_json, trajectory_rows
from surfaces.errors import UserError

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QWidget

    from core.race.model import Race
    from gui.export.figure import FigureStyle, RaceFigure
    from gui.export.swarm_layer import SwarmLayer
    from surfaces.base import CriticalPoint

IMAGE_FORMATS = ("png", "svg", "gif", "mp4")
LOGICAL = (1200, 800)  # figures are laid out at most this large and scaled up beyond it
MIN_LAYOUT = (900, 500)  # ... and at least this large, scaled down below it
FIGURE_BG = "#10151f"
View = tuple[tuple[float, float], tuple[float, float]]  # (x range, y range) of the plot


class ExportError(UserError):
    """An export that cannot be done (bad path, unknown format): one line for the user."""


# --- paths ------------------------------------------------------------------------------------
def output_format(path: str, allowed: tuple[str, ...] = IMAGE_FORMATS) -> str:
    """The format named by the file's extension; ExportError lists the allowed ones."""
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext not in allowed:
        shown = f"'.{ext}'" if ext else "no extension"
        raise ExportError(
            f"cannot export to '{path}' ({shown}); use a file ending in "
            + ", ".join(f".{a}" for a in allowed)
        )
    return ext


def check_writable(path: str) -> None:
    """ExportError naming why `path` cannot be written (missing or read-only folder, a folder)."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise ExportError(f"cannot write '{path}': it is a directory")
    if not os.path.isdir(folder):
        raise ExportError(f"cannot write '{path}': directory '{folder}' does not exist")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise ExportError(f"cannot write '{path}': permission denied")


# --- pictures of widgets ------------------------------------------------------------------------
def render_image(widget: QWidget, size: tuple[int, int], background: str = FIGURE_BG) -> QImage:
    """The widget painted into an image of exactly `size` pixels, centred on the background colour
    if the aspect ratio differs. The image's device pixel ratio does the scaling, as on a high-DPI
    screen: text, lines and pixel-sized markers all stay sharp and keep their proportions."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QPainter

    w, h = max(widget.width(), 1), max(widget.height(), 1)
    k = min(size[0] / w, size[1] / h)
    img = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(k)
    img.fill(QColor(background))
    p = QPainter(img)
    p.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    try:
        p.translate(QPointF((size[0] / k - w) / 2, (size[1] / k - h) / 2))
        _paint(widget, p)
    finally:
        p.end()
    img.setDevicePixelRatio(1.0)
    return img


def _paint(widget: QWidget, p: QPainter) -> None:
    """Paint the widget at its own size in the painter's coordinates (a graphics view renders its
    scene, as vectors)."""
    from PySide6.QtCore import QPoint, QRectF
    from PySide6.QtWidgets import QGraphicsView

    if isinstance(widget, QGraphicsView):
        rect = widget.viewport().rect()
        widget.render(p, QRectF(rect), rect)
    else:
        widget.render(p, QPoint())


def export_image(widget: QWidget, path: str, size: tuple[int, int] | None = None,
                 background: str = FIGURE_BG) -> None:  # fmt: skip
    """Save the widget as PNG (exactly `size` pixels, default its own size; 2× for slides) or SVG
    (vector, `size` sets the document size). The format follows the extension."""
    fmt = output_format(path, ("png", "svg"))
    size = size or (widget.width(), widget.height())
    check_writable(path)
    with atomic_path(path, ExportError) as tmp:
        if fmt == "png":
            if not render_image(widget, size, background).save(tmp, "PNG"):
                raise ExportError(f"could not write '{path}'")
            return
        from PySide6.QtCore import QRect, QSize
        from PySide6.QtGui import QPainter
        from PySide6.QtSvg import QSvgGenerator

        gen = QSvgGenerator()
        gen.setFileName(tmp)
        gen.setSize(QSize(widget.width(), widget.height()))
        gen.setViewBox(QRect(0, 0, widget.width(), widget.height()))
        gen.setResolution(widget.logicalDpiX())  # fonts in points keep the size they have on screen
        gen.setTitle("Gradient Descent Explorer")
        p = QPainter(gen)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            _paint(widget, p)
        finally:
            p.end()
        if not os.path.getsize(tmp):
            raise ExportError(f"could not write '{path}'")


# --- pictures of races --------------------------------------------------------------------------
def logical_size(size: tuple[int, int]) -> tuple[int, int]:
    """Layout size for an output of `size` pixels, same aspect: the output itself from MIN_LAYOUT
    up to LOGICAL; beyond LOGICAL fonts and lines grow with the picture, and below MIN_LAYOUT the
    picture is laid out larger and shrunk, so the title and legend always fit."""
    w, h = size
    k = max(1.0, min(w / LOGICAL[0], h / LOGICAL[1]))
    k = min(k, w / MIN_LAYOUT[0], h / MIN_LAYOUT[1])
    return max(1, round(w / k)), max(1, round(h / k))


def figure_critical(race: Race, view: View | None) -> tuple[CriticalPoint, ...]:
    """The critical points to mark in a picture of view: the race's own inside the surface's
    domain, searched afresh where the view reaches beyond it (as `main.py critical --domain`)."""
    if view is None:
        return race.critical
    (x0, x1), (y0, y1) = view
    d0, d1, e0, e1 = race.surface.domain
    if x0 >= d0 and x1 <= d1 and y0 >= e0 and y1 <= e1:
        return race.critical
    from surfaces.critical import find_critical_points

    try:
        return tuple(find_critical_points(race.surface, (x0, x1, y0, y1)))
    except Exception:  # a failed search must not fail the export; the race's points still help
        return race.critical


def race_figure(race: Race, size: tuple[int, int], log: bool | None = None,
                view: View | None = None, title: str | None = None, *,
                style: FigureStyle | None = None,
                notes: list[str] | None = None) -> RaceFigure:  # fmt: skip
    """An offscreen RaceFigure of the race's recorded runs showing view (default the surface's
    domain), laid out for an output of `size`; ``notes`` replace the runs' loss and status in
    the legend (a swarm's shares). The caller must call ``close()`` on it (REFERENCE.md §6)."""
    from PySide6.QtWidgets import QApplication

    from gui.export.figure import RaceFigure, racers_from_race

    # Heatmap about as fine as the picture's pixels: baked contours stay sharp when drawn.
    grid = int(np.clip(0.9 * max(size), 400, 2048))
    if title is None:
        x, y = (float(v) for v in race.starts[0])
        more = f" (+{len(race.starts) - 1} more)" if len(race.starts) > 1 else ""
        title = f"{race.surface.title or race.surface.name}: start ({x:.3g}, {y:.3g}){more}"
    fig = RaceFigure(race.surface, figure_critical(race, view), racers_from_race(race),
                     race.starts, log=log, view=view, title=title, grid=grid,
                     line_scale=size[0] / logical_size(size)[0], style=style)  # fmt: skip
    fig.notes = notes
    fig.lay_out(logical_size(size))
    fig.draw()
    QApplication.processEvents()
    return fig


def swarm_figure(
    race: Race,
    size: tuple[int, int],
    log: bool | None,
    view: View | None,
    style: FigureStyle | None,
    replay: bool = True,
) -> tuple[RaceFigure, SwarmLayer]:
    """A RaceFigure of the race with its swarm (race.swarm) laid out for ``size``: the swarm is
    replayed from its starts (animations) or drawn as it is now."""
    from gui.export.swarm_layer import SwarmLayer, share_note, swarm_title

    swarm = race.swarm
    notes = [share_note(s) for s in swarm.shares()]  # the widest texts lay the legend out
    fig = race_figure(race, size, log, view, swarm_title(race, swarm), style=style, notes=notes)
    return fig, SwarmLayer(fig, swarm, size[0] / logical_size(size)[0], replay)


def export_race_image(race: Race, path: str, size: tuple[int, int] = LOGICAL,
                      log: bool | None = None, view: View | None = None, *,
                      style: FigureStyle | None = None) -> None:  # fmt: skip
    """The race as PNG or SVG, with a legend of runs and hyperparameters in the picture."""
    output_format(path, ("png", "svg"))
    check_writable(path)
    if race.swarm is not None:
        fig, layer = swarm_figure(race, size, log, view, style, replay=False)
        layer.draw(layer.last)
    else:
        fig = race_figure(race, size, log, view, style=style)
    try:
        export_image(fig.widget, path, size, fig.theme.background)
    finally:
        fig.close()


# --- trajectories and code ------------------------------------------------------------------------
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "run"


def export_trajectories(race: Race, path: str) -> list[str]:
    """Every active run's trajectory as `trace` writes it (CSV columns step,x,y,loss,lr, or a JSON
    list of the same objects; the format follows the extension). One file per run and start point:
    `path` itself if there is only one, else `<stem>-<n>-<run name>[-p<i>].<ext>`. Returns the paths."""
    fmt = output_format(path, ("csv", "json"))
    write = trajectory_csv if fmt == "csv" else trajectory_json
    jobs = []
    stem, ext = os.path.splitext(path)
    slots = race.active()
    for n, s in enumerate(slots, start=1):
        assert s.run is not None
        for i in range(s.run.n_points):
            one = len(slots) == 1 and s.run.n_points == 1
            suffix = "" if s.run.n_points == 1 else f"-p{i + 1}"
            target = path if one else f"{stem}-{n}-{_slug(s.name)}{suffix}{ext}"
            jobs.append((target, write(trajectory_rows(s.run, i))))
    for target, text in jobs:
        check_writable(target)
        with atomic_path(target, ExportError) as tmp, open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
    return [t for t, _ in jobs]


def race_pytorch_code(race: Race, key: int) -> str:
    """The run `key` of the race as a PyTorch script: its rule, hyperparameters and schedule, the
    surface, the first start point and as many steps as it has taken (CodeError if impossible)."""
    r = race.racer(key)
    x, y = (float(v) for v in race.starts[0])
    return run_code(race.surface, r.config, (x, y), r.t)


def copy_pytorch_code(race: Race, key: int) -> str:
    """Put the run's PyTorch code on the clipboard and return it."""
    from PySide6.QtGui import QGuiApplication

    code = race_pytorch_code(race, key)
    QGuiApplication.clipboard().setText(code)
    return code
