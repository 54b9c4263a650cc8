"""Symbolic derivatives on the expression graph: ∂node/∂x or ∂node/∂y as new (shared) nodes."""

from __future__ import annotations

from surfaces.formula.graph import Graph


def diff(g: Graph, n: int, var: str) -> int:
    """Id of ∂(node n)/∂var, memoized in the graph."""
    key = (n, var)
    if key not in g.derivatives:
        g.derivatives[key] = _derive(g, n, var)
    return g.derivatives[key]


def _derive(g: Graph, n: int, var: str) -> int:
    op, a = g.ops[n], g.args[n]
    if op in ("x", "y"):
        return g.const(1.0 if op == var else 0.0)
    if op in ("const", "sign", "heav"):
        return g.const(0.0)
    m, c = g.make, g.const
    da = [diff(g, i, var) for i in a]
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
