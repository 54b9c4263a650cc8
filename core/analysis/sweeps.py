"""Hyperparameter sweeps from one start: final loss and steps-to-converge against the learning rate
(one curve per rule), and a final-loss map over (lr, momentum) or (lr, β₁). Every setting is one
point of a single batch (per-point lr and momentum/β), so a sweep of 100 settings costs about as
much as one run of 100 points.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.optim.estimates import Estimate
from core.optim.hyper import Hyper
from core.optim.schedules import Schedule
from core.optim.table import RULES, canonical, default_hyper
from core.runs.batch import Cancel, Progress, simulate
from core.runs.config import RunConfig
from core.runs.run import Tolerances

Array = NDArray[np.float64]
# The second axis of a parameter map: the first of these that the rule reads (its table row).
MAPPABLE = ("momentum", "alpha", "beta1")
SECOND_PARAM = {
    name: next(p for p in MAPPABLE if p in info.params)
    for name, info in RULES.items()
    if any(p in info.params for p in MAPPABLE)
}


@dataclass(frozen=True)
class SweepCurve:
    """One rule's outcome at each learning rate (final loss is inf where the run diverged)."""

    rule: str
    final_loss: Array
    converged_at: NDArray[np.int64]  # first step that met the tolerances, −1 if none
    diverged: NDArray[np.bool_]


@dataclass(frozen=True)
class LrSweep:
    lrs: Array
    curves: tuple[SweepCurve, ...]
    start: tuple[float, float]
    steps: int
    compute_seconds: float
    cancelled: bool = False


@dataclass(frozen=True)
class ParamMap:
    """Final loss ``final_loss[j, i]`` at (lrs[i], values[j]) of ``param``."""

    rule: str
    param: str
    lrs: Array
    values: Array
    final_loss: Array
    converged_at: NDArray[np.int64]
    diverged: NDArray[np.bool_]
    steps: int
    compute_seconds: float
    cancelled: bool = False


def log_grid(lo: float, hi: float, n: int) -> Array:
    """n learning rates evenly spaced on a log axis from lo to hi."""
    if not (0 < lo < hi) or n < 2:
        raise ValueError(f"a log grid needs 0 < lo < hi and n ≥ 2, got {lo}, {hi}, {n}")
    return np.geomspace(lo, hi, n)


def _batch(
    surface: object,
    rule: str,
    hyper: Hyper,
    starts: Array,
    steps: int,
    per_point: dict[str, Array],
    estimate: Estimate | None,
    seed: int,
    tol: Tolerances,
    progress: Progress | None,
    cancel: Cancel | None,
) -> tuple[Array, NDArray[np.int64], NDArray[np.bool_]] | None:
    """(final loss, converged_at, diverged) per point; None if cancelled."""
    config = RunConfig(rule, hyper, Schedule(), estimate or Estimate(), seed)
    res = simulate(surface, config, starts, steps, per_point=per_point, track=tol,
                   progress=progress, cancel=cancel)  # fmt: skip
    if res.cancelled:
        return None
    assert res.converged_at is not None
    with np.errstate(all="ignore"):
        loss = np.asarray(surface.value(res.w))
    return _loss(loss, res.diverged), res.converged_at, res.diverged


def _loss(loss: Array, diverged: NDArray[np.bool_]) -> Array:
    out = np.asarray(loss, dtype=np.float64).copy()
    out[diverged | ~np.isfinite(out)] = np.inf
    return out


def _scaled(progress: Progress | None, i: int, n: int) -> Progress | None:
    if progress is None:
        return None
    return lambda f: progress((i + f) / n)


def lr_sweep(
    surface: object,
    rules: Sequence[str],
    start: tuple[float, float],
    steps: int,
    lrs: Array | None = None,
    *,
    convention: str = "textbook",
    hypers: dict[str, Hyper] | None = None,
    estimate: Estimate | None = None,
    seed: int = 0,
    tol: Tolerances = Tolerances(),  # noqa: B008
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> LrSweep:
    """Final loss and steps-to-converge against lr (default 60 rates, 1e-4..1), per rule."""
    grid = log_grid(1e-4, 1.0, 60) if lrs is None else np.asarray(lrs, dtype=np.float64)
    if (grid <= 0).any() or not np.isfinite(grid).all():
        raise ValueError("learning rates must be finite and > 0")
    t0 = time.perf_counter()
    starts = np.repeat(np.asarray(start, dtype=np.float64).reshape(1, 2), len(grid), axis=0)
    curves = []
    for i, name in enumerate(rules):
        rule = canonical(name)
        h = (hypers or {}).get(name) or default_hyper(rule, convention)
        out = _batch(surface, rule, h, starts, steps, {"lr": grid}, estimate, seed, tol,
                     _scaled(progress, i, len(rules)), cancel)  # fmt: skip
        if out is None:
            return LrSweep(grid, tuple(curves), tuple(start), steps, time.perf_counter() - t0, True)
        curves.append(SweepCurve(rule, *out))
    return LrSweep(grid, tuple(curves), tuple(start), steps, time.perf_counter() - t0)


def param_map(
    surface: object,
    rule: str,
    start: tuple[float, float],
    steps: int,
    lrs: Array | None = None,
    values: Array | None = None,
    *,
    param: str | None = None,
    hyper: Hyper | None = None,
    estimate: Estimate | None = None,
    seed: int = 0,
    tol: Tolerances = Tolerances(),  # noqa: B008
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ParamMap:
    """Final loss over lr × (momentum | alpha | β₁) as one batched run (default 40 × 40)."""
    key = canonical(rule)
    param = param or SECOND_PARAM.get(key)
    if param is None or param not in ("momentum", "alpha", "beta1", "beta2"):
        raise ValueError(f"{key} has no second hyperparameter to map against lr")
    lr_grid = log_grid(1e-4, 1.0, 40) if lrs is None else np.asarray(lrs, dtype=np.float64)
    vals = np.linspace(0.0, 0.99, 40) if values is None else np.asarray(values, dtype=np.float64)
    if (vals < 0).any() or (vals >= 1).any():
        raise ValueError(f"{param} values must be in [0, 1)")
    t0 = time.perf_counter()
    L, V = np.meshgrid(lr_grid, vals)  # rows: param values, columns: learning rates
    starts = np.repeat(np.asarray(start, dtype=np.float64).reshape(1, 2), L.size, axis=0)
    h = hyper or default_hyper(key)
    out = _batch(surface, key, h, starts, steps, {"lr": L.ravel(), param: V.ravel()}, estimate,
                 seed, tol, progress, cancel)  # fmt: skip
    shape = L.shape
    if out is None:
        empty = np.full(shape, np.nan)
        return ParamMap(key, param, lr_grid, vals, empty, np.full(shape, -1), np.zeros(shape, bool),
                        steps, time.perf_counter() - t0, True)  # fmt: skip
    loss, conv, div = out
    return ParamMap(key, param, lr_grid, vals, loss.reshape(shape), conv.reshape(shape),
                    div.reshape(shape), steps, time.perf_counter() - t0)  # fmt: skip
