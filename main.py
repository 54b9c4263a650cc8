"""Gradient Descent Explorer: entry point. Argument parsing and dispatch only.

python main.py                       the window
python main.py --screenshot F.png    render the window offscreen to a PNG and exit
python main.py trace|export|critical|basins|backprop ...   (see README.md)
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Sequence

RULES = "gd, sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, amsgrad, newton, sfn"
SCHEDULES = ("constant", "triangular", "triangular2", "exp_range", "cosine_restarts", "step",
             "exponential")  # fmt: skip
_VALUE_OPTS_NUMERIC = re.compile(r"^-(\d|\.\d|inf|nan)", re.IGNORECASE)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2) instead of usage dumps."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


# --- value types: each rejects NaN/inf and names what is allowed ---------------------------------
def _float(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(v):
        raise argparse.ArgumentTypeError(f"'{text}' is not a finite number")
    return v


def _nonneg(text: str) -> float:
    v = _float(text)
    if v < 0:
        raise argparse.ArgumentTypeError(f"{text} must be ≥ 0")
    return v


def _positive(text: str) -> float:
    v = _float(text)
    if v <= 0:
        raise argparse.ArgumentTypeError(f"{text} must be > 0")
    return v


def _unit(text: str) -> float:
    v = _float(text)
    if not 0 <= v < 1:
        raise argparse.ArgumentTypeError(f"{text} must be in [0, 1)")
    return v


def _count(low: int, high: int):
    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not low <= v <= high:
            raise argparse.ArgumentTypeError(f"{v} must be between {low} and {high}")
        return v

    return parse


def _point(text: str) -> tuple[float, float]:
    parts = text.split(",")
    if len(parts) != 2:
        raise argparse.ArgumentTypeError(f"'{text}' must be two numbers X,Y")
    return _float(parts[0]), _float(parts[1])


def _domain(text: str) -> tuple[float, float, float, float]:
    parts = text.split(",")
    if len(parts) != 4:
        raise argparse.ArgumentTypeError(f"'{text}' must be four numbers XMIN,XMAX,YMIN,YMAX")
    x0, x1, y0, y1 = (_float(p) for p in parts)
    if not (x0 < x1 and y0 < y1):
        raise argparse.ArgumentTypeError(f"'{text}' needs XMIN < XMAX and YMIN < YMAX")
    if not (math.isfinite(x1 - x0) and math.isfinite(y1 - y0)):
        raise argparse.ArgumentTypeError(f"'{text}' is too wide: its width overflows a float")
    return x0, x1, y0, y1


def _size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d+)[xX](\d+)", text)
    if not m:
        raise argparse.ArgumentTypeError(f"'{text}' must be WIDTHxHEIGHT, e.g. 1280x800")
    w, h = int(m[1]), int(m[2])
    if not (64 <= w <= 8192 and 64 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"'{text}': each side must be between 64 and 8192 pixels")
    return w, h


def _batch(text: str) -> int | str:
    if text == "full":
        return "full"
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' must be 'full' or a whole number ≥ 1") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"'{text}' must be 'full' or a whole number ≥ 1")
    return v


def _onoff(text: str) -> bool:
    if text not in ("on", "off"):
        raise argparse.ArgumentTypeError(f"'{text}' must be on or off")
    return text == "on"


# --- the parser ---------------------------------------------------------------------------------
def _surface_args(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--surface", metavar="NAME", help="a named surface (see README)")
    g.add_argument("--formula", metavar="EXPR", help="f(x, y), e.g. 'x**2 - y**2 + 0.1*sin(5*x)'")
    g.add_argument("--surface-file", metavar="FILE", help="a drawn surface saved as JSON")


def _hyper_args(p: argparse.ArgumentParser, multi: bool = False) -> None:
    p.add_argument("--optimizer", required=True, metavar="RULE[,RULE...]" if multi else "RULE",
                   help=f"update rule: {RULES}")  # fmt: skip
    p.add_argument("--lr", type=_nonneg, help="learning rate η (cosine_restarts: the peak)")
    p.add_argument("--momentum", type=_unit, help="momentum α / μ in [0, 1), default 0.9")
    p.add_argument("--alpha", type=_unit, help="RMSprop decay in [0, 1)")
    p.add_argument("--beta1", type=_unit, help="Adam β₁ in [0, 1), default 0.9")
    p.add_argument("--beta2", type=_unit, help="Adam β₂ in [0, 1), default 0.999")
    p.add_argument("--eps", type=_positive, help="ε > 0")
    p.add_argument("--weight-decay", type=_nonneg, help="AdamW decoupled weight decay λ")
    p.add_argument("--bias-correction", type=_onoff, metavar="on|off", help="Adam bias correction")
    p.add_argument("--convention", choices=("textbook", "pytorch"), default="textbook")
    p.add_argument("--batch", type=_batch, metavar="full|N",
                   help="gradient from all examples or a mini-batch of N (data surfaces)")  # fmt: skip
    p.add_argument("--noise", type=_nonneg, metavar="SIGMA", help="Gaussian gradient noise σ")
    p.add_argument("--seed", type=_count(0, 2**32 - 1), default=0, metavar="S")
    p.add_argument("--schedule", choices=SCHEDULES, default="constant")
    p.add_argument("--base-lr", type=_nonneg, help="cyclic schedules: lowest rate")
    p.add_argument("--max-lr", type=_nonneg, help="cyclic schedules: highest rate")
    p.add_argument(
        "--step-size", type=_count(1, 10**9), help="cyclic half-period / step decay period"
    )
    p.add_argument("--gamma", type=_positive, help="exp_range / step / exponential decay factor")
    p.add_argument("--t0", type=_count(1, 10**9), help="cosine_restarts: first period T₀")
    p.add_argument("--t-mult", type=_count(1, 1000), help="cosine_restarts: period multiplier")
    p.add_argument("--eta-min", type=_nonneg, help="cosine_restarts: lowest rate")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="main.py", description="Gradient Descent Explorer")
    p.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen and exit")
    p.add_argument("--tab", choices=("explorer", "network"), default="explorer")
    p.add_argument("--size", type=_size, metavar="WxH", help="window size for --screenshot")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    t = sub.add_parser("trace", help="print a trajectory as CSV or JSON")
    _surface_args(t)
    _hyper_args(t)
    t.add_argument("--start", type=_point, required=True, metavar="X,Y")
    t.add_argument("--steps", type=_count(0, 1_000_000), required=True, metavar="N")
    t.add_argument("--format", choices=("csv", "json"), default="csv")

    e = sub.add_parser("export", help="render a race to PNG, SVG, GIF or MP4")
    _surface_args(e)
    _hyper_args(e, multi=True)
    e.add_argument("--start", type=_point, required=True, metavar="X,Y")
    e.add_argument("--steps", type=_count(0, 1_000_000), required=True, metavar="N")
    e.add_argument("--out", required=True, metavar="FILE.png|FILE.svg|FILE.gif|FILE.mp4")
    e.add_argument("--size", type=_size, default=(1200, 800), metavar="WxH")
    # How the picture looks on a slide: the region shown, the theme, the legend, the frame rate.
    e.add_argument("--domain", type=_domain, metavar="XMIN,XMAX,YMIN,YMAX",
                   help="region shown (default: the surface's domain)")  # fmt: skip
    e.add_argument("--theme", choices=("dark", "light"), default="dark")
    e.add_argument("--no-legend", action="store_true", help="leave the legend out")
    e.add_argument("--fps", type=_positive, metavar="F",
                   help=".mp4/.gif frames per second (default: about 6 s in all, 10 to 25 fps)")  # fmt: skip

    c = sub.add_parser("critical", help="list every critical point in a domain")
    _surface_args(c)
    c.add_argument("--domain", type=_domain, metavar="XMIN,XMAX,YMIN,YMAX")
    c.add_argument("--format", choices=("text", "json"), default="text")

    b = sub.add_parser("basins", help="basin-of-attraction map over a grid of starts")
    _surface_args(b)
    _hyper_args(b)
    b.add_argument("--steps", type=_count(1, 1_000_000), required=True, metavar="N")
    b.add_argument("--grid", type=_count(2, 2048), required=True, metavar="G")
    b.add_argument("--domain", type=_domain, metavar="XMIN,XMAX,YMIN,YMAX")
    b.add_argument("--out", metavar="FILE.png")
    b.add_argument("--format", choices=("text", "json"), default="text")

    n = sub.add_parser("backprop", help="forward and backward pass of a network file")
    n.add_argument("--net", required=True, metavar="FILE.json")
    n.add_argument("--format", choices=("text", "json"), default="json")
    return p


_VALUE_OPTIONS = {"--start", "--domain", "--lr", "--base-lr", "--max-lr", "--eta-min", "--gamma",
                  "--momentum", "--alpha", "--beta1", "--beta2", "--eps", "--noise", "--seed",
                  "--steps", "--grid", "--step-size", "--t0", "--t-mult", "--weight-decay", "--fps"}  # fmt: skip


def _join_negative_values(argv: Sequence[str]) -> list[str]:
    """Let `--start -1.5,2` and `--formula -x^2` work as typed: argparse would take the value
    for an option because it starts with a minus sign."""
    out: list[str] = []
    i = 0
    argv = list(argv)
    while i < len(argv):
        a = argv[i]
        nxt = argv[i + 1] if i + 1 < len(argv) else ""
        numeric = a in _VALUE_OPTIONS and _VALUE_OPTS_NUMERIC.match(nxt)
        formula = a == "--formula" and nxt.startswith("-") and not nxt.startswith("--")
        if numeric or formula:
            out.append(f"{a}={argv[i + 1]}")
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(_join_negative_values(sys.argv[1:] if argv is None else argv))
    from core.cli.common import USER_ERRORS

    try:
        if args.command is None:
            from gui.app import run_app

            return run_app(screenshot=args.screenshot, tab=args.tab, size=args.size)
        if args.command == "trace":
            from core.cli.trace import trace

            return trace(args)
        if args.command == "critical":
            from core.cli.critical import critical

            return critical(args)
        if args.command == "basins":
            from core.cli.basins import basins

            return basins(args)
        if args.command == "backprop":
            from core.cli.backprop import backprop

            return backprop(args)
        if args.command == "export":
            from gui.export.render import export_cli

            return export_cli(args)
    except USER_ERRORS as e:
        where = f"main.py {args.command}" if args.command else "main.py"
        sys.stderr.write(f"{where}: error: {e}\n")
        return 2
    except BrokenPipeError:  # `| head` closed the pipe: not an error of ours
        return 0
    raise AssertionError(f"unhandled command {args.command}")


if __name__ == "__main__":
    sys.exit(main())
