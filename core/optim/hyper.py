"""Hyperparameters of an update rule: one table of their ranges (PARAMS) and the Hyper record
every rule reads at each step (the per-rule, per-convention defaults are in the rule table)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

import numpy as np

from surfaces.errors import UserError
from surfaces.i18n import QT_TRANSLATE_NOOP

Convention = Literal["textbook", "pytorch"]
CONVENTIONS: tuple[Convention, ...] = ("textbook", "pytorch")


class HyperError(UserError):
    """A hyperparameter outside its allowed range; the message names the value and the range."""


@dataclass(frozen=True)
class Param:
    """A hyperparameter's name (the Hyper field), its command-line flag, symbol, range and help.

    kind: "unit" [0, 1), "positive" (> 0), "nonneg" (≥ 0) or "switch" (on/off).
    """

    name: str
    flag: str
    label: str  # how the window names it
    kind: Literal["unit", "positive", "nonneg", "switch"]
    help: str

    def check(self, v: object) -> None:
        """Raise HyperError naming this parameter if v (a number, or an array of them) is out of range."""
        if self.kind == "switch":
            if not isinstance(v, bool):
                raise HyperError(f"{self.name} must be on or off, got {v!r}")
            return
        arr = np.asarray(v, dtype=np.float64) if _numeric(v) else None
        if arr is None or not np.isfinite(arr).all():
            raise HyperError(f"{self.name} must be a finite number, got {v!r}")
        if self.kind == "unit" and not ((arr >= 0) & (arr < 1)).all():
            raise HyperError(f"{self.name} must be in [0, 1), got {_show(v)}")
        if self.kind == "positive" and not (arr > 0).all():
            raise HyperError(f"{self.name} must be > 0, got {_show(v)}")
        if self.kind == "nonneg" and not (arr >= 0).all():
            raise HyperError(f"{self.name} must be ≥ 0, got {_show(v)}")


def _numeric(v: object) -> bool:
    if isinstance(v, np.ndarray):
        return v.dtype.kind in "fiu"
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _show(v: object) -> str:
    return (
        str(v)
        if not isinstance(v, np.ndarray)
        else f"an array with values in [{v.min()}, {v.max()}]"
    )


PARAMS: dict[str, Param] = {p.name: p for p in (
    Param("momentum", "--momentum", QT_TRANSLATE_NOOP("Hyper", "momentum α"), "unit",
          QT_TRANSLATE_NOOP("Hyper", "momentum α (PyTorch μ) in [0, 1): how much of the velocity is kept")),
    Param("alpha", "--alpha", QT_TRANSLATE_NOOP("Hyper", "decay α"), "unit",
          QT_TRANSLATE_NOOP("Hyper", "RMSprop decay α in [0, 1) of the squared-gradient average G")),
    Param("beta1", "--beta1", "β₁", "unit", QT_TRANSLATE_NOOP("Hyper", "Adam β₁ in [0, 1): decay of the gradient average")),
    Param("beta2", "--beta2", "β₂", "unit",
          QT_TRANSLATE_NOOP("Hyper", "Adam β₂ in [0, 1): decay of the squared-gradient average")),
    Param("eps", "--eps", "ε", "positive",
          QT_TRANSLATE_NOOP("Hyper", "ε > 0: inside the root (textbook) or added to it (PyTorch); Newton: the smallest "
          "curvature used")),
    Param("weight_decay", "--weight-decay", QT_TRANSLATE_NOOP("Hyper", "weight decay λ"), "nonneg",
          QT_TRANSLATE_NOOP("Hyper", "weight decay λ ≥ 0: λw added to the gradient (AdamW: decoupled, w ← w(1 − ηλ))")),
    Param("rms_momentum", "--momentum", QT_TRANSLATE_NOOP("Hyper", "momentum μ"), "unit",
          QT_TRANSLATE_NOOP("Hyper", "RMSprop momentum μ in [0, 1): accumulates the scaled gradient (torch.optim.RMSprop)")),
    Param("centered", "--centered", QT_TRANSLATE_NOOP("Hyper", "centered"), "switch",
          QT_TRANSLATE_NOOP("Hyper", "RMSprop: divide by the centred variance G − ḡ² (torch.optim.RMSprop centered=True)")),
    Param("bias_correction", "--bias-correction", QT_TRANSLATE_NOOP("Hyper", "bias correction"), "switch",
          QT_TRANSLATE_NOOP("Hyper", "Adam: divide by 1−β₁ᵗ and 1−β₂ᵗ (as in the paper and PyTorch)")),
)}  # fmt: skip


@dataclass(frozen=True)
class Hyper:
    """Everything an update rule reads at each step except η (the schedule gives η at each step).

    Replace it between steps to change it live. Numeric fields may be (N, 1) arrays of per-point
    values (sweeps). Which fields a rule reads is its row in the rule table (RuleInfo.params).
    """

    momentum: float = 0.9
    alpha: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.0
    rms_momentum: float = 0.0
    centered: bool = False
    bias_correction: bool = False
    convention: Convention = "textbook"

    def __post_init__(self) -> None:
        for p in PARAMS.values():
            p.check(getattr(self, p.name))
        if self.convention not in CONVENTIONS:
            raise HyperError(
                f"convention must be one of {', '.join(CONVENTIONS)}, got {self.convention!r}"
            )

    def with_(self, **changes: object) -> Hyper:
        """A copy with some fields changed (validated)."""
        return replace(self, **changes)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
