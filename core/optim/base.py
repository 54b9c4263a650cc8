"""What every update rule shares: the array types, the result of one update, rule metadata.

A rule is a pure pair (optax's shape): ``init(w) -> State`` and
``update(w, state, grad, lr, hp, hess=None) -> Step``. The state is a small NamedTuple whose first
field ``count`` is the number of updates taken; ``update`` never changes its inputs and returns the
new points, the new state and the *terms* of the step (the gradient, the velocity, the per-coordinate
scale, ...), which the Explain dialog formats without computing anything itself. Points have shape
(N, d); hyperparameters and η may be scalars or (N, 1) arrays (one value per point, for sweeps).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from surfaces.errors import UserError
from surfaces.i18n import number, separator

if TYPE_CHECKING:
    from core.optim.hyper import Hyper

Array = NDArray[np.float64]
Value = Any  # a float, or an (N, 1) array of per-point values
GradFn = Callable[[Array], Array]  # points (N, d) -> gradient estimate (N, d)
HessFn = Callable[[Array], Array]  # points (N, d) -> Hessians (N, d, d)


class RuleError(UserError):
    """Unknown rule name, or a rule that cannot run on this loss; the message says what to do."""


class Step(NamedTuple):
    """One update: the new points, the new state and the named terms that produced them."""

    w: Array
    state: Any
    terms: dict[str, Array]


Init = Callable[[Array], Any]
Update = Callable[..., Step]
Describe = Callable[[dict[str, Array], Any, "Hyper", Value], list[str]]


@dataclass(frozen=True)
class RuleInfo:
    """One row of the rule table: names, formulas, what the rule reads, and its functions.

    ``params`` are the Hyper fields the rule reads (besides η); ``defaults`` overrides Hyper's field
    defaults per convention, and may hold "lr" (the default η). ``describe(terms, state, hp, lr)``
    turns a step's terms into the Explain dialog's lines.
    """

    name: str
    title: str
    textbook: str
    pytorch: str
    params: tuple[str, ...]
    init: Init
    update: Update
    describe: Describe
    defaults: dict[str, dict[str, object]] = field(default_factory=dict)
    kind: str = (
        "plain"  # "momentum" (has a velocity v), "adaptive" (per-coordinate rates), "newton"
    )
    needs_hessian: bool = False
    convert: Callable[[Any, str, float], Any] | None = None  # state when the convention switches

    def default(self, convention: str) -> dict[str, object]:
        return dict(self.defaults.get(convention, {}))


def l2_grad(g: Array, w: Array, hp: Hyper) -> Array:
    """torch's coupled weight decay: the gradient of L + λ/2·|w|², g + λ w (unchanged when λ = 0)."""
    return g + hp.weight_decay * w if hp.weight_decay else g


def fmt(a: Value) -> str:
    """A vector (or a number) as the Explain dialog prints it: five significant digits."""
    arr = np.atleast_1d(np.asarray(a, dtype=np.float64)) + 0.0  # + 0.0: no "-0" on screen
    if arr.size == 1:
        return number(float(arr[0]), ".5g")
    return "(" + separator().join(number(float(x), ".5g") for x in arr.ravel()) + ")"


def lines(*rows: str | None) -> list[str]:
    """Drop the rows a rule leaves out (None) in this convention or setting."""
    return [r for r in rows if r is not None]


def names(seq: Sequence[RuleInfo]) -> dict[str, RuleInfo]:
    return {info.name: info for info in seq}
