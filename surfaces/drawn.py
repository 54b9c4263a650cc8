"""Drawn surfaces: a base surface (a named one or a formula) plus Gaussian bumps and wells.

A bump adds h·exp(−((x−cx)² + (y−cy)²)/(2w²)) (h < 0 digs a well). Derivatives are exact. For
the GUI's drawing tool, DrawnGrid keeps a grid of values in step with the bumps by adding or
subtracting only the edited bump, so an edit costs a fraction of a full recompute.
Files: {"version": 1, "base": {"surface": NAME} | {"formula": EXPR}, "domain": [x0, x1, y0, y1],
"bumps": [{"x", "y", "height", "width"}, ...]} (read and written by core/io/drawn_file.py).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from surfaces.base import Array, CriticalPoint, Domain, Surface, SurfaceError

VERSION = 1
MAX_BUMPS = 1000
REACH = 9.0  # a bump is taken as zero beyond REACH widths (e^{−40.5} ≈ 3e−18 of its height)


@dataclass(frozen=True)
class Bump:
    """A Gaussian bump at (x, y) of the given height (negative: a well) and width (σ > 0)."""

    x: float
    y: float
    height: float
    width: float

    def __post_init__(self) -> None:
        for k in ("x", "y", "height", "width"):
            v = getattr(self, k)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise SurfaceError(f"bump {k} must be a finite number, got {v!r}")
        if not MIN_WIDTH <= self.width <= MAX_WIDTH:  # width² must be a finite, non-zero float
            raise SurfaceError(
                f"bump width must be between {MIN_WIDTH:g} and {MAX_WIDTH:g}, got {self.width}"
            )

    def as_dict(self) -> dict[str, float]:
        return {"x": self.x, "y": self.y, "height": self.height, "width": self.width}

    def _e(self, x: Array, y: Array) -> tuple[Array, Array, Array]:
        dx, dy = x - self.x, y - self.y
        with np.errstate(
            over="ignore", invalid="ignore"
        ):  # far-off points: 0·inf is nan, no warning
            return self.height * np.exp(-(dx * dx + dy * dy) / (2 * self.width**2)), dx, dy


MIN_WIDTH, MAX_WIDTH = 1e-100, 1e100


def bump_grid(bump: Bump, xs: Array, ys: Array) -> tuple[slice, slice, Array]:
    """The bump's values on the grid xs × ys where it is not negligible.

    Returns (rows, cols, block) with block[j, i] = bump at (xs[cols][i], ys[rows][j]); the
    Gaussian is separable, so the block is an outer product of two short vectors.
    """
    r = REACH * bump.width
    c0, c1 = np.searchsorted(xs, [bump.x - r, bump.x + r])
    r0, r1 = np.searchsorted(ys, [bump.y - r, bump.y + r])
    ex = np.exp(-((xs[c0:c1] - bump.x) ** 2) / (2 * bump.width**2))
    ey = np.exp(-((ys[r0:r1] - bump.y) ** 2) / (2 * bump.width**2))
    return slice(r0, r1), slice(c0, c1), bump.height * np.outer(ey, ex)


def _base_surface(spec: dict[str, str], domain: Domain | None) -> Surface:
    """The base named by a spec {"surface": name} or {"formula": expr}."""
    if "formula" in spec:
        from surfaces.formula import FormulaSurface  # lazy: only drawn-on formulas need it

        return (
            FormulaSurface(spec["formula"], domain) if domain else FormulaSurface(spec["formula"])
        )
    from surfaces.registry import get_surface

    return get_surface(spec["surface"])


class DrawnSurface(Surface):
    """base(x, y) + Σ bumps. Editing bumps increments ``revision`` (critical points are cached by it)."""

    def __init__(
        self,
        base: Surface | str,
        bumps: list[Bump] | tuple[Bump, ...] = (),
        domain: Domain | None = None,
    ) -> None:
        if isinstance(base, str):
            base = _base_surface({"surface": base}, None)
        if isinstance(base, DrawnSurface):
            raise SurfaceError("a drawn surface cannot be the base of another; draw on its base")
        self.base = base
        self.bumps: list[Bump] = list(bumps)
        self.revision = 0
        self._fixed_critical: tuple[CriticalPoint, ...] = ()
        super().__init__(
            name="drawn",
            title=f"Drawn on {base.title or base.name}",
            description="Your drawing: the base surface plus Gaussian bumps and wells.",
            group="Your surfaces",
            domain=_check_domain(domain) if domain is not None else base.domain,
        )

    @property
    def base_spec(self) -> dict[str, str]:
        expr = getattr(self.base, "expr", None)
        return {"formula": expr} if expr is not None else {"surface": self.base.name}

    # Every critical point of the current drawing (cached per revision), so runs on a drawn
    # surface label how they ended without being told; a value set explicitly takes precedence.
    @property
    def known_critical(self) -> tuple[CriticalPoint, ...]:
        if self._fixed_critical:
            return self._fixed_critical
        from surfaces.critical import find_critical_points

        return find_critical_points(self)

    @known_critical.setter
    def known_critical(self, value: tuple[CriticalPoint, ...]) -> None:
        self._fixed_critical = tuple(value)

    # --- editing -------------------------------------------------------------------------------
    def add_bump(self, bump: Bump) -> int:
        """Append a bump; returns its index."""
        if len(self.bumps) >= MAX_BUMPS:
            raise SurfaceError(f"a drawing holds at most {MAX_BUMPS} bumps")
        self.bumps.append(bump)
        self.revision += 1
        return len(self.bumps) - 1

    def set_bump(self, i: int, bump: Bump) -> Bump:
        """Replace bump i (move, resize, change height); returns the old one."""
        old = self.bumps[i]
        self.bumps[i] = bump
        self.revision += 1
        return old

    def remove_bump(self, i: int) -> Bump:
        """Delete bump i; returns it."""
        old = self.bumps.pop(i)
        self.revision += 1
        return old

    # --- the Surface interface -----------------------------------------------------------------
    def value(self, p: Array) -> Array:
        p = np.asarray(p, dtype=np.float64)
        out = np.array(self.base.value(p), dtype=np.float64)
        x, y = p[..., 0], p[..., 1]
        for b in self.bumps:
            out += b._e(x, y)[0]
        return out

    def gradient(self, p: Array) -> Array:
        p = np.asarray(p, dtype=np.float64)
        out = np.array(self.base.gradient(p), dtype=np.float64)
        x, y = p[..., 0], p[..., 1]
        with np.errstate(over="ignore", invalid="ignore"):
            for b in self.bumps:
                e, dx, dy = b._e(x, y)
                k = e / b.width**2
                out[..., 0] -= k * dx
                out[..., 1] -= k * dy
        return out

    def hessian(self, p: Array) -> Array:
        p = np.asarray(p, dtype=np.float64)
        out = np.array(self.base.hessian(p), dtype=np.float64)
        x, y = p[..., 0], p[..., 1]
        with np.errstate(over="ignore", invalid="ignore"):
            for b in self.bumps:
                e, dx, dy = b._e(x, y)
                w2 = b.width**2
                out[..., 0, 0] += e * (dx * dx / w2 - 1) / w2
                out[..., 1, 1] += e * (dy * dy / w2 - 1) / w2
                hxy = e * dx * dy / (w2 * w2)
                out[..., 0, 1] += hxy
                out[..., 1, 0] += hxy
        return out

    # --- files ---------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "base": self.base_spec,
            "domain": list(self.domain),
            "bumps": [b.as_dict() for b in self.bumps],
        }


class DrawnGrid:
    """Values of a drawn surface on a fixed n×n grid, updated per edited bump (the GUI's editor)."""

    def __init__(self, surface: DrawnSurface, n: int = 512, domain: Domain | None = None) -> None:
        self.surface = surface
        x0, x1, y0, y1 = domain or surface.domain
        self.xs = np.linspace(x0, x1, n)
        self.ys = np.linspace(y0, y1, n)
        self.refresh()

    def refresh(self) -> None:
        """Full recompute: the base once, then every bump's block."""
        pts = np.stack(np.meshgrid(self.xs, self.ys), axis=-1)
        with np.errstate(all="ignore"):
            self.base_z = np.asarray(self.surface.base.value(pts), dtype=np.float64)
        self.z = self.base_z.copy()
        for b in self.surface.bumps:
            self._apply(b, +1.0)

    def _apply(self, bump: Bump, sign: float) -> None:
        rows, cols, block = bump_grid(bump, self.xs, self.ys)
        if sign > 0:
            self.z[rows, cols] += block
        else:
            self.z[rows, cols] -= block

    def add_bump(self, bump: Bump) -> int:
        i = self.surface.add_bump(bump)
        self._apply(bump, +1.0)
        return i

    def set_bump(self, i: int, bump: Bump) -> None:
        old = self.surface.set_bump(i, bump)
        self._apply(old, -1.0)
        self._apply(bump, +1.0)

    def remove_bump(self, i: int) -> None:
        self._apply(self.surface.remove_bump(i), -1.0)


# --- loading ---------------------------------------------------------------------------------------
def _num(v: object, what: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise SurfaceError(f"{what} must be a finite number, got {json.dumps(v)}")
    return float(v)


def _check_domain(d: object) -> Domain:
    if not isinstance(d, (list, tuple)) or len(d) != 4:
        raise SurfaceError("domain must be a list of four numbers [xmin, xmax, ymin, ymax]")
    x0, x1, y0, y1 = (_num(v, "each domain bound") for v in d)
    if not (x0 < x1 and y0 < y1):
        raise SurfaceError(f"domain {list(d)} needs xmin < xmax and ymin < ymax")
    return x0, x1, y0, y1


def _check_base(b: object) -> dict[str, str]:
    if not isinstance(b, dict) or len(b) != 1 or not ({"surface", "formula"} & b.keys()):
        raise SurfaceError('base must be {"surface": NAME} or {"formula": EXPR}')
    ((key, val),) = b.items()
    if not isinstance(val, str) or not val.strip():
        raise SurfaceError(f"base {key} must be a non-empty string")
    return {key: val}


def _check_bump(i: int, b: object) -> Bump:
    keys = ("x", "y", "height", "width")
    if not isinstance(b, dict):
        raise SurfaceError(f"bump {i} must be an object with keys {', '.join(keys)}")
    extra = sorted(set(b) - set(keys))
    missing = [k for k in keys if k not in b]
    if extra or missing:
        raise SurfaceError(
            f"bump {i}: "
            + "; ".join(
                [*(f"unknown key '{k}'" for k in extra), *(f"missing '{k}'" for k in missing)]
            )
            + f" (keys: {', '.join(keys)})"
        )
    vals = [_num(b[k], f"bump {i} {k}") for k in keys]
    if vals[3] <= 0:
        raise SurfaceError(f"bump {i} width must be > 0, got {vals[3]:g}")
    return Bump(*vals)


def drawn_from_dict(d: object) -> DrawnSurface:
    """Validate a parsed drawn-surface document and build the surface (SurfaceError if malformed)."""
    if not isinstance(d, dict):
        raise SurfaceError("expected a JSON object with version, base, domain and bumps")
    v = d.get("version")
    if isinstance(v, bool) or not isinstance(v, int):
        raise SurfaceError(f"'version' must be a whole number (this app writes {VERSION})")
    if v > VERSION:
        raise SurfaceError(f"version {v} is newer than this app reads ({VERSION}); update the app")
    if v < 1:
        raise SurfaceError(f"version {v} is not a valid version (this app reads {VERSION})")
    missing = [k for k in ("base", "domain", "bumps") if k not in d]
    if missing:
        raise SurfaceError(f"missing {', '.join(repr(k) for k in missing)}")
    base = _check_base(d["base"])
    domain = _check_domain(d["domain"])
    bumps = d["bumps"]
    if not isinstance(bumps, list):
        raise SurfaceError("'bumps' must be a list")
    if len(bumps) > MAX_BUMPS:
        raise SurfaceError(f"{len(bumps)} bumps; at most {MAX_BUMPS} are allowed")
    parsed = [_check_bump(i, b) for i, b in enumerate(bumps)]
    return DrawnSurface(_base_surface(base, domain), parsed, domain)
