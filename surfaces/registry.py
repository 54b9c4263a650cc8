"""Every named surface the app offers, grouped for menus, looked up by name."""

from __future__ import annotations

from collections.abc import Callable

from surfaces.base import Surface, SurfaceError
from surfaces.presets import get_preset, preset_names

_EXTRA: dict[str, Callable[[], Surface]] = {}


def register(name: str, factory: Callable[[], Surface]) -> None:
    """Add a named surface (showcases, data-defined losses) to the registry."""
    _EXTRA[name] = factory


def _load_extras() -> None:
    # Showcase and data-defined surfaces register themselves on import (imported here, lazily,
    # because they import this module to register).
    import surfaces.data
    import surfaces.showcase  # noqa: F401


def surface_names() -> list[str]:
    """All surface names, presets first."""
    _load_extras()
    return [*preset_names(), *(n for n in _EXTRA if n not in preset_names())]


def get_surface(name: str) -> Surface:
    """A fresh surface by name; SurfaceError lists the valid names."""
    _load_extras()
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
