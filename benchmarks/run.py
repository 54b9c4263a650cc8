"""Run every benchmark module (benchmarks/bench_*.py) and print their figures.

    python -m benchmarks.run            human-readable lines
    python -m benchmarks.run --json     one JSON line with every figure
    python -m benchmarks.run --only core,basins

Each module defines ``run() -> dict[str, float]`` returning named figures (units in the names:
``_ms``, ``_us``, ``_s``, ``_mb``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys

import benchmarks


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run")
    p.add_argument("--json", action="store_true", help="print one JSON line")
    p.add_argument("--only", help="comma-separated module names without the bench_ prefix")
    args = p.parse_args(argv)
    names = sorted(
        m.name[len("bench_") :]
        for m in pkgutil.iter_modules(benchmarks.__path__)
        if m.name.startswith("bench_")
    )
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - set(names)
        if unknown:
            print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; have: {', '.join(names)}",
                  file=sys.stderr)  # fmt: skip
            return 2
        names = [n for n in names if n in wanted]
    results: dict[str, float] = {}
    for n in names:
        mod = importlib.import_module(f"benchmarks.bench_{n}")
        figures = mod.run()
        results.update(figures)
        if not args.json:
            for k, v in figures.items():
                print(f"{n:>10}  {k:<32} {v:12.4g}")
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
