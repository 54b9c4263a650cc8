"""The tiny network against hand-derived numbers and finite differences; training; the loss slice."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.network.check import grad_check, verdict
from core.network.datasets import make_dataset
from core.network.model import ACTIVATIONS, Network, NetworkError
from core.network.slice import slice_directions, slice_weights
from core.network.train import Trainer
from core.optim.schedules import Schedule
from core.optim.table import default_hyper


def _sig(t: float) -> float:
    return 1.0 / (1.0 + math.exp(-t))


# A 2-2-2 sigmoid network, two samples: every number below is worked out with scalar arithmetic.
W1 = [[0.15, 0.25], [0.20, 0.30]]
B1 = [0.35, 0.35]
W2 = [[0.40, 0.50], [0.45, 0.55]]
B2 = [0.60, 0.60]
X = [[0.05, 0.10], [0.50, -0.30]]
Y = [[0.01, 0.99], [1.00, 0.00]]


def _hand() -> dict[str, list]:
    n = len(X)
    z1 = [[X[s][0] * W1[0][j] + X[s][1] * W1[1][j] + B1[j] for j in range(2)] for s in range(n)]
    a1 = [[_sig(v) for v in row] for row in z1]
    z2 = [[a1[s][0] * W2[0][k] + a1[s][1] * W2[1][k] + B2[k] for k in range(2)] for s in range(n)]
    a2 = [[_sig(v) for v in row] for row in z2]
    loss = sum(0.5 * (Y[s][k] - a2[s][k]) ** 2 for s in range(n) for k in range(2)) / n
    # ∂L/∂z2 = (ŷ − y)·σ'(z2)/n with σ' = a(1 − a)
    d2 = [
        [(a2[s][k] - Y[s][k]) * a2[s][k] * (1 - a2[s][k]) / n for k in range(2)] for s in range(n)
    ]
    gW2 = [[sum(a1[s][j] * d2[s][k] for s in range(n)) for k in range(2)] for j in range(2)]
    gb2 = [sum(d2[s][k] for s in range(n)) for k in range(2)]
    # chain rule back through W2: ∂L/∂a1_j = Σ_k d2_k W2[j][k]; times σ'(z1_j)
    d1 = [
        [sum(d2[s][k] * W2[j][k] for k in range(2)) * a1[s][j] * (1 - a1[s][j]) for j in range(2)]
        for s in range(n)
    ]
    gW1 = [[sum(X[s][i] * d1[s][j] for s in range(n)) for j in range(2)] for i in range(2)]
    gb1 = [sum(d1[s][j] for s in range(n)) for j in range(2)]
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "loss": loss, "d1": d1, "d2": d2,
            "gW1": gW1, "gb1": gb1, "gW2": gW2, "gb2": gb2}  # fmt: skip


def test_forward_backward_match_hand_derivation() -> None:
    net = Network(
        (2, 2, 2), "sigmoid", "sigmoid", [np.array(W1), np.array(W2)], [np.array(B1), np.array(B2)]
    )
    loss, g, cache = net.loss_and_grad(np.array(X), np.array(Y))
    h = _hand()
    assert loss == pytest.approx(h["loss"], rel=1e-12)
    for key, got in (("z1", cache.zs[0]), ("a1", cache.as_[1]), ("z2", cache.zs[1]), ("a2", cache.as_[2]),
                     ("d1", g.deltas[0]), ("d2", g.deltas[1]), ("gW1", g.grad_W[0]),
                     ("gW2", g.grad_W[1]), ("gb1", g.grad_b[0]), ("gb2", g.grad_b[1])):  # fmt: skip
        np.testing.assert_allclose(got, np.array(h[key]), rtol=1e-12, atol=1e-15, err_msg=key)


def test_first_sample_known_numbers() -> None:
    # The first sample alone is Mazur's well-known worked example: E_total = 0.298371109.
    net = Network(
        (2, 2, 2), "sigmoid", "sigmoid", [np.array(W1), np.array(W2)], [np.array(B1), np.array(B2)]
    )
    loss, g, _ = net.loss_and_grad(np.array(X[:1]), np.array(Y[:1]))
    assert loss == pytest.approx(0.298371109, abs=1e-9)
    assert g.grad_W[1][0, 0] == pytest.approx(0.082167041, abs=1e-9)  # ∂E/∂w5
    assert g.grad_W[0][0, 0] == pytest.approx(0.000438568, abs=1e-9)  # ∂E/∂w1


def test_bce_output_delta_is_error_over_n() -> None:
    net = Network.random((2, 3, 1), "tanh", "sigmoid", seed=3, loss="bce")
    x = np.array([[0.2, -1.0], [1.5, 0.3], [-0.7, 0.9]])
    y = np.array([[1.0], [0.0], [1.0]])
    cache = net.forward(x)
    p = cache.output
    expect = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert float(net.loss_value(cache, y)) == pytest.approx(expect, rel=1e-12)
    np.testing.assert_allclose(net.backward(cache, y).deltas[-1], (p - y) / 3, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    hidden=st.lists(st.integers(1, 5), min_size=0, max_size=3),
    n_in=st.integers(1, 3),
    n_out=st.integers(1, 3),
    act=st.sampled_from(sorted(ACTIVATIONS)),
    out_act=st.sampled_from(sorted(ACTIVATIONS)),
    loss=st.sampled_from(["mse", "bce"]),
    init=st.sampled_from(["xavier", "he", "uniform"]),
    seed=st.integers(0, 10_000),
)
# A vanishing gradient (norm 6e-7): centred differences are only good to ~1e-11 absolute there.
@example(hidden=[1, 2, 1], n_in=1, n_out=2, act="relu", out_act="sigmoid", loss="bce",
         init="xavier", seed=419)  # fmt: skip
def test_backprop_matches_finite_differences(
    hidden, n_in, n_out, act, out_act, loss, init, seed
) -> None:
    if loss == "bce":
        out_act = "sigmoid"
    rng = np.random.default_rng(seed)
    net = Network.random((n_in, *hidden, n_out), act, out_act, init=init, seed=seed, loss=loss)
    # zero biases + a dead relu put z exactly on the kink at 0, where f′ is a convention: avoid it
    net.biases = [b + rng.normal(0.0, 0.1, b.shape) for b in net.biases]
    x = rng.normal(size=(5, n_in))
    y = rng.random((5, n_out)) if loss == "bce" else rng.normal(size=(5, n_out))
    checks = grad_check(net, x, y)
    assert len(checks) == len(hidden) + 1
    for c in checks:
        # relu kinks can land within h of a sample only with tiny probability; 1e-5 leaves room.
        # Round-off limits differences to ~1e-11 absolute, which a vanishing gradient can exceed
        # in relative terms: then the absolute error ‖a − n‖ ≈ rel·‖a‖ must be that small.
        assert c.rel < 1e-5 or c.rel * c.grad_norm < 1e-9, (c, act, out_act, loss)


def test_grad_check_flags_a_wrong_gradient() -> None:
    class Forgetful(Network):
        """A classic backprop bug: δ_L without the output activation's derivative."""

        def output_delta(self, cache, y):
            return (cache.output - y) / len(y)

    x = np.array([[0.3, -1.0], [1.2, 0.4], [-0.5, 0.8]])
    y = np.array([[1.0], [0.0], [0.5]])
    good = Network.random((2, 3, 1), "tanh", "sigmoid", seed=0)
    bad = Forgetful(good.layers, "tanh", "sigmoid", good.weights, good.biases)
    assert all(c.verdict == "good" for c in grad_check(good, x, y))
    assert all(c.verdict == "wrong" for c in grad_check(bad, x, y))
    assert verdict(0.0) == "good" and verdict(1e-5) == "check" and verdict(0.5) == "wrong"
    assert verdict(float("nan")) == "wrong"


def test_vector_roundtrip_and_names() -> None:
    net = Network.random((3, 4, 2), "relu", "linear", seed=5)
    v = net.to_vector()
    assert v.size == net.n_params == 3 * 4 + 4 + 4 * 2 + 2
    names = net.param_names()
    assert names[0] == "W1[1,1]" and names[5] == "W1[2,2]" and names[12] == "b1[1]"
    assert names[-1] == "b2[2]" and len(names) == net.n_params
    ws, _ = net.unpack(v)
    assert all(np.array_equal(a, b) for a, b in zip(ws, net.weights, strict=True))
    other = net.copy()
    other.set_vector(v * 2)
    np.testing.assert_array_equal(other.weights[1], 2 * net.weights[1])


@pytest.mark.parametrize(
    ("layers", "msg"),
    [
        ((4, 2, 1), "input layer"),
        ((2, 9, 1), "hidden layer 1"),
        ((2, 2, 4), "output layer"),
        ((2, 1, 1, 1, 1, 1, 1), "2 to 6 sizes"),
        ((2,), "2 to 6 sizes"),
    ],
)
def test_layer_limits(layers, msg) -> None:
    with pytest.raises(NetworkError, match=msg):
        Network.random(layers)


def test_bad_names() -> None:
    with pytest.raises(NetworkError, match="unknown activation 'softmax'"):
        Network.random((2, 2, 1), "softmax")
    with pytest.raises(NetworkError, match="sigmoid output"):
        Network.random((2, 2, 1), "tanh", "linear", loss="bce")
    with pytest.raises(NetworkError, match="initialisation"):
        Network.random((2, 2, 1), init="zeros")


def test_seeded_init_is_reproducible_and_scaled() -> None:
    a = Network.random((3, 8, 8, 2), "relu", init="he", seed=7)
    b = Network.random((3, 8, 8, 2), "relu", init="he", seed=7)
    c = Network.random((3, 8, 8, 2), "relu", init="he", seed=8)
    assert np.array_equal(a.to_vector(), b.to_vector()) and not np.array_equal(
        a.to_vector(), c.to_vector()
    )
    x = Network.random((3, 8, 2), init="xavier", seed=1)
    assert np.abs(x.weights[0]).max() <= math.sqrt(6 / 11)


@pytest.mark.parametrize("dataset", ["xor", "circles"])
@pytest.mark.parametrize(("rule", "lr"), [("sgd", 1.0), ("momentum", 0.3), ("adam", 0.03)])
def test_training_lowers_the_loss(dataset, rule, lr) -> None:
    d = make_dataset(dataset, seed=1)
    net = Network.random((2, 6, 1), "tanh", "sigmoid", seed=2)
    tr = Trainer(net, d.x, d.y, rule, default_hyper(rule), Schedule(lr=lr), batch=None, seed=0)
    first = tr.loss()
    assert tr.step(400)
    assert tr.diverged is None
    assert tr.losses[-1] < 0.5 * first
    acc = np.mean((net.predict(d.x) > 0.5) == (d.y > 0.5))
    assert acc >= 0.9


def test_minibatch_and_single_sample_are_seeded() -> None:
    d = make_dataset("moons", seed=0)
    runs = []
    for _ in range(2):
        net = Network.random((2, 5, 1), "relu", "sigmoid", seed=0)
        tr = Trainer(net, d.x, d.y, "sgd", schedule=Schedule(lr=0.5), batch=8, seed=4)
        tr.step(50)
        runs.append(tr.net.to_vector())
    assert np.array_equal(runs[0], runs[1])
    net = Network.random((2, 5, 1), "relu", "sigmoid", seed=0)
    tr = Trainer(net, d.x, d.y, "sgd", schedule=Schedule(lr=0.5), batch=1, seed=4)
    tr.step(200)
    assert tr.losses[-1] < tr.losses[0]


def test_divergence_keeps_previous_weights_and_names_layer() -> None:
    d = make_dataset("regression", seed=0)
    net = Network.random((1, 4, 1), "linear", "linear", seed=0)
    tr = Trainer(net, d.x, d.y * 1e3, "sgd", schedule=Schedule(lr=50.0))
    assert not tr.step(1000)
    div = tr.diverged
    assert div is not None and 1 <= div.layer <= 2 and "diverged" in div.message
    assert np.isfinite(tr.net.to_vector()).all()
    assert np.array_equal(tr.w[0], tr.net.to_vector())
    assert len(tr.losses) == div.step + 1 and np.isfinite(tr.losses).all()
    before = tr.net.to_vector()
    assert not tr.step(5)  # stays paused
    assert np.array_equal(before, tr.net.to_vector())


def test_slice_weights_values_are_network_losses() -> None:
    d = make_dataset("xor", seed=0)
    net = Network.random((2, 3, 1), "sigmoid", "sigmoid", seed=1)
    s = slice_weights(net, d.x, d.y, 1, 9)
    assert s.group == "Data-defined losses" and s.n_samples == d.n
    rng = np.random.default_rng(0)
    pts = rng.uniform(-2, 2, (5, 2))
    vals = s.value(pts)
    for p, v in zip(pts, vals, strict=True):
        other = net.copy()
        vec = other.to_vector()
        vec[1], vec[9] = p
        other.set_vector(vec)
        assert v == pytest.approx(other.loss_and_grad(d.x, d.y)[0], rel=1e-12)
    assert s.value(np.array(s.current)) == pytest.approx(net.loss_and_grad(d.x, d.y)[0], rel=1e-12)


def test_slice_derivatives_and_samples() -> None:
    d = make_dataset("circles", n=30, seed=0)
    net = Network.random((2, 4, 1), "tanh", "sigmoid", seed=3)
    s = slice_directions(net, d.x, d.y, seed=2)
    assert s.value(np.zeros(2)) == pytest.approx(net.loss_and_grad(d.x, d.y)[0], rel=1e-12)
    p = np.array([[0.3, -0.2], [-0.5, 0.4]])
    h = 1e-6
    num = np.stack([(s.value(p + e) - s.value(p - e)) / (2 * h) for e in np.eye(2) * h], axis=-1)
    np.testing.assert_allclose(s.gradient(p), num, rtol=1e-6, atol=1e-9)
    hs = s.hessian(p)
    num_h = np.stack([(s.gradient(p + e) - s.gradient(p - e)) / 2e-4 for e in np.eye(2) * 1e-4], -1)
    np.testing.assert_allclose(hs, num_h, rtol=1e-3, atol=1e-6)
    # every example in its own mini-batch of all: the mean of sample gradients is the full gradient
    idx = np.tile(np.arange(d.n), (2, 1))
    np.testing.assert_allclose(s.sample_gradient(p, idx), s.gradient(p), rtol=1e-10)
    one = s.sample_gradient(p, np.array([[3], [7]]))
    sub = slice_directions(net, d.x[[3]], d.y[[3]], seed=2)
    np.testing.assert_allclose(one[0], sub.gradient(p[0]), rtol=1e-10)
    _, _, z = s.grid(64)
    assert z.shape == (64, 64) and np.isfinite(z).all()


def test_filter_normalised_directions_match_weight_norms() -> None:
    from core.network.slice import filter_normalized_directions

    net = Network.random((2, 5, 3, 1), "relu", "linear", seed=0)
    dirs = filter_normalized_directions(net, np.random.default_rng(0))
    for k in range(2):
        ws, bs = net.unpack(dirs[k])
        for dw, w, db in zip(ws, net.weights, bs, strict=True):
            np.testing.assert_allclose(
                np.linalg.norm(dw, axis=0), np.linalg.norm(w, axis=0), rtol=1e-12
            )
            assert not db.any()


def test_step_through_order_numbers_and_reuse() -> None:
    from core.network.steps import build_steps

    net = Network(
        (2, 2, 2), "sigmoid", "sigmoid", [np.array(W1), np.array(W2)], [np.array(B1), np.array(B2)]
    )
    steps = build_steps(net, np.array(X), np.array(Y), sample=0)
    kinds = [(s.kind, s.layer) for s in steps]
    assert kinds == [("input", 0), ("forward", 1), ("forward", 2), ("loss", 2),
                     ("backward", 2), ("backward", 1), ("update", 0)]  # fmt: skip
    h = _hand()
    text = {k: "\n".join(s.lines) for k, s in zip(kinds, steps, strict=True)}
    # z₁[1] = 0.05·0.15 + 0.1·0.2 + 0.35 = 0.3775, written out term by term
    assert "0.05·0.15 + 0.1·0.2 + 0.35 = 0.3775" in text[("forward", 1)]
    assert f"{h['a2'][0][0]:.4g}" in text[("forward", 2)]
    assert f"{h['loss']:.4g}" in text[("loss", 2)]
    assert f"{h['d2'][0][0]:.4g}" in text[("backward", 2)]
    assert f"{h['d1'][0][1]:.4g}" in text[("backward", 1)]
    back1 = steps[5]
    assert any("δ₂" in r for r in back1.reused) and any("z₁" in r for r in back1.reused)
    assert any("W₂" in r for r in back1.reused) and back1.stored == ("δ₁",)


@pytest.mark.parametrize(("rule", "batch"), [("sgd", None), ("adam", 4), ("nesterov", 1)])
def test_peek_predicts_the_next_update_exactly(rule, batch) -> None:
    d = make_dataset("moons", n=20, seed=0)
    net = Network.random((2, 4, 1), "tanh", "sigmoid", seed=0)
    tr = Trainer(net, d.x, d.y, rule, default_hyper(rule), Schedule(lr=0.1), batch=batch, seed=3)
    tr.step(3)
    before = net.to_vector()
    predicted = tr.peek()
    np.testing.assert_array_equal(net.to_vector(), before)  # peeking changes nothing
    tr.step(1)
    np.testing.assert_array_equal(net.to_vector(), predicted)


def test_newton_solves_a_linear_least_squares_net_in_one_step() -> None:
    # a 1-1 linear network is y = w x + b: the loss is quadratic, Newton (η = 1) lands on the
    # least-squares line at once; np.polyfit gives that line independently
    d = make_dataset("regression", n=30, seed=2)
    net = Network.random((1, 1), "linear", "linear", seed=0)
    tr = Trainer(net, d.x, d.y, "newton", default_hyper("newton"), Schedule(lr=1.0))
    assert tr.step(1)
    slope, intercept = np.polyfit(d.x[:, 0], d.y[:, 0], 1)
    assert net.weights[0][0, 0] == pytest.approx(slope, rel=1e-6)
    assert net.biases[0][0] == pytest.approx(intercept, rel=1e-6, abs=1e-8)


def test_fd_hessian_is_symmetric_and_matches_a_hand_derived_one() -> None:
    from core.network.train import hessian_fd

    # linear 2-1 network, MSE: L = (1/2n) Σ (x·w + b − y)², so H = (1/n) [x 1]ᵀ[x 1]
    x = np.array([[1.0, 2.0], [-0.5, 0.3], [2.0, -1.0]])
    y = np.array([[1.0], [0.0], [2.0]])
    net = Network.random((2, 1), "linear", "linear", seed=1)
    h = hessian_fd(net, net.to_vector(), x, y)[0]
    xa = np.hstack([x, np.ones((3, 1))])
    np.testing.assert_allclose(h, xa.T @ xa / 3, rtol=1e-6, atol=1e-8)
