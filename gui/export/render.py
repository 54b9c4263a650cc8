"""Exports of the Explorer: pictures (PNG at any size, SVG), animated GIFs of a race replayed from
step 0, trajectories as CSV/JSON and the selected run as PyTorch code; and `main.py export`.

Nothing here needs the main window: every function takes a widget or a core.race.model.Race. Files are
written to a temporary name beside the target and renamed, so a failure or a cancelled animation
never leaves a partial file.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

from core.cli.common import CliError, load_surface, run_config
from core.io.pytorch_code import pytorch_code, trajectory_csv, trajectory_json, trajectory_rows

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QWidget

    from core.race.model import Race
    from gui.export.figure import RaceFigure

IMAGE_FORMATS = ("png", "svg", "gif")
LOGICAL = (1200, 800)  # figures are laid out at most this large and scaled up beyond it
MIN_LAYOUT = (900, 500)  # ... and at least this large, scaled down below it
FIGURE_BG = "#10151f"
View = tuple[tuple[float, float], tuple[float, float]]  # (x range, y range) of the plot


class ExportError(CliError):
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


@contextmanager
def atomic_path(path: str) -> Iterator[str]:
    """A temporary file name beside `path`, renamed onto it on success and removed otherwise."""
    check_writable(path)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=os.path.splitext(path)[1], dir=folder)
    except OSError as e:
        raise ExportError(f"cannot write '{path}': {e.strerror or e}") from None
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a picture is an ordinary file
    try:
        yield tmp
        try:
            os.replace(tmp, path)
        except OSError as e:
            raise ExportError(f"cannot write '{path}': {e.strerror or e}") from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


# --- pictures of widgets ------------------------------------------------------------------------
def render_image(widget: QWidget, size: tuple[int, int]) -> QImage:
    """The widget painted into an image of exactly `size` pixels, centred on the figure background
    if the aspect ratio differs. The image's device pixel ratio does the scaling, as on a high-DPI
    screen: text, lines and pixel-sized markers all stay sharp and keep their proportions."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QPainter

    w, h = max(widget.width(), 1), max(widget.height(), 1)
    k = min(size[0] / w, size[1] / h)
    img = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(k)
    img.fill(QColor(FIGURE_BG))
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


def export_image(widget: QWidget, path: str, size: tuple[int, int] | None = None) -> None:
    """Save the widget as PNG (exactly `size` pixels, default its own size; 2× for slides) or SVG
    (vector, `size` sets the document size). The format follows the extension."""
    fmt = output_format(path, ("png", "svg"))
    size = size or (widget.width(), widget.height())
    with atomic_path(path) as tmp:
        if fmt == "png":
            if not render_image(widget, size).save(tmp, "PNG"):
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


def race_figure(race: Race, size: tuple[int, int], log: bool | None = None,
                view: View | None = None,
                title: str | None = None) -> RaceFigure:  # fmt: skip
    """An offscreen RaceFigure of the race's recorded runs, laid out for an output of `size`.
    The caller must call ``close()`` on it (see REFERENCE.md §6)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from gui.export.figure import RaceFigure, racers_from_race

    # Heatmap about as fine as the picture's pixels: baked contours stay sharp when drawn.
    grid = int(np.clip(0.9 * max(size), 400, 2048))
    if title is None:
        x, y = (float(v) for v in race.starts[0])
        more = f" (+{len(race.starts) - 1} more)" if len(race.starts) > 1 else ""
        title = f"{race.surface.title or race.surface.name}: start ({x:.3g}, {y:.3g}){more}"
    fig = RaceFigure(race.surface, race.critical, racers_from_race(race), race.starts,
                     log=log, view=view, title=title, grid=grid,
                     line_scale=size[0] / logical_size(size)[0])  # fmt: skip
    fig.widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    fig.widget.resize(*logical_size(size))
    fig.widget.show()
    QApplication.processEvents()
    if view is None:  # the layout changed the plot's aspect: show the whole domain again
        x0, x1, y0, y1 = race.surface.domain
        fig.widget.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
    fig.draw()
    QApplication.processEvents()
    return fig


def export_race_image(race: Race, path: str, size: tuple[int, int] = LOGICAL,
                      log: bool | None = None,
                      view: View | None = None) -> None:  # fmt: skip
    """The race as PNG or SVG, with a legend of runs and hyperparameters in the picture."""
    output_format(path, ("png", "svg"))
    check_writable(path)
    fig = race_figure(race, size, log, view)
    try:
        export_image(fig.widget, path, size)
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
        with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
    return [t for t, _ in jobs]


def race_pytorch_code(race: Race, key: int) -> str:
    """The run `key` of the race as a PyTorch script: its rule, hyperparameters and schedule, the
    surface, the first start point and as many steps as it has taken (CodeError if impossible)."""
    r = race.racer(key)
    c = r.config
    x, y = (float(v) for v in race.starts[0])
    return pytorch_code(race.surface, c.rule, c.hyper, c.schedule, c.estimate, (x, y), r.t,
                        c.seed)  # fmt: skip


def copy_pytorch_code(race: Race, key: int) -> str:
    """Put the run's PyTorch code on the clipboard and return it."""
    from PySide6.QtGui import QGuiApplication

    code = race_pytorch_code(race, key)
    QGuiApplication.clipboard().setText(code)
    return code


# --- main.py export -----------------------------------------------------------------------------
def _application():
    """The QApplication, created offscreen if there is none yet (exports need no display)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        import pyqtgraph as pg

        pg.setConfigOptions(antialias=True)
        app = QApplication(sys.argv[:1])
    return app


def build_race(args: argparse.Namespace) -> Race:
    """The race `main.py export` describes, run for --steps steps (each rule with the command's
    hyperparameters and its own defaults)."""
    from core.race.model import Race

    surface = load_surface(args)
    rules = [r.strip() for r in args.optimizer.split(",")]
    if not all(rules):
        raise CliError(f"--optimizer '{args.optimizer}': empty rule name in the comma list")
    specs = [run_config(args, surface, r) for r in rules]
    start = np.array([args.start], dtype=np.float64)
    with np.errstate(all="ignore"):
        if not np.isfinite(surface.value(start)).all():
            raise CliError(f"the start point {tuple(args.start)} has a non-finite loss")
    race = Race(surface)
    race.restart_at(*map(float, args.start))
    for spec in specs:
        race.add_racer(spec)
    left = args.steps
    while left > 0 and not all(s.run.diverged.all() for s in race.active()):
        k = min(left, 1000)
        race.step(k)
        left -= k
    return race


def export_cli(args: argparse.Namespace) -> int:
    """`main.py export`: render the race to PNG, SVG or GIF; 0 on success (2 via USER_ERRORS)."""
    fmt = output_format(args.out)
    check_writable(args.out)
    race = build_race(args)
    app = _application()
    try:
        if fmt == "gif":
            from gui.export.gif import export_race_gif

            export_race_gif(race, args.out, args.size)
        else:
            export_race_image(race, args.out, args.size)
    finally:
        app.processEvents()  # deliver the figures' deleteLater before the interpreter exits
    for s in race.active():
        assert s.run is not None
        if s.run.diverged.any():
            at = int(s.run.stopped_at[s.run.diverged][0]) + 1
            print(f"note: {s.name} diverged at step {at}", file=sys.stderr)
    print(f"wrote {args.out} ({args.size[0]}×{args.size[1]})")
    return 0
