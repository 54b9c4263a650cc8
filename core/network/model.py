"""A tiny multilayer perceptron: a forward pass that keeps every z and a, and backprop reusing them.

Conventions (REFERENCE.md §5): z_l = a_{l−1}·W_l + b_l with W_l of shape (n_in, n_out),
a_l = f(z_l), a_0 = X. Parameters may carry leading batch axes (W of shape (..., n_in, n_out)), so
one call evaluates the loss at many weight settings (the loss-slice surface).

Losses
------
``mse``: L = mean over samples of Σ_outputs ½(y − ŷ)²; δ_L = (ŷ − y) ⊙ f′(z_L) / n.
``bce``: binary cross-entropy with a sigmoid output, L = −mean Σ [y log ŷ + (1 − y) log(1 − ŷ)];
since ∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)) / n and σ′(z) = ŷ(1 − ŷ), the two cancel: δ_L = (ŷ − y) / n.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from surfaces.errors import UserError

Array = NDArray[np.float64]
ActFn = Callable[[Array], Array]


class NetworkError(UserError):
    """A network that breaks the rules (sizes, names, shapes); the message is one line for users."""


def _sigmoid(z: Array) -> Array:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # no overflow for large |z|


def _sigmoid_d(z: Array) -> Array:
    s = _sigmoid(z)
    return s * (1.0 - s)


def _tanh_d(z: Array) -> Array:
    t = np.tanh(z)
    return 1.0 - t * t


ACTIVATIONS: dict[str, tuple[ActFn, ActFn, str]] = {
    "sigmoid": (_sigmoid, _sigmoid_d, "σ(z) = 1/(1+e^−z),  σ′ = σ(1−σ)"),
    "tanh": (np.tanh, _tanh_d, "tanh(z),  tanh′ = 1 − tanh²"),
    "relu": (
        lambda z: np.maximum(z, 0.0),
        lambda z: (z > 0).astype(np.float64),
        "max(0, z),  relu′ = [z > 0]",
    ),
    "linear": (lambda z: z + 0.0, lambda z: np.ones_like(z), "z,  linear′ = 1"),
}
LOSSES: tuple[str, ...] = ("mse", "bce")
INITS: tuple[str, ...] = ("xavier", "he", "uniform")

LIMITS = {"inputs": (1, 3), "hidden_layers": (0, 4), "hidden": (1, 8), "outputs": (1, 3)}


def check_layers(layers: Sequence[int]) -> tuple[int, ...]:
    """Validate layer sizes (input 1–3, up to 4 hidden layers of 1–8, output 1–3)."""
    try:
        sizes = tuple(int(n) for n in layers)
    except (TypeError, ValueError):
        raise NetworkError(f"layers must be whole numbers, got {list(layers)!r}") from None
    if any(int(a) != a for a in layers if isinstance(a, float)):
        raise NetworkError(f"layers must be whole numbers, got {list(layers)!r}")
    if len(sizes) < 2 or len(sizes) > 6:
        raise NetworkError(
            f"layers must list 2 to 6 sizes (input, up to 4 hidden, output), got {len(sizes)}"
        )
    (lo, hi), (hlo, hhi), (olo, ohi) = LIMITS["inputs"], LIMITS["hidden"], LIMITS["outputs"]
    if not lo <= sizes[0] <= hi:
        raise NetworkError(f"the input layer must have {lo} to {hi} neurons, got {sizes[0]}")
    if not olo <= sizes[-1] <= ohi:
        raise NetworkError(f"the output layer must have {olo} to {ohi} neurons, got {sizes[-1]}")
    for i, n in enumerate(sizes[1:-1], start=1):
        if not hlo <= n <= hhi:
            raise NetworkError(f"hidden layer {i} must have {hlo} to {hhi} neurons, got {n}")
    return sizes


def _check_name(kind: str, name: str, allowed: Sequence[str]) -> str:
    if name not in allowed:
        raise NetworkError(f"unknown {kind} '{name}'; choose one of: {', '.join(allowed)}")
    return name


@dataclass
class Cache:
    """What the forward pass stores: zs[l] and as_[l] for layers 1..L (as_[0] is the input X)."""

    zs: list[Array]
    as_: list[Array]

    @property
    def output(self) -> Array:
        return self.as_[-1]


@dataclass
class Grads:
    """Backprop results per layer l = 1..L (index l−1): δ = ∂L/∂z, ∂L/∂W, ∂L/∂b."""

    deltas: list[Array]
    grad_W: list[Array]
    grad_b: list[Array]

    def layer_norms(self) -> list[float]:
        """‖(∂L/∂W_l, ∂L/∂b_l)‖ of each layer, first to last: weights and biases together. The
        one per-layer gradient norm: the step-through's text, the tab's bars and the lessons."""
        return [float(np.sqrt(np.sum(w * w) + np.sum(b * b)))
                for w, b in zip(self.grad_W, self.grad_b, strict=True)]  # fmt: skip


@dataclass
class Network:
    """Layer sizes, activations, loss and parameters (W_l: (n_in, n_out), b_l: (n_out,))."""

    layers: tuple[int, ...]
    activation: str = "sigmoid"
    output_activation: str = "sigmoid"
    weights: list[Array] = field(default_factory=list)
    biases: list[Array] = field(default_factory=list)
    loss: str = "mse"

    def __post_init__(self) -> None:
        self.layers = check_layers(self.layers)
        _check_name("activation", self.activation, tuple(ACTIVATIONS))
        _check_name("output activation", self.output_activation, tuple(ACTIVATIONS))
        _check_name("loss", self.loss, LOSSES)
        if self.loss == "bce" and self.output_activation != "sigmoid":
            raise NetworkError("binary cross-entropy needs a sigmoid output activation")
        if not self.weights:
            self.weights = [np.zeros((a, b)) for a, b in self.shapes]
            self.biases = [np.zeros(b) for _, b in self.shapes]
        self.weights = [np.array(w, dtype=np.float64) for w in self.weights]
        self.biases = [np.array(b, dtype=np.float64) for b in self.biases]
        if len(self.weights) != self.n_layers or len(self.biases) != self.n_layers:
            raise NetworkError(
                f"layers {list(self.layers)} need {self.n_layers} weight matrices and bias "
                f"vectors, got {len(self.weights)} and {len(self.biases)}"
            )
        for i, ((a, b), w, bb) in enumerate(
            zip(self.shapes, self.weights, self.biases, strict=True), 1
        ):
            if w.shape != (a, b):
                raise NetworkError(f"W{i} must have shape ({a}, {b}), got {w.shape}")
            if bb.shape != (b,):
                raise NetworkError(f"b{i} must have {b} entries, got shape {bb.shape}")
            if not (np.isfinite(w).all() and np.isfinite(bb).all()):
                raise NetworkError(f"W{i} or b{i} holds a non-finite number")

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def random(
        cls,
        layers: Sequence[int],
        activation: str = "sigmoid",
        output_activation: str = "sigmoid",
        init: str = "xavier",
        seed: int = 0,
        loss: str = "mse",
    ) -> Network:
        """Seeded initialisation: xavier (Glorot uniform), he (normal, std √(2/n_in)), or uniform
        U(−1/√n_in, 1/√n_in) for weights and biases (PyTorch's Linear default)."""
        sizes = check_layers(layers)
        _check_name("initialisation", init, INITS)
        rng = np.random.default_rng(seed)
        ws, bs = [], []
        for a, b in itertools.pairwise(sizes):
            if init == "xavier":
                lim = np.sqrt(6.0 / (a + b))
                ws.append(rng.uniform(-lim, lim, (a, b)))
                bs.append(np.zeros(b))
            elif init == "he":
                ws.append(rng.normal(0.0, np.sqrt(2.0 / a), (a, b)))
                bs.append(np.zeros(b))
            else:
                lim = 1.0 / np.sqrt(a)
                ws.append(rng.uniform(-lim, lim, (a, b)))
                bs.append(rng.uniform(-lim, lim, b))
        return cls(sizes, activation, output_activation, ws, bs, loss)

    def copy(self) -> Network:
        ws = [w.copy() for w in self.weights]
        bs = [b.copy() for b in self.biases]
        return Network(self.layers, self.activation, self.output_activation, ws, bs, self.loss)

    # --- shapes and the flat parameter vector -------------------------------------------------
    @property
    def n_layers(self) -> int:
        """Number of weight layers L."""
        return len(self.layers) - 1

    @property
    def shapes(self) -> list[tuple[int, int]]:
        return list(itertools.pairwise(self.layers))

    @property
    def n_params(self) -> int:
        return sum(a * b + b for a, b in self.shapes)

    def act(self, layer: int) -> str:
        """Activation name of weight layer l (1-based)."""
        return self.output_activation if layer == self.n_layers else self.activation

    def to_vector(self) -> Array:
        """All parameters as one vector [W1.ravel(), b1, W2.ravel(), b2, ...]."""
        return np.concatenate(
            [np.concatenate([w.ravel(), b]) for w, b in zip(self.weights, self.biases, strict=True)]
        )

    def unpack(self, v: Array) -> tuple[list[Array], list[Array]]:
        """Split vectors v of shape (..., d) into W_l (..., n_in, n_out) and b_l (..., n_out)."""
        v = np.asarray(v, dtype=np.float64)
        lead = v.shape[:-1]
        ws, bs, i = [], [], 0
        for a, b in self.shapes:
            ws.append(v[..., i : i + a * b].reshape(*lead, a, b))
            i += a * b
            bs.append(v[..., i : i + b])
            i += b
        return ws, bs

    def param_names(self) -> list[str]:
        """Names of the flat vector's entries, counting neurons from 1 as the tab does:
        'W1[1,3]' (input 1 to neuron 3), 'b1[3]', ..."""
        out = []
        for l, (a, b) in enumerate(self.shapes, start=1):  # noqa: E741
            out += [f"W{l}[{i + 1},{j + 1}]" for i in range(a) for j in range(b)]
            out += [f"b{l}[{j + 1}]" for j in range(b)]
        return out

    def set_vector(self, v: Array) -> None:
        ws, bs = self.unpack(np.asarray(v, dtype=np.float64).reshape(-1))
        self.weights = [w.copy() for w in ws]
        self.biases = [b.copy() for b in bs]

    @staticmethod
    def pack_grads(g: Grads) -> Array:
        """Gradients (..., n_in, n_out) / (..., n_out) per layer as vectors (..., d)."""
        parts = []
        for gw, gb in zip(g.grad_W, g.grad_b, strict=True):
            parts += [gw.reshape(*gw.shape[:-2], -1), gb]
        return np.concatenate(parts, axis=-1)

    # --- forward, loss, backward --------------------------------------------------------------
    def forward(
        self, x: Array, weights: list[Array] | None = None, biases: list[Array] | None = None
    ) -> Cache:
        """Every z_l and a_l for inputs x (n, n_in); parameters may carry leading batch axes."""
        ws = self.weights if weights is None else weights
        bs = self.biases if biases is None else biases
        a = np.asarray(x, dtype=np.float64)
        zs, as_ = [], [a]
        for layer, (w, b) in enumerate(zip(ws, bs, strict=True), start=1):
            z = a @ w + b[..., None, :]
            a = ACTIVATIONS[self.act(layer)][0](z)
            zs.append(z)
            as_.append(a)
        return Cache(zs, as_)

    def loss_value(self, cache: Cache, y: Array) -> Array:
        """The loss of a forward pass (shape = the parameters' leading axes)."""
        y = np.asarray(y, dtype=np.float64)
        if self.loss == "mse":
            return 0.5 * ((cache.output - y) ** 2).sum(axis=-1).mean(axis=-1)
        z = cache.zs[-1]  # log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z): no log(0)
        sp_pos = np.logaddexp(0.0, z)
        sp_neg = np.logaddexp(0.0, -z)
        return (y * sp_neg + (1.0 - y) * sp_pos).sum(axis=-1).mean(axis=-1)

    def output_delta(self, cache: Cache, y: Array) -> Array:
        """δ_L = ∂L/∂z_L (see the module docstring for both losses)."""
        n = cache.output.shape[-2]
        err = cache.output - np.asarray(y, dtype=np.float64)
        if self.loss == "bce":
            return err / n
        return err * ACTIVATIONS[self.output_activation][1](cache.zs[-1]) / n

    def backward(self, cache: Cache, y: Array, weights: list[Array] | None = None) -> Grads:
        """δ_l, ∂L/∂W_l = a_{l−1}ᵀδ_l, ∂L/∂b_l = Σ_samples δ_l, reusing the stored z and a."""
        ws = self.weights if weights is None else weights
        L = self.n_layers
        deltas: list[Array] = [np.empty(0)] * L
        gw: list[Array] = [np.empty(0)] * L
        gb: list[Array] = [np.empty(0)] * L
        delta = self.output_delta(cache, y)
        for l in range(L, 0, -1):  # noqa: E741 - l is the layer index of the lecture
            deltas[l - 1] = delta
            gw[l - 1] = np.swapaxes(cache.as_[l - 1], -1, -2) @ delta
            gb[l - 1] = delta.sum(axis=-2)
            if l > 1:
                delta = (delta @ np.swapaxes(ws[l - 1], -1, -2)) * ACTIVATIONS[self.act(l - 1)][1](
                    cache.zs[l - 2]
                )
        return Grads(deltas, gw, gb)

    def loss_and_grad(self, x: Array, y: Array) -> tuple[float, Grads, Cache]:
        """One forward and one backward pass at the current parameters."""
        cache = self.forward(x)
        return float(self.loss_value(cache, y)), self.backward(cache, y), cache

    def vector_loss(self, v: Array, x: Array, y: Array) -> Array:
        """Loss at parameter vectors v (..., d)."""
        ws, bs = self.unpack(v)
        return self.loss_value(self.forward(x, ws, bs), y)

    def vector_grad(self, v: Array, x: Array, y: Array) -> Array:
        """Gradient ∂L/∂v at parameter vectors v (..., d), by backprop."""
        ws, bs = self.unpack(v)
        return self.pack_grads(self.backward(self.forward(x, ws, bs), y, ws))

    def predict(self, x: Array) -> Array:
        return self.forward(x).output


def prediction_grid(
    net: Network, x: Array, n: int = 80, margin: float = 0.15
) -> tuple[Array, Array, Array]:
    """The first output on an n×n grid around 2-D inputs x: (xs, ys, Z), Z[j, i] at (xs[i], ys[j])."""
    lo, hi = x[:, :2].min(axis=0), x[:, :2].max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-6)
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], n)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], n)
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        z = net.predict(np.stack([gx.ravel(), gy.ravel()], axis=1))[:, 0]
    return xs, ys, z.reshape(n, n)
