"""One chunk of a fast run (core/runs/fast.py): a slice of the points in (2, c) layout with its own
rule state and preallocated scratch buffers. Diverged points leave the chunk (it is compacted),
so later steps cost nothing for them and never trip the divergence check again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from core.optim.rules import rule_info
from core.runs.fast_rules import FACTORIES, PointParams
from core.runs.run import EXPLODE

Array = NDArray[np.float64]


class Chunk:
    """One slice of the points with its own state and scratch buffers, in (2, c) layout."""

    def __init__(self, run: Any, idx: NDArray[np.intp]) -> None:
        self.run = run
        self.names = rule_info(run.rule).state
        self.idx = idx
        self.W = np.ascontiguousarray(run.w[idx].T)
        self.state = self._state_block(np.zeros((len(self.names), *self.W.shape)))
        self.pp = {k: v[idx] for k, v in run.per_point.items()}
        self.conv = np.full(len(idx), -1, dtype=np.int64) if run.track is not None else None
        self._alloc()

    def _alloc(self) -> None:
        c = self.W.shape[1]
        # T is the scratch that receives the new points; W and T swap after every step.
        self.T, self.D, self.P = (np.empty((2, c)) for _ in range(3))
        self.Q = np.empty((2, 2, c))  # Q[0] is the gradient; Adam fills Q[1] with g²
        self.G = self.Q[0]
        self.p = PointParams.build(self.run.hyper, self.pp)
        self.lr_pp = self.pp.get("lr")
        self.grad = self._make_grad()
        self.update = FACTORIES[self.run.rule](self)

    @property
    def size(self) -> int:
        return self.W.shape[1]

    def _state_block(self, block: Array) -> dict[str, Array]:
        """The rule's state arrays as views of one (k, 2, c) block (Adam updates m and v at once)."""
        self.block = np.ascontiguousarray(block)
        return {n: self.block[i] for i, n in enumerate(self.names)}

    def _make_grad(self) -> Callable[[Array, Array | None], None]:
        """grad(P, noise): the gradient estimate at P (2, c) into self.G (D, P as scratch)."""
        G, D, kern, surface, sigma = (
            self.G,
            self.D,
            self.run.kernel,
            self.run.surface,
            self.run.sigma,
        )
        S2 = self.P if self.run.rule != "nesterov" else np.empty_like(G)

        def grad(P: Array, noise: Array | None) -> None:
            if kern is not None:
                kern(P, G, D, S2)
            else:
                G[...] = np.asarray(surface.gradient(P.T)).T  # type: ignore[attr-defined]
            if noise is not None:
                np.multiply(noise[self.idx].T, sigma, D)
                np.add(G, D, G)

        return grad

    def compact(self, keep: NDArray[np.bool_]) -> None:
        """Drop the points not kept (diverged ones) from every per-point array."""
        self.idx = self.idx[keep]
        new = self.T[:, keep]
        self.W = np.ascontiguousarray(self.W[:, keep])
        self.state = self._state_block(self.block[:, :, keep])
        self.pp = {k: v[keep] for k, v in self.pp.items()}
        if self.conv is not None:
            self.conv = self.conv[keep]
        self._alloc()
        self.T[...] = new

    def step(self, lr: float, t: int, noise: Array | None) -> None:
        """One update t; newly diverged points leave the chunk with their last finite point."""
        self.update(self.W, self.T, self.lr_pp if self.lr_pp is not None else lr, t, noise)
        T = self.T
        if not (T.max() <= EXPLODE and T.min() >= -EXPLODE):
            self._diverge(t)
        if self.conv is not None and self.size:
            self._track(t)
        self.W, self.T = self.T, self.W

    def _diverge(self, t: int) -> None:
        run = self.run
        bad = ~(np.abs(self.T) <= EXPLODE).all(axis=0)
        bad |= ~np.isfinite(np.asarray(run.surface.value(self.T.T)))  # type: ignore[attr-defined]
        ids = self.idx[bad]
        run.w[ids] = self.W[:, bad].T
        run.diverged[ids] = True
        run.stopped_at[ids] = t
        run.last_step[ids] = 0.0
        self.compact(~bad)

    def _track(self, t: int) -> None:
        """Mark points that meet the tolerances after update t (trajectory index t + 1)."""
        tol = self.run.track
        assert tol is not None and self.conv is not None
        d = self.T - self.W
        moved = np.hypot(d[0], d[1])
        g = np.asarray(self.run.surface.gradient(self.T.T))  # type: ignore[attr-defined]
        gn = np.hypot(g[:, 0], g[:, 1])
        new = (moved < tol.step) & (gn < tol.grad) & (self.conv < 0)
        self.conv[new] = t + 1

    def finish(self, stepped: bool) -> None:
        """Write this chunk's points (and last step lengths) back into the run's arrays."""
        run = self.run
        run.w[self.idx] = self.W.T
        if stepped and self.size:
            # After the swap T holds the points before the last update.
            run.last_step[self.idx] = np.hypot(self.W[0] - self.T[0], self.W[1] - self.T[1])
        if self.conv is not None and run.converged_at is not None:
            run.converged_at[self.idx] = self.conv
