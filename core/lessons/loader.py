"""Reading lesson files (TOML, one per lesson, in core/lessons/files/, taken in file-name order).

Every field is validated when the file is read; a broken file gives one LessonError line naming
the file and the field, and the other lessons still load (load_lessons returns both)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.io.scene import SessionError, scene_from_dict
from core.lessons import detect
from core.lessons.claims import placeholders
from core.lessons.language import LANGUAGES
from core.lessons.measure import EXPLORER, NEEDS, NETWORK, RATE_RULES
from core.lessons.model import (
    Check,
    Claim,
    ExplorerScene,
    Lesson,
    LessonError,
    Measure,
    NetworkScene,
    Task,
    Texts,
)
from core.network.datasets import DATASETS
from core.network.model import ACTIVATIONS, INITS, LOSSES, NetworkError, check_layers
from core.optim.base import RuleError
from core.optim.estimates import Estimate, EstimateError
from core.optim.hyper import HyperError
from core.optim.schedules import Schedule, ScheduleError
from core.optim.table import canonical, default_hyper, rule_info
from core.race.colours import RUN_COLOURS
from core.runs.config import RunConfig
from core.runs.status import STATUS_ORDER

FILES = Path(__file__).with_name("files")
OVERLAYS = ("gradient", "velocity", "adaptive", "eigen")
PANELS = ("norms", "check", "landscape")
MAX_STEPS = 100_000
_RACER_KEYS = ("rule", "lr", "seed", "colour", "convention", "schedule", "estimate")
_OPS = ("<", "<=", ">", ">=", "==", "!=", "≈", "in")


def _table(v: object, where: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise LessonError(f"{where} must be a table")
    return v


def _only(d: dict[str, Any], where: str, allowed: tuple[str, ...]) -> None:
    for k in d:
        if k not in allowed:
            raise LessonError(f"{where}.{k} is not a field here (allowed: {', '.join(allowed)})")


def _texts(v: object, where: str) -> Texts:
    d = _table(v, where)
    for lang in LANGUAGES:
        if not isinstance(d.get(lang), str) or not d[lang].strip():
            raise LessonError(
                f"{where}.{lang} is missing (every text needs {', '.join(LANGUAGES)})"
            )
    _only(d, where, LANGUAGES)
    return {lang: d[lang].strip() for lang in LANGUAGES}


def _int(v: object, where: str, lo: int, hi: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise LessonError(f"{where} must be a whole number from {lo} to {hi}, got {v!r}")
    return v


def _num(v: object, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise LessonError(f"{where} must be a number, got {v!r}")
    return float(v)


# --- scenes -------------------------------------------------------------------------------------
def _config(d: dict[str, Any], where: str) -> RunConfig:
    """A racer's settings, stated in full: the rule, η (or a schedule), every hyperparameter the
    rule reads, the gradient estimate and the seed."""
    if "rule" not in d:
        raise LessonError(f"{where}.rule is missing")
    try:
        rule = canonical(str(d["rule"]))
    except RuleError as e:
        raise LessonError(f"{where}.rule: {e}") from None
    info = rule_info(rule)
    _only(d, where, (*_RACER_KEYS, *info.params))
    for p in info.params:
        if p not in d:
            raise LessonError(f"{where}.{p} is missing ({info.title} reads it; state it)")
    if "lr" not in d:
        raise LessonError(f"{where}.lr is missing")
    try:
        hyper = default_hyper(
            rule, d.get("convention", "textbook"), **{p: d[p] for p in info.params}
        )
        sched = dict(_table(d.get("schedule", {}), f"{where}.schedule"))
        schedule = Schedule(lr=_num(d["lr"], f"{where}.lr"), **sched)
        e = _table(d.get("estimate", {"kind": "full"}), f"{where}.estimate")
        estimate = Estimate(**e)
    except (HyperError, ScheduleError, EstimateError, TypeError) as e:
        raise LessonError(f"{where}: {e}") from None
    seed = _int(d.get("seed", 0), f"{where}.seed", 0, 2**31 - 1)
    return RunConfig(rule, hyper, schedule, estimate, seed)


def _explorer_scene(d: dict[str, Any], where: str) -> ExplorerScene:
    _only(d, where, ("tab", "surface", "starts", "racers", "speed", "view", "log_scale",
                     "overlays", "selected", "data_view", "network_race"))  # fmt: skip
    racers = d.get("racers")
    if not isinstance(racers, list) or not racers:
        raise LessonError(f"{where}.racers must list at least one racer")
    runs = []
    for i, r in enumerate(racers):
        rw = f"{where}.racers[{i}]"
        c = _config(_table(r, rw), rw)
        colour = r.get("colour", RUN_COLOURS[i % len(RUN_COLOURS)])
        runs.append({"rule": c.rule, "hyper": c.hyper.as_dict(), "schedule": c.schedule.as_dict(),
                     "estimate": {"kind": c.estimate.kind, "batch": c.estimate.batch,
                                  "sigma": c.estimate.sigma},
                     "seed": c.seed, "colour": colour, "steps": 0})  # fmt: skip
    speed = d.get("speed", [1, 60])
    doc = {"format": "gd-explorer-scene", "version": 2, "surface": d.get("surface"),
           "starts": d.get("starts"), "runs": runs, "view": d.get("view"),
           "log_scale": d.get("log_scale", False), "selected": d.get("selected", 0),
           "speed": {"steps_per_tick": speed[0], "ticks_per_second": speed[1]}
           if isinstance(speed, list) and len(speed) == 2 else speed}  # fmt: skip
    try:
        scene = scene_from_dict(doc)
    except SessionError as e:
        raise LessonError(f"{where}: {e}".replace("runs[", "racers[")) from None
    overlays = d.get("overlays", [])
    if not isinstance(overlays, list) or any(o not in OVERLAYS for o in overlays):
        raise LessonError(f"{where}.overlays must list some of {', '.join(OVERLAYS)}")
    data_view = d.get("data_view", False)
    if not isinstance(data_view, bool):
        raise LessonError(f"{where}.data_view must be true or false")
    return ExplorerScene(scene, tuple(overlays), data_view, _rules(d, where))


def _rules(d: dict[str, Any], where: str) -> tuple[str, ...]:
    race = d.get("network_race", [])
    if not isinstance(race, list) or not all(isinstance(r, str) for r in race):
        raise LessonError(f"{where}.network_race must list rule names")
    try:
        return tuple(canonical(r) for r in race)
    except RuleError as e:
        raise LessonError(f"{where}.network_race: {e}") from None


def _network_scene(d: dict[str, Any], where: str) -> NetworkScene:
    _only(d, where, ("tab", "network", "training", "panel", "network_race"))
    n = _table(d.get("network"), f"{where}.network")
    nw = f"{where}.network"
    keys = ("dataset", "data_seed", "hidden", "activation", "output_activation", "loss", "init",
            "seed")  # fmt: skip
    _only(n, nw, keys)
    for k in keys:
        if k not in n:
            raise LessonError(f"{nw}.{k} is missing")
    for k, allowed in (("dataset", DATASETS), ("activation", tuple(ACTIVATIONS)),
                       ("output_activation", tuple(ACTIVATIONS)), ("loss", LOSSES),
                       ("init", INITS)):  # fmt: skip
        if n[k] not in allowed:
            raise LessonError(f"{nw}.{k} must be one of {', '.join(allowed)}, got {n[k]!r}")
    hidden = n["hidden"]
    try:
        check_layers([2, *hidden, 1]) if isinstance(hidden, list) else None
    except NetworkError as e:
        raise LessonError(f"{nw}.hidden: {e}") from None
    if not isinstance(hidden, list):
        raise LessonError(f"{nw}.hidden must list the hidden layers' sizes")
    t = dict(_table(d.get("training"), f"{where}.training"))
    batch = t.pop("batch", "full")
    if batch != "full":
        batch = _int(batch, f"{where}.training.batch", 1, 10_000)
    training = _config(t, f"{where}.training")
    panel = d.get("panel", "norms")
    if panel not in PANELS:
        raise LessonError(f"{where}.panel must be one of {', '.join(PANELS)}")
    return NetworkScene(n["dataset"], _int(n["data_seed"], f"{nw}.data_seed", 0, 2**31 - 1),
                        tuple(hidden), n["activation"], n["output_activation"], n["loss"],
                        n["init"], _int(n["seed"], f"{nw}.seed", 0, 2**31 - 1), training,
                        None if batch == "full" else batch, panel, _rules(d, where))  # fmt: skip


def _scene(d: object) -> ExplorerScene | NetworkScene:
    d = _table(d, "scene")
    tab = d.get("tab", "explorer")
    if tab == "explorer":
        return _explorer_scene(d, "scene")
    if tab == "network":
        return _network_scene(d, "scene")
    raise LessonError(f"scene.tab must be explorer or network, got {tab!r}")


# --- claims and tasks ---------------------------------------------------------------------------
_MEASURE_KEYS = ("as", "quantity", "racer", "steps", "point", "with", "below", "to", "from",
                 "window", "layer", "times")  # fmt: skip


def _measure(d: dict[str, Any], where: str, scene: ExplorerScene | NetworkScene) -> Measure:
    _only(d, where, _MEASURE_KEYS)
    q = d.get("quantity")
    network = isinstance(scene, NetworkScene)
    allowed = NETWORK if network else tuple(EXPLORER)
    if q not in allowed:
        raise LessonError(f"{where}.quantity must be one of {', '.join(allowed)}, got {q!r}")
    if q in NEEDS and NEEDS[q] not in d:
        raise LessonError(f"{where}.{NEEDS[q]} is missing ({q} needs it)")
    name = d.get("as")
    if not isinstance(name, str) or not name.isidentifier():
        raise LessonError(f"{where}.as must name the value (letters, digits, _), got {name!r}")
    racer, changes = d.get("racer", 0), _table(d.get("with", {}), f"{where}.with")
    if not network:
        n = len(scene.scene.runs)
        racer = _int(racer, f"{where}.racer", 0, n - 1)
        point = _int(d.get("point", 0), f"{where}.point", 0, len(scene.scene.starts) - 1)
        rule = scene.scene.runs[racer].config.rule
        if q == "rate" and canonical(str(changes.get("rule", rule))) not in RATE_RULES:
            raise LessonError(f"{where}: rate is read from AdaGrad's or RMSprop's G only")
    else:
        point = 0
    if network and "from" in d:
        raise LessonError(f"{where}.from: a network scene has no start points")
    return Measure(name, q, racer, _int(d.get("steps", 0), f"{where}.steps", 0, MAX_STEPS),
                   point, dict(changes),
                   _num(d["below"], f"{where}.below") if "below" in d else None,
                   _point(d.get("to"), f"{where}.to"), _point(d.get("from"), f"{where}.from"),
                   _int(d.get("window", 1), f"{where}.window", 1, MAX_STEPS),
                   _int(d.get("layer", -1), f"{where}.layer", -6, 6),
                   _num(d.get("times", 1.0), f"{where}.times"))  # fmt: skip


def _point(v: object, where: str) -> tuple[float, float] | None:
    if v is None:
        return None
    if not (isinstance(v, list) and len(v) == 2):
        raise LessonError(f"{where} must be a point [x, y]")
    return (_num(v[0], where), _num(v[1], where))


def _operand(v: object, where: str, scene: ExplorerScene | NetworkScene) -> Any:
    if isinstance(v, dict):
        return _measure(v, where, scene)
    if isinstance(v, str):
        return v
    if isinstance(v, list) and all(isinstance(s, str) for s in v):
        return tuple(v)
    return _num(v, where)


def _check(d: dict[str, Any], where: str, scene: ExplorerScene | NetworkScene) -> Check:
    for k in ("left", "op", "right"):
        if k not in d:
            raise LessonError(f"{where}.{k} is missing")
    if d["op"] not in _OPS:
        raise LessonError(f"{where}.op must be one of {' '.join(_OPS)}, got {d['op']!r}")
    left, right = (
        _operand(d["left"], f"{where}.left", scene),
        _operand(d["right"], f"{where}.right", scene),
    )
    for side in (left, right):
        if isinstance(side, str) and side not in STATUS_ORDER:
            raise LessonError(f"{where}: {side!r} is not a status ({', '.join(STATUS_ORDER)})")
    return Check(left, d["op"], right, _num(d.get("tol", 0.05), f"{where}.tol"))


def _claim(d: object, where: str, scene: ExplorerScene | NetworkScene) -> Claim:
    d = _table(d, where)
    cid = d.get("id")
    if not isinstance(cid, str) or not cid.isidentifier():
        raise LessonError(f"{where}.id must be a name (letters, digits, _)")
    text = _texts(d.get("text"), f"{where}.text")
    if "checks" in d:
        _only(d, where, ("id", "text", "checks"))
        checks = tuple(_check(_table(c, f"{where}.checks[{i}]"), f"{where}.checks[{i}]", scene)
                       for i, c in enumerate(d["checks"]))  # fmt: skip
    else:
        _only(d, where, ("id", "text", "left", "op", "right", "tol"))
        checks = (_check(d, where, scene),)
    claim = Claim(cid, text, checks)
    seen: dict[str, Measure] = {}
    for m in claim.measures():
        if seen.setdefault(m.name, m) != m:
            raise LessonError(f"{where}: two different measurements are both named '{m.name}'")
    names = list(seen)
    for lang, t in text.items():
        for p in placeholders(t):
            if p not in names:
                raise LessonError(f"{where}.text.{lang} quotes {{{p}}}, which it does not measure")
    return claim


def _task(d: object, where: str, scene: ExplorerScene | NetworkScene) -> Task:
    d = _table(d, where)
    _only(d, where, ("text", "detect"))
    n = len(scene.scene.runs) if isinstance(scene, ExplorerScene) else 0
    return Task(_texts(d.get("text"), f"{where}.text"),
                detect.validate(d.get("detect"), f"{where}.detect", n, scene.tab))  # fmt: skip


# --- lessons ------------------------------------------------------------------------------------
def parse_lesson(doc: dict[str, Any], path: Path | None = None) -> Lesson:
    """A validated Lesson from a parsed file (LessonError naming the field if not)."""
    _only(doc, "lesson", ("id", "title", "topics", "text", "scene", "tasks", "claims"))
    lid = doc.get("id")
    if not isinstance(lid, str) or not lid.replace("_", "").isalnum():
        raise LessonError("id must be a name (letters, digits, _)")
    topics = doc.get("topics")
    if not isinstance(topics, list) or not topics or not all(isinstance(t, str) for t in topics):
        raise LessonError("topics must list the lecture's topic ids the lesson covers")
    scene = _scene(doc.get("scene"))
    tasks = doc.get("tasks", [])
    if not isinstance(tasks, list) or not 1 <= len(tasks) <= 3:
        raise LessonError("tasks must list 1 to 3 tasks")
    claims = doc.get("claims", [])
    if not isinstance(claims, list) or len(claims) < 2:
        raise LessonError("claims must list at least 2 claims")
    cl = tuple(_claim(c, f"claims[{i}]", scene) for i, c in enumerate(claims))
    if len({c.id for c in cl}) != len(cl):
        raise LessonError("claims: two claims have the same id")
    text = _texts(doc.get("text"), "text")
    known = {f"{c.id}.{m.name}" for c in cl for m in c.measures()}
    for lang, t in text.items():
        for p in placeholders(t):
            if p not in known:
                raise LessonError(f"text.{lang} quotes {{{p}}}, which no claim measures")
    return Lesson(lid, _texts(doc.get("title"), "title"), tuple(topics), text, scene,
                  tuple(_task(t, f"tasks[{i}]", scene) for i, t in enumerate(tasks)), cl,
                  path)  # fmt: skip


def read_lesson(path: Path) -> Lesson:
    """One lesson file; any problem is one LessonError line starting with the file's name."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        return parse_lesson(doc, path)
    except tomllib.TOMLDecodeError as e:
        raise LessonError(f"{path.name}: not valid TOML: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise LessonError(f"{path.name}: cannot read: {e}") from None
    except LessonError as e:
        raise LessonError(f"{path.name}: {e}") from None


@dataclass(frozen=True)
class Lessons:
    """The lessons that loaded, in order, and one line per file that did not."""

    lessons: tuple[Lesson, ...]
    problems: tuple[str, ...]

    def get(self, lesson_id: str) -> Lesson | None:
        return next((x for x in self.lessons if x.id == lesson_id), None)


def load_lessons(folder: Path = FILES) -> Lessons:
    lessons: list[Lesson] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            lesson = read_lesson(path)
        except LessonError as e:
            problems.append(str(e))
            continue
        if any(x.id == lesson.id for x in lessons):
            problems.append(f"{path.name}: id '{lesson.id}' is already used by another lesson")
            continue
        lessons.append(lesson)
    return Lessons(tuple(lessons), tuple(problems))
