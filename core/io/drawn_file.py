"""Drawn-surface files: the JSON document of surfaces/drawn.py, read safely and written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

from core.io.files import parse_json, read_text, write_atomic
from surfaces.base import SurfaceError
from surfaces.drawn import DrawnSurface, drawn_from_dict

MAX_FILE_BYTES = 2_000_000


def save_drawn(surface: DrawnSurface, path: str | os.PathLike[str]) -> None:
    """Write the JSON file atomically: a temporary file in the same folder, then os.replace."""
    write_atomic(path, json.dumps(surface.to_dict(), indent=1, allow_nan=False) + "\n")


def load_drawn(path: str | os.PathLike[str]) -> DrawnSurface:
    """Read a drawn-surface JSON file; any problem raises SurfaceError naming the file and the fault."""
    p = Path(path)
    text = read_text(p, SurfaceError, "drawn surface", MAX_FILE_BYTES)
    try:
        return drawn_from_dict(parse_json(text, SurfaceError))
    except SurfaceError as e:
        raise SurfaceError(f"{p}: {e}") from None
