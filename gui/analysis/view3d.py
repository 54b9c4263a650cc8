"""View3D: the Explorer's surface as a rotatable 3D mesh (pyqtgraph.opengl) coloured like the
heatmap, with the live trails lifted onto it. Where OpenGL is unavailable (the offscreen platform,
no PyOpenGL, no context) it shows why instead. ``install(window)`` adds it as a separate window
toggled by View > 3D view (Ctrl+3).
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QOpenGLContext
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSlider,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from gui.analysis.view3d_scene import (
    SIDE,
    SceneMap,
    lifted,
    over_surface,
    segments,
    surface_mesh,
    thin,
)
from gui.explorer.controller import ExplorerController
from gui.explorer.heatmap import wants_log
from gui.theme import MARKER_RGB, PLOT_BG

GRID = 160  # mesh resolution per side
FRAME_S = 1 / 30  # trails redraw at most 30 times a second
NO_GL_PLATFORMS = ("offscreen", "minimal", "vnc")


def gl_unavailable_reason() -> str | None:
    """Why the 3D view cannot run here (None when it can)."""
    name = QGuiApplication.platformName()
    if name in NO_GL_PLATFORMS:
        return QCoreApplication.translate("View3D", "The 3D view is off: Qt is running on the “{name}” platform, which has no "
                "OpenGL. Run the app on a desktop (or under an X server such as Xvfb with "
                "QT_QPA_PLATFORM=xcb) to rotate the surface in 3D.").format(name=name)  # fmt: skip
    try:
        import OpenGL.GL  # noqa: F401
        import pyqtgraph.opengl  # noqa: F401
    except Exception as e:  # ImportError, or PyOpenGL failing to load a GL library
        return QCoreApplication.translate(
            "View3D", "The 3D view is off: PyOpenGL could not be loaded ({e})."
        ).format(e=e)
    ctx = QOpenGLContext()
    if not ctx.create():
        return QCoreApplication.translate(
            "View3D", "The 3D view is off: this display could not create an OpenGL context."
        )
    return None


class View3D(QWidget):
    """The 3D page of one Explorer controller: controls above a GLViewWidget (or an
    explanation)."""

    def __init__(self, controller: ExplorerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.reason: str | None = None  # why 3D is off; probed when first shown
        self._probed = False
        self._auto_log = True  # pick the log height from the surface at the next draw
        self.view = None  # the GLViewWidget when OpenGL works
        self.mesh = None
        self.scene_map: SceneMap | None = None
        self._lines: list = []
        self._heads = None
        self._critical = None  # markers of the critical points, coloured as in the 2D view
        self._dirty_surface = True
        self._last_frame = 0.0
        self.log_box = QCheckBox(self.tr("log height"))
        self.log_box.setToolTip(
            self.tr("Heights (and colours) by log(f − f_min): for surfaces with a huge range")
        )
        self.height_slider = QSlider(Qt.Orientation.Horizontal)
        self.height_slider.setRange(5, 150)
        self.height_slider.setValue(40)
        self.height_slider.setToolTip(self.tr("Vertical exaggeration"))
        self.reset_button = QPushButton(self.tr("Reset camera"))
        self.bar = QWidget()
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.log_box)
        bar.addWidget(QLabel(self.tr("height")))
        bar.addWidget(self.height_slider, 1)
        bar.addWidget(self.reset_button)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation.setStyleSheet("font-size: 12pt; color: #3b4252; padding: 24px;")
        self.stack = QStackedLayout()
        self.stack.addWidget(self.explanation)
        lay = QVBoxLayout(self)
        lay.addWidget(self.bar)
        lay.addLayout(self.stack, 1)
        self.bar.setVisible(False)
        self.log_box.toggled.connect(self._on_look_changed)
        self.height_slider.valueChanged.connect(self._on_look_changed)
        self.reset_button.clicked.connect(self.reset_camera)
        c = self.controller
        c.sigSurfaceChanged.connect(self._on_surface_changed)
        c.sigCriticalReady.connect(self._on_look_changed)
        for sig in (c.sigStepped, c.sigStartsChanged, c.sigRacersChanged):
            sig.connect(self._on_stepped)

    def _probe(self) -> None:
        """Find out whether OpenGL works and build the GL view (once, at the first show: the
        window's start-up never pays for OpenGL)."""
        if self._probed:
            return
        self._probed = True
        self.reason = gl_unavailable_reason()
        self.explanation.setText(self.reason or "")
        if self.reason is None:
            self._build_gl()
        self.bar.setVisible(self.view is not None)

    @property
    def available(self) -> bool:
        return self.view is not None

    def _build_gl(self) -> None:
        import pyqtgraph.opengl as gl

        self.view = gl.GLViewWidget()
        self.view.setBackgroundColor(pg.mkColor(PLOT_BG))
        self._heads = gl.GLScatterPlotItem(size=11, pxMode=True, glOptions="translucent")
        self.view.addItem(self._heads)
        self._critical = gl.GLScatterPlotItem(size=9, pxMode=True, glOptions="translucent")
        self.view.addItem(self._critical)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.reset_camera()

    def reset_camera(self) -> None:
        if self.view is not None:
            self.view.setCameraPosition(distance=1.55 * SIDE, elevation=32, azimuth=-60)
            self.view.opts["center"] = pg.Vector(0, 0, self._height() / 3)
            self.view.update()

    def _height(self) -> float:
        return SIDE * self.height_slider.value() / 100

    # --- surface ------------------------------------------------------------------------------
    def _on_surface_changed(self, *_: object) -> None:
        self._auto_log = True
        self._dirty_surface = True
        self.refresh()

    def _on_look_changed(self, *_: object) -> None:
        self._dirty_surface = True
        self.refresh()

    def _draw_surface(self) -> None:
        xs, ys, z = self.controller.surface.grid(GRID)
        if self._auto_log:
            self.log_box.blockSignals(True)
            self.log_box.setChecked(wants_log(z))
            self.log_box.blockSignals(False)
            self._auto_log = False
        m, X, Y, Z, colours = surface_mesh(xs, ys, z, self.log_box.isChecked(), self._height())
        self.scene_map = m
        colours = colours.reshape(-1, 4)  # the mesh wants one colour per vertex, x-major
        if self.mesh is None:  # created with data: an empty mesh item cannot be painted
            import pyqtgraph.opengl as gl

            self.mesh = gl.GLSurfacePlotItem(x=X, y=Y, z=Z, colors=colours, smooth=False,
                                             computeNormals=False, glOptions="opaque")  # fmt: skip
            self.view.addItem(self.mesh)
        else:
            self.mesh.setData(x=X, y=Y, z=Z, colors=colours)
        self._draw_critical(m)
        self._dirty_surface = False

    def _draw_critical(self, m: SceneMap) -> None:
        crit = [c for c in self.controller.race.critical if np.isfinite(c.value)]
        if not crit:
            self._critical.setData(pos=np.zeros((0, 3)))
            return
        xy = np.array([(c.x, c.y) for c in crit])
        pos = lifted(m, xy, np.array([c.value for c in crit]))
        self._critical.setData(pos=pos, color=pg.mkColor(MARKER_RGB).getRgbF())  # as in 2D

    # --- trails -------------------------------------------------------------------------------
    def _on_stepped(self, *_: object) -> None:
        now = time.perf_counter()
        if now - self._last_frame >= FRAME_S or not self.controller.playing:
            self.refresh()

    def refresh(self) -> None:
        """Redraw what changed (only while shown: a hidden 3D view costs nothing)."""
        if self.view is None or not self.isVisible():
            return
        self._last_frame = time.perf_counter()
        if self._dirty_surface:
            self._draw_surface()
        self._draw_trails()

    def trails(self) -> list[tuple[str, np.ndarray]]:
        """(colour, (n, 3) scene points) per trail of every active run."""
        m = self.scene_map
        out = []
        if m is None:
            return out
        for s in self.controller.race.active():
            tr = s.run.trajectory
            for i in range(s.run.n_points):
                xy = thin(tr.xy[i, : tr.count])
                f = thin(tr.loss[i, : tr.count, None])[:, 0]
                out.append((s.colour, lifted(m, xy, f)))
        return out

    def _draw_trails(self) -> None:
        import pyqtgraph.opengl as gl

        trails = self.trails()
        while len(self._lines) < len(trails):
            line = gl.GLLinePlotItem(width=2.5, antialias=True, mode="lines",
                                     glOptions="translucent")  # fmt: skip
            self.view.addItem(line)
            self._lines.append(line)
        heads, colours = [], []
        for line, (colour, pos) in zip(self._lines, trails, strict=False):
            rgba = pg.mkColor(colour).getRgbF()
            seg = segments(self.scene_map, pos)
            line.setData(pos=seg, color=rgba)
            line.setVisible(len(seg) > 0)
            if len(pos) and over_surface(self.scene_map, pos[-1:])[0]:
                heads.append(pos[-1])
                colours.append(rgba)
        for line in self._lines[len(trails) :]:
            line.setVisible(False)
        if heads:
            self._heads.setData(pos=np.array(heads), color=np.array(colours))
        else:
            self._heads.setData(pos=np.zeros((0, 3)))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._probe()
        self.refresh()

    def grab_image(self):
        """The rendered frame (the GL framebuffer), or a grab of the explanation."""
        if self.view is not None:
            self.refresh()
            return self.view.grabFramebuffer()
        return self.grab().toImage()


class View3DWindow(QWidget):
    """A top-level window holding a View3D; its checkable ``action`` shows and hides it."""

    def __init__(self, controller: ExplorerController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Gradient Descent Explorer — 3D view"))
        self.resize(900, 700)
        self.view3d = View3D(controller)
        QVBoxLayout(self).addWidget(self.view3d)
        self.action = QAction(self.tr("3D view"), self)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+3"))
        self.action.setToolTip(self.tr("The surface and the live trails in 3D, rotatable (Ctrl+3)"))
        # Ctrl+3 works from any window of the app (the 3D window itself closes with it, a floating
        # dock or the Lessons panel having the focus does not swallow it).
        self.action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action.toggled.connect(self._on_action_toggled)

    def _on_action_toggled(self, on: bool) -> None:
        self.setVisible(on)
        if on:  # in front, with the keyboard: a window opened behind looks like nothing happened
            self.raise_()
            self.activateWindow()

    def closeEvent(self, event) -> None:
        self.action.setChecked(False)  # closed with the title-bar button: untick the menu item
        super().closeEvent(event)


def install(window: QMainWindow) -> View3DWindow:
    """The 3D window of the Explorer, toggled by View > 3D view (Ctrl+3)."""
    from gui.analysis.basins_panel import view_menu

    holder = View3DWindow(window.explorer.controller, window)
    view_menu(window).addAction(holder.action)
    window.addAction(holder.action)  # the shortcut works while the main window has focus
    return holder
