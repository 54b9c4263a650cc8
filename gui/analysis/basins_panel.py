"""BasinsPanel: compute the selected run's basin-of-attraction map over the view in a worker thread
and show it as a semi-transparent overlay on the Explorer's surface plot, with a legend.

``install(window)`` puts the panel in a dock of the main window with a View > Basin map action
(Ctrl+B) and adds its overlay to the Explorer's plot. The panel reads the race through the
Explorer's controller and never edits it.
"""

from __future__ import annotations

import time
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.analysis.basins import BasinMap, basin_map
from core.race.racer import Racer
from gui.analysis.basins_overlay import BasinOverlay, legend_rows
from gui.explorer.controller import ExplorerController
from gui.i18n.numbers import Shown, num
from gui.i18n.plurals import plurals
from gui.view_menu import view_menu  # also where swarm and what-if look for it
from gui.widgets.worker import TaskWorker
from surfaces.i18n import QT_TRANSLATE_NOOP

AREAS = (
    QT_TRANSLATE_NOOP("BasinsPanel", "visible view"),
    QT_TRANSLATE_NOOP("BasinsPanel", "whole surface"),
)
DOCK_WIDTH = 400


def _swatch_html(colour: str, text: str) -> str:
    if not colour:
        return f"<tr><td></td><td>&nbsp;{text}</td></tr>"
    box = (f"<span style='background:{colour};color:{colour};border:1px solid #6b7280;'>"
           "&nbsp;&nbsp;&nbsp;</span>")  # fmt: skip
    return f"<tr><td>{box}</td><td>&nbsp;{text}</td></tr>"


class BasinsPanel(QWidget):
    """Controls, progress and legend of the basin overlay (``overlay.image``, for the plot) of
    one Explorer controller."""

    def __init__(self, controller: ExplorerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.overlay = BasinOverlay()
        self.worker = TaskWorker(self)
        self.result: BasinMap | None = None
        self.last_seconds: float | None = None  # end-to-end: click to overlay drawn
        self._t0 = 0.0
        self._config: tuple | None = None  # what the shown map was computed for
        self._pending: tuple = ((), "", 0, 0)  # (config, run name, grid, steps) being computed
        self._build()
        self._connect()
        self._on_runs_changed()

    # --- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.run_label = QLabel()
        self.run_label.setWordWrap(True)
        self.area = QComboBox()
        for area in AREAS:
            self.area.addItem(self.tr(area))
        self.area.setToolTip(self.tr("Start a run from every cell of a grid over this area"))
        self.grid = QSpinBox()
        self.grid.setRange(8, 1024)
        self.grid.setValue(128)
        self.grid.setSuffix(self.tr(" × grid"))
        self.grid.setToolTip(self.tr("Starts per side: grid² runs in one vectorized batch"))
        self.steps = QSpinBox()
        self.steps.setRange(1, 200_000)
        self.steps.setValue(500)
        self.steps.setSingleStep(100)
        self.steps.setSuffix(self.tr(" steps"))
        self.steps.setToolTip(
            self.tr("Updates each start takes before its end point is classified")
        )
        self.compute_button = QPushButton(self.tr("Compute basin map"))
        self.compute_button.setToolTip(
            self.tr("Run the selected run's optimizer from every grid cell")
        )
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.setToolTip(self.tr("Stop the computation; nothing is kept"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.show_box = QCheckBox(self.tr("show overlay"))
        self.show_box.setChecked(True)
        self.show_box.setToolTip(self.tr("Draw the basin map over the surface"))
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(55)
        self.opacity.setToolTip(self.tr("Overlay opacity"))
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color:#4c566a;")
        form = QFormLayout()
        form.addRow(self.tr("area"), self.area)
        form.addRow(self.tr("starts"), self.grid)
        form.addRow(self.tr("each"), self.steps)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compute_button, 1)
        buttons.addWidget(self.cancel_button)
        look = QHBoxLayout()
        look.addWidget(self.show_box)
        look.addWidget(QLabel(self.tr("opacity")))
        look.addWidget(self.opacity, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.run_label)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.progress)
        lay.addLayout(look)
        lay.addWidget(self.legend)
        lay.addWidget(self.status)
        lay.addStretch(1)

    def _connect(self) -> None:
        c = self.controller
        c.sigSurfaceChanged.connect(self._on_surface_changed)
        c.sigRacersChanged.connect(self._on_runs_changed)
        c.sigSelectedChanged.connect(self._on_runs_changed)
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button.clicked.connect(self.cancel)
        self.show_box.toggled.connect(self.overlay.set_enabled)
        self.opacity.valueChanged.connect(lambda v: self.overlay.set_opacity(v / 100))
        w = self.worker
        w.sigProgress.connect(lambda f: self.progress.setValue(round(1000 * f)))
        w.sigFinished.connect(self._on_worker_finished)
        w.sigCancelled.connect(partial(self._on_worker_ended, "Cancelled: no map drawn."))
        w.sigFailed.connect(lambda m: self._on_worker_ended(self.tr("Failed: {m}").format(m=m)))

    # --- what to compute ----------------------------------------------------------------------
    def domain(self) -> tuple[float, float, float, float]:
        if self.area.currentIndex() == AREAS.index("whole surface"):
            x0, x1, y0, y1 = self.controller.surface.domain
            return float(x0), float(x1), float(y0), float(y1)
        return self.controller.race.view_range

    def _racer_config(self, racer: Racer) -> tuple:
        return id(self.controller.surface), racer.key, racer.config

    # --- actions ------------------------------------------------------------------------------
    def compute(self) -> None:
        """Start a map for the selected run over the chosen area (cancels one in progress)."""
        self._on_runs_changed()  # the header names the run this map is for
        racer = self.controller.selected
        if racer is None:
            self.status.setText(self.tr("Add a run first: the map uses its optimizer."))
            return
        surface, critical = self.controller.surface, tuple(self.controller.race.critical)
        domain, grid, steps = self.domain(), self.grid.value(), self.steps.value()
        c = racer.config

        def task(progress, cancel) -> BasinMap:
            return basin_map(surface, c.rule, c.hyper, c.schedule, steps, grid, domain, c.estimate,
                             c.seed, critical=critical, progress=progress, cancel=cancel)  # fmt: skip

        self._pending = (self._racer_config(racer), racer.name, grid, steps)
        self._t0 = time.perf_counter()
        self.progress.setValue(0)
        self.compute_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(
            self.tr("Computing {grid}×{grid} starts × {steps} of {name}…").format(
                grid=grid, steps=plurals.steps(steps), name=racer.name
            )
        )
        self.worker.start(task)

    def cancel(self) -> None:
        self.worker.cancel()

    @property
    def busy(self) -> bool:
        return self.worker.running or not self.compute_button.isEnabled()

    def _on_worker_finished(self, result: BasinMap) -> None:
        config, name, grid, steps = self._pending
        if config[0] != id(self.controller.surface):  # the surface changed meanwhile
            self._on_worker_ended(self.tr("The surface changed while computing: no map drawn."))
            return
        self.overlay.set_map(result)
        self.result = result
        self._config = config
        self.last_seconds = time.perf_counter() - self._t0
        self._show_legend(result)
        self._on_worker_ended(
            self.tr(
                "{name}: {grid}×{grid} starts × {steps}, computed in "
                "{compute} s ({drawn} s until drawn)."
            ).format(
                name=name,
                grid=grid,
                steps=plurals.steps(steps),
                compute=num(result.compute_seconds, ".2f"),
                drawn=num(self.last_seconds, ".2f"),
            )
        )

    def _on_worker_ended(self, message: str) -> None:
        self.compute_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setValue(0)
        self.status.setText(message)

    def _show_legend(self, result: BasinMap) -> None:
        rows = "".join(_swatch_html(c, t) for c, t in legend_rows(result))
        self.legend.setText(self.tr("<table cellspacing='2'>{rows}</table>").format(rows=rows))

    def clear(self) -> None:
        self.overlay.clear()
        self.result = None
        self._config = None
        self.legend.setText("")

    # --- controller events --------------------------------------------------------------------
    def _on_surface_changed(self, *_: object) -> None:
        self.worker.cancel()
        self.clear()
        self.status.setText(self.tr("New surface: compute a map for it."))
        self._on_runs_changed()

    def _on_runs_changed(self, *_: object) -> None:
        racer = self.controller.selected
        if racer is None:
            self.run_label.setText(self.tr("No run to map."))
            return
        self.run_label.setText(
            self.tr(
                "<b style='color:{colour}'>■</b> <b>{name}</b>, lr {lr:.3g} (the selected run) from every start of a grid"
            ).format(colour=racer.colour, name=racer.name, lr=Shown(racer.lr))
        )
        if self._config is not None and self._racer_config(racer) != self._config:
            self.status.setText(
                self.tr("The run changed since this map: compute again to update it.")
            )

    # --- lifetime -----------------------------------------------------------------------------
    def shutdown(self) -> None:
        self.worker.shutdown()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._on_runs_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.shutdown()
        return False


def install(window: QMainWindow) -> QDockWidget:
    """Add the panel to the main window as a hidden dock, toggled by View > Basin map (Ctrl+B),
    and its overlay to the Explorer's plot."""
    panel = BasinsPanel(window.explorer.controller)
    window.explorer.add_plot_item(panel.overlay.image)
    dock = install_dock(
        window,
        panel,
        (QCoreApplication.translate("BasinsPanel", "Basins of attraction"), "basins_dock"),
        (QCoreApplication.translate("BasinsPanel", "Basin map"), "Ctrl+B"),
        QCoreApplication.translate(
            "BasinsPanel", "Colour every start by where the selected run's optimizer ends (Ctrl+B)"
        ),
    )
    # Closed (not merely behind another tabbed dock): the overlay goes with it.
    panel.overlay.set_panel_open(False)
    dock.toggleViewAction().toggled.connect(panel.overlay.set_panel_open)
    return dock


def install_dock(
    window: QMainWindow,
    panel: QWidget,
    title_and_name: tuple[str, str],
    action_and_key: tuple[str, str],
    tip: str,
) -> QDockWidget:
    """Put a tool panel in a hidden right-hand dock with a View-menu toggle and shortcut; the panel
    (an event filter on the window) hears the window close so it can stop its worker."""
    dock = QDockWidget(title_and_name[0], window)
    dock.setObjectName(title_and_name[1])
    dock.setWidget(panel)
    add_dock(window, dock)
    action = dock.toggleViewAction()
    action.setText(action_and_key[0])
    action.setShortcut(QKeySequence(action_and_key[1]))
    action.setToolTip(tip)
    view_menu(window).addAction(action)
    window.installEventFilter(panel)
    return dock


def add_dock(window: QMainWindow, dock: QDockWidget) -> None:
    """Dock on the right, tabbed with docks already there; hidden until its action shows it
    (which also brings its tab to the front)."""
    others = [d for d in window.findChildren(QDockWidget)
              if d is not dock and window.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea]  # fmt: skip
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    if others:
        window.tabifyDockWidget(others[0], dock)
    dock.hide()
    window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
    dock.toggleViewAction().triggered.connect(lambda on: on and dock.raise_())
