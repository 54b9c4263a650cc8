"""core/ and surfaces/ never load Qt (STYLE.md): checked in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_and_surfaces_import_without_qt():
    mods = [
        f"{pkg}.{m.name}"
        for pkg in ("core", "surfaces")
        for m in pkgutil.iter_modules([str(ROOT / pkg)])
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {mods!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
        "print(','.join(bad))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "", f"Qt modules loaded: {p.stdout}"
    assert len(mods) >= 10
