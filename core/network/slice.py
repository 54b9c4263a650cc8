"""A tiny network's loss over a 2-D plane of its weights, as a data-defined Surface.

The plane is v(p) = base + p_x·d₁ + p_y·d₂ in the flat parameter vector: either two chosen weights
(d = unit vectors, so (x, y) are the weights' actual values) or two random filter-normalised
directions around the current weights (Li et al. 2018, arXiv 1712.09913), with biases held fixed.
Values and gradients come from the network's forward pass and backprop (exact); the Hessian is by
centred finite differences of that exact gradient (h = 1e-5 · the domain's size).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from core.network.model import Network
from surfaces.base import Array, Surface, SurfaceError
from surfaces.i18n import translate

_CHUNK_FLOATS = 4_000_000  # bound the forward pass's memory on big grids


@dataclass
class NetworkSliceSurface(Surface):
    """L(base + x·d₁ + y·d₂) for a network and its training batch; SGD samples real examples."""

    net: Network | None = field(default=None, repr=False)
    x_data: Array = field(default_factory=lambda: np.zeros((0, 1)), repr=False)
    y_data: Array = field(default_factory=lambda: np.zeros((0, 1)), repr=False)
    base: Array = field(default_factory=lambda: np.zeros(0), repr=False)
    directions: Array = field(default_factory=lambda: np.zeros((2, 0)), repr=False)
    current: tuple[float, float] = (0.0, 0.0)  # where the network's own weights lie in the plane
    axis_labels: tuple[str, str] = ("x", "y")

    def _vectors(self, p: Array) -> tuple[Array, tuple[int, ...]]:
        p = np.asarray(p, dtype=np.float64)
        if p.shape[-1] != 2:
            raise SurfaceError(f"points must have a last axis of length 2, got shape {p.shape}")
        lead = p.shape[:-1]
        flat = p.reshape(-1, 2)
        return self.base + flat @ self.directions, lead

    def _chunks(self, n: int) -> int:
        assert self.net is not None
        per_point = len(self.x_data) * max(self.net.layers) * (2 * self.net.n_layers + 2)
        return max(1, _CHUNK_FLOATS // max(per_point, 1))

    def value(self, p: Array) -> Array:
        assert self.net is not None
        v, lead = self._vectors(p)
        out = np.empty(len(v))
        step = self._chunks(len(v))
        with np.errstate(all="ignore"):
            for i in range(0, len(v), step):
                out[i : i + step] = self.net.vector_loss(v[i : i + step], self.x_data, self.y_data)
        return out.reshape(lead)

    def _grad_v(self, v: Array, x: Array, y: Array) -> Array:
        assert self.net is not None
        out = np.empty((len(v), 2))
        step = self._chunks(len(v))
        with np.errstate(all="ignore"):
            for i in range(0, len(v), step):
                sl = slice(i, i + step)
                xs = x[sl] if x.ndim == 3 else x
                ys = y[sl] if y.ndim == 3 else y
                out[sl] = self.net.vector_grad(v[sl], xs, ys) @ self.directions.T
        return out

    def gradient(self, p: Array) -> Array:
        v, lead = self._vectors(p)
        return self._grad_v(v, self.x_data, self.y_data).reshape(*lead, 2)

    def hessian(self, p: Array) -> Array:
        """Centred finite differences of the exact (backprop) gradient, symmetrised."""
        p = np.asarray(p, dtype=np.float64)
        x0, x1, y0, y1 = self.domain
        h = 1e-5 * max(x1 - x0, y1 - y0)
        e = np.eye(2) * h
        # the four shifted copies p ± h e_k in one backprop call
        shifted = np.stack([p + e[0], p - e[0], p + e[1], p - e[1]], axis=0)
        g = self.gradient(shifted)
        hess = np.stack([(g[0] - g[1]) / (2 * h), (g[2] - g[3]) / (2 * h)], axis=-1)
        return 0.5 * (hess + np.swapaxes(hess, -1, -2))

    @property
    def n_samples(self) -> int:
        return len(self.x_data)

    def sample_gradient(self, p: Array, idx: NDArray[np.intp]) -> Array:
        """Mean gradient over the training examples idx[i] (N, m) at each point p[i] (N, 2)."""
        v, _ = self._vectors(p)
        idx = np.asarray(idx, dtype=np.intp).reshape(len(v), -1)
        return self._grad_v(v, self.x_data[idx], self.y_data[idx])


def _domain(cx: float, cy: float, span: float) -> tuple[float, float, float, float]:
    return (cx - span, cx + span, cy - span, cy + span)


def slice_weights(
    net: Network, x: Array, y: Array, i: int, j: int, span: float = 3.0
) -> NetworkSliceSurface:
    """The loss as a function of two parameters (flat indices i ≠ j), the others held fixed."""
    names = net.param_names()
    d = len(names)
    if not (0 <= i < d and 0 <= j < d) or i == j:
        raise SurfaceError(f"pick two different parameters among 0..{d - 1}, got {i} and {j}")
    base = net.to_vector()
    cx, cy = float(base[i]), float(base[j])
    base[[i, j]] = 0.0
    dirs = np.zeros((2, d))
    dirs[0, i] = dirs[1, j] = 1.0
    return NetworkSliceSurface(
        f"network_{names[i]}_{names[j]}",
        translate("Surface", "Network loss over {a}, {b}").format(a=names[i], b=names[j]),
        translate(
            "Surface",
            "The {layers} {activation} network's {loss} loss on {n} examples "
            "as {a} and {b} vary; every other weight is fixed.",
        ).format(
            layers=list(net.layers),
            activation=net.activation,
            loss=net.loss,
            n=len(x),
            a=names[i],
            b=names[j],
        ),
        "Data-defined losses",
        _domain(cx, cy, span),
        net=net.copy(),
        x_data=np.asarray(x, dtype=np.float64),
        y_data=np.asarray(y, dtype=np.float64),
        base=base,
        directions=dirs,
        current=(cx, cy),
        axis_labels=(names[i], names[j]),
    )


def filter_normalized_directions(net: Network, rng: np.random.Generator) -> Array:
    """Two random directions (2, d): each neuron's incoming weights get the norm of the current
    ones (Li et al. 2018 filter normalisation); bias entries are zero."""
    dirs = np.zeros((2, net.n_params))
    for k in range(2):
        parts = []
        for w, b in zip(net.weights, net.biases, strict=True):
            g = rng.standard_normal(w.shape)
            g *= np.linalg.norm(w, axis=0, keepdims=True) / np.maximum(
                np.linalg.norm(g, axis=0, keepdims=True), 1e-12
            )
            parts += [g.ravel(), np.zeros_like(b)]
        dirs[k] = np.concatenate(parts)
    return dirs


def slice_directions(
    net: Network, x: Array, y: Array, seed: int = 0, span: float = 1.0
) -> NetworkSliceSurface:
    """The loss over two random filter-normalised directions; (0, 0) is the current network."""
    dirs = filter_normalized_directions(net, np.random.default_rng(seed))
    if not np.any(dirs):
        raise SurfaceError(
            "all weights are zero: random filter-normalised directions would be zero too"
        )
    return NetworkSliceSurface(
        f"network_directions_{seed}",
        translate("Surface", "Network loss, random directions"),
        translate(
            "Surface",
            "The {layers} {activation} network's {loss} loss on {n} examples over two random "
            "filter-normalised directions (Li et al. 2018) around the current weights.",
        ).format(layers=list(net.layers), activation=net.activation, loss=net.loss, n=len(x)),
        "Data-defined losses",
        _domain(0.0, 0.0, span),
        net=net.copy(),
        x_data=np.asarray(x, dtype=np.float64),
        y_data=np.asarray(y, dtype=np.float64),
        base=net.to_vector(),
        directions=dirs,
        current=(0.0, 0.0),
        axis_labels=(
            translate("Surface", "α (direction 1)"),
            translate("Surface", "β (direction 2)"),
        ),
    )
