"""The expression graph of a formula: a hash-consed DAG whose nodes are numpy operations, built
with light simplification (constants folded, zeros and ones dropped, constant factors to the left)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from surfaces.base import Array

Fn = Callable[..., Any]


def _sigmoid(a: Array) -> Array:
    """Logistic function without overflow on either side."""
    t = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + t), t / (1.0 + t))


# Operations of the graph: name -> numpy implementation ("neg" and "heav" are internal).
OPS: dict[str, Fn] = {
    **{f: getattr(np, f) for f in ("sin", "cos", "tan", "exp", "log", "log1p", "sqrt", "abs")},
    **{f: getattr(np, f) for f in ("tanh", "sinh", "cosh", "arctan", "arcsin", "arccos", "sign")},
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.divide,
    "pow": np.power,
    "neg": np.negative,
    "min": np.minimum,
    "max": np.maximum,
    "sigmoid": _sigmoid,
    "heav": lambda a: np.heaviside(a, 0.5),
}


class Graph:
    """Hash-consed expression DAG: node i has an op and argument ids, children always first.

    Equal subexpressions get one id, so derivatives reuse the value's nodes and each is
    evaluated once. ``make`` folds constants and drops zeros and ones as it builds.
    """

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.args: list[tuple[int, ...]] = []
        self.consts: list[float | None] = []
        self._ids: dict[tuple[Any, ...], int] = {}
        self.derivatives: dict[tuple[int, str], int] = {}  # (node, variable) -> node, memoized
        self.x = self._add("x", (), None)
        self.y = self._add("y", (), None)

    def _add(self, op: str, args: tuple[int, ...], c: float | None) -> int:
        key = (op, args, None if c is None else c.hex())
        i = self._ids.get(key)
        if i is None:
            i = self._ids[key] = len(self.ops)
            self.ops.append(op)
            self.args.append(args)
            self.consts.append(c)
        return i

    def const(self, c: float) -> int:
        return self._add("const", (), float(c))

    def make(self, op: str, *a: int) -> int:
        """Node op(*a), simplified: constants folded, 0*u -> 0, 1*u -> u, u+0 -> u, ..."""
        cs = [self.consts[i] for i in a]
        if all(c is not None for c in cs):
            with np.errstate(all="ignore"):
                return self.const(float(OPS[op](*(np.float64(c) for c in cs))))
        c0 = cs[0]
        c1 = cs[1] if len(a) > 1 else None
        if op == "add" and (c0 == 0 or c1 == 0):
            return a[1] if c0 == 0 else a[0]
        if op == "sub" and c1 == 0:
            return a[0]
        if op == "sub" and c0 == 0:
            return self.make("neg", a[1])
        if op == "mul" and (c0 == 0 or c1 == 0):
            return self.const(0.0)
        if op == "mul" and (c0 == 1 or c1 == 1):
            return a[1] if c0 == 1 else a[0]
        if op == "mul" and (c0 == -1 or c1 == -1):
            return self.make("neg", a[1] if c0 == -1 else a[0])
        if op == "div" and c0 == 0:
            return self.const(0.0)
        if op == "div" and c1 is not None and abs(c1) == 1:
            return a[0] if c1 == 1 else self.make("neg", a[0])
        if op == "pow" and c1 == 1:
            return a[0]
        if op == "pow" and c1 == 0:
            return self.const(1.0)
        if op == "neg" and self.ops[a[0]] == "neg":
            return self.args[a[0]][0]
        return self._canonical(op, a, c0, c1)

    def _scaled(self, i: int) -> tuple[float, int] | None:
        """(c, u) if node i is c*u with a constant c (-u counts as -1*u)."""
        if self.ops[i] == "neg":
            return -1.0, self.args[i][0]
        if self.ops[i] == "mul":
            c = self.consts[self.args[i][0]]
            if c is not None:
                return c, self.args[i][1]
        return None

    def _canonical(self, op: str, a: tuple[int, ...], c0: float | None, c1: float | None) -> int:
        """Constants to the left of products and signs out of them: derivatives read naturally."""
        m, c = self.make, self.const
        s0 = self._scaled(a[0]) if c0 is None else None
        s1 = self._scaled(a[1]) if len(a) > 1 and c1 is None else None
        if op == "mul" and c1 is not None:
            return m("mul", a[1], a[0])
        if op == "mul" and c0 is not None and s1:
            return m("mul", c(c0 * s1[0]), s1[1])
        if op == "mul" and s0:
            return m("mul", c(s0[0]), m("mul", s0[1], a[1]))
        if op == "mul" and s1:
            return m("mul", c(s1[0]), m("mul", a[0], s1[1]))
        if op == "neg" and s0:
            return m("mul", c(-s0[0]), s0[1])
        if op == "div" and s0:
            return (
                m("mul", c(s0[0] / c1), s0[1]) if c1 else m("mul", c(s0[0]), m("div", s0[1], a[1]))
            )
        if op in ("add", "sub") and s1 and s1[0] < 0:
            return m("sub" if op == "add" else "add", a[0], m("mul", c(-s1[0]), s1[1]))
        if op == "add" and s0 and s0[0] < 0:
            return m("sub", a[1], m("mul", c(-s0[0]), s0[1]))
        return self._add(op, a, None)
