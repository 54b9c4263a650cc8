"""Presets of REFERENCE.md §4: derivatives against finite differences, known minima, registry."""

from __future__ import annotations

import numpy as np
import pytest

from surfaces.base import SurfaceError
from surfaces.presets import get_preset, preset_names
from surfaces.registry import get_surface, grouped, surface_names

H = 1e-5


def domain_grid(surface, n: int = 40) -> np.ndarray:
    """An n×n grid over the whole domain; n even keeps Ackley's cusp at the origin off the grid."""
    x0, x1, y0, y1 = surface.domain
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    return np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)


def fd_gradient(f, p: np.ndarray) -> np.ndarray:
    """Centred differences of a scalar field; step relative to the coordinate size."""
    out = []
    for k in range(2):
        e = np.zeros(2)
        h = H * np.maximum(1.0, np.abs(p[:, k]))
        e[k] = 1.0
        out.append((f(p + h[:, None] * e) - f(p - h[:, None] * e)) / (2 * h))
    return np.stack(out, axis=-1)


def fd_hessian(grad, p: np.ndarray) -> np.ndarray:
    """Centred differences of the analytic gradient: column k is ∂∇f/∂p_k."""
    cols = []
    for k in range(2):
        e = np.zeros(2)
        h = H * np.maximum(1.0, np.abs(p[:, k]))
        e[k] = 1.0
        cols.append((grad(p + h[:, None] * e) - grad(p - h[:, None] * e)) / (2 * h)[:, None])
    return np.stack(cols, axis=-1)


def assert_close_scaled(a: np.ndarray, b: np.ndarray, rtol: float = 2e-5) -> None:
    """|a − b| ≤ rtol·(|a| + 1e-3·max|a|): relative, with a floor where a crosses zero."""
    a = np.asarray(a)
    floor = 1e-3 * max(1.0, float(np.max(np.abs(a))))
    bad = np.abs(a - b) > rtol * (np.abs(a) + floor)
    assert not bad.any(), f"{bad.sum()} mismatches, worst at {np.argwhere(bad)[:3].tolist()}"


@pytest.mark.parametrize("name", preset_names())
def test_gradient_matches_finite_differences(name: str) -> None:
    s = get_preset(name)
    p = domain_grid(s)
    assert_close_scaled(s.gradient(p), fd_gradient(s.value, p))


@pytest.mark.parametrize("name", preset_names())
def test_hessian_matches_finite_differences_and_is_symmetric(name: str) -> None:
    s = get_preset(name)
    p = domain_grid(s)
    h = s.hessian(p)
    assert h.shape == (len(p), 2, 2)
    np.testing.assert_array_equal(h[:, 0, 1], h[:, 1, 0])
    assert_close_scaled(h, fd_hessian(s.gradient, p))


@pytest.mark.parametrize("name", preset_names())
def test_vectorized_over_any_leading_shape(name: str) -> None:
    s = get_preset(name)
    p = domain_grid(s, 6).reshape(3, 12, 2)
    v, g, h = s.value(p), s.gradient(p), s.hessian(p)
    assert v.shape == (3, 12) and g.shape == (3, 12, 2) and h.shape == (3, 12, 2, 2)
    one = p[1, 5]
    assert v[1, 5] == pytest.approx(float(s.value(one)))
    np.testing.assert_allclose(g[1, 5], s.gradient(one))
    np.testing.assert_allclose(h[1, 5], s.hessian(one))


def test_hand_computed_values_and_gradients() -> None:
    # f and ∇f at the origin worked out by hand from REFERENCE.md §4.
    o = np.zeros(2)
    assert get_preset("himmelblau").value(o) == 170.0  # 11² + 7²
    np.testing.assert_allclose(get_preset("himmelblau").gradient(o), [-14.0, -22.0])
    assert get_preset("rosenbrock").value(o) == 1.0
    np.testing.assert_allclose(get_preset("rosenbrock").gradient(o), [-2.0, 0.0])
    assert get_preset("booth").value(o) == 74.0  # 49 + 25
    assert get_preset("beale").value(o) == pytest.approx(1.5**2 + 2.25**2 + 2.625**2)
    assert get_preset("goldstein_price").value(o) == pytest.approx(600.0)  # (1+19)·(30+0)
    assert get_preset("rastrigin").value(np.array([0.5, 0.0])) == pytest.approx(20.25)  # 20+¼+10−10
    np.testing.assert_allclose(get_preset("monkey_saddle").hessian(np.array([1.0, 2.0])),
                               [[6.0, -12.0], [-12.0, -6.0]])  # fmt: skip


@pytest.mark.parametrize(
    ("name", "point", "value"),
    [
        ("rosenbrock", (1.0, 1.0), 0.0),
        ("beale", (3.0, 0.5), 0.0),
        ("booth", (1.0, 3.0), 0.0),
        ("rastrigin", (0.0, 0.0), 0.0),
        ("ackley", (0.0, 0.0), 0.0),
        ("goldstein_price", (0.0, -1.0), 3.0),
        ("himmelblau", (3.0, 2.0), 0.0),
        ("saddle", (0.0, 0.0), 0.0),
        ("monkey_saddle", (0.0, 0.0), 0.0),
    ],
)
def test_known_minimum_values(name: str, point: tuple[float, float], value: float) -> None:
    s = get_preset(name)
    assert float(s.value(np.array(point))) == pytest.approx(value, abs=1e-12)
    assert np.hypot(*s.gradient(np.array(point))) < 1e-12


def test_himmelblau_minima_and_maximum_of_the_reference() -> None:
    s = get_preset("himmelblau")
    for p in [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]:
        assert float(s.value(np.array(p))) == pytest.approx(0.0, abs=1e-9)
    mx = np.array([-0.270845, -0.923039])
    assert float(s.value(mx)) == pytest.approx(181.617, abs=1e-3)
    kinds = sorted(c.kind for c in s.known_critical)
    assert kinds == ["maximum"] + ["minimum"] * 4 + ["saddle"] * 4


def test_six_hump_camel_global_minima() -> None:
    s = get_preset("six_hump_camel")
    for p in [(0.0898, -0.7126), (-0.0898, 0.7126)]:
        assert float(s.value(np.array(p))) == pytest.approx(-1.0316, abs=1e-4)
    assert s.global_min_value == pytest.approx(-1.0316284535, abs=1e-9)
    kinds = sorted(c.kind for c in s.known_critical)
    assert (
        kinds.count("minimum") == 6 and kinds.count("maximum") == 2 and kinds.count("saddle") == 7
    )


@pytest.mark.parametrize("name", preset_names())
def test_known_critical_points_have_zero_gradient(name: str) -> None:
    s = get_preset(name)
    assert s.known_critical, "every preset lists at least its global minimum"
    for c in s.known_critical:
        if name == "ackley":  # a cusp: no gradient there, the point is listed by hand
            continue
        g = s.gradient(np.array([c.x, c.y]))
        assert np.hypot(*g) < 1e-8 * max(1.0, abs(c.value)), (name, c)
        assert float(s.value(np.array([c.x, c.y]))) == pytest.approx(c.value, abs=1e-9)


def test_registry_lists_presets_showcases_and_data_by_group() -> None:
    names = surface_names()
    assert names[: len(preset_names())] == preset_names()
    for extra in ("local_vs_global", "plateau", "ellipse", "saddle_two_minima",
                  "linear_regression", "logistic_regression"):  # fmt: skip
        assert extra in names
        assert get_surface(extra).name == extra
    groups = grouped()
    for g in ("Local minima", "Saddles", "Plateaus & valleys", "Data-defined losses"):
        assert g in groups
    assert sorted(n for ns in groups.values() for n in ns) == sorted(names)


def test_unknown_name_lists_the_valid_ones() -> None:
    with pytest.raises(
        SurfaceError, match=r"unknown surface 'nope'.*himmelblau.*linear_regression"
    ):
        get_surface("nope")
