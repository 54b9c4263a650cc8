"""Column widths of the Explorer's legend: each column as wide as its content (and title); when
the table is narrower than that, the run names give way first, then the status column. Numbers
never do: a cut "3.1118…" reads as 3.11 when the value is 3.11184e-10, so the table scrolls
sideways before a number is cut. Cut cells elide with "…" and carry their full text in the
tooltip."""

from __future__ import annotations

# column order: swatch, run, step, loss, |∇f|, lr, status
MINIMA = (16, 64, 36, 56, 40, 40, 96)
GIVE_ORDER = (1, 6)  # which columns shrink first: run names, then statuses (numbers stay whole)


def fit_columns(wanted: list[int], available: int) -> list[int]:
    """Widths for columns wanting ``wanted`` px in ``available`` px: all wanted when they fit
    (the last column takes what is left over), else shrunk in GIVE_ORDER down to MINIMA."""
    widths = [
        max(w, m) if i == 0 else w for i, (w, m) in enumerate(zip(wanted, MINIMA, strict=True))
    ]
    excess = sum(widths) - available
    for col in GIVE_ORDER:
        if excess <= 0:
            break
        cut = min(excess, max(0, widths[col] - MINIMA[col]))
        widths[col] -= cut
        excess -= cut
    if excess < 0:
        widths[-1] -= excess  # the spare room goes to the status column
    return widths
