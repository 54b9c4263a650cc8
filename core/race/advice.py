"""What a surface switch did to the racers, in words: estimates the new surface cannot serve (a
mini-batch on a surface without examples becomes noise σ = 1) and learning rates that diverge
there within a few steps, with the surface's suggested rate (surfaces/registry.py SUGGESTED_LR,
the one table of them). Qt-free: the Explorer shows it as a notice; tests read it directly."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.optim.table import rule_info
from core.race.racer import Racer
from core.runs.run import Run
from surfaces.base import Surface
from surfaces.errors import UserError
from surfaces.i18n import number, translate
from surfaces.registry import suggested_lr

PROBE_STEPS = 100  # how far ahead a rate is tried on the new surface (a fraction of a second)


@dataclass(frozen=True)
class RacerAdvice:
    """What changed for one racer, and the rate the surface suggests for its rule (or None)."""

    key: int
    name: str
    lines: tuple[str, ...]
    suggested: float | None


def suggested_rate(surface: Surface, rule: str) -> float | None:
    """The surface's suggested learning rate for a rule (by its kind), None without one."""
    return suggested_lr(surface.name, rule_info(rule).kind)


def diverges_at(surface: Surface, racer: Racer, starts: np.ndarray,
                steps: int = PROBE_STEPS) -> int | None:  # fmt: skip
    """The first update (1-based) at which the racer's settings diverge from one of the starts
    within `steps` updates, or None (also when the rule cannot run here)."""
    c = racer.config
    try:
        run = Run(surface, c.rule, c.hyper, c.schedule, starts, c.estimate, seed=c.seed,
                  record=False)  # fmt: skip
        run.step(steps)
    except UserError:
        return None
    if not run.diverged.any():
        return None
    return int(run.stopped_at[run.diverged].min()) + 1


def surface_advice(surface: Surface, racers: list[Racer], starts: np.ndarray,
                   fallbacks: tuple[tuple[int, str, str], ...] = ()) -> list[RacerAdvice]:  # fmt: skip
    """One entry per enabled racer with something to say after switching to `surface`."""
    renamed = {key: (before, after) for key, before, after in fallbacks}
    out = []
    for r in racers:
        if not r.enabled:
            continue
        lines = []
        if r.key in renamed:
            before, after = renamed[r.key]
            lines.append(translate("Advice", "{before} is now {after}: {surface} has no examples "
                                   "to sample, so its gradient gets Gaussian noise instead").format(
                before=before, after=after, surface=translate("Surface", surface.title)))  # fmt: skip
        rate = suggested_rate(surface, r.config.rule)
        step = diverges_at(surface, r, starts)
        if step is not None:
            text = translate("Advice", "{name}: η = {lr} diverges at step {step} here")
            if rate is not None and rate < r.lr:
                text = translate(
                    "Advice", "{name}: η = {lr} diverges at step {step} here; try η = {rate}"
                )
            lines.append(text.format(name=r.name, lr=number(r.lr), step=step,
                                     rate=number(rate) if rate is not None else ""))  # fmt: skip
        if lines:
            out.append(RacerAdvice(r.key, r.name, tuple(lines), rate))
    return out
