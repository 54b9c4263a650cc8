"""Network files (DESIGN.md): layers, activations, W_l as nested lists (n_in, n_out), b_l, x, y.

Saved atomically (temp file + rename) and loaded with validation: any problem is one NetworkError
line naming the key and what was expected.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from core.io.files import parse_json, read_text, write_atomic
from core.network.datasets import MAX_ROWS
from core.network.model import Network, NetworkError

Array = NDArray[np.float64]
VERSION = 1  # files without "version" are version 1 too
MAX_SAMPLES = MAX_ROWS  # the most examples a file may hold (as many as a dataset may have)
MAX_FILE_BYTES = 2_000_000  # 10 000 samples of 3 inputs and 3 targets take about 1.3 MB
REQUIRED = ("layers", "activation", "output_activation", "weights", "biases", "x", "y")
OPTIONAL = ("loss", "version")


def network_dict(net: Network, x: Array, y: Array) -> dict[str, Any]:
    """The JSON-ready form of a network and its batch."""
    out: dict[str, Any] = {
        "version": VERSION,
        "layers": list(net.layers),
        "activation": net.activation,
        "output_activation": net.output_activation,
        "weights": [w.tolist() for w in net.weights],
        "biases": [b.tolist() for b in net.biases],
        "x": np.asarray(x, dtype=np.float64).tolist(),
        "y": np.asarray(y, dtype=np.float64).tolist(),
    }
    if net.loss != "mse":
        out["loss"] = net.loss
    return out


def save_network(path: str | os.PathLike[str], net: Network, x: Array, y: Array) -> None:
    """Write the network file atomically: a half-written file never replaces a good one."""
    write_atomic(path, json.dumps(network_dict(net, x, y), indent=1, allow_nan=False) + "\n")


def _is_number(v: object) -> bool:
    """A JSON number that is finite as a float (not a bool, NaN, ±Infinity or a huge integer)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return math.isfinite(float(v))
    except OverflowError:
        return False


def _matrix(name: str, value: object, rows: int | None, cols: int) -> Array:
    """A finite 2-D float array with the given number of columns (and rows, if given)."""
    if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
        raise NetworkError(f"'{name}' must be a non-empty list of rows (nested lists)")
    if any(len(r) != len(value[0]) for r in value):
        raise NetworkError(f"'{name}' has rows of different lengths")
    for r in value:
        for v in r:
            if not _is_number(v):
                raise NetworkError(f"'{name}' must hold finite numbers, found {v!r}")
    a = np.array(value, dtype=np.float64)
    want_rows = rows if rows is not None else a.shape[0]
    if a.shape != (want_rows, cols):
        want = f"({rows}, {cols})" if rows is not None else f"(n, {cols})"
        raise NetworkError(f"'{name}' must have shape {want}, got {a.shape}")
    return a


def _vector(name: str, value: object, n: int) -> Array:
    if not isinstance(value, list):
        raise NetworkError(f"'{name}' must be a list of {n} numbers")
    for v in value:
        if not _is_number(v):
            raise NetworkError(f"'{name}' must hold finite numbers, found {v!r}")
    if len(value) != n:
        raise NetworkError(f"'{name}' must have {n} entries, got {len(value)}")
    return np.array(value, dtype=np.float64)


def network_from_dict(d: object) -> tuple[Network, Array, Array]:
    """Validate a parsed network file; returns (network, x, y)."""
    if not isinstance(d, dict):
        raise NetworkError("a network file must hold a JSON object")
    for key in REQUIRED:
        if key not in d:
            raise NetworkError(f"the network file has no '{key}'")
    unknown = sorted(set(d) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise NetworkError(f"the network file has unknown key {unknown[0]!r}")
    v = d.get("version", VERSION)
    if type(v) is not int or not 1 <= v <= VERSION:
        raise NetworkError(
            f"network file version {v!r} is not one this app reads (up to {VERSION})"
        )
    for key in ("x", "y"):
        if isinstance(d[key], list) and len(d[key]) > MAX_SAMPLES:
            raise NetworkError(
                f"'{key}' has {len(d[key])} samples; a network file holds at most {MAX_SAMPLES}"
            )
    layers = d["layers"]
    if not isinstance(layers, list) or not all(type(n) is int for n in layers):
        raise NetworkError(f"'layers' must be a list of whole numbers, got {layers!r}")
    net = Network(
        tuple(layers),
        str(d["activation"]),
        str(d["output_activation"]),
        loss=str(d.get("loss", "mse")),
    )
    ws, bs = d["weights"], d["biases"]
    if not isinstance(ws, list) or len(ws) != net.n_layers:
        raise NetworkError(f"'weights' must list {net.n_layers} matrices for layers {layers}")
    if not isinstance(bs, list) or len(bs) != net.n_layers:
        raise NetworkError(f"'biases' must list {net.n_layers} vectors for layers {layers}")
    net.weights = [
        _matrix(f"weights[{i}]", w, a, b)
        for i, (w, (a, b)) in enumerate(zip(ws, net.shapes, strict=True))
    ]
    net.biases = [
        _vector(f"biases[{i}]", b, n)
        for i, (b, (_, n)) in enumerate(zip(bs, net.shapes, strict=True))
    ]
    x = _matrix("x", d["x"], None, net.layers[0])
    y = _matrix("y", d["y"], x.shape[0], net.layers[-1])
    if net.loss == "bce" and ((y < 0) | (y > 1)).any():
        raise NetworkError("binary cross-entropy needs targets 'y' between 0 and 1")
    return net, x, y


def load_network(path: str | os.PathLike[str]) -> tuple[Network, Array, Array]:
    """Read and validate a network file; every problem is one NetworkError line."""
    text = read_text(path, NetworkError, "network", MAX_FILE_BYTES)
    try:
        d = parse_json(text, NetworkError)
    except NetworkError as e:
        raise NetworkError(f"{Path(path).name}: {e}") from None
    return network_from_dict(d)
