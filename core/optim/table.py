"""The rule table: one row (a RuleInfo) per update rule, each defined in its own module
(core/optim/<rule>.py holds its arithmetic), and the defaults it gives per convention. To add an
optimizer: write its module, add its row."""

from __future__ import annotations

from core.optim import adagrad, adam, momentum, nesterov, newton, rmsprop, sgd
from core.optim.base import RuleError, RuleInfo, names
from core.optim.hyper import Convention, Hyper

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


def default_hyper(rule: str, convention: Convention = "textbook", **overrides: object) -> Hyper:
    """The defaults for a rule in a convention, with explicit overrides (None means 'default')."""
    base: dict[str, object] = {"convention": convention}
    base.update({k: v for k, v in rule_info(rule).default(convention).items() if k != "lr"})
    base.update({k: v for k, v in overrides.items() if v is not None})
    return Hyper(**base)


def default_lr(rule: str, convention: Convention = "textbook") -> float:
    """The default learning rate η of a rule (0.01, Adam-type 0.001, Newton-type 1)."""
    lr = rule_info(rule).default(convention).get("lr", 0.01)
    return float(lr) if isinstance(lr, (int, float)) else 0.01


def carried_over(old_rule: str, new_rule: str, hyper: Hyper) -> Hyper:
    """The hyperparameters after switching rules: the new rule's defaults, except the values of
    parameters both rules read with the same default (a tuned momentum carries from Momentum to
    Nesterov; AdamW's decoupled λ = 0.01 does not become Adam's L2)."""
    old, new = rule_info(old_rule), rule_info(new_rule)
    conv = hyper.convention
    fresh = default_hyper(new.name, conv)
    keep = {}
    for name in set(old.params) & set(new.params):
        same = old.default(conv).get(name, getattr(Hyper, name)) == new.default(conv).get(
            name, getattr(Hyper, name)
        )
        if same:
            keep[name] = getattr(hyper, name)
    return fresh.with_(**keep)
