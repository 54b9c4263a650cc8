"""Scene files: a whole Explorer scene as versioned JSON ("format": "gd-explorer-scene").

A scene holds the surface, the shared start points, every run's full configuration (rule, Hyper,
schedule, estimate, seed, colour, enabled) with the steps it has taken, and view settings. Since
version 3 each run also stores its whole state (points, the rule's state, random stream, trail:
core.io.run_state), so opening takes no re-running however long the race was. Runs are
deterministic given their seeds, so a run without a stored state (versions 1 and 2, hand-written
lesson scenes) is re-run; a run whose settings were edited mid-race keeps the earlier settings in
``history`` (each with the step it ended at), so core.race.scene can replay it through them. Reading validates everything before returning, so a broken or newer file
raises one SessionError line and the caller changes nothing. Writes are atomic.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from core.io.files import parse_json, read_text, write_atomic
from core.io.run_state import RunStateError, snapshot_from_dict, snapshot_to_dict
from core.io.scene_surface import SurfaceSpecError, build_surface, surface_spec
from core.optim.base import RuleError
from core.optim.estimates import Estimate, EstimateError
from core.optim.hyper import Hyper, HyperError
from core.optim.schedules import Schedule, ScheduleError
from core.optim.table import canonical
from core.race.swarm import COLOUR_MODES, SwarmSpec
from core.runs.config import RunConfig
from core.runs.snapshot import RunSnapshot
from surfaces.base import Surface
from surfaces.errors import UserError

FORMAT = "gd-explorer-scene"
# 3: runs store their state; 2: weight decay is read by every rule that lists it (1: by AdamW only)
VERSION = 3
MAX_FILE_BYTES = 20_000_000
MAX_RUNS, MAX_STARTS, MAX_HISTORY = 64, 1000, 10_000
MAX_STEPS = 1_000_000  # re-running more would make loading take minutes (runs without a state)
MAX_STORED_STEPS = 2**62  # a stored run opens at once whatever its step
TRAIL_BYTES = (
    8_000_000  # raw bytes of the runs' trails (base64: 4/3 of it), thinned to fit on writing
)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class SessionError(UserError):
    """A scene that cannot be saved or loaded; the one-line message says what and where."""


@dataclass(frozen=True)
class RunSpec:
    """One racer: its current settings (seed included), identity, and the steps it had taken."""

    config: RunConfig
    colour: str
    enabled: bool = True
    steps: int = 0
    name: str = ""
    # Earlier settings, oldest first, each with the step it ended at (the run's seed throughout).
    history: tuple[tuple[int, RunConfig], ...] = ()
    state: RunSnapshot | None = None  # the run's whole state at `steps` (None: re-run it)


@dataclass(frozen=True)
class Scene:
    surface: Surface
    starts: NDArray[np.float64]
    runs: tuple[RunSpec, ...]
    view: tuple[float, float, float, float] | None = None
    log_scale: bool | None = None
    speed: tuple[int, int] = (1, 60)  # steps per tick, ticks per second
    selected: int | None = None  # index into runs
    extra: dict[str, Any] = field(default_factory=dict)
    swarm: SwarmSection | None = None  # particles dropped on the race (Swarm mode)


@dataclass(frozen=True)
class SwarmSection:
    """A swarm (core/race/swarm.py): where its particles started, how they are coloured, and per
    run of the scene (in order) the steps its particles took and the settings in force before
    each live edit of them (oldest first, with the step each ended at)."""

    spec: SwarmSpec
    steps: tuple[int, ...]
    history: tuple[tuple[tuple[int, RunConfig], ...], ...]
    colour_by: str = "racer"


# --- writing -----------------------------------------------------------------------------------
def _config_dict(c: RunConfig) -> dict[str, Any]:
    return {
        "rule": c.rule,
        "hyper": c.hyper.as_dict(),
        "schedule": c.schedule.as_dict(),
        "estimate": {"kind": c.estimate.kind, "batch": c.estimate.batch, "sigma": c.estimate.sigma},
    }


def scene_to_dict(scene: Scene) -> dict[str, Any]:
    """The JSON-ready document; SessionError if the surface cannot be described."""
    try:
        surface = surface_spec(scene.surface)
    except SurfaceSpecError as e:
        raise SessionError(str(e)) from None
    runs = []
    for r, state in zip(scene.runs, _thinned_states(scene.runs), strict=True):
        d: dict[str, Any] = {"name": r.name, **_config_dict(r.config), "seed": r.config.seed,
                             "colour": r.colour, "enabled": r.enabled, "steps": r.steps}  # fmt: skip
        # a stored state needs no history to open; beyond what a reader takes it is left out
        history = r.history if len(r.history) <= MAX_HISTORY or state is None else ()
        d["history"] = [{**_config_dict(c), "until": until} for until, c in history]
        if state is not None:
            d["state"] = snapshot_to_dict(state)
        runs.append(d)
    return {
        "format": FORMAT,
        "version": VERSION,
        "surface": surface,
        "starts": np.asarray(scene.starts, dtype=np.float64).tolist(),
        "runs": runs,
        "view": list(scene.view) if scene.view is not None else None,
        "log_scale": scene.log_scale,
        "speed": {"steps_per_tick": scene.speed[0], "ticks_per_second": scene.speed[1]},
        "selected": scene.selected,
        **({"swarm": _swarm_dict(scene.swarm)} if scene.swarm is not None else {}),
    }


def _trail_bytes(s: RunSnapshot) -> int:
    return len(s.trail_step) * 16 * (1 + s.n_points)


def _thinned_states(runs: tuple[RunSpec, ...]) -> list[RunSnapshot | None]:
    """The runs' states, the longest trails thinned until all of them fit TRAIL_BYTES."""
    states = [r.state for r in runs]
    total = sum(_trail_bytes(s) for s in states if s is not None)
    while total > TRAIL_BYTES:
        i = max((j for j, s in enumerate(states) if s is not None),
                key=lambda j: _trail_bytes(states[j]))  # fmt: skip
        s = states[i]
        assert s is not None
        if len(s.trail_step) <= 2:
            break
        thin = s.thinned(len(s.trail_step) // 2)
        total += _trail_bytes(thin) - _trail_bytes(s)
        states[i] = thin
    return states


def save_scene(path: str | os.PathLike[str], scene: Scene) -> None:
    """Write a scene file atomically; SessionError for an unsavable scene or an unwritable path
    (nothing is written that this app would refuse to open)."""
    try:
        text = json.dumps(scene_to_dict(scene), allow_nan=False, separators=(",", ":"))
    except ValueError as e:  # a value JSON cannot hold
        raise SessionError(f"cannot save the scene: {e}") from None
    if len(text) > MAX_FILE_BYTES:
        raise SessionError(f"cannot save the scene: larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        write_atomic(path, text + "\n")
    except OSError as e:
        raise SessionError(f"cannot write '{path}': {e.strerror or e}") from None


# --- reading -----------------------------------------------------------------------------------
def _num(v: object, what: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise SessionError(f"{what} must be a finite number, got {json.dumps(v)}")
    return float(v)


def _int(v: object, what: str, lo: int, hi: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise SessionError(f"{what} must be a whole number from {lo} to {hi}, got {json.dumps(v)}")
    return v


def _obj(v: object, what: str, keys: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
    """A JSON object with exactly the required keys (plus optional ones): names any other."""
    if not isinstance(v, dict):
        raise SessionError(f"{what} must be an object")
    missing = [k for k in keys if k not in v]
    if missing:
        raise SessionError(f"{what} is missing {', '.join(repr(k) for k in missing)}")
    extra = sorted(set(v) - set(keys) - set(optional))
    if extra:
        raise SessionError(f"{what} has unknown key {extra[0]!r}")
    return v


def _config(d: dict, what: str, surface: Surface, seed: int, version: int) -> RunConfig:
    try:
        rule = canonical(d["rule"]) if isinstance(d["rule"], str) else None
        if rule is None:
            raise SessionError(f"{what} rule must be a string")
        fields = Hyper.__dataclass_fields__
        hyper = Hyper(**_obj(d["hyper"], f"{what} hyper", (), tuple(fields)))  # validates each
        if version == 1 and rule != "adamw":  # only AdamW read weight_decay then
            hyper = hyper.with_(weight_decay=0.0)
        s = _obj(d["schedule"], f"{what} schedule", (), tuple(Schedule.__dataclass_fields__))
        for k, v in s.items():
            if k != "mode" and not (k == "gamma" and v is None):
                _num(v, f"{what} schedule {k}")
        schedule = Schedule(**s)
        e = _obj(d["estimate"], f"{what} estimate", ("kind",), ("batch", "sigma"))
        for k in ("batch", "sigma"):
            if k in e:
                _num(e[k], f"{what} estimate {k}")
        estimate = Estimate(e["kind"], batch=e.get("batch", 8), sigma=float(e.get("sigma", 0.0)))
        estimate.check(surface)
    except (RuleError, HyperError, ScheduleError, EstimateError, TypeError) as e:
        raise SessionError(f"{what}: {e}") from None
    return RunConfig(rule, hyper, schedule, estimate, seed)


_CONFIG_KEYS = ("rule", "hyper", "schedule", "estimate")


def _run(d: object, i: int, surface: Surface, version: int, n: int) -> RunSpec:
    what = f"runs[{i}]"
    optional = ("name", "seed", "enabled", "history", *(("state",) if version >= 3 else ()))
    r = _obj(d, what, (*_CONFIG_KEYS, "colour", "steps"), optional)
    colour = r["colour"]
    if not isinstance(colour, str) or not _COLOUR.match(colour):
        raise SessionError(f"{what} colour must look like #rrggbb, got {json.dumps(colour)}")
    enabled = r.get("enabled", True)
    if not isinstance(enabled, bool):
        raise SessionError(f"{what} enabled must be true or false")
    name = r.get("name", "")
    if not isinstance(name, str):
        raise SessionError(f"{what} name must be a string")
    seed = _int(r.get("seed", 0), f"{what} seed", 0, 2**63 - 1)
    state = None
    if "state" in r:
        try:
            state = snapshot_from_dict(r["state"], n, f"{what} state")
        except RunStateError as e:
            raise SessionError(str(e)) from None
    steps = _int(r["steps"], f"{what} steps", 0, MAX_STEPS if state is None else MAX_STORED_STEPS)
    if state is not None and state.t != steps:
        raise SessionError(f"{what} state is at step {state.t}, not at its steps {steps}")
    hist = r.get("history", [])
    if not isinstance(hist, list) or len(hist) > MAX_HISTORY:
        raise SessionError(f"{what} history must be a list of at most {MAX_HISTORY} settings")
    history, last = [], 0
    for j, h in enumerate(hist):
        hw = f"{what} history[{j}]"
        h = _obj(h, hw, (*_CONFIG_KEYS, "until"))
        until = _int(h["until"], f"{hw} until", last + 1, steps)
        history.append((until, _config(h, hw, surface, seed, version)))
        last = until
    config = _config(r, what, surface, seed, version)
    return RunSpec(config, colour, enabled, steps, name, tuple(history), state)


def _starts(v: object) -> NDArray[np.float64]:
    if not isinstance(v, list) or not 1 <= len(v) <= MAX_STARTS:
        raise SessionError(f"'starts' must be a list of 1 to {MAX_STARTS} [x, y] points")
    for i, p in enumerate(v):
        if not isinstance(p, list) or len(p) != 2:
            raise SessionError(f"starts[{i}] must be a point [x, y]")
        for c in p:
            _num(c, f"starts[{i}]")
    return np.array(v, dtype=np.float64).reshape(-1, 2)


def scene_from_dict(doc: object) -> Scene:
    """Validate a parsed scene document completely and build the scene (SessionError if not)."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SessionError(f'not a scene file (expected "format": "{FORMAT}")')
    v = doc.get("version")
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        raise SessionError(f"'version' must be a whole number ≥ 1 (this app writes {VERSION})")
    if v > VERSION:
        raise SessionError(
            f"scene version {v} is newer than this app reads (up to {VERSION}); update the app"
        )
    d = _obj(doc, "the scene", ("format", "version", "surface", "starts", "runs"),
             ("view", "log_scale", "speed", "selected", "swarm"))  # fmt: skip
    try:
        surface = build_surface(d["surface"])
    except SurfaceSpecError as e:
        raise SessionError(f"surface: {e}") from None
    starts = _starts(d["starts"])
    runs = d["runs"]
    if not isinstance(runs, list) or len(runs) > MAX_RUNS:
        raise SessionError(f"'runs' must be a list of at most {MAX_RUNS} runs")
    specs = tuple(_run(r, i, surface, v, len(starts)) for i, r in enumerate(runs))
    view = d.get("view")
    if view is not None:
        if not isinstance(view, list) or len(view) != 4:
            raise SessionError("'view' must be [xmin, xmax, ymin, ymax] or null")
        view = tuple(_num(c, "each view bound") for c in view)
        if not (view[0] < view[1] and view[2] < view[3]):
            raise SessionError("'view' needs xmin < xmax and ymin < ymax")
    log = d.get("log_scale")
    if log is not None and not isinstance(log, bool):
        raise SessionError("'log_scale' must be true, false or null")
    sp = _obj(d.get("speed", {"steps_per_tick": 1, "ticks_per_second": 60}), "'speed'",
              ("steps_per_tick", "ticks_per_second"))  # fmt: skip
    speed = (_int(sp["steps_per_tick"], "steps_per_tick", 1, 1000),
             _int(sp["ticks_per_second"], "ticks_per_second", 1, 240))  # fmt: skip
    sel = d.get("selected")
    if sel is not None:
        sel = _int(sel, "'selected'", 0, max(len(specs) - 1, 0))
    swarm = _swarm(d["swarm"], specs, surface, v) if d.get("swarm") is not None else None
    return Scene(surface, starts, specs, view, log, speed, sel, swarm=swarm)


def _reject_constant(name: str) -> None:
    raise SessionError(f"{name} is not a number JSON allows (numbers must be finite)")


def parse_scene(text: str) -> Scene:
    """A scene from JSON text (SessionError with the fault if it is not a valid scene)."""
    return scene_from_dict(parse_json(text, SessionError, _reject_constant))


def load_scene(path: str | os.PathLike[str]) -> Scene:
    """Read and validate a scene file; any problem is one SessionError line naming the file."""
    p = Path(path)
    text = read_text(p, SessionError, "scene", MAX_FILE_BYTES)
    try:
        return parse_scene(text)
    except SessionError as e:
        raise SessionError(f"{p.name}: {e}") from None


# --- the optional swarm section (older scenes have none; no version change needed) -------------
def _swarm_dict(sw: SwarmSection) -> dict[str, Any]:
    p = sw.spec
    return {
        "kind": p.kind, "particles": int(p.n), "area": list(p.area), "centre": list(p.centre),
        "radius": p.radius, "seed": p.seed, "colour_by": sw.colour_by,
        "runs": [{"steps": steps, "history": [{**_config_dict(c), "until": until}
                                              for until, c in hist]}
                 for steps, hist in zip(sw.steps, sw.history, strict=True)],
    }  # fmt: skip


def _swarm(v: object, runs: tuple[RunSpec, ...], surface: Surface, version: int) -> SwarmSection:
    """The 'swarm' object, validated completely (SessionError naming the fault)."""
    d = _obj(v, "'swarm'", ("kind", "particles", "area", "runs"),
             ("centre", "radius", "seed", "colour_by"))  # fmt: skip
    area, centre = d["area"], d.get("centre", [0.0, 0.0])
    if not isinstance(area, list) or len(area) != 4:
        raise SessionError("swarm area must be [xmin, xmax, ymin, ymax]")
    if not isinstance(centre, list) or len(centre) != 2:
        raise SessionError("swarm centre must be [x, y]")
    colour_by = d.get("colour_by", "racer")
    if colour_by not in COLOUR_MODES:
        raise SessionError(f"swarm colour_by must be one of {', '.join(COLOUR_MODES)}")
    kind = d["kind"] if isinstance(d["kind"], str) else repr(d["kind"])
    try:
        spec = SwarmSpec(kind, _int(d["particles"], "swarm particles", 1, 10**9),
                         tuple(_num(c, "each swarm area bound") for c in area),
                         tuple(_num(c, "swarm centre") for c in centre),
                         _num(d.get("radius", 1.0), "swarm radius"),
                         _int(d.get("seed", 0), "swarm seed", 0, 2**31 - 1)).checked()  # fmt: skip
    except UserError as e:
        raise SessionError(str(e)) from None
    per_run = d["runs"]
    if not isinstance(per_run, list) or len(per_run) != len(runs):
        raise SessionError(f"swarm runs must list one entry per run ({len(runs)})")
    steps, history = [], []
    for i, (r, spec_run) in enumerate(zip(per_run, runs, strict=True)):
        what = f"swarm runs[{i}]"
        e = _obj(r, what, ("steps",), ("history",))
        n = _int(e["steps"], f"{what} steps", 0, MAX_STEPS)
        hist = e.get("history", [])
        if not isinstance(hist, list) or len(hist) > MAX_HISTORY:
            raise SessionError(f"{what} history must be a list of at most {MAX_HISTORY} settings")
        out, last = [], 0
        for j, h in enumerate(hist):
            hw = f"{what} history[{j}]"
            h = _obj(h, hw, (*_CONFIG_KEYS, "until"))
            until = _int(h["until"], f"{hw} until", last + 1, n)
            out.append((until, _config(h, hw, surface, spec_run.config.seed, version)))
            last = until
        steps.append(n)
        history.append(tuple(out))
    return SwarmSection(spec, tuple(steps), tuple(history), colour_by)
