"""The trace format: one point's recorded path as CSV (header step,x,y,loss,lr) or as a JSON list of
the same objects, numbers at full precision. `main.py trace` prints it and File > Export
trajectories writes it, so the two are identical by construction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from core.runs.run import Run

CSV_HEADER = "step,x,y,loss,lr"


@dataclass(frozen=True)
class TrajectoryRows:
    """One point's recorded path: the rows of the trace format (up to the last finite point)."""

    step: NDArray[np.int64]
    xy: NDArray[np.float64]
    loss: NDArray[np.float64]
    lr: NDArray[np.float64]


def trajectory_rows(run: Run, point: int = 0) -> TrajectoryRows:
    """Rows of point `point` of a recording run, cut after its last finite point if it diverged."""
    tr = run.trajectory
    if tr is None:
        raise ValueError("this run does not record its trajectory")
    n = tr.count
    if run.diverged[point]:
        n = int(np.searchsorted(tr.steps(), int(run.stopped_at[point]), side="right"))
    return TrajectoryRows(tr.step[:n], tr.xy[point, :n], tr.loss[point, :n], tr.lr[:n])


def trajectory_csv(rows: TrajectoryRows) -> str:
    """CSV with header step,x,y,loss,lr and one line per recorded step."""
    out = [CSV_HEADER]
    out.extend(
        f"{s},{p[0]!r},{p[1]!r},{v!r},{r!r}"
        for s, p, v, r in zip(
            rows.step.tolist(), rows.xy.tolist(), rows.loss.tolist(), rows.lr.tolist(), strict=True
        )
    )
    return "\n".join(out) + "\n"


def trajectory_json(rows: TrajectoryRows) -> str:
    """A one-line JSON list of {step, x, y, loss, lr} objects."""
    objs = [
        {"step": int(s), "x": float(p[0]), "y": float(p[1]), "loss": float(v), "lr": float(r)}
        for s, p, v, r in zip(rows.step, rows.xy, rows.loss, rows.lr, strict=True)
    ]
    return json.dumps(objs, allow_nan=False, separators=(",", ":")) + "\n"
