"""The domain boxes under the formula show their numbers whole (Rastrigin's "-5.12" lost its
minus sign in a fixed 46-px box), with the full value in the tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from gui.theme import style_sheet
from surfaces.formula import FormulaSurface

pytestmark = pytest.mark.gui


def _shown_whole(box) -> bool:
    """Whether the box shows its whole text without scrolling: the cursor moves by the text's
    full advance from its start to its end (a scrolled box moves it by less)."""
    text = box.text()
    box.setCursorPosition(len(text))
    box.repaint()  # the box scrolls its text when it paints
    end = box.cursorRect().center().x()
    box.setCursorPosition(0)
    box.repaint()
    start = box.cursorRect().center().x()
    return end - start >= box.fontMetrics().horizontalAdvance(text) - 1


def _check(explorer, expected: list[str]) -> None:
    QApplication.processEvents()
    boxes = explorer.formula.domain
    assert [b.text() for b in boxes] == expected
    for box in boxes:
        assert box.isVisible()
        assert _shown_whole(box), (box.text(), box.width())
        # inside the left panel: nothing runs off its right edge
        panel = explorer.formula
        right = box.mapTo(panel, box.rect().topRight()).x()
        assert right <= panel.width(), (box.text(), right, panel.width())
    for box in boxes:
        assert box.text() in box.toolTip()


@pytest.fixture(params=[1.0, 1.5], ids=["app-style", "presentation"])
def styled(explorer, request):
    """The Explorer with the application's style sheet (its 10-pt font; × 1.5 when presenting)."""
    explorer.setStyleSheet(style_sheet(request.param))
    yield explorer
    explorer.setStyleSheet("")


def test_rastrigin_domain_shows_its_minus_signs(styled) -> None:
    styled.controller.set_surface_name("rastrigin")
    _check(styled, ["-5.12", "5.12", "-5.12", "5.12"])


def test_long_domain_numbers_fit_their_boxes(styled) -> None:
    slice_like = (-0.329215, 0.670785, -1.23457e-05, 123456.0)
    styled.controller.set_surface(FormulaSurface("x**2 + y**2", slice_like))
    _check(styled, ["-0.329215", "0.670785", "-1.23457e-05", "123456"])
