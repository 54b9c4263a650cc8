"""`main.py trace`: one run's trajectory as CSV (step,x,y,loss,lr) or JSON."""

from __future__ import annotations

import argparse
import sys

import numpy as np

from core.cli.args import CliError, load_surface, run_config
from core.cli.output import write_json
from core.runs.run import Run


def trace(args: argparse.Namespace) -> int:
    surface = load_surface(args)
    spec = run_config(args, surface)
    run = Run(
        surface,
        spec.rule,
        spec.hyper,
        spec.schedule,
        np.array([args.start]),
        spec.estimate,
        seed=spec.seed,
    )
    if not np.isfinite(run.loss()).all():
        raise CliError(f"the start point {args.start} has a non-finite loss; pick another start")
    # Step in chunks so a divergence ends the work early.
    left = args.steps
    while left > 0 and not run.diverged[0]:
        k = min(left, 1000)
        run.step(k)
        left -= k
    tr = run.trajectory
    assert tr is not None
    n = tr.count
    if run.diverged[0]:
        n = int(np.searchsorted(tr.steps(), run.stopped_at[0], side="right"))
    steps = tr.step[:n]
    xy = tr.xy[0, :n]
    loss = tr.loss[0, :n]
    lr = tr.lr[:n]
    if args.format == "json":
        write_json(
            [
                {
                    "step": int(s),
                    "x": float(p[0]),
                    "y": float(p[1]),
                    "loss": float(v),
                    "lr": float(r),
                }
                for s, p, v, r in zip(steps, xy, loss, lr, strict=True)
            ]
        )
    else:
        out = ["step,x,y,loss,lr"]
        out.extend(
            f"{s},{p[0]!r},{p[1]!r},{v!r},{r!r}"
            for s, p, v, r in zip(
                steps.tolist(), xy.tolist(), loss.tolist(), lr.tolist(), strict=True
            )
        )
        sys.stdout.write("\n".join(out) + "\n")
    if run.diverged[0]:
        print(
            f"diverged at step {int(run.stopped_at[0]) + 1}: the next point was not finite "
            f"or exploded; output stops at the last finite point (step {int(steps[-1])})",
            file=sys.stderr,
        )
    return 0
