"""The step-through of one training iteration: forward layer by layer, the loss, backward from the
output, then the update — each step with its formula filled in with the actual numbers.

Backward steps list which stored values they reuse (z, a from the forward pass, δ from the previous
backward step): the point of the lecture's last slide, "we compute the same thing twice".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from core.network.model import Cache, Grads, Network
from surfaces.i18n import number, separator, translate

Array = NDArray[np.float64]
StepKind = Literal["input", "forward", "loss", "backward", "update"]
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
MAX_TERMS = 4  # expand z = Σ a·w + b term by term only for small layers


def sub(n: int) -> str:
    """An integer as subscript digits: 2 -> '₂'."""
    return str(n).translate(SUB)


def num(v: float) -> str:
    """A number short enough for a formula, with a real minus sign."""
    return number(v, ".4g").replace("-", "−")


def vec(a: Array) -> str:
    return "[" + separator().join(num(float(v)) for v in np.ravel(a)) + "]"


def mat(a: Array) -> str:
    cells = ", " if separator() == ", " else "  "  # "; " parts rows: the comma writes decimals
    return "[" + "; ".join(cells.join(num(float(v)) for v in row) for row in np.atleast_2d(a)) + "]"


@dataclass(frozen=True)
class Step:
    """One stop of the step-through. ``layer`` is the layer to highlight (0 = the inputs)."""

    kind: StepKind
    layer: int
    title: str
    lines: tuple[str, ...]
    reused: tuple[str, ...] = ()
    stored: tuple[str, ...] = ()


def _forward_step(net: Network, cache: Cache, s: int, l: int) -> Step:  # noqa: E741
    a_prev, z, a = cache.as_[l - 1][s], cache.zs[l - 1][s], cache.as_[l][s]
    w, b = net.weights[l - 1], net.biases[l - 1]
    f = net.act(l)
    prev = "x" if l == 1 else f"a{sub(l - 1)}"
    lines = [f"z{sub(l)} = {prev}·W{sub(l)} + b{sub(l)}"]
    if w.shape[0] <= MAX_TERMS and w.shape[1] <= MAX_TERMS:
        for j in range(w.shape[1]):
            terms = " + ".join(f"{num(a_prev[i])}·{num(w[i, j])}" for i in range(w.shape[0]))
            lines.append(f"   z{sub(l)}[{j + 1}] = {terms} + {num(b[j])} = {num(z[j])}")
    else:
        lines.append(f"   = {vec(a_prev)}·W{sub(l)} + {vec(b)}")
    lines += [f"   = {vec(z)}", f"a{sub(l)} = {f}(z{sub(l)}) = {vec(a)}"]
    role = translate("Steps", "output") if l == net.n_layers else translate("Steps", "hidden")
    title = translate("Steps", "Forward · layer {l} ({role}, {f})").format(l=l, role=role, f=f)
    return Step("forward", l, title, tuple(lines),
                stored=(f"z{sub(l)}", f"a{sub(l)}"))  # fmt: skip


def _loss_step(net: Network, cache: Cache, y: Array, s: int, loss: float) -> Step:
    yhat, ys, n = cache.output[s], y[s], len(y)
    lines = [f"ŷ = a{sub(net.n_layers)} = {vec(yhat)},   y = {vec(ys)}"]
    if net.loss == "mse":
        per = 0.5 * float(np.sum((ys - yhat) ** 2))
        lines.append(
            translate("Steps", "ℓ = ½ Σ (y − ŷ)² = {v}   (this sample)").format(v=num(per))
        )
        lines.append(
            translate("Steps", "L = (1/n) Σ ℓ over n = {n} samples = {v}").format(n=n, v=num(loss))
        )
    else:
        p = np.clip(yhat, 1e-300, 1 - 1e-16)
        per = float(-np.sum(ys * np.log(p) + (1 - ys) * np.log(1 - p)))
        lines.append(
            translate("Steps", "ℓ = −Σ [y log ŷ + (1−y) log(1−ŷ)] = {v}   (this sample)").format(
                v=num(per)
            )
        )
        lines.append(
            translate("Steps", "L = (1/n) Σ ℓ over n = {n} samples = {v}").format(n=n, v=num(loss))
        )
    return Step(
        "loss",
        net.n_layers,
        translate("Steps", "Loss"),
        tuple(lines),
        reused=(f"a{sub(net.n_layers)} (ŷ)",),
    )


def _backward_step(net: Network, cache: Cache, g: Grads, y: Array, s: int, l: int) -> Step:  # noqa: E741
    L, n = net.n_layers, len(y)
    d = g.deltas[l - 1][s]
    fp = _fprime(net, l, cache.zs[l - 1][s])
    f = net.act(l)
    lines: list[str] = []
    reused: list[str]
    if l == L and net.loss == "bce":
        lines.append(
            translate(
                "Steps", "δ{l} = (ŷ − y) / n   (σ′ cancels against the cross-entropy)"
            ).format(l=sub(L))
        )
        lines.append(f"   = ({vec(cache.output[s])} − {vec(y[s])}) / {n} = {vec(d)}")
        reused = [translate("Steps", "ŷ = a{s} (forward {l})").format(s=sub(L), l=L)]
    elif l == L:
        lines.append(f"δ{sub(L)} = (ŷ − y) ⊙ {f}′(z{sub(L)}) / n")
        lines.append(f"   = ({vec(cache.output[s])} − {vec(y[s])}) ⊙ {vec(fp)} / {n} = {vec(d)}")
        reused = [translate("Steps", "ŷ = a{s} (forward {l})").format(s=sub(L), l=L),
                  translate("Steps", "z{s} (forward {l})").format(s=sub(L), l=L)]  # fmt: skip
    else:
        nxt = g.deltas[l][s]
        lines.append(f"δ{sub(l)} = (δ{sub(l + 1)}·W{sub(l + 1)}ᵀ) ⊙ {f}′(z{sub(l)})")
        if len(d) <= MAX_TERMS and len(nxt) <= MAX_TERMS:
            lines.append(f"   = ({vec(nxt)}·W{sub(l + 1)}ᵀ) ⊙ {vec(fp)} = {vec(d)}")
        else:  # wide layers: the inputs are in the previous step and the diagram
            lines.append(f"   = {vec(d)}")
        reused = [
            translate("Steps", "δ{s} (backward step before)").format(s=sub(l + 1)),
            f"W{sub(l + 1)}",
            translate("Steps", "z{s} (forward {l})").format(s=sub(l), l=l),
        ]
    prev = "x" if l == 1 else f"a{sub(l - 1)}"
    gw, gb = g.grad_W[l - 1], g.grad_b[l - 1]
    if gw.size <= 8:
        lines.append(translate("Steps", "∂L/∂W{s} = {prev}ᵀ·δ{s} (all n = {n} samples) = {m}").format(
            s=sub(l), prev=prev, n=n, m=mat(gw)))  # fmt: skip
    else:
        lines.append(translate("Steps", "∂L/∂W{s} = {prev}ᵀ·δ{s} (all n = {n} samples)").format(
            s=sub(l), prev=prev, n=n))  # fmt: skip
    lines.append(f"∂L/∂b{sub(l)} = Σ δ{sub(l)} = {vec(gb)}")
    lines.append(f"‖(∂L/∂W{sub(l)}, ∂L/∂b{sub(l)})‖ = {num(g.layer_norms()[l - 1])}"
                 + translate("Steps", "   (weights and biases, as the bar)"))  # fmt: skip
    reused.append(
        translate("Steps", "{prev} (forward {l})").format(prev=prev, l=l - 1)
        if l > 1
        else translate("Steps", "x (the input)")
    )
    if l < L:
        later = (translate("Steps", "layer {l}").format(l=L) if l + 1 == L
                 else translate("Steps", "layers {a}…{b}").format(a=l + 1, b=L))  # fmt: skip
        lines.append(
            translate(
                "Steps", "Without backprop this would redo the chain through {later}."
            ).format(later=later)
        )
    return Step("backward", l, translate("Steps", "Backward · layer {l}").format(l=l), tuple(lines), reused=tuple(reused),
                stored=(f"δ{sub(l)}",))  # fmt: skip


def _fprime(net: Network, l: int, z: Array) -> Array:  # noqa: E741
    from core.network.model import ACTIVATIONS

    return ACTIVATIONS[net.act(l)][1](z)


def _update_lines(net: Network, after: Array | None, top: int = 3) -> list[str]:
    """The largest weight changes the next update makes (from a dry run of the optimizer)."""
    if after is None:
        return []
    before = net.to_vector()
    delta = after - before
    if not np.isfinite(delta).all():
        return [
            translate("Steps", "the next update would not be finite (training would stop here)")
        ]
    names = net.param_names()
    order = np.argsort(-np.abs(delta))[:top]
    lines = [translate("Steps", "largest changes:")]
    lines += [
        f"   {names[k]}: {num(before[k])} → {num(after[k])}   (Δ = {num(delta[k])})" for k in order
    ]
    return lines


def build_steps(
    net: Network,
    x: Array,
    y: Array,
    sample: int = 0,
    update_text: str = "w ← w − η g",
    lr: float = 0.01,
    after: Array | None = None,
) -> list[Step]:
    """Every step of one iteration for the selected sample (numbers from one forward + backward).
    ``after``: the weights the optimizer will produce, to show the update's largest changes."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    s = int(np.clip(sample, 0, len(x) - 1))
    cache = net.forward(x)
    loss = float(net.loss_value(cache, y))
    g = net.backward(cache, y)
    steps = [Step("input", 0, translate("Steps", "Input · sample {s} of {n}").format(s=s + 1, n=len(x)),
                  (f"a₀ = x = {vec(x[s])}", translate("Steps", "target y = {y}").format(y=vec(y[s]))), stored=("a₀",))]  # fmt: skip
    steps += [_forward_step(net, cache, s, l) for l in range(1, net.n_layers + 1)]  # noqa: E741
    steps.append(_loss_step(net, cache, y, s, loss))
    steps += [_backward_step(net, cache, g, y, s, l) for l in range(net.n_layers, 0, -1)]  # noqa: E741
    total = float(np.linalg.norm(net.pack_grads(g)))
    steps.append(Step("update", 0, translate("Steps", "Update"),
                      (update_text, f"η = {num(lr)},   ‖g‖ = ‖∂L/∂w‖ = {num(total)}",
                       *_update_lines(net, after),
                       translate("Steps", "Update ▶ applies this step to every weight and bias.")),
                      reused=(translate("Steps", "every ∂L/∂W and ∂L/∂b above"),)))  # fmt: skip
    return steps
