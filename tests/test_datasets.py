"""Seeded datasets have the promised shapes and structure; CSV loading rejects malformed files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.network.datasets import DATASETS, DatasetError, load_csv, make_dataset


@pytest.mark.parametrize("name", DATASETS)
def test_shapes_and_seeding(name: str) -> None:
    a = make_dataset(name, seed=3)
    b = make_dataset(name, seed=3)
    c = make_dataset(name, seed=4)
    assert a.x.ndim == 2 and a.y.shape == (a.n, 1) and a.x.shape[0] == a.n
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y)
    assert not np.array_equal(a.x, c.x)
    if a.task == "classification":
        assert set(np.unique(a.y)) == {0.0, 1.0}


def test_xor_truth_table_without_noise() -> None:
    d = make_dataset("xor", n=4, noise=0.0)
    table = {tuple(x): y for x, y in zip(d.x.tolist(), d.y[:, 0].tolist(), strict=True)}
    assert table == {(0.0, 0.0): 0.0, (0.0, 1.0): 1.0, (1.0, 0.0): 1.0, (1.0, 1.0): 0.0}


def test_circles_radii_and_regression_line() -> None:
    d = make_dataset("circles", n=200, noise=0.0)
    r = np.hypot(*d.x.T)
    np.testing.assert_allclose(r[d.y[:, 0] == 1], 0.5)
    np.testing.assert_allclose(r[d.y[:, 0] == 0], 1.0)
    reg = make_dataset("regression", n=500, noise=0.0)
    np.testing.assert_allclose(reg.y, 0.8 * reg.x + 0.3)


def test_bad_names_and_sizes() -> None:
    with pytest.raises(DatasetError, match="unknown dataset 'iris'"):
        make_dataset("iris")
    with pytest.raises(DatasetError, match="between 1 and"):
        make_dataset("xor", n=0)
    with pytest.raises(DatasetError, match="noise"):
        make_dataset("xor", noise=float("nan"))


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "data.csv"
    p.write_text(text)
    return p


def test_csv_with_and_without_header(tmp_path: Path) -> None:
    d = load_csv(_write(tmp_path, "x1,x2,label\n0,1,1\n1,1,0\n0.5,-2,1\n"))
    assert d.task == "classification" and d.x.shape == (3, 2) and d.y.tolist() == [[1], [0], [1]]
    d = load_csv(_write(tmp_path, "0,1,0.3,0.4\n1,1,2.5,-1\n\n"))
    assert d.task == "regression" and d.y.shape == (2, 2) and d.x[1, 0] == 1.0


@pytest.mark.parametrize(
    ("text", "msg"),
    [
        ("", "no data rows"),
        ("a,b,c\n", "no data rows"),
        ("1,2\n3,4\n", "2 columns; expected x1,x2,y"),
        ("1,2,3\n4,5\n", "line 2 has 2 columns, expected 3"),
        ("1,2,3\n4,five,6\n", "line 2, column 2: 'five' is not a finite number"),
        ("1,2,nan\n", "not a finite number"),
    ],
)
def test_csv_errors_are_one_line(tmp_path: Path, text: str, msg: str) -> None:
    with pytest.raises(DatasetError, match=msg) as e:
        load_csv(_write(tmp_path, text))
    assert "\n" not in str(e.value)


def test_csv_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such CSV file"):
        load_csv(tmp_path / "nope.csv")
