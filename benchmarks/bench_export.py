"""Exports of a 300-step three-run race on Himmelblau at 1200×800: the PNG (figure build, layout,
render, write) and one rendered frame, the GIF (120 frames, palette, dither, write) and the MP4
(301 frames + 2 s held at 25 fps, H.264)."""

from __future__ import annotations

import os
import tempfile
import time


def run() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    import main
    from benchmarks.timing import best_seconds
    from gui.export.cli import build_race
    from gui.export.gif import export_race_gif
    from gui.export.render import export_race_image, race_figure, render_image
    from gui.export.video import export_race_mp4

    app = QApplication.instance() or QApplication([])

    def race(steps: int):
        argv = ["export", "--surface", "himmelblau", "--optimizer", "gd,momentum,adam", "--lr",
                "0.01", "--start", "0,-4.5", "--steps", str(steps), "--out", "x.png"]  # fmt: skip
        return build_race(main.parse_args(argv))

    r300 = race(300)
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as d:
        png, gif, mp4 = (os.path.join(d, f"r.{ext}") for ext in ("png", "gif", "mp4"))
        out["export_png_1200x800_ms"] = (
            best_seconds(lambda: export_race_image(r300, png, (1200, 800)), 3) * 1e3
        )
        fig = race_figure(r300, (1200, 800))
        out["render_frame_1200x800_ms"] = (
            best_seconds(lambda: render_image(fig.widget, (1200, 800)), 5) * 1e3
        )
        fig.close()
        t = time.perf_counter()
        export_race_gif(r300, gif, (1200, 800))
        out["export_gif_300_steps_1200x800_s"] = time.perf_counter() - t
        out["export_gif_300_steps_1200x800_mb"] = os.path.getsize(gif) / 1e6
        t = time.perf_counter()
        export_race_mp4(r300, mp4, (1200, 800))
        out["export_mp4_300_steps_1200x800_s"] = time.perf_counter() - t
        out["export_mp4_300_steps_1200x800_mb"] = os.path.getsize(mp4) / 1e6
    app.processEvents()
    return out
