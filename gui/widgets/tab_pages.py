"""Only the shown page of a QTabWidget sets its minimum size. By default the tab widget is as
wide as its widest page, so once the Network tab is built (1100 px) the Explorer could not
shrink beside a docked panel on a 1280-px screen and the Lessons dock had to float over it."""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QTabWidget

IGNORED = QSizePolicy.Policy.Ignored


def size_by_current_page(tabs: QTabWidget) -> None:
    """Keep hidden pages out of the tab widget's size hints (Ignored size policy), now and on
    every page change; the shown page keeps its own policy."""
    policies: dict[int, QSizePolicy] = {}

    def apply(current: int) -> None:
        for i in range(tabs.count()):
            page = tabs.widget(i)
            key = id(page)
            if key not in policies:
                policies[key] = QSizePolicy(page.sizePolicy())
            page.setSizePolicy(policies[key] if i == current else QSizePolicy(IGNORED, IGNORED))
        tabs.updateGeometry()

    tabs.currentChanged.connect(apply)
    apply(tabs.currentIndex())
