"""The command line never crashes and never prints a non-number: random argument vectors and random
network, drawn-surface and scene files thrown at every subcommand, in this process (main.main).

Each run must end with exit 0 or 2, print no traceback and no warning, exactly one error line on
stderr when it fails (notes aside), and strictly valid JSON (NaN and Infinity
refused) whenever it prints JSON; CSV and text output hold no nan/inf token either. The examples are
bounded and derandomized, so the test is fast and gives the same verdict on every run."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.io.scene import RunSpec, Scene, parse_scene, scene_to_dict
from core.optim.hyper import PARAMS
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.runs.config import RunConfig
from surfaces.errors import UserError
from surfaces.registry import get_surface, surface_names

SETTINGS = dict(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NUMBERS = ["0", "1", "-1", "0.5", "0.999", "1e-300", "1e308", "-1e308", "nan", "inf", "-inf",
           "abc", "", "1,2", "3"]  # fmt: skip
POINTS = ["0,0", "-1.5,2", "1e308,1e308", "-1e308,0", "nan,0", "1", "a,b", "3,2", "1e300,-1e300"]
STEPS = ["0", "1", "7", "25", "-3", "x", "1e3"]
FLAGS = sorted({p.flag for p in PARAMS.values()} | {"--lr", "--noise", "--seed", "--base-lr",
               "--max-lr", "--step-size", "--gamma", "--t0", "--t-mult", "--eta-min"})  # fmt: skip
SWITCH_VALUES = ["on", "off", "yes", "1"]
RULES = ["gd", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad",
         "newton", "sfn", "bogus"]  # fmt: skip
SCHEDULES = ["constant", "triangular", "triangular2", "exp_range", "cosine_restarts", "step",
             "exponential", "weird"]  # fmt: skip
FORMULAS = ["x**2 + y**2", "x^2 - y^2", "exp(x*y)", "exp(1000*x)", "1/x", "log(x) + y",
            "sqrt(-1) + x", "x**1e308", "sin(", "__import__('os')", "-x^2", "1e308*x*y",
            "max(x, y)**3", "0"]  # fmt: skip
BAD_VALUES = [1e308, -1e308, 0, -1, 1.5, "x", None, [], {}, True, [1, 2], 1e-320]

# Any spelling of a non-number a float printer may produce, as a whole token.
NON_NUMBER = re.compile(r"(?<![A-Za-z])(nan|[+-]?inf(inity)?)(?![A-Za-z])", re.IGNORECASE)


def _refuse(token: str) -> float:
    raise AssertionError(f"JSON holds the non-number {token}")


# --- file templates: valid documents the strategies break -----------------------------------------
NET = {"layers": [2, 3, 1], "activation": "tanh", "output_activation": "sigmoid",
       "weights": [[[0.5, -0.3, 0.8], [0.1, 0.7, -0.4]], [[1.0], [-2.0], [0.5]]],
       "biases": [[0.0, 0.1, -0.1], [0.2]], "x": [[1.0, 2.0], [-1.0, 0.5]], "y": [[1.0], [0.0]]}  # fmt: skip
# A saturating net: a huge input gives z = inf under a sigmoid whose loss stays finite.
NET_SATURATING = {**NET, "layers": [2, 1], "activation": "sigmoid", "output_activation": "sigmoid",
                  "weights": [[[10.0], [10.0]]], "biases": [[0.0]], "x": [[1.0, 1.0]], "y": [[1.0]]}  # fmt: skip
DRAWN = {"version": 1, "base": {"surface": "himmelblau"}, "domain": [-5, 5, -5, 5],
         "bumps": [{"x": 1.0, "y": 1.0, "height": -3.0, "width": 0.5}]}  # fmt: skip


def _scene_template() -> dict:
    surface = get_surface("himmelblau")
    config = RunConfig("adam", default_hyper("adam"), Schedule(lr=0.05))
    scene = Scene(surface, np.array([[0.0, -4.5]]), (RunSpec(config, "#ff8800", steps=3),))
    return scene_to_dict(scene)


def _leaves(doc: object, path: tuple = ()) -> list[tuple]:
    if isinstance(doc, dict):
        return [p for k, v in doc.items() for p in _leaves(v, (*path, k))] + [path]
    if isinstance(doc, list):
        return [p for i, v in enumerate(doc) for p in _leaves(v, (*path, i))] + [path]
    return [path]


@st.composite
def broken(draw, template: dict) -> object:
    """The template with a few of its values (or whole parts) replaced by bad ones."""
    doc = copy.deepcopy(template)
    paths = _leaves(doc)
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(paths))
        value = draw(st.one_of(st.just(1e308), st.sampled_from(BAD_VALUES)))  # overflow, often
        if not path:
            return value
        parent = doc
        try:
            for k in path[:-1]:
                parent = parent[k]
            parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            pass  # an earlier replacement removed this part
    return doc


def _text(doc: object) -> str:
    return json.dumps(doc)  # 1e308 stays a number; a later overflow is the app's business


@st.composite
def hyper_flags(draw) -> list[str]:
    out = ["--optimizer", draw(st.sampled_from(RULES))]
    for flag in draw(st.lists(st.sampled_from(FLAGS), max_size=4, unique=True)):
        switch = flag in ("--centered", "--bias-correction")
        out += [flag, draw(st.sampled_from(SWITCH_VALUES if switch else NUMBERS))]
    if draw(st.booleans()):
        out += ["--schedule", draw(st.sampled_from(SCHEDULES))]
    if draw(st.booleans()):
        out += ["--convention", draw(st.sampled_from(["textbook", "pytorch", "keras"]))]
    if draw(st.booleans()):
        out += ["--batch", draw(st.sampled_from(["full", "1", "4", "0", "many"]))]
    return out


@st.composite
def surface_flags(draw, drawn_file: Path) -> list[str]:
    kind = draw(st.sampled_from(["surface", "formula", "file"]))
    if kind == "surface":
        return ["--surface", draw(st.sampled_from([*surface_names(), "nowhere"]))]
    if kind == "formula":
        return ["--formula", draw(st.sampled_from(FORMULAS))]
    drawn_file.write_text(_text(draw(broken(DRAWN))))
    return ["--surface-file", str(drawn_file)]


@st.composite
def argvs(draw, folder: Path) -> list[str]:
    """One command line of trace, critical, basins, backprop or lesson (export has its own test)."""
    command = draw(st.sampled_from(["trace", "critical", "basins", "backprop", "lesson"]))
    if command == "backprop":
        net = folder / "net.json"
        net.write_text(_text(draw(broken(draw(st.sampled_from([NET, NET_SATURATING]))))))
        return ["backprop", "--net", str(net), "--format", draw(st.sampled_from(["json", "text"]))]
    if command == "lesson":
        return ["lesson", *draw(st.sampled_from([["list"], ["list", "--format", "json"],
                                                 ["check", "no_such_lesson"], ["teach"]]))]  # fmt: skip
    argv = [command, *draw(surface_flags(folder / "drawn.json"))]
    if command == "critical":
        if draw(st.booleans()):
            argv += ["--domain", draw(st.sampled_from(["-2,2,-2,2", "-1e308,1e308,-1,1", "1,0,0,1",
                                                       "0,1e-300,0,1e-300"]))]  # fmt: skip
        return [*argv, "--format", draw(st.sampled_from(["json", "text"]))]
    argv += draw(hyper_flags())
    if command == "trace":
        argv += ["--start", draw(st.sampled_from(POINTS)), "--steps", draw(st.sampled_from(STEPS))]
        return [*argv, "--format", draw(st.sampled_from(["csv", "json"]))]
    argv += ["--steps", draw(st.sampled_from(["1", "10", "0"])),
             "--grid", draw(st.sampled_from(["2", "3", "5", "1"]))]  # fmt: skip
    return [*argv, "--format", draw(st.sampled_from(["json", "text"]))]


def check_outcome(argv: list[str], code: int, out: str, err: str) -> None:
    """Exit 0 or 2, no traceback, one error line at most, numbers only (strict JSON)."""
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in err, (argv, err)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert not any("Warning" in ln for ln in lines), (argv, err)  # numpy's overflow warnings
    if code == 2:
        errors = [ln for ln in lines if not ln.startswith("note: ")]
        assert len(errors) == 1 and "error" in errors[0], (argv, err)
    if code == 2:
        assert out == "" or argv[0] == "lesson", (argv, out)
    if out.lstrip().startswith(("{", "[")):
        json.loads(out, parse_constant=_refuse)
    else:
        assert not NON_NUMBER.search(out), (argv, out[:500])


@settings(max_examples=160, **SETTINGS)
@given(data=st.data())
def test_random_command_lines_exit_cleanly(data, cli, tmp_path) -> None:
    argv = data.draw(argvs(tmp_path))
    check_outcome(argv, *cli(*argv))


@settings(max_examples=60, **SETTINGS)
@given(doc=broken(_scene_template()))
def test_random_scene_files_are_refused_in_one_line(doc) -> None:
    """A broken scene is a UserError with a one-line message, never another exception."""
    try:
        parse_scene(_text(doc))
    except UserError as e:
        assert "\n" not in str(e) and str(e)


@pytest.mark.slow
@settings(max_examples=12, **SETTINGS)
@given(data=st.data())
def test_random_export_command_lines_exit_cleanly(data, cli, tmp_path) -> None:
    argv = ["export", *data.draw(surface_flags(tmp_path / "drawn.json")), *data.draw(hyper_flags()),
            "--start", data.draw(st.sampled_from(POINTS)),
            "--steps", data.draw(st.sampled_from(["0", "3", "-1"])),
            "--out", str(tmp_path / data.draw(st.sampled_from(["a.png", "a.svg", "a.txt"]))),
            "--size", data.draw(st.sampled_from(["200x150", "10x10", "big"]))]  # fmt: skip
    check_outcome(argv, *cli(*argv))


def test_the_overflowing_network_of_the_issue_is_one_line(cli, tmp_path) -> None:
    """Inputs of 1e308 under a sigmoid: the loss is finite but z is not; once, this printed half a
    JSON document and a ValueError traceback (exit 1)."""
    net = {**NET_SATURATING, "x": [[1e308, 1e308]]}
    path = tmp_path / "net.json"
    path.write_text(json.dumps(net))
    for fmt in ("json", "text"):
        code, out, err = cli("backprop", "--net", str(path), "--format", fmt)
        assert (code, out) == (2, "")
        assert err.count("\n") == 1 and "overflow" in err and "Traceback" not in err


def test_found_by_the_fuzzer_a_huge_bump_width_is_refused(cli, tmp_path) -> None:
    """width 1e308 made width² raise OverflowError (a traceback); 1e-320 divided by zero."""
    for width in (1e308, 1e-320):
        path = tmp_path / "drawn.json"
        path.write_text(json.dumps({**DRAWN, "bumps": [{**DRAWN["bumps"][0], "width": width}]}))
        code, out, err = cli("trace", "--surface-file", str(path), "--optimizer", "gd",
                             "--start", "0,0", "--steps", "3")  # fmt: skip
        assert (code, out) == (2, "") and err.count("\n") == 1 and "width" in err


def test_found_by_the_fuzzer_basins_of_a_huge_gradient_warn_nothing(cli) -> None:
    code, out, err = cli("basins", "--formula", "1e308*x*y", "--optimizer", "gd", "--steps", "1",
                         "--grid", "2", "--format", "json")  # fmt: skip
    assert code == 0 and err == ""
    json.loads(out, parse_constant=_refuse)
