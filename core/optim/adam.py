"""Adam and its two variants: momentum plus a rate per parameter; h (m) and G (v) estimate the first
and second moments of g. AdamW decays the weights decoupled, w ← w(1 − ηλ), before the step
(torch.optim.AdamW); AMSGrad divides by the running maximum of G. Bias correction (the Adam paper,
arXiv 1412.6980) divides h and G by 1 − βᵗ; the slide has none (off in the textbook convention)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from core.optim.base import Array, GradFn, RuleInfo, Step, Value, fmt, l2_grad, lines
from surfaces.i18n import QT_TRANSLATE_NOOP, number, translate


class State(NamedTuple):
    count: int
    m: Array  # first moment h (PyTorch: m)
    v: Array  # second moment G (PyTorch: v)
    vmax: Array  # AMSGrad's running maximum of v (zeros for the other two)


def init(w: Array) -> State:
    z = w * 0.0
    return State(0, z, z, z)


def _update(w: Array, state: State, g: Array, lr: Value, hp: Hyper, variant: str) -> Step:
    b1, b2 = hp.beta1, hp.beta2
    g2 = g * g
    m = b1 * state.m + (1 - b1) * g
    v = b2 * state.v + (1 - b2) * g2
    vmax = np.maximum(state.vmax, v) if variant == "amsgrad" else state.vmax
    acc = vmax if variant == "amsgrad" else v
    k = state.count + 1  # corrections count updates from 1
    # np.power, not **: Python's pow and numpy's vectorized one differ in the last bit for some β,
    # and a point's arithmetic must not depend on whether β is one number or one per point
    # (sweeps, the what-if drag) — numpy's is the same for both.
    c1 = 1 - np.power(b1, k) if hp.bias_correction else 1.0
    c2 = 1 - np.power(b2, k) if hp.bias_correction else 1.0
    if hp.convention == "textbook":  # w ← w − η ĥ / √(Ĝ + ε)
        den = np.sqrt(acc / c2 + hp.eps) if hp.bias_correction else np.sqrt(acc + hp.eps)
    else:  # w ← w − (η/c₁) m / (√v/√c₂ + ε)
        den = np.sqrt(acc) / np.sqrt(c2) + hp.eps if hp.bias_correction else np.sqrt(acc) + hp.eps
    step = (lr / c1) * m / den if hp.bias_correction else lr * m / den
    terms = {"g": g, "g2": g2, "m": m, "v": v, "den": den, "step": step}
    if variant == "amsgrad":
        terms["vmax"] = vmax
    if hp.bias_correction:
        terms["c1"], terms["c2"] = np.asarray(c1), np.asarray(c2)
    return Step(w - step, State(k, m, v, vmax), terms)


def update(w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper, hess: object = None) -> Step:
    return _update(w, state, l2_grad(grad(w), w, hp), lr, hp, "adam")


def update_amsgrad(
    w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper, hess: object = None
) -> Step:
    return _update(w, state, l2_grad(grad(w), w, hp), lr, hp, "amsgrad")


def update_adamw(
    w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper, hess: object = None
) -> Step:
    g = grad(w)  # the gradient at the point before decay, as torch.optim.AdamW
    shrunk = w * (1 - lr * hp.weight_decay)
    decay = w - shrunk
    st = _update(shrunk, state, g, lr, hp, "adam")
    st.terms["decay"] = decay
    st.terms["step"] = decay + st.terms["step"]
    return st


def describe(terms: dict[str, Array], before: State, hp: Hyper, lr: Value) -> list[str]:
    tb = hp.convention == "textbook"
    hm, gv = ("h", "G") if tb else ("m", "v")
    b1, b2 = fmt(hp.beta1), fmt(hp.beta2)
    bc = hp.bias_correction
    return lines(
        translate("Explain", "decay w ← w (1 − η λ): w shrinks by η λ w = {v}").format(v=fmt(terms['decay']))
        if "decay" in terms else None,
        f"{hm} ← β₁ {hm} + (1−β₁) g = {b1}·{fmt(before.m)} + (1 − {b1})·{fmt(terms['g'])} = "
        f"{fmt(terms['m'])}",
        f"{gv} ← β₂ {gv} + (1−β₂) g² = {b2}·{fmt(before.v)} + (1 − {b2})·{fmt(terms['g2'])} = "
        f"{fmt(terms['v'])}",
        translate("Explain", "running max {gv}̂ = {v}").format(gv=gv, v=fmt(terms['vmax'])) if "vmax" in terms else None,
        translate("Explain", "bias correction 1−β₁ᵗ = {c1}, 1−β₂ᵗ = {c2}  (t = {t})").format(
            c1=fmt(terms['c1']), c2=fmt(terms['c2']), t=before.count + 1) if bc else None,
        translate("Explain", "per-coordinate divisor") + f" {'√(' + gv + '̂ + ε)' if tb else '(√' + gv + '̂ + ε)'} = "
        f"{fmt(terms['den'])}  (ε = {number(hp.eps)})",
        f"w ← w − η {hm}̂ / √{gv}̂,  " + translate("Explain", "step = {v}").format(v=fmt(terms['step'])),
    )  # fmt: skip


_PARAMS = ("beta1", "beta2", "eps", "bias_correction", "weight_decay")
_LR = {"textbook": {"lr": 0.001}, "pytorch": {"lr": 0.001, "bias_correction": True}}
INFO = RuleInfo(
    "adam",
    QT_TRANSLATE_NOOP("Rule", "Adam"),
    "h ← β₁h + (1−β₁)g ;  G ← β₂G + (1−β₂)g² ;  w ← w − η h / √(G + ε)",
    "m ← β₁m + (1−β₁)g ;  v ← β₂v + (1−β₂)g² ;  w ← w − η/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)",
    _PARAMS, init, update, describe, defaults=_LR, kind="adaptive",
)  # fmt: skip
INFO_ADAMW = RuleInfo(
    "adamw", QT_TRANSLATE_NOOP("Rule", "AdamW"), QT_TRANSLATE_NOOP("Rule", "w ← w(1 − ηλ), then Adam"), QT_TRANSLATE_NOOP("Rule", "w ← w(1 − ηλ), then Adam"),
    _PARAMS, init, update_adamw, describe, kind="adaptive",
    defaults={c: {**d, "weight_decay": 0.01} for c, d in _LR.items()},
)  # fmt: skip
INFO_AMSGRAD = RuleInfo(
    "amsgrad", QT_TRANSLATE_NOOP("Rule", "AMSGrad"), QT_TRANSLATE_NOOP("Rule", "Adam with G replaced by its running maximum"),
    QT_TRANSLATE_NOOP("Rule", "Adam with v replaced by max(v_max, v)"), _PARAMS, init, update_amsgrad, describe, defaults=_LR,
    kind="adaptive",
)  # fmt: skip

if TYPE_CHECKING:
    from core.optim.hyper import Hyper
