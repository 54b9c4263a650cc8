"""Measurements of a lesson's scene, run headless: each quantity a claim can quote.

Explorer quantities read one racer's Run after ``steps`` steps (its trajectory for the ones about
the whole path); network quantities read the scene's network after ``steps`` training updates.
Results are plain floats, ints or status strings; a quantity that does not exist (a loss never
reached) is None."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np

from core.lessons.model import ExplorerScene, Measure, NetworkScene
from core.lessons.scenes import layer_grad_norms, one_racer, trainer
from core.network.check import grad_check
from core.optim.adagrad import denominator
from core.race.racer import Racer
from surfaces.base import CriticalPoint

Value = float | int | str | None


def _run(r: Racer):
    assert r.run is not None and r.run.trajectory is not None
    return r.run, r.run.trajectory


def _loss(r: Racer, m: Measure) -> Value:
    return float(_run(r)[0].loss()[m.point])


def _grad_norm(r: Racer, m: Measure) -> Value:
    return float(_run(r)[0].grad_norm()[m.point])


def _status(r: Racer, m: Measure) -> Value:
    return str(_run(r)[0].status()[m.point])


def _x(r: Racer, m: Measure) -> Value:
    return float(_run(r)[0].w[m.point, 0])


def _y(r: Racer, m: Measure) -> Value:
    return float(_run(r)[0].w[m.point, 1])


def _distance(r: Racer, m: Measure) -> Value:
    assert m.to is not None
    w = _run(r)[0].w[m.point]
    return float(np.hypot(w[0] - m.to[0], w[1] - m.to[1]))


def _path(r: Racer, m: Measure) -> np.ndarray:
    _, tr = _run(r)
    return tr.xy[m.point, : tr.count]


def _step(r: Racer, m: Measure) -> Value:
    """‖w_t − w_{t−1}‖ of the last step (the slide's stopping test)."""
    xy = _path(r, m)
    return float(np.hypot(*(xy[-1] - xy[-2]))) if len(xy) > 1 else 0.0


def _step_x(r: Racer, m: Measure) -> Value:
    xy = _path(r, m)
    return float(abs(xy[-1, 0] - xy[-2, 0])) if len(xy) > 1 else 0.0


def _step_y(r: Racer, m: Measure) -> Value:
    xy = _path(r, m)
    return float(abs(xy[-1, 1] - xy[-2, 1])) if len(xy) > 1 else 0.0


def _rate(r: Racer, m: Measure) -> Value:
    """AdaGrad's or RMSprop's per-parameter rate η_t / √(G + ε), the mean over the two weights."""
    run = r.run
    assert run is not None
    den = denominator(np.asarray(run.state.G)[m.point], run.hyper)
    return float(np.mean(run.lr_now() / den))


def _steps_to_loss(r: Racer, m: Measure) -> Value:
    """The first step at which the loss is below ``below`` (None if it never is)."""
    _, tr = _run(r)
    hit = np.flatnonzero(tr.loss[m.point, : tr.count] < m.below)
    return int(tr.step[hit[0]]) if hit.size else None


def _examples_to_loss(r: Racer, m: Measure) -> Value:
    """Examples the gradient estimates read until the loss is below ``below``: n per full-batch
    step, 1 per one-sample step, m per mini-batch step."""
    steps = _steps_to_loss(r, m)
    if steps is None:
        return None
    e, n = r.config.estimate, _run(r)[0].surface.n_samples
    per = {"full": n, "sample": 1, "minibatch": min(e.batch, n)}.get(e.kind, n)
    return int(steps * per)


def _loss_rises(r: Racer, m: Measure) -> Value:
    """How many steps made the loss go up."""
    _, tr = _run(r)
    loss = tr.loss[m.point, : tr.count]
    return int(np.count_nonzero(np.diff(loss) > 1e-12 * np.maximum(1.0, np.abs(loss[:-1]))))


def _mean_loss(r: Racer, m: Measure) -> Value:
    _, tr = _run(r)
    return float(np.mean(tr.loss[m.point, max(0, tr.count - m.window) : tr.count]))


def _mean_turn(r: Racer, m: Measure) -> Value:
    """The mean angle in degrees between one step's direction and the next's."""
    d = np.diff(_path(r, m), axis=0)
    d = d[np.hypot(d[:, 0], d[:, 1]) > 1e-12]
    if len(d) < 2:
        return 0.0
    a, b = d[:-1], d[1:]
    cos = np.sum(a * b, axis=1) / (np.hypot(a[:, 0], a[:, 1]) * np.hypot(b[:, 0], b[:, 1]))
    return float(np.degrees(np.mean(np.arccos(np.clip(cos, -1.0, 1.0)))))


RacerQuantity = Callable[[Racer, Measure], Value]
EXPLORER: dict[str, RacerQuantity] = {
    "loss": _loss,
    "grad_norm": _grad_norm,
    "status": _status,
    "x": _x,
    "y": _y,
    "distance": _distance,
    "step": _step,
    "step_x": _step_x,
    "step_y": _step_y,
    "rate": _rate,
    "steps_to_loss": _steps_to_loss,
    "examples_to_loss": _examples_to_loss,
    "loss_rises": _loss_rises,
    "mean_loss": _mean_loss,
    "mean_turn": _mean_turn,
}
NETWORK = ("net_loss", "layer_grad_norm", "grad_check")
QUANTITIES = (*EXPLORER, *NETWORK)
NEEDS = {"steps_to_loss": "below", "examples_to_loss": "below", "distance": "to"}
RATE_RULES = ("adagrad", "rmsprop")  # the rules whose state holds G


def _network_value(scene: NetworkScene, m: Measure) -> Value:
    t = trainer(scene, m.changes)
    t.step(m.steps)
    if m.quantity == "net_loss":
        return t.loss()
    if m.quantity == "layer_grad_norm":
        return layer_grad_norms(t.net, t.x, t.y)[m.layer - 1 if m.layer > 0 else m.layer]
    with np.errstate(all="ignore"):
        return max(c.rel for c in grad_check(t.net, t.x, t.y))


class Measurer:
    """Measures one lesson's scene, running each distinct (racer, edits, steps) once."""

    def __init__(self, scene: ExplorerScene | NetworkScene,
                 critical: tuple[CriticalPoint, ...] = ()) -> None:  # fmt: skip
        self.scene = scene
        self.critical = critical
        self._racers: dict[tuple[int, str, int], Racer] = {}

    def value(self, m: Measure) -> Value:
        if isinstance(self.scene, NetworkScene):
            v = _network_value(self.scene, m)
        else:
            v = EXPLORER[m.quantity](self._racer(m), m)
        return v

    def _racer(self, m: Measure) -> Racer:
        assert isinstance(self.scene, ExplorerScene)
        key = (m.racer, json.dumps([m.changes, m.start], sort_keys=True), m.steps)
        if key not in self._racers:
            r = one_racer(self.scene, m.racer, m.changes, self.critical, m.start)
            assert r.run is not None
            r.run.step(m.steps)
            self._racers[key] = r
        return self._racers[key]
