"""Learning-rate schedules as ``t -> lr`` (t = 0 for the first update), vectorized over t.

Formulas from REFERENCE.md §2: Smith's cyclic modes (torch CyclicLR with equal up/down half-periods),
SGDR cosine annealing with warm restarts (torch CosineAnnealingWarmRestarts), plus step and
exponential decay (torch StepLR / ExponentialLR).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from surfaces.errors import UserError

Mode = Literal[
    "constant", "triangular", "triangular2", "exp_range", "cosine_restarts", "step", "exponential"
]
MODES: tuple[Mode, ...] = (
    "constant",
    "triangular",
    "triangular2",
    "exp_range",
    "cosine_restarts",
    "step",
    "exponential",
)

CYCLIC: tuple[Mode, ...] = ("triangular", "triangular2", "exp_range")

# The fields each mode reads (the cyclic modes' peak is max_lr; η is their lr only as a default).
READS: dict[str, tuple[str, ...]] = {
    "constant": ("lr",),
    "triangular": ("base_lr", "max_lr", "step_size"),
    "triangular2": ("base_lr", "max_lr", "step_size"),
    "exp_range": ("base_lr", "max_lr", "step_size", "gamma"),
    "cosine_restarts": ("lr", "t0", "t_mult", "eta_min"),
    "step": ("lr", "step_size", "gamma"),
    "exponential": ("lr", "gamma"),
}

# Longest period and largest period multiplier (beyond them the step arithmetic would overflow).
MAX_PERIOD, MAX_T_MULT = 10**9, 1000

# gamma's meaning depends on the mode; these are its defaults when not given.
GAMMA_DEFAULTS: dict[str, float] = {"exp_range": 0.999, "step": 0.5, "exponential": 0.995}


class ScheduleError(UserError):
    """A schedule parameter outside its range; the message names it."""


@dataclass(frozen=True)
class Schedule:
    """A learning-rate schedule. ``lr`` is η (constant rate, SGDR peak, decay start)."""

    mode: Mode = "constant"
    lr: float = 0.01
    base_lr: float = 0.001
    max_lr: float = 0.1
    step_size: int = 20
    gamma: float | None = None
    t0: int = 50
    t_mult: int = 1
    eta_min: float = 0.0

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ScheduleError(
                f"unknown schedule '{self.mode}'; choose one of: {', '.join(MODES)}"
            )
        for name in ("lr", "base_lr", "max_lr", "eta_min"):
            v = getattr(self, name)
            if not math.isfinite(v) or v < 0:
                raise ScheduleError(
                    f"{name.replace('_', '-')} must be a finite number ≥ 0, got {v}"
                )
        if self.mode in ("triangular", "triangular2", "exp_range") and self.max_lr < self.base_lr:
            raise ScheduleError(
                f"max-lr ({self.max_lr}) must be ≥ base-lr ({self.base_lr}) for {self.mode}"
            )
        for name in ("step_size", "t0", "t_mult"):
            v, hi = getattr(self, name), MAX_T_MULT if name == "t_mult" else MAX_PERIOD
            if not math.isfinite(v) or int(v) != v or not 1 <= v <= hi:
                raise ScheduleError(
                    f"{name.replace('_', '-')} must be a whole number from 1 to {hi}, got {v}"
                )
        g = self.gamma_value
        if not math.isfinite(g) or not 0 < g <= 1:
            raise ScheduleError(f"gamma must be in (0, 1], got {g}")

    @property
    def gamma_value(self) -> float:
        return self.gamma if self.gamma is not None else GAMMA_DEFAULTS.get(self.mode, 1.0)

    def with_(self, **changes: object) -> Schedule:
        return replace(self, **changes)

    @property
    def headline_lr(self) -> float:
        """The rate one learning-rate control edits: the peak of cyclic modes, η otherwise."""
        return self.max_lr if self.mode in CYCLIC else self.lr

    def edited(self, fields: dict[str, object], lr: float | None = None) -> Schedule:
        """A copy with some fields changed, as a user edits it: switching between a cyclic and a
        single-rate mode carries the rate over (η ↔ max-lr, base-lr = η/10); then lr, if given,
        sets the headline rate (in cyclic modes max-lr, lowering base-lr to it if needed)."""
        fields = dict(fields)
        mode = fields.get("mode", self.mode)
        if mode != self.mode:
            if mode in CYCLIC and self.mode not in CYCLIC:
                fields.setdefault("max_lr", self.lr)
                fields.setdefault("base_lr", self.lr / 10)
            elif mode not in CYCLIC and self.mode in CYCLIC:
                fields.setdefault("lr", self.max_lr)
        out = self.with_(**fields) if fields else self
        if lr is None:
            return out
        if out.mode in CYCLIC:
            return out.with_(max_lr=lr, base_lr=min(out.base_lr, lr))
        return out.with_(lr=lr)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def __call__(self, t: ArrayLike) -> NDArray[np.float64]:
        """Learning rate for update(s) t; accepts an int or an integer array."""
        ti = np.asarray(t, dtype=np.int64)
        tf = ti.astype(np.float64)
        m = self.mode
        if m == "constant":
            return np.full(ti.shape, self.lr, dtype=np.float64)
        if m in ("triangular", "triangular2", "exp_range"):
            s = float(self.step_size)
            cycle = np.floor(1 + tf / (2 * s))
            x = np.abs(tf / s - 2 * cycle + 1)
            if m == "triangular":
                scale = np.ones_like(tf)
            elif m == "triangular2":
                scale = 2.0 ** (1 - cycle)  # = 1/2^(cycle−1); underflows quietly to 0
            else:
                scale = self.gamma_value**tf
            return self.base_lr + (self.max_lr - self.base_lr) * np.maximum(0.0, 1 - x) * scale
        if m == "cosine_restarts":
            t_cur, t_i = self.sgdr_position(ti)
            return self.eta_min + 0.5 * (self.lr - self.eta_min) * (1 + np.cos(np.pi * t_cur / t_i))
        if m == "step":
            return self.lr * self.gamma_value ** np.floor_divide(ti, self.step_size)
        # exponential
        return self.lr * self.gamma_value**tf

    def sgdr_position(
        self, ti: NDArray[np.int64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """(T_cur, T_i) for SGDR at integer steps, with exact integer cycle boundaries."""
        t0, mult = int(self.t0), int(self.t_mult)
        if mult == 1:
            return (ti % t0).astype(np.float64), np.full(ti.shape, float(t0))
        # cycle n starts at t0 (mult^n − 1)/(mult − 1); estimate n by log, then fix rounding.
        with np.errstate(divide="ignore"):
            n = np.floor(np.log(ti / t0 * (mult - 1) + 1) / np.log(mult)).astype(np.int64)
        n = np.maximum(n, 0)
        start = t0 * (mult**n - 1) // (mult - 1)
        n = np.where(start > ti, n - 1, n)
        start = t0 * (mult**n - 1) // (mult - 1)
        nxt = t0 * (mult ** (n + 1) - 1) // (mult - 1)
        n = np.where(nxt <= ti, n + 1, n)
        start = t0 * (mult**n - 1) // (mult - 1)
        return (ti - start).astype(np.float64), (t0 * mult**n).astype(np.float64)

    def at(self, t: int) -> float:
        """Learning rate for a single update t."""
        if self.mode == "constant":  # the common case, called every step: skip numpy
            return self.lr
        return float(self(t))

    def peak(self) -> float:
        """Largest rate the schedule reaches (for plot ranges)."""
        if self.mode in ("triangular", "triangular2", "exp_range"):
            return self.max_lr
        return self.lr
