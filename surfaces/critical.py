"""Every critical point of a surface in a box: vectorized Newton on ∇f = 0 from a grid of seeds.

Seeds on an S×S grid each run Newton's method (with a pseudo-inverse, so singular Hessians and
degenerate points such as the monkey saddle still converge, linearly); converged points inside the
domain are deduplicated and classified by their Hessian. The seed grid is refined until no new
point appears, so oscillating surfaces (Rastrigin) get the denser grid they need.
"""

from __future__ import annotations

import numpy as np

from surfaces.base import Array, CriticalPoint, Domain, Surface, classify_hessian

MAX_ITER = 120
MAX_POINTS = 2000  # a line of critical points (f = x²) would otherwise yield one per seed
_KIND_ORDER = {"minimum": 0, "saddle": 1, "maximum": 2, "degenerate": 3}


def _newton(surface: Surface, p: Array, size: float) -> tuple[Array, Array]:
    """Newton iterations from seeds p (N, 2); returns the end points and the last step lengths."""
    p = p.copy()
    last = np.full(len(p), np.inf)
    active = np.arange(len(p))
    max_step = 0.5 * size  # a trust region: a near-singular Hessian must not fling a seed away
    with np.errstate(all="ignore"):
        for _ in range(MAX_ITER):
            q = p[active]
            g = surface.gradient(q)
            h = surface.hessian(q)
            ok = np.isfinite(g).all(axis=1) & np.isfinite(h).all(axis=(1, 2))
            lam, vec = np.linalg.eigh(np.where(ok[:, None, None], h, 0.0))
            # Pseudo-inverse: directions of (relatively) zero curvature take no step.
            cut = 1e-13 * np.maximum(np.abs(lam).max(axis=1, keepdims=True), 1e-300)
            inv = np.where(np.abs(lam) > cut, 1.0 / np.where(lam == 0, 1.0, lam), 0.0)
            gv = np.einsum("nij,ni->nj", vec, np.where(ok[:, None], g, 0.0))
            d = np.einsum("nij,nj->ni", vec, inv * gv)
            n = np.hypot(d[:, 0], d[:, 1])
            d *= np.minimum(1.0, max_step / np.where(n > 0, n, 1.0))[:, None]
            p[active] = q - d
            step = np.minimum(n, max_step)
            step[~ok] = np.nan
            last[active] = step
            keep = ok & (step > 1e-15 * size) & (np.abs(p[active]) < 1e6 * size).all(axis=1)
            active = active[keep]
            if active.size == 0:
                break
    return p, last


def _dedupe(p: Array, tol: float) -> Array:
    """One representative per cluster of points closer than tol (lexicographic, deterministic)."""
    if len(p) == 0:
        return p
    _, first = np.unique(np.round(p / tol).astype(np.int64), axis=0, return_index=True)
    cand = p[np.sort(first)]
    cand = cand[np.lexsort((cand[:, 1], cand[:, 0]))]
    kept = np.empty((len(cand), 2))
    k = 0
    for q in cand:  # rounding may split a cluster across a cell boundary: merge neighbours
        if k == 0 or not (np.abs(kept[:k] - q).max(axis=1) <= 2 * tol).any():
            kept[k] = q
            k += 1
    return kept[:k]


def _size(domain: Domain) -> float:
    return float(np.hypot(domain[1] - domain[0], domain[3] - domain[2]))


def _search(surface: Surface, domain: Domain, seeds: int) -> Array:
    """Distinct converged critical points (K, 2) inside the domain from a seeds×seeds grid."""
    x0, x1, y0, y1 = domain
    size = _size(domain)
    # Seeds at cell centres: a symmetric grid would put seeds exactly on symmetry lines.
    xs = x0 + (np.arange(seeds) + 0.5) * ((x1 - x0) / seeds)  # divide first: no overflow
    ys = y0 + (np.arange(seeds) + 0.5) * ((y1 - y0) / seeds)
    start = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    with np.errstate(all="ignore"):
        gscale = float(np.nanmedian(np.hypot(*surface.gradient(start).T)))
    gscale = max(1.0, gscale if np.isfinite(gscale) else 1.0)
    end, last = _newton(surface, start, size)
    with np.errstate(all="ignore"):
        gn = np.hypot(*surface.gradient(end).T)
        # Where f underflows (far tails of exp) ∇f and H are exactly 0: flat, not a critical point.
        flat = (gn == 0) & (surface.hessian(end) == 0).all(axis=(1, 2))
    margin = 1e-9 * size
    inside = (
        (end[:, 0] >= x0 - margin)
        & (end[:, 0] <= x1 + margin)
        & (end[:, 1] >= y0 - margin)
        & (end[:, 1] <= y1 + margin)
    )
    good = np.isfinite(gn) & (gn <= 1e-8 * gscale) & (last <= 1e-7 * size) & inside & ~flat
    return _dedupe(end[good], 1e-6 * size)


def _merge_degenerate_curves(points: list[CriticalPoint], link: float) -> list[CriticalPoint]:
    """Report a connected set of degenerate points (a ring or line of critical points, as in
    f = x² or a bump on a round bowl) once, by its first point in the sorted order."""
    deg = [c for c in points if c.kind == "degenerate"]
    if len(deg) < 2:
        return points
    xy = np.array([[c.x, c.y] for c in deg])
    near = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)) <= link
    label = np.arange(len(deg))
    while True:  # connected components by label propagation along links
        new = np.where(near, label[None, :], len(deg)).min(axis=1)
        if (new == label).all():
            break
        label = new
    first = {int(lab): i for i, lab in reversed(list(enumerate(label)))}
    keep = {id(deg[i]) for i in first.values()}
    return [c for c in points if c.kind != "degenerate" or id(c) in keep]


def _known_unreached(surface: Surface, domain: Domain, found: Array) -> list[CriticalPoint]:
    """Known critical points Newton cannot reach (Ackley's non-smooth minimum) inside the domain."""
    x0, x1, y0, y1 = domain
    tol = 1e-6 * _size(domain)
    out = []
    # Only a hand-listed set (an instance attribute): a computed one (drawn surfaces) is this search.
    for c in vars(surface).get("known_critical", ()):
        if not (x0 <= c.x <= x1 and y0 <= c.y <= y1):
            continue
        if len(found) and (np.abs(found - [c.x, c.y]).max(axis=1) <= 1e3 * tol).any():
            continue
        out.append(c)
    return out


def _classify(surface: Surface, dom: Domain, pts: Array) -> tuple[CriticalPoint, ...]:
    """Classified, sorted critical points from converged locations (plus unreachable known ones)."""
    pts = pts[:MAX_POINTS]
    out = _known_unreached(surface, dom, pts)
    with np.errstate(all="ignore"):
        vals = surface.value(pts)
        hs = surface.hessian(pts)
    for (x, y), v, h in zip(pts, vals, hs, strict=True):
        if not (np.isfinite(v) and np.isfinite(h).all()):
            continue
        kind, ev = classify_hessian(h)
        x, y = (0.0 if abs(c) < 1e-12 else float(c) for c in (x, y))
        ev = tuple(0.0 if abs(e) < 1e-12 else float(e) for e in ev)
        out.append(CriticalPoint(x, y, float(v), kind, ev))
    out.sort(
        key=lambda c: (_KIND_ORDER[c.kind], float(f"{c.value:.9g}"), round(c.x, 9), round(c.y, 9))
    )
    return tuple(_merge_degenerate_curves(out, 0.05 * _size(dom)))


def find_critical_points(
    surface: Surface, domain: Domain | None = None, seeds: int | None = None
) -> tuple[CriticalPoint, ...]:
    """Critical points of surface inside domain (default: its own), classified, sorted.

    seeds: the side of the seed grid; by default it starts at 24 and doubles (up to 192) until a
    refinement finds no new point. Results are cached on the surface per (domain, seeds, revision);
    a surface that changes (a drawn one) bumps its ``revision`` attribute.
    """
    x0, x1, y0, y1 = (float(v) for v in (domain or surface.domain))
    dom: Domain = (x0, x1, y0, y1)
    key = (dom, seeds, getattr(surface, "revision", 0))
    cache: dict = surface.__dict__.setdefault("_critical_cache", {})
    if key in cache:
        return cache[key]
    if seeds is not None:
        result = _classify(surface, dom, _search(surface, dom, max(2, int(seeds))))
    else:
        n = 24
        pts = _search(surface, dom, n)
        result = _classify(surface, dom, pts)
        while n < 192:
            n *= 2
            pts = _dedupe(np.concatenate([pts, _search(surface, dom, n)]), 1e-6 * _size(dom))
            more = _classify(surface, dom, pts)
            grown = len(more) > len(result)
            result = more
            if not grown:
                break
    cache[key] = result
    return result
