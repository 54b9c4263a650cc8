"""Gradient check: backprop against centred finite differences, one relative error per layer.

Per parameter the CS231n relative error is |a − n| / max(|a|, |n|). A layer's figure is the same
formula on its whole gradient, ‖a − n‖ / max(‖a‖, ‖n‖) (0 when both vanish), so a layer whose
gradient has vanished (deep sigmoid nets) is not flagged for round-off in its tiny entries.
Thresholds (CS231n): ≤ 1e-7 good, ≤ 1e-4 fine for kinks and float noise, > 1e-2 wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.network.model import Network

Array = NDArray[np.float64]

GOOD, WRONG = 1e-7, 1e-2


@dataclass(frozen=True)
class LayerCheck:
    """Backprop vs numeric gradient for layer l: relative errors of W_l, b_l and the worst entry."""

    layer: int
    rel_W: float
    rel_b: float
    worst_entry: float
    grad_norm: float

    @property
    def rel(self) -> float:
        return max(self.rel_W, self.rel_b)

    @property
    def verdict(self) -> str:
        return verdict(self.rel)


def verdict(rel: float) -> str:
    """'good' (≤ 1e-7), 'wrong' (> 1e-2, or not finite), else 'check' (kinks, float noise)."""
    if not np.isfinite(rel) or rel > WRONG:
        return "wrong"
    return "good" if rel <= GOOD else "check"


def rel_error(a: Array, n: Array) -> float:
    """‖a − n‖ / max(‖a‖, ‖n‖), 0 if both are zero."""
    den = max(float(np.linalg.norm(a)), float(np.linalg.norm(n)))
    return 0.0 if den == 0.0 else float(np.linalg.norm(a - n)) / den


def numeric_gradient(net: Network, x: Array, y: Array, h: float = 1e-5) -> Array:
    """Centred differences (L(v + h e_i) − L(v − h e_i)) / 2h for every parameter, vectorized."""
    v = net.to_vector()
    d = v.size
    eye = np.eye(d) * h
    plus = net.vector_loss(v + eye, x, y)
    minus = net.vector_loss(v - eye, x, y)
    return (plus - minus) / (2.0 * h)


def grad_check(net: Network, x: Array, y: Array, h: float = 1e-5) -> list[LayerCheck]:
    """One LayerCheck per weight layer, from the first layer to the output."""
    _, grads, _ = net.loss_and_grad(x, y)
    num_w, num_b = net.unpack(numeric_gradient(net, x, y, h))
    out = []
    pairs = zip(grads.grad_W, grads.grad_b, num_w, num_b, strict=True)
    for l, (gw, gb, nw, nb) in enumerate(pairs, 1):  # noqa: E741
        a = np.concatenate([gw.ravel(), gb])
        n = np.concatenate([nw.ravel(), nb])
        den = np.maximum(np.abs(a), np.abs(n))
        with np.errstate(invalid="ignore", divide="ignore"):
            entry = np.where(den > 0, np.abs(a - n) / np.where(den > 0, den, 1.0), 0.0)
        out.append(
            LayerCheck(
                l,
                rel_error(gw, nw),
                rel_error(gb, nb),
                float(entry.max()),
                float(np.linalg.norm(a)),
            )
        )
    return out
