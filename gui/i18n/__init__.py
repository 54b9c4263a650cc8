"""The window's language: the translations of the interface (gd_explorer_<lang>.ts, compiled to
.qm next to them) and the one holder of the current language (language.py). This module stays
Qt-free so the command line can list the languages without loading Qt."""

from __future__ import annotations

from pathlib import Path

from core.lessons.language import LANGUAGES

FOLDER = Path(__file__).resolve().parent
CATALOG = "gd_explorer"  # gd_explorer_<lang>.ts / .qm


def languages() -> tuple[str, ...]:
    """The languages the window offers: the lessons' ones and every compiled translation."""
    found = sorted(p.stem.removeprefix(CATALOG + "_") for p in FOLDER.glob(f"{CATALOG}_*.qm"))
    return tuple(dict.fromkeys((*LANGUAGES, *found)))
