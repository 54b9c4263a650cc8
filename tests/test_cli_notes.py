"""A flag is never silently ignored: one a rule or schedule reads changes the path, one it does not
read changes nothing and says so in one line on stderr (exit 0)."""

from __future__ import annotations

import numpy as np
import pytest

BASE = ("trace", "--surface", "himmelblau", "--start", "0.5,-1", "--steps", "20")

IGNORED = [
    (["--optimizer", "sgd", "--beta1", "0.5"], "note: --beta1 has no effect on sgd"),
    (["--optimizer", "gd", "--beta2", "0.9"], "note: --beta2 has no effect on gd"),
    (["--optimizer", "momentum", "--alpha", "0.5"], "note: --alpha has no effect on momentum"),
    (["--optimizer", "sgd", "--momentum", "0.5"], "note: --momentum has no effect on sgd"),
    (["--optimizer", "adam", "--centered", "on"], "note: --centered has no effect on adam"),
    (["--optimizer", "rmsprop", "--bias-correction", "on"],
     "note: --bias-correction has no effect on rmsprop"),
    (["--optimizer", "newton", "--weight-decay", "0.1"],
     "note: --weight-decay has no effect on newton"),
    (["--optimizer", "momentum", "--eps", "1e-3"], "note: --eps has no effect on momentum"),
    (["--optimizer", "gd", "--t0", "5"], "note: --t0 has no effect with --schedule constant"),
    (["--optimizer", "gd", "--schedule", "triangular", "--t-mult", "2"],
     "note: --t-mult has no effect with --schedule triangular"),
    (["--optimizer", "gd", "--schedule", "step", "--eta-min", "0.001"],
     "note: --eta-min has no effect with --schedule step"),
    (["--optimizer", "gd", "--schedule", "exponential", "--step-size", "5"],
     "note: --step-size has no effect with --schedule exponential"),
    (["--optimizer", "gd", "--seed", "3"], "note: --seed has no effect with the full batch gradient"),
]  # fmt: skip


def _strip(argv: list[str]) -> list[str]:
    """argv without its last flag and value (the one the rule ignores)."""
    return argv[:-2]


@pytest.mark.parametrize(("argv", "line"), IGNORED)
def test_an_ignored_flag_is_named_and_changes_nothing(argv, line, cli) -> None:
    code, out, err = cli(*BASE, *argv)
    assert code == 0
    assert err.splitlines() == [line]
    code, plain, err_plain = cli(*BASE, *_strip(argv))
    assert (code, err_plain) == (0, "") and out == plain


READ = [
    ["--optimizer", "adam", "--weight-decay", "0.5"],
    ["--optimizer", "amsgrad", "--weight-decay", "0.5"],
    ["--optimizer", "sgd", "--weight-decay", "0.5"],
    ["--optimizer", "momentum", "--weight-decay", "0.5"],
    ["--optimizer", "nesterov", "--weight-decay", "0.5"],
    ["--optimizer", "adagrad", "--weight-decay", "0.5"],
    ["--optimizer", "rmsprop", "--weight-decay", "0.5"],
    ["--optimizer", "adamw", "--weight-decay", "0.5"],
    ["--optimizer", "rmsprop", "--momentum", "0.5"],
    ["--optimizer", "rmsprop", "--centered", "on"],
    ["--optimizer", "gd", "--schedule", "cosine_restarts", "--t0", "5"],
]


@pytest.mark.parametrize("argv", READ)
def test_a_flag_the_rule_reads_changes_the_path_silently(argv, cli) -> None:
    code, out, err = cli(*BASE, *argv)
    assert (code, err) == (0, "")
    code, plain, _ = cli(*BASE, *_strip(argv))
    assert out != plain


def test_coupled_weight_decay_is_the_gradient_of_the_l2_term(cli) -> None:
    """Adam with λ on f equals Adam without it on f + λ/2 |w|² (torch's coupled L2)."""
    f = "(x**2 + y - 11)**2 + (x + y**2 - 7)**2"
    lam = 0.3
    common = ("--optimizer", "adam", "--lr", "0.05", "--start", "0.5,-1", "--steps", "30")
    _, coupled, _ = cli("trace", "--formula", f, "--weight-decay", str(lam), *common)
    _, explicit, _ = cli("trace", "--formula", f"{f} + {lam / 2}*(x**2 + y**2)", *common)
    rows = np.array([[float(v) for v in ln.split(",")[:3]] for ln in coupled.splitlines()[1:]])
    rows2 = np.array([[float(v) for v in ln.split(",")[:3]] for ln in explicit.splitlines()[1:]])
    np.testing.assert_allclose(rows, rows2, rtol=1e-9, atol=1e-12)
