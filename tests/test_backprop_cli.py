"""`main.py backprop`: output against an independent computation (in process), and the exit code
in a fresh process."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.network.files import load_network, network_dict, save_network
from core.network.model import Network, NetworkError
from tests.clirun import run_cli

NET = {
    "layers": [2, 3, 1],
    "activation": "tanh",
    "output_activation": "linear",
    "weights": [[[0.5, -0.3, 0.8], [0.1, 0.7, -0.4]], [[1.0], [-2.0], [0.5]]],
    "biases": [[0.0, 0.1, -0.1], [0.2]],
    "x": [[1.0, 2.0], [-1.0, 0.5]],
    "y": [[1.0], [0.0]],
}


def _write(tmp_path: Path, obj: object, name: str = "net.json") -> Path:
    p = tmp_path / name
    p.write_text(obj if isinstance(obj, str) else json.dumps(obj))
    return p


def test_json_output_matches_the_formulas(tmp_path: Path) -> None:
    rc, stdout, stderr = run_cli(
        "backprop", "--net", str(_write(tmp_path, NET)), "--format", "json"
    )
    assert rc == 0, stderr
    out = json.loads(stdout)
    x, y = np.array(NET["x"]), np.array(NET["y"])
    w1, w2 = (np.array(w) for w in NET["weights"])
    b1, b2 = (np.array(b) for b in NET["biases"])
    z1 = x @ w1 + b1
    a1 = np.tanh(z1)
    z2 = a1 @ w2 + b2
    d2 = (z2 - y) / 2  # linear output: f′ = 1, n = 2
    d1 = (d2 @ w2.T) * (1 - a1**2)
    assert out["loss"] == pytest.approx(0.5 * np.sum((y - z2) ** 2) / 2, rel=1e-12)
    np.testing.assert_allclose(out["output"], z2, rtol=1e-12)
    l1, l2 = out["layers"]
    np.testing.assert_allclose(l1["z"], z1, rtol=1e-12)
    np.testing.assert_allclose(l1["a"], a1, rtol=1e-12)
    np.testing.assert_allclose(l2["delta"], d2, rtol=1e-12)
    np.testing.assert_allclose(l1["delta"], d1, rtol=1e-12)
    np.testing.assert_allclose(l2["grad_W"], a1.T @ d2, rtol=1e-12)
    np.testing.assert_allclose(l1["grad_W"], x.T @ d1, rtol=1e-12)
    np.testing.assert_allclose(l1["grad_b"], d1.sum(0), rtol=1e-12)
    assert stderr == ""


def test_text_output(tmp_path: Path, cli) -> None:
    rc, out, err = cli("backprop", "--net", str(_write(tmp_path, NET)), "--format", "text")
    assert rc == 0, err
    assert out.startswith("loss = ") and "--- layer 2 ---" in out and "grad_W =" in out


def _broken(**changes: object) -> dict[str, object]:
    d = json.loads(json.dumps(NET))
    d.update(changes)
    return d


@pytest.mark.parametrize(
    ("content", "msg"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        (_broken(weights=[[[0.5, -0.3], [0.1, 0.7]], [[1.0], [-2.0], [0.5]]]), "shape (2, 3)"),
        (_broken(biases=[[0.0, 0.1], [0.2]]), "must have 3 entries"),
        (_broken(layers=[2, 3, 3, 1]), "'weights' must list 3"),
        (_broken(layers=[2, 30, 1]), "hidden layer 1 must have 1 to 8"),
        (_broken(activation="softplus"), "unknown activation"),
        (_broken(x=[[1.0, 2.0, 3.0]]), "'x' must have shape (n, 2)"),
        (_broken(y=[[1.0]]), "'y' must have shape (2, 1)"),
        (_broken(y=[[1.0], ["a"]]), "finite numbers"),
        ('{"layers": [2, 1], "activation": "tanh", "output_activation": "linear", "weights": '
         '[[[NaN], [1]]], "biases": [[0]], "x": [[1, 2]], "y": [[1]]}', "finite numbers"),
        ({k: v for k, v in NET.items() if k != "biases"}, "no 'biases'"),
    ],
)  # fmt: skip
def test_broken_files_exit_2_with_one_line(tmp_path: Path, content: object, msg: str, cli) -> None:
    rc, out, err = cli("backprop", "--net", str(_write(tmp_path, content)))
    assert rc == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("main.py backprop: error:") and msg in lines[0]


def test_missing_file_exit_2(tmp_path: Path, cli) -> None:
    rc, _, err = cli("backprop", "--net", str(tmp_path / "absent.json"))
    assert rc == 2 and "no such network file" in err
    assert len(err.strip().splitlines()) == 1


def test_save_load_roundtrip_is_atomic(tmp_path: Path) -> None:
    net = Network.random((3, 4, 2, 2), "relu", "sigmoid", seed=1, loss="bce")
    x = np.random.default_rng(0).normal(size=(6, 3))
    y = (x[:, :2] > 0).astype(float)
    path = tmp_path / "n.json"
    save_network(path, net, x, y)
    assert [p.name for p in tmp_path.iterdir()] == ["n.json"]  # no temp file left behind
    net2, x2, y2 = load_network(path)
    assert net2.layers == net.layers and net2.loss == "bce" and net2.activation == "relu"
    np.testing.assert_array_equal(net2.to_vector(), net.to_vector())
    np.testing.assert_array_equal(x2, x)
    np.testing.assert_array_equal(y2, y)
    assert set(network_dict(net, x, y)) >= {"layers", "weights", "biases", "x", "y"}


def test_bce_file_rejects_targets_outside_0_1(tmp_path: Path) -> None:
    d = _broken(output_activation="sigmoid", loss="bce", y=[[2.0], [0.0]])
    with pytest.raises(NetworkError, match="between 0 and 1"):
        load_network(_write(tmp_path, d))
