"""User formulas: values against hand-written numpy, derivatives against finite differences,
rejection of everything outside the whitelist (with columns), overflow as a value, and the CLI."""

from __future__ import annotations

import ast
import builtins
import copy
import pickle

import numpy as np
import pytest

from surfaces.base import SurfaceError
from surfaces.formula import MAX_CHARS, PLAIN, TORCH, FormulaError, FormulaSurface, formula_text

# (formula, independent numpy version, box (xmin, xmax, ymin, ymax) where it is smooth and finite)
CASES = [
    ("x**2 - y**2 + 0.1*sin(5*x)", lambda x, y: x**2 - y**2 + 0.1 * np.sin(5 * x), (-3, 3, -3, 3)),
    ("x^2 + 3*x*y - y^3", lambda x, y: x**2 + 3 * x * y - y**3, (-3, 3, -3, 3)),
    ("(1 - x)**2 + 100*(y - x**2)**2", lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2,
     (-2, 2, -1, 3)),
    ("sin(x)*cos(y)", lambda x, y: np.sin(x) * np.cos(y), (-3, 3, -3, 3)),
    ("exp(-(x**2 + y**2)/2)", lambda x, y: np.exp(-(x**2 + y**2) / 2), (-3, 3, -3, 3)),
    ("log(1 + x**2 + y**2)", lambda x, y: np.log(1 + x**2 + y**2), (-3, 3, -3, 3)),
    ("sqrt(x**2 + y**2 + 1)", lambda x, y: np.sqrt(x**2 + y**2 + 1), (-3, 3, -3, 3)),
    ("tanh(x*y)", lambda x, y: np.tanh(x * y), (-2, 2, -2, 2)),
    ("sinh(x/2) + cosh(y/3)", lambda x, y: np.sinh(x / 2) + np.cosh(y / 3), (-3, 3, -3, 3)),
    ("arctan(x*y) + atan(x)", lambda x, y: np.arctan(x * y) + np.arctan(x), (-3, 3, -3, 3)),
    ("arcsin(x/4) + acos(y/4) - asin(0.5)",
     lambda x, y: np.arcsin(x / 4) + np.arccos(y / 4) - np.pi / 6, (-3, 3, -3, 3)),
    ("log1p(x**2)*y", lambda x, y: np.log1p(x**2) * y, (-3, 3, -3, 3)),
    ("sigmoid(3*x - y)", lambda x, y: 1 / (1 + np.exp(-(3 * x - y))), (-3, 3, -3, 3)),
    ("x/(1 + y**2)", lambda x, y: x / (1 + y**2), (-3, 3, -3, 3)),
    ("2**x + x**y", lambda x, y: 2**x + x**y, (0.2, 3, -2, 2)),
    ("abs(x)*y + abs(y - 1)", lambda x, y: np.abs(x) * y + np.abs(y - 1), (0.1, 3, 1.1, 3)),
    ("min(x, y) + max(x**2, y)", lambda x, y: np.minimum(x, y) + np.maximum(x**2, y),
     (-3, 3, -3, 3)),
    ("tan(x/2) + pow(y, 3)", lambda x, y: np.tan(x / 2) + y**3, (-2.5, 2.5, -3, 3)),
    ("pi*x - e*y + 3", lambda x, y: np.pi * x - np.e * y + 3, (-3, 3, -3, 3)),
    ("x*y*exp(-x**2 - y**2)", lambda x, y: x * y * np.exp(-(x**2) - y**2), (-3, 3, -3, 3)),
    ("ln(x**2 + 1) - 1/(y**2 + 1)", lambda x, y: np.log(x**2 + 1) - 1 / (y**2 + 1),
     (-3, 3, -3, 3)),
    ("x**3/3 - x*y**2 + -+-x", lambda x, y: x**3 / 3 - x * y**2 + x, (-3, 3, -3, 3)),
    ("x² − 3·y × x", lambda x, y: x**2 - 3 * y * x, (-3, 3, -3, 3)),
    ("sqrt(x)**-1.5 / y", lambda x, y: np.sqrt(x) ** -1.5 / y, (0.3, 3, 0.5, 3)),
]  # fmt: skip
IDS = [c[0] for c in CASES]


def _points(box: tuple[float, ...], n: int = 40, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x0, x1, y0, y1 = box
    return np.stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)], axis=-1)


def _fd_gradient(f, p: np.ndarray, h: float = 1e-6) -> np.ndarray:
    ex = np.array([h, 0.0])
    ey = np.array([0.0, h])
    return np.stack([(f(p + ex) - f(p - ex)) / (2 * h), (f(p + ey) - f(p - ey)) / (2 * h)], -1)


@pytest.mark.parametrize(("expr", "ref", "box"), CASES, ids=IDS)
def test_value_matches_numpy(expr, ref, box):
    s = FormulaSurface(expr)
    p = _points(box)
    np.testing.assert_allclose(s.value(p), ref(p[:, 0], p[:, 1]), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("expr", "ref", "box"), CASES, ids=IDS)
def test_gradient_matches_finite_differences(expr, ref, box):
    s = FormulaSurface(expr)
    p = _points(box, seed=1)
    fd = _fd_gradient(lambda q: ref(q[..., 0], q[..., 1]), p)
    g = s.gradient(p)
    assert g.shape == p.shape
    np.testing.assert_allclose(g, fd, rtol=1e-5, atol=1e-5 * max(1.0, float(np.abs(fd).max())))


@pytest.mark.parametrize(("expr", "ref", "box"), CASES, ids=IDS)
def test_hessian_matches_finite_differences(expr, ref, box):
    s = FormulaSurface(expr)
    p = _points(box, seed=2)
    h = 1e-5
    ex = np.array([h, 0.0])
    ey = np.array([0.0, h])
    hess = s.hessian(p)
    assert hess.shape == (len(p), 2, 2)
    np.testing.assert_array_equal(hess[:, 0, 1], hess[:, 1, 0])
    # Second differences of values lose ~eps*|f|/h^2; compare against the gradient's FD instead.
    g_fd = np.stack(
        [
            (s.gradient(p + ex) - s.gradient(p - ex)) / (2 * h),
            (s.gradient(p + ey) - s.gradient(p - ey)) / (2 * h),
        ],
        axis=-1,
    )
    scale = max(1.0, float(np.abs(g_fd).max()))
    np.testing.assert_allclose(hess, g_fd, rtol=1e-5, atol=1e-5 * scale)
    # And against second differences of the numpy reference alone (independent of our gradient).
    f = lambda q: ref(q[..., 0], q[..., 1])  # noqa: E731
    k = 1e-4
    dx, dy = np.array([k, 0.0]), np.array([0.0, k])
    fxx = (f(p + dx) - 2 * f(p) + f(p - dx)) / k**2
    fyy = (f(p + dy) - 2 * f(p) + f(p - dy)) / k**2
    fxy = (f(p + dx + dy) - f(p + dx - dy) - f(p - dx + dy) + f(p - dx - dy)) / (4 * k**2)
    tol = 1e-4 * scale + 1e-15 * max(1.0, float(np.abs(f(p)).max())) / k**2
    np.testing.assert_allclose(hess[:, 0, 0], fxx, rtol=1e-4, atol=tol)
    np.testing.assert_allclose(hess[:, 1, 1], fyy, rtol=1e-4, atol=tol)
    np.testing.assert_allclose(hess[:, 0, 1], fxy, rtol=1e-4, atol=tol)


def test_hand_computed_derivatives():
    s = FormulaSurface("x^2 * y^3")
    p = np.array([2.0, 1.0])
    assert s.value(p) == 4.0
    np.testing.assert_array_equal(s.gradient(p), [4.0, 12.0])  # (2xy³, 3x²y²)
    np.testing.assert_array_equal(s.hessian(p), [[2.0, 12.0], [12.0, 24.0]])  # 2y³, 6xy², 6x²y
    saddle = FormulaSurface("x**2 - y**2")
    np.testing.assert_array_equal(saddle.hessian(np.zeros((3, 2))), [np.diag([2.0, -2.0])] * 3)
    np.testing.assert_array_equal(FormulaSurface("sigmoid(x)").gradient([0.0, 5.0]), [0.25, 0.0])
    steps = np.array([[-2.0, 0.0], [0.0, 0.0], [3.0, 0.0]])
    np.testing.assert_array_equal(FormulaSurface("heaviside(x)").value(steps), [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(FormulaSurface("sign(x)*x").value(steps), [2.0, 0.0, 3.0])
    np.testing.assert_array_equal(FormulaSurface("sign(x)*x").gradient(steps)[:, 0], [-1, 0, 1])
    # PyTorch's conventions at kinks: |x|' = 0 at 0, a tie of min/max splits the gradient.
    np.testing.assert_array_equal(FormulaSurface("abs(x)").gradient([0.0, 1.0]), [0.0, 0.0])
    np.testing.assert_array_equal(FormulaSurface("max(x, y)").gradient([1.0, 1.0]), [0.5, 0.5])
    np.testing.assert_array_equal(FormulaSurface("min(x, 2*y)").gradient([1.0, 3.0]), [1.0, 0.0])


def test_caret_is_power_with_maths_precedence():
    p = np.array([[2.0, 3.0], [-2.0, 1.0]])
    np.testing.assert_array_equal(FormulaSurface("x^2+1").value(p), [5.0, 5.0])  # not 2 XOR 3
    np.testing.assert_array_equal(FormulaSurface("-x^2").value(p), [-4.0, -4.0])
    assert FormulaSurface("2^3^2").value([0.0, 0.0]) == 512.0  # right-associative
    np.testing.assert_array_equal(FormulaSurface("x^y").value(p), [8.0, -2.0])


def test_shapes_and_constant_formula():
    s = FormulaSurface("3")
    for shape in [(), (5,), (4, 3)]:
        p = np.zeros((*shape, 2))
        assert s.value(p).shape == shape
        assert s.gradient(p).shape == (*shape, 2)
        assert s.hessian(p).shape == (*shape, 2, 2)
    np.testing.assert_array_equal(s.value(np.ones((2, 2))), [3.0, 3.0])
    np.testing.assert_array_equal(s.gradient(np.ones((2, 2))), np.zeros((2, 2)))
    xs, ys, z = FormulaSurface("x + 10*y").grid(5)
    np.testing.assert_allclose(z, xs[None, :] + 10 * ys[:, None])


def test_overflow_and_domain_errors_are_values():
    # RuntimeWarnings from surfaces.* are errors under our pytest config: none may escape.
    assert FormulaSurface("exp(1000*x)").value([1.0, 0.0]) == np.inf
    assert np.isnan(FormulaSurface("log(x)").value([-1.0, 0.0]))
    assert FormulaSurface("1/x").value([0.0, 0.0]) == np.inf
    assert FormulaSurface("x**2").value([-3.0, 0.0]) == 9.0
    assert FormulaSurface("x**3").gradient([-2.0, 0.0])[0] == 12.0
    assert np.isnan(FormulaSurface("x**0.5").value([-1.0, 0.0]))
    assert FormulaSurface("1" + "0" * 400).value([0.0, 0.0]) == np.inf
    assert FormulaSurface("10**400 - x").value([0.0, 0.0]) == np.inf
    assert np.isnan(FormulaSurface("(-8)**(1/3)").value([0.0, 0.0]))
    g = FormulaSurface("sqrt(x**2 + y**2)").gradient(np.zeros(2))
    assert not np.isfinite(g).all()  # the cone's tip: a value, not an exception
    h = FormulaSurface("exp(exp(exp(x)))").hessian([10.0, 0.0])
    assert h[0, 0] == np.inf


@pytest.mark.parametrize(
    ("expr", "column", "fragment"),
    [
        ("x + z", 5, "unknown name 'z'"),
        ("x.__class__", 2, "attribute access '.__class__'"),
        ("(x).__class__.__bases__", 14, "attribute access"),
        ("__import__('os')", 1, "unknown function '__import__'"),
        ("lambda: 1", 1, "lambda"),
        ("'abc' * 2", 1, "string"),
        ("x if y else 1", 1, "if/else"),
        ("[c for c in (1,)]", 1, "ListComp"),
        ("x[0]", 1, "indexing"),
        ("x < y", 1, "comparison"),
        ("x and y", 1, "and/or"),
        ("x % 2", 3, "operator '%'"),
        ("x // 2", 3, "operator '//'"),
        ("~x", 1, "operator '~'"),
        ("1j * x", 1, "complex"),
        ("True + x", 1, "'True'"),
        ("sin(x, y)", 1, "sin takes 1 argument, got 2"),
        ("max(x)", 1, "max takes 2 arguments, got 1"),
        ("sin(x=1)", 5, "keyword arguments"),
        ("sin(*x)", 5, "unpacking"),
        ("x(2)", 1, "'x' is not a function"),
        ("sin + 1", 1, "'sin' is a function"),
        ("getattr(x, 'y')", 1, "unknown function 'getattr'"),
        ("f'{x}'", 1, "f-string"),
        ("(y := 2)", 2, "':='"),
        ("x +* 2", 4, "syntax error"),
        ("2x", 1, "write 2*x"),
        ("x^^2", 3, "syntax error"),  # column in the user's text, not in the rewritten one
        ("sin(x", 4, "syntax error"),
        ("x\n+ 1", 2, "one line"),
    ],
)
def test_rejections_name_the_column(expr, column, fragment):
    with pytest.raises(FormulaError) as ei:
        FormulaSurface(expr)
    msg = str(ei.value)
    assert fragment in msg
    assert ei.value.column == column
    assert "\n" not in msg
    if ei.value.column is not None and "syntax" not in msg and "line" not in msg:
        assert f"column {column}" in msg


def test_messages_say_what_is_allowed():
    with pytest.raises(FormulaError, match=r"allowed: numbers, x, y, pi, e, .*sin, cos"):
        FormulaSurface("x + zz")
    assert issubclass(FormulaError, SurfaceError)


def test_size_limits():
    ok = "+".join(["x"] * 40)  # depth 40: allowed
    FormulaSurface(ok)
    with pytest.raises(FormulaError, match="too long") as ei:
        FormulaSurface("x" + " " * MAX_CHARS)
    assert ei.value.column is None
    with pytest.raises(FormulaError, match="nested too deeply"):
        FormulaSurface("+".join(["x"] * 41))
    with pytest.raises(FormulaError, match="nested too deeply"):
        FormulaSurface("sin(" * 41 + "x" + ")" * 41)
    with pytest.raises(FormulaError, match="nested too deeply"):
        FormulaSurface("-" * 60 + "x")
    with pytest.raises(FormulaError, match="too large"):
        FormulaSurface("+".join(["*".join(["x"] * 10)] * 16))  # 319 nodes, depth 25
    assert FormulaSurface("(" * 150 + "x" + ")" * 150).value([2.0, 0.0]) == 2.0  # parens are free
    with pytest.raises(FormulaError, match="syntax error at column 201"):
        FormulaSurface("(" * 240 + "x" + ")" * 240)  # beyond the parser's own nesting limit
    with pytest.raises(FormulaError, match="empty"):
        FormulaSurface("   ")


def test_never_evaluates_code(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("eval/exec called")

    real_compile = builtins.compile

    def ast_only_compile(source, filename, mode, flags=0, *a, **k):
        assert flags & ast.PyCF_ONLY_AST, "compiled to code"
        return real_compile(source, filename, mode, flags, *a, **k)

    monkeypatch.setattr(builtins, "eval", boom)
    monkeypatch.setattr(builtins, "exec", boom)
    monkeypatch.setattr(builtins, "compile", ast_only_compile)
    s = FormulaSurface("x**2 + sin(y)")
    p = np.array([[0.5, 0.25]])
    s.value(p), s.gradient(p), s.hessian(p)
    with pytest.raises(FormulaError):
        FormulaSurface("__import__('os').system('echo pwned')")


def test_surface_attributes_and_pickling():
    s = FormulaSurface(" x**2 + y**2 ")
    assert s.name == "formula"
    assert s.title == "x**2 + y**2"
    assert s.group == "Your surfaces"
    assert s.domain == (-3.0, 3.0, -3.0, 3.0)
    assert s.known_critical == ()
    assert s.expr == " x**2 + y**2 "
    t = pickle.loads(pickle.dumps(FormulaSurface("x*y", domain=(-1, 2, 0, 4))))
    assert t.domain == (-1.0, 2.0, 0.0, 4.0)
    assert copy.deepcopy(t).derivative_text("x") == "y"
    np.testing.assert_array_equal(t.gradient([2.0, 3.0]), [3.0, 2.0])
    for bad in [(1, 0, 0, 1), (0, 1, 0), (0, np.nan, 0, 1), "abcd"]:
        with pytest.raises(SurfaceError, match="domain"):
            FormulaSurface("x", domain=bad)


def test_cli_trace_with_formula(cli):
    rc, out, err = cli("trace", "--formula", "x**2 - y**2 + 0.1*sin(5*x)", "--optimizer", "adam",
                       "--start", "0.5,0.1", "--steps", "20")  # fmt: skip
    assert rc == 0, err
    lines = out.strip().splitlines()
    assert lines[0] == "step,x,y,loss,lr"
    assert len(lines) == 22
    x, y, loss = (float(v) for v in lines[1].split(",")[1:4])
    assert (x, y) == (0.5, 0.1)
    assert loss == pytest.approx(0.25 - 0.01 + 0.1 * np.sin(2.5), rel=1e-12)


def test_cli_rejects_bad_formula_with_one_line(cli):
    rc, out, stderr = cli("trace", "--formula", "z+1", "--optimizer", "adam", "--start", "0.5,0.1",
                          "--steps", "20")  # fmt: skip
    assert rc == 2
    err = stderr.strip().splitlines()
    assert len(err) == 1
    assert "unknown name 'z' at column 1" in err[0]
    assert "Traceback" not in stderr
    assert out == ""


def test_derivative_text_reads_like_hand_derivation():
    s = FormulaSurface("x^3 - 3*x*y^2")
    assert s.derivative_text("") == "x^3 - 3*x*y^2"
    assert s.derivative_text("x") == "3*x^2 - 3*y^2"
    assert s.derivative_text("y") == "-6*x*y"
    assert s.derivative_text("xx") == "6*x"
    assert s.derivative_text("xy") == "-6*y"
    r = FormulaSurface("(1-x)^2 + 100*(y-x^2)^2")
    assert r.derivative_text("y") == "200*(y - x^2)"
    assert r.derivative_text("xy") == "-400*x"
    assert FormulaSurface("sin(x)*y").derivative_text("x") == "cos(x)*y"
    assert FormulaSurface("sigmoid(" * 6 + "x" + ")" * 6).derivative_text("xx") is None  # too long
    with pytest.raises(ValueError, match="wrt"):
        s.derivative_text("z")


@pytest.mark.parametrize(
    ("expr", "plain", "torch"),
    [
        ("x^2 - y", "x^2 - y", "x ** 2 - y"),
        ("x**y**2", "x^y^2", "x ** (y ** 2)"),  # right-associative; torch spells it out
        ("(x**y)**2", "(x^y)^2", "(x ** y) ** 2"),
        ("-x^2 + 2*-y", "-x^2 - 2*y", "-x ** 2 - 2 * y"),
        ("x - (y - 1)", "x - (y - 1)", "x - (y - 1)"),
        ("x / (2*y)", "x/(2*y)", "x / (2 * y)"),
        ("min(x, 1) + max(y, x)", "min(x, 1) + max(y, x)",
         "torch.clamp(x, max=1) + torch.maximum(y, x)"),
        ("heaviside(x) * atan(y)", "heaviside(x)*arctan(y)",
         "torch.heaviside(x, torch.tensor(0.5, dtype=torch.float64)) * torch.atan(y)"),
        ("x + 1e999", "x + 1e999", "x + float('inf')"),
        ("0.1*x", "0.1*x", "0.1 * x"),
    ],
)  # fmt: skip
def test_one_printer_two_syntaxes(expr: str, plain: str, torch: str) -> None:
    assert formula_text(expr) == formula_text(expr, PLAIN) == plain
    assert formula_text(expr, TORCH) == torch
    assert FormulaSurface(expr).derivative_text("") == plain
    with pytest.raises(FormulaError):
        formula_text("z + 1", TORCH)


@pytest.mark.parametrize(("expr", "ref", "box"), CASES, ids=IDS)
def test_derivative_text_evaluates_to_the_derivative(expr, ref, box):
    s = FormulaSurface(expr)
    p = _points(box, seed=3)
    want = {"": s.value(p), "x": s.gradient(p)[:, 0], "y": s.gradient(p)[:, 1]}
    h = s.hessian(p)
    want.update({"xx": h[:, 0, 0], "xy": h[:, 0, 1], "yy": h[:, 1, 1]})
    for wrt, values in want.items():
        text = s.derivative_text(wrt)
        assert text is not None
        if len(text) > MAX_CHARS:
            continue
        typed_back = FormulaSurface(text).value(p)
        np.testing.assert_allclose(typed_back, values, rtol=1e-9, atol=1e-12, err_msg=text)
