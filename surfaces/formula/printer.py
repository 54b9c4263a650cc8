"""Writing an expression graph back out as text, in a target syntax: the app's own formula syntax
(PLAIN: re-parseable, ``^`` for powers, how derivatives are shown) or a torch expression in tensors
x and y (TORCH: what the PyTorch code generator embeds). One precedence-aware printer serves both."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from surfaces.formula.graph import Graph
from surfaces.formula.parse import parse

# Precedence of what a node's text is: 1 + -, 2 * /, 3 unary minus (and negative numbers), 4 power,
# 5 an atom (a name, a positive number, a call).
_PREC = {"add": 1, "sub": 1, "mul": 2, "div": 2, "pow": 4}


@dataclass(frozen=True)
class Syntax:
    """How a graph is written: the infix operators, numbers and calls of one language."""

    infix: dict[str, str]  # add/sub/mul/div/pow -> the operator with its spaces
    number: Callable[[float], str]
    # (graph, op, argument ids, argument texts) -> the call's text
    call: Callable[[Graph, str, Sequence[int], Sequence[str]], str]
    # Parenthesize a power that is itself raised to a power (right-associative either way).
    nest_powers: bool = False


def _integer_or_repr(c: float) -> str:
    """A finite constant as typed: 2 rather than 2.0, and full precision otherwise."""
    return str(int(c)) if c.is_integer() and abs(c) < 1e15 else repr(float(c))


def _plain_number(c: float) -> str:
    if math.isfinite(c):
        return _integer_or_repr(c)
    return {"inf": "1e999", "-inf": "-1e999"}.get(repr(c), "(1e999 - 1e999)")


def _plain_call(g: Graph, op: str, args: Sequence[int], texts: Sequence[str]) -> str:
    name = "heaviside" if op == "heav" else op
    return f"{name}({', '.join(texts)})"


def _torch_number(c: float) -> str:
    return _integer_or_repr(c) if math.isfinite(c) else f"float('{c}')"


_TORCH_FN = {"sin": "sin", "cos": "cos", "tan": "tan", "exp": "exp", "log": "log",
             "log1p": "log1p", "sqrt": "sqrt", "abs": "abs", "tanh": "tanh", "sinh": "sinh",
             "cosh": "cosh", "arctan": "atan", "arcsin": "asin", "arccos": "acos",
             "sign": "sign", "sigmoid": "sigmoid"}  # fmt: skip


def _torch_call(g: Graph, op: str, args: Sequence[int], texts: Sequence[str]) -> str:
    if op in ("min", "max"):
        ca, cb = (g.consts[j] for j in args)
        if ca is not None:  # one side is a number (never both: constants are folded)
            return f"torch.clamp({texts[1]}, {'max' if op == 'min' else 'min'}={_torch_number(ca)})"
        if cb is not None:
            return f"torch.clamp({texts[0]}, {'max' if op == 'min' else 'min'}={_torch_number(cb)})"
        return f"torch.{op}imum({texts[0]}, {texts[1]})"
    if op == "heav":
        return f"torch.heaviside({texts[0]}, torch.tensor(0.5, dtype=torch.float64))"
    return f"torch.{_TORCH_FN[op]}({texts[0]})"


PLAIN = Syntax(
    infix={"add": " + ", "sub": " - ", "mul": "*", "div": "/", "pow": "^"},
    number=_plain_number,
    call=_plain_call,
)
TORCH = Syntax(
    infix={"add": " + ", "sub": " - ", "mul": " * ", "div": " / ", "pow": " ** "},
    number=_torch_number,
    call=_torch_call,
    nest_powers=True,
)


def node_text(g: Graph, node: int, syntax: Syntax = PLAIN, limit: int | None = None) -> str | None:
    """Node `node` of the graph written in `syntax`; None if longer than `limit` characters."""
    memo: dict[int, tuple[str, int] | None] = {}

    def wrap(part: tuple[str, int], paren: bool) -> str:
        return f"({part[0]})" if paren else part[0]

    def compose(i: int, parts: list[tuple[str, int]]) -> tuple[str, int]:
        op = g.ops[i]
        if op == "neg":
            return "-" + wrap(parts[0], parts[0][1] < 4), 3
        if op in _PREC:
            (lt, lp), (rt, rp) = parts
            prec = _PREC[op]
            left = wrap((lt, lp), lp < prec or (op == "pow" and lp == prec))
            same = rp == prec and (op in ("sub", "div") or (op == "pow" and syntax.nest_powers))
            right = wrap((rt, rp), rp < prec or same or rt.startswith("-"))
            return f"{left}{syntax.infix[op]}{right}", prec
        return syntax.call(g, op, g.args[i], [text for text, _ in parts]), 5

    def go(i: int) -> tuple[str, int] | None:  # (text, precedence); recursion ≤ graph depth
        if i in memo:
            return memo[i]
        op, c = g.ops[i], g.consts[i]
        parts = [go(j) for j in g.args[i]]
        r: tuple[str, int] | None
        if op in ("x", "y"):
            r = (op, 5)
        elif c is not None:
            r = (syntax.number(c), 3 if c < 0 else 5)
        elif any(q is None for q in parts):
            r = None
        else:
            r = compose(i, [q for q in parts if q is not None])
        memo[i] = r if r is None or limit is None or len(r[0]) <= limit else None
        return memo[i]

    out = go(node)
    return None if out is None else out[0]


def formula_text(expr: str, syntax: Syntax = PLAIN) -> str:
    """A formula the user typed (parsed by the safe parser, never eval'ed) written in `syntax`,
    e.g. ``formula_text("x^2 - y", TORCH) == "x ** 2 - y"``; FormulaError if it is not allowed."""
    g, root = parse(expr)
    text = node_text(g, root, syntax)
    assert text is not None  # no limit was set
    return text
