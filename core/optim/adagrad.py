"""AdaGrad: a rate per parameter, η/√(G + ε), where G only grows (so learning may stop early).
Textbook ε inside the root (the slide); PyTorch η g/(√S + ε) (torch.optim.Adagrad, ε = 1e-10)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from core.optim.base import Array, GradFn, RuleInfo, Step, Value, fmt, l2_grad, lines
from surfaces.i18n import QT_TRANSLATE_NOOP, number, translate


class State(NamedTuple):
    count: int
    G: Array  # the running sum of squared gradients


def init(w: Array) -> State:
    return State(0, w * 0.0)


def denominator(acc: Array, hp: Hyper) -> Array:
    """√(acc + ε) in the textbook convention, √acc + ε in PyTorch's (also RMSprop's)."""
    return np.sqrt(acc + hp.eps) if hp.convention == "textbook" else np.sqrt(acc) + hp.eps


def update(w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper, hess: object = None) -> Step:
    g = l2_grad(grad(w), w, hp)
    g2 = g * g
    acc = state.G + g2
    den = denominator(acc, hp)
    step = lr * g / den
    terms = {"g": g, "g2": g2, "G": acc, "den": den, "step": step}
    return Step(w - step, State(state.count + 1, acc), terms)


def describe(terms: dict[str, Array], before: State, hp: Hyper, lr: Value) -> list[str]:
    root = "√(G + ε)" if hp.convention == "textbook" else "(√G + ε)"
    div = translate("Explain", "per-coordinate divisor")
    return lines(f"G ← G + g² = {fmt(before.G)} + {fmt(terms['g2'])} = {fmt(terms['G'])}",
                 f"{div} {root} = {fmt(terms['den'])}  (ε = {number(hp.eps)})",
                 f"w ← w − η g / {root},  η g / {root} = {fmt(terms['step'])}")  # fmt: skip


INFO = RuleInfo(
    "adagrad",
    QT_TRANSLATE_NOOP("Rule", "AdaGrad"),
    "G ← G + g² ;  w ← w − η g / √(G + ε)",
    "S ← S + g² ;  w ← w − η g / (√S + ε)",
    ("eps", "weight_decay"),
    init,
    update,
    describe,
    kind="adaptive",
    defaults={"pytorch": {"eps": 1e-10}},
)

if TYPE_CHECKING:
    from core.optim.hyper import Hyper
