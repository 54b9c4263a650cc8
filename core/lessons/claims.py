"""Checking a lesson's claims headless, and filling the measured numbers into its texts.

A claim holds when every one of its checks does. Its text (and the lesson's text) may quote a
measured value as ``{name}`` (a claim's own measurements) or ``{claim.name}`` (the lesson text):
no number a lesson states is typed in by hand without a check behind it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from core.lessons.language import pick
from core.lessons.measure import Measurer, Value
from core.lessons.model import Check, Claim, ExplorerScene, Lesson, Operand
from core.race.model import critical_points


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    holds: bool
    measured: dict[str, Value]

    def text(self, lang: str = "en") -> str:
        return fill(pick(self.claim.text, lang), self.measured, lang)


def _number(v: Value) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _holds(op: str, a: Value, b: Value | tuple[str, ...], tol: float) -> bool:
    if op == "in":
        return isinstance(b, tuple) and a in b
    if op in ("==", "!=") and (isinstance(a, str) or isinstance(b, str)):
        return (a == b) == (op == "==")
    x, y = _number(a), _number(b if not isinstance(b, tuple) else None)
    if x is None or y is None or not (math.isfinite(x) and math.isfinite(y)):
        return False  # a quantity that never happened (None) or blew up fails every comparison
    return {
        "<": x < y,
        "<=": x <= y,
        ">": x > y,
        ">=": x >= y,
        "==": x == y,
        "!=": x != y,
        "≈": abs(x - y) <= tol * max(abs(x), abs(y)),
    }[op]


def _operand(o: Operand | tuple[str, ...], m: Measurer,
             out: dict[str, Value]) -> Value | tuple[str, ...]:  # fmt: skip
    if isinstance(o, (float, int, str, tuple)):
        return o
    v = m.value(o)
    out[o.name] = v  # as measured; the comparison uses it scaled ("1 % of ...")
    return v * o.times if isinstance(v, (int, float)) and o.times != 1.0 else v


def check_claim(claim: Claim, m: Measurer) -> ClaimResult:
    measured: dict[str, Value] = {}
    ok = True
    for c in claim.checks:
        ok = _check(c, m, measured) and ok
    return ClaimResult(claim, ok, measured)


def _check(c: Check, m: Measurer, measured: dict[str, Value]) -> bool:
    return _holds(c.op, _operand(c.left, m, measured), _operand(c.right, m, measured), c.tol)


def check_lesson(lesson: Lesson) -> list[ClaimResult]:
    """Every claim of the lesson, measured on its scene."""
    scene = lesson.scene
    crit = critical_points(scene.scene.surface) if isinstance(scene, ExplorerScene) else ()
    m = Measurer(scene, crit)
    return [check_claim(c, m) for c in lesson.claims]


def show(v: Value, lang: str = "en") -> str:
    """A measured value as a lesson prints it: three significant digits, whole numbers whole."""
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer() and abs(v) < 1e6):
        return f"{int(v)}".replace("-", "−")
    if not math.isfinite(v):
        return "∞"
    text = f"{v:.3g}"
    if "e" in text:
        mant, exp = text.split("e")
        text = f"{mant}·10{str(int(exp)).translate(_SUPERSCRIPT)}"
    text = text.replace("-", "−")  # the minus sign, not a hyphen
    return text.replace(".", ",") if lang == "ru" else text


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\}")


def fill(text: str, values: dict[str, Value], lang: str = "en") -> str:
    """Replace each {name} by its measured value ("…" while it is not measured yet)."""
    return _FIELD.sub(lambda mt: show(values[mt.group(1)], lang) if mt.group(1) in values
                      else "…", text)  # fmt: skip


def placeholders(text: str) -> list[str]:
    return _FIELD.findall(text)


def lesson_values(results: list[ClaimResult]) -> dict[str, Value]:
    """Every claim's measurements under "claim.name", for the lesson's own text."""
    return {f"{r.claim.id}.{k}": v for r in results for k, v in r.measured.items()}


def as_json(v: Value) -> Value:
    """JSON never holds NaN or Infinity: such a value is written as null."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v
