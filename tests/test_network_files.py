"""Network files refuse what this app does not write: newer versions, unknown keys, and sizes
beyond the stated limits (each one line naming the limit), before any slow work is done."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.network.files import MAX_SAMPLES, load_network, network_from_dict, save_network
from core.network.model import Network, NetworkError
from tests.test_backprop_cli import NET


def test_newer_version_is_refused() -> None:
    with pytest.raises(NetworkError, match="version 99 is not one this app reads"):
        network_from_dict({**NET, "version": 99})


def test_unknown_key_is_refused() -> None:
    with pytest.raises(NetworkError, match="unknown key 'extra'"):
        network_from_dict({**NET, "extra": [1, 2, 3]})


def test_files_without_version_still_load() -> None:
    net, x, _ = network_from_dict(NET)
    assert net.layers == (2, 3, 1) and x.shape == (2, 2)


def test_too_many_samples_name_the_limit() -> None:
    n = MAX_SAMPLES + 1
    doc = {**NET, "x": [[0.0, 0.0]] * n, "y": [[0.0]] * n}
    with pytest.raises(NetworkError, match=f"at most {MAX_SAMPLES}"):
        network_from_dict(doc)


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    p = tmp_path / "big.json"
    rows = ",".join(["[0.123456789, 0.987654321]"] * 100_000)
    p.write_text(json.dumps(NET)[:-1] + ', "pad": [' + rows + "]}")
    with pytest.raises(NetworkError, match=r"larger than 2 MB"):
        load_network(p)


def test_saved_file_carries_its_version_and_loads(tmp_path: Path) -> None:
    net = Network.random((2, 3, 1), "tanh", "linear", seed=0)
    x, y = np.zeros((4, 2)), np.ones((4, 1))
    save_network(tmp_path / "n.json", net, x, y)
    assert json.loads((tmp_path / "n.json").read_text())["version"] == 1
    assert load_network(tmp_path / "n.json")[0].layers == (2, 3, 1)
