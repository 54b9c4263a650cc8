"""RunSnapshot: everything a Run needs to go on exactly where it stopped, as plain arrays, so a
scene can store a run instead of re-running it: the step, the points, the rule's state, the random
stream, which points diverged (and when), and the recorded trail (its loss and |∇f| are recomputed
from the points, they are functions of them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


class SnapshotError(ValueError):
    """A snapshot that does not fit the run it is given to (another rule, number of points, ...)."""


@dataclass(frozen=True, eq=False)
class RunSnapshot:
    t: int
    w: Array  # (N, 2) current points
    rule_state: tuple[Any, ...]  # the rule's State fields in order: ints, or (N, 2) arrays
    rng: dict[str, Any]  # numpy's bit_generator.state of the run's random stream
    diverged: NDArray[np.bool_]  # (N,)
    stopped_at: NDArray[np.int64]  # (N,) step of the last finite point, -1 while moving
    last_step: Array  # (N,) length of each point's last update (inf before the first)
    trail_step: NDArray[np.int64]  # (count,) the recorded steps, first 0, last t
    trail_xy: Array  # (N, count, 2)
    trail_lr: Array  # (count,)
    stride: int  # the trail's recording stride (a power of 2)

    @property
    def n_points(self) -> int:
        return int(self.w.shape[0])

    def thinned(self, max_records: int) -> RunSnapshot:
        """The same run with a coarser trail of at most max_records records (as the run itself
        thins it: every other record, doubling the stride; the first and the head stay exact)."""
        step, xy, lr, stride = self.trail_step, self.trail_xy, self.trail_lr, self.stride
        while len(step) > max(2, max_records):
            keep = np.arange(0, len(step) - 1, 2)
            keep = np.append(keep, len(step) - 1)  # the head
            step, xy, lr, stride = step[keep], xy[:, keep], lr[keep], stride * 2
        return RunSnapshot(self.t, self.w, self.rule_state, self.rng, self.diverged,
                           self.stopped_at, self.last_step, step, xy, lr, stride)  # fmt: skip


def check_rule_state(values: tuple[Any, ...], template: tuple[Any, ...]) -> tuple[Any, ...]:
    """The rule state's fields if they match a fresh state's layout (SnapshotError if not)."""
    names = getattr(type(template), "_fields", ())
    if len(values) != len(template):
        raise SnapshotError(f"the rule's state needs {len(template)} fields ({', '.join(names)})")
    out = []
    for name, v, t in zip(names, values, template, strict=True):
        if np.ndim(t) == 0:
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
                raise SnapshotError(f"the rule's state {name} must be a whole number ≥ 0")
            out.append(int(v))
        else:
            a = np.asarray(v, dtype=np.float64)
            if a.shape != np.shape(t):
                raise SnapshotError(f"the rule's state {name} must have shape {np.shape(t)}")
            out.append(a)
    return type(template)(*out)
