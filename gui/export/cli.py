"""`main.py export`: build the race the flags describe, render it to PNG, SVG, GIF or MP4 offscreen."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

import numpy as np

from core.cli.args import CliError, load_surface, run_config
from gui.export.render import ExportError, check_writable, output_format

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from core.race.model import Race


def _application() -> QCoreApplication:
    """The QApplication, created offscreen if there is none yet (exports need no display)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        import pyqtgraph as pg

        pg.setConfigOptions(antialias=True)
        app = QApplication(sys.argv[:1])
        from gui.i18n.language import start

        start("en")  # pictures made on the command line are English (with English plurals)
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
    while left > 0 and not all(s.run is not None and s.run.diverged.all() for s in race.active()):
        k = min(left, 1000)
        race.step(k)
        left -= k
    return race


def export(args: argparse.Namespace) -> int:
    """Render the race to --out (PNG, SVG, GIF or MP4, from the extension); 0 on success."""
    from gui.export.figure import FigureStyle
    from gui.export.formats import ANIMATED, export_race_file

    fmt = output_format(args.out)
    if args.fps is not None and fmt not in ANIMATED:
        raise ExportError(f"--fps applies to .gif and .mp4 only, not .{fmt}")
    check_writable(args.out)
    race = build_race(args)
    app = _application()
    style = FigureStyle(theme=args.theme, legend=not args.no_legend)
    view = None if args.domain is None else (tuple(args.domain[:2]), tuple(args.domain[2:]))
    try:
        export_race_file(race, args.out, args.size, view=view, style=style, fps=args.fps)
    finally:
        app.processEvents()  # deliver the figures' deleteLater before the interpreter exits
    for s in race.active():
        assert s.run is not None
        if s.run.diverged.any():
            at = int(s.run.stopped_at[s.run.diverged][0]) + 1
            print(f"note: {s.name} diverged at step {at}", file=sys.stderr)
    w, h = args.size
    if fmt == "mp4":
        from gui.export.video import even_size

        w, h = even_size(args.size)
    print(f"wrote {args.out} ({w}×{h})")
    return 0
