"""In-place update rules for the fast path (core/runs/fast.py), on chunks of shape (2, c).

Each factory binds one chunk's buffers and returns ``step(W, T, lr, t, noise)``: it computes the
update of the points W and writes the new points into T (the scratch buffer; the caller then swaps
W and T, so the previous points stay available). The operations mirror core/optim/rules.py one by one
(same products, sums and divisions in the same order), so results are bit-identical, but no array
is allocated per step. Hyperparameters may be scalars or per-point arrays of shape (c,) (sweeps).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from core.optim.hyper import Hyper

Array = NDArray[np.float64]
Value = Any  # a float, or a (c,) array of per-point values
StepFn = Callable[[Array, Array, Value, int, "Array | None"], None]

mul, add, sub, div, sqrt = np.multiply, np.add, np.subtract, np.divide, np.sqrt


@dataclass(frozen=True)
class PointParams:
    """The hyperparameters one chunk reads, with 1 − β etc. computed once (as rules.py does)."""

    mom: Value
    alpha: Value
    oma: Value
    b1: Value
    omb1: Value
    b2: Value
    omb2: Value
    eps: float
    wd: float
    bc: bool
    textbook: bool

    @staticmethod
    def build(h: Hyper, pp: dict[str, Array]) -> PointParams:
        mom = pp.get("momentum", h.momentum)
        alpha = pp.get("alpha", h.alpha)
        b1 = pp.get("beta1", h.beta1)
        b2 = pp.get("beta2", h.beta2)
        return PointParams(mom, alpha, 1 - alpha, b1, 1 - b1, b2, 1 - b2, h.eps,
                           h.weight_decay, h.bias_correction, h.convention == "textbook")  # fmt: skip


def _den(D: Array, acc: Array, c2: Value, p: PointParams, corrected: bool) -> None:
    """√(acc/c2 + ε) (textbook) or √acc/√c2 + ε (pytorch) into D; c2 = 1 is skipped (exact)."""
    if p.textbook:
        if corrected:
            div(acc, c2, D)
            add(D, p.eps, D)
        else:
            add(acc, p.eps, D)
        sqrt(D, D)
    else:
        sqrt(acc, D)
        if corrected:
            div(D, np.sqrt(c2), D)
        add(D, p.eps, D)


def make_sgd(ch: Any) -> StepFn:
    G, grad = ch.G, ch.grad

    def step(W: Array, T: Array, lr: Value, t: int, noise: Array | None) -> None:
        grad(W, noise)
        mul(G, lr, T)
        sub(W, T, T)

    return step


def make_momentum(ch: Any) -> StepFn:
    G, grad, p, V = ch.G, ch.grad, ch.p, ch.state["v"]

    def step(W: Array, T: Array, lr: Value, t: int, noise: Array | None) -> None:
        grad(W, noise)
        mul(V, p.mom, V)
        if p.textbook:  # h ← αh + ηg ; w ← w − h
            mul(G, lr, T)
            add(V, T, V)
            sub(W, V, T)
        else:  # b ← μb + g ; w ← w − ηb
            add(V, G, V)
            mul(V, lr, T)
            sub(W, T, T)

    return step


def make_nesterov(ch: Any) -> StepFn:
    G, grad, p, V, P = ch.G, ch.grad, ch.p, ch.state["v"], ch.P

    def step(W: Array, T: Array, lr: Value, t: int, noise: Array | None) -> None:
        if p.textbook:  # h ← αh + η∇L(w − αh) ; w ← w − h
            mul(V, p.mom, P)
            sub(W, P, P)
            grad(P, noise)
            mul(V, p.mom, V)
            mul(G, lr, T)
            add(V, T, V)
            sub(W, V, T)
        else:  # b ← μb + g ; w ← w − η(g + μb)
            grad(W, noise)
            mul(V, p.mom, V)
            add(V, G, V)
            mul(V, p.mom, T)
            add(G, T, T)
            mul(T, lr, T)
            sub(W, T, T)

    return step


def make_adagrad(ch: Any) -> StepFn:
    G, grad, p, S, D = ch.G, ch.grad, ch.p, ch.state["G"], ch.D

    def step(W: Array, T: Array, lr: Value, t: int, noise: Array | None) -> None:
        grad(W, noise)
        mul(G, G, T)
        add(S, T, S)
        _den(D, S, 1.0, p, False)
        mul(G, lr, T)
        div(T, D, T)
        sub(W, T, T)

    return step


def make_rmsprop(ch: Any) -> StepFn:
    G, grad, p, S, D = ch.G, ch.grad, ch.p, ch.state["G"], ch.D

    def step(W: Array, T: Array, lr: Value, t: int, noise: Array | None) -> None:
        grad(W, noise)
        mul(S, p.alpha, S)
        mul(G, G, T)
        mul(T, p.oma, T)
        add(S, T, S)
        _den(D, S, 1.0, p, False)
        mul(G, lr, T)
        div(T, D, T)
        sub(W, T, T)

    return step


def _pair(a: Value, b: Value, c: int) -> Array:
    """(a, b) shaped to broadcast over a (2, 2, c) block: (2, 1, 1), or (2, 1, c) per point."""
    if np.ndim(a) == 0 and np.ndim(b) == 0:
        return np.array([a, b], dtype=np.float64).reshape(2, 1, 1)
    return np.stack([np.broadcast_to(a, (c,)), np.broadcast_to(b, (c,))]).reshape(2, 1, c)


def make_adam_family(ch: Any) -> StepFn:
    """adam, adamw (decoupled decay on the point before the step) and amsgrad (running max)."""
    G, Q, grad, p, D, P, rule = ch.G, ch.Q, ch.grad, ch.p, ch.D, ch.P, ch.run.rule
    MV = ch.block[:2]  # m and v side by side: one call updates both moments
    M, V = MV[0], MV[1]
    acc = ch.state["vmax"] if rule == "amsgrad" else V
    decay = _pair(p.b1, p.b2, ch.size)  # m ← β₁m + (1−β₁)g ; v ← β₂v + (1−β₂)g²
    gain = _pair(p.omb1, p.omb2, ch.size)
    b1, b2, bc = p.b1, p.b2, p.bc

    def step(W: Array, T: Array, lr: Value, t: int, noise: Array | None) -> None:
        grad(W, noise)  # into Q[0]
        src = W
        if rule == "adamw":  # gradient taken before the decay, as torch.optim.AdamW
            mul(W, 1 - lr * p.wd, P)
            src = P
        mul(MV, decay, MV)
        mul(G, G, Q[1])
        mul(Q, gain, Q)  # ((1−β₁)g, (1−β₂)g²)
        add(MV, Q, MV)
        if acc is not V:
            np.maximum(acc, V, out=acc)
        if bc:  # corrections count updates from 1
            c2 = 1 - b2 ** (t + 1)
            scale = lr / (1 - b1 ** (t + 1))
        else:
            c2, scale = 1.0, lr
        _den(D, acc, c2, p, bc)
        mul(M, scale, T)
        div(T, D, T)
        sub(src, T, T)

    return step


FACTORIES: dict[str, Callable[[Any], StepFn]] = {
    "sgd": make_sgd,
    "momentum": make_momentum,
    "nesterov": make_nesterov,
    "adagrad": make_adagrad,
    "rmsprop": make_rmsprop,
    "adam": make_adam_family,
    "adamw": make_adam_family,
    "amsgrad": make_adam_family,
}
FAST_RULES = frozenset(FACTORIES)
