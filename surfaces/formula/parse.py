"""Parsing a formula the user typed: ``ast.parse(mode="eval")``, then a whitelisted conversion node by
node into the expression graph. Anything outside the whitelist is a FormulaError naming the column;
nothing is ever eval'ed, exec'ed or compiled to Python code."""

from __future__ import annotations

import ast
import math
import warnings
from typing import NoReturn

from surfaces.base import SurfaceError
from surfaces.formula.graph import Graph
from surfaces.i18n import QT_TRANSLATE_NOOP, translate

MAX_CHARS = 500
MAX_NODES = 300
MAX_DEPTH = 40
EXAMPLE = "x**2 - y**2 + 0.1*sin(5*x)"

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
CONSTANTS: dict[str, float] = {"pi": math.pi, "π": math.pi, "e": math.e}
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
# Characters people paste from documents, and ^ for powers: replaced before parsing.
_REPLACE = {"^": "**", "−": "-", "×": "*", "·": "*", "²": "**2", "³": "**3"}
ALLOWED_TEMPLATE = QT_TRANSLATE_NOOP(
    "Formula", "allowed: numbers, x, y, pi, e, + - * / ** ^, ( ) and the functions {functions}"
)
ALLOWED = ALLOWED_TEMPLATE.format(functions=", ".join(FUNCTIONS))


class FormulaError(SurfaceError):
    """A formula that is not an allowed expression; ``column`` is 1-based (None if not local)."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


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


def parse(text: str) -> tuple[Graph, int]:
    """Graph and root id of a formula; FormulaError for anything outside the whitelist."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError(
            translate(
                "Formula", "empty formula; type an expression in x and y, e.g. {example}"
            ).format(example=EXAMPLE)
        )
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
        hint = (translate("Formula", "write 2*x, not 2x") if "literal" in msg
                else translate("Formula", "e.g. {example}").format(example=EXAMPLE))  # fmt: skip
        text = translate("Formula", "syntax error at column {col}: {msg}; {hint}")
        raise FormulaError(text.format(col=col, msg=msg, hint=hint), col) from None
    except (ValueError, RecursionError, MemoryError) as e:
        raise FormulaError(f"cannot parse the formula ({type(e).__name__}); {ALLOWED}") from None
    _check_size(tree.body, src)
    g = Graph()
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

    def __init__(self, g: Graph, src: _Source) -> None:
        self.g = g
        self.src = src

    def fail(self, what: str, col: int, allowed: str = ALLOWED) -> NoReturn:
        where = translate("Formula", "{what} at column {col}").format(what=what, col=col)
        raise FormulaError(f"{where}; {allowed}", col)

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
                    translate("Formula", "operator '{sym}' is not allowed").format(sym=sym),
                    self.src.find(sym, node.left.end_col_offset or 0),
                )
            return g.make(str(op), self.convert(node.left), self.convert(node.right))
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.UAdd):
                return self.convert(node.operand)
            if isinstance(node.op, ast.USub):
                return g.make("neg", self.convert(node.operand))
            sym = _OP_SYMBOL.get(type(node.op), "?")
            self.fail(translate("Formula", "operator '{sym}' is not allowed").format(sym=sym), col)
        if isinstance(node, ast.Call):
            return self._call(node, col)
        if isinstance(node, ast.Attribute):
            col = self.src.find(".", node.value.end_col_offset or 0)
            self.fail(f"attribute access '.{node.attr[:30]}' is not allowed", col)
        self.fail(f"{_WHAT.get(type(node), type(node).__name__)} is not allowed", col)

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

    def _name(self, name: str, col: int) -> int:
        if name in ("x", "y"):
            return self.g.x if name == "x" else self.g.y
        if name in CONSTANTS:
            return self.g.const(CONSTANTS[name])
        if name in FUNCTIONS:
            call = translate("Formula", "call it like {name}(x)").format(name=name)
            self.fail(
                translate("Formula", "'{name}' is a function").format(name=name),
                col,
                f"{call}; {ALLOWED}",
            )
        self.fail(translate("Formula", "unknown name '{name}'").format(name=name[:30]), col)

    def _call(self, node: ast.Call, col: int) -> int:
        f = node.func
        if isinstance(f, ast.Attribute):
            self.convert(f)  # raises, pointing at the attribute
        if not isinstance(f, ast.Name):
            self.fail(translate("Formula", "only the listed functions can be called"), col)
        name = f.id
        if name not in FUNCTIONS:
            known = name in ("x", "y") or name in CONSTANTS
            what = (translate("Formula", "'{name}' is not a function").format(name=name) if known
                    else translate("Formula", "unknown function '{name}'").format(name=name[:30]))  # fmt: skip
            self.fail(what, col)
        for kw in node.keywords:
            self.fail(
                translate("Formula", "keyword arguments are not allowed"), self.src.node_column(kw)
            )
        for a in node.args:
            if isinstance(a, ast.Starred):
                self.fail("'*' unpacking is not allowed", self.src.node_column(a))
        op, arity = FUNCTIONS[name]
        if len(node.args) != arity:
            s = "" if arity == 1 else "s"
            self.fail(f"{name} takes {arity} argument{s}, got {len(node.args)},", col,
                      f"e.g. {name}({', '.join('xy'[:arity])})")  # fmt: skip
        return self.g.make(op, *(self.convert(a) for a in node.args))
