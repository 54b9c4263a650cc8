"""How a scene file stores its surface: a registered name, a formula and its domain, a drawing
(base + bumps + domain) or a network slice (the network, its batch and the plane), so that loading
rebuilds exactly the same function. Anything else cannot be saved, and says so."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from core.network.files import network_dict, network_from_dict
from core.network.model import NetworkError
from core.network.slice import NetworkSliceSurface
from surfaces.base import Surface, SurfaceError
from surfaces.drawn import DrawnSurface, drawn_from_dict
from surfaces.errors import UserError
from surfaces.formula import FormulaSurface
from surfaces.registry import get_surface

KINDS = ("named", "formula", "drawn", "network_slice")


class SurfaceSpecError(UserError):
    """A surface that cannot be written to, or read from, a scene file."""


def surface_spec(surface: Surface) -> dict[str, Any]:
    """The JSON-ready description that rebuilds this surface; SurfaceSpecError if there is none."""
    if isinstance(surface, DrawnSurface):
        d = surface.to_dict()
        d.pop("version", None)
        return {"kind": "drawn", **d, **_label(surface, "drawn")}
    if isinstance(surface, FormulaSurface):
        return {"kind": "formula", "expr": surface.expr, "domain": list(surface.domain),
                **_label(surface, "formula")}  # fmt: skip
    if isinstance(surface, NetworkSliceSurface):
        if surface.net is None:
            raise SurfaceSpecError("this network slice has no network to save")
        return {
            "kind": "network_slice",
            "network": network_dict(surface.net, surface.x_data, surface.y_data),
            "base": surface.base.tolist(),
            "directions": surface.directions.tolist(),
            "domain": list(surface.domain),
            "current": list(surface.current),
            "axis_labels": list(surface.axis_labels),
            "name": surface.name,
            "title": surface.title,
            "description": surface.description,
        }
    try:
        same = type(get_surface(surface.name)) is type(surface)
    except SurfaceError:
        same = False
    if not same:
        raise SurfaceSpecError(
            f"the surface '{surface.title or surface.name}' cannot be saved in a scene "
            "(only listed surfaces, formulas, drawings and network slices can)"
        )
    return {"kind": "named", "name": surface.name}


def _label(surface: Surface, default: str) -> dict[str, Any]:
    """Name, title and description of a renamed formula or drawing (a saved user surface), so
    the surface list shows it under its own name again."""
    if surface.name == default:
        return {}
    return {"label": {"name": surface.name, "title": surface.title,
                      "description": surface.description}}  # fmt: skip


def _relabel(surface: Surface, label: object) -> Surface:
    keys = ("name", "title", "description")
    ok = isinstance(label, dict) and set(label) == set(keys)
    if not ok or not all(isinstance(label[k], str) and len(label[k]) <= 500 for k in keys):
        raise SurfaceSpecError("surface 'label' must hold name, title and description strings")
    surface.name, surface.title, surface.description = (label[k] for k in keys)
    return surface


def _str(d: dict[str, Any], key: str) -> str:
    v = d.get(key)
    if not isinstance(v, str) or not v.strip():
        raise SurfaceSpecError(f"surface '{key}' must be a non-empty string")
    return v


def _numbers(v: object, what: str, shape: tuple[int, ...]) -> np.ndarray:
    """A finite float array of the given shape (-1: any length) from nested JSON lists."""
    if not isinstance(v, list):
        raise SurfaceSpecError(f"surface '{what}' must be a list of numbers")
    try:
        a = np.array(v, dtype=np.float64)
    except (TypeError, ValueError):
        raise SurfaceSpecError(f"surface '{what}' must hold only numbers") from None
    flat = a.ravel().tolist() if a.dtype != object else []
    ok = a.ndim == len(shape) and all(s in (-1, n) for s, n in zip(shape, a.shape, strict=True))
    if not ok:
        raise SurfaceSpecError(f"surface '{what}' has shape {a.shape}, expected {shape}")
    if not all(isinstance(x, float) and math.isfinite(x) for x in flat):
        raise SurfaceSpecError(f"surface '{what}' must hold finite numbers")
    return a


def build_surface(spec: object) -> Surface:
    """The surface a spec describes, fully validated; SurfaceSpecError names the fault."""
    if not isinstance(spec, dict):
        raise SurfaceSpecError('"surface" must be an object with a "kind"')
    kind = spec.get("kind")
    if kind not in KINDS:
        raise SurfaceSpecError(f"unknown surface kind {kind!r}; expected one of {', '.join(KINDS)}")
    try:
        if kind == "named":
            return get_surface(_str(spec, "name"))
        if kind == "formula":
            domain = spec.get("domain")
            if not isinstance(domain, list) or len(domain) != 4:
                raise SurfaceSpecError("surface 'domain' must be [xmin, xmax, ymin, ymax]")
            _numbers(domain, "domain", (4,))
            surface: Surface = FormulaSurface(_str(spec, "expr"), tuple(domain))
        elif kind == "drawn":
            doc = {k: v for k, v in spec.items() if k not in ("kind", "label")}
            surface = drawn_from_dict({"version": 1, **doc})
        else:
            return _network_slice(spec)
        return _relabel(surface, spec["label"]) if "label" in spec else surface
    except (SurfaceError, NetworkError) as e:
        raise SurfaceSpecError(str(e)) from None


def _network_slice(spec: dict[str, Any]) -> NetworkSliceSurface:
    net, x, y = network_from_dict(spec.get("network"))
    d = net.n_params
    base = _numbers(spec.get("base"), "base", (d,))
    directions = _numbers(spec.get("directions"), "directions", (2, d))
    domain = _numbers(spec.get("domain"), "domain", (4,))
    if not (domain[0] < domain[1] and domain[2] < domain[3]):
        raise SurfaceSpecError("surface 'domain' needs xmin < xmax and ymin < ymax")
    current = _numbers(spec.get("current"), "current", (2,))
    labels = spec.get("axis_labels")
    if not (
        isinstance(labels, list) and len(labels) == 2 and all(isinstance(s, str) for s in labels)
    ):
        raise SurfaceSpecError("surface 'axis_labels' must be two strings")
    texts = [spec.get(k, "") for k in ("title", "description")]
    if not all(isinstance(t, str) for t in texts):
        raise SurfaceSpecError("surface 'title' and 'description' must be strings")
    return NetworkSliceSurface(
        _str(spec, "name"),
        texts[0],
        texts[1],
        "Data-defined losses",
        tuple(float(v) for v in domain),
        net=net,
        x_data=x,
        y_data=y,
        base=base,
        directions=directions,
        current=(float(current[0]), float(current[1])),
        axis_labels=(labels[0], labels[1]),
    )
