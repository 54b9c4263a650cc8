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
