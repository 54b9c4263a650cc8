"""The user's own work, put aside while lessons take over the window, and brought back by "Back to
my work" — in this session or after a restart (it is a file in the data folder until then).

It holds the Explorer's scene (core.io.scene: every run replays to its step, bit for bit), the
arrows shown, the tab that was open, and the Network tab's network, data and training settings."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.io.files import parse_json, read_text, write_atomic
from core.io.scene import Scene, SessionError, scene_from_dict, scene_to_dict
from core.network.files import network_dict, network_from_dict
from core.network.model import Network, NetworkError
from core.optim.hyper import Hyper, HyperError
from core.optim.schedules import Schedule, ScheduleError

FORMAT = "gd-explorer-stash"
MAX_BYTES = 40_000_000


class StashError(SessionError):
    """A stash file that cannot be read; the one line says why."""


@dataclass
class NetworkWork:
    """The Network tab's state that a file can keep: the network with its current weights, its
    data, how it was built and how it trains."""

    net: Network
    x: np.ndarray
    y: np.ndarray
    dataset: str
    task: str
    title: str
    rule: str
    hyper: Hyper
    schedule: Schedule
    batch: int | None
    seed: int
    init: str
    init_seed: int

    def to_dict(self) -> dict[str, Any]:
        return {"network": network_dict(self.net, self.x, self.y), "dataset": self.dataset,
                "task": self.task, "title": self.title, "rule": self.rule,
                "hyper": self.hyper.as_dict(), "schedule": self.schedule.as_dict(),
                "batch": self.batch, "seed": self.seed, "init": self.init,
                "init_seed": self.init_seed}  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NetworkWork:
        try:
            net, x, y = network_from_dict(d["network"])
            return cls(net, x, y, str(d["dataset"]), str(d["task"]), str(d["title"]),
                       str(d["rule"]), Hyper(**d["hyper"]), Schedule(**d["schedule"]),
                       d["batch"], int(d["seed"]), str(d["init"]),
                       int(d["init_seed"]))  # fmt: skip
        except (KeyError, TypeError, ValueError, NetworkError, HyperError, ScheduleError) as e:
            raise StashError(f"the stashed network is broken: {e}") from None


@dataclass
class Stash:
    scene: Scene
    tab: str = "explorer"
    overlays: tuple[str, ...] = ()
    network: NetworkWork | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": 1, "tab": self.tab, "overlays": list(self.overlays),
                "explorer": scene_to_dict(self.scene),
                "network": self.network.to_dict() if self.network else None}  # fmt: skip


def save_stash(path: str | os.PathLike[str], stash: Stash) -> None:
    """Write the stash atomically (SessionError if the scene cannot be saved)."""
    write_atomic(path, json.dumps(stash.to_dict(), allow_nan=False) + "\n")


def load_stash(path: str | os.PathLike[str]) -> Stash:
    """Read a stash file; any problem is one StashError line."""

    def reject(name: str) -> None:
        raise StashError(f"{name} is not a number JSON allows")

    doc = parse_json(read_text(Path(path), StashError, "stash", MAX_BYTES), StashError, reject)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise StashError(f'not a stash file (expected "format": "{FORMAT}")')
    try:
        scene = scene_from_dict(doc.get("explorer"))
    except SessionError as e:
        raise StashError(f"the stashed scene is broken: {e}") from None
    net = doc.get("network")
    overlays = doc.get("overlays", [])
    tab = doc.get("tab", "explorer")
    if tab not in ("explorer", "network") or not isinstance(overlays, list):
        raise StashError("the stash's tab or overlays are broken")
    network = NetworkWork.from_dict(net) if isinstance(net, dict) else None
    return Stash(scene, tab, tuple(str(o) for o in overlays), network)
