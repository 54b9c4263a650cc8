"""RMSprop: G as an exponential average, G ← α G + (1−α) g², so it cannot grow without bound
(Hinton's lecture). With ``centered`` the running mean ḡ of g is subtracted, ṽ = G − ḡ²; with
momentum μ > 0 the scaled gradient is accumulated. PyTorch form: torch.optim.RMSprop exactly,
b ← μ b + g/(√ṽ + ε), w ← w − η b; textbook form h ← μ h + η g/√(ṽ + ε), w ← w − h. With μ = 0 both
reduce to the slide's w ← w − η g/√(G + ε) (ε outside the root in PyTorch's)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from core.optim.adagrad import denominator
from core.optim.base import Array, GradFn, RuleInfo, Step, Value, fmt, l2_grad, lines
from surfaces.i18n import QT_TRANSLATE_NOOP, number, translate


class State(NamedTuple):
    count: int
    G: Array  # the exponential average of g²
    gbar: Array  # the exponential average of g (read when centered)
    b: Array  # the momentum buffer (read when μ > 0)


def init(w: Array) -> State:
    z = w * 0.0
    return State(0, z, z, z)


def update(w: Array, state: State, grad: GradFn, lr: Value, hp: Hyper, hess: object = None) -> Step:
    g = l2_grad(grad(w), w, hp)
    a = hp.alpha
    g2 = g * g
    acc = a * state.G + (1 - a) * g2
    gbar = a * state.gbar + (1 - a) * g if hp.centered else state.gbar
    den = denominator(acc - gbar * gbar if hp.centered else acc, hp)
    if hp.convention == "textbook":  # h ← μh + ηg/√(ṽ + ε) ; w ← w − h
        b = hp.rms_momentum * state.b + lr * g / den
        step = b
    else:  # b ← μb + g/(√ṽ + ε) ; w ← w − ηb
        b = hp.rms_momentum * state.b + g / den
        step = lr * b
    terms = {"g": g, "g2": g2, "G": acc, "gbar": gbar, "den": den, "b": b, "step": step}
    return Step(w - step, State(state.count + 1, acc, gbar, b), terms)


def describe(terms: dict[str, Array], before: State, hp: Hyper, lr: Value) -> list[str]:
    tb = hp.convention == "textbook"
    a = fmt(hp.alpha)
    v = "G − ḡ²" if hp.centered else "G"
    root = f"√({v} + ε)" if tb else f"(√({v}) + ε)"
    div, centered = translate("Explain", "per-coordinate divisor"), translate("Explain", "centered")
    mu = hp.rms_momentum
    return lines(
        f"G ← α G + (1−α) g² = {a}·{fmt(before.G)} + (1 − {a})·{fmt(terms['g2'])} = "
        f"{fmt(terms['G'])}",
        f"ḡ ← α ḡ + (1−α) g = {fmt(terms['gbar'])}  ({centered})" if hp.centered else None,
        f"{div} {root} = {fmt(terms['den'])}  (ε = {number(hp.eps)})",
        (f"h ← μ h + η g / {root} = {fmt(terms['b'])}  (μ = {number(mu)})" if tb
         else f"b ← μ b + g / {root} = {fmt(terms['b'])}  (μ = {number(mu)})") if mu else None,
        f"w ← w − {'h' if tb else 'η b'} = w − {fmt(terms['step'])}" if mu
        else f"w ← w − η g / {root},  η g / {root} = {fmt(terms['step'])}",
    )  # fmt: skip


INFO = RuleInfo(
    "rmsprop",
    QT_TRANSLATE_NOOP("Rule", "RMSprop"),
    "G ← α G + (1−α) g² ;  w ← w − η g / √(G + ε)",
    "v ← α v + (1−α) g² ;  w ← w − η g / (√v + ε)",
    ("alpha", "eps", "rms_momentum", "centered", "weight_decay"),
    init,
    update,
    describe,
    kind="adaptive",
    defaults={"pytorch": {"alpha": 0.99}},
)

if TYPE_CHECKING:
    from core.optim.hyper import Hyper
