"""Shared pieces of the command-line handlers: building surfaces and runs from parsed arguments."""

from __future__ import annotations

import argparse
import json
from typing import Any

import numpy as np

from core.optim.base import RuleError
from core.optim.estimates import Estimate, EstimateError
from core.optim.hyper import HyperError, default_hyper, default_lr
from core.optim.schedules import Schedule, ScheduleError
from core.optim.table import canonical
from core.runs.config import RunConfig
from surfaces.base import Surface, SurfaceError


class CliError(ValueError):
    """A user error that is not one of the core's own: printed as one line, exit code 2."""


# Every error a user's input can cause; main.py turns them into one line and exit code 2.
USER_ERRORS: tuple[type[Exception], ...] = (
    CliError,
    SurfaceError,
    HyperError,
    ScheduleError,
    EstimateError,
    RuleError,
)


def load_surface(args: argparse.Namespace) -> Surface:
    """The surface named by --surface, typed by --formula, or drawn in --surface-file."""
    if getattr(args, "formula", None) is not None:
        from surfaces.formula import FormulaSurface

        return FormulaSurface(args.formula)
    if getattr(args, "surface_file", None) is not None:
        from core.io.drawn_file import load_drawn

        return load_drawn(args.surface_file)
    from surfaces.registry import get_surface

    return get_surface(args.surface)


def run_config(args: argparse.Namespace, surface: Surface, rule: str | None = None) -> RunConfig:
    """Rule, hyperparameters, schedule and gradient estimate from the hyperparameter flags."""
    name = rule if rule is not None else args.optimizer
    is_gd = name.strip().lower() == "gd"
    key = canonical(name.strip())
    hyper = default_hyper(
        key,
        args.convention,
        momentum=args.momentum,
        alpha=args.alpha,
        beta1=args.beta1,
        beta2=args.beta2,
        eps=args.eps,
        weight_decay=args.weight_decay,
        bias_correction=args.bias_correction,
    )
    lr = args.lr if args.lr is not None else default_lr(key, args.convention)
    sched_kw: dict[str, Any] = {"mode": args.schedule, "lr": lr}
    for flag in ("base_lr", "max_lr", "step_size", "gamma", "t0", "t_mult", "eta_min"):
        v = getattr(args, flag)
        if v is not None:
            sched_kw[flag] = v
    if args.schedule in ("triangular", "triangular2", "exp_range"):
        if "max_lr" not in sched_kw and sched_kw.get("base_lr", 0.0) >= lr:
            raise CliError(
                f"--base-lr {sched_kw['base_lr']:g} is not below the peak, which defaults to "
                f"--lr ({lr:g}): give --max-lr too"
            )
        sched_kw.setdefault("base_lr", min(lr / 10, sched_kw.get("max_lr", lr)))
        sched_kw.setdefault("max_lr", lr)
    schedule = Schedule(**sched_kw)
    estimate = _estimate(args, surface, is_gd, key)
    return RunConfig(key, hyper, schedule, estimate, args.seed)


def _estimate(args: argparse.Namespace, surface: Surface, is_gd: bool, key: str) -> Estimate:
    full = args.batch == "full"  # `--batch full`: every example, even for sgd on data
    batch = None if full else args.batch
    if batch is not None and is_gd:
        raise CliError("gd always uses the full batch; use --optimizer sgd with --batch N")
    if batch is not None and surface.n_samples == 0:
        raise CliError(
            f"--batch needs a data-defined surface ('{surface.name}' is analytic); "
            "use --noise SIGMA for a stochastic gradient there"
        )
    if args.noise is not None and args.noise > 0:
        if batch is not None:
            raise CliError("use either --batch or --noise, not both")
        return Estimate("noise", sigma=args.noise)
    if batch is not None:
        return Estimate("sample") if batch == 1 else Estimate("minibatch", batch=batch)
    if key == "sgd" and not is_gd and not full and surface.n_samples > 0:
        return Estimate("sample")  # plain SGD on data: one example per step, as on the slide
    return Estimate("full")


def write_json(obj: object) -> None:
    import sys

    json.dump(obj, sys.stdout, allow_nan=False, separators=(",", ":"))
    sys.stdout.write("\n")


def finite_or_none(v: float) -> float | None:
    return float(v) if np.isfinite(v) else None
