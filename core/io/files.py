"""File helpers shared by everything the app writes and reads (scenes, drawn and saved surfaces,
network files, exported pictures and trajectories): atomic writes, and reads whose every failure is
one user-facing line."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

MAX_BYTES = 20_000_000  # no file of ours comes near this; a bigger one is not ours


@contextmanager
def atomic_path(
    path: str | os.PathLike[str], error: type[Exception] | None = None
) -> Iterator[str]:
    """A new temporary file beside path, for a writer that needs a file name (Qt, Pillow, open):
    when the block succeeds the file is synced to disk and renamed over path; if it raises, the
    file is removed. A crash at any moment leaves the old file or the new one, never a partial
    one. The file gets ordinary permissions (the umask's) and path's extension.

    With `error`, failing to create or rename the temporary raises error("cannot write ...")."""
    target = Path(path)
    try:
        tmp = _create_beside(target)
    except OSError as e:
        if error is None:
            raise
        raise error(f"cannot write '{path}': {e.strerror or e}") from None
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.replace(tmp, target)
        except OSError as e:
            if error is None:
                raise
            raise error(f"cannot write '{path}': {e.strerror or e}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _create_beside(target: Path) -> str:
    """Create a hidden, empty file with a fresh name in target's folder; return its name."""
    for _ in range(100):
        tmp = target.with_name(f".{target.stem}.{secrets.token_hex(4)}{target.suffix}")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return str(tmp)
    raise FileExistsError(f"no free temporary name beside '{target}'")


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text to path atomically (see atomic_path)."""
    with (
        atomic_path(path) as tmp,
        os.fdopen(os.open(tmp, os.O_WRONLY | os.O_TRUNC), "w", encoding="utf-8") as fh,
    ):
        fh.write(text)


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
        # some of json's messages end in "at" ("Unterminated string starting at"): no "at at"
        msg = e.msg.removesuffix(" at")
        raise error(f"not valid JSON ({msg} at line {e.lineno} column {e.colno})") from None
    except RecursionError:
        raise error("JSON nested too deeply") from None
