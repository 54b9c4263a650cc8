"""Newton (w ← w − η H⁻¹ g: attracted to saddles) and saddle-free Newton (w ← w − η |H|⁻¹ g with |H|
from absolute eigenvalues; Dauphin et al. 2014, arXiv 1406.2572, the paper behind the lecture's
saddle-point slide). ε is the smallest curvature magnitude used."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from core.optim.base import (
    Array,
    Describe,
    GradFn,
    HessFn,
    RuleError,
    RuleInfo,
    Step,
    Value,
    fmt,
    lines,
)
from surfaces.i18n import QT_TRANSLATE_NOOP, number, separator, translate


class State(NamedTuple):
    count: int


def init(w: Array) -> State:
    return State(0)


def _update(w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper, hess: HessFn | None,
            absolute: bool) -> Step:  # fmt: skip
    if hess is None:
        raise RuleError("Newton-type rules need the Hessian, which this loss does not provide")
    g, H = grad(w), hess(w)
    lam, q = np.linalg.eigh(H)
    eps = hp.eps
    if absolute:  # saddle-free Newton: |H|⁻¹, curvature floored at ε
        used = np.maximum(np.abs(lam), eps)
    else:  # Newton: H⁻¹, curvature kept away from 0 by ε with its sign
        used = np.where(np.abs(lam) < eps, np.where(lam < 0, -eps, eps), lam)
    coef = np.einsum("nji,nj->ni", q, g) / used
    step = lr * np.einsum("nij,nj->ni", q, coef)
    terms = {"g": g, "H": H, "eig": lam, "used": used, "step": step}
    return Step(w - step, State(state.count + 1), terms)


def update(w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper,
           hess: HessFn | None = None) -> Step:  # fmt: skip
    return _update(w, state, grad, lr, hp, hess, absolute=False)


def update_sfn(w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper,
               hess: HessFn | None = None) -> Step:  # fmt: skip
    return _update(w, state, grad, lr, hp, hess, absolute=True)


def _describer(inv: str) -> Describe:
    def describe(terms: dict[str, Array], before: State, hp: Hyper, lr: Value) -> list[str]:
        H = np.asarray(terms["H"])
        s, n = separator(), [number(float(v), ".5g") for v in H.ravel()]
        return lines(f"H = [[{n[0]}{s}{n[1]}]{s}[{n[2]}{s}{n[3]}]], "
                     + translate("Explain", "eigenvalues {v}").format(v=fmt(terms['eig'])),
                     translate("Explain", "curvatures used {v}  (ε = {eps})").format(v=fmt(terms['used']), eps=number(hp.eps)),
                     f"w ← w − η {inv} g,  η {inv} g = {fmt(terms['step'])}")  # fmt: skip

    return describe


_DEFAULTS = {"lr": 1.0, "eps": 1e-6}
INFO = RuleInfo(
    "newton", QT_TRANSLATE_NOOP("Rule", "Newton"), "w ← w − η H⁻¹ g", "w ← w − η H⁻¹ g", ("eps",), init, update, _describer("H⁻¹"),
    defaults={"textbook": _DEFAULTS, "pytorch": _DEFAULTS}, kind="newton", needs_hessian=True,
)  # fmt: skip
_SFN = QT_TRANSLATE_NOOP("Rule", "w ← w − η |H|⁻¹ g  (|H| from absolute eigenvalues)")
INFO_SFN = RuleInfo(
    "sfn", QT_TRANSLATE_NOOP("Rule", "Saddle-free Newton"), _SFN, _SFN, ("eps",), init, update_sfn, _describer("|H|⁻¹"),
    defaults={c: {"lr": 1.0, "eps": 1e-3} for c in ("textbook", "pytorch")}, kind="newton", needs_hessian=True,
)  # fmt: skip

if TYPE_CHECKING:
    from core.optim.hyper import Hyper
