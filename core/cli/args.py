"""The command line's flags, in one place: value types that refuse bad input with one line, the
flag groups the subcommands share (surface, hyperparameters), and how parsed flags become a
surface and a RunConfig. main.py builds its parser from these; the handlers read them.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import numpy as np

from core.optim.estimates import Estimate
from core.optim.hyper import PARAMS, Param
from core.optim.schedules import CYCLIC, READS, Schedule
from core.optim.table import canonical, default_hyper, default_lr, rule_info
from core.runs.config import RunConfig
from surfaces.base import Surface
from surfaces.errors import UserError

RULES = "gd, sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, amsgrad, newton, sfn"
SCHEDULES = ("constant", "triangular", "triangular2", "exp_range", "cosine_restarts", "step",
             "exponential")  # fmt: skip


class CliError(UserError):
    """A user error found by a command-line handler itself: printed as one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2) instead of usage dumps."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


# --- value types: each rejects NaN/inf and names what is allowed ---------------------------------
def finite(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(v):
        raise argparse.ArgumentTypeError(f"'{text}' is not a finite number")
    return v


def nonneg(text: str) -> float:
    v = finite(text)
    if v < 0:
        raise argparse.ArgumentTypeError(f"{text} must be ≥ 0")
    return v


def positive(text: str) -> float:
    v = finite(text)
    if v <= 0:
        raise argparse.ArgumentTypeError(f"{text} must be > 0")
    return v


def unit(text: str) -> float:
    v = finite(text)
    if not 0 <= v < 1:
        raise argparse.ArgumentTypeError(f"{text} must be in [0, 1)")
    return v


def count(low: int, high: int):
    """A whole number in [low, high]."""

    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not low <= v <= high:
            raise argparse.ArgumentTypeError(f"{v} must be between {low} and {high}")
        return v

    return parse


def point(text: str) -> tuple[float, float]:
    parts = text.split(",")
    if len(parts) != 2:
        raise argparse.ArgumentTypeError(f"'{text}' must be two numbers X,Y")
    return finite(parts[0]), finite(parts[1])


def domain(text: str) -> tuple[float, float, float, float]:
    parts = text.split(",")
    if len(parts) != 4:
        raise argparse.ArgumentTypeError(f"'{text}' must be four numbers XMIN,XMAX,YMIN,YMAX")
    x0, x1, y0, y1 = (finite(p) for p in parts)
    if not (x0 < x1 and y0 < y1):
        raise argparse.ArgumentTypeError(f"'{text}' needs XMIN < XMAX and YMIN < YMAX")
    if not (math.isfinite(x1 - x0) and math.isfinite(y1 - y0)):
        raise argparse.ArgumentTypeError(f"'{text}' is too wide: its width overflows a float")
    return x0, x1, y0, y1


def size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d+)[xX](\d+)", text)
    if not m:
        raise argparse.ArgumentTypeError(f"'{text}' must be WIDTHxHEIGHT, e.g. 1280x800")
    w, h = int(m[1]), int(m[2])
    if not (64 <= w <= 8192 and 64 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"'{text}': each side must be between 64 and 8192 pixels")
    return w, h


def batch(text: str) -> int | str:
    if text == "full":
        return "full"
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' must be 'full' or a whole number ≥ 1") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"'{text}' must be 'full' or a whole number ≥ 1")
    return v


def onoff(text: str) -> bool:
    if text not in ("on", "off"):
        raise argparse.ArgumentTypeError(f"'{text}' must be on or off")
    return text == "on"


# --- flag groups --------------------------------------------------------------------------------
def surface_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--surface", metavar="NAME", help="a named surface (see README)")
    g.add_argument("--formula", metavar="EXPR", help="f(x, y), e.g. 'x**2 - y**2 + 0.1*sin(5*x)'")
    g.add_argument("--surface-file", metavar="FILE", help="a drawn surface saved as JSON")


_KIND_TYPES = {"unit": unit, "positive": positive, "nonneg": nonneg, "switch": onoff}


def _flags() -> dict[str, list[Param]]:
    """Each hyperparameter flag and the Hyper fields it sets (--momentum: momentum or, for
    RMSprop, its momentum μ), from the one table of ranges (core/optim/hyper.py PARAMS)."""
    out: dict[str, list[Param]] = {}
    for p in PARAMS.values():
        out.setdefault(p.flag, []).append(p)
    return out


def hyper_arguments(p: argparse.ArgumentParser, multi: bool = False) -> None:
    """--optimizer and every hyperparameter, schedule and gradient-estimate flag (read back by
    run_config). The hyperparameter flags, their ranges and help come from the rule table."""
    p.add_argument("--optimizer", required=True, metavar="RULE[,RULE...]" if multi else "RULE",
                   help=f"update rule: {RULES}")  # fmt: skip
    p.add_argument("--lr", type=nonneg, help="learning rate η (cosine_restarts: the peak)")
    for flag, params in _flags().items():
        kind = params[0].kind
        p.add_argument(flag, type=_KIND_TYPES[kind], metavar="on|off" if kind == "switch" else None,
                       help="; ".join(q.help for q in params))  # fmt: skip
    p.add_argument("--convention", choices=("textbook", "pytorch"), default="textbook")
    p.add_argument("--batch", type=batch, metavar="full|N",
                   help="gradient from all examples or a mini-batch of N (data surfaces)")  # fmt: skip
    p.add_argument("--noise", type=nonneg, metavar="SIGMA", help="Gaussian gradient noise σ")
    p.add_argument("--seed", type=count(0, 2**32 - 1), metavar="S",
                   help="seed of the random draws (SGD, mini-batches, noise); default 0")  # fmt: skip
    p.add_argument("--schedule", choices=SCHEDULES, default="constant")
    p.add_argument("--base-lr", type=nonneg, help="cyclic schedules: lowest rate")
    p.add_argument("--max-lr", type=nonneg, help="cyclic schedules: highest rate")
    p.add_argument(
        "--step-size", type=count(1, 10**9), help="cyclic half-period / step decay period"
    )
    p.add_argument("--gamma", type=positive, help="exp_range / step / exponential decay factor")
    p.add_argument("--t0", type=count(1, 10**9), help="cosine_restarts: first period T₀")
    p.add_argument("--t-mult", type=count(1, 1000), help="cosine_restarts: period multiplier")
    p.add_argument("--eta-min", type=nonneg, help="cosine_restarts: lowest rate")


def note(text: str) -> None:
    """A remark that changes nothing about the result (a flag the run does not read): stderr."""
    sys.stderr.write(f"note: {text}\n")


# Options whose value may start with a minus sign (a number, a point, a domain).
_NUMERIC_OPTIONS = {"--start", "--domain", "--lr", "--base-lr", "--max-lr", "--eta-min", "--gamma",
                    "--noise", "--seed", "--steps", "--grid", "--step-size", "--t0", "--t-mult", "--fps",
                    *(p.flag for p in PARAMS.values() if p.kind != "switch")}  # fmt: skip
_NUMERIC_VALUE = re.compile(r"^-(\d|\.\d|inf|nan)", re.IGNORECASE)


def join_negative_values(argv: Sequence[str]) -> list[str]:
    """Let `--start -1.5,2` and `--formula -x^2` work as typed: argparse would take the value
    for an option because it starts with a minus sign."""
    out: list[str] = []
    i = 0
    argv = list(argv)
    while i < len(argv):
        a = argv[i]
        nxt = argv[i + 1] if i + 1 < len(argv) else ""
        numeric = a in _NUMERIC_OPTIONS and _NUMERIC_VALUE.match(nxt)
        formula = a == "--formula" and nxt.startswith("-") and not nxt.startswith("--")
        if numeric or formula:
            out.append(f"{a}={argv[i + 1]}")
            i += 2
            continue
        out.append(a)
        i += 1
    return out


# --- from flags to objects ----------------------------------------------------------------------
def load_surface(args: argparse.Namespace) -> Surface:
    """The surface named by --surface, typed by --formula, or drawn in --surface-file."""
    if getattr(args, "formula", None) is not None:
        from surfaces.formula import FormulaSurface

        return FormulaSurface(args.formula)
    if getattr(args, "surface_file", None) is not None:
        from core.io.drawn_file import load_drawn

        return load_drawn(args.surface_file)
    from surfaces.registry import get_surface

    return get_surface(args.surface)


def _attr(flag: str) -> str:
    return flag[2:].replace("-", "_")


def run_config(args: argparse.Namespace, surface: Surface, rule: str | None = None) -> RunConfig:
    """Rule, hyperparameters, schedule and gradient estimate from the hyperparameter flags. A flag
    the rule or the schedule does not read is named in a note on stderr; the run goes on."""
    name = rule if rule is not None else args.optimizer
    is_gd = name.strip().lower() == "gd"
    key = canonical(name.strip())
    info = rule_info(key)
    title = "gd" if is_gd else key
    given: dict[str, object] = {}
    for flag, params in _flags().items():
        v = getattr(args, _attr(flag))
        if v is None:
            continue
        read = [p for p in params if p.name in info.params]
        if not read:
            note(f"{flag} has no effect on {title}")
        for p in read:
            given[p.name] = v
    hyper = default_hyper(key, args.convention, **given)
    lr = args.lr if args.lr is not None else default_lr(key, args.convention)
    sched_kw: dict[str, Any] = {"mode": args.schedule, "lr": lr}
    reads = READS[args.schedule]
    for flag in ("base_lr", "max_lr", "step_size", "gamma", "t0", "t_mult", "eta_min"):
        v = getattr(args, flag)
        if v is not None:
            sched_kw[flag] = v
            if flag not in reads:
                note(f"--{flag.replace('_', '-')} has no effect with --schedule {args.schedule}")
    if args.schedule in CYCLIC:
        if "max_lr" not in sched_kw and sched_kw.get("base_lr", 0.0) >= lr:
            raise CliError(
                f"--base-lr {sched_kw['base_lr']:g} is not below the peak, which defaults to "
                f"--lr ({lr:g}): give --max-lr too"
            )
        if args.lr is not None and "max_lr" in sched_kw:
            note(f"--lr has no effect with --schedule {args.schedule} and --max-lr")
        sched_kw.setdefault("base_lr", min(lr / 10, sched_kw.get("max_lr", lr)))
        sched_kw.setdefault("max_lr", lr)
    schedule = Schedule(**sched_kw)
    estimate = _estimate(args, surface, is_gd, key)
    if args.seed is not None and estimate.draw(surface, (1, 2), np.random.default_rng(0)) is None:
        note(f"--seed has no effect with the {estimate.label} gradient")
    return RunConfig(key, hyper, schedule, estimate, args.seed or 0)


def _estimate(args: argparse.Namespace, surface: Surface, is_gd: bool, key: str) -> Estimate:
    full = args.batch == "full"  # `--batch full`: every example, even for sgd on data
    n = None if full else args.batch
    if n is not None and is_gd:
        raise CliError("gd always uses the full batch; use --optimizer sgd with --batch N")
    if n is not None and surface.n_samples == 0:
        raise CliError(
            f"--batch needs a data-defined surface ('{surface.name}' is analytic); "
            "use --noise SIGMA for a stochastic gradient there"
        )
    if args.noise is not None and args.noise > 0:
        if n is not None:
            raise CliError("use either --batch or --noise, not both")
        return Estimate("noise", sigma=args.noise)
    if n is not None:
        return Estimate("sample") if n == 1 else Estimate("minibatch", batch=n)
    if key == "sgd" and not is_gd and not full and surface.n_samples > 0:
        return Estimate("sample")  # plain SGD on data: one example per step, as on the slide
    return Estimate("full")
