"""The data folder of a window: where its autosave and UI settings live, locked so that two
windows never write one autosave.

The folder is QStandardPaths' AppDataLocation, or $GDE_DATA_DIR when set (tests point it at a
temporary folder). The first window on a folder holds ``window.lock`` and autosaves to
``autosave.json``; a second one, while the first is open, holds ``window-2.lock`` and keeps its
own ``autosave-2.json``, and so on. A lock left by a killed window is stale (its process is gone)
and is taken over. A folder that cannot be created or written leaves autosave off, with the
reason, and the window starts anyway."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths

MAX_WINDOWS = 9  # windows on one folder, each with its own autosave
KEEP_BROKEN = 5  # broken autosaves kept aside, newest first


def folder_path() -> Path:
    """The data folder's path (not created)."""
    override = os.environ.get("GDE_DATA_DIR")
    base = override or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation
    )
    return Path(base or Path.home() / ".gd-explorer")


@dataclass
class DataFolder:
    """A window's share of the data folder: its autosave file, and why autosave is off if it is."""

    path: Path
    autosave: Path
    problem: str | None = None  # autosave is off for this reason
    note: str | None = None  # what the user should know (another window has the folder)
    lock: QLockFile | None = None

    @property
    def writable(self) -> bool:
        return self.problem is None

    def release(self) -> None:
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def _probe(path: Path) -> str | None:
    """Why files cannot be written in path (None if they can): tries one."""
    probe = path / f".write-test.{secrets.token_hex(4)}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        return e.strerror or str(e)
    return None


def open_folder(path: Path | None = None) -> DataFolder:
    """Create (if needed), check and lock the data folder for one window."""
    path = path or folder_path()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        why = f"cannot create the data folder {path} ({e.strerror or e})"
        return DataFolder(path, path / "autosave.json", problem=why)
    reason = _probe(path)
    if reason is not None:
        why = f"cannot write in the data folder {path} ({reason})"
        return DataFolder(path, path / "autosave.json", problem=why)
    for i in range(1, MAX_WINDOWS + 1):
        suffix = "" if i == 1 else f"-{i}"
        lock = QLockFile(str(path / f"window{suffix}.lock"))
        lock.setStaleLockTime(0)  # held as long as the window is open; a dead owner's is stale
        if lock.tryLock(0):
            auto = path / f"autosave{suffix}.json"
            note = None if i == 1 else (
                f"Another window uses the data folder: this one keeps its own autosave ({auto.name})"
            )  # fmt: skip
            remove_leftovers(auto)
            return DataFolder(path, auto, note=note, lock=lock)
    why = f"{MAX_WINDOWS} windows already use the data folder {path}"
    return DataFolder(path, path / "autosave.json", problem=why)


def remove_leftovers(autosave: Path) -> list[Path]:
    """Delete the temporary files an interrupted write of this autosave left (ours alone: this
    window holds its lock). Returns what was removed."""
    stem, suffix = re.escape(autosave.stem), re.escape(autosave.suffix)
    ours = re.compile(rf"^\.{stem}\.[0-9a-f]{{8}}{suffix}$|^\.{re.escape(autosave.name)}\..*\.tmp$")
    gone = []
    for p in autosave.parent.iterdir():
        if ours.match(p.name):
            with contextlib.suppress(OSError):
                p.unlink()
                gone.append(p)
    return gone


def put_aside(autosave: Path, why: str = "broken") -> Path:
    """Move an autosave aside under a name with ``why`` (a broken one, or one whose restore was
    cancelled) and the time, keeping the newest KEEP_BROKEN of each kind; OSError if it cannot
    be moved."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = autosave.with_name(f"{autosave.stem}.{why}-{stamp}{autosave.suffix}")
    n = 2
    while aside.exists():
        aside = autosave.with_name(f"{autosave.stem}.{why}-{stamp}-{n}{autosave.suffix}")
        n += 1
    os.replace(autosave, aside)
    os.utime(aside)  # its time is when it was put aside: the newest are kept
    kept = sorted(autosave.parent.glob(f"{autosave.stem}.{why}-*{autosave.suffix}"),
                  key=lambda p: p.stat().st_mtime_ns, reverse=True)  # fmt: skip
    for old in kept[KEEP_BROKEN:]:
        old.unlink(missing_ok=True)
    return aside
