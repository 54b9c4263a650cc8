"""What a lesson is, once its file has been read and validated: its scene, its text in every
language, its "try this" tasks (each with a detector) and its claims (each a list of checks over
measurements of the scene, run headless)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.io.scene import Scene
from core.runs.config import RunConfig
from surfaces.errors import UserError

Texts = dict[str, str]  # language -> text


class LessonError(UserError):
    """A lesson file that cannot be used; the one line names the file and the field."""


@dataclass(frozen=True)
class Measure:
    """One number (or status) read from the lesson's scene: racer ``racer`` (an index into the
    scene's racers, or the network's trainer) run ``steps`` steps, then ``quantity`` read.
    ``changes`` are live edits applied before the run (what a task asks the user to do), in the
    keys of core.race.racer.edited_config. ``times`` scales the value in the comparison (e.g.
    "below 1 % of ...": times = 0.01); the value quoted is the one measured."""

    name: str
    quantity: str
    racer: int = 0
    steps: int = 0
    point: int = 0
    changes: dict[str, Any] = field(default_factory=dict)
    below: float | None = None  # steps_to_loss / examples_to_loss: the loss to get under
    to: tuple[float, float] | None = None  # distance: the point measured from
    start: tuple[float, float] | None = None  # run from here instead of the scene's starts
    window: int = 1  # mean_loss: the last `window` recorded losses
    layer: int = -1  # network gradient norms: 1-based layer, -1 the last
    times: float = 1.0


Operand = Measure | float | str


@dataclass(frozen=True)
class Check:
    """left op right; "≈" holds within the relative tolerance ``tol``, "in" tests membership."""

    left: Operand
    op: str
    right: Operand | tuple[str, ...]
    tol: float = 0.05


@dataclass(frozen=True)
class Claim:
    id: str
    text: Texts
    checks: tuple[Check, ...]

    def measures(self) -> list[Measure]:
        out = []
        for c in self.checks:
            out += [m for m in (c.left, c.right) if isinstance(m, Measure)]
        return out


@dataclass(frozen=True)
class Detector:
    """When a task counts as done; ``kind`` is a key of core.lessons.detect.DETECTORS and
    ``args`` its validated arguments."""

    kind: str
    args: dict[str, Any]


@dataclass(frozen=True)
class Task:
    text: Texts
    detect: Detector


@dataclass(frozen=True)
class ExplorerScene:
    """The Explorer as the lesson opens it: a scene (surface, starts, racers at step 0, view,
    speed) plus the arrows shown. ``data_view`` asks for the data-and-fitted-line view of a
    data-defined surface where the window has one; ``network_race`` names rules for the same
    comparison on a real network, where the window has a network optimizer race."""

    scene: Scene
    overlays: tuple[str, ...] = ()
    data_view: bool = False
    network_race: tuple[str, ...] = ()
    tab: str = "explorer"


@dataclass(frozen=True)
class NetworkScene:
    """The Network tab as the lesson opens it: data, architecture with its seeded
    initialisation, and the training settings. ``panel`` is the side tab shown first;
    ``network_race`` lists rules for a side-by-side optimizer race where the window has one."""

    dataset: str
    data_seed: int
    hidden: tuple[int, ...]
    activation: str
    output_activation: str
    loss: str
    init: str
    seed: int
    training: RunConfig
    batch: int | None = None
    panel: str = "norms"
    network_race: tuple[str, ...] = ()
    tab: str = "network"


@dataclass(frozen=True)
class Lesson:
    id: str
    title: Texts
    topics: tuple[str, ...]
    text: Texts
    scene: ExplorerScene | NetworkScene
    tasks: tuple[Task, ...]
    claims: tuple[Claim, ...]
    path: Path | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.text)
