"""Surfaces typed by the user as a formula in x and y, with exact gradients and Hessians.

The text is untrusted. It is parsed with ``ast.parse(mode="eval")`` and converted node by node
into our own expression graph; anything outside a small whitelist (numbers, ``x``, ``y``, ``pi``,
``e``, ``+ - * / **``, unary signs, parentheses and calls to the functions in ``FUNCTIONS``) is
rejected with a ``FormulaError`` naming the column. Nothing is ever eval'ed, exec'ed or compiled to
Python code. Users may write ``^`` for a power (``x^2`` means ``x**2``, as in maths, not XOR), and
``²``, ``³``, ``−``, ``×``, ``·`` and ``π`` as pasted from documents.

Derivatives are symbolic: the graph is differentiated twice with light simplification, then every
output is compiled once into a straight-line list of numpy closures with shared subexpressions.
At a kink, abs/min/max/sign use PyTorch's conventions (sign(0) = 0, a tie splits the gradient in
half). A formula is printed back by one printer in a chosen syntax (``PLAIN``, ``TORCH``).

The package: graph.py (the expression DAG), parse.py (text -> graph), derive.py (symbolic
derivatives), printer.py (graph -> text), surface.py (FormulaSurface).
"""

from surfaces.formula.parse import (
    ALLOWED,
    CONSTANTS,
    EXAMPLE,
    FUNCTIONS,
    MAX_CHARS,
    MAX_DEPTH,
    MAX_NODES,
    FormulaError,
)
from surfaces.formula.printer import PLAIN, TORCH, Syntax, formula_text
from surfaces.formula.surface import FormulaSurface

__all__ = [
    "ALLOWED",
    "CONSTANTS",
    "EXAMPLE",
    "FUNCTIONS",
    "MAX_CHARS",
    "MAX_DEPTH",
    "MAX_NODES",
    "PLAIN",
    "TORCH",
    "FormulaError",
    "FormulaSurface",
    "Syntax",
    "formula_text",
]
