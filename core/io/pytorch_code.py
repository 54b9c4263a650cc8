"""Exports of a run that need no Qt: a one-line summary of its hyperparameters (for legends), and a
PyTorch snippet that reproduces it.

The snippet uses torch.optim and torch.optim.lr_scheduler with the run's exact hyperparameters, the
surface written as a torch expression (presets, showcases and typed formulas; data losses embed
their examples), the start point and the number of steps, and prints the trajectory in the same
CSV as `main.py trace`, so the two can be compared line by line.
"""

from __future__ import annotations

import json
import math
import textwrap

import numpy as np

from core.io.trajectory_file import CSV_HEADER
from core.optim.estimates import Estimate
from core.optim.hyper import Hyper
from core.optim.schedules import Schedule
from core.optim.table import canonical, rule_info
from core.runs.config import RunConfig
from surfaces.errors import UserError


class CodeError(UserError):
    """A run that has no PyTorch equivalent (Newton, drawn surfaces, ...); the message says why."""


# --- summaries ----------------------------------------------------------------------------------
def _g(v: float) -> str:
    return f"{v:.4g}"


def schedule_summary(s: Schedule) -> str:
    """The learning rate and its schedule in a few symbols, e.g. 'η 0.01' or 'triangular η 0.001–0.1, s 20'."""
    if s.mode == "constant":
        return f"η {_g(s.lr)}"
    if s.mode in ("triangular", "triangular2", "exp_range"):
        extra = f", γ {_g(s.gamma_value)}" if s.mode == "exp_range" else ""
        return f"{s.mode} η {_g(s.base_lr)}–{_g(s.max_lr)}, s {s.step_size}{extra}"
    if s.mode == "cosine_restarts":
        mult = f", ×{s.t_mult}" if s.t_mult != 1 else ""
        return f"cosine restarts η {_g(s.lr)}→{_g(s.eta_min)}, T₀ {s.t0}{mult}"
    if s.mode == "step":
        return f"step η {_g(s.lr)} ×{_g(s.gamma_value)} every {s.step_size}"
    return f"exponential η {_g(s.lr)} ×{_g(s.gamma_value)}/step"


def hyper_summary(rule: str, hyper: Hyper, schedule: Schedule, estimate: Estimate) -> str:
    """Convention, schedule and the hyperparameters the rule reads, e.g. for a legend line."""
    key = canonical(rule)
    torch = hyper.convention == "pytorch"
    parts = [hyper.convention, schedule_summary(schedule)]
    if key in ("momentum", "nesterov"):
        parts.append(f"{'μ' if torch else 'α'} {_g(hyper.momentum)}")
    elif key == "rmsprop":
        extra = f", μ {_g(hyper.rms_momentum)}" if hyper.rms_momentum else ""
        extra += ", centered" if hyper.centered else ""
        parts.append(f"α {_g(hyper.alpha)}, ε {hyper.eps:.0e}{extra}")
    elif key in ("adagrad", "newton", "sfn"):
        parts.append(f"ε {hyper.eps:.0e}")
    elif key in ("adam", "adamw", "amsgrad"):
        bc = "bias corr. on" if hyper.bias_correction else "bias corr. off"
        parts.append(f"β₁ {_g(hyper.beta1)}, β₂ {_g(hyper.beta2)}, ε {hyper.eps:.0e}, {bc}")
    if key == "adamw" or (hyper.weight_decay and key not in ("newton", "sfn")):
        parts.append(f"λ {_g(hyper.weight_decay)}")
    if estimate.kind != "full":
        parts.append(estimate.label)
    return " · ".join(parts)


# --- surfaces as torch expressions ----------------------------------------------------------------
def _preset_formulas() -> dict[str, str]:
    """Every analytic named surface in the formula syntax (checked against the presets in tests)."""
    from surfaces import showcase as sc

    cx, cy = sc.PLATEAU_CENTRE
    r2 = f"((x - {cx!r})**2 + (y - {cy!r})**2)"
    c, sn = math.cos(sc.ELLIPSE_ANGLE), math.sin(sc.ELLIPSE_ANGLE)
    l1, l2 = sc.ELLIPSE_CURV
    hxx, hxy, hyy = l1 * c * c + l2 * sn * sn, (l1 - l2) * c * sn, l1 * sn * sn + l2 * c * c
    return {
        "rosenbrock": "(1 - x)**2 + 100*(y - x**2)**2",
        "himmelblau": "(x**2 + y - 11)**2 + (x + y**2 - 7)**2",
        "beale": "(1.5 - x + x*y)**2 + (2.25 - x + x*y**2)**2 + (2.625 - x + x*y**3)**2",
        "booth": "(x + 2*y - 7)**2 + (2*x + y - 5)**2",
        "rastrigin": "20 + x**2 - 10*cos(2*pi*x) + y**2 - 10*cos(2*pi*y)",
        "ackley": "-20*exp(-0.2*sqrt(0.5*(x**2 + y**2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y)))"
        " + 20 + e",
        "six_hump_camel": "(4 - 2.1*x**2 + x**4/3)*x**2 + x*y + (-4 + 4*y**2)*y**2",
        "goldstein_price": "(1 + (x + y + 1)**2*(19 - 14*x + 3*x**2 - 14*y + 6*x*y + 3*y**2))"
        "*(30 + (2*x - 3*y)**2*(18 - 32*x + 12*x**2 + 48*y - 36*x*y + 27*y**2))",
        "saddle": "x**2 - y**2",
        "monkey_saddle": "x**3 - 3*x*y**2",
        "local_vs_global": f"x**4/4 - x**2 + {sc.TILT!r}*x + (y - {sc.BEND!r}*x**2)**2",
        "plateau": f"{r2}/({r2} + {sc.PLATEAU_WIDTH**2!r})",
        "ellipse": f"0.5*({hxx!r}*x**2 + {2 * hxy!r}*x*y + {hyy!r}*y**2)",
        "saddle_two_minima": "0.5*(x**2 - 1)**2 + y**2",
    }


PRESET_FORMULAS: dict[str, str] = {}  # filled on first use (imports surfaces lazily)


def _loss_source(surface: object) -> list[str]:
    """Lines defining `def f(w)` for the surface, or CodeError if it has no torch expression."""
    from surfaces.data import LinearRegression, LogisticRegression
    from surfaces.formula import TORCH, FormulaSurface, formula_text

    if not PRESET_FORMULAS:
        PRESET_FORMULAS.update(_preset_formulas())
    if isinstance(surface, (LinearRegression, LogisticRegression)):
        xs = json.dumps(np.asarray(surface.X).tolist())
        ts = json.dumps(np.asarray(surface.t).tolist())
        body = (
            "((Tb - z) ** 2).mean()"
            if isinstance(surface, LinearRegression)
            else "(torch.nn.functional.softplus(z) - Tb * z).mean()"
        )
        return [
            f"X = torch.tensor({xs}, dtype=torch.float64)  # {len(surface.t)} examples, (1, t) or (x1, x2)",
            f"T = torch.tensor({ts}, dtype=torch.float64)",
            "",
            "",
            "def f(w, idx=None):",
            f'    """{surface.title}: the mean loss over the examples (or over idx)."""',
            "    Xb, Tb = (X, T) if idx is None else (X[idx], T[idx])",
            "    z = Xb @ w",
            f"    return {body}",
        ]
    from surfaces.drawn import DrawnSurface

    base = surface.base if isinstance(surface, DrawnSurface) else surface
    if isinstance(base, FormulaSurface):
        text = base.expr.strip()
    elif type(base).__name__ == "AnalyticSurface" and base.name in PRESET_FORMULAS:
        text = PRESET_FORMULAS[base.name]
    else:
        raise CodeError(
            f"surface '{getattr(base, 'name', '?')}' has no PyTorch expression (only named "
            "surfaces, formulas, the data losses and drawings on them can be exported as code)"
        )
    lines = ["def f(w):", f'    """f(x, y) = {text}"""', "    x, y = w[0], w[1]"]
    if not isinstance(surface, DrawnSurface) or not surface.bumps:
        return [*lines, f"    return {formula_text(text, TORCH)}"]
    bumps = ",\n    ".join(repr((b.x, b.y, b.height, b.width)) for b in surface.bumps)
    return [
        "# Your drawing: Gaussian bumps (height > 0) and wells (height < 0) as (x, y, height, width).",
        f"BUMPS = [\n    {bumps},\n]",
        "",
        "",
        *lines[:2],
        f'    """+ the {len(surface.bumps)} bumps and wells in BUMPS"""',
        lines[2],
        f"    base = {formula_text(text, TORCH)}",
        "    return base + sum(h * torch.exp(-((x - bx) ** 2 + (y - by) ** 2) / (2 * s**2))",
        "                      for bx, by, h, s in BUMPS)",
    ]


# --- the optimizer and scheduler ------------------------------------------------------------------
def _optimizer_source(rule: str, hyper: Hyper, lr0: float, constant: bool) -> tuple[str, list[str]]:
    """The torch.optim constructor call, and notes where torch cannot follow the run exactly."""
    key, notes = canonical(rule), []
    lr = f"lr={lr0!r}"
    if key in ("newton", "sfn"):
        raise CodeError(f"{key} needs the Hessian and has no torch.optim class; pick another rule")
    # Textbook and pytorch agree for plain SGD, and for momentum while the rate is constant.
    if hyper.convention == "textbook" and not (key == "sgd" or (key == "momentum" and constant)):
        notes.append(
            "this run uses the textbook (lecture) convention and torch.optim the pytorch one "
            "(where ε sits, how momentum is scaled by a changing rate, Adam's bias correction), "
            "so the paths can differ: switch the run to 'pytorch' to match exactly"
        )
    read = rule_info(key).params  # the rule table says which hyperparameters the run reads
    kw = [lr]
    for name in read:
        value = getattr(hyper, name)
        if name == "beta1":
            kw.append(f"betas=({hyper.beta1!r}, {hyper.beta2!r})")
        elif name == "bias_correction":
            if not value:
                notes.append(
                    "this run has Adam's bias correction off; torch.optim always applies it"
                )
        # (AdamW's torch default λ is 0.01, so its λ is always written, even 0.)
        elif name in TORCH_KWARG and (value or name not in _OPTIONAL or key == "adamw"):
            kw.append(f"{TORCH_KWARG[name]}={value!r}")
    kw += [f"{flag}=True" for flag in _FLAGS.get(key, ())]
    return f"torch.optim.{TORCH_CLASS[key]}([w], {', '.join(kw)})", notes


# The torch.optim class of each rule that has one (Newton-type rules have none).
TORCH_CLASS = {"sgd": "SGD", "momentum": "SGD", "nesterov": "SGD", "adagrad": "Adagrad",
               "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW", "amsgrad": "Adam"}  # fmt: skip
# Hyper fields and their torch.optim keyword (beta1/beta2 become `betas`; weight_decay is torch's
# one λ: coupled L2 in every class, decoupled in AdamW; RMSprop's μ is its `momentum`).
TORCH_KWARG = {"momentum": "momentum", "alpha": "alpha", "eps": "eps",
               "weight_decay": "weight_decay", "rms_momentum": "momentum", "centered": "centered"}  # fmt: skip
_OPTIONAL = ("weight_decay", "rms_momentum", "centered")  # left out while off (torch's default)
_FLAGS = {"nesterov": ("nesterov",), "amsgrad": ("amsgrad",)}  # the class's switches for the rule


def _scheduler_source(s: Schedule) -> tuple[float, str | None]:
    """(the optimizer's initial lr, the scheduler constructor or None for a constant rate)."""
    sched = "torch.optim.lr_scheduler."
    if s.mode == "constant":
        return s.lr, None
    if s.mode in ("triangular", "triangular2", "exp_range"):
        gamma = f", gamma={s.gamma_value!r}" if s.mode == "exp_range" else ""
        return s.base_lr, (
            f"{sched}CyclicLR(opt, base_lr={s.base_lr!r}, max_lr={s.max_lr!r}, "
            f"step_size_up={s.step_size}, step_size_down={s.step_size}, mode={s.mode!r}{gamma}, "
            "cycle_momentum=False)"
        )
    if s.mode == "cosine_restarts":
        return s.lr, (
            f"{sched}CosineAnnealingWarmRestarts(opt, T_0={s.t0}, T_mult={s.t_mult}, "
            f"eta_min={s.eta_min!r})"
        )
    if s.mode == "step":
        return s.lr, f"{sched}StepLR(opt, step_size={s.step_size}, gamma={s.gamma_value!r})"
    return s.lr, f"{sched}ExponentialLR(opt, gamma={s.gamma_value!r})"


def run_code(surface: object, config: RunConfig, start: tuple[float, float], steps: int) -> str:
    """The script for a run's configuration: what Copy as PyTorch code copies and what
    `main.py trace --format pytorch` prints (CodeError if torch cannot express it)."""
    return pytorch_code(surface, config.rule, config.hyper, config.schedule, config.estimate, start,
                        steps, config.seed)  # fmt: skip


def pytorch_code(surface: object, rule: str, hyper: Hyper, schedule: Schedule,
                 estimate: Estimate, start: tuple[float, float], steps: int,
                 seed: int = 0) -> str:  # fmt: skip
    """A runnable script reproducing the run with torch.optim; prints `step,x,y,loss,lr` rows.

    Raises CodeError for runs that torch cannot express (Newton rules, drawn surfaces)."""
    lr0, sched = _scheduler_source(schedule)
    opt, notes = _optimizer_source(rule, hyper, lr0, schedule.mode == "constant")
    loss_lines = _loss_source(surface)
    data = getattr(surface, "n_samples", 0) > 0
    if estimate.kind != "full":
        notes.append(
            "the gradient estimate draws from torch's random stream, not the app's: the path is "
            "statistically alike, not identical"
        )
    head = [f'"""{canonical(rule)} on {getattr(surface, "name", "?")}: '
            f'{hyper_summary(rule, hyper, schedule, estimate)}.', "",
            "Generated by Gradient Descent Explorer; prints the same CSV as `main.py trace`.",
            *(line for n in notes for line in textwrap.wrap(f"Note: {n}.", 96)),
            '"""', "", "import torch", ""]  # fmt: skip
    if estimate.kind != "full":
        head += [f"torch.manual_seed({seed})", ""]
    head.append("")
    body = [*head, *loss_lines, "", "",
            f"w = torch.tensor([{float(start[0])!r}, {float(start[1])!r}], dtype=torch.float64, "
            "requires_grad=True)",
            f"opt = {opt}"]  # fmt: skip
    if sched:
        body.append(f"sched = {sched}")
    body += [f"steps = {int(steps)}", f'print("{CSV_HEADER}")', "for step in range(steps + 1):",
             "    loss = f(w)",
             "    lr = opt.param_groups[0]['lr']",
             "    print(f\"{step},{w[0].item()!r},{w[1].item()!r},{loss.item()!r},{float(lr)!r}\")",
             "    if step == steps:", "        break", "    opt.zero_grad()"]  # fmt: skip
    if estimate.kind in ("sample", "minibatch") and data:
        m = 1 if estimate.kind == "sample" else estimate.batch
        n = surface.n_samples
        body.append(f"    f(w, torch.randint({n}, ({min(m, n)},))).backward()")
    else:
        body.append("    loss.backward()")
    if estimate.kind == "noise" and estimate.sigma > 0:
        body.append(
            f"    w.grad += {estimate.sigma!r} * torch.randn(2, dtype=torch.float64)  # noise σ"
        )
    body.append("    opt.step()")
    if sched:
        body.append("    sched.step()")
    return "\n".join(body) + "\n"
