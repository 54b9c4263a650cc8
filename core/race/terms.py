"""The numbers behind the pictures (numpy only, no Qt): overlay vectors at each run's head and the
term-by-term decomposition of a run's next update for the "explain step" dialog."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.optim.rules import rule_info
from core.runs.run import Run, SurfaceLike

Array = NDArray[np.float64]


# --- overlays ------------------------------------------------------------------------------------
def arrows(p: Array, d: Array, head: float = 0.28) -> Array:
    """Line segments (pairs of rows) drawing arrows from points p (K, 2) along vectors d (K, 2)."""
    q = p + d
    c, s = np.cos(0.45), np.sin(0.45)
    back = -d * head
    left = np.stack([c * back[:, 0] - s * back[:, 1], s * back[:, 0] + c * back[:, 1]], axis=1)
    right = np.stack([c * back[:, 0] + s * back[:, 1], -s * back[:, 0] + c * back[:, 1]], axis=1)
    seg = np.stack([p, q, q, q + left, q, q + right], axis=1)
    return seg.reshape(-1, 2)


def _shown(v: Array, ref: float, span: float) -> Array:
    """Vectors rescaled for display: direction kept, length saturating at 12 % of the domain."""
    n = np.hypot(v[:, 0], v[:, 1])[:, None]
    with np.errstate(all="ignore"):
        out = np.where(n > 0, v / n * (0.12 * span) * (n / (n + ref)), 0.0)
    return np.nan_to_num(out)


def next_displacement(run: Run) -> Array:
    """w_next − w for every point, by stepping a lightweight copy of the run (same random draws)."""
    twin = copy.copy(run)
    twin.record = False
    twin.trajectory = None
    twin.w = run.w.copy()
    twin.state = {k: v.copy() for k, v in run.state.items()}
    twin.rng = copy.deepcopy(run.rng)
    twin.diverged = run.diverged.copy()
    twin.stopped_at = run.stopped_at.copy()
    twin.step(1)
    return twin.w - run.w


def gradient_arrows(surface: SurfaceLike, heads: Array, span: float, grad_ref: float) -> Array:
    """Arrows along −∇f at heads (K, 2), half-length where |∇f| = grad_ref."""
    with np.errstate(all="ignore"):
        g = surface.gradient(heads)
    return arrows(heads, _shown(-g, grad_ref, span))


def overlay_segments(run: Run, kinds: set[str], span: float, saddles: Array) -> dict[str, Array]:
    """Segments for each overlay kind at the run's live heads.

    velocity: the momentum displacement (−h, or −η b in PyTorch's form);
    adaptive: the next step's x and y components drawn separately (per-coordinate scaling);
    eigen (eig_neg / eig_pos): the Hessian's eigen-directions at heads near a saddle (saddles:
    (S, 2)). Only the kinds asked for are computed."""
    live = ~run.diverged
    w = run.w[live]
    out: dict[str, Array] = {}
    if "velocity" in kinds and run.rule in ("momentum", "nesterov"):
        v = run.state["v"][live]
        disp = v if run.hyper.convention == "textbook" else run.lr_now() * v
        out["velocity"] = arrows(w, _shown(-disp, 0.01 * span, span))
    if "adaptive" in kinds and ("G" in run.state or run.rule in ("adam", "adamw", "amsgrad")):
        d = next_displacement(run)[live]
        scale = _shown(d, 0.01 * span, span)
        n = np.hypot(d[:, 0], d[:, 1])
        with np.errstate(all="ignore"):
            k = np.where(n > 0, np.hypot(scale[:, 0], scale[:, 1]) / n, 0.0)[:, None]
        dx = np.zeros_like(d)
        dy = np.zeros_like(d)
        dx[:, 0] = d[:, 0] * k[:, 0]
        dy[:, 1] = d[:, 1] * k[:, 0]
        out["adaptive"] = np.vstack([arrows(w, dx, 0.35), arrows(w, dy, 0.35)])
    if "eigen" in kinds and len(saddles) and len(w):
        dist = np.hypot(w[:, None, 0] - saddles[None, :, 0], w[:, None, 1] - saddles[None, :, 1])
        near = dist.min(axis=1) < 0.08 * span
        if near.any():
            p = w[near]
            with np.errstate(all="ignore"):
                _, q = np.linalg.eigh(np.nan_to_num(run.surface.hessian(p)))
            half = 0.07 * span
            for name, col in (("eig_neg", 0), ("eig_pos", 1)):
                e = np.nan_to_num(q[:, :, col]) * half
                out[name] = np.stack([p - e, p + e], axis=1).reshape(-1, 2)
    return out


# --- explain step --------------------------------------------------------------------------------
def _v(a: Array) -> str:
    return "(" + ", ".join(f"{float(x):.5g}" for x in a) + ")"


@dataclass(frozen=True)
class Explanation:
    """The next update of one point: the rule's formula and each term with numbers filled in."""

    title: str
    formula: str
    lines: tuple[str, ...]
    w: Array
    w_next: Array  # what the run will actually do (a copy of it stepped once)
    w_formula: Array  # what the terms shown add up to (equal unless the point diverges)


def explain_step(run: Run, i: int = 0) -> Explanation:
    """Decompose point i's next update in the run's rule and convention (REFERENCE.md §1)."""
    info = rule_info(run.rule)
    h = run.hyper
    tb = h.convention == "textbook"
    lr = run.lr_now()
    t = run.t
    w = run.w[i].copy()
    w_next = w + next_displacement(run)[i]
    rng = copy.deepcopy(run.rng)
    look = run.w.copy()
    if run.rule == "nesterov" and tb:
        look = run.w - h.momentum * run.state["v"]
    g = run.estimate.gradient(run.surface, look, rng)[i]
    est = run.estimate.label
    at = "∇L(w − α h)" if run.rule == "nesterov" and tb else "∇L(w)"
    lines = [
        f"step t = {t},  w = {_v(w)}",
        f"η = lr({t}) = {lr:.5g}",
        f"g = {at} [{est}] = {_v(g)}",
    ]
    r = run.rule
    if r == "momentum" or r == "nesterov":
        v = run.state["v"][i]
        a = h.momentum
        if r == "nesterov" and tb:
            lines.insert(2, f"look-ahead w − α h = {_v(w)} − {a:g}·{_v(v)} = {_v(look[i])}")
        if tb:
            delta = a * v + lr * g
            lines += [f"h ← α h + η g = {a:g}·{_v(v)} + {lr:.5g}·{_v(g)} = {_v(delta)}",
                      "w ← w − h"]  # fmt: skip
        else:
            bn = a * v + g
            lines.append(f"b ← μ b + g = {a:g}·{_v(v)} + {_v(g)} = {_v(bn)}")
            if r == "momentum":
                delta = lr * bn
                lines.append(f"w ← w − η b,  η b = {lr:.5g}·{_v(bn)} = {_v(delta)}")
            else:
                delta = lr * (g + a * bn)
                lines.append(f"w ← w − η (g + μ b),  η (g + μ b) = {_v(delta)}")
    elif r in ("adagrad", "rmsprop"):
        acc = run.state["G"][i]
        if r == "adagrad":
            an = acc + g * g
            lines.append(f"G ← G + g² = {_v(acc)} + {_v(g * g)} = {_v(an)}")
        else:
            an = h.alpha * acc + (1 - h.alpha) * g * g
            lines.append(f"G ← α G + (1−α) g² = {h.alpha:g}·{_v(acc)} + {1 - h.alpha:.3g}·{_v(g * g)}"
                         f" = {_v(an)}")  # fmt: skip
        den = np.sqrt(an + h.eps) if tb else np.sqrt(an) + h.eps
        root = "√(G + ε)" if tb else "(√G + ε)"
        delta = lr * g / den
        lines += [f"per-coordinate scale 1/{root} = {_v(1 / den)}  (ε = {h.eps:g})",
                  f"w ← w − η g / {root},  η g / {root} = {_v(delta)}"]  # fmt: skip
    elif r in ("adam", "adamw", "amsgrad"):
        m, v = run.state["m"][i], run.state["v"][i]
        mn = h.beta1 * m + (1 - h.beta1) * g
        vn = h.beta2 * v + (1 - h.beta2) * g * g
        hm, gv = ("h", "G") if tb else ("m", "v")
        decay = w * (lr * h.weight_decay) if r == "adamw" else np.zeros(2)
        if r == "adamw":
            lines.append(f"decay w ← w (1 − η λ): w shrinks by η λ w = {_v(decay)}")
        lines += [f"{hm} ← β₁ {hm} + (1−β₁) g = {h.beta1:g}·{_v(m)} + {1 - h.beta1:.3g}·{_v(g)}"
                  f" = {_v(mn)}",
                  f"{gv} ← β₂ {gv} + (1−β₂) g² = {h.beta2:g}·{_v(v)} + {1 - h.beta2:.3g}·{_v(g * g)}"
                  f" = {_v(vn)}"]  # fmt: skip
        if r == "amsgrad":
            vn = np.maximum(run.state["vmax"][i], vn)
            lines.append(f"running max {gv}̂ = {_v(vn)}")
        c1 = 1 - h.beta1 ** (t + 1) if h.bias_correction else 1.0
        c2 = 1 - h.beta2 ** (t + 1) if h.bias_correction else 1.0
        if h.bias_correction:
            lines.append(f"bias correction 1−β₁ᵗ = {c1:.5g}, 1−β₂ᵗ = {c2:.5g}  (t = {t + 1})")
        den = np.sqrt(vn / c2 + h.eps) if tb else np.sqrt(vn) / np.sqrt(c2) + h.eps
        step = lr / c1 * mn / den
        delta = decay + step
        lines += [f"per-coordinate scale = {_v(1 / den)}  (ε = {h.eps:g})",
                  f"w ← w − η {hm}̂ / √{gv}̂,  η {hm}̂ / √{gv}̂ = {_v(step)}"]  # fmt: skip
    elif r in ("newton", "sfn"):
        with np.errstate(all="ignore"):
            hess = run.surface.hessian(w[None])[0]
        lam, q = np.linalg.eigh(np.nan_to_num(hess))
        lines.append(f"H = [[{hess[0, 0]:.5g}, {hess[0, 1]:.5g}], [{hess[1, 0]:.5g}, {hess[1, 1]:.5g}]]"
                     f", eigenvalues {_v(lam)}")  # fmt: skip
        if r == "sfn":  # |H|: absolute eigenvalues, floored at ε
            used = np.maximum(np.abs(lam), h.eps)
        else:  # H, eigenvalues kept at least ε away from 0
            used = np.where(np.abs(lam) < h.eps, np.where(lam < 0, -h.eps, h.eps), lam)
        delta = lr * (q @ ((q.T @ g) / used))
        inv = "|H|⁻¹" if r == "sfn" else "H⁻¹"
        lines.append(f"curvatures used {_v(used)}  (ε = {h.eps:g})")
        lines.append(f"w ← w − η {inv} g,  η {inv} g = {_v(delta)}")
    else:
        delta = lr * g
        lines.append(f"w ← w − η g,  η g = {lr:.5g}·{_v(g)} = {_v(delta)}")
    w_formula = w - delta
    lines.append(f"new w = {_v(w)} − {_v(delta)} = {_v(w_formula)}")
    if run.diverged[i]:
        lines.append("this point diverged: it no longer moves")
    lines.append(f"result: w = {_v(w_next)}   (moved {float(np.hypot(*(w_next - w))):.4g})")
    formula = info.textbook if tb else info.pytorch
    return Explanation(info.title, formula, tuple(lines), w, w_next, w_formula)
