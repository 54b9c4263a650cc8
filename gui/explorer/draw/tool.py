"""DrawTool: draw mode on the Explorer's plot. Drag to dig a well (or raise a hill), drag a bump's
dot to move it, wheel to change the brush (or the bump under the cursor), Del to delete.

The drawing is a DrawnSurface on top of the surface in use; its DrawnGrid keeps the heatmap
values up to date bump by bump, and every edit goes through a QUndoStack (one drag = one step).
While draw mode is on, the plot's mouse events are taken here, so clicks never restart runs.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from gui.explorer.draw.commands import RESIZE_ID, BumpEdit
from gui.explorer.draw.items import RING_SIGMAS, DrawItems
from surfaces.base import SurfaceError
from surfaces.drawn import Bump, DrawnGrid, DrawnSurface
from surfaces.i18n import QT_TRANSLATE_NOOP

SEARCH_DELAY_MS = 250  # critical points are searched once edits pause this long
HANDLE_PX = 9  # a press this close to a bump's dot grabs the bump
BRUSH_FRACTION = 0.06  # brush width σ as a fraction of the domain's shorter side
DRAW_TIP = QT_TRANSLATE_NOOP(
    "DrawTool",
    "Draw mode (D): press on the surface and drag — the longer the drag, the deeper the well\n"
    "(or the higher the hill); a plain click adds one of the brush's size. Drag a bump's dot to\n"
    "move it, click a dot to select it, mouse wheel over it to resize it, Del/Backspace deletes\n"
    "it, Esc deselects. Elsewhere the wheel changes the brush width (the dashed circle).\n"
    "Ctrl+Z / Ctrl+Shift+Z undo and redo. Clicks do not restart runs while drawing; press D\n"
    "again to leave (zoom and pan come back).",
)


class DrawTool(QObject):
    """Owns the drawing, its grid and its undo stack; talks to the controller and the plot."""

    sigMessage = Signal(str)
    sigModeChanged = Signal(bool)

    def __init__(self, controller, plot, grid_n: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller, self.plot, self.grid_n = controller, plot, grid_n
        self.drawing: DrawnSurface | None = None
        self.grid: DrawnGrid | None = None
        self.selected: int | None = None
        self.brush_fraction = BRUSH_FRACTION
        self.hill = False
        self._drag: dict | None = None
        self._cursor: tuple[float, float] | None = None
        self.stack = QUndoStack(self)
        self.items = DrawItems(plot.plot)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._on_search_timer_timeout)
        self.actions = self._make_actions()
        controller.sigSurfaceChanged.connect(self._on_surface_changed)
        plot.viewport().installEventFilter(self)

    def _make_actions(self) -> dict[str, QAction]:
        draw = QAction(self.tr("Draw"), self)
        draw.setCheckable(True)
        draw.setShortcut(QKeySequence("D"))
        draw.setToolTip(self.tr(DRAW_TIP))
        draw.setStatusTip(self.tr("Draw mode: drag to dig wells or raise hills (D)"))
        draw.toggled.connect(self.set_active)
        hill = QAction(self.tr("Hill"), self)
        hill.setCheckable(True)
        hill.setToolTip(self.tr("Off: drawing digs wells (▼). On: drawing raises hills (▲)."))
        hill.toggled.connect(self._on_hill_toggled)
        undo = self.stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        undo.setToolTip(self.tr("Undo the last edit of the drawing (Ctrl+Z)"))
        redo = self.stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.setToolTip(self.tr("Redo (Ctrl+Shift+Z)"))
        delete = QAction(self.tr("Delete bump"), self)
        delete.setShortcut(QKeySequence("Backspace"))
        delete.setToolTip(self.tr("Delete the selected bump (Del or Backspace)"))
        delete.triggered.connect(self.delete_selected)
        deselect = QAction(self.tr("Deselect bump"), self)
        deselect.setShortcut(QKeySequence("Escape"))
        deselect.triggered.connect(lambda: self._select(None))
        return {"draw": draw, "hill": hill, "undo": undo, "redo": redo, "delete_bump": delete,
                "deselect_bump": deselect}  # fmt: skip

    # --- mode ---------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.actions["draw"].isChecked()

    def set_active(self, on: bool) -> None:
        if self.actions["draw"].isChecked() != on:
            self.actions["draw"].setChecked(on)  # comes back here through toggled
            return
        self._drag = None
        self.items.set_active(on)
        vp = self.plot.viewport()
        if on:
            vp.setCursor(Qt.CursorShape.CrossCursor)
        else:
            vp.unsetCursor()
        self._show_items()
        if on:
            self.sigMessage.emit(
                self.tr("Draw mode: drag to dig a well, wheel sets the brush (D leaves)")
            )
        self.sigModeChanged.emit(on)

    def _on_hill_toggled(self, on: bool) -> None:
        self.hill = on
        self.actions["hill"].setText(self.tr("Hill") if on else self.tr("Well"))
        self._show_brush()

    # --- the drawing ---------------------------------------------------------------------------
    def _ensure_drawing(self) -> bool:
        """Start drawing on the surface in use (or adopt it if it is a drawing already)."""
        s = self.controller.surface
        if self.drawing is not None and s is self.drawing:
            return True
        try:
            drawing = s if isinstance(s, DrawnSurface) else DrawnSurface(s, domain=s.domain)
        except SurfaceError as e:
            self.sigMessage.emit(str(e))
            return False
        self.stack.clear()
        self.drawing = drawing
        self.grid = DrawnGrid(drawing, n=self.grid_n)
        self.selected = None
        return True

    def _on_surface_changed(self, *_: object) -> None:
        """Another surface was chosen: the drawing and its history no longer apply."""
        if self.drawing is not None and self.controller.surface is not self.drawing:
            self.drawing, self.grid, self.selected, self._drag = None, None, None, None
            self.stack.clear()
        self._show_items()

    def replace_bump(self, i: int, old: Bump | None, new: Bump | None) -> None:
        """Apply one edit (the undo commands call this): add, change or remove bump i."""
        self._edit(i, old, new)
        self._show()

    def _edit(self, i: int, old: Bump | None, new: Bump | None) -> None:
        g, d = self.grid, self.drawing
        assert g is not None and d is not None
        if old is None and new is not None:
            g.add_bump(new)
            if i != len(d.bumps) - 1:  # back where it was (undoing a delete): exact order
                d.bumps.insert(i, d.bumps.pop())
                d.revision += 1
        elif new is None:
            g.remove_bump(i)
        else:
            g.set_bump(i, new)
        if self.selected is not None and self.selected >= len(d.bumps):
            self.selected = None

    def _show(self) -> None:
        """Show the edited drawing now; the critical-point search waits until edits pause."""
        assert self.drawing is not None and self.grid is not None
        c = self.controller
        # No search per edit: the timer below starts one when edits pause (see module doc).
        c.set_surface(self.drawing, values=self.grid.z, keep_starts=True, search=False)
        self.search_timer.start()
        self._show_items()

    def _on_search_timer_timeout(self) -> None:
        if self.drawing is not None and self.controller.surface is self.drawing:
            self.controller.search_critical()

    def _show_items(self) -> None:
        if self.active:
            self.items.show_bumps(self.drawing.bumps if self.drawing else [], self.selected)

    def _select(self, i: int | None) -> None:
        self.selected = i
        self._show_items()

    def delete_selected(self) -> bool:
        """Delete the selected bump (one undo step); False if none is selected."""
        d, i = self.drawing, self.selected
        if not self.active or d is None or i is None or i >= len(d.bumps):
            return False
        self.selected = None
        self.stack.push(BumpEdit(self, i, d.bumps[i], None, self.tr("Delete bump")))
        return True

    def shutdown(self) -> None:
        """No search may start after the window is gone."""
        self.search_timer.stop()

    # --- mouse ----------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if not self.active:
            return False
        t = ev.type()
        if t == QEvent.Type.MouseMove:
            self._on_mouse_moved(ev.position())
            return self._drag is not None
        if t in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            if ev.button() == Qt.MouseButton.LeftButton:
                if t == QEvent.Type.MouseButtonPress:
                    self._on_pressed(ev.position())
                return True
            return False
        if t == QEvent.Type.MouseButtonRelease and ev.button() == Qt.MouseButton.LeftButton:
            self._on_released(ev.position())
            return True
        if t == QEvent.Type.Wheel:
            self._on_wheel(ev.position(), ev.angleDelta().y() / 120)
            return True
        if t == QEvent.Type.Leave:
            self._cursor = None
            self.items.hide_brush()
        return False

    def _to_data(self, pos: QPointF) -> tuple[float, float] | None:
        scene = self.plot.mapToScene(pos.toPoint())
        if not self.plot.vb.sceneBoundingRect().contains(scene):
            return None
        p = self.plot.vb.mapSceneToView(scene)
        return float(p.x()), float(p.y())

    def _handle_at(self, pos: QPointF) -> int | None:
        """The bump whose dot is under the cursor (the nearest within HANDLE_PX)."""
        if self.drawing is None or self.controller.surface is not self.drawing:
            return None
        best, best_d = None, float(HANDLE_PX)
        for i, b in enumerate(self.drawing.bumps):
            q = self.plot.data_to_widget(b.x, b.y)
            d = float(np.hypot(q.x() - pos.x(), q.y() - pos.y()))
            if d <= best_d:
                best, best_d = i, d
        return best

    def brush_width(self) -> float:
        x0, x1, y0, y1 = self.controller.surface.domain
        return self.brush_fraction * min(x1 - x0, y1 - y0)

    def _relief(self) -> float:
        """The surface's typical relief (median − low end of f on the grid): the height scale."""
        assert self.grid is not None
        z = self.grid.z[::8, ::8]
        z = z[np.isfinite(z)]
        relief = float(np.median(z) - np.quantile(z, 0.02)) if z.size else 1.0
        return relief if relief > 0 else 1.0

    def _magnitude(self, relief: float, drag_px: float) -> float:
        """Bump height for a drag of drag_px pixels: 0.3 relief for a click, growing with the
        drag (a drag across the whole plot adds 2 reliefs)."""
        plot_px = max(1.0, float(self.plot.vb.sceneBoundingRect().height()))
        return relief * (0.3 + 2.0 * drag_px / plot_px)

    def _on_pressed(self, pos: QPointF) -> None:
        p = self._to_data(pos)
        if p is None:
            return
        i = self._handle_at(pos)
        if i is not None:
            assert self.drawing is not None
            self._select(i)
            self._drag = {"kind": "move", "i": i, "at": p, "old": self.drawing.bumps[i],
                          "moved": False}  # fmt: skip
            return
        if not self._ensure_drawing():
            return
        assert self.grid is not None
        sign = 1.0 if self.hill else -1.0
        relief = self._relief()
        bump = Bump(p[0], p[1], sign * self._magnitude(relief, 0.0), self.brush_width())
        i = self.grid.add_bump(bump)
        self.selected = i
        self._drag = {"kind": "new", "i": i, "at": p, "px": pos, "sign": sign, "relief": relief}
        self._show()

    def _on_mouse_moved(self, pos: QPointF) -> None:
        self._cursor = self._to_data(pos)
        self._show_brush()
        drag = self._drag
        if drag is None or self.drawing is None:
            return
        i = drag["i"]
        b = self.drawing.bumps[i]
        if drag["kind"] == "move":
            if self._cursor is None:
                return
            dx, dy = self._cursor[0] - drag["at"][0], self._cursor[1] - drag["at"][1]
            old = drag["old"]
            new = Bump(old.x + dx, old.y + dy, old.height, old.width)
            drag["moved"] = True
        else:
            d = float(np.hypot(pos.x() - drag["px"].x(), pos.y() - drag["px"].y()))
            new = Bump(b.x, b.y, drag["sign"] * self._magnitude(drag["relief"], d), b.width)
        self._edit(i, b, new)
        self._show()

    def _on_released(self, pos: QPointF) -> None:
        self._on_mouse_moved(pos)
        drag, self._drag = self._drag, None
        if drag is None or self.drawing is None:
            return
        i = drag["i"]
        now = self.drawing.bumps[i]
        # Put the drawing back as it was before the drag; the command then applies the edit.
        if drag["kind"] == "move":
            if not drag["moved"] or now == drag["old"]:
                return
            self._edit(i, now, drag["old"])
            self.stack.push(BumpEdit(self, i, drag["old"], now, self.tr("Move bump")))
        else:
            self._edit(i, now, None)
            self.stack.push(BumpEdit(self, i, None, now, self.tr("Add hill") if now.height > 0
                                     else self.tr("Dig well")))  # fmt: skip
            self.selected = i
            self._show_items()

    def _on_wheel(self, pos: QPointF, notches: float) -> None:
        factor = 1.15**notches
        p = self._to_data(pos)
        d, i = self.drawing, self.selected
        if p is not None and d is not None and i is not None and i < len(d.bumps):
            b = d.bumps[i]
            if np.hypot(p[0] - b.x, p[1] - b.y) <= RING_SIGMAS * b.width:
                new = Bump(b.x, b.y, b.height, b.width * factor)
                self.stack.push(BumpEdit(self, i, b, new, self.tr("Resize bump"), RESIZE_ID))
                return
        self.brush_fraction = float(np.clip(self.brush_fraction * factor, 0.01, 0.4))
        self._show_brush()

    def _show_brush(self) -> None:
        if self.active and self._cursor is not None and self._drag is None:
            self.items.show_brush(*self._cursor, self.brush_width(), self.hill)
        else:
            self.items.hide_brush()
