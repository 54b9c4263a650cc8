"""A small fake `torch` for the tests of the PyTorch code generator, written from torch's documented
algorithms (torch.optim's SGD, Adagrad, RMSprop, Adam/AdamW and the lr schedulers), not from this
app's code: scalar reverse-mode autodiff on numpy arrays, the optimizers and the schedulers."""

from __future__ import annotations

import math
import types

import numpy as np


# --- a fake torch: scalar reverse-mode autodiff on numpy arrays + optimizers + schedulers -------
class Tensor:
    def __init__(self, value, parents=(), requires_grad=False):
        self.value = np.asarray(value, dtype=np.float64)
        self.parents = parents  # (tensor, vector-Jacobian product: upstream -> contribution)
        self.requires_grad = requires_grad
        self.grad = None

    def item(self) -> float:
        return float(self.value)

    def __getitem__(self, i):
        def vjp(up, i=i, shape=self.value.shape):
            out = np.zeros(shape)
            out[i] = up
            return out

        return Tensor(self.value[i], ((self, vjp),))

    def _bin(self, other, f, da, db):
        o = other if isinstance(other, Tensor) else Tensor(other)
        a, b = self.value, o.value
        return Tensor(f(a, b), ((self, lambda up: up * da(a, b)), (o, lambda up: up * db(a, b))))

    def __add__(self, o):
        return self._bin(o, np.add, lambda a, b: 1.0, lambda a, b: 1.0)

    def __radd__(self, o):
        return Tensor(o) + self

    def __sub__(self, o):
        return self._bin(o, np.subtract, lambda a, b: 1.0, lambda a, b: -1.0)

    def __rsub__(self, o):
        return Tensor(o) - self

    def __mul__(self, o):
        return self._bin(o, np.multiply, lambda a, b: b, lambda a, b: a)

    def __rmul__(self, o):
        return Tensor(o) * self

    def __truediv__(self, o):
        return self._bin(o, np.divide, lambda a, b: 1 / b, lambda a, b: -a / b**2)

    def __rtruediv__(self, o):
        return Tensor(o) / self

    def __pow__(self, o):
        def db(a, b):
            with np.errstate(all="ignore"):
                return np.where(a > 0, a**b * np.log(np.where(a > 0, a, 1.0)), 0.0)

        return self._bin(o, np.power, lambda a, b: b * a ** (b - 1), db)

    def __rpow__(self, o):
        return Tensor(o) ** self

    def __neg__(self):
        return Tensor(-self.value, ((self, lambda up: -up),))

    def backward(self) -> None:
        order, seen = [], set()

        def visit(t):
            if id(t) not in seen:
                seen.add(id(t))
                for p, _ in t.parents:
                    visit(p)
                order.append(t)

        visit(self)
        grads = {id(self): np.ones_like(self.value)}
        for t in reversed(order):
            up = grads.get(id(t))
            if up is None:
                continue
            for p, vjp in t.parents:
                grads[id(p)] = grads.get(id(p), 0.0) + vjp(up)
            if t.requires_grad:
                t.grad = grads[id(t)] if t.grad is None else t.grad + grads[id(t)]


def _unary(f, df):
    def op(t):
        a = t.value
        return Tensor(f(a), ((t, lambda up: up * df(a)),))

    return op


class _Optimizer:
    def __init__(self, params, lr, **kw):
        self.params = list(params)
        self.param_groups = [{"lr": lr, **kw}]
        self.state = [{} for _ in self.params]
        self.t = 0

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        self.t += 1
        g = self.param_groups[0]
        for p, st in zip(self.params, self.state, strict=True):
            p.value = self.update(p.value.copy(), p.grad.copy(), st, g)


class SGD(_Optimizer):
    def __init__(self, params, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        super().__init__(params, lr, momentum=momentum, nesterov=nesterov,
                         weight_decay=weight_decay)  # fmt: skip

    def update(self, p, g, st, grp):
        g = g + grp["weight_decay"] * p  # torch: coupled L2 before anything else
        mu = grp["momentum"]
        if mu:
            # torch: the first buffer is the gradient itself, then buf = μ·buf + g
            st["buf"] = g.copy() if "buf" not in st else mu * st["buf"] + g
            g = g + mu * st["buf"] if grp["nesterov"] else st["buf"]
        return p - grp["lr"] * g


class Adagrad(_Optimizer):
    def __init__(self, params, lr, eps=1e-10, weight_decay=0.0):
        super().__init__(params, lr, eps=eps, weight_decay=weight_decay)

    def update(self, p, g, st, grp):
        g = g + grp["weight_decay"] * p
        st["sum"] = st.get("sum", 0.0) + g * g
        return p - grp["lr"] * g / (np.sqrt(st["sum"]) + grp["eps"])


class RMSprop(_Optimizer):
    def __init__(self, params, lr, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0,
                 centered=False):  # fmt: skip
        super().__init__(params, lr, alpha=alpha, eps=eps, weight_decay=weight_decay,
                         momentum=momentum, centered=centered)  # fmt: skip

    def update(self, p, g, st, grp):
        # torch.optim.RMSprop's documented algorithm: L2, square average, centred variance,
        # then a momentum buffer of the scaled gradient (or the plain scaled step).
        a, mu = grp["alpha"], grp["momentum"]
        g = g + grp["weight_decay"] * p
        st["sq"] = a * st.get("sq", 0.0) + (1 - a) * g * g
        v = st["sq"]
        if grp["centered"]:
            st["gavg"] = a * st.get("gavg", 0.0) + (1 - a) * g
            v = v - st["gavg"] ** 2
        avg = np.sqrt(v) + grp["eps"]
        if mu > 0:
            st["buf"] = mu * st.get("buf", 0.0) + g / avg
            return p - grp["lr"] * st["buf"]
        return p - grp["lr"] * g / avg


class Adam(_Optimizer):
    def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-8, amsgrad=False,
                 weight_decay=0.0, decoupled=False):  # fmt: skip
        super().__init__(params, lr, betas=betas, eps=eps, amsgrad=amsgrad,
                         weight_decay=weight_decay, decoupled=decoupled)  # fmt: skip

    def update(self, p, g, st, grp):
        (b1, b2), lr, t = grp["betas"], grp["lr"], self.t
        if grp["decoupled"]:
            p = p * (1 - lr * grp["weight_decay"])
        else:
            g = g + grp["weight_decay"] * p
        st["m"] = b1 * st.get("m", 0.0) + (1 - b1) * g
        st["v"] = b2 * st.get("v", 0.0) + (1 - b2) * g * g
        v = st["v"]
        if grp["amsgrad"]:
            st["vmax"] = v = np.maximum(st.get("vmax", 0.0), v)
        denom = np.sqrt(v) / math.sqrt(1 - b2**t) + grp["eps"]
        return p - (lr / (1 - b1**t)) * st["m"] / denom


def AdamW(params, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
    return Adam(params, lr, betas, eps, weight_decay=weight_decay, decoupled=True)


class _Scheduler:
    def __init__(self, opt):
        self.opt, self.epoch = opt, 0
        self.base = opt.param_groups[0]["lr"]
        opt.param_groups[0]["lr"] = self.lr()

    def step(self) -> None:
        self.epoch += 1
        self.opt.param_groups[0]["lr"] = self.lr()


class CyclicLR(_Scheduler):
    """torch's CyclicLR.get_lr: position x in the cycle, scale by the mode."""

    def __init__(self, opt, base_lr, max_lr, step_size_up, step_size_down, mode, gamma=1.0,
                 cycle_momentum=True):  # fmt: skip
        assert cycle_momentum is False
        self.b, self.m, self.up, self.total = (
            base_lr,
            max_lr,
            step_size_up,
            step_size_up + step_size_down,
        )
        self.mode, self.gamma = mode, gamma
        super().__init__(opt)

    def lr(self) -> float:
        e = self.epoch
        cycle = math.floor(1 + e / self.total)
        x = 1.0 + e / self.total - cycle
        ratio = self.up / self.total
        scale = x / ratio if x <= ratio else (x - 1) / (ratio - 1)
        fn = {"triangular": 1.0, "triangular2": 1 / 2.0 ** (cycle - 1),
              "exp_range": self.gamma**e}[self.mode]  # fmt: skip
        return self.b + (self.m - self.b) * scale * fn


class CosineAnnealingWarmRestarts(_Scheduler):
    def __init__(self, opt, T_0, T_mult=1, eta_min=0.0):
        self.t_i, self.mult, self.eta_min, self.t_cur = T_0, T_mult, eta_min, 0
        super().__init__(opt)

    def step(self) -> None:
        self.t_cur += 1
        if self.t_cur >= self.t_i:
            self.t_cur -= self.t_i
            self.t_i *= self.mult
        super().step()

    def lr(self) -> float:
        return (
            self.eta_min
            + (self.base - self.eta_min) * (1 + math.cos(math.pi * self.t_cur / self.t_i)) / 2
        )


class StepLR(_Scheduler):
    def __init__(self, opt, step_size, gamma=0.1):
        self.s, self.gamma = step_size, gamma
        super().__init__(opt)

    def lr(self) -> float:
        return self.base * self.gamma ** (self.epoch // self.s)


class ExponentialLR(_Scheduler):
    def __init__(self, opt, gamma):
        self.gamma = gamma
        super().__init__(opt)

    def lr(self) -> float:
        return self.base * self.gamma**self.epoch


def fake_torch() -> types.ModuleType:
    torch = types.ModuleType("torch")
    torch.float64 = "float64"
    torch.tensor = lambda data, dtype=None, requires_grad=False: Tensor(data, (), requires_grad)
    torch.sin = _unary(np.sin, np.cos)
    torch.cos = _unary(np.cos, lambda a: -np.sin(a))
    torch.exp = _unary(np.exp, np.exp)
    torch.sqrt = _unary(np.sqrt, lambda a: 0.5 / np.sqrt(a))
    torch.log = _unary(np.log, lambda a: 1 / a)
    torch.tanh = _unary(np.tanh, lambda a: 1 - np.tanh(a) ** 2)
    torch.optim = types.SimpleNamespace(SGD=SGD, Adagrad=Adagrad, RMSprop=RMSprop, Adam=Adam,
                                        AdamW=AdamW)  # fmt: skip
    torch.optim.lr_scheduler = types.SimpleNamespace(
        CyclicLR=CyclicLR, CosineAnnealingWarmRestarts=CosineAnnealingWarmRestarts,
        StepLR=StepLR, ExponentialLR=ExponentialLR)  # fmt: skip
    return torch
