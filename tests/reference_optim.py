"""An independent, deliberately plain reference of REFERENCE.md §1: one point, Python floats, loops.

Written from the formulas, not from core/, so the vectorized rules can be checked against it.
"""

from __future__ import annotations

import math


def ref_run(rule, conv, grad, w0, lrs, hp, hess=None):
    """Return the list of points [w0, w1, ...] for the learning rates lrs (one per update)."""
    d = len(w0)
    w = list(map(float, w0))
    out = [list(w)]
    a = [0.0] * d  # velocity / first moment
    b = [0.0] * d  # accumulator / second moment
    bmax = [0.0] * d
    gbar = [0.0] * d  # RMSprop centered: running mean of g
    buf = [0.0] * d  # RMSprop momentum buffer
    mom, alpha = hp["momentum"], hp["alpha"]
    wd = hp.get("weight_decay", 0.0)
    rmu, centered = hp.get("rms_momentum", 0.0), hp.get("centered", False)
    b1, b2, eps = hp["beta1"], hp["beta2"], hp["eps"]
    bc = hp["bias_correction"]
    for t, lr in enumerate(lrs):
        k = t + 1
        if rule == "nesterov" and conv == "textbook":
            at = [w[i] - mom * a[i] for i in range(d)]
        else:
            at = list(w)
        g = list(grad(at))
        if rule != "adamw" and wd:  # coupled L2: the gradient of L + λ/2 |w|² where g is taken
            g = [g[i] + wd * at[i] for i in range(d)]
        new = list(w)
        for i in range(d):
            if rule == "sgd":
                new[i] = w[i] - lr * g[i]
            elif rule == "momentum":
                if conv == "textbook":
                    a[i] = mom * a[i] + lr * g[i]
                    new[i] = w[i] - a[i]
                else:
                    a[i] = mom * a[i] + g[i]
                    new[i] = w[i] - lr * a[i]
            elif rule == "nesterov":
                if conv == "textbook":
                    a[i] = mom * a[i] + lr * g[i]
                    new[i] = w[i] - a[i]
                else:
                    a[i] = mom * a[i] + g[i]
                    new[i] = w[i] - lr * (g[i] + mom * a[i])
            elif rule == "adagrad":
                b[i] += g[i] ** 2
                if conv == "textbook":
                    new[i] = w[i] - lr * g[i] / math.sqrt(b[i] + eps)
                else:
                    new[i] = w[i] - lr * g[i] / (math.sqrt(b[i]) + eps)
            elif rule == "rmsprop":  # torch.optim.RMSprop, with momentum and centered
                b[i] = alpha * b[i] + (1 - alpha) * g[i] ** 2
                var = b[i]
                if centered:
                    gbar[i] = alpha * gbar[i] + (1 - alpha) * g[i]
                    var = b[i] - gbar[i] ** 2
                if conv == "textbook":
                    buf[i] = rmu * buf[i] + lr * g[i] / math.sqrt(var + eps)
                    new[i] = w[i] - buf[i]
                else:
                    buf[i] = rmu * buf[i] + g[i] / (math.sqrt(var) + eps)
                    new[i] = w[i] - lr * buf[i]
            elif rule in ("adam", "adamw", "amsgrad"):
                wi = w[i]
                if rule == "adamw":
                    wi = wi * (1 - lr * hp["weight_decay"])
                a[i] = b1 * a[i] + (1 - b1) * g[i]
                b[i] = b2 * b[i] + (1 - b2) * g[i] ** 2
                bmax[i] = max(bmax[i], b[i])
                v = bmax[i] if rule == "amsgrad" else b[i]
                c1 = 1 - b1**k if bc else 1.0
                c2 = 1 - b2**k if bc else 1.0
                if conv == "textbook":
                    new[i] = wi - lr * (a[i] / c1) / math.sqrt(v / c2 + eps)
                else:
                    new[i] = wi - (lr / c1) * a[i] / (math.sqrt(v) / math.sqrt(c2) + eps)
            elif rule not in ("newton", "sfn"):
                raise ValueError(rule)
        if rule in ("newton", "sfn"):
            # 2x2 only: explicit eigen-decomposition of the symmetric Hessian.
            (p, q), (_, r) = hess(w)
            mean, diff = (p + r) / 2, math.hypot((p - r) / 2, q)
            lams = [mean - diff, mean + diff]
            if abs(q) < 1e-300:
                vecs = [[1.0, 0.0], [0.0, 1.0]] if p <= r else [[0.0, 1.0], [1.0, 0.0]]
            else:
                vecs = []
                for lam in lams:
                    vx, vy = q, lam - p
                    n = math.hypot(vx, vy)
                    vecs.append([vx / n, vy / n])
            step = [0.0, 0.0]
            for lam, v in zip(lams, vecs, strict=True):
                if rule == "sfn":
                    lam = max(abs(lam), eps)
                elif abs(lam) < eps:
                    lam = -eps if lam < 0 else eps
                c = (v[0] * g[0] + v[1] * g[1]) / lam
                step[0] += c * v[0]
                step[1] += c * v[1]
            new = [w[0] - lr * step[0], w[1] - lr * step[1]]
        w = new
        out.append(list(w))
    return out
