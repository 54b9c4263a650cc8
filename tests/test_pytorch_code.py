"""'Copy as PyTorch code': the snippet is valid Python with the right torch classes and arguments,
and — run against a small fake `torch` written here from torch's documented algorithms — prints
the same trajectory as `main.py trace --convention pytorch`."""

from __future__ import annotations

import ast
import contextlib
import io
import sys
import types

import numpy as np
import pytest

import main
from core.io.pytorch_code import (
    PRESET_FORMULAS,
    CodeError,
    _preset_formulas,
    hyper_summary,
    pytorch_code,
)
from core.optim.estimates import Estimate
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from surfaces.formula import TORCH, FormulaSurface, formula_text
from surfaces.registry import get_surface
from tests.fake_torch import fake_torch


def run_snippet(code: str, monkeypatch) -> str:
    monkeypatch.setitem(sys.modules, "torch", fake_torch())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<snippet>", "exec"), {"__name__": "__main__"})
    return out.getvalue()


def trace_csv(argv: list[str], capsys) -> str:
    capsys.readouterr()
    assert main.main(["trace", *argv]) == 0
    return capsys.readouterr().out


def parse_csv(text: str) -> np.ndarray:
    lines = text.strip().splitlines()
    assert lines[0] == "step,x,y,loss,lr"
    return np.array([[float(v) for v in ln.split(",")] for ln in lines[1:]])


def snippet_for(argv: list[str]) -> str:
    """The code for the run `trace argv` describes, built as the GUI does (from the run's parts)."""
    from core.cli.args import load_surface, run_config

    args = main.parse_args(["trace", *argv])
    surface = load_surface(args)
    spec = run_config(args, surface)
    return pytorch_code(surface, spec.rule, spec.hyper, spec.schedule, spec.estimate, args.start,
                        args.steps, spec.seed)  # fmt: skip


CASES = [
    ("himmelblau", "gd", ["--lr", "0.01"], "0,-4.5"),
    ("himmelblau", "momentum", ["--lr", "0.005", "--momentum", "0.8"], "0,-4.5"),
    ("rosenbrock", "nesterov", ["--lr", "0.0005"], "-1.5,2.5"),
    ("rastrigin", "adagrad", ["--lr", "0.3"], "3.3,2.6"),
    ("beale", "rmsprop", ["--lr", "0.01", "--alpha", "0.95"], "-1,1.5"),
    ("himmelblau", "adam", ["--lr", "0.1", "--beta1", "0.8"], "0,-4.5"),
    ("ackley", "amsgrad", ["--lr", "0.05"], "3.6,2.7"),
    ("six_hump_camel", "adamw", ["--lr", "0.05", "--weight-decay", "0.1"], "-1.7,0.9"),
    (
        "booth",
        "gd",
        ["--schedule", "triangular", "--base-lr", "0.001", "--max-lr", "0.05", "--step-size", "7"],
        "-8,8",
    ),
    (
        "himmelblau",
        "momentum",
        ["--schedule", "triangular2", "--base-lr", "0.001", "--max-lr", "0.01", "--step-size", "5"],
        "0,-4.5",
    ),
    (
        "himmelblau",
        "adam",
        [
            "--schedule",
            "exp_range",
            "--base-lr",
            "0.01",
            "--max-lr",
            "0.2",
            "--step-size",
            "6",
            "--gamma",
            "0.97",
        ],
        "0,-4.5",
    ),
    (
        "rosenbrock",
        "adam",
        [
            "--schedule",
            "cosine_restarts",
            "--lr",
            "0.05",
            "--t0",
            "7",
            "--t-mult",
            "2",
            "--eta-min",
            "0.001",
        ],
        "-1.5,2.5",
    ),
    (
        "local_vs_global",
        "rmsprop",
        ["--schedule", "step", "--lr", "0.05", "--step-size", "9", "--gamma", "0.5"],
        "2,1",
    ),
    ("plateau", "adam", ["--schedule", "exponential", "--lr", "0.1", "--gamma", "0.97"], "-3,3"),
    ("ellipse", "nesterov", ["--lr", "0.1", "--momentum", "0.7"], "-2.5,1"),
    ("saddle_two_minima", "sgd", ["--lr", "0.05"], "0.01,1.5"),
    # torch's coupled weight decay on every class, and RMSprop's momentum and centred variance
    ("himmelblau", "adam", ["--lr", "0.1", "--weight-decay", "0.05"], "0,-4.5"),
    ("himmelblau", "amsgrad", ["--lr", "0.1", "--weight-decay", "0.02"], "0,-4.5"),
    ("himmelblau", "gd", ["--lr", "0.01", "--weight-decay", "0.3"], "0,-4.5"),
    ("himmelblau", "nesterov", ["--lr", "0.005", "--weight-decay", "0.1"], "0,-4.5"),
    ("rastrigin", "adagrad", ["--lr", "0.3", "--weight-decay", "0.2"], "3.3,2.6"),
    ("beale", "rmsprop", ["--lr", "0.01", "--momentum", "0.6", "--centered", "on"], "-1,1.5"),
    ("beale", "rmsprop", ["--lr", "0.01", "--momentum", "0.5", "--weight-decay", "0.1"], "-1,1.5"),
    ("beale", "rmsprop", ["--lr", "0.01", "--centered", "on"], "-1,1.5"),
    ("six_hump_camel", "adamw", ["--lr", "0.05", "--weight-decay", "0"], "-1.7,0.9"),
]


@pytest.mark.parametrize(("surface", "rule", "extra", "start"), CASES)
def test_snippet_reproduces_trace(surface, rule, extra, start, capsys, monkeypatch) -> None:
    argv = ["--surface", surface, "--optimizer", rule, "--convention", "pytorch", "--start", start,
            "--steps", "40", *extra]  # fmt: skip
    expected = parse_csv(trace_csv(argv, capsys))
    got = parse_csv(run_snippet(snippet_for(argv), monkeypatch))
    assert got.shape == expected.shape
    np.testing.assert_array_equal(got[:, 0], expected[:, 0])
    np.testing.assert_allclose(got[:, 1:], expected[:, 1:], rtol=1e-9, atol=1e-12)


def test_formula_snippet_reproduces_trace(capsys, monkeypatch) -> None:
    argv = ["--formula", "x^2 - 0.5*y**3 + sin(3*x)*exp(-y^2/4) + tanh(x*y)", "--optimizer",
            "adam", "--convention", "pytorch", "--lr", "0.05", "--start", "-1.5,0.5",
            "--steps", "30"]  # fmt: skip
    expected = parse_csv(trace_csv(argv, capsys))
    got = parse_csv(run_snippet(snippet_for(argv), monkeypatch))
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)


# --- the text of the snippet ----------------------------------------------------------------------
def _code(rule: str, schedule: Schedule, conv: str = "pytorch", surface: str = "himmelblau",
          estimate: Estimate | None = None, **hyper: object) -> str:  # fmt: skip
    return pytorch_code(get_surface(surface), rule, default_hyper(rule, conv, **hyper), schedule,
                        estimate or Estimate(), (0.5, -1.25), 25)  # fmt: skip


def _calls(code: str) -> dict[str, dict[str, object]]:
    """Keyword arguments of every call to a torch.* name in the code."""
    out = {}
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            out[node.func.attr] = {k.arg: ast.literal_eval(k.value) for k in node.keywords
                                   if isinstance(k.value, (ast.Constant, ast.Tuple))}  # fmt: skip
    return out


def test_optimizer_classes_and_exact_hyperparameters() -> None:
    c = _calls(_code("sgd", Schedule(lr=0.03)))
    assert c["SGD"] == {"lr": 0.03}
    c = _calls(_code("momentum", Schedule(lr=0.02), momentum=0.85))
    assert c["SGD"] == {"lr": 0.02, "momentum": 0.85}
    c = _calls(_code("nesterov", Schedule(lr=0.02), momentum=0.7))
    assert c["SGD"] == {"lr": 0.02, "momentum": 0.7, "nesterov": True}
    assert _calls(_code("adagrad", Schedule(lr=0.5)))["Adagrad"] == {"lr": 0.5, "eps": 1e-10}
    c = _calls(_code("rmsprop", Schedule(lr=0.001)))
    assert c["RMSprop"] == {"lr": 0.001, "alpha": 0.99, "eps": 1e-8}
    c = _calls(_code("adam", Schedule(lr=0.001), beta1=0.8, beta2=0.99, eps=1e-7))
    assert c["Adam"] == {"lr": 0.001, "betas": (0.8, 0.99), "eps": 1e-7}
    c = _calls(_code("amsgrad", Schedule(lr=0.001)))
    assert c["Adam"]["amsgrad"] is True
    c = _calls(_code("adamw", Schedule(lr=0.001), weight_decay=0.05))
    assert c["AdamW"]["weight_decay"] == 0.05


def test_scheduler_classes_and_arguments() -> None:
    c = _calls(_code("sgd", Schedule("triangular2", base_lr=0.001, max_lr=0.1, step_size=12)))
    assert c["CyclicLR"] == {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 12,
                             "step_size_down": 12, "mode": "triangular", "cycle_momentum": False} | {
        "mode": "triangular2"}  # fmt: skip
    assert c["SGD"]["lr"] == 0.001  # CyclicLR starts at base_lr
    c = _calls(_code("sgd", Schedule("exp_range", base_lr=0.001, max_lr=0.1, gamma=0.99)))
    assert c["CyclicLR"]["gamma"] == 0.99 and c["CyclicLR"]["mode"] == "exp_range"
    c = _calls(_code("adam", Schedule("cosine_restarts", lr=0.1, t0=30, t_mult=2, eta_min=1e-4)))
    assert c["CosineAnnealingWarmRestarts"] == {"T_0": 30, "T_mult": 2, "eta_min": 1e-4}
    c = _calls(_code("sgd", Schedule("step", lr=0.1, step_size=50, gamma=0.3)))
    assert c["StepLR"] == {"step_size": 50, "gamma": 0.3}
    assert _calls(_code("sgd", Schedule("exponential", lr=0.1, gamma=0.9)))["ExponentialLR"] == {
        "gamma": 0.9}  # fmt: skip
    assert "lr_scheduler" not in _code("sgd", Schedule(lr=0.1))


def test_start_steps_and_float64() -> None:
    code = _code("adam", Schedule(lr=0.01))
    assert "torch.tensor([0.5, -1.25], dtype=torch.float64, requires_grad=True)" in code
    assert "steps = 25" in code and "opt.step()" in code and "loss.backward()" in code


def test_notes_where_torch_cannot_follow() -> None:
    note = "textbook (lecture) convention"
    assert note in _code("momentum", Schedule("step", lr=0.01), conv="textbook")
    assert note in _code("adagrad", Schedule(lr=0.01), conv="textbook")
    # the two conventions agree for SGD, and for momentum at a constant rate (h = η·b)
    assert note not in _code("momentum", Schedule(lr=0.01), conv="textbook")
    assert note not in _code("sgd", Schedule("step", lr=0.01), conv="textbook")
    assert "bias correction off" in _code("adam", Schedule(), conv="pytorch", bias_correction=False)
    noisy = _code("sgd", Schedule(), estimate=Estimate("noise", sigma=0.5))
    assert "torch.randn(2" in noisy and "torch.manual_seed(0)" in noisy
    ast.parse(noisy)


def test_data_surface_embeds_its_examples() -> None:
    s = get_surface("linear_regression")
    code = pytorch_code(s, "sgd", default_hyper("sgd", "pytorch"), Schedule(),
                        Estimate("minibatch", batch=4), (0.0, 0.0), 10)  # fmt: skip
    tree = ast.parse(code)
    assigned = {t.id: n.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                for t in n.targets if isinstance(t, ast.Name)}  # fmt: skip
    x = ast.literal_eval(assigned["X"].args[0])
    np.testing.assert_array_equal(np.array(x), s.X)
    assert "torch.randint(40, (4,))" in code
    logistic = pytorch_code(get_surface("logistic_regression"), "adam",
                            default_hyper("adam", "pytorch"), Schedule(), Estimate(), (0, 0), 5)  # fmt: skip
    assert "softplus" in logistic
    ast.parse(logistic)


def test_unsupported_runs_say_why() -> None:
    with pytest.raises(CodeError, match="Hessian"):
        _code("newton", Schedule(lr=1.0))
    from surfaces.drawn import DrawnSurface

    on_data = DrawnSurface(get_surface("linear_regression"))
    with pytest.raises(CodeError, match="no PyTorch expression"):
        pytorch_code(on_data, "sgd", default_hyper("sgd"), Schedule(), Estimate(), (0, 0), 3)


def test_drawn_surface_snippet_reproduces_the_run(monkeypatch) -> None:
    """A drawing (preset + bumps and wells) is the base expression plus the Gaussians."""
    from core.runs.run import Run
    from surfaces.drawn import Bump, DrawnSurface

    s = DrawnSurface("himmelblau", [Bump(-1.0, -3.0, 25.0, 0.6), Bump(1.5, 1.0, -40.0, 1.2)])
    h, sched = default_hyper("momentum", "pytorch"), Schedule(lr=0.004)
    run = Run(s, "momentum", h, sched, np.array([[0.0, -4.5]]))
    run.step(30)
    code = pytorch_code(s, "momentum", h, sched, Estimate(), (0.0, -4.5), 30)
    got = parse_csv(run_snippet(code, monkeypatch))
    np.testing.assert_allclose(got[:, 1:3], run.trajectory.xy[0, :31], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got[:, 3], run.trajectory.loss[0, :31], rtol=1e-9, atol=1e-12)


# --- surfaces as expressions ----------------------------------------------------------------------
def test_preset_formulas_are_the_presets() -> None:
    """Each named surface's formula text (what the snippet differentiates) equals the preset."""
    PRESET_FORMULAS.update(_preset_formulas())
    rng = np.random.default_rng(3)
    for name, text in PRESET_FORMULAS.items():
        s, f = get_surface(name), FormulaSurface(text)
        x0, x1, y0, y1 = s.domain
        p = np.stack([rng.uniform(x0, x1, 200), rng.uniform(y0, y1, 200)], axis=1)
        np.testing.assert_allclose(f.value(p), s.value(p), rtol=1e-10, atol=1e-10, err_msg=name)
        np.testing.assert_allclose(f.gradient(p), s.gradient(p), rtol=1e-8, atol=1e-8,
                                   err_msg=name)  # fmt: skip


NP_TORCH = types.SimpleNamespace(
    **{n: getattr(np, n) for n in ("sin", "cos", "tan", "exp", "log", "log1p", "sqrt", "abs",
                                   "tanh", "sinh", "cosh", "sign", "minimum", "maximum")},
    atan=np.arctan, asin=np.arcsin, acos=np.arccos, float64=np.float64,
    sigmoid=lambda a: 1 / (1 + np.exp(-a)), clamp=lambda a, min=None, max=None: np.clip(a, min, max),
    heaviside=np.heaviside, tensor=lambda v, dtype=None: np.float64(v),
)  # fmt: skip


@pytest.mark.parametrize("expr", [
    "x - (y - 2)", "x/(y*3) - x/y/2", "-x**2 + (-x)**3", "2**-x + x**y**2 * 0.1",
    "(x**y)**2", "x^2 - y^2 + 0.3*sin(3*x)", "min(x, 1) + max(0.5, y) + min(x, y)",
    "sigmoid(x)*atan(y) + asin(x/4) - acos(y/4) + sign(x)*abs(y)", "log1p(x^2) + cosh(y)/sinh(2)",
    "heaviside(x) * 2 - -y", "1/(1 + exp(-x*y)) - pi*e", "sqrt(x^2 + y^2 + 1) * tan(0.2*x)",
])  # fmt: skip
def test_torch_syntax_evaluates_like_the_formula(expr: str) -> None:
    """The generated expression, evaluated with numpy in torch's clothes, equals the formula."""
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-2.5, 2.5, 300), rng.uniform(0.2, 2.5, 300)
    text = formula_text(expr, TORCH)
    with np.errstate(all="ignore"):  # x**y for x < 0 is nan on both sides
        got = eval(compile(text, "<expr>", "eval"), {"torch": NP_TORCH, "x": x, "y": y})
    want = FormulaSurface(expr).value(np.stack([x, y], axis=1))
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_hyper_summary_names_what_the_rule_reads() -> None:
    s = hyper_summary("adam", default_hyper("adam", "pytorch"), Schedule(lr=0.001), Estimate())
    assert s == "pytorch · η 0.001 · β₁ 0.9, β₂ 0.999, ε 1e-08, bias corr. on"
    s = hyper_summary("momentum", default_hyper("momentum"), Schedule("triangular", base_lr=0.001,
                      max_lr=0.1, step_size=20), Estimate("noise", sigma=0.5))  # fmt: skip
    assert s == "textbook · triangular η 0.001–0.1, s 20 · α 0.9 · noise σ=0.5"
    assert hyper_summary("gd", default_hyper("sgd"), Schedule(lr=0.01), Estimate()) == (
        "textbook · η 0.01"
    )


def test_textbook_momentum_at_a_constant_rate_matches_torch(capsys, monkeypatch) -> None:
    """Why the snippet has no warning there: h = η·b, so the textbook path is torch's path."""
    argv = ["--surface", "himmelblau", "--optimizer", "momentum", "--lr", "0.005", "--start",
            "0,-4.5", "--steps", "40"]  # fmt: skip
    expected = parse_csv(trace_csv(argv, capsys))
    got = parse_csv(run_snippet(snippet_for(argv), monkeypatch))
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)
