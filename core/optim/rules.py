"""Update rules as init/update pairs with explicit state, vectorized over points of shape (N, d).

Each rule follows REFERENCE.md §1 exactly, in the textbook (lecture) or pytorch (torch.optim)
convention read from ``Hyper.convention`` at every step, so conventions and hyperparameters can be
changed between steps without losing state. ``update`` works in place on ``w`` and the state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.optim.hyper import Hyper
from surfaces.errors import UserError

Array = NDArray[np.float64]
State = dict[str, Array]
GradFn = Callable[[Array], Array]  # points (N, d) -> gradient estimate (N, d)
HessFn = Callable[[Array], Array]  # points (N, d) -> Hessians (N, d, d)


class RuleError(UserError):
    """Unknown rule name; the message lists the valid ones."""


@dataclass(frozen=True)
class RuleInfo:
    name: str
    title: str
    textbook: str  # the update in the lecture's notation
    pytorch: str  # the update as torch.optim computes it
    state: tuple[str, ...]
    needs_hessian: bool = False


def _zeros(w: Array, names: tuple[str, ...]) -> State:
    return {n: np.zeros_like(w) for n in names}


def _sqrt_den(acc: Array, h: Hyper, corr2: float = 1.0) -> Array:
    """√(acc/corr2 + ε) in the textbook convention, √(acc)/√corr2 + ε in PyTorch's.

    One new array, updated in place; dividing by corr2 = 1 is exact, so it is skipped.
    """
    if h.convention == "textbook":
        d = np.divide(acc, corr2) if corr2 != 1.0 else np.add(acc, h.eps)
        if corr2 != 1.0:
            d += h.eps
        return np.sqrt(d, out=d)
    d = np.sqrt(acc)
    if corr2 != 1.0:
        d /= np.sqrt(corr2)
    d += h.eps
    return d


def _scaled_step(w: Array, lr: float, num: Array, den: Array) -> None:
    """w ← w − (lr·num)/den with one temporary."""
    step = np.multiply(num, lr)
    step /= den
    w -= step


def sgd_update(w: Array, s: State, grad: GradFn, lr: float, t: int, h: Hyper) -> None:
    w -= lr * grad(w)


def momentum_update(w: Array, s: State, grad: GradFn, lr: float, t: int, h: Hyper) -> None:
    g = grad(w)
    v = s["v"]
    if h.convention == "textbook":  # h ← αh + ηg ; w ← w − h
        v *= h.momentum
        v += lr * g
        w -= v
    else:  # b ← μb + g ; w ← w − ηb
        v *= h.momentum
        v += g
        w -= lr * v


def nesterov_update(w: Array, s: State, grad: GradFn, lr: float, t: int, h: Hyper) -> None:
    v = s["v"]
    if h.convention == "textbook":  # h ← αh + η∇L(w − αh) ; w ← w − h
        g = grad(w - h.momentum * v)
        v *= h.momentum
        v += lr * g
        w -= v
    else:  # b ← μb + g ; w ← w − η(g + μb)
        g = grad(w)
        v *= h.momentum
        v += g
        w -= lr * (g + h.momentum * v)


def adagrad_update(w: Array, s: State, grad: GradFn, lr: float, t: int, h: Hyper) -> None:
    g = grad(w)
    acc = s["G"]
    acc += g * g
    _scaled_step(w, lr, g, _sqrt_den(acc, h))


def rmsprop_update(w: Array, s: State, grad: GradFn, lr: float, t: int, h: Hyper) -> None:
    g = grad(w)
    acc = s["G"]
    acc *= h.alpha
    g2 = g * g
    g2 *= 1 - h.alpha
    acc += g2
    _scaled_step(w, lr, g, _sqrt_den(acc, h))


def _adam_moments(s: State, g: Array, h: Hyper) -> tuple[Array, Array]:
    m, v = s["m"], s["v"]
    m *= h.beta1
    m += (1 - h.beta1) * g
    v *= h.beta2
    g2 = g * g
    g2 *= 1 - h.beta2
    v += g2
    return m, v


def _adam_step(w: Array, m: Array, v: Array, lr: float, t: int, h: Hyper) -> None:
    k = t + 1  # bias correction counts updates from 1
    c1 = 1 - h.beta1**k if h.bias_correction else 1.0
    c2 = 1 - h.beta2**k if h.bias_correction else 1.0
    _scaled_step(w, lr / c1, m, _sqrt_den(v, h, c2))


def adam_update(w: Array, s: State, grad: GradFn, lr: float, t: int, h: Hyper) -> None:
    m, v = _adam_moments(s, grad(w), h)
    _adam_step(w, m, v, lr, t, h)


def adamw_update(w: Array, s: State, grad: GradFn, lr: float, t: int, h: Hyper) -> None:
    g = grad(w)  # the gradient at the point before decay, as torch.optim.AdamW
    w *= 1 - lr * h.weight_decay
    m, v = _adam_moments(s, g, h)
    _adam_step(w, m, v, lr, t, h)


def amsgrad_update(w: Array, s: State, grad: GradFn, lr: float, t: int, h: Hyper) -> None:
    m, v = _adam_moments(s, grad(w), h)
    vmax = s["vmax"]
    np.maximum(vmax, v, out=vmax)
    _adam_step(w, m, vmax, lr, t, h)


def _newton_direction(g: Array, hess: Array, eps: float, absolute: bool) -> Array:
    lam, q = np.linalg.eigh(hess)
    if absolute:  # saddle-free Newton: |H|⁻¹, curvature floored at ε
        lam = np.maximum(np.abs(lam), eps)
    else:  # Newton: H⁻¹, curvature kept away from 0 by ε with its sign
        lam = np.where(np.abs(lam) < eps, np.where(lam < 0, -eps, eps), lam)
    coef = np.einsum("nji,nj->ni", q, g) / lam
    return np.einsum("nij,nj->ni", q, coef)


def newton_update(
    w: Array, s: State, grad: GradFn, lr: float, t: int, h: Hyper, hess: HessFn | None = None
) -> None:
    assert hess is not None
    w -= lr * _newton_direction(grad(w), hess(w), h.eps, absolute=False)


def sfn_update(
    w: Array, s: State, grad: GradFn, lr: float, t: int, h: Hyper, hess: HessFn | None = None
) -> None:
    assert hess is not None
    w -= lr * _newton_direction(grad(w), hess(w), h.eps, absolute=True)


RULES: dict[str, tuple[RuleInfo, Callable[..., None]]] = {
    "sgd": (RuleInfo("sgd", "GD / SGD", "w ← w − η g", "w ← w − η g", ()), sgd_update),
    "momentum": (
        RuleInfo(
            "momentum",
            "Momentum",
            "h ← α h + η g ;  w ← w − h",
            "b ← μ b + g ;  w ← w − η b",
            ("v",),
        ),
        momentum_update,
    ),
    "nesterov": (
        RuleInfo(
            "nesterov",
            "Nesterov",
            "h ← α h + η ∇L(w − α h) ;  w ← w − h",
            "b ← μ b + g ;  w ← w − η (g + μ b)",
            ("v",),
        ),
        nesterov_update,
    ),
    "adagrad": (
        RuleInfo(
            "adagrad",
            "AdaGrad",
            "G ← G + g² ;  w ← w − η g / √(G + ε)",
            "S ← S + g² ;  w ← w − η g / (√S + ε)",
            ("G",),
        ),
        adagrad_update,
    ),
    "rmsprop": (
        RuleInfo(
            "rmsprop",
            "RMSprop",
            "G ← α G + (1−α) g² ;  w ← w − η g / √(G + ε)",
            "v ← α v + (1−α) g² ;  w ← w − η g / (√v + ε)",
            ("G",),
        ),
        rmsprop_update,
    ),
    "adam": (
        RuleInfo(
            "adam",
            "Adam",
            "h ← β₁h + (1−β₁)g ;  G ← β₂G + (1−β₂)g² ;  w ← w − η h / √(G + ε)",
            "m ← β₁m + (1−β₁)g ;  v ← β₂v + (1−β₂)g² ;  w ← w − η/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)",
            ("m", "v"),
        ),
        adam_update,
    ),
    "adamw": (
        RuleInfo(
            "adamw",
            "AdamW",
            "w ← w(1 − ηλ), then Adam",
            "w ← w(1 − ηλ), then Adam",
            ("m", "v"),
        ),
        adamw_update,
    ),
    "amsgrad": (
        RuleInfo(
            "amsgrad",
            "AMSGrad",
            "Adam with G replaced by its running maximum",
            "Adam with v replaced by max(v_max, v)",
            ("m", "v", "vmax"),
        ),
        amsgrad_update,
    ),
    "newton": (
        RuleInfo("newton", "Newton", "w ← w − η H⁻¹ g", "w ← w − η H⁻¹ g", (), True),
        newton_update,
    ),
    "sfn": (
        RuleInfo(
            "sfn",
            "Saddle-free Newton",
            "w ← w − η |H|⁻¹ g  (|H| from absolute eigenvalues)",
            "w ← w − η |H|⁻¹ g  (|H| from absolute eigenvalues)",
            (),
            True,
        ),
        sfn_update,
    ),
}

ALIASES = {"gd": "sgd", "saddle_free_newton": "sfn", "saddle-free-newton": "sfn"}


def canonical(name: str) -> str:
    """The rule key for a name or alias; RuleError lists the valid names."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in RULES:
        valid = ", ".join(["gd", *RULES])
        raise RuleError(f"unknown optimizer '{name}'; choose one of: {valid}")
    return key


def rule_info(name: str) -> RuleInfo:
    return RULES[canonical(name)][0]


def init_state(name: str, w: Array) -> State:
    """Zero state for the rule, shaped like the parameters w (N, d)."""
    return _zeros(w, RULES[canonical(name)][0].state)


def apply_update(
    name: str,
    w: Array,
    state: State,
    grad: GradFn,
    lr: float,
    t: int,
    h: Hyper,
    hess: HessFn | None = None,
) -> None:
    """Advance w (N, d) by one update t (counted from 0) in place."""
    info, fn = RULES[canonical(name)]
    if info.needs_hessian:
        if hess is None:
            raise RuleError(f"{info.title} needs the Hessian, which this loss does not provide")
        fn(w, state, grad, lr, t, h, hess=hess)
    else:
        fn(w, state, grad, lr, t, h)
