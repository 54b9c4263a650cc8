"""`main.py trace`: one run's trajectory in the trace format (CSV step,x,y,loss,lr, or JSON), or the
torch.optim script that reproduces it (--format pytorch)."""

from __future__ import annotations

import argparse
import sys

import numpy as np

from core.cli.args import CliError, load_surface, run_config
from core.io.pytorch_code import run_code
from core.io.trajectory_file import trajectory_csv, trajectory_json, trajectory_rows
from core.runs.run import Run


def trace(args: argparse.Namespace) -> int:
    surface = load_surface(args)
    spec = run_config(args, surface)
    if args.format == "pytorch":  # the script Copy as PyTorch code copies, from the same generator
        sys.stdout.write(run_code(surface, spec, args.start, args.steps))
        return 0
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
    rows = trajectory_rows(run)
    sys.stdout.write(trajectory_json(rows) if args.format == "json" else trajectory_csv(rows))
    if run.diverged[0]:
        print(
            f"diverged at step {int(run.stopped_at[0]) + 1}: the next point was not finite "
            f"or exploded; output stops at the last finite point (step {int(rows.step[-1])})",
            file=sys.stderr,
        )
    return 0
