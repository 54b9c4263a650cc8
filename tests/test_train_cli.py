"""`main.py train`: loss rows from update 0 against a hand-derived training step (plain numpy:
forward pass, backprop by REFERENCE.md §5, the update rules of §1), several rules from the same
initial network, bad input exit 2 with one line, divergence as a result."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.clirun import run_cli

NET = {
    "layers": [2, 2, 1],
    "activation": "sigmoid",
    "output_activation": "sigmoid",
    "weights": [[[0.5, -0.3], [0.1, 0.7]], [[1.0], [-2.0]]],
    "biases": [[0.0, 0.1], [0.2]],
    "x": [[1.0, 2.0], [-1.0, 0.5], [0.3, -0.2]],
    "y": [[1.0], [0.0], [1.0]],
}


def _sig(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _loss_grad(p: list[np.ndarray]) -> tuple[float, list[np.ndarray]]:
    """½ mean Σ (y − ŷ)² of the 2-2-1 sigmoid net and its gradient, by hand."""
    w1, b1, w2, b2 = p
    x, y = np.array(NET["x"]), np.array(NET["y"])
    a1 = _sig(x @ w1 + b1)
    out = _sig(a1 @ w2 + b2)
    n = len(x)
    d2 = (out - y) * out * (1 - out) / n
    d1 = (d2 @ w2.T) * a1 * (1 - a1)
    loss = 0.5 * float(np.mean(np.sum((y - out) ** 2, axis=1)))
    return loss, [x.T @ d1, d1.sum(0), a1.T @ d2, d2.sum(0)]


def _params() -> list[np.ndarray]:
    w1, w2 = (np.array(w) for w in NET["weights"])
    b1, b2 = (np.array(b) for b in NET["biases"])
    return [w1, b1, w2, b2]


def _gd(lr: float, steps: int) -> list[float]:
    p, out = _params(), []
    for _ in range(steps + 1):
        loss, g = _loss_grad(p)
        out.append(loss)
        p = [a - lr * b for a, b in zip(p, g, strict=True)]
    return out


def _momentum(lr: float, alpha: float, steps: int) -> list[float]:
    """Textbook: h ← αh + ηg, w ← w − h."""
    p, out = _params(), []
    h = [np.zeros_like(a) for a in p]
    for _ in range(steps + 1):
        loss, g = _loss_grad(p)
        out.append(loss)
        h = [alpha * hv + lr * gv for hv, gv in zip(h, g, strict=True)]
        p = [a - hv for a, hv in zip(p, h, strict=True)]
    return out


def _adam_torch(lr: float, steps: int, b1: float = 0.9, b2: float = 0.999) -> list[float]:
    """torch.optim.Adam: m, v; w ← w − (η/(1−β₁ᵗ))·m/(√v/√(1−β₂ᵗ) + ε)."""
    p, out = _params(), []
    m = [np.zeros_like(a) for a in p]
    v = [np.zeros_like(a) for a in p]
    for t in range(1, steps + 2):
        loss, g = _loss_grad(p)
        out.append(loss)
        m = [b1 * mv + (1 - b1) * gv for mv, gv in zip(m, g, strict=True)]
        v = [b2 * vv + (1 - b2) * gv * gv for vv, gv in zip(v, g, strict=True)]
        p = [a - lr / (1 - b1**t) * mv / (np.sqrt(vv) / np.sqrt(1 - b2**t) + 1e-8)
             for a, mv, vv in zip(p, m, v, strict=True)]  # fmt: skip
    return out


@pytest.fixture
def net_file(tmp_path: Path) -> Path:
    p = tmp_path / "net.json"
    p.write_text(json.dumps(NET))
    return p


def _rows(stdout: str) -> dict[str, list[tuple[int, float]]]:
    lines = stdout.strip().splitlines()
    assert lines[0] == "update,rule,loss"
    out: dict[str, list[tuple[int, float]]] = {}
    for line in lines[1:]:
        u, rule, loss = line.split(",")
        out.setdefault(rule, []).append((int(u), float(loss)))
    return out


def test_rows_from_update_0_match_hand_derived_training(cli, net_file: Path) -> None:
    rc, out, err = cli("train", "--net", str(net_file), "--optimizer", "gd,momentum",
                       "--steps", "4", "--lr", "0.5", "--momentum", "0.9")  # fmt: skip
    assert rc == 0, err
    rows = _rows(out)
    assert list(rows) == ["gd", "momentum"]
    for rule, want in (("gd", _gd(0.5, 4)), ("momentum", _momentum(0.5, 0.9, 4))):
        assert [u for u, _ in rows[rule]] == [0, 1, 2, 3, 4]
        np.testing.assert_allclose([v for _, v in rows[rule]], want, rtol=1e-12)
    assert rows["gd"][0] == rows["momentum"][0]  # copies of the same initial network
    assert "note: --momentum has no effect on gd" in err


def test_pytorch_convention_adam_full_batch(cli, net_file: Path) -> None:
    rc, out, err = cli("train", "--net", str(net_file), "--optimizer", "adam", "--steps", "3",
                       "--lr", "0.05", "--convention", "pytorch", "--batch", "full",
                       "--format", "json")  # fmt: skip
    assert rc == 0, err
    rows = json.loads(out)
    assert [r["update"] for r in rows] == [0, 1, 2, 3] and {r["rule"] for r in rows} == {"adam"}
    np.testing.assert_allclose([r["loss"] for r in rows], _adam_torch(0.05, 3), rtol=1e-10)


def test_sgd_with_the_full_batch_is_gd_and_minibatches_are_seeded(cli, net_file: Path) -> None:
    base = ("train", "--net", str(net_file), "--steps", "5", "--lr", "0.5")
    _, full, _ = cli(*base, "--optimizer", "sgd", "--batch", "full")
    np.testing.assert_allclose([v for _, v in _rows(full)["sgd"]], _gd(0.5, 5), rtol=1e-12)
    _, a, _ = cli(*base, "--optimizer", "sgd", "--batch", "2", "--seed", "3")
    _, b, _ = cli(*base, "--optimizer", "sgd", "--batch", "2", "--seed", "3")
    _, c, _ = cli(*base, "--optimizer", "sgd", "--batch", "2", "--seed", "4")
    assert a == b and a != c and a != full


def test_divergence_stops_the_rows_and_says_so(cli, tmp_path: Path) -> None:
    linear = dict(NET, activation="linear", output_activation="linear")
    path = tmp_path / "linear.json"
    path.write_text(json.dumps(linear))
    rc, out, err = cli("train", "--net", str(path), "--optimizer", "gd,adam", "--steps", "400",
                       "--lr", "20", "--format", "json")  # fmt: skip
    assert rc == 0
    rows = json.loads(out)  # strict JSON: no NaN or Infinity
    gd = [r for r in rows if r["rule"] == "gd"]
    assert 1 < len(gd) < 401 and all(np.isfinite(r["loss"]) for r in rows)
    assert f"gd: diverged at update {len(gd)}" in err and "stop at update" in err
    assert len([r for r in rows if r["rule"] == "adam"]) == 401  # the others race on


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (("--optimizer", "sgdx"), "unknown optimizer"),
        (("--optimizer", "sgd", "--noise", "0.1"), "noise"),
        (("--optimizer", "sgd", "--lr", "-1"), "--lr"),
        (("--optimizer", "sgd,", "--lr", "0.1"), "empty rule name"),
    ],
)
def test_bad_input_exits_2_with_one_line(cli, net_file: Path, extra, says) -> None:
    rc, out, err = cli("train", "--net", str(net_file), "--steps", "3", *extra)
    assert rc == 2 and out == ""
    lines = [ln for ln in err.splitlines() if not ln.startswith("note:")]
    assert len(lines) == 1 and says in lines[0] and "Traceback" not in err


def test_exit_codes_in_a_fresh_process(net_file: Path, tmp_path: Path) -> None:
    rc, out, err = run_cli("train", "--net", str(net_file), "--optimizer", "sgd", "--steps", "2")
    assert rc == 0 and out.startswith("update,rule,loss\n0,sgd,"), err
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    rc, out, err = run_cli("train", "--net", str(bad), "--optimizer", "sgd", "--steps", "2")
    assert rc == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
