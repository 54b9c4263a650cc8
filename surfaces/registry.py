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
