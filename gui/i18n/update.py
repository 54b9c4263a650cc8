"""Refresh the translations: ``python -m gui.i18n.update`` (or ``make translations``).

1. ``pyside6-lupdate`` reads every source file of gui/, core/ and surfaces/ and adds each new
   text to every gd_explorer_<lang>.ts (a text no longer in the code is dropped);
2. translate the new entries in Qt Linguist (``pyside6-linguist gui/i18n/gd_explorer_ru.ts``);
3. ``pyside6-lrelease`` compiles each .ts into the .qm the window loads (run this again).

A new language is a new .ts: ``python -m gui.i18n.update --new de`` creates
gd_explorer_de.ts; once translated and compiled, View > Language offers it (no code change)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from gui.i18n import CATALOG, FOLDER

ROOT = FOLDER.parent.parent
PACKAGES = ("gui", "core", "surfaces")


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this Python (the venv's), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e .)")
    return found


def sources(root: Path = ROOT) -> list[str]:
    """Every Python file whose texts the window may show, in a stable order."""
    return sorted(str(p) for pkg in PACKAGES for p in (root / pkg).rglob("*.py"))


def catalogs(folder: Path = FOLDER) -> list[Path]:
    return sorted(folder.glob(f"{CATALOG}_*.ts"))


def lupdate(ts_files: list[Path], root: Path = ROOT) -> str:
    """Refresh the .ts files from the sources (no file locations: the files stay stable). The
    English one holds only the plural forms ("%n step(s)" → 1 step, 2 steps): the source
    texts are English already."""
    out = []
    for ts in ts_files:
        only = ["-pluralonly"] if ts.stem == f"{CATALOG}_en" else []
        cmd = [tool("pyside6-lupdate"), *sources(root), "-locations", "none", "-no-obsolete",
               *only, "-ts", str(ts)]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        out.append(done.stdout + done.stderr)
    return "".join(out)


def lrelease(ts: Path, qm: Path | None = None) -> Path:
    """Compile one .ts (next to it unless qm is given)."""
    qm = qm or ts.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], capture_output=True,
                   check=True)  # fmt: skip
    return qm


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m gui.i18n.update", description=__doc__.split("\n")[0]
    )
    p.add_argument("--new", metavar="LANG", help="start a translation into LANG (e.g. de)")
    p.add_argument("--no-compile", action="store_true", help="only refresh the .ts files")
    args = p.parse_args(argv)
    files = catalogs()
    if args.new:
        files.append(FOLDER / f"{CATALOG}_{args.new}.ts")
    print(lupdate(files), end="")
    for ts in [] if args.no_compile else files:
        print(f"compiled {lrelease(ts).name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
