"""Opening a scene without stored states (version 2) of 3 runs x 355 000 steps in the window, as
File > Open does (or, with ``--start``, as the autosave restore of a fresh window at start-up):
the time until the window first repaints after the open is asked for (at start-up: after show()),
the longest gap between two ticks of a 50 ms timer meanwhile (how long a click waits), and the
whole replay, in wall-clock and CPU time. ``--sync`` replays on the GUI thread as before the
background replay (gui.scene_replay.SYNC_STEPS unlimited). Not part of benchmarks/run.py (it
takes a minute): ``python -m benchmarks.measure_scene_open [steps] [--start] [--sync]``."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path


def v2_scene(path: Path, steps: int) -> None:
    """A version-2 scene file (no stored states) of the default race's 3 runs at ``steps``."""
    from core.io.scene import scene_to_dict
    from core.race.model import Race
    from core.race.scene import race_scene
    from surfaces.registry import get_surface

    race = Race(get_surface("himmelblau"), critical=())
    for rule, lr in (("gd", 0.002), ("momentum", 0.002), ("adam", 0.05)):
        race.add_racer(rule, lr)
    doc = scene_to_dict(race_scene(race))
    doc["version"] = 2
    for r in doc["runs"]:
        r.pop("state", None)
        r["steps"] = steps
    path.write_text(json.dumps(doc))


def main(steps: int = 355_000, start: bool = False, sync: bool = False) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import gui.scene_replay
    from gui.main_window import MainWindow
    from gui.session import install

    if sync:
        gui.scene_replay.SYNC_STEPS = 10**12

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as d:
        os.environ["GDE_DATA_DIR"] = str(Path(d) / "data")
        path = Path(d) / "v2.json"
        v2_scene(path, steps)
        if start:
            (Path(d) / "data").mkdir()
            (Path(d) / "data" / "autosave.json").write_bytes(path.read_bytes())
        win = MainWindow()
        win.resize(1280, 800)
        session = install(win)
        t: dict[str, float] = {}
        ticks: list[float] = []

        class Paints(QObject):
            def eventFilter(self, obj, ev):
                if ev.type() == QEvent.Type.Paint and "open" in t and "paint" not in t:
                    t["paint"] = time.perf_counter()
                return False

        paints = Paints()
        win.explorer.plot.viewport().installEventFilter(paints)
        beat = QTimer()
        beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
        beat.start(50)

        def open_it() -> None:
            if not start:
                t["open"], t["cpu0"] = time.perf_counter(), time.process_time()
                win.explorer.plot.viewport().update()  # a repaint is due now (as after an expose)
            (session.restore_autosave if start else lambda: session.report_open(path))()
            t["done"], t["cpu1"] = time.perf_counter(), time.process_time()

        if start:  # as gui.app starts: the restore queued, the window shown, the loop entered
            QTimer.singleShot(0, open_it)
            t["open"], t["cpu0"] = time.perf_counter(), time.process_time()
            win.show()
        else:
            win.show()
            for _ in range(20):
                app.processEvents()
            QTimer.singleShot(0, open_it)
        while "done" not in t:
            app.processEvents()
            time.sleep(0.005)
        for _ in range(5):
            app.processEvents()
        beat.stop()
        assert win.explorer.controller.racers[0].t == steps, "the scene did not open"
        during = [x for x in ticks if t["open"] <= x <= t["done"]]
        gaps = [b - a for a, b in zip([t["open"], *during], [*during, t["done"]], strict=True)]
        out = {
            "first_paint_s": t.get("paint", float("nan")) - t["open"],
            "longest_tick_gap_s": max(gaps),
            "ticks_during_replay": len(during),
            "replay_wall_s": t["done"] - t["open"],
            "replay_cpu_s": t["cpu1"] - t["cpu0"],
        }
        win.shutdown()
        win.close()
        win.deleteLater()
        app.processEvents()
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(json.dumps(main(*(int(a) for a in args), start="--start" in sys.argv,
                          sync="--sync" in sys.argv), indent=1))  # fmt: skip
