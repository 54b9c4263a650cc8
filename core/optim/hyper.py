"""Hyperparameters of an update rule: defaults per rule and convention, validated up front."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from typing import Literal

from surfaces.errors import UserError

Convention = Literal["textbook", "pytorch"]
CONVENTIONS: tuple[Convention, ...] = ("textbook", "pytorch")


class HyperError(UserError):
    """A hyperparameter outside its allowed range; the message names the value and the range."""


@dataclass(frozen=True)
class Hyper:
    """Everything an update rule reads at each step except η (the schedule gives η at each step).

    Replace it between steps to change it live.

    ``momentum`` is α of textbook momentum/Nesterov (μ in PyTorch); ``alpha`` is RMSprop's decay.
    ``eps`` is ε (inside the root in the textbook convention, outside in PyTorch's); for Newton
    rules it is the smallest curvature magnitude used. ``bias_correction`` applies to Adam-type rules.
    """

    momentum: float = 0.9
    alpha: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.01
    bias_correction: bool = False
    convention: Convention = "textbook"

    def __post_init__(self) -> None:
        validate(self)

    def with_(self, **changes: object) -> Hyper:
        """A copy with some fields changed (validated)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _finite(name: str, v: float) -> None:
    if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
        raise HyperError(f"{name} must be a finite number, got {v!r}")


def validate(h: Hyper) -> None:
    """Raise HyperError naming the first bad value."""
    for name in ("momentum", "alpha", "beta1", "beta2", "eps", "weight_decay"):
        _finite(name, getattr(h, name))
    for name in ("momentum", "alpha", "beta1", "beta2"):
        v = getattr(h, name)
        if not 0 <= v < 1:
            raise HyperError(f"{name} must be in [0, 1), got {v}")
    if h.eps <= 0:
        raise HyperError(f"eps must be > 0, got {h.eps}")
    if h.weight_decay < 0:
        raise HyperError(f"weight_decay must be ≥ 0, got {h.weight_decay}")
    if h.convention not in CONVENTIONS:
        raise HyperError(
            f"convention must be one of {', '.join(CONVENTIONS)}, got {h.convention!r}"
        )


# Defaults that differ by rule and convention (everything else: the Hyper field defaults).
# PyTorch's are torch.optim's own; textbook ones follow the lecture's slides.
_DEFAULTS: dict[tuple[str, Convention], dict[str, object]] = {
    ("adagrad", "pytorch"): {"eps": 1e-10},
    ("rmsprop", "pytorch"): {"alpha": 0.99},
    ("adam", "textbook"): {"lr": 0.001},
    ("adam", "pytorch"): {"lr": 0.001, "bias_correction": True},
    ("adamw", "textbook"): {"lr": 0.001},
    ("adamw", "pytorch"): {"lr": 0.001, "bias_correction": True},
    ("amsgrad", "textbook"): {"lr": 0.001},
    ("amsgrad", "pytorch"): {"lr": 0.001, "bias_correction": True},
    ("newton", "textbook"): {"lr": 1.0, "eps": 1e-6},
    ("newton", "pytorch"): {"lr": 1.0, "eps": 1e-6},
    ("sfn", "textbook"): {"lr": 1.0, "eps": 1e-3},
    ("sfn", "pytorch"): {"lr": 1.0, "eps": 1e-3},
}


def default_hyper(rule: str, convention: Convention = "textbook", **overrides: object) -> Hyper:
    """The defaults for a rule in a convention, with explicit overrides (None means 'default')."""
    base: dict[str, object] = {"convention": convention}
    base.update({k: v for k, v in _DEFAULTS.get((rule, convention), {}).items() if k != "lr"})
    base.update({k: v for k, v in overrides.items() if v is not None})
    return Hyper(**base)  # type: ignore[arg-type]


def default_lr(rule: str, convention: Convention = "textbook") -> float:
    """The default learning rate η of a rule (0.01, Adam-type 0.001, Newton-type 1)."""
    return float(_DEFAULTS.get((rule, convention), {}).get("lr", 0.01))  # type: ignore[arg-type]
