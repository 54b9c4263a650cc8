"""FormulaSurface: f(x, y) typed by the user, with exact gradients and Hessians.

The formula is parsed into an expression graph (parse.py), differentiated twice symbolically
(derive.py), and every output is compiled once into a straight-line list of numpy closures with
shared subexpressions. Evaluation runs under ``np.errstate(all="ignore")``: overflow gives inf,
log(-1) gives nan.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from surfaces.base import Array, Domain, Surface, SurfaceError
from surfaces.formula.derive import diff
from surfaces.formula.graph import OPS, Fn, Graph
from surfaces.formula.parse import FormulaError, parse
from surfaces.formula.printer import PLAIN, node_text
from surfaces.i18n import translate

DERIVATIVE_TEXT_LIMIT = 2000  # characters; a longer derivative is not shown


class _Program:
    """Straight-line evaluation of some graph outputs: one numpy closure per needed node, in order.

    Registers are node ids; an intermediate array is dropped right after its last use.
    """

    def __init__(self, g: Graph, outputs: list[int]) -> None:
        need: set[int] = set()
        stack = list(outputs)
        while stack:
            i = stack.pop()
            if i not in need:
                need.add(i)
                stack.extend(g.args[i])
        order = [i for i in sorted(need) if g.args[i]]
        last = {j: k for k, i in enumerate(order) for j in g.args[i]}
        keep = {*outputs, g.x, g.y}
        self._x, self._y, self._outputs = g.x, g.y, outputs
        self._init: list[Any] = list(g.consts)
        self._steps = [
            (i, _closure(g, i), g.args[i],
             tuple(j for j in set(g.args[i]) if last[j] == k and j not in keep and g.args[j]))
            for k, i in enumerate(order)
        ]  # fmt: skip

    def run(self, x: Array, y: Array) -> list[Any]:
        regs = self._init.copy()
        regs[self._x] = x
        regs[self._y] = y
        for out, fn, args, free in self._steps:
            regs[out] = fn(*[regs[j] for j in args])
            for j in free:
                regs[j] = None
        return [regs[o] for o in self._outputs]


def _closure(g: Graph, i: int) -> Fn:
    """The numpy function computing node i from its arguments' arrays."""
    op, args = g.ops[i], g.args[i]
    if op == "pow" and g.consts[args[1]] is not None:
        c = g.consts[args[1]]
        if c == 2.0:
            return lambda a, _c: np.square(a)
        return lambda a, _c: np.power(a, c)
    return OPS[op]


def _check_domain(domain: Domain) -> Domain:
    try:
        d = tuple(float(v) for v in domain)
    except (TypeError, ValueError):
        d = ()
    if len(d) != 4 or not np.all(np.isfinite(d)) or d[0] >= d[1] or d[2] >= d[3]:
        raise SurfaceError(
            f"domain {domain!r}: need XMIN,XMAX,YMIN,YMAX, finite, with XMIN<XMAX and YMIN<YMAX"
        )
    return d[0], d[1], d[2], d[3]


class FormulaSurface(Surface):
    """f(x, y) typed by the user (see surfaces.formula for what is allowed, incl. ^ as power).

    Exact gradient and Hessian by symbolic differentiation; overflow gives inf/nan, never raises.
    """

    def __init__(self, expr: str, domain: Domain = (-3.0, 3.0, -3.0, 3.0)) -> None:
        g, root = parse(expr)
        text = expr.strip()
        super().__init__(
            name="formula",
            title=text,
            description=translate("Surface", "Your formula: f(x, y) = {text}").format(text=text),
            group="Your surfaces",
            domain=_check_domain(domain),
        )
        self.expr = expr
        try:
            fx, fy = diff(g, root, "x"), diff(g, root, "y")
            fxx, fxy, fyy = diff(g, fx, "x"), diff(g, fx, "y"), diff(g, fy, "y")
        except RecursionError:  # not reachable within the limits from a shallow caller
            raise FormulaError("formula too complex to differentiate; simplify it") from None
        self._programs = (_Program(g, [root]), _Program(g, [fx, fy]), _Program(g, [fxx, fxy, fyy]))
        self._graph = g
        self._nodes = {"": root, "x": fx, "y": fy, "xx": fxx, "xy": fxy, "yy": fyy}

    def derivative_text(self, wrt: str = "x") -> str | None:
        """A derivative as a formula, e.g. wrt="x" gives ∂f/∂x ("" gives f, "xy" ∂²f/∂x∂y).

        Written in the formula syntax (so it can be typed back in); None if too long to show.
        """
        if wrt not in self._nodes:
            raise ValueError(f"wrt must be one of {', '.join(map(repr, self._nodes))}")
        return node_text(self._graph, self._nodes[wrt], PLAIN, DERIVATIVE_TEXT_LIMIT)

    def __reduce__(self) -> tuple[Any, ...]:
        return (FormulaSurface, (self.expr, self.domain))

    def _eval(self, which: int, p: Array) -> tuple[list[Any], tuple[int, ...], int]:
        p = np.asarray(p, dtype=np.float64)
        if p.shape[-1:] != (2,):
            raise ValueError(f"points must have a last axis of length 2, got shape {p.shape}")
        flat = p.reshape(-1, 2)
        x, y = np.ascontiguousarray(flat[:, 0]), np.ascontiguousarray(flat[:, 1])
        with np.errstate(all="ignore"):
            outs = self._programs[which].run(x, y)
        return outs, p.shape[:-1], len(flat)

    def value(self, p: Array) -> Array:
        (v,), shape, n = self._eval(0, p)
        out = np.empty(n)
        out[:] = v
        return out.reshape(shape)

    def gradient(self, p: Array) -> Array:
        (gx, gy), shape, n = self._eval(1, p)
        out = np.empty((n, 2))
        out[:, 0] = gx
        out[:, 1] = gy
        return out.reshape(*shape, 2)

    def hessian(self, p: Array) -> Array:
        (hxx, hxy, hyy), shape, n = self._eval(2, p)
        out = np.empty((n, 2, 2))
        out[:, 0, 0] = hxx
        out[:, 0, 1] = hxy
        out[:, 1, 0] = hxy
        out[:, 1, 1] = hyy
        return out.reshape(*shape, 2, 2)
