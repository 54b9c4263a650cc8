"""`main.py basins`: the basin-of-attraction map of a rule over a grid of starts (text or JSON,
optionally a coloured PNG written without Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.analysis.basins import basin_map
from core.cli.common import CliError, load_surface, run_config, write_json
from core.runs.procs import cpu_count


def basins(args: argparse.Namespace) -> int:
    surface = load_surface(args)
    spec = run_config(args, surface)
    domain = args.domain or surface.domain
    if args.out is not None:
        out = Path(args.out)
        if out.suffix.lower() != ".png":
            raise CliError(f"--out must name a .png file, got '{args.out}'")
        if not out.parent.exists():
            raise CliError(f"cannot write '{args.out}': the folder does not exist")
    result = basin_map(
        surface,
        spec.rule,
        spec.hyper,
        spec.schedule,
        args.steps,
        args.grid,
        domain,
        spec.estimate,
        spec.seed,
        processes=min(8, cpu_count()),  # a CLI process has no other threads: fork is safe
    )
    if args.out is not None:
        from core.analysis.basin_image import write_basin_png

        try:
            write_basin_png(result, args.out)
        except OSError as e:
            raise CliError(f"cannot write '{args.out}': {e.strerror or e}") from None
    if args.format == "json":
        write_json(result.as_json())
        return 0
    g = args.grid
    lines = [
        f"basins of {args.optimizer} on {surface.name}: {g}×{g} starts in "
        f"[{domain[0]:g}, {domain[1]:g}]×[{domain[2]:g}, {domain[3]:g}], {args.steps} steps, "
        f"{result.compute_seconds:.3f} s"
    ]
    for a in result.attractors:
        where = f"({a.x:.6g}, {a.y:.6g})"
        found = "" if a.known else "  (found by clustering)"
        lines.append(f"  {a.kind:<10} {where:<26} f = {a.value:<12.6g} {a.fraction:8.2%}{found}")
    lines.append(f"  {'diverged':<10} {'':<26} {'':<16} {result.diverged:8.2%}")
    lines.append(f"  {'moving':<10} {'(unconverged)':<26} {'':<16} {result.unconverged:8.2%}")
    if args.out is not None:
        lines.append(f"map written to {args.out}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
