"""Momentum: remember the direction. Textbook h ← α h + η g, w ← w − h (the lecture's slide);
PyTorch b ← μ b + g, w ← w − η b (torch.optim.SGD with momentum, dampening 0). Identical while η is
constant (h = η b); when η changes the textbook form scales only new gradients."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from core.optim.base import Array, GradFn, RuleInfo, Step, Value, fmt, l2_grad, lines
from surfaces.i18n import QT_TRANSLATE_NOOP


class State(NamedTuple):
    count: int
    v: Array  # textbook: the displacement h; pytorch: the gradient sum b


def init(w: Array) -> State:
    return State(0, w * 0.0)


def update(w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper, hess: object = None) -> Step:
    g = l2_grad(grad(w), w, hp)
    if hp.convention == "textbook":  # h ← αh + ηg ; w ← w − h
        v = hp.momentum * state.v + lr * g
        step = v
    else:  # b ← μb + g ; w ← w − ηb
        v = hp.momentum * state.v + g
        step = lr * v
    return Step(w - step, State(state.count + 1, v), {"g": g, "v": v, "step": step})


def convert(state: State, to: str, eta: float) -> State:
    """The same motion in the other convention: the textbook stores h = η·b, PyTorch stores b."""
    return state._replace(v=state.v * eta if to == "textbook" else state.v / eta)


def describe(terms: dict[str, Array], before: State, hp: Hyper, lr: Value) -> list[str]:
    a, v, g = fmt(hp.momentum), fmt(before.v), fmt(terms["g"])
    if hp.convention == "textbook":
        return lines(f"h ← α h + η g = {a}·{v} + {fmt(lr)}·{g} = {fmt(terms['v'])}", "w ← w − h")
    return lines(f"b ← μ b + g = {a}·{v} + {g} = {fmt(terms['v'])}",
                 f"w ← w − η b,  η b = {fmt(lr)}·{fmt(terms['v'])} = {fmt(terms['step'])}")  # fmt: skip


INFO = RuleInfo(
    "momentum",
    QT_TRANSLATE_NOOP("Rule", "Momentum"),
    "h ← α h + η g ;  w ← w − h",
    "b ← μ b + g ;  w ← w − η b",
    ("momentum", "weight_decay"),
    init,
    update,
    describe,
    kind="momentum",
    convert=convert,
)

if TYPE_CHECKING:
    from core.optim.hyper import Hyper
