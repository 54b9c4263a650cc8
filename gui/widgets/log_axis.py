"""LogAxis: a pyqtgraph axis that, on a log scale, labels whole decades only (10⁻³, 10⁻², ...)
and marks 2·10ᵏ … 9·10ᵏ with short unlabelled ticks (only a view holding no decade at all labels
2·10ᵏ and 5·10ᵏ instead, so it still has numbers). pyqtgraph's own log axis labels those minor
ticks too, and on a short plot they pile into an unreadable stack ("9·10² 8·10² 7·10² …").

Plots feed the axis log10 values (or use ``setLogMode``) and keep at least one decade in view
with ``decade_range``, so there is always a labelled tick."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

MIN_LABEL_PX = 20  # labelled decades at least this far apart (a line of tick text and a gap)
MIN_MINOR_PX = 36  # below this many pixels per decade the 2…9 ticks would merge: leave them out
LABEL_ROOM_PX = 12  # half a line of tick text, and a margin
FEW = 0.5  # the "spacing" of the one labelled level shown when no decade is in view
STEPS = (1, 2, 3, 5, 10, 20, 25, 50, 100)
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_label(k: int) -> str:
    """10ᵏ written with superscript digits: 10⁻³, 10⁰, 10²."""
    return "10" + str(int(k)).translate(SUPERSCRIPT)


def decade_range(lo: float, hi: float) -> tuple[float, float]:
    """The whole decades (in log10 units) around [lo, hi]: at least one, so two labelled ticks."""
    a = math.floor(lo)
    b = max(math.ceil(hi), a + 1)
    return float(a), float(b)


def padded_decades(lo: float, hi: float, pixels: float) -> tuple[float, float]:
    """decade_range with room (LABEL_ROOM_PX) beyond the end decades, so their labels, centred
    on the ticks, are not cut off at the ends of a short axis (pyqtgraph drops them)."""
    a, b = decade_range(lo, hi)
    pad = (b - a) * LABEL_ROOM_PX / max(float(pixels) - 2 * LABEL_ROOM_PX, 1.0)
    return a - pad, b + pad


def _within(lo: float, hi: float, ms) -> list[float]:
    """log10(m·10ᵏ) for the given mantissas m that lie in [lo, hi]."""
    ks = range(math.floor(lo), math.ceil(hi) + 1)
    return sorted(v for k in ks for m in ms if lo <= (v := k + math.log10(m)) <= hi)


def log_ticks(lo: float, hi: float, pixels: float) -> list[tuple[float | None, list[float]]]:
    """Tick levels for the log10 range [lo, hi] drawn over ``pixels``: the decades (thinned to
    every 2nd, 5th, ... decade when they would be closer than MIN_LABEL_PX), then the minor
    ticks log10(m·10ᵏ), m = 2…9, when a decade has room for them."""
    lo, hi = sorted((float(lo), float(hi)))
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi - lo <= 0 or pixels <= 0:
        return [(1.0, [])]
    per_decade = pixels / (hi - lo)
    step = next((s for s in STEPS if s * per_decade >= MIN_LABEL_PX), STEPS[-1])
    first = math.ceil(lo / step) * step
    decades = [float(k) for k in range(int(first), math.floor(hi) + 1, step)]
    if not decades:  # less than a decade in view: label 2·10ᵏ and 5·10ᵏ (or every m·10ᵏ)
        return [(FEW, _within(lo, hi, (2, 5)) or _within(lo, hi, range(2, 10)))]
    levels: list[tuple[float | None, list[float]]] = [(float(step), decades)]
    if step == 1 and per_decade >= MIN_MINOR_PX:
        ks = np.arange(math.floor(lo), math.ceil(hi))
        minor = (ks[:, None] + np.log10(np.arange(2, 10))[None, :]).ravel()
        levels.append((None, [float(v) for v in minor if lo <= v <= hi]))
    return levels


class LogAxis(pg.AxisItem):
    """An AxisItem whose log mode labels decades only (see the module docstring)."""

    def __init__(self, orientation: str = "left", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        return log_ticks(minVal, maxVal, size)

    def logTickStrings(self, values, scale, spacing):
        out = []
        for v in values:
            k = math.floor(v + 1e-9)
            m = round(10 ** (v - k))
            if spacing is None:
                out.append("")  # minor ticks are never labelled
            elif m == 1:
                out.append(decade_label(k))
            else:
                out.append(f"{m}·{decade_label(k)}")
        return out
