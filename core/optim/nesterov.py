"""Nesterov: "first jump, then correct". Textbook h ← α h + η ∇L(w − α h), w ← w − h (the gradient
at the look-ahead point); PyTorch b ← μ b + g, w ← w − η (g + μ b) (torch.optim.SGD nesterov=True,
which stores the look-ahead point, so the drawn points differ slightly from the textbook's)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from core.optim.base import Array, GradFn, RuleInfo, Step, Value, fmt, l2_grad, lines
from core.optim.momentum import convert
from surfaces.i18n import QT_TRANSLATE_NOOP, translate


class State(NamedTuple):
    count: int
    v: Array  # textbook: the displacement h; pytorch: the gradient sum b


def init(w: Array) -> State:
    return State(0, w * 0.0)


def update(w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper, hess: object = None) -> Step:
    mu = hp.momentum
    if hp.convention == "textbook":  # h ← αh + η∇L(w − αh) ; w ← w − h
        look = w - mu * state.v
        g = l2_grad(grad(look), look, hp)
        v = mu * state.v + lr * g
        return Step(w - v, State(state.count + 1, v), {"look": look, "g": g, "v": v, "step": v})
    g = l2_grad(grad(w), w, hp)  # b ← μb + g ; w ← w − η(g + μb)
    v = mu * state.v + g
    step = lr * (g + mu * v)
    return Step(w - step, State(state.count + 1, v), {"g": g, "v": v, "step": step})


def describe(terms: dict[str, Array], before: State, hp: Hyper, lr: Value) -> list[str]:
    a, v, g = fmt(hp.momentum), fmt(before.v), fmt(terms["g"])
    if hp.convention == "textbook":
        look = translate("Explain", "look-ahead")
        return lines(f"{look} w − α h = w − {a}·{v} = {fmt(terms['look'])}",
                     f"h ← α h + η g = {a}·{v} + {fmt(lr)}·{g} = {fmt(terms['v'])}",
                     "w ← w − h")  # fmt: skip
    return lines(f"b ← μ b + g = {a}·{v} + {g} = {fmt(terms['v'])}",
                 f"w ← w − η (g + μ b),  η (g + μ b) = {fmt(terms['step'])}")  # fmt: skip


INFO = RuleInfo(
    "nesterov",
    QT_TRANSLATE_NOOP("Rule", "Nesterov"),
    "h ← α h + η ∇L(w − α h) ;  w ← w − h",
    "b ← μ b + g ;  w ← w − η (g + μ b)",
    ("momentum", "weight_decay"),
    init,
    update,
    describe,
    kind="momentum",
    convert=convert,
)

if TYPE_CHECKING:
    from core.optim.hyper import Hyper
