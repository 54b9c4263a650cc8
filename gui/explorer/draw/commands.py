"""Undo commands for the drawing editor: every edit is one bump replaced by another (None on
either side: added or removed), so one small class covers add, move, resize and delete."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from surfaces.drawn import Bump

RESIZE_ID = 1  # consecutive wheel steps on the same bump merge into one undo step


class Editor(Protocol):
    def replace_bump(self, i: int, old: Bump | None, new: Bump | None) -> None: ...


class BumpEdit(QUndoCommand):
    """Bump i goes from ``old`` to ``new``: (None, b) adds b at i, (b, None) removes it."""

    def __init__(self, editor: Editor, i: int, old: Bump | None, new: Bump | None, text: str,
                 merge_id: int = -1) -> None:  # fmt: skip
        super().__init__(text)
        self.editor, self.i, self.old, self.new = editor, i, old, new
        self._merge_id = merge_id

    def redo(self) -> None:
        self.editor.replace_bump(self.i, self.old, self.new)

    def undo(self) -> None:
        self.editor.replace_bump(self.i, self.new, self.old)

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Resizes of one bump in a row become one step (wheel clicks come one notch at a time)."""
        if not isinstance(other, BumpEdit) or other.i != self.i or other.old != self.new:
            return False
        self.new = other.new
        return True
