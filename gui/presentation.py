"""The window's View toggles for showing the Explorer to a room: Equal aspect, Side panels (F9)
and Presentation (F11): full screen, every font and the plot's lines and markers × 1.5, the
light or the high-contrast theme. Leaving presentation mode puts the window back exactly as it
was: geometry and window state, style sheet, side panels and their sizes, theme, zoom."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QSplitter

from gui.explorer.surface_plot import SurfacePlot
from gui.theme import Theme, get_theme, style_sheet
from surfaces.i18n import QT_TRANSLATE_NOOP

SCALE = 1.5  # fonts, trails and markers in presentation mode
THEMES = {
    "light": QT_TRANSLATE_NOOP("ViewModes", "Light theme"),
    "contrast": QT_TRANSLATE_NOOP("ViewModes", "High-contrast theme"),
}


@dataclass(frozen=True)
class WindowLook:
    """What presentation mode changes, as it was before."""

    geometry: QRect  # the window's own (normal) geometry
    state: Qt.WindowState
    style_sheet: str
    panels: bool
    sizes: list[int]
    theme: Theme
    scale: float
    view: list[list[float]]  # the plot's requested range (its zoom), as ViewBox keeps it


class ViewModes(QObject):
    """The actions (``actions``: equal_aspect, side_panels, presentation and one per
    presentation theme) and what they do to the window's Explorer."""

    def __init__(self, window: QMainWindow, plot: SurfacePlot, splitter: QSplitter) -> None:
        super().__init__(window)
        self.window, self.plot, self.splitter = window, plot, splitter
        self.saved: WindowLook | None = None
        specs = {  # name: (text, shortcut, tooltip, checked)
            "equal_aspect": (QT_TRANSLATE_NOOP("ViewModes", "Equal aspect"), "", QT_TRANSLATE_NOOP("ViewModes", "Same scale on x and y: a square domain is "
                             "square (off: the domain fills the plot)"), True),
            "side_panels": (QT_TRANSLATE_NOOP("ViewModes", "Side panels"), "F9", QT_TRANSLATE_NOOP("ViewModes", "Show or hide the controls and the side plots, "
                            "leaving the surface the whole width (F9)"), True),
            "presentation": (QT_TRANSLATE_NOOP("ViewModes", "Presentation"), "F11", QT_TRANSLATE_NOOP("ViewModes", "Full screen for a lecture hall: larger "
                             "fonts and lines, light or high-contrast theme (F11 again leaves)"),
                             False),
        }  # fmt: skip
        self.actions: dict[str, QAction] = {}
        for name, (text, key, tip, checked) in specs.items():
            a = QAction(self.tr(text), window)
            a.setCheckable(True)
            a.setChecked(checked)
            if key:
                a.setShortcut(QKeySequence(key))
            a.setToolTip(self.tr(tip))
            a.setStatusTip(self.tr(tip))
            self.actions[name] = a
        group = QActionGroup(self)
        for key, text in THEMES.items():
            a = QAction(self.tr(text), window)
            a.setCheckable(True)
            a.setChecked(key == "light")
            a.setToolTip(
                self.tr("Presentation mode uses the {theme}").format(theme=self.tr(text).lower())
            )
            group.addAction(a)
            a.toggled.connect(lambda on, key=key: on and self._on_theme_chosen(key))
            self.actions[f"theme_{key}"] = a
        self.actions["equal_aspect"].toggled.connect(self.plot.set_equal_aspect)
        self.actions["side_panels"].toggled.connect(self.show_side_panels)
        self.actions["presentation"].toggled.connect(self._on_presentation_toggled)

    def add_to(self, menu: QMenu) -> None:
        """The toggles, then a submenu choosing the presentation theme."""
        for name in ("equal_aspect", "side_panels", "presentation"):
            menu.addAction(self.actions[name])
        sub = menu.addMenu(self.tr("Presentation theme"))
        for key in THEMES:
            sub.addAction(self.actions[f"theme_{key}"])
        menu.setToolTipsVisible(True)

    # --- side panels --------------------------------------------------------------------------
    def show_side_panels(self, on: bool) -> None:
        """The controls (left) and side plots (right) of the Explorer, or the surface alone."""
        for i in (0, 2):
            self.splitter.widget(i).setVisible(on)
        act = self.actions["side_panels"]
        if act.isChecked() != on:
            act.setChecked(on)

    # --- presentation -------------------------------------------------------------------------
    @property
    def presenting(self) -> bool:
        return self.saved is not None

    @property
    def theme(self) -> Theme:
        key = next(k for k in THEMES if self.actions[f"theme_{k}"].isChecked())
        return get_theme(key)

    def _on_presentation_toggled(self, on: bool) -> None:
        if on and not self.presenting:
            self.enter()
        elif not on and self.presenting:
            self.leave()

    def _on_theme_chosen(self, _key: str) -> None:
        if self.presenting:
            self.plot.set_theme(self.theme, SCALE)

    def enter(self) -> None:
        """Full screen, fonts × 1.5 (the style sheet) and the plot in the presentation theme."""
        if self.presenting:
            return
        w, app = self.window, QApplication.instance()
        assert isinstance(app, QApplication)
        self.saved = WindowLook(
            QRect(w.normalGeometry()), w.windowState(), app.styleSheet(),
            self.actions["side_panels"].isChecked(), self.splitter.sizes(), self.plot.theme,
            self.plot.scale, [list(r) for r in self.plot.vb.targetRange()],
        )  # fmt: skip
        app.setStyleSheet(style_sheet(SCALE))
        self.plot.set_theme(self.theme, SCALE)
        w.showFullScreen()
        # The controls' text grew: give their panel as much more room (at most a third).
        left, centre, right = self.saved.sizes
        wider = min(round(left * SCALE), (left + centre + right) // 3)
        self.splitter.setSizes([wider, centre - (wider - left), right])
        self._check(True)

    def leave(self) -> None:
        """Everything back as it was before enter()."""
        saved, self.saved = self.saved, None
        if saved is None:
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setStyleSheet(saved.style_sheet)
        self.plot.set_theme(saved.theme, saved.scale)
        w = self.window
        w.showNormal()
        w.setGeometry(saved.geometry)  # restoreGeometry would shrink it to fit a small screen
        if saved.state & Qt.WindowState.WindowMaximized:
            w.showMaximized()
        self.show_side_panels(saved.panels)
        self._restore_layout(saved, tries=50)
        self._check(False)

    def _restore_layout(self, saved: WindowLook, tries: int) -> None:
        """Splitter sizes and zoom once the window is back at its size (a window manager may
        take a few turns of the event loop to give it back)."""
        w = self.window
        maximized = bool(saved.state & Qt.WindowState.WindowMaximized)
        if not maximized and w.geometry().size() != saved.geometry.size() and tries > 0:
            QTimer.singleShot(20, lambda: self._restore_layout(saved, tries - 1))
            return
        self.splitter.setSizes(saved.sizes)
        (x0, x1), (y0, y1) = saved.view
        self.plot.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _check(self, on: bool) -> None:
        act = self.actions["presentation"]
        if act.isChecked() != on:
            act.blockSignals(True)
            act.setChecked(on)
            act.blockSignals(False)
