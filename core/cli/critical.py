"""`main.py critical`: every critical point of a surface inside a domain, as aligned text or JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from core.cli.args import load_surface
from core.cli.output import write_json
from surfaces.critical import find_critical_points


def format_text(points: list[dict[str, Any]]) -> str:
    """One aligned line per point: kind, x, y, f and the Hessian's eigenvalues."""
    lines = [f"{'kind':<11} {'x':>12} {'y':>12} {'f(x, y)':>14}  eigenvalues"]
    for p in points:
        ev = ", ".join(f"{e:.6g}" for e in p["eigenvalues"])
        lines.append(f"{p['kind']:<11} {p['x']:>12.6f} {p['y']:>12.6f} {p['value']:>14.8g}  [{ev}]")
    return "\n".join(lines) + "\n"


def critical(args: argparse.Namespace) -> int:
    surface = load_surface(args)
    domain = args.domain or surface.domain
    points = [c.as_dict() for c in find_critical_points(surface, domain)]
    if args.format == "json":
        write_json({"points": points})
        return 0
    if not points:
        x0, x1, y0, y1 = domain
        print(f"no critical points in [{x0:g}, {x1:g}] × [{y0:g}, {y1:g}]", file=sys.stderr)
        return 0
    sys.stdout.write(format_text(points))
    return 0
