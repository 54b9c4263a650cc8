"""Surfaces the user saved under a name (a typed formula or a drawing), one JSON file each.

A broken or unreadable file only loses itself: ``load`` skips it and reports why, so one bad file
never hides the others. Files: {"version": 1, "name": NAME, "formula": EXPR, "domain": [x0, x1,
y0, y1]} or {"version": 1, "name": NAME, "drawn": <a drawn-surface document, surfaces/drawn.py>};
written atomically (temporary file + rename) into a folder the caller chooses.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.io.files import write_atomic
from surfaces.base import Surface, SurfaceError
from surfaces.drawn import DrawnSurface, drawn_from_dict
from surfaces.formula import FormulaSurface

VERSION = 1
GROUP = "Your surfaces"
PREFIX = "user:"  # registry-free names of saved surfaces: "user:<name>"
MAX_NAME = 60
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class UserPreset:
    """A saved surface: its name, the file it lives in and its document (validated)."""

    name: str
    path: Path
    doc: dict[str, Any]

    @property
    def key(self) -> str:
        return PREFIX + self.name

    @property
    def summary(self) -> str:
        """One line for a tooltip: the formula, or what the drawing is made of."""
        if "formula" in self.doc:
            return f"f(x, y) = {self.doc['formula']}"
        d = self.doc["drawn"]
        base = d["base"].get("formula") or d["base"].get("surface")
        return f"{len(d['bumps'])} bumps drawn on {base}"

    def build(self) -> Surface:
        """A fresh surface, named so the surface list can find it again."""
        s = build_surface(self.doc)
        s.name, s.title, s.group = self.key, self.name, GROUP
        s.description = f"Saved surface “{self.name}”: {self.summary}."
        return s


def check_name(name: str) -> str:
    """The name stripped; SurfaceError if empty, too long or with control characters."""
    n = name.strip()
    if not n:
        raise SurfaceError("a saved surface needs a name")
    if len(n) > MAX_NAME:
        raise SurfaceError(f"name too long ({len(n)} characters; at most {MAX_NAME})")
    if any(ord(c) < 32 for c in n):
        raise SurfaceError("the name may not contain control characters")
    return n


def surface_doc(surface: Surface, name: str) -> dict[str, Any]:
    """The document saving ``surface`` under ``name``; SurfaceError for surfaces that cannot be
    rebuilt from a file (a network slice, a data set's loss)."""
    name = check_name(name)
    if isinstance(surface, DrawnSurface):
        doc: dict[str, Any] = {"version": VERSION, "name": name, "drawn": surface.to_dict()}
    elif isinstance(surface, FormulaSurface):
        doc = {"version": VERSION, "name": name, "formula": surface.expr.strip(),
               "domain": list(surface.domain)}  # fmt: skip
    else:
        raise SurfaceError(f"only typed formulas and drawings can be saved, not {surface.title}")
    build_surface(doc)  # a drawing on a surface that is not in the list would not load again
    return doc


def build_surface(doc: object) -> Surface:
    """The surface a document describes; SurfaceError (user-facing) if it is malformed."""
    if not isinstance(doc, dict):
        raise SurfaceError("expected a JSON object")
    v = doc.get("version")
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        raise SurfaceError(f"'version' must be a whole number ≥ 1 (this app writes {VERSION})")
    if v > VERSION:
        raise SurfaceError(f"version {v} is newer than this app reads ({VERSION})")
    if not isinstance(doc.get("name"), str):
        raise SurfaceError("'name' must be a string")
    check_name(doc["name"])
    if ("formula" in doc) == ("drawn" in doc):
        raise SurfaceError("needs exactly one of 'formula' or 'drawn'")
    if "drawn" in doc:
        try:
            return drawn_from_dict(doc["drawn"])
        except RecursionError:
            raise SurfaceError("drawing nested too deeply") from None
    expr, domain = doc["formula"], doc.get("domain", [-3.0, 3.0, -3.0, 3.0])
    if not isinstance(expr, str):
        raise SurfaceError("'formula' must be a string")
    if not isinstance(domain, list) or len(domain) != 4:
        raise SurfaceError("'domain' must be a list of four numbers")
    return FormulaSurface(expr, tuple(domain))


def _slug(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_")[:40]
    return s or "surface"


class UserPresetStore:
    """The folder of saved surfaces. Never raises on reading: bad files are reported and skipped."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def load(self) -> tuple[list[UserPreset], list[str]]:
        """(presets sorted by name, one message per file skipped)."""
        presets: dict[str, UserPreset] = {}
        problems: list[str] = []
        if not self.folder.is_dir():
            return [], []
        for p in sorted(self.folder.glob("*.json")):
            try:
                preset = self._read(p)
            except SurfaceError as e:
                problems.append(f"skipped saved surface {p.name}: {e}")
                continue
            if preset.name in presets:
                problems.append(f"skipped saved surface {p.name}: the name “{preset.name}” "
                                f"is also in {presets[preset.name].path.name}")  # fmt: skip
                continue
            presets[preset.name] = preset
        return sorted(presets.values(), key=lambda q: q.name.casefold()), problems

    def _read(self, p: Path) -> UserPreset:
        try:
            if p.stat().st_size > MAX_FILE_BYTES:
                raise SurfaceError("file larger than 2 MB")
            text = p.read_text(encoding="utf-8")
            doc = json.loads(text)
        except OSError as e:
            raise SurfaceError(f"cannot read it ({e.strerror or e})") from None
        except UnicodeDecodeError:
            raise SurfaceError("not a UTF-8 text file") from None
        except json.JSONDecodeError as e:
            raise SurfaceError(f"not valid JSON ({e.msg} at line {e.lineno})") from None
        except RecursionError:
            raise SurfaceError("JSON nested too deeply") from None
        build_surface(doc)
        return UserPreset(doc["name"].strip(), p, doc)

    def save(self, surface: Surface, name: str) -> UserPreset:
        """Save (or replace, if the name exists) atomically; returns the stored preset."""
        doc = surface_doc(surface, name)
        self.folder.mkdir(parents=True, exist_ok=True)
        existing = {q.name: q for q in self.load()[0]}
        if doc["name"] in existing:
            target = existing[doc["name"]].path
        else:
            stem, k = _slug(doc["name"]), 1
            target = self.folder / f"{stem}.json"
            while target.exists():
                k += 1
                target = self.folder / f"{stem}-{k}.json"
        write_atomic(target, json.dumps(doc, indent=1, allow_nan=False, ensure_ascii=False) + "\n")
        return UserPreset(doc["name"], target, doc)

    def delete(self, name: str) -> bool:
        """Remove the preset called ``name``; False if there is none."""
        for q in self.load()[0]:
            if q.name == name:
                q.path.unlink(missing_ok=True)
                return True
        return False
