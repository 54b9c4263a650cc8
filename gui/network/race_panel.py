"""The optimizer race on a real network (the slides' comparison on MNIST, here on the tab's data):
the checked rules each train a copy of the current network, from the same weights, side by side;
their loss curves are overlaid and any racer's decision boundary is shown on the data plot.

The race itself is core.network.race.NetworkRace (one Trainer per rule, the rules of core.optim);
the panel only picks the rules and rates, owns the animation timer and draws the curves."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from core.network.model import Network
from core.network.race import Entry, NetworkRace
from core.optim.estimates import Estimate
from core.optim.schedules import Schedule
from core.optim.table import canonical, default_hyper, rule_info
from core.race.colours import RUN_COLOURS
from core.runs.config import RunConfig
from gui.network.controller import NET_LR

RACE_RULES = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
STEPS_PER_TICK = 5


class NetworkRacePanel(QtWidgets.QWidget):
    """Emits sigStartRequested when the user starts a race (the tab answers with ``start``) and
    sigShowNetwork(Network) with the racer whose boundary the data plot should draw."""

    sigStartRequested = QtCore.Signal()
    sigShowNetwork = QtCore.Signal(object)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QtWidgets.QCheckBox] = {}
        self.rates: dict[str, QtWidgets.QDoubleSpinBox] = {}
        grid = QtWidgets.QGridLayout()
        for k, rule in enumerate(RACE_RULES):
            box = QtWidgets.QCheckBox(rule_info(rule).title)
            box.setChecked(rule in ("sgd", "momentum", "adam"))
            rate = QtWidgets.QDoubleSpinBox()
            rate.setDecimals(4)
            rate.setRange(0.0001, 10.0)
            rate.setSingleStep(0.01)
            rate.setValue(NET_LR[rule])
            rate.setPrefix("η ")
            rate.setToolTip(
                self.tr("learning rate of {title} in the race").format(title=rule_info(rule).title)
            )
            grid.addWidget(box, k // 2, 2 * (k % 2))
            grid.addWidget(rate, k // 2, 2 * (k % 2) + 1)
            self.boxes[rule], self.rates[rule] = box, rate
        self.start_button = QtWidgets.QPushButton(self.tr("Start from the current network"))
        self.start_button.setToolTip(
            self.tr("each checked optimizer trains its own copy of the network as it is now")
        )
        self.play = QtWidgets.QPushButton(self.tr("▶ Play"))
        self.play.setCheckable(True)
        self.play.setEnabled(False)
        self.step_button = QtWidgets.QPushButton(self.tr("+50 updates"))
        self.step_button.setEnabled(False)
        self.shown = QtWidgets.QComboBox()
        self.shown.setToolTip(self.tr("whose decision boundary the data plot shows"))
        row = QtWidgets.QHBoxLayout()
        for w in (self.start_button, self.play, self.step_button):
            row.addWidget(w)
        row2 = QtWidgets.QHBoxLayout()
        row2.addWidget(QtWidgets.QLabel(self.tr("boundary of")))
        row2.addWidget(self.shown, 1)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setLogMode(False, True)
        pi = self.plot.getPlotItem()
        pi.setTitle(
            self.tr("loss (full batch) of each optimizer's copy"), size="9pt", color="#374151"
        )
        pi.setLabel("bottom", self.tr("update"))
        pi.showGrid(x=True, y=True, alpha=0.2)
        self.legend = pi.addLegend(offset=(-8, 8))
        lay = QtWidgets.QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addLayout(row)
        lay.addLayout(row2)
        lay.addWidget(self.plot, 1)
        self.race: NetworkRace | None = None
        self.curves: list[pg.PlotDataItem] = []
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(40)
        self.timer.timeout.connect(self._on_timer)
        self.start_button.clicked.connect(self.sigStartRequested)
        self.play.toggled.connect(self._on_play_toggled)
        self.step_button.clicked.connect(lambda: self.advance(50))
        self.shown.activated.connect(lambda _: self._emit_shown())

    def set_rules(self, rules: tuple[str, ...]) -> None:
        """Check exactly these rules (a lesson's network_race); rules outside the race are
        ignored."""
        keys = {canonical(r) for r in rules}
        for rule, box in self.boxes.items():
            box.setChecked(rule in keys)

    def entries(self, batch: int | None, seed: int, convention: str) -> list[Entry]:
        out = []
        for rule, box in self.boxes.items():
            if box.isChecked():
                c = RunConfig(rule, default_hyper(rule, convention),
                              Schedule(lr=self.rates[rule].value()), Estimate(), seed)  # fmt: skip
                out.append(
                    Entry(
                        QtCore.QCoreApplication.translate("Rule", rule_info(rule).title), c, batch
                    )
                )
        return out

    def start(self, net: Network, x: np.ndarray, y: np.ndarray, batch: int | None, seed: int,
              convention: str = "textbook") -> None:  # fmt: skip
        """A new race of the checked rules from copies of net (at update 0)."""
        self.pause()
        entries = self.entries(batch, seed, convention)
        title = self.tr("loss (full batch) of each optimizer's copy")
        if not entries:  # nothing to race: say so, keep nothing half-built
            title = self.tr("check at least one optimizer, then Start")
        self.plot.getPlotItem().setTitle(
            title, size="9pt", color="#374151" if entries else "#c92a2a"
        )
        if not entries:
            self.race = None
            for w in (self.play, self.step_button):
                w.setEnabled(False)
            self._redraw()
            return
        self.race = NetworkRace(net, x, y, entries)
        self.shown.clear()
        self.shown.addItems([e.name for e in entries])
        for w in (self.play, self.step_button):
            w.setEnabled(True)
        self._redraw()

    def advance(self, k: int) -> None:
        if self.race is not None:
            self.race.step(k)
            self._redraw()

    def pause(self) -> None:
        self.play.setChecked(False)

    def _on_play_toggled(self, on: bool) -> None:
        self.play.setText(self.tr("⏸ Pause") if on else self.tr("▶ Play"))
        if on:
            self.timer.start()
        else:
            self.timer.stop()

    def _on_timer(self) -> None:
        self.advance(STEPS_PER_TICK)

    def _redraw(self) -> None:
        for c in self.curves:
            self.plot.removeItem(c)
        self.legend.clear()
        self.curves = []
        if self.race is None:
            return
        for k, (e, losses) in enumerate(zip(self.race.entries, self.race.losses(), strict=True)):
            y = np.maximum(np.asarray(losses), 1e-12)
            pen = pg.mkPen(RUN_COLOURS[k % len(RUN_COLOURS)], width=2)
            self.curves.append(self.plot.plot(np.arange(len(y)), y, pen=pen, name=e.name))
        self._emit_shown()

    def _emit_shown(self) -> None:
        if self.race is not None and 0 <= self.shown.currentIndex() < len(self.race.trainers):
            self.sigShowNetwork.emit(self.race.trainers[self.shown.currentIndex()].net)
