"""Update rules × conventions against hand-derived steps and an independent reference loop."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.optim.base import RuleError
from core.optim.hyper import Hyper, HyperError
from core.optim.table import RULES, canonical, default_hyper, default_lr, rule_info
from tests.reference_optim import ref_run

FIRST_ORDER = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad"]
CONVENTIONS = ["textbook", "pytorch"]


def quad_grad(w):
    """f = w1² + 10 w2² (an ill-conditioned bowl)."""
    return [2 * w[0], 20 * w[1]]


def rosen_grad(w):
    x, y = w
    return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]


def himmel_grad(w):
    x, y = w
    a, b = x * x + y - 11, x + y * y - 7
    return [4 * x * a + 2 * b, 2 * a + 4 * y * b]


def rosen_hess(w):
    x, y = w
    return [[2 - 400 * y + 1200 * x * x, -400 * x], [-400 * x, 200.0]]


def himmel_hess(w):
    x, y = w
    return [[12 * x * x + 4 * y - 42, 4 * (x + y)], [4 * (x + y), 4 * x + 12 * y * y - 26]]


def vec(fn):
    return lambda p: np.array([fn(list(row)) for row in p])


def run_core(rule, grad, w0, lrs, h, hess=None):
    info = rule_info(rule)
    w = np.array([w0], dtype=float)
    state = info.init(w)
    out = [w[0].copy()]
    for lr in lrs:
        w, state, _ = info.update(w, state, vec(grad), lr, h, vec(hess) if hess else None)
        out.append(w[0].copy())
    return np.array(out)


def hp_dict(h: Hyper) -> dict:
    return h.as_dict()


# --- hand-derived first steps on f = w1² + 10 w2² from (1, 1), η = 0.1 -----------------------------
@pytest.mark.parametrize(
    ("rule", "conv", "expected"),
    [
        ("sgd", "textbook", [(0.8, -1.0)]),
        ("sgd", "pytorch", [(0.8, -1.0)]),
        # h1 = η g = (0.2, 2); h2 = 0.9 h1 + 0.1·(1.6, −20) = (0.34, −0.2)
        ("momentum", "textbook", [(0.8, -1.0), (0.46, -0.8)]),
        # b1 = g = (2, 20); b2 = 0.9 b1 + (1.6, −20) = (3.4, −2); w2 = w1 − 0.1 b2
        ("momentum", "pytorch", [(0.8, -1.0), (0.46, -0.8)]),
        # look-ahead at w − 0.9·0 = w for step 1; step 2 at (0.8 − 0.18, −1 − 1.8) = (0.62, −2.8):
        # g = (1.24, −56); h2 = (0.18 + 0.124, 1.8 − 5.6) = (0.304, −3.8)
        ("nesterov", "textbook", [(0.8, -1.0), (0.496, 2.8)]),
        # b1 = (2, 20); w1 = 1 − 0.1(2 + 0.9·2, 20 + 0.9·20) = (0.62, −2.8)
        ("nesterov", "pytorch", [(0.62, -2.8)]),
    ],
)
def test_hand_derived_steps(rule, conv, expected):
    h = default_hyper(rule, conv)
    got = run_core(rule, quad_grad, [1.0, 1.0], [0.1] * len(expected), h)
    np.testing.assert_allclose(got[1:], np.array(expected), rtol=1e-12, atol=1e-12)


def test_adam_without_bias_correction_takes_larger_first_step():
    # REFERENCE.md: ≈3.2× at t = 1 with default betas (1/√(1−β₂) · (1−β₁) = √1000/10 ≈ 3.162).
    g = np.array([2.0, 20.0])
    for conv in CONVENTIONS:
        off = run_core(
            "adam", quad_grad, [1, 1], [0.1], default_hyper("adam", conv, bias_correction=False)
        )
        on = run_core(
            "adam", quad_grad, [1, 1], [0.1], default_hyper("adam", conv, bias_correction=True)
        )
        step_off = 1 - off[1]
        step_on = 1 - on[1]
        np.testing.assert_allclose(step_on, 0.1 * np.sign(g), rtol=1e-6)
        # ε = 1e-8 against G = 0.004 shifts the ratio by ~1e-6.
        np.testing.assert_allclose(step_off / step_on, math.sqrt(1000) / 10, rtol=1e-5)


def test_adagrad_eps_inside_vs_outside_root():
    # One step, g = 2: textbook η g/√(g² + ε); pytorch η g/(|g| + ε). With a huge ε they differ visibly.
    w0 = [1.0, 0.0]
    tb = run_core("adagrad", quad_grad, w0, [1.0], default_hyper("adagrad", "textbook", eps=5.0))
    pt = run_core("adagrad", quad_grad, w0, [1.0], default_hyper("adagrad", "pytorch", eps=5.0))
    assert tb[1][0] == pytest.approx(1 - 2 / math.sqrt(4 + 5))
    assert pt[1][0] == pytest.approx(1 - 2 / (2 + 5))


# --- every rule × convention against the reference loop ---------------------------------------------
@pytest.mark.parametrize("conv", CONVENTIONS)
@pytest.mark.parametrize(("rule", "extra"), [
    ("rmsprop", {"rms_momentum": 0.7}),
    ("rmsprop", {"centered": True}),
    ("rmsprop", {"rms_momentum": 0.5, "centered": True, "weight_decay": 0.1}),
    *[(r, {"weight_decay": 0.2}) for r in FIRST_ORDER],
])  # fmt: skip
def test_torch_options_match_reference(rule, conv, extra):
    """torch.optim's weight_decay (coupled L2; AdamW decoupled) and RMSprop momentum/centered."""
    h = default_hyper(rule, conv, **extra)
    lrs = list(np.linspace(0.01, 0.003, 40))  # Himmelblau: not separable, so λ w is not a rescaling
    got = run_core(rule, himmel_grad, [1.0, -0.7], lrs, h)
    want = ref_run(rule, conv, himmel_grad, [1.0, -0.7], lrs, hp_dict(h))
    np.testing.assert_allclose(got, np.array(want), rtol=1e-11, atol=1e-13)
    plain = run_core(rule, himmel_grad, [1.0, -0.7], lrs, default_hyper(rule, conv))
    assert np.abs(got - plain).max() > 1e-6  # the option changes the path


def test_rmsprop_momentum_and_centered_by_hand():
    """One step each from w = 1, g = 2w, η = 0.1, α = 0.99, ε = 1e-8 (PyTorch form)."""
    one = lambda p: 2 * p  # noqa: E731
    info = rule_info("rmsprop")
    w = np.array([[1.0]])
    # centered: G = 0.01·4 = 0.04, ḡ = 0.01·2 = 0.02, ṽ = 0.04 − 0.0004 = 0.0396
    h = default_hyper("rmsprop", "pytorch", centered=True)
    w1, st, _ = info.update(w, info.init(w), one, 0.1, h)
    assert w1[0, 0] == pytest.approx(1 - 0.1 * 2 / (math.sqrt(0.0396) + 1e-8), rel=1e-12)
    # momentum μ = 0.5, two steps: b₁ = 2/(√0.04 + ε) ≈ 10, w₁ = 1 − 0.1 b₁ ≈ 0; then
    # g₁ = 2 w₁, G₂ = 0.99·0.04 + 0.01 g₁², b₂ = 0.5 b₁ + g₁/(√G₂ + ε), w₂ = w₁ − 0.1 b₂ ≈ −0.5
    h = default_hyper("rmsprop", "pytorch", rms_momentum=0.5)
    w1, st, _ = info.update(w, info.init(w), one, 0.1, h)
    w2, _, _ = info.update(w1, st, one, 0.1, h)
    b1 = 2 / (0.2 + 1e-8)
    x1 = 1 - 0.1 * b1
    b2 = 0.5 * b1 + 2 * x1 / (math.sqrt(0.99 * 0.04 + 0.01 * (2 * x1) ** 2) + 1e-8)
    assert w1[0, 0] == pytest.approx(x1, abs=1e-15)
    assert w2[0, 0] == pytest.approx(x1 - 0.1 * b2, rel=1e-12)
    assert w2[0, 0] == pytest.approx(-0.5, abs=1e-6)


@pytest.mark.parametrize("conv", CONVENTIONS)
@pytest.mark.parametrize("rule", FIRST_ORDER)
@pytest.mark.parametrize("bc", [False, True])
def test_quadratic_matches_reference(rule, conv, bc):
    h = default_hyper(rule, conv, bias_correction=bc)
    lrs = list(np.linspace(0.05, 0.01, 40))  # a changing rate exercises the live-lr path
    got = run_core(rule, quad_grad, [1.0, -0.7], lrs, h)
    want = ref_run(rule, conv, quad_grad, [1.0, -0.7], lrs, hp_dict(h))
    np.testing.assert_allclose(got, np.array(want), rtol=1e-11, atol=1e-13)


LONG = [
    ("rosenbrock", rosen_grad, rosen_hess, [-1.5, 2.0]),
    ("himmelblau", himmel_grad, himmel_hess, [0.5, -0.5]),
]


@pytest.mark.parametrize("conv", CONVENTIONS)
@pytest.mark.parametrize("rule", FIRST_ORDER)
@pytest.mark.parametrize(("surface", "grad", "hess", "start"), LONG)
def test_long_runs_match_reference(surface, grad, hess, start, rule, conv):
    h = default_hyper(rule, conv)
    lr = {"sgd": 1e-4, "momentum": 1e-4, "nesterov": 1e-4}.get(rule, 0.01)
    if surface == "himmelblau" and rule in ("sgd", "momentum", "nesterov"):
        lr = 1e-3
    lrs = [lr] * 600
    got = run_core(rule, grad, start, lrs, h)
    want = np.array(ref_run(rule, conv, grad, start, lrs, hp_dict(h)))
    assert np.isfinite(got).all()
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("rule", ["newton", "sfn"])
@pytest.mark.parametrize(("surface", "grad", "hess", "start"), LONG)
def test_newton_rules_match_reference(surface, grad, hess, start, rule):
    h = default_hyper(rule)
    lrs = [0.5] * 30
    got = run_core(rule, grad, start, lrs, h, hess=hess)
    want = np.array(ref_run(rule, "textbook", grad, start, lrs, hp_dict(h), hess=hess))
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-10)


def test_newton_is_attracted_to_a_saddle_and_sfn_escapes():
    """On x² − y² Newton jumps to the saddle in one step; saddle-free Newton moves away from it."""

    def g(w):
        return [2 * w[0], -2 * w[1]]

    def hs(w):
        return [[2.0, 0.0], [0.0, -2.0]]

    newton = run_core("newton", g, [0.5, 0.3], [1.0], default_hyper("newton"), hess=hs)
    np.testing.assert_allclose(newton[1], [0.0, 0.0], atol=1e-15)
    sfn = run_core("sfn", g, [0.5, 0.3], [1.0], default_hyper("sfn"), hess=hs)
    np.testing.assert_allclose(sfn[1], [0.0, 0.6], atol=1e-15)


def test_momentum_conventions_differ_only_when_lr_changes():
    h_tb = default_hyper("momentum", "textbook")
    h_pt = default_hyper("momentum", "pytorch")
    const = [0.01] * 30
    np.testing.assert_allclose(
        run_core("momentum", quad_grad, [1, 1], const, h_tb),
        run_core("momentum", quad_grad, [1, 1], const, h_pt),
        rtol=1e-12,
    )
    changing = [0.01] * 10 + [0.03] * 20
    a = run_core("momentum", quad_grad, [1, 1], changing, h_tb)
    b = run_core("momentum", quad_grad, [1, 1], changing, h_pt)
    assert np.abs(a[11:] - b[11:]).max() > 1e-3


def test_vectorized_over_d_and_n():
    """Rules are not tied to 2-D: N points of dimension d update independently."""
    rng = np.random.default_rng(1)
    w = rng.normal(size=(5, 7))
    target = rng.normal(size=(5, 7))
    for rule in FIRST_ORDER:
        h = default_hyper(rule, "pytorch")
        info = rule_info(rule)
        ww, st = w, info.init(w)
        for _ in range(20):
            ww, st, _ = info.update(ww, st, lambda p: 2 * (p - target), 0.01, h)
        for i in range(5):
            one = w[i : i + 1]
            st1 = info.init(one)
            for _ in range(20):
                one, st1, _ = info.update(one, st1, lambda p, i=i: 2 * (p - target[i]), 0.01, h)
            np.testing.assert_allclose(ww[i], one[0], rtol=1e-13)


# --- hyperparameters ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("momentum", 1.0, "momentum must be in [0, 1), got 1.0"),
        ("momentum", -0.1, "momentum must be in [0, 1)"),
        ("beta1", 1.0, "beta1 must be in [0, 1)"),
        ("beta2", 1.5, "beta2 must be in [0, 1)"),
        ("alpha", -1.0, "alpha must be in [0, 1)"),
        ("eps", 0.0, "eps must be > 0, got 0.0"),
        ("eps", float("nan"), "eps must be a finite number"),
        ("weight_decay", -1.0, "weight_decay must be ≥ 0"),
    ],
)
def test_bad_hyperparameters_name_the_value(field, value, fragment):
    with pytest.raises(HyperError, match=fragment.replace("(", r"\(").replace(")", r"\)")
                       .replace("[", r"\[")):  # fmt: skip
        Hyper(**{field: value})


def test_defaults_follow_each_convention():
    assert default_hyper("rmsprop", "textbook").alpha == 0.9
    assert default_hyper("rmsprop", "pytorch").alpha == 0.99
    assert default_hyper("adagrad", "pytorch").eps == 1e-10
    assert default_hyper("adam", "textbook").bias_correction is False
    assert default_hyper("adam", "pytorch").bias_correction is True
    assert default_lr("adam") == 0.001
    assert default_lr("adagrad") == 0.01


def test_live_hyperparameter_change_keeps_state():
    """Changing β₁ between steps uses the new value on the next step with the old moments."""
    h = default_hyper("adam", "textbook")
    adam = rule_info("adam")
    w = np.array([[1.0, 1.0]])
    g = vec(quad_grad)
    w, st, _ = adam.update(w, adam.init(w), g, 0.1, h)
    gnow = g(w)
    w, st2, _ = adam.update(w, st, g, 0.1, h.with_(beta1=0.5))
    np.testing.assert_allclose(st2.m, 0.5 * st.m + 0.5 * gnow, rtol=1e-14)


def test_unknown_rule_lists_valid_names():
    with pytest.raises(RuleError, match="unknown optimizer 'adamax'; choose one of: gd, sgd"):
        canonical("adamax")
    assert canonical("GD") == "sgd"
    assert set(FIRST_ORDER) | {"newton", "sfn"} == set(RULES)


def test_switching_rules_carries_only_shared_settings():
    """A tuned momentum carries from Momentum to Nesterov; AdamW's decoupled λ = 0.01 does not
    become Adam's L2, and Momentum's 0.9 does not become RMSprop's momentum μ (default 0)."""
    from core.optim.table import carried_over

    tuned = default_hyper("momentum", momentum=0.75)
    assert carried_over("momentum", "nesterov", tuned).momentum == 0.75
    assert carried_over("adamw", "adam", default_hyper("adamw")).weight_decay == 0.0
    assert carried_over("momentum", "rmsprop", tuned).rms_momentum == 0.0
    assert carried_over("adam", "amsgrad", default_hyper("adam", beta1=0.5)).beta1 == 0.5


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_reads_only_what_its_row_lists(rule):
    """Changing a hyperparameter the row does not list changes nothing (the CLI and the window
    show exactly the listed ones)."""
    from core.optim.hyper import PARAMS

    info = rule_info(rule)
    base = default_hyper(rule, "pytorch")
    hess = himmel_hess if info.needs_hessian else None
    ref = run_core(rule, himmel_grad, [1.0, -0.7], [0.003] * 5, base, hess)
    for p in PARAMS.values():
        if p.name in info.params:
            continue
        other = not getattr(base, p.name) if p.kind == "switch" else 0.5
        got = run_core(rule, himmel_grad, [1.0, -0.7], [0.003] * 5, base.with_(**{p.name: other}),
                       hess)  # fmt: skip
        np.testing.assert_array_equal(got, ref, err_msg=p.name)


def test_explain_numbers_never_show_a_negative_zero() -> None:
    from core.optim.base import fmt

    assert fmt(np.array([0.015078, -0.0])) == "(0.015078, 0)"
    assert fmt(-0.0) == "0" and fmt(-1e-20) == "-1e-20"
