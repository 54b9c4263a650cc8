"""The rule table: one row (a RuleInfo) per update rule, each defined in its own module
(core/optim/<rule>.py holds its arithmetic). To add an optimizer: write its module, add its row."""

from __future__ import annotations

from core.optim import adagrad, adam, momentum, nesterov, newton, rmsprop, sgd
from core.optim.base import RuleError, RuleInfo, names

RULES: dict[str, RuleInfo] = names((
    sgd.INFO, momentum.INFO, nesterov.INFO, adagrad.INFO, rmsprop.INFO,
    adam.INFO, adam.INFO_ADAMW, adam.INFO_AMSGRAD, newton.INFO, newton.INFO_SFN,
))  # fmt: skip

ALIASES = {"gd": "sgd", "saddle_free_newton": "sfn", "saddle-free-newton": "sfn"}


def canonical(name: str) -> str:
    """The rule key for a name or alias; RuleError lists the valid names."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in RULES:
        valid = ", ".join(["gd", *RULES])
        raise RuleError(f"unknown optimizer '{name}'; choose one of: {valid}")
    return key


def rule_info(name: str) -> RuleInfo:
    return RULES[canonical(name)]
