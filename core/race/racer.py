"""Racer: one optimizer of the race as the user configured it (a RunConfig, a colour, whether it
races), its live Run over every start point, and the settings it ran with before live edits."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.optim.estimates import Estimate
from core.optim.hyper import Hyper
from core.optim.schedules import Schedule
from core.optim.table import canonical, carried_over, default_hyper, rule_info
from core.runs.config import RunConfig
from core.runs.run import Run
from surfaces.base import Surface


def racer_config(rule: str = "gd", lr: float = 0.01, **hyper: object) -> RunConfig:
    """A new racer's settings: the rule's textbook defaults, a constant rate, the full gradient."""
    key = canonical(rule)
    return RunConfig(key, default_hyper(key, "textbook", **hyper), Schedule(lr=lr))


def apply_config(run: Run, config: RunConfig) -> None:
    """Switch a live run to other settings, as a live edit does: the next step uses them and the
    rule's state survives unless the rule itself changes."""
    run.hyper, run.schedule, run.estimate = config.hyper, config.schedule, config.estimate
    if config.rule != run.rule:
        run.set_rule(config.rule)


_EDIT_KEYS = {"rule", "lr", "estimate_kind", "batch", "sigma", "schedule", "seed", "colour"}


def edited_config(config: RunConfig, changes: dict[str, object], surface: Surface) -> RunConfig:
    """The settings after a live edit. Keys: rule, convention, lr, estimate_kind (+ batch, sigma),
    schedule (a dict of fields), seed and any Hyper field. Raises the core's errors (HyperError,
    EstimateError, ...) for bad values; nothing is half-applied. An unknown key is a TypeError
    (a caller's mistake, never silently ignored)."""
    unknown = set(changes) - _EDIT_KEYS - set(Hyper.__dataclass_fields__)
    if unknown:
        raise TypeError(
            f"unknown edit(s) {sorted(unknown)}; allowed: {sorted(_EDIT_KEYS)} and Hyper fields"
        )
    rule = canonical(str(changes["rule"])) if "rule" in changes else config.rule
    # A new rule starts from its own defaults, keeping what both rules read alike.
    hyper = carried_over(config.rule, rule, config.hyper) if rule != config.rule else config.hyper
    hyper_changes = {k: v for k, v in changes.items() if k in Hyper.__dataclass_fields__}
    conv = hyper_changes.get("convention", hyper.convention)
    if conv != hyper.convention:
        # Values still at the old convention's defaults take the new one's (RMSprop α 0.9 → 0.99,
        # Adam's bias correction on for torch); values the user set are kept.
        old_d, new_d = default_hyper(rule, hyper.convention), default_hyper(rule, conv)
        for name in rule_info(rule).params:
            if name not in hyper_changes and getattr(hyper, name) == getattr(old_d, name):
                hyper_changes[name] = getattr(new_d, name)
    if hyper_changes:
        hyper = hyper.with_(**hyper_changes)
    estimate = config.estimate
    if {"estimate_kind", "batch", "sigma"} & set(
        changes
    ):  # a batch or σ alone edits the current kind
        estimate = Estimate(
            str(changes.get("estimate_kind", estimate.kind)),
            batch=int(changes.get("batch", estimate.batch)),
            sigma=float(changes.get("sigma", estimate.sigma)),
        )
        estimate.check(surface)
    schedule = config.schedule
    if "schedule" in changes or "lr" in changes:
        lr = float(changes["lr"]) if "lr" in changes else None
        fields = changes.get("schedule", {})
        schedule = schedule.edited(dict(fields) if isinstance(fields, dict) else {}, lr)
    seed = int(changes["seed"]) if "seed" in changes else config.seed
    return config.with_(rule=rule, hyper=hyper, schedule=schedule, estimate=estimate, seed=seed)


@dataclass(eq=False)
class Racer:
    """One racer: its settings, colour and live Run. Compared by identity (two racers with equal
    settings are still two racers)."""

    key: int
    config: RunConfig
    colour: str
    enabled: bool = True
    run: Run | None = field(default=None, repr=False)
    # Settings in force before live edits of the current run, oldest first: (the step each ended
    # at, the settings), so a saved scene can replay the run exactly.
    history: list[tuple[int, RunConfig]] = field(default_factory=list, repr=False)

    @property
    def name(self) -> str:
        """Menu and legend name: 'GD' for full-batch SGD, otherwise the rule's title."""
        c = self.config
        if c.rule == "sgd":
            base = "GD" if c.estimate.kind == "full" else "SGD"
        else:
            base = rule_info(c.rule).title
        suffix = "" if c.estimate.kind == "full" else f" ({c.estimate.shown_label})"
        conv = " [torch]" if c.hyper.convention == "pytorch" else ""
        return f"{base}{suffix}{conv}"

    @property
    def lr(self) -> float:
        """The rate the lr slider edits: the peak of cyclic schedules, η otherwise."""
        return self.config.schedule.headline_lr

    @property
    def t(self) -> int:
        """Steps the live run has taken (0 without one)."""
        return self.run.t if self.run is not None else 0

    def reconfigure(self, config: RunConfig) -> None:
        """New settings from the next step on, remembering the old ones if the run had moved."""
        t = self.t
        if config != self.config and t > 0 and not (self.history and self.history[-1][0] == t):
            self.history.append((t, self.config))
        self.config = config
        if self.run is not None:
            apply_config(self.run, config)
