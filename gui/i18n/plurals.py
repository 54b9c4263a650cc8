"""Counted words for code outside a QObject: "%n step(s)" becomes 1 шаг, 2 шага, 5 шагов in
Russian (Qt picks the plural form from the translation's rules). Methods of a QObject class, so
``self.tr`` carries the count and lupdate sees the plural."""

from __future__ import annotations

from PySide6.QtCore import QObject


class Plurals(QObject):
    def steps(self, n: int) -> str:
        return self.tr("%n step(s)", "", n)

    def outcomes(self, n: int) -> str:
        return self.tr("%n outcome(s)", "", n)

    def more_attractors(self, n: int) -> str:
        return self.tr("%n more attractor(s)", "", n)

    def settings(self, n: int) -> str:
        return self.tr("%n setting(s)", "", n)

    def starts(self, n: int) -> str:
        return self.tr("%n start(s)", "", n)


plurals = Plurals()
