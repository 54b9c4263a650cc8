"""Recorded history of a vectorized run: points, loss, |∇f| and lr, with bounded memory."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


class Trajectory:
    """Per-step records for N points. Storage grows by doubling up to ``max_points`` records;
    beyond that every other old record is dropped and the recording stride doubles, so a run
    left playing for millions of steps keeps memory bounded while its start and head stay exact.
    """

    def __init__(self, n_points: int, max_points: int | None = None, capacity: int = 256) -> None:
        self.n = n_points
        self.max_points = max_points
        cap = capacity if max_points is None else min(capacity, max_points)
        self.xy = np.empty((n_points, cap, 2))
        self.loss = np.empty((n_points, cap))
        self.grad_norm = np.empty((n_points, cap))
        self.lr = np.empty(cap)
        self.step = np.empty(cap, dtype=np.int64)
        self.count = 0
        self.stride = 1

    @classmethod
    def restored(cls, step: NDArray[np.int64], xy: Array, loss: Array, grad_norm: Array,
                 lr: Array, stride: int, max_points: int | None = None) -> Trajectory:  # fmt: skip
        """A trajectory holding these records (a stored run's trail), ready to go on recording."""
        n, count = xy.shape[0], len(step)
        tr = cls(n, max_points, capacity=max(count, 1))
        tr.xy[:, :count], tr.loss[:, :count], tr.grad_norm[:, :count] = xy, loss, grad_norm
        tr.lr[:count], tr.step[:count] = lr, step
        tr.count, tr.stride = count, int(stride)
        return tr

    def _grow(self) -> None:
        cap = self.xy.shape[1]
        if self.max_points is not None and cap >= self.max_points:
            # Keep every other record (always the first); double the stride.
            keep = slice(0, self.count, 2)
            k = len(range(0, self.count, 2))
            for a in (self.xy, self.loss, self.grad_norm):
                a[:, :k] = a[:, keep]
            self.lr[:k] = self.lr[keep]
            self.step[:k] = self.step[keep]
            self.count = k
            self.stride *= 2
            return
        new = cap * 2 if self.max_points is None else min(cap * 2, self.max_points)
        self.xy = np.concatenate([self.xy, np.empty((self.n, new - cap, 2))], axis=1)
        self.loss = np.concatenate([self.loss, np.empty((self.n, new - cap))], axis=1)
        self.grad_norm = np.concatenate([self.grad_norm, np.empty((self.n, new - cap))], axis=1)
        self.lr = np.concatenate([self.lr, np.empty(new - cap)])
        self.step = np.concatenate([self.step, np.empty(new - cap, dtype=np.int64)])

    def push(self, step: int, xy: Array, loss: Array, grad_norm: Array, lr: float) -> None:
        """Record the newest state: it replaces the previous head if that one fell between strides."""
        if self.count > 1 and self.step[self.count - 1] % self.stride != 0:
            self.replace_last(step, xy, loss, grad_norm, lr)
        else:
            self.append(step, xy, loss, grad_norm, lr)

    def append(self, step: int, xy: Array, loss: Array, grad_norm: Array, lr: float) -> None:
        if self.count == self.xy.shape[1]:
            self._grow()
        i = self.count
        self.xy[:, i] = xy
        self.loss[:, i] = loss
        self.grad_norm[:, i] = grad_norm
        self.lr[i] = lr
        self.step[i] = step
        self.count += 1

    def replace_last(self, step: int, xy: Array, loss: Array, grad_norm: Array, lr: float) -> None:
        """Overwrite the newest record (keeps the head exact between strided records)."""
        i = self.count - 1
        self.xy[:, i] = xy
        self.loss[:, i] = loss
        self.grad_norm[:, i] = grad_norm
        self.lr[i] = lr
        self.step[i] = step

    def points(self, i: int) -> Array:
        """View of point i's recorded path, shape (count, 2)."""
        return self.xy[i, : self.count]

    def steps(self) -> NDArray[np.int64]:
        return self.step[: self.count]
