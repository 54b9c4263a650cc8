"""Switching a run's convention moves the values still at the old convention's defaults to the new
one's (the lecture's RMSprop α = 0.9 is torch's 0.99; torch's Adam always corrects its bias), and
keeps every value the user set."""

from __future__ import annotations

import pytest

from core.optim.estimates import Estimate
from core.optim.schedules import Schedule
from core.optim.table import default_hyper
from core.race.racer import edited_config
from core.runs.config import RunConfig
from surfaces.registry import get_surface


def _config(rule: str, **hyper: object) -> RunConfig:
    return RunConfig(rule, default_hyper(rule, "textbook", **hyper), Schedule(lr=0.01), Estimate())


def test_defaults_follow_the_convention() -> None:
    surface = get_surface("himmelblau")
    rms = edited_config(_config("rmsprop"), {"convention": "pytorch"}, surface).hyper
    assert (rms.convention, rms.alpha) == ("pytorch", 0.99)
    adam = edited_config(_config("adam"), {"convention": "pytorch"}, surface).hyper
    assert adam.bias_correction is True
    back = edited_config(_config("rmsprop").with_(hyper=rms), {"convention": "textbook"}, surface)
    assert back.hyper.alpha == 0.9


def test_values_the_user_set_are_kept() -> None:
    surface = get_surface("himmelblau")
    rms = edited_config(_config("rmsprop", alpha=0.95), {"convention": "pytorch"}, surface).hyper
    assert rms.alpha == 0.95
    both = edited_config(_config("rmsprop"), {"convention": "pytorch", "alpha": 0.5}, surface)
    assert both.hyper.alpha == 0.5


def test_an_unknown_edit_is_refused_not_ignored() -> None:
    with pytest.raises(TypeError, match="estimate"):
        edited_config(_config("sgd"), {"estimate": Estimate("noise", sigma=1.0)},
                      get_surface("himmelblau"))  # fmt: skip


def test_a_batch_or_sigma_alone_edits_the_current_estimate() -> None:
    s = get_surface("linear_regression")
    mini = edited_config(_config("sgd"), {"estimate_kind": "minibatch", "batch": 8}, s)
    assert edited_config(mini, {"batch": 20}, s).estimate == Estimate("minibatch", batch=20)
    noisy = edited_config(_config("sgd"), {"estimate_kind": "noise", "sigma": 0.1}, s)
    assert edited_config(noisy, {"sigma": 0.5}, s).estimate.sigma == 0.5
