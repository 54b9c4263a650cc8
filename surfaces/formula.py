"""Surfaces typed by the user as a formula in x and y, with exact gradients and Hessians.

The text is untrusted. It is parsed with ``ast.parse(mode="eval")`` and converted node by node
into our own expression graph; anything outside a small whitelist (numbers, ``x``, ``y``, ``pi``,
``e``, ``+ - * / **``, unary signs, parentheses and calls to the functions in ``FUNCTIONS``) is
rejected with a ``FormulaError`` naming the column. Nothing is ever eval'ed, exec'ed or compiled to
Python code. Users may write ``^`` for a power (``x^2`` means ``x**2``, as in maths, not XOR), and
``²``, ``³``, ``−``, ``×``, ``·`` and ``π`` as pasted from documents.

Derivatives are symbolic: the graph is differentiated twice with light simplification, then every
output is compiled once into a straight-line list of numpy closures with shared subexpressions.
Evaluation runs under ``np.errstate(all="ignore")``: overflow gives inf, log(-1) gives nan. At a
kink, abs/min/max/sign use PyTorch's conventions (sign(0) = 0, a tie splits the gradient in half).
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from surfaces.base import Array, Domain, Surface, SurfaceError

MAX_CHARS = 500
MAX_NODES = 300
MAX_DEPTH = 40
EXAMPLE = "x**2 - y**2 + 0.1*sin(5*x)"

Fn = Callable[..., Any]


def _num(c: float) -> str:
    """A constant as typed: 2 rather than 2.0, and full precision otherwise."""
    return str(int(c)) if c.is_integer() and abs(c) < 1e15 else repr(c)


def _sigmoid(a: Array) -> Array:
    """Logistic function without overflow on either side."""
    t = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + t), t / (1.0 + t))


# Operations of the graph: name -> numpy implementation ("neg" and "heav" are internal).
_OPS: dict[str, Fn] = {
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

# What the user may call: name -> (operation, number of arguments).
FUNCTIONS: dict[str, tuple[str, int]] = {
    **{f: (f, 1) for f in ("sin", "cos", "tan", "exp", "log", "log1p", "sqrt", "abs")},
    **{f: (f, 1) for f in ("tanh", "sinh", "cosh", "arctan", "arcsin", "arccos", "sigmoid")},
    "ln": ("log", 1),
    "atan": ("arctan", 1),
    "asin": ("arcsin", 1),
    "acos": ("arccos", 1),
    "min": ("min", 2),
    "max": ("max", 2),
    "pow": ("pow", 2),
    "sign": ("sign", 1),
    "heaviside": ("heav", 1),  # 0 below zero, 1/2 at zero, 1 above
}
CONSTANTS: dict[str, float] = {"pi": float(np.pi), "π": float(np.pi), "e": float(np.e)}
_BINOPS: dict[type, str] = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div",
                            ast.Pow: "pow"}  # fmt: skip
_OP_SYMBOL: dict[type, str] = {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.BitAnd: "&",
                               ast.BitOr: "|", ast.LShift: "<<", ast.RShift: ">>",
                               ast.Invert: "~", ast.Not: "not"}  # fmt: skip
_WHAT: dict[type, str] = {ast.Attribute: "attribute access", ast.Subscript: "indexing",
                          ast.Lambda: "lambda", ast.Compare: "comparison", ast.BoolOp: "and/or",
                          ast.IfExp: "if/else", ast.NamedExpr: "':='", ast.Starred: "'*' unpacking",
                          ast.JoinedStr: "an f-string", ast.List: "a list", ast.Tuple: "a tuple",
                          ast.Set: "a set", ast.Dict: "a dict"}  # fmt: skip
_INFIX = {"add": (" + ", 1), "sub": (" - ", 1), "mul": ("*", 2), "div": ("/", 2), "pow": ("^", 4)}
# Characters people paste from documents, and ^ for powers: replaced before parsing.
_REPLACE = {"^": "**", "−": "-", "×": "*", "·": "*", "²": "**2", "³": "**3"}
ALLOWED = "allowed: numbers, x, y, pi, e, + - * / ** ^, ( ) and the functions " + ", ".join(
    FUNCTIONS
)


class FormulaError(SurfaceError):
    """A formula that is not an allowed expression; ``column`` is 1-based (None if not local)."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


# --- the expression graph --------------------------------------------------------------------
class _Graph:
    """Hash-consed expression DAG: node i has an op and argument ids, children always first.

    Equal subexpressions get one id, so derivatives reuse the value's nodes and each is
    evaluated once. ``make`` folds constants and drops zeros and ones as it builds.
    """

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.args: list[tuple[int, ...]] = []
        self.consts: list[float | None] = []
        self._ids: dict[tuple[Any, ...], int] = {}
        self._diff: dict[tuple[int, str], int] = {}
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
                return self.const(float(_OPS[op](*(np.float64(c) for c in cs))))
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
        if self.ops[i] == "mul" and self.consts[self.args[i][0]] is not None:
            return self.consts[self.args[i][0]], self.args[i][1]  # type: ignore[return-value]
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
        if op == "mul" and (s0 or s1):
            k, u, v = (*s0, a[1]) if s0 else (*s1, a[0])  # type: ignore[misc]
            return m("mul", c(k), m("mul", u, v) if s0 else m("mul", v, u))
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

    def text(self, n: int, limit: int = 2000) -> str | None:
        """Node n written in the user's syntax (re-parseable), or None if over limit characters."""
        memo: dict[int, tuple[str, int] | None] = {}

        def wrap(part: tuple[str, int], paren: bool) -> str:
            return f"({part[0]})" if paren else part[0]

        def go(i: int) -> tuple[str, int] | None:  # (text, precedence); recursion ≤ graph depth
            if i in memo:
                return memo[i]
            op, c = self.ops[i], self.consts[i]
            parts = [go(j) for j in self.args[i]]
            r: tuple[str, int] | None
            if op in ("x", "y"):
                r = (op, 5)
            elif c is not None:
                r = (_num(c) if np.isfinite(c) else {"inf": "1e999", "-inf": "-1e999"}.get(
                    repr(c), "(1e999 - 1e999)"), 3 if c < 0 else 5)  # fmt: skip
            elif any(q is None for q in parts):
                r = None
            elif op == "neg":
                r = ("-" + wrap(parts[0], parts[0][1] < 4), 3)  # type: ignore[index]
            elif op in _INFIX:
                (lt, lp), (rt, rp) = parts  # type: ignore[misc]
                sym, prec = _INFIX[op]
                left = wrap((lt, lp), lp < prec or (op == "pow" and lp == prec))
                nonassoc = rp == prec and op in ("sub", "div")
                right = wrap((rt, rp), rp < prec or nonassoc or rt.startswith("-"))
                r = (f"{left}{sym}{right}", prec)
            else:
                name = "heaviside" if op == "heav" else op
                r = (f"{name}({', '.join(q[0] for q in parts)})", 5)  # type: ignore[index]
            memo[i] = r if r is None or len(r[0]) <= limit else None
            return memo[i]

        out = go(n)
        return None if out is None else out[0]

    def diff(self, n: int, var: str) -> int:
        """Id of ∂(node n)/∂var, memoized."""
        key = (n, var)
        if key not in self._diff:
            self._diff[key] = self._derive(n, var)
        return self._diff[key]

    def _derive(self, n: int, var: str) -> int:
        op, a = self.ops[n], self.args[n]
        if op in ("x", "y"):
            return self.const(1.0 if op == var else 0.0)
        if op in ("const", "sign", "heav"):
            return self.const(0.0)
        m, c = self.make, self.const
        da = [self.diff(i, var) for i in a]
        u = a[0]
        if op in ("add", "sub"):
            return m(op, da[0], da[1])
        if op == "mul":
            return m("add", m("mul", da[0], a[1]), m("mul", a[0], da[1]))
        if op == "div":  # (u/v)' = (u' - (u/v) v') / v
            return m("div", m("sub", da[0], m("mul", n, da[1])), a[1])
        if op == "pow":  # (u^v)' = v u^(v-1) u' + u^v log(u) v'
            t1 = m("mul", m("mul", a[1], m("pow", u, m("sub", a[1], c(1.0)))), da[0])
            return m("add", t1, m("mul", m("mul", n, m("log", u)), da[1]))
        if op in ("min", "max"):  # the active argument's derivative; half each on a tie
            s = 1 if op == "min" else 0
            w0 = m("heav", m("sub", a[s], a[1 - s]))
            return m("add", m("mul", w0, da[0]), m("mul", m("sub", c(1.0), w0), da[1]))
        if op == "neg":
            return m("neg", da[0])

        def one_minus_u2() -> int:
            return m("sub", c(1.0), m("pow", u, c(2.0)))

        outer = {
            "sin": lambda: m("cos", u),
            "cos": lambda: m("neg", m("sin", u)),
            "tan": lambda: m("add", c(1.0), m("pow", n, c(2.0))),
            "exp": lambda: n,
            "log": lambda: m("div", c(1.0), u),
            "log1p": lambda: m("div", c(1.0), m("add", c(1.0), u)),
            "sqrt": lambda: m("div", c(0.5), n),
            "abs": lambda: m("sign", u),
            "tanh": lambda: m("sub", c(1.0), m("pow", n, c(2.0))),
            "sinh": lambda: m("cosh", u),
            "cosh": lambda: m("sinh", u),
            "arctan": lambda: m("div", c(1.0), m("add", c(1.0), m("pow", u, c(2.0)))),
            "arcsin": lambda: m("div", c(1.0), m("sqrt", one_minus_u2())),
            "arccos": lambda: m("div", c(-1.0), m("sqrt", one_minus_u2())),
            "sigmoid": lambda: m("mul", n, m("sub", c(1.0), n)),
        }[op]()
        return m("mul", outer, da[0])


class _Program:
    """Straight-line evaluation of some graph outputs: one numpy closure per needed node, in order.

    Registers are node ids; an intermediate array is dropped right after its last use.
    """

    def __init__(self, g: _Graph, outputs: list[int]) -> None:
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


def _closure(g: _Graph, i: int) -> Fn:
    """The numpy function computing node i from its arguments' arrays."""
    op, args = g.ops[i], g.args[i]
    if op == "pow" and g.consts[args[1]] is not None:
        c = g.consts[args[1]]
        if c == 2.0:
            return lambda a, _c: np.square(a)
        return lambda a, _c: np.power(a, c)
    return _OPS[op]


# --- parsing -----------------------------------------------------------------------------------
class _Source:
    """The text as parsed (after replacements) with a map back to the user's 1-based columns."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        self._orig: list[int] = []
        lead = len(text) - len(text.lstrip(" \t"))  # leading blanks would be an "indent"
        for i, ch in enumerate(text):
            rep = "" if i < lead else _REPLACE.get(ch, ch)
            parts.append(rep)
            self._orig.extend([i] * len(rep))
        self._orig.append(len(text))
        self.code = "".join(parts)
        self._b2c: list[int] = []  # ast offsets are UTF-8 bytes
        for ci, ch in enumerate(self.code):
            self._b2c.extend([ci] * len(ch.encode("utf-8")))
        self._b2c.append(len(self.code))

    def char(self, byte_offset: int) -> int:
        return self._b2c[max(0, min(byte_offset, len(self._b2c) - 1))]

    def column(self, char_index: int) -> int:
        return self._orig[max(0, min(char_index, len(self._orig) - 1))] + 1

    def node_column(self, node: ast.AST) -> int:
        return self.column(self.char(getattr(node, "col_offset", 0)))

    def find(self, symbol: str, after_byte: int) -> int:
        """Column of the first ``symbol`` at or after a byte offset (where an operator sits)."""
        start = self.char(after_byte)
        at = self.code.find(symbol, start)
        return self.column(at if at >= 0 else start)


def _parse(text: str) -> tuple[_Graph, int]:
    """Graph and root id of a formula; FormulaError for anything outside the whitelist."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError(f"empty formula; type an expression in x and y, e.g. {EXAMPLE}")
    if len(text) > MAX_CHARS:
        raise FormulaError(f"formula too long: {len(text)} characters; at most {MAX_CHARS}")
    for i, ch in enumerate(text):
        if (ch < " " and ch != "\t") or ch == "\x7f" or "\ud800" <= ch <= "\udfff":
            raise FormulaError(f"character {ch!r} at column {i + 1}; a formula is one line", i + 1)
    src = _Source(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. invalid escapes in strings we reject anyway
            tree = ast.parse(src.code, mode="eval")
    except SyntaxError as e:
        col = src.column((e.offset or 1) - 1)
        msg = (e.msg or "invalid syntax").splitlines()[0]
        hint = "write 2*x, not 2x" if "literal" in msg else f"e.g. {EXAMPLE}"
        raise FormulaError(f"syntax error at column {col}: {msg}; {hint}", col) from None
    except (ValueError, RecursionError, MemoryError) as e:
        raise FormulaError(f"cannot parse the formula ({type(e).__name__}); {ALLOWED}") from None
    _check_size(tree.body, src)
    g = _Graph()
    return g, _Converter(g, src).convert(tree.body)


def _check_size(body: ast.expr, src: _Source) -> None:
    """Bound the number of nodes and the nesting depth before any recursion over the tree."""
    skip = (ast.expr_context, ast.operator, ast.unaryop, ast.boolop, ast.cmpop)
    count = 0
    stack: list[tuple[ast.AST, int]] = [(body, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise FormulaError(
                f"formula too large: more than {MAX_NODES} numbers, names and operations"
            )
        if depth > MAX_DEPTH:
            col = src.node_column(node)
            raise FormulaError(
                f"formula nested too deeply at column {col}: more than {MAX_DEPTH} levels", col
            )
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, skip):
                stack.append((child, depth + isinstance(child, ast.expr)))


class _Converter:
    """Whitelisted ast -> graph conversion; every rejection names the column."""

    def __init__(self, g: _Graph, src: _Source) -> None:
        self.g = g
        self.src = src

    def fail(self, what: str, col: int, allowed: str = ALLOWED) -> None:
        raise FormulaError(f"{what} at column {col}; {allowed}", col)

    def convert(self, node: ast.expr) -> int:
        g, col = self.g, self.src.node_column(node)
        if isinstance(node, ast.Constant):
            return g.const(self._number(node.value, col))
        if isinstance(node, ast.Name):
            return self._name(node.id, col)
        if isinstance(node, ast.BinOp):
            op = _BINOPS.get(type(node.op))
            if op is None:
                sym = _OP_SYMBOL.get(type(node.op), "^")
                self.fail(
                    f"operator '{sym}' is not allowed",
                    self.src.find(sym, node.left.end_col_offset or 0),
                )
            return g.make(str(op), self.convert(node.left), self.convert(node.right))
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.UAdd):
                return self.convert(node.operand)
            if isinstance(node.op, ast.USub):
                return g.make("neg", self.convert(node.operand))
            self.fail(f"operator '{_OP_SYMBOL.get(type(node.op), '?')}' is not allowed", col)
        if isinstance(node, ast.Call):
            return self._call(node, col)
        if isinstance(node, ast.Attribute):
            col = self.src.find(".", node.value.end_col_offset or 0)
            self.fail(f"attribute access '.{node.attr[:30]}' is not allowed", col)
        self.fail(f"{_WHAT.get(type(node), type(node).__name__)} is not allowed", col)
        raise AssertionError  # unreachable: fail() raises

    def _number(self, v: object, col: int) -> float:
        if isinstance(v, bool) or v is None or v is Ellipsis:
            self.fail(f"'{v!r}' is not allowed", col)
        if isinstance(v, int):
            try:
                return float(v)
            except OverflowError:
                return float("inf")
        if isinstance(v, float):
            return v
        what = "a complex number" if isinstance(v, complex) else "text (a string)"
        self.fail(f"{what} is not allowed", col)
        raise AssertionError

    def _name(self, name: str, col: int) -> int:
        if name in ("x", "y"):
            return self.g.x if name == "x" else self.g.y
        if name in CONSTANTS:
            return self.g.const(CONSTANTS[name])
        if name in FUNCTIONS:
            self.fail(f"'{name}' is a function", col, f"call it like {name}(x); {ALLOWED}")
        self.fail(f"unknown name '{name[:30]}'", col)
        raise AssertionError

    def _call(self, node: ast.Call, col: int) -> int:
        f = node.func
        if isinstance(f, ast.Attribute):
            self.convert(f)  # raises, pointing at the attribute
        if not isinstance(f, ast.Name):
            self.fail("only the listed functions can be called", col)
        name = f.id  # type: ignore[union-attr]
        if name not in FUNCTIONS:
            known = name in ("x", "y") or name in CONSTANTS
            what = f"'{name}' is not a function" if known else f"unknown function '{name[:30]}'"
            self.fail(what, col)
        for kw in node.keywords:
            self.fail("keyword arguments are not allowed", self.src.node_column(kw))
        for a in node.args:
            if isinstance(a, ast.Starred):
                self.fail("'*' unpacking is not allowed", self.src.node_column(a))
        op, arity = FUNCTIONS[name]
        if len(node.args) != arity:
            s = "" if arity == 1 else "s"
            self.fail(f"{name} takes {arity} argument{s}, got {len(node.args)},", col,
                      f"e.g. {name}({', '.join('xy'[:arity])})")  # fmt: skip
        return self.g.make(op, *(self.convert(a) for a in node.args))


# --- the surface -------------------------------------------------------------------------------
def _check_domain(domain: Domain) -> Domain:
    try:
        d = tuple(float(v) for v in domain)
    except (TypeError, ValueError):
        d = ()
    if len(d) != 4 or not np.all(np.isfinite(d)) or d[0] >= d[1] or d[2] >= d[3]:
        raise SurfaceError(
            f"domain {domain!r}: need XMIN,XMAX,YMIN,YMAX, finite, with XMIN<XMAX and YMIN<YMAX"
        )
    return d  # type: ignore[return-value]


class FormulaSurface(Surface):
    """f(x, y) typed by the user (see the module docstring for what is allowed, incl. ^ as power).

    Exact gradient and Hessian by symbolic differentiation; overflow gives inf/nan, never raises.
    """

    def __init__(self, expr: str, domain: Domain = (-3.0, 3.0, -3.0, 3.0)) -> None:
        g, root = _parse(expr)
        text = expr.strip()
        super().__init__(
            name="formula",
            title=text,
            description=f"Your formula: f(x, y) = {text}",
            group="Your surfaces",
            domain=_check_domain(domain),
        )
        self.expr = expr
        try:
            fx, fy = g.diff(root, "x"), g.diff(root, "y")
            fxx, fxy, fyy = g.diff(fx, "x"), g.diff(fx, "y"), g.diff(fy, "y")
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
        return self._graph.text(self._nodes[wrt])

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
