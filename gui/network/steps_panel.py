"""Step-through of one iteration: a strip of the steps, Back / Next, the current step's formulas
with the actual numbers, the stored values it reuses, and a scrubber through the training history."""

from __future__ import annotations

import html

from PySide6 import QtCore, QtWidgets

from core.network.steps import Step
from surfaces.i18n import QT_TRANSLATE_NOOP

KIND_COLOUR = {"input": "#495057", "forward": "#1c7ed6", "loss": "#d6336c", "backward": "#2f9e44",
               "update": "#f08c00"}  # fmt: skip
NEXT_LABEL = {"input": QT_TRANSLATE_NOOP("NetworkStepsPanel", "Forward ▶"), "forward": QT_TRANSLATE_NOOP("StepsPanel", "Forward ▶"), "loss": QT_TRANSLATE_NOOP("StepsPanel", "Backward ▶"),
              "backward": QT_TRANSLATE_NOOP("NetworkStepsPanel", "Backward ▶"), "update": QT_TRANSLATE_NOOP("StepsPanel", "Update ▶")}  # fmt: skip


def short(step: Step) -> str:
    """The strip's label of a step: x, F1, L, B2, U."""
    return {"input": "x", "loss": "L", "update": "U"}.get(
        step.kind, f"{step.kind[0].upper()}{step.layer}"
    )


class NetworkStepsPanel(QtWidgets.QWidget):
    """The step-through; signals carry step, sample and snapshot indices."""

    sigForwardRequested = QtCore.Signal()  # the next step (an update past the last one)
    sigBackRequested = QtCore.Signal()
    sigStepClicked = QtCore.Signal(int)  # a step of the strip
    sigSampleChosen = QtCore.Signal(int)  # the example shown (0-based)
    sigScrubbed = QtCore.Signal(int)  # the training-history snapshot shown

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = QtWidgets.QHBoxLayout()
        self.strip.setSpacing(3)
        self.chips: list[QtWidgets.QPushButton] = []
        self.back = QtWidgets.QPushButton(self.tr("◀ Back"))
        self.next = QtWidgets.QPushButton(self.tr("Forward ▶"))
        self.next.setDefault(True)
        self.back.setToolTip(self.tr("show the previous forward / backward step"))
        self.next.setToolTip(
            self.tr("compute and show the next forward / backward step for this example")
        )
        self.next.setMinimumWidth(110)
        self.sample = QtWidgets.QSpinBox()
        self.sample.setPrefix(self.tr("sample "))
        self.sample.setToolTip(
            self.tr("the training example whose numbers are shown (click a data point too)")
        )
        self.strip.addStretch(1)
        top = QtWidgets.QHBoxLayout()
        self.where = QtWidgets.QLabel("")
        self.where.setStyleSheet("color:#495057")
        top.addWidget(self.where, 1)
        top.addWidget(self.sample)
        top.addWidget(self.back)
        top.addWidget(self.next)
        # What the step reuses and stores: above the formulas, never scrolled out of sight.
        self.reused_label = QtWidgets.QLabel("")
        self.reused_label.setWordWrap(True)
        self.reused_label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.text = QtWidgets.QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setMinimumHeight(150)
        self.scrub = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.scrub.setToolTip(
            self.tr("scrub through the training history (training resumes from the newest)")
        )
        self.scrub_label = QtWidgets.QLabel(self.tr("update 0"))
        self.scrub_label.setMinimumWidth(120)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(QtWidgets.QLabel(self.tr("history")))
        bottom.addWidget(self.scrub, 1)
        bottom.addWidget(self.scrub_label)
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.strip)
        lay.addLayout(top)
        lay.addWidget(self.reused_label)
        lay.addWidget(self.text, 1)
        lay.addLayout(bottom)
        self.back.clicked.connect(self.sigBackRequested)
        self.next.clicked.connect(self.sigForwardRequested)
        self.sample.valueChanged.connect(lambda v: self.sigSampleChosen.emit(int(v) - 1))
        self.scrub.valueChanged.connect(self.sigScrubbed)

    def set_steps(self, steps: list[Step], index: int, n_samples: int, sample: int) -> None:
        """Show the strip, the current step and its numbers (no signals)."""
        if [short(s) for s in steps] != [c.text() for c in self.chips]:
            for c in self.chips:
                self.strip.removeWidget(c)
                c.deleteLater()
            self.chips = []
            for i, s in enumerate(steps):
                c = QtWidgets.QPushButton(short(s))
                c.setFixedWidth(30)
                c.setToolTip(s.title)
                c.clicked.connect(lambda _=False, k=i: self.sigStepClicked.emit(k))
                self.strip.insertWidget(i, c)
                self.chips.append(c)
        for i, (c, s) in enumerate(zip(self.chips, steps, strict=True)):
            col = KIND_COLOUR[s.kind]
            if i == index:
                c.setStyleSheet(
                    f"background:{col}; color:white; font-weight:600; border-radius:4px;"
                )
            else:
                c.setStyleSheet(
                    f"color:{col}; border:1px solid {col}; border-radius:4px; background:white;"
                )
        step = steps[index]
        nxt = steps[index + 1] if index + 1 < len(steps) else steps[-1]
        self.next.setText(
            self.tr("Update ▶") if step.kind == "update" else self.tr(NEXT_LABEL[nxt.kind])
        )
        self.back.setEnabled(index > 0)
        self.where.setText(self.tr("step {v0} of {v1}").format(v0=index + 1, v1=len(steps)))
        self.sample.blockSignals(True)
        self.sample.setRange(1, max(1, n_samples))
        self.sample.setValue(sample + 1)
        self.sample.blockSignals(False)
        self.text.setHtml(self._html(step))
        self.reused_label.setText(self._reused_html(step))
        self.reused_label.setVisible(bool(step.reused or step.stored))

    @staticmethod
    def _html(step: Step) -> str:
        col = KIND_COLOUR[step.kind]
        out = [
            f"<div style='font-size:11pt; font-weight:600; color:{col}'>{html.escape(step.title)}</div>"
        ]
        mono = "font-family:'DejaVu Sans Mono', monospace; font-size:9.5pt; white-space:pre-wrap; margin:0"
        out += [f'<p style="{mono}">{html.escape(line)}</p>' for line in step.lines]
        return "\n".join(out)

    @staticmethod
    def _reused_html(step: Step) -> str:
        out = []
        if step.reused:
            chips = " ".join(
                f"<span style='background:#fff3bf; color:#5c3c00'>&nbsp;♻ {html.escape(r)}&nbsp;</span>"
                for r in step.reused
            )
            reused = QtCore.QCoreApplication.translate(
                "NetworkStepsPanel", "reused, not recomputed:"
            )
            out.append(f"<b>{reused}</b> {chips}")
        if step.stored:
            stored = ", ".join(html.escape(s) for s in step.stored)
            later = QtCore.QCoreApplication.translate("NetworkStepsPanel", "stored for later:")
            out.append(f"<span style='color:#495057'><b>{later}</b> {stored}</span>")
        return " &nbsp; ".join(out)

    def set_history(self, count: int, index: int, t: int) -> None:
        self.scrub.blockSignals(True)
        self.scrub.setRange(0, max(0, count - 1))
        self.scrub.setValue(index)
        self.scrub.blockSignals(False)
        self.scrub_label.setText(
            self.tr("update {t}").format(t=t)
            if index == count - 1
            else self.tr("update {t}  (past)").format(t=t)
        )
