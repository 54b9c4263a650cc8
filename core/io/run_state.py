"""A run's stored state in a scene file (version 3): the RunSnapshot of core.runs.snapshot as JSON.

Arrays are base64 of little-endian float64 / int64 bytes: exact, compact, fast to read, and able to
hold what JSON numbers cannot (a diverged point's rule state may be ±inf or NaN). Reading checks
every length and value against the number of starts before anything is built."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import numpy as np

from core.runs.snapshot import RunSnapshot
from surfaces.errors import UserError

MAX_TRAIL = 1 << 20  # records per stored trail (the Explorer keeps far fewer)
_KEYS = ("t", "points", "rule_state", "rng", "stopped_at", "last_step", "trail")
_TRAIL_KEYS = ("stride", "steps", "lr", "xy")


class RunStateError(UserError):
    """A stored run state that cannot be used; the message names the part."""


def _b64(a: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(a, dtype=dtype).tobytes()).decode("ascii")


def _raw(v: object, what: str) -> bytes:
    if not isinstance(v, str):
        raise RunStateError(f"{what} must be a base64 string")
    try:
        return base64.b64decode(v.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise RunStateError(f"{what} is not valid base64") from None


def _array(v: object, what: str, dtype: str, shape: tuple[int, ...]) -> np.ndarray:
    raw = v if isinstance(v, bytes) else _raw(v, what)
    want = int(np.prod(shape)) * 8
    if len(raw) != want:
        raise RunStateError(f"{what} holds {len(raw) // 8} numbers, expected {want // 8}")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype[1:], copy=True)


def snapshot_to_dict(s: RunSnapshot) -> dict[str, Any]:
    """The JSON-ready form of a run's state."""
    fields = [v if np.ndim(v) == 0 else _b64(v, "<f8") for v in s.rule_state]
    return {
        "t": int(s.t),
        "points": _b64(s.w, "<f8"),
        "rule_state": [int(v) if isinstance(v, (int, np.integer)) else v for v in fields],
        "rng": s.rng,
        "stopped_at": _b64(s.stopped_at, "<i8"),
        "last_step": _b64(s.last_step, "<f8"),
        "trail": {
            "stride": int(s.stride),
            "steps": _b64(s.trail_step, "<i8"),
            "lr": _b64(s.trail_lr, "<f8"),
            "xy": _b64(s.trail_xy, "<f8"),
        },
    }


def _whole(v: object, what: str, lo: int, hi: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise RunStateError(f"{what} must be a whole number from {lo} to {hi}, got {json.dumps(v)}")
    return v


def _obj(v: object, what: str, keys: tuple[str, ...]) -> dict:
    if not isinstance(v, dict):
        raise RunStateError(f"{what} must be an object")
    missing = [k for k in keys if k not in v]
    if missing:
        raise RunStateError(f"{what} is missing {missing[0]!r}")
    extra = sorted(set(v) - set(keys))
    if extra:
        raise RunStateError(f"{what} has unknown key {extra[0]!r}")
    return v


def snapshot_from_dict(d: object, n: int, what: str) -> RunSnapshot:
    """A run's state for n points, checked (RunStateError naming the part if it is not)."""
    d = _obj(d, what, _KEYS)
    t = _whole(d["t"], f"{what} t", 0, 2**62)
    w = _array(d["points"], f"{what} points", "<f8", (n, 2))
    if not np.isfinite(w).all():
        raise RunStateError(f"{what} points must be finite")
    rs = d["rule_state"]
    if not isinstance(rs, list) or len(rs) > 16:
        raise RunStateError(f"{what} rule_state must be a list of fields")
    fields = tuple(
        _whole(v, f"{what} rule_state[{i}]", 0, 2**62)
        if isinstance(v, int)
        else _array(v, f"{what} rule_state[{i}]", "<f8", (n, 2))
        for i, v in enumerate(rs)
    )
    if not isinstance(d["rng"], dict):
        raise RunStateError(f"{what} rng must be an object")
    stopped = _array(d["stopped_at"], f"{what} stopped_at", "<i8", (n,))
    if ((stopped < -1) | (stopped > t)).any():
        raise RunStateError(f"{what} stopped_at must be steps from -1 to {t}")
    last = _array(d["last_step"], f"{what} last_step", "<f8", (n,))
    tr = _obj(d["trail"], f"{what} trail", _TRAIL_KEYS)
    stride = _whole(tr["stride"], f"{what} trail stride", 1, 2**40)
    if stride & (stride - 1):
        raise RunStateError(f"{what} trail stride must be a power of 2")
    raw = _raw(tr["steps"], f"{what} trail steps")
    count = len(raw) // 8
    if not 1 <= count <= MAX_TRAIL:
        raise RunStateError(f"{what} trail must hold 1 to {MAX_TRAIL} records")
    steps = _array(raw, f"{what} trail steps", "<i8", (count,))
    if steps[0] != 0 or steps[-1] != t or (count > 1 and (np.diff(steps) <= 0).any()):
        raise RunStateError(f"{what} trail steps must rise from 0 to the run's step {t}")
    lr = _array(tr["lr"], f"{what} trail lr", "<f8", (count,))
    xy = _array(tr["xy"], f"{what} trail xy", "<f8", (n, count, 2))
    if not (np.isfinite(xy).all() and np.isfinite(lr).all()):
        raise RunStateError(f"{what} trail must hold finite numbers")
    return RunSnapshot(t, w, fields, d["rng"], stopped >= 0, stopped, last, steps, xy, lr, stride)
