"""What the diagram may show at a step of the step-through: only what that step has computed.

Forward step l has computed a₀…a_l; backward step l has computed δ_L…δ_l and ∂L/∂W_L…∂L/∂W_l;
the loss step has every a and no δ yet; the update step has everything."""

from __future__ import annotations

import numpy as np

from core.network.model import Cache, Grads
from core.network.steps import Step


def computed_deltas(step: Step, n_layers: int) -> range:
    """The layers whose δ (and ∂L/∂W) exist at this step."""
    if step.kind == "update":
        return range(1, n_layers + 1)
    if step.kind == "backward":
        return range(step.layer, n_layers + 1)
    return range(0)


def pending_gradients(step: Step, n_layers: int) -> set[int]:
    """Weight layers whose ∂L/∂W is not computed yet at this step."""
    return set(range(1, n_layers + 1)) - set(computed_deltas(step, n_layers))


def node_values(step: Step, mode: str, cache: Cache, grads: Grads, s: int) -> list[np.ndarray]:
    """Per layer the numbers in the neurons for sample s: x, then a_l ("weights" mode) or δ_l
    ("gradients" mode); NaN (drawn "–") where this step has not computed them."""
    n_layers = len(cache.zs)
    out = [cache.as_[0][s]]
    known_a = step.layer if step.kind in ("input", "forward") else n_layers
    deltas = computed_deltas(step, n_layers)
    for l in range(1, n_layers + 1):  # noqa: E741
        if mode == "gradients":
            v = (
                grads.deltas[l - 1][s]
                if l in deltas
                else np.full_like(grads.deltas[l - 1][s], np.nan)
            )
        else:
            v = cache.as_[l][s] if l <= known_a else np.full_like(cache.as_[l][s], np.nan)
        out.append(v)
    return out
