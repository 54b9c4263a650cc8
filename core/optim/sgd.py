"""GD / SGD: w ← w − η g. GD, SGD and mini-batch differ in the gradient estimate g, not here."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from core.optim.base import Array, GradFn, RuleInfo, Step, Value, fmt, l2_grad, lines
from surfaces.i18n import QT_TRANSLATE_NOOP


class State(NamedTuple):
    count: int


def init(w: Array) -> State:
    return State(0)


def update(w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper, hess: object = None) -> Step:
    g = l2_grad(grad(w), w, hp)
    step = lr * g
    return Step(w - step, State(state.count + 1), {"g": g, "step": step})


def describe(terms: dict[str, Array], before: State, hp: Hyper, lr: Value) -> list[str]:
    return lines(f"w ← w − η g,  η g = {fmt(lr)}·{fmt(terms['g'])} = {fmt(terms['step'])}")


INFO = RuleInfo(
    "sgd",
    QT_TRANSLATE_NOOP("Rule", "GD / SGD"),
    "w ← w − η g",
    "w ← w − η g",
    ("weight_decay",),
    init,
    update,
    describe,
)

if TYPE_CHECKING:
    from core.optim.hyper import Hyper
