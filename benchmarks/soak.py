"""A long race in the real window, as a user leaves it playing: 3 noisy runs at ×1000 for a given
time, with the window's own timer. Every ``--every`` seconds it reads the step rate since the last
reading and the key response: a real Space key press posted to the window (pause), timed until
the race reports it stopped, then another (play). Prints one JSON line per reading, so a rate or
a response that grows over the hour shows in the lines.

    python -m benchmarks.soak --minutes 60 --every 60 > soak.jsonl

Not part of ``benchmarks.run`` (it takes as long as you ask); bench_long_race measures the same
tick with full trails in seconds.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.soak")
    p.add_argument("--minutes", type=float, default=60.0)
    p.add_argument("--every", type=float, default=60.0, help="seconds between readings")
    p.add_argument("--speed", type=int, default=1000, help="updates per tick")
    args = p.parse_args(argv)
    from benchmarks.timing import shown_window

    with shown_window() as (app, win):
        _soak(app, win, args)
    return 0


def _soak(app, win, args: argparse.Namespace) -> None:
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    c = win.explorer.controller
    for r in list(c.racers):
        c.edit_run(r.key, {"estimate_kind": "noise", "sigma": 5.0})
    c.set_speed(args.speed, 60)

    def post_space() -> None:
        target = QApplication.focusWidget() or win
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            app.postEvent(
                target, QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ")
            )

    state = {"t": c.race.t, "clock": time.perf_counter(), "rate": 0.0, "sent": 0.0, "ms": []}
    start = time.perf_counter()

    def reading() -> None:  # the window's own event loop runs between readings, as for a user
        now, t = time.perf_counter(), c.race.t
        state["rate"] = (t - state["t"]) / (now - state["clock"])
        state["step"], state["ms"], state["sent"] = t, [], time.perf_counter()
        post_space()  # pause

    def changed(_on: bool) -> None:
        if not state["sent"]:
            return
        state["ms"].append((time.perf_counter() - state["sent"]) * 1000)
        if len(state["ms"]) == 1:
            state["sent"] = time.perf_counter()
            post_space()  # play again
            return
        state["sent"] = 0.0
        state["t"], state["clock"] = c.race.t, time.perf_counter()
        line = {"minutes": round((state["clock"] - start) / 60, 2), "step": state["step"],
                "steps_per_s": round(state["rate"]), "pause_key_ms": round(state["ms"][0], 1),
                "play_key_ms": round(state["ms"][1], 1), "playing": c.playing,
                "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}  # fmt: skip
        print(json.dumps(line), flush=True)

    c.sigPlayingChanged.connect(changed)
    every = QTimer(interval=round(args.every * 1000))
    every.timeout.connect(reading)
    every.start()
    QTimer.singleShot(round(args.minutes * 60_000), app.quit)
    win.activateWindow()
    c.play()
    app.exec()
    c.pause()


if __name__ == "__main__":
    sys.exit(main())
