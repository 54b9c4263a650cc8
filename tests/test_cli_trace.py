"""`main.py trace`: the DESIGN.md contract, checked in process (the `cli` fixture) and, for exit
codes, a bad command line and a reader that stops early, in fresh processes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import numpy as np
import pytest

from tests.clirun import ROOT, run_cli


def rows(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def test_trace_csv_columns_and_first_step_by_hand():
    rc, out, err = run_cli("trace", "--surface", "booth", "--optimizer", "gd", "--start", "-1.5,2",
                           "--steps", "3", "--lr", "0.01")  # fmt: skip
    assert rc == 0, err
    assert out.splitlines()[0] == "step,x,y,loss,lr"
    r = rows(out)
    assert [int(x["step"]) for x in r] == [0, 1, 2, 3]
    # booth at (-1.5, 2): u = x+2y-7 = -4.5, v = 2x+y-5 = -6; ∇ = (2u+4v, 4u+2v) = (-33, -30)
    assert float(r[0]["loss"]) == pytest.approx(4.5**2 + 6**2)
    assert float(r[1]["x"]) == pytest.approx(-1.5 + 0.33)
    assert float(r[1]["y"]) == pytest.approx(2 + 0.30)
    assert all(float(x["lr"]) == 0.01 for x in r)


def test_bad_input_in_a_fresh_process_is_one_line_and_exit_2():
    for argv in (["--steps", "ten"], ["--steps", "3", "--formula", "__import__('os')"]):
        rc, out, err = run_cli("trace", "--optimizer", "gd", "--start", "0,0", *argv)
        assert rc == 2 and out == ""
        assert err.count("\n") == 1 and err.startswith("main.py trace: error:"), err


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_reader_that_went_away_is_not_an_error(fmt):
    """`main.py trace ... | head`: when the reader has closed the pipe before the output comes
    (the child is still starting up here), the command ends quietly with exit 0."""
    p = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "trace", "--surface", "booth",
                          "--optimizer", "gd", "--start", "0,0", "--steps", "500", "--format", fmt],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()
    err = p.stderr.read()
    p.stderr.close()
    assert p.wait(timeout=60) == 0, err
    assert err == ""


@pytest.mark.parametrize("form", [["--start", "-1.5,2"], ["--start=-1.5,2"]])
def test_negative_start_forms(form, cli):
    rc, out, err = cli("trace", "--surface", "rosenbrock", "--optimizer", "adam", *form,
                           "--steps", "300", "--lr", "0.05", "--convention", "pytorch")  # fmt: skip
    assert rc == 0, err
    r = rows(out)
    assert len(r) == 301
    assert (float(r[0]["x"]), float(r[0]["y"])) == (-1.5, 2.0)
    assert float(r[-1]["loss"]) < float(r[0]["loss"])


def test_trace_json_has_the_same_rows(cli):
    args = ["trace", "--surface", "himmelblau", "--optimizer", "momentum", "--start", "0,0",
            "--steps", "25", "--lr", "0.005", "--schedule", "triangular", "--step-size", "5"]  # fmt: skip
    rc1, out_csv, _ = cli(*args)
    rc2, out_json, _ = cli(*args, "--format", "json")
    assert rc1 == rc2 == 0
    data = json.loads(out_json)
    assert [set(d) for d in data] == [{"step", "x", "y", "loss", "lr"}] * 26
    for d, r in zip(data, rows(out_csv), strict=True):
        for k in ("x", "y", "loss", "lr"):
            assert d[k] == float(r[k])
    lrs = [d["lr"] for d in data]
    assert max(lrs) == pytest.approx(0.005) and min(lrs) == pytest.approx(0.0005)


def test_divergence_is_a_result(cli):
    rc, out, err = cli("trace", "--surface", "rosenbrock", "--optimizer", "sgd", "--start", "-1.5,2",
                           "--steps", "100", "--lr", "10")  # fmt: skip
    assert rc == 0
    assert "diverged" in err and len(err.strip().splitlines()) == 1
    vals = np.array([[float(v) for v in r.values()] for r in rows(out)])
    assert np.isfinite(vals).all()
    assert len(vals) < 101


def test_seeded_noise_is_reproducible(cli):
    args = ["trace", "--surface", "himmelblau", "--optimizer", "sgd", "--start", "1,1", "--steps", "20",
            "--noise", "3", "--seed", "5", "--lr", "0.01"]  # fmt: skip
    assert cli(*args)[1] == cli(*args)[1]
    assert cli(*args)[1] != cli(*args[:-4], "--seed", "6", "--lr", "0.01")[1]


BAD = [
    (["--surface", "nope"], "unknown surface 'nope'; choose one of"),
    (["--optimizer", "adamax"], "unknown optimizer 'adamax'"),
    (["--start", "1;2"], "must be two numbers X,Y"),
    (["--start", "nan,1"], "not a finite number"),
    (["--steps", "-3"], "--steps"),
    (["--steps", "ten"], "not a whole number"),
    (["--lr", "-0.1"], "--lr"),
    (["--momentum", "1"], "must be in [0, 1)"),
    (["--beta2", "1.2"], "must be in [0, 1)"),
    (["--eps", "0"], "must be > 0"),
    (["--schedule", "zigzag"], "invalid choice"),
    (["--batch", "4"], "--batch needs a data-defined surface"),
    (["--batch", "zero"], "'full' or a whole number"),
    (["--schedule", "triangular", "--base-lr", "0.5", "--max-lr", "0.1"], "max-lr"),
    (["--schedule", "triangular", "--base-lr", "0.05"], "give --max-lr too"),
]


@pytest.mark.parametrize(("override", "fragment"), BAD)
def test_bad_input_exits_2_with_one_line(override, fragment, cli):
    base = {"--surface": "himmelblau", "--optimizer": "adam", "--start": "0,0", "--steps": "5"}
    extra: list[str] = []
    it = iter(override)
    for k in it:
        v = next(it)
        if k in base:
            base[k] = v
        else:
            extra += [k, v]
    args = ["trace"] + [x for kv in base.items() for x in kv] + extra
    rc, out, err = cli(*args)
    assert rc == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert fragment in lines[0]
    assert "Traceback" not in err


def test_missing_required_argument_is_one_line(cli):
    rc, _, err = cli("trace", "--surface", "booth")
    assert rc == 2 and len(err.strip().splitlines()) == 1


def test_formula_starting_with_minus_works_as_typed(cli):
    rc, out, err = cli("trace", "--formula", "-x^2 + y^2", "--optimizer", "gd", "--start",
                           "-0.5,1", "--steps", "1", "--lr", "0.1")  # fmt: skip
    assert rc == 0, err
    last = rows(out)[-1]
    # f = -x² + y²: ∇ = (-2x, 2y) = (1, 2) at (-0.5, 1); one GD step of 0.1
    assert (float(last["x"]), float(last["y"])) == pytest.approx((-0.6, 0.8))


def test_sgd_batch_full_on_data_uses_every_example(cli):
    # `--batch full` must mean the full batch (GD's gradient), not SGD's default of one example.
    from surfaces.registry import get_surface

    s = get_surface("linear_regression")
    X, y = s.X, s.t
    w = np.array([0.5, -0.25])
    g = -2.0 / len(y) * X.T @ (y - X @ w)  # ∇ of 1/n Σ (yᵢ − xᵢᵀw)²
    rc, out, err = cli("trace", "--surface", "linear_regression", "--optimizer", "sgd",
                           "--start", "0.5,-0.25", "--steps", "1", "--lr", "0.1",
                           "--batch", "full")  # fmt: skip
    assert rc == 0, err
    r = rows(out)
    assert float(r[1]["x"]) == pytest.approx(w[0] - 0.1 * g[0], rel=1e-12)
    assert float(r[1]["y"]) == pytest.approx(w[1] - 0.1 * g[1], rel=1e-12)


def test_start_with_non_finite_loss_is_a_one_line_user_error(cli):
    # exp(1000) overflows: the start itself has no finite loss, so there is nothing to trace.
    rc, out, err = cli("trace", "--formula", "exp(1000*x)", "--optimizer", "gd",
                           "--start", "1,1", "--steps", "3")  # fmt: skip
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("main.py trace: error:")
    assert "non-finite" in err


def test_cyclic_with_only_a_small_max_lr_is_not_an_error(cli):
    # base-lr was not given: its default (η/10) must not exceed the max-lr the user chose.
    rc, out, err = cli("trace", "--surface", "booth", "--optimizer", "sgd", "--start", "0,0",
                           "--steps", "4", "--schedule", "triangular", "--max-lr", "0.0005",
                           "--step-size", "2")  # fmt: skip
    assert rc == 0, err
    lrs = [float(r["lr"]) for r in rows(out)]
    assert max(lrs) == pytest.approx(0.0005)  # the peak at t = step-size
    assert lrs[2] == pytest.approx(0.0005) and lrs[0] <= 0.0005


def test_steps_are_bounded_with_a_clear_message(cli):
    rc, out, err = cli("trace", "--surface", "booth", "--optimizer", "gd", "--start", "0,0",
                           "--steps", "5000000")  # fmt: skip
    assert rc == 2 and out == ""
    assert "between 0 and 1000000" in err and len(err.strip().splitlines()) == 1
