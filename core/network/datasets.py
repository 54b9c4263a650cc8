"""Small seeded training sets for the Network tab, and loading a user's CSV.

Inputs are x of shape (n, n_in), targets y of shape (n, n_out); classification targets are 0/1.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from surfaces.errors import UserError

Array = NDArray[np.float64]
Task = Literal["regression", "classification"]
MAX_ROWS = 10_000


class DatasetError(UserError):
    """Unknown dataset or a malformed CSV; the message is one user-facing line."""


@dataclass(frozen=True)
class Dataset:
    name: str
    x: Array
    y: Array
    task: Task
    title: str = ""

    @property
    def n(self) -> int:
        return int(self.x.shape[0])


def _regression(n: int, rng: np.random.Generator, noise: float) -> tuple[Array, Array]:
    # The lecture's example L(w) = 1/n Σ (y − xᵀw)²: a straight line through noisy points.
    x = rng.uniform(-2.0, 2.0, (n, 1))
    return x, 0.8 * x + 0.3 + noise * rng.standard_normal((n, 1))


def _sine(n: int, rng: np.random.Generator, noise: float) -> tuple[Array, Array]:
    x = np.sort(rng.uniform(-3.0, 3.0, (n, 1)), axis=0)
    return x, np.sin(x) + noise * rng.standard_normal((n, 1))


def _xor(n: int, rng: np.random.Generator, noise: float) -> tuple[Array, Array]:
    # Four clusters at the corners of the unit square; with n = 4 and no noise, the truth table.
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    labels = np.array([0.0, 1.0, 1.0, 0.0])
    k = np.arange(n) % 4
    return corners[k] + noise * rng.standard_normal((n, 2)), labels[k, None]


def _circles(n: int, rng: np.random.Generator, noise: float) -> tuple[Array, Array]:
    inner = np.arange(n) % 2 == 0
    r = np.where(inner, 0.5, 1.0)
    t = rng.uniform(0.0, 2 * np.pi, n)
    x = np.stack([r * np.cos(t), r * np.sin(t)], axis=1) + noise * rng.standard_normal((n, 2))
    return x, inner.astype(np.float64)[:, None]


def _moons(n: int, rng: np.random.Generator, noise: float) -> tuple[Array, Array]:
    upper = np.arange(n) % 2 == 0
    t = rng.uniform(0.0, np.pi, n)
    x = np.where(upper[:, None], np.stack([np.cos(t), np.sin(t)], 1),
                 np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1))  # fmt: skip
    x = x + noise * rng.standard_normal((n, 2))
    return x - np.array([0.5, 0.25]), (~upper).astype(np.float64)[:, None]


def _spiral(n: int, rng: np.random.Generator, noise: float) -> tuple[Array, Array]:
    arm = np.arange(n) % 2
    t = rng.uniform(0.0, 1.0, n)
    r = 0.1 + 0.9 * t
    angle = 3.0 * np.pi * t + np.pi * arm
    x = np.stack([r * np.cos(angle), r * np.sin(angle)], 1) + noise * rng.standard_normal((n, 2))
    return x, arm.astype(np.float64)[:, None]


_MAKERS = {
    "regression": (_regression, "regression", "the lecture's example: y ≈ 0.8x + 0.3", 40, 0.2),
    "sine": (_sine, "regression", "fit y = sin x", 60, 0.1),
    "xor": (_xor, "classification", "XOR: four clusters, opposite corners alike", 40, 0.1),
    "circles": (_circles, "classification", "two concentric circles", 100, 0.08),
    "moons": (_moons, "classification", "two interleaved half-moons", 100, 0.1),
    "spiral": (_spiral, "classification", "two spiral arms", 120, 0.03),
}
DATASETS: tuple[str, ...] = tuple(_MAKERS)


def make_dataset(
    name: str, n: int | None = None, seed: int = 0, noise: float | None = None
) -> Dataset:
    """A named dataset drawn with a seed (n and noise default per dataset)."""
    if name not in _MAKERS:
        raise DatasetError(f"unknown dataset '{name}'; choose one of: {', '.join(DATASETS)}")
    fn, task, title, n0, noise0 = _MAKERS[name]
    n = n0 if n is None else int(n)
    noise = noise0 if noise is None else float(noise)
    if not 1 <= n <= MAX_ROWS:
        raise DatasetError(f"the number of samples must be between 1 and {MAX_ROWS}, got {n}")
    if not math.isfinite(noise) or noise < 0:
        raise DatasetError(f"noise must be a finite number ≥ 0, got {noise}")
    x, y = fn(n, np.random.default_rng(seed), noise)
    return Dataset(
        name, np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64), task, title
    )


def _number(text: str) -> float | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return v


def load_csv(path: str | os.PathLike[str]) -> Dataset:
    """Columns x1,x2,y[,y2], an optional header line; 0/1 targets make it a classification set."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DatasetError(f"no such CSV file: {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise DatasetError(f"cannot read {path}: {e.__class__.__name__}") from None
    rows = [
        (i, r)
        for i, r in enumerate(csv.reader(text.splitlines()), start=1)
        if any(c.strip() for c in r)
    ]
    if rows and any(_number(c.strip()) is None for c in rows[0][1]):
        rows = rows[1:]  # a header
    if not rows:
        raise DatasetError(f"{p.name} has no data rows (expected columns x1,x2,y or x1,x2,y1,y2)")
    if len(rows) > MAX_ROWS:
        raise DatasetError(f"{p.name} has {len(rows)} rows; at most {MAX_ROWS} are allowed")
    width = len(rows[0][1])
    if width not in (3, 4):
        raise DatasetError(
            f"{p.name} line {rows[0][0]} has {width} columns; expected x1,x2,y or x1,x2,y1,y2"
        )
    data = np.empty((len(rows), width))
    for k, (line, r) in enumerate(rows):
        if len(r) != width:
            raise DatasetError(f"{p.name} line {line} has {len(r)} columns, expected {width}")
        for j, c in enumerate(r):
            v = _number(c.strip())
            if v is None or not math.isfinite(v):
                raise DatasetError(
                    f"{p.name} line {line}, column {j + 1}: '{c.strip()}' is not a finite number"
                )
            data[k, j] = v
    x, y = data[:, :2], data[:, 2:]
    task: Task = "classification" if np.isin(y, (0.0, 1.0)).all() else "regression"
    return Dataset(p.stem, x, y, task, f"{p.name}: {len(rows)} rows")
