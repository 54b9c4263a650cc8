"""core/ and surfaces/ never load Qt (STYLE.md), nor do the command-line handlers other than
export: checked in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_surfaces_and_the_qt_free_commands_run_without_qt(tmp_path: Path) -> None:
    mods = [
        m.name
        for pkg in ("core", "surfaces")
        for m in pkgutil.walk_packages([str(ROOT / pkg)], prefix=f"{pkg}.")
    ]
    commands = [
        ["trace", "--surface", "booth", "--optimizer", "adam", "--start", "1,1", "--steps", "5"],
        ["critical", "--formula", "x**2 - y**2"],
        ["basins", "--surface", "booth", "--optimizer", "gd", "--steps", "5", "--grid", "4",
         "--out", str(tmp_path / "map.png")],
    ]  # fmt: skip
    code = (
        "import contextlib, importlib, io, sys\n"
        f"for m in {mods!r}: importlib.import_module(m)\n"
        "import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    codes = [main.main(argv) for argv in {commands!r}]\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
        "print(codes, ','.join(bad))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[0, 0, 0]", f"exit codes, Qt modules loaded: {p.stdout}"
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(mods) >= 40 and "core.cli.args" in mods and "surfaces.formula.parse" in mods


def test_the_race_model_runs_with_events_without_qt():
    """The Explorer's model (core.race) in a fresh interpreter: a race is built, edited, selected
    and stepped, every change arrives as one event with its new value, and no Qt module loads."""
    code = """
import sys
import numpy as np
from core.race.model import Race
from core.race.scene import race_scene, restore_race
from surfaces.registry import get_surface

race = Race(get_surface("booth"), critical=())
seen = []
race.events.all.connect(lambda info: seen.append((info.signal.name, info.args)))
gd = race.add_racer("gd", 0.05)
adam = race.add_racer("adam", 0.1)
race.restart_at(0.0, 0.0)
race.step(2)
race.edit(gd.key, lr=0.02)
race.select(adam.key)
race.set_view_range((-2, 2, -1, 3))
race.set_speed(5, 30)
race.step(1)
names = [n for n, _ in seen]
assert names == ["racers", "selected", "racers", "starts", "stepped", "racers", "selected",
                 "view_range", "speed", "stepped"], names
args = dict(seen[::-1])  # the first event of each name
assert args["selected"] == (gd,) and seen[6][1] == (adam,)
assert np.array_equal(args["starts"][0], [[0.0, 0.0]])
assert args["stepped"] == (2,) and seen[-1][1] == (3,)
assert args["view_range"] == ((-2.0, 2.0, -1.0, 3.0),) and args["speed"] == (5, 30)
# GD on Booth from (0, 0): grad = (2(x+2y-7) + 4(2x+y-5), 4(x+2y-7) + 2(2x+y-5)) = (-34, -38)
w1 = np.array([0.0, 0.0]) + 0.05 * np.array([34.0, 38.0])
x, y = w1
g = np.array([2 * (x + 2 * y - 7) + 4 * (2 * x + y - 5), 4 * (x + 2 * y - 7) + 2 * (2 * x + y - 5)])
w2 = w1 - 0.05 * g
x, y = w2
g = np.array([2 * (x + 2 * y - 7) + 4 * (2 * x + y - 5), 4 * (x + 2 * y - 7) + 2 * (2 * x + y - 5)])
assert np.allclose(gd.run.w[0], w2 - 0.02 * g, rtol=0, atol=1e-12)
copy = Race(get_surface("booth"), critical=())
restore_race(copy, race_scene(race))
assert copy.selected.name == "Adam" and copy.speed == (5, 30)
assert np.array_equal(copy.racers[0].run.w, gd.run.w)
print(",".join(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6")))
"""
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "", f"Qt modules loaded: {p.stdout}"
