"""File helpers shared by every JSON format the app reads and writes (scenes, drawn and saved
surfaces, network files): atomic writes, and reads whose every failure is one user-facing line."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

MAX_BYTES = 20_000_000  # no file of ours comes near this; a bigger one is not ours


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write text to a temporary file beside path, fsync it, then rename it over path: a crash at
    any moment leaves either the old file or the new one, and never a stray temporary file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_text(
    path: str | os.PathLike[str],
    error: type[Exception],
    what: str,
    max_bytes: int = MAX_BYTES,
) -> str:
    """The UTF-8 text of a file; a missing, unreadable, oversized or binary file raises error."""
    p = Path(path)
    try:
        if p.stat().st_size > max_bytes:
            raise error(f"{p.name}: larger than {max_bytes // 1_000_000} MB")
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"no such {what} file: {p}") from None
    except OSError as e:
        raise error(f"cannot read {what} '{p}': {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise error(f"{p.name}: not a text (UTF-8) file") from None


def parse_json(
    text: str, error: type[Exception], parse_constant: Callable[[str], object] | None = None
) -> object:
    """json.loads whose failures raise error with the position of the fault."""
    try:
        return json.loads(text, parse_constant=parse_constant)
    except json.JSONDecodeError as e:
        raise error(f"not valid JSON ({e.msg} at line {e.lineno} column {e.colno})") from None
    except RecursionError:
        raise error("JSON nested too deeply") from None
