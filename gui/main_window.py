"""MainWindow: the Explorer and Network tabs, menus, toolbar and a status bar with the cursor
readout. It only places things; the tabs own their controllers."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui.explorer import surface_notice
from gui.explorer.first_hint import FirstHint
from gui.explorer.focus_return import return_focus_after_edits
from gui.explorer.plot_room import PlotRoom
from gui.explorer.tab import ExplorerTab
from gui.presentation import ViewModes
from gui.widgets.screen_fit import fit_to_screen
from gui.widgets.tab_pages import size_by_current_page
from gui.widgets.wheel_guard import guard_scroll_areas

TABS = ("explorer", "network")


class MainWindow(QMainWindow):
    """Two tabs, Explorer first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gradient Descent Explorer"))
        self.resize(1400, 900)
        self.explorer = ExplorerTab()
        # What to do, until the first click on the surface (or the first Play).
        self.first_hint = FirstHint(self.explorer.plot, self.explorer.controller.sigPlayingChanged)
        # The Network tab is built the first time it is shown: the first paint does not need it.
        self.network = None
        self._docks_aside: list[QDockWidget] = []  # Explorer tools hidden while on the Network tab
        self._network_page = QWidget()
        QVBoxLayout(self._network_page).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.explorer, self.tr("Explorer"))
        self.tabs.addTab(self._network_page, self.tr("Network"))
        self.tabs.setDocumentMode(True)
        size_by_current_page(self.tabs)  # a hidden Network tab does not widen the Explorer
        self.setCentralWidget(self.tabs)
        self.readout = QLabel()
        self.readout.setMinimumWidth(420)
        self.statusBar().addPermanentWidget(self.readout)
        self.explorer.sigCursorReadout.connect(self.readout.setText)
        # the hover readout of the surface before (its saddle, its f) means nothing on a new one
        self.explorer.controller.sigSurfaceChanged.connect(lambda *_: self.readout.clear())
        self.explorer.sigMessage.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.view_modes = ViewModes(self, self.explorer.plot, self.explorer.splitter)
        self.plot_room = PlotRoom(self.explorer.splitter, self.explorer.sigMessage.emit)
        self._build_menus()
        self._build_toolbar()
        # What a surface switch changed for the runs, and the surface's suggested rates.
        self.surface_notice = surface_notice.install(self)
        self.wheel_guards = guard_scroll_areas(self.explorer)  # the wheel scrolls the side panel
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.focus_return = return_focus_after_edits(self, self.explorer.plot)
        from gui.explorer import data_view  # beside the surface: lessons open it at once

        data_view.install(self)

    def _build_menus(self) -> None:
        a = self.explorer.actions
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setToolTip(self.tr("Close the window (Ctrl+Q)"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.file_menu, self._quit_action = file_menu, quit_action
        draw = self.explorer.draw.actions
        edit = bar.addMenu(self.tr("&Edit"))
        edit.addAction(draw["undo"])
        edit.addAction(draw["redo"])
        surface = bar.addMenu(self.tr("&Surface"))
        surface.addAction(draw["draw"])
        surface.addAction(draw["hill"])
        surface.addSeparator()
        surface.addAction(self.explorer.save_surface_action)
        race = bar.addMenu(self.tr("&Race"))
        for n in ("play", "step", "reset", "explain"):
            race.addAction(a[n])
        runs = bar.addMenu(self.tr("R&uns"))
        for n in ("add_run", "duplicate_run", "remove_run"):
            runs.addAction(a[n])
        view = bar.addMenu(self.tr("&View"))
        view.addAction(a["log_scale"])
        view.addAction(a["fit_view"])
        self.view_modes.add_to(view)
        view.addSeparator()
        for n, act in a.items():
            if n.startswith("overlay_"):
                view.addAction(act)
        from gui.i18n.menu import LanguageMenu

        self.language_menu = LanguageMenu(self, lambda m: self.statusBar().showMessage(m, 8000))
        view.addMenu(self.language_menu)
        view.addSeparator()  # tools installed later (basins, sweeps, 3D) go below
        for m in (edit, surface, race, runs, view):
            m.setToolTipsVisible(True)
        help_menu = bar.addMenu(self.tr("&Help"))
        keys = QAction(self.tr("Keyboard and mouse…"), self)
        keys.setShortcut(QKeySequence("F1"))
        keys.triggered.connect(self._show_help)
        help_menu.addAction(keys)
        lessons = QAction(self.tr("Lessons"), self)
        lessons.setShortcut(QKeySequence("F2"))
        lessons.setToolTip(self.tr("The lecture as a guided course (F2)"))
        lessons.triggered.connect(self.show_lessons)
        help_menu.addAction(lessons)
        self.lessons_action = lessons

    def _build_toolbar(self) -> None:
        a = self.explorer.actions
        tb = QToolBar(self.tr("Race"))
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for n in ("play", "step", "reset"):
            tb.addAction(a[n])
        tb.addSeparator()
        tb.addWidget(QLabel(self.tr(" speed ")))
        for w in self.explorer.speed_widgets:
            tb.addWidget(w)
        tb.addSeparator()
        for n in ("explain", "log_scale"):
            tb.addAction(a[n])
        tb.addSeparator()
        show = QLabel(self.tr(" arrows "))
        show.setToolTip(self.tr("Arrows drawn at each run's head (G, V, A, H toggle them)"))
        tb.addWidget(show)
        for n in ("overlay_gradient", "overlay_velocity", "overlay_adaptive", "overlay_eigen"):
            tb.addAction(a[n])
        self.toolbar = tb
        self.addToolBar(tb)

    def install_extras(self) -> None:
        """Add the tools other modules contribute: File > Export…, and the basin map,
        hyperparameter sweeps and 3D view in the View menu. Separate from __init__ so the first
        paint does not wait for them (and tests can install each on its own)."""
        from gui.analysis import basins_panel, sweep_panel, view3d
        from gui.explorer import whatif
        from gui.export.menu import ExportActions

        self.export_actions = ExportActions(
            self,
            self.explorer.controller,
            self.explorer.plot_size,
            lambda: self.explorer.plot.equal_aspect,
        )
        for action in self.export_actions.actions.values():
            self.file_menu.insertAction(self._quit_action, action)
        self.file_menu.insertSeparator(self._quit_action)
        self.file_menu.setToolTipsVisible(True)
        basins_panel.install(self)
        sweep_panel.install(self)
        view3d.install(self)
        whatif.install(self)
        from gui.explorer import swarm_mode

        swarm_mode.install(self)

    def network_tab(self):
        """The Network tab, created on first use."""
        if self.network is None:
            from gui.network.tab import NetworkTab

            self.network = NetworkTab()
            self.network.sigOpenInExplorer.connect(self._on_network_open_in_explorer)
            # In a scroll area: beside an open panel (Lessons) on a 1280-px screen the page scrolls
            # sideways instead of stretching the window past the screen's edge.
            scroll = QScrollArea()
            scroll.setWidget(self.network)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            self._network_page.layout().addWidget(scroll)
        return self.network

    def _on_tab_changed(self, index: int) -> None:
        if index == 1:
            self.explorer.controller.pause()  # no racing unseen in the background
            self.network_tab()
        self.toolbar.setVisible(index == 0)
        self._tool_docks_shown(index == 0)
        self.statusBar().clearMessage()  # a message about one tab means nothing on the other
        self.readout.clear()
        explorer_only = (
            *self.explorer.actions.values(),
            *self.explorer.draw.actions.values(),
            self.explorer.save_surface_action,
        )
        for act in explorer_only:
            act.setEnabled(index == 0)

    def _tool_docks_shown(self, explorer: bool) -> None:
        """The Explorer's tool docks (basin map, sweeps, swarm, data view) step aside on the Network
        tab and come back with the Explorer: beside the wide Network tab they stretched the window
        past a 1280-px screen, hiding panels and buttons off its edge. Then the window fits the
        screen again."""
        lessons = getattr(self, "lessons_dock", None)
        docks = [d for d in self.findChildren(QDockWidget) if d is not lessons]
        if explorer:
            for d in self._docks_aside:
                d.show()
            self._docks_aside = []
        else:
            self._docks_aside += [d for d in docks if d.isVisible() and d not in self._docks_aside]
            for d in self._docks_aside:
                d.hide()
        for d in docks:
            d.toggleViewAction().setEnabled(explorer)
        before = self.width()
        QTimer.singleShot(0, lambda: self._no_wider_than(before))

    def _no_wider_than(self, before: int) -> None:
        """A tab switch never leaves the window wider than both the screen and before it."""
        screen = self.screen()
        room = screen.availableGeometry().width() if screen is not None else before
        if self.isVisible() and not self.isFullScreen() and self.width() > max(before, room):
            self.resize(max(before, room), self.height())
            fit_to_screen(self)

    def _on_network_open_in_explorer(self, surface: object) -> None:
        self.explorer.controller.set_surface(surface)
        self.tabs.setCurrentWidget(self.explorer)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    def show_lessons(self) -> None:
        """Open the Lessons dock (built on first use)."""
        from gui.lessons.dock import lessons_dock

        dock = lessons_dock(self)
        dock.show()
        dock.raise_()

    def _show_help(self) -> None:
        from gui.help_keys import show_help  # every shortcut, read from the actions themselves

        show_help(self)

    def shutdown(self) -> None:
        """Stop timers before the window is destroyed."""
        self.explorer.shutdown()
        if getattr(self, "lessons", None) is not None:
            self.lessons.shutdown()
        if self.network is not None:
            self.network.shutdown()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)
