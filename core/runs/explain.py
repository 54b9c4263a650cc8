"""The next update of one point of a run, term by term, for the Explain dialog.

The numbers are the rule's own: its pure update is called on the run's current points and state
(with a copy of the run's random stream, so a stochastic estimate draws what the run will draw), and
the rule's ``describe`` lays its terms out. Nothing here recomputes any part of the rule.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.optim.base import Step, fmt
from core.optim.table import rule_info
from core.runs.run import Run
from surfaces.i18n import number, translate

Array = NDArray[np.float64]


def next_step(run: Run) -> Step:
    """What the run's next update computes for every point (the run itself is not advanced)."""
    info = rule_info(run.rule)
    rng = copy.deepcopy(run.rng)

    def grad(p: Array) -> Array:
        return run.estimate.gradient(run.surface, p, rng)

    hess = run.surface.hessian if info.needs_hessian else None
    with np.errstate(all="ignore"):
        return info.update(run.w, run.state, grad, run.lr_now(), run.hyper, hess)


def next_displacement(run: Run) -> Array:
    """w_next − w for every point; zero for diverged points (they no longer move)."""
    d = next_step(run).w - run.w
    d[run.diverged] = 0.0
    return d


def _row(v: object, i: int, n: int) -> object:
    a = np.asarray(v)
    return a[i] if a.ndim and a.shape[0] == n else v


@dataclass(frozen=True)
class Explanation:
    """The next update of one point: the rule's formula and each term with numbers filled in."""

    title: str
    formula: str
    lines: tuple[str, ...]
    w: Array
    w_next: Array  # where the point will be after the next step (itself if it diverged)
    w_formula: Array  # what the terms shown add up to (equal to w_next unless it diverged)


def _estimate_text(run: Run) -> str:
    """The gradient estimate's name as the dialog shows it."""
    e = run.estimate
    texts = {
        "full": lambda: translate("Explain", "full batch"),
        "sample": lambda: translate("Explain", "one sample"),
        "minibatch": lambda: translate("Explain", "mini-batch {m}").format(m=e.batch),
    }
    return texts.get(e.kind, lambda: e.label)()


def explain_step(run: Run, i: int = 0) -> Explanation:
    """Point i's next update in the run's rule and convention (REFERENCE.md §1)."""
    info = rule_info(run.rule)
    h, lr, t, n = run.hyper, run.lr_now(), run.t, run.n_points
    step = next_step(run)
    terms = {k: _row(v, i, n) for k, v in step.terms.items()}
    before = type(run.state)(*(_row(v, i, n) for v in run.state))
    w = run.w[i].copy()
    w_formula = np.asarray(step.w[i])
    w_next = w.copy() if run.diverged[i] else w_formula
    at = "∇L(w − α h)" if "look" in terms else "∇L(w)"
    if "weight_decay" in info.params and h.weight_decay and info.name != "adamw":
        at += " + λ w"
    rows = [
        translate("Explain", "step t = {t},  w = {w}").format(t=t, w=fmt(w)),
        f"η = lr({t}) = {number(lr, '.5g')}",
        f"g = {at} [{_estimate_text(run)}] = {fmt(terms['g'])}",
        *info.describe(terms, before, h, lr),
        translate("Explain", "new w = {w} − {step} = {new}").format(
            w=fmt(w), step=fmt(terms["step"]), new=fmt(w_formula)
        ),
    ]
    if run.diverged[i]:
        rows.append(translate("Explain", "this point diverged: it no longer moves"))
    moved = float(np.hypot(*(w_next - w)))
    rows.append(
        translate("Explain", "result: w = {w}   (moved {d})").format(
            w=fmt(w_next), d=number(moved, ".4g")
        )
    )
    formula = info.textbook if h.convention == "textbook" else info.pytorch
    return Explanation(info.title, formula, tuple(rows), w, w_next, w_formula)
