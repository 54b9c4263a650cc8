"""Detectors of "try this" tasks: whether the user has done the task, read from the live state of
the window's models (the Explorer's Race, the Network tab's network and trainer), without Qt.

Each detector kind has its arguments (checked when the lesson file loads) and a test; a task ticks
the first time its test is true while the lesson is open."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.lessons.model import Detector, LessonError
from core.network.model import Network
from core.network.train import Trainer
from core.optim.hyper import Hyper
from core.optim.table import canonical
from core.race.model import Race
from core.race.racer import Racer
from core.runs.status import STATUS_ORDER

OPS = ("<", "<=", ">", ">=", "==", "!=")
SETTING_FIELDS = ("rule", "lr", "estimate", "batch", "sigma", "schedule", "enabled",
                  *Hyper.__dataclass_fields__)  # fmt: skip
NETWORK_FIELDS = ("activation", "updates", "loss", "rule", "lr", "step", "checked", "hidden_layers")


@dataclass
class Context:
    """What the detectors look at. ``keys[i]`` is the race key of the lesson's racer i;
    ``starts`` the starts the lesson opened with."""

    race: Race | None = None
    keys: list[int] = field(default_factory=list)
    starts: np.ndarray | None = None
    net: Network | None = None
    trainer: Trainer | None = None
    step: int = 0  # the Network tab's step-through position (0 = input)
    checked: bool = False  # the gradient check has been run


def _compare(a: Any, op: str, b: Any) -> bool:
    if isinstance(b, str) or isinstance(a, str):
        return (a == b) == (op == "==") if op in ("==", "!=") else False
    if isinstance(a, bool) or isinstance(b, bool):
        return (bool(a) == bool(b)) == (op == "==")
    x, y = float(a), float(b)
    if not (math.isfinite(x) and math.isfinite(y)):
        return False
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "==": x == y, "!=": x != y}[op]


def _racers(ctx: Context, args: dict[str, Any]) -> list[Racer]:
    race = ctx.race
    if race is None:
        return []
    if "racer" in args:
        i = args["racer"]
        if i >= len(ctx.keys) or all(r.key != ctx.keys[i] for r in race.racers):
            return []
        racers = [race.racer(ctx.keys[i])]
    else:
        racers = list(race.racers)
    if "rule" in args:
        racers = [r for r in racers if r.config.rule == canonical(args["rule"])]
    return racers


def _setting(r: Racer, name: str) -> object:
    c = r.config
    values = {"rule": c.rule, "lr": c.schedule.headline_lr, "estimate": c.estimate.kind,
              "batch": c.estimate.batch, "sigma": c.estimate.sigma, "schedule": c.schedule.mode,
              "enabled": r.enabled}  # fmt: skip
    return values[name] if name in values else getattr(c.hyper, name)


def _status(ctx: Context, a: dict[str, Any]) -> bool:
    return any(r.enabled and r.run is not None and set(r.run.status()) & set(a["status"])
               for r in _racers(ctx, a))  # fmt: skip


def _setting_test(ctx: Context, a: dict[str, Any]) -> bool:
    value = canonical(a["value"]) if a["field"] == "rule" else a["value"]
    return any(_compare(_setting(r, a["field"]), a["op"], value) for r in _racers(ctx, a))


def _value(ctx: Context, a: dict[str, Any]) -> bool:
    for r in _racers(ctx, a):
        if r.enabled and r.run is not None and r.run.t > 0:
            v = r.run.loss() if a["quantity"] == "loss" else r.run.grad_norm()
            if any(_compare(float(x), a["op"], a["value"]) for x in v):
                return True
    return False


def _steps(ctx: Context, a: dict[str, Any]) -> bool:
    return ctx.race is not None and ctx.race.t >= a["at_least"]


def _start(ctx: Context, a: dict[str, Any]) -> bool:
    if ctx.race is None:
        return False
    starts = ctx.race.starts
    ok = np.ones(len(starts), dtype=bool)
    tol = a.get("tol", 0.05)
    if a.get("moved") and ctx.starts is not None:
        same = len(ctx.starts) == len(starts) and np.allclose(ctx.starts, starts)
        if same:
            return False
    for i, axis in enumerate(("x", "y")):
        if axis in a:
            ok &= np.abs(starts[:, i] - a[axis]) <= tol
    if "away" in a:
        ax, ay = a["away"]
        ok &= np.hypot(starts[:, 0] - ax, starts[:, 1] - ay) > a.get("radius", 0.2)
    return bool(ok.any())


def _network(ctx: Context, a: dict[str, Any]) -> bool:
    net, t = ctx.net, ctx.trainer
    if net is None or t is None:
        return False
    f = a["field"]
    values = {"activation": net.activation, "updates": t.t, "loss": t.losses[-1], "rule": t.rule,
              "lr": t.schedule.headline_lr, "step": ctx.step, "checked": ctx.checked,
              "hidden_layers": net.n_layers - 1}  # fmt: skip
    value = canonical(a["value"]) if f == "rule" else a["value"]
    return _compare(values[f], a["op"], value)


# kind -> (test, required args, optional args)
DETECTORS: dict[str, tuple[Callable[[Context, dict[str, Any]], bool], tuple[str, ...], tuple[str, ...]]] = {
    "status": (_status, ("status",), ("racer", "rule")),
    "setting": (_setting_test, ("field", "op", "value"), ("racer", "rule")),
    "value": (_value, ("quantity", "op", "value"), ("racer", "rule")),
    "steps": (_steps, ("at_least",), ()),
    "start": (_start, (), ("moved", "x", "y", "tol", "away", "radius")),
    "network": (_network, ("field", "op", "value"), ()),
}  # fmt: skip


def detected(d: Detector, ctx: Context) -> bool:
    return DETECTORS[d.kind][0](ctx, d.args)


def validate(d: dict[str, Any], where: str, n_racers: int, tab: str) -> Detector:
    """A Detector from a lesson file's table; LessonError names the field at fault."""
    if not isinstance(d, dict):
        raise LessonError(f"{where} must be a table with a 'kind'")
    kind = d.get("kind")
    if kind not in DETECTORS:
        raise LessonError(f"{where}.kind must be one of {', '.join(DETECTORS)}, got {kind!r}")
    _, required, optional = DETECTORS[kind]
    args = {k: v for k, v in d.items() if k != "kind"}
    for k in required:
        if k not in args:
            raise LessonError(f"{where}.{k} is missing")
    for k in args:
        if k not in required + optional:
            raise LessonError(f"{where}.{k} is not an argument of a '{kind}' detector")
    if (kind == "network") != (tab == "network"):
        raise LessonError(f"{where}: a '{kind}' detector does not fit a {tab} scene")
    if "racer" in args and not (isinstance(args["racer"], int) and 0 <= args["racer"] < n_racers):
        raise LessonError(f"{where}.racer must be a racer index from 0 to {n_racers - 1}")
    if "op" in args and args["op"] not in OPS:
        raise LessonError(f"{where}.op must be one of {' '.join(OPS)}, got {args['op']!r}")
    if kind == "status":
        st = args["status"]
        if not isinstance(st, list) or not st or any(s not in STATUS_ORDER for s in st):
            raise LessonError(f"{where}.status must list statuses from {', '.join(STATUS_ORDER)}")
    if kind == "setting" and args["field"] not in SETTING_FIELDS:
        raise LessonError(f"{where}.field must be one of {', '.join(SETTING_FIELDS)}")
    if kind == "network" and args["field"] not in NETWORK_FIELDS:
        raise LessonError(f"{where}.field must be one of {', '.join(NETWORK_FIELDS)}")
    if kind == "value" and args["quantity"] not in ("loss", "grad_norm"):
        raise LessonError(f"{where}.quantity must be loss or grad_norm")
    return Detector(kind, args)
