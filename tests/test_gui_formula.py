"""The formula box: typed surfaces are checked as you type (debounced), shown when valid, and an
invalid one shows an inline error at its column while the last valid surface stays."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from surfaces.formula import FormulaSurface

pytestmark = pytest.mark.gui
EXPR = "x**2 - y**2 + 0.3*sin(3*x)"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GDE_DATA_DIR", str(tmp_path))


def f(x: float, y: float) -> float:
    return x * x - y * y + 0.3 * math.sin(3 * x)


def type_formula(box, text: str) -> None:
    box.edit.setFocus()
    box.edit.selectAll()
    QTest.keyClicks(box.edit, text)


def set_domain(box, *values: float) -> None:
    for field, v in zip(box.domain, values, strict=True):
        field.setText(str(v))


def test_typing_a_valid_formula_shows_it_after_the_debounce(explorer, qtbot) -> None:
    c, box = explorer.controller, explorer.formula
    set_domain(box, -5, 5, -5, 5)  # the default race starts at (0, -4.5): keep it inside
    starts = c.race.starts.copy()
    type_formula(box, EXPR)
    assert c.surface.name == "himmelblau"  # not yet: the timer has not fired
    qtbot.waitUntil(lambda: isinstance(c.surface, FormulaSurface), timeout=3000)
    s = c.surface
    assert s.expr == EXPR and s.domain == (-5, 5, -5, 5)
    assert float(s.value(np.array([0.5, 0.2]))) == pytest.approx(f(0.5, 0.2), rel=1e-14)
    assert box.error_message == "" and not box.error.isVisible()
    assert explorer.picker.display_text() == f"Your surfaces › {EXPR}"
    # Runs keep their start points and restart there.
    assert np.array_equal(c.race.starts, starts)
    for slot in c.race.active():
        assert slot.run.t == 0 and np.array_equal(slot.run.starts, starts)
    # The critical-point search ends with the saddle on y = 0 where 2x + 0.9 cos 3x = 0.
    lo, hi = -1.0, 0.0  # bisection on g(x) = 2x + 0.9 cos 3x (g(-1) < 0 < g(0))
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if 2 * mid + 0.9 * math.cos(3 * mid) < 0 else (lo, mid)
    qtbot.waitUntil(lambda: any(p.kind == "saddle" for p in c.race.critical), timeout=10000)
    saddle = next(p for p in c.race.critical if p.kind == "saddle")
    assert saddle.x == pytest.approx(lo, abs=1e-6) and saddle.y == pytest.approx(0, abs=1e-6)


def test_enter_applies_at_once(explorer) -> None:
    box = explorer.formula
    box.edit.setText("x**2 + y**2")
    QTest.keyClick(box.edit, Qt.Key.Key_Return)
    assert explorer.controller.surface.expr == "x**2 + y**2"


def test_invalid_formula_shows_the_column_and_keeps_the_last_valid(explorer, qtbot) -> None:
    c, box = explorer.controller, explorer.formula
    box.edit.setText("x**2 + y**2")
    box.apply()
    valid = c.surface
    type_formula(box, "x**2 + foo(y)")
    qtbot.waitUntil(lambda: box.error_message != "", timeout=3000)
    assert "column 8" in box.error_message and "foo" in box.error_message
    assert box.error.isVisible()
    # The caret line: 7 spaces then ^ under the 'f' of foo (column 8).
    assert box.where.text() == "x**2 + foo(y)\n" + " " * 7 + "^"
    assert "#fbe3e4" in box.edit.styleSheet()
    assert c.surface is valid
    # Recovery: fix the text and the new surface replaces it, the error goes away.
    type_formula(box, "x**2 + cos(y)")
    qtbot.waitUntil(lambda: c.surface is not valid, timeout=3000)
    assert c.surface.expr == "x**2 + cos(y)"
    assert box.error_message == "" and box.edit.styleSheet() == ""
    assert float(c.surface.value(np.array([1.0, math.pi]))) == pytest.approx(0.0, abs=1e-15)


def test_syntax_error_at_the_end(explorer, qtbot) -> None:
    box = explorer.formula
    type_formula(box, "x + (y")
    qtbot.waitUntil(lambda: box.error_message != "", timeout=3000)
    assert "never closed" in box.error_message and "column 5" in box.error_message
    assert explorer.controller.surface.name == "himmelblau"


def test_bad_domain_is_refused(explorer) -> None:
    c, box = explorer.controller, explorer.formula
    box.edit.setText("x*y")
    set_domain(box, 2, 1, -1, 1)
    assert not box.apply()
    assert "x range" in box.error_message
    assert "#fbe3e4" in box.domain[1].styleSheet()
    assert c.surface.name == "himmelblau"
    box.domain[2].setText("nan")
    box.domain[1].setText("3")
    assert not box.apply() and "y min" in box.error_message
    box.domain[2].setText("-1")
    assert box.apply()
    assert c.surface.domain == (2, 3, -1, 1)


def test_starts_outside_a_new_domain_move_to_its_default(explorer) -> None:
    box = explorer.formula
    box.edit.setText("x*x + y*y")
    set_domain(box, -1, 1, -1, 1)
    box.apply()
    x, y = explorer.controller.race.starts[0]
    assert -1 <= x <= 1 and -1 <= y <= 1


def test_choosing_a_preset_then_a_formula_again(explorer) -> None:
    c, box = explorer.controller, explorer.formula
    box.edit.setText("x*x + y*y")
    box.apply()
    c.set_surface_name("booth")
    assert box.edit.text() == ""  # the box does not show a formula that is not on screen
    box.edit.setText("x*x + y*y")
    assert box.apply()  # the same text applies again: the surface in use is Booth now
    assert c.surface.expr == "x*x + y*y"


def test_the_caret_stays_under_its_column_when_the_message_wraps(explorer, qtbot) -> None:
    """A formula longer than the panel is wide: the formula line and the caret are a monospace
    label that never wraps (a window of the formula around the column), so ^ is drawn under the
    faulty character (pixels), and the message wraps on its own below."""
    from PySide6.QtGui import QFontInfo, QFontMetrics
    from PySide6.QtWidgets import QApplication

    box = explorer.formula
    text = "x**2 + 0.5*y**2 - 0.3*cos(2*x)*sin(3*y) + exp(-x**2) + bogus(x*y) + tanh(y)"
    type_formula(box, text)
    qtbot.waitUntil(lambda: box.error_message != "", timeout=3000)
    QApplication.processEvents()
    col = text.index("bogus") + 1
    assert f"column {col}" in box.error_message
    where = box.where
    # Too long for one line of the panel: in one wrapping label it broke, the caret under blanks.
    assert QFontMetrics(where.font()).horizontalAdvance(text) > where.width()
    assert where.isVisible() and not where.wordWrap() and QFontInfo(where.font()).fixedPitch()
    line, caret = where.text().split("\n")
    k = caret.index("^")
    assert line[k : k + 5] == "bogus"  # a window of the long formula, the caret under its b
    fm = QFontMetrics(where.font())
    assert fm.horizontalAdvance(line) <= where.contentsRect().width()  # nothing cut off
    # Pixels: the caret's ink starts where the 'b' above it starts.
    img = where.grab().toImage()
    half = img.height() // 2

    def ink_columns(y0: int, y1: int) -> list[int]:
        return [x for x in range(img.width())
                if any(img.pixelColor(x, y).red() > 150 and img.pixelColor(x, y).green() < 140
                       for y in range(y0, y1))]  # fmt: skip

    caret_x = ink_columns(half, img.height())
    left = where.contentsRect().left() + fm.horizontalAdvance(line[:k])
    assert caret_x and left - 2 <= min(caret_x) <= left + fm.horizontalAdvance("b")
