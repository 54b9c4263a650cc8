"""Every named surface the app offers, grouped for menus, looked up by name.

The table lives here and points at the factories: presets, data-defined losses and showcases know
nothing of the registry (imports go one way)."""

from __future__ import annotations

from collections.abc import Callable

from surfaces.base import Surface, SurfaceError
from surfaces.data import linear_regression, logistic_regression
from surfaces.presets import get_preset, preset_names
from surfaces.showcase import SHOWCASES

# Named surfaces beyond the presets, in menu order.
_EXTRA: dict[str, Callable[[], Surface]] = {
    "linear_regression": linear_regression,
    "logistic_regression": logistic_regression,
    **SHOWCASES,
}


# Learning rates that work on each named surface (from a 5×5 grid of starts over its domain and
# its default start, 300 steps diverge nowhere and descend from the default start, in both
# conventions), by kind of update rule: "plain" (GD/SGD), "momentum" (Momentum, Nesterov), "adaptive"
# (AdaGrad, RMSprop, Adam and kin: their steps are ~η whatever the gradient's size), "newton". A
# rate tuned on one surface can blow up on the next (Rosenbrock's walls, Goldstein–Price's 10⁵
# gradients); the Explorer offers these when the surface changes. Missing: nothing sensible.
SUGGESTED_LR: dict[str, dict[str, float]] = {
    "rosenbrock": {"plain": 0.0005, "momentum": 0.0002, "adaptive": 0.2, "newton": 0.5},
    "himmelblau": {"plain": 0.01, "momentum": 0.005, "adaptive": 0.5, "newton": 0.05},
    "beale": {"plain": 5e-05, "momentum": 1e-05, "adaptive": 0.05, "newton": 0.2},
    "booth": {"plain": 0.05, "momentum": 0.01, "adaptive": 0.5, "newton": 0.2},
    "rastrigin": {"plain": 0.05, "momentum": 0.002, "adaptive": 0.2},
    "ackley": {"plain": 0.1, "momentum": 0.0002, "adaptive": 0.2},
    "six_hump_camel": {"plain": 0.002, "momentum": 0.0002, "adaptive": 0.1, "newton": 0.05},
    "goldstein_price": {"plain": 1e-06, "momentum": 2e-07, "adaptive": 0.2, "newton": 0.5},
    "saddle": {"plain": 0.01, "momentum": 0.002, "adaptive": 0.5, "newton": 0.02},
    "monkey_saddle": {"plain": 0.0002, "momentum": 2e-05, "adaptive": 0.5, "newton": 0.02},
    "linear_regression": {"plain": 0.05, "momentum": 0.005, "adaptive": 0.01, "newton": 0.05},
    "logistic_regression": {"plain": 0.5, "momentum": 0.1, "adaptive": 0.05, "newton": 0.05},
    "local_vs_global": {"plain": 0.05, "momentum": 0.002, "adaptive": 0.005, "newton": 0.05},
    "plateau": {"plain": 0.5, "momentum": 0.2, "adaptive": 0.1},
    "ellipse": {"plain": 0.1, "momentum": 0.1, "adaptive": 0.2, "newton": 0.5},
    "saddle_two_minima": {"plain": 0.2, "momentum": 0.05, "adaptive": 0.02, "newton": 0.5},
}


def suggested_lr(name: str, kind: str) -> float | None:
    """The suggested learning rate for a kind of rule on a named surface (None: no suggestion,
    e.g. for a typed formula or a drawing)."""
    return SUGGESTED_LR.get(name, {}).get(kind)


def surface_names() -> list[str]:
    """All surface names, presets first."""
    return [*preset_names(), *(n for n in _EXTRA if n not in preset_names())]


def get_surface(name: str) -> Surface:
    """A fresh surface by name; SurfaceError lists the valid names."""
    if name in _EXTRA:
        return _EXTRA[name]()
    if name in preset_names():
        return get_preset(name)
    raise SurfaceError(f"unknown surface '{name}'; choose one of: {', '.join(surface_names())}")


def grouped() -> dict[str, list[str]]:
    """Surface names by menu group, in a stable order."""
    out: dict[str, list[str]] = {}
    for n in surface_names():
        out.setdefault(get_surface(n).group, []).append(n)
    return out
