"""ExplainDialog: the next update of one run decomposed term by term, in its current convention,
with the numbers filled in. "Step" advances the race and refreshes the explanation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from core.runs.explain import Explanation


class ExplainDialog(QDialog):
    """Shows an Explanation; emits sigStepRequested when the user asks for the next step."""

    sigStepRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Explain the next step"))
        self.resize(880, 380)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.formula = QLabel()
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.formula.setFont(mono)
        self.formula.setStyleSheet("background:#eef1f6; padding:6px; border-radius:4px;")
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setFont(mono)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.step_button = buttons.addButton(
            self.tr("Step →"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.step_button.setToolTip(
            self.tr("Take this step (the whole race advances by one update)")
        )
        self.step_button.clicked.connect(self.sigStepRequested)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.header)
        lay.addWidget(self.formula)
        lay.addWidget(self.body, 1)
        lay.addWidget(buttons)

    def show_explanation(
        self, run_name: str, colour: str, ex: Explanation, starts: int = 1
    ) -> None:
        """The update of a run's first start (named so when it has several)."""
        # A run named after its rule ("Adam") would read "Adam — Adam, ...": say the rule once.
        same = ex.title.strip().lower() == run_name.strip().lower()
        if starts > 1:
            run_name = self.tr("{name} · start 1").format(name=run_name)
        head = (self.tr("<span style='color:{colour}; font-size:14pt'>■</span> <b>{run_name}</b> — the next update")
                if same else
                self.tr("<span style='color:{colour}; font-size:14pt'>■</span> <b>{run_name}</b> — {rule}, the next update"))  # fmt: skip
        rule = QCoreApplication.translate("Rule", ex.title)
        self.header.setText(head.format(colour=colour, run_name=run_name, rule=rule))
        self.formula.setText(ex.formula)
        self.body.setPlainText("\n".join(ex.lines))
