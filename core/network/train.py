"""Training a Network with any update rule and schedule of core (the rule's update on a (1, d) vector).

Full batch, mini-batch or single sample, seeded. A step whose result is not finite (or explodes) is
undone: the previous weights and optimizer state are kept, training reports the first layer where
the non-finite value appeared and refuses further steps until reset.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.network.model import Network
from core.optim.hyper import Hyper
from core.optim.schedules import Schedule
from core.optim.table import canonical, default_hyper, rule_info

Array = NDArray[np.float64]
EXPLODE = 1e10  # a weight beyond this counts as diverged even while still finite


@dataclass(frozen=True)
class Divergence:
    """Where a step first produced a non-finite value: update t, layer l (1-based) and what."""

    step: int
    layer: int
    what: str

    @property
    def message(self) -> str:
        return (
            f"diverged at update {self.step + 1}: {self.what} in layer {self.layer}; "
            "kept the previous weights"
        )


def first_nonfinite(net: Network, v: Array, x: Array, y: Array) -> tuple[int, str]:
    """The first layer (forward order, then backward) whose W, b, z, a or δ is not finite."""
    ws, bs = net.unpack(v)
    with np.errstate(all="ignore"):
        for l, (w, b) in enumerate(zip(ws, bs, strict=True), 1):  # noqa: E741
            if (
                not (np.isfinite(w).all() and np.isfinite(b).all())
                or max(np.abs(w).max(), np.abs(b).max()) > EXPLODE
            ):
                return l, f"W{l}/b{l} became non-finite or exploded"
        cache = net.forward(x, ws, bs)
        for l, (z, a) in enumerate(zip(cache.zs, cache.as_[1:], strict=True), 1):  # noqa: E741
            if not (np.isfinite(z).all() and np.isfinite(a).all()):
                return l, f"z{l} or a{l} is not finite"
        if not np.isfinite(net.loss_value(cache, y)).all():
            return net.n_layers, "the loss is not finite"
        grads = net.backward(cache, y, ws)
        for l in range(net.n_layers, 0, -1):  # noqa: E741 - backprop meets the output layer first
            if not np.isfinite(grads.deltas[l - 1]).all():
                return l, f"δ{l} is not finite"
    return net.n_layers, "a value is not finite"


def hessian_fd(net: Network, v: Array, x: Array, y: Array, h: float = 1e-5) -> Array:
    """Hessians (N, d, d) at parameter vectors v (N, d): centred differences of the backprop
    gradient, symmetrised."""
    v = np.atleast_2d(np.asarray(v, dtype=np.float64))
    n, d = v.shape
    e = np.eye(d) * h
    pts = np.concatenate([v[:, None, :] + e, v[:, None, :] - e], axis=1)  # (N, 2d, d)
    g = net.vector_grad(pts.reshape(-1, d), x, y).reshape(n, 2 * d, d)
    hess = (g[:, :d] - g[:, d:]) / (2 * h)
    return 0.5 * (hess + np.swapaxes(hess, -1, -2))


class Trainer:
    """A network, its data and an optimizer. ``hyper``, ``schedule`` and ``batch`` may be replaced
    between steps (live); ``set_rule`` switches the rule with fresh state."""

    def __init__(
        self,
        net: Network,
        x: Array,
        y: Array,
        rule: str = "sgd",
        hyper: Hyper | None = None,
        schedule: Schedule | None = None,
        batch: int | None = None,
        seed: int = 0,
    ) -> None:
        self.net = net
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)
        self.rule = canonical(rule)
        self.hyper = hyper or default_hyper(self.rule)
        self.schedule = schedule or Schedule()
        self.batch = batch
        self.seed = seed
        self.reset()

    def reset(self) -> None:
        """Restart the optimizer (state, step count, rng, history) at the current weights."""
        self.w = self.net.to_vector()[None, :]
        self.state = rule_info(self.rule).init(self.w)
        self.t = 0
        self.rng = np.random.default_rng(self.seed)
        self.diverged: Divergence | None = None
        self.losses: list[float] = [self.loss()]
        self.lrs: list[float] = []

    def set_rule(self, rule: str) -> None:
        self.rule = canonical(rule)
        self.state = rule_info(self.rule).init(self.w)

    def loss(self) -> float:
        """Full-batch loss at the current weights."""
        with np.errstate(all="ignore"):
            return float(self.net.vector_loss(self.w[0], self.x, self.y))

    def _indices(self, rng: np.random.Generator) -> NDArray[np.intp] | None:
        n = len(self.x)
        if self.batch is None or self.batch >= n:
            return None
        return np.sort(rng.choice(n, size=self.batch, replace=False))

    def _batch(self, rng: np.random.Generator) -> tuple[Array, Array]:
        idx = self._indices(rng)
        return (self.x, self.y) if idx is None else (self.x[idx], self.y[idx])

    def peek(self) -> Array | None:
        """The weights the next update will give (same batch, same state), changing nothing;
        None when training has diverged."""
        if self.diverged is not None:
            return None
        xb, yb = self._batch(copy.deepcopy(self.rng))
        with np.errstate(all="ignore"):
            step = rule_info(self.rule).update(self.w, self.state, self._grad_fn(xb, yb),
                                               self.schedule.at(self.t), self.hyper,
                                               self._hess_fn(xb, yb))  # fmt: skip
        return step.w[0]

    def _grad_fn(self, xb: Array, yb: Array) -> Callable[[Array], Array]:
        return lambda v: self.net.vector_grad(v, xb, yb)

    def _hess_fn(self, xb: Array, yb: Array) -> Callable[[Array], Array] | None:
        """For Newton-type rules: the full Hessian (1, d, d) by centred differences of the exact
        backprop gradient, all 2d shifted copies in one batched call."""
        if not rule_info(self.rule).needs_hessian:
            return None
        return lambda v: hessian_fd(self.net, v, xb, yb)

    def step(self, k: int = 1) -> bool:
        """Apply up to k updates; False (and ``diverged`` set) if one was undone as non-finite."""
        if self.diverged is not None:
            return False
        for _ in range(k):
            xb, yb = self._batch(self.rng)
            lr = self.schedule.at(self.t)
            with np.errstate(all="ignore"):
                grad, hess = self._grad_fn(xb, yb), self._hess_fn(xb, yb)
                step = rule_info(self.rule).update(self.w, self.state, grad, lr, self.hyper, hess)
                w = step.w
                loss = float(self.net.vector_loss(w[0], self.x, self.y))
            if not np.isfinite(w).all() or np.abs(w).max() > EXPLODE or not np.isfinite(loss):
                layer, what = first_nonfinite(self.net, w[0], xb, yb)
                self.diverged = Divergence(self.t, layer, what)  # the previous weights stay
                return False
            self.w, self.state = w, step.state
            self.net.set_vector(self.w[0])
            self.lrs.append(lr)
            self.losses.append(loss)
            self.t += 1
        return True
