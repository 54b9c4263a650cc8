"""The window in Russian: menus, the run panel, status texts and every visible label, button and
action of both tabs; View > Language remembered; en and ru screenshots of both tabs; the places a
first-time user found English, the decimal dot or cut text (texts core builds, help, Network
bars, plot ticks, status notes, hint and what-if panels beside a dock, the toolbar at 1280 px)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
# Names that stay as they are in Russian: optimizers, libraries, formats, keys, functions, units.
KEEP = {
    "Adam", "AdamW", "AMSGrad", "AdaGrad", "RMSprop", "Momentum", "GD", "SGD", "SGDR", "CLR",
    "PyTorch", "torch", "optim", "ReLU", "MSE", "tanh", "sigmoid", "relu", "xavier", "he",
    "CSV", "JSON", "PNG", "SVG", "GIF", "MP4", "Ctrl", "Shift", "Del", "Esc", "Backspace",
    "log", "sin", "cos", "exp", "max", "min", "lr", "px", "xor", "circles", "moons", "spiral",
    "Li", "al", "CS231n", "Xvfb", "OpenGL", "PyOpenGL", "GloVe", "xcb", "QT_QPA_PLATFORM",
    "base", "English", "T_mult", "η_min", "f_min", "v_max", "centered", "True",
}  # fmt: skip


def _english_words(text: str) -> list[str]:
    plain = re.sub(r"<[^>]+>|&\w+;|#[0-9a-fA-F]{6}\b", " ", text)  # tags, entities, colours
    # key names, commands in backquotes and a file's column names (files stay English)
    plain = re.sub(r"\bF\d+\b|`[^`]*`|\(step, x, y, loss, lr,", " ", plain)
    words = re.findall(r"[A-Za-z][A-Za-z0-9_]*", plain)
    return [w for w in words if len(w) >= 3 and w not in KEEP]


def _left_in_english(win) -> list[tuple[str, str]]:
    from PySide6.QtWidgets import QLabel, QPushButton, QToolBar, QToolButton

    found = []
    for w in (
        win.findChildren(QLabel) + win.findChildren(QPushButton) + win.findChildren(QToolButton)
    ):
        if w.isVisibleTo(win) and _english_words(w.text()):
            found.append((type(w).__name__, w.text()))
    actions, menus = [], [a.menu() for a in win.menuBar().actions() if a.menu()]
    actions += win.menuBar().actions()
    while menus:  # every menu and submenu of the menu bar
        m = menus.pop()
        actions += m.actions()
        menus += [a.menu() for a in m.actions() if a.menu()]
    for tb in win.findChildren(QToolBar):
        actions += tb.actions()
    for a in actions:
        if not a.isVisible() or a.isSeparator():
            continue
        if _english_words(a.text().replace("&", "")):
            found.append(("QAction", a.text()))
        if a.toolTip() != a.text() and _english_words(a.toolTip()):
            found.append(("tooltip", a.toolTip()))
    return found


@pytest.fixture
def russian_window(qapp, qtbot, tmp_path, monkeypatch):
    """A main window built in Russian (the language is installed before the window is built,
    as main.py does), with its tools; English again afterwards."""
    from PySide6.QtTest import QTest

    from gui.i18n import language
    from gui.main_window import MainWindow

    monkeypatch.setenv("GDE_DATA_DIR", str(tmp_path / "data"))
    language.start("ru")
    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    assert QTest.qWaitForWindowExposed(win)
    win.install_extras()
    yield win
    win.shutdown()
    win.close()
    win.deleteLater()
    qapp.processEvents()
    language.start("en")


def test_the_window_in_russian(russian_window, qtbot) -> None:
    win = russian_window
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus == ["&Файл", "&Правка", "&Поверхность", "&Гонка", "&Запуски", "&Вид", "&Справка"]
    runs = win.explorer.runs
    assert [runs.add_button.text(), runs.dup_button.text(), runs.remove_button.text()] == [
        "Добавить", "Дублировать", "Удалить",
    ]  # fmt: skip
    labels = [
        runs.form.itemAt(i, runs.form.ItemRole.LabelRole) for i in range(runs.form.rowCount())
    ]
    assert "метод" in [x.widget().text() for x in labels if x is not None and x.widget()]
    assert runs.estimate.itemText(0) == "полный батч (GD)"
    assert win.explorer.actions["play"].text() == "Пуск"
    assert win.tabs.tabText(0) == "Исследователь" and win.tabs.tabText(1) == "Сеть"
    # a status text: run the race until a run converges, read the legend
    race = win.explorer.controller.race
    race.step(399)
    win.explorer.controller.step_once()  # one step through the controller: the legend refreshes
    qtbot.waitUntil(
        lambda: win.explorer.legend.rowCount() == 3
        and "сошёлся: глобальный минимум" in
        [win.explorer.legend.value(r, "status") for r in range(3)],
        timeout=5000,
    )  # fmt: skip
    assert win.explorer.legend.horizontalHeaderItem(6).text() == "состояние"
    left = _left_in_english(win)
    assert left == [], "\n".join(map(str, left))
    win.show_tab("network")
    qtbot.waitUntil(lambda: win.network is not None and win.network.isVisible(), timeout=5000)
    assert win.network.train.title() == "Обучение"
    left = _left_in_english(win)
    assert left == [], "\n".join(map(str, left))
    win.show_tab("explorer")


def test_russian_numbers_in_the_legend_and_the_dot_in_the_rate_box(russian_window, qtbot) -> None:
    from PySide6.QtCore import Qt

    win = russian_window
    qtbot.waitUntil(lambda: win.explorer.legend.rowCount() == 3, timeout=5000)
    lrs = {win.explorer.legend.value(r, "lr") for r in range(3)}
    assert lrs == {"0,01", "0,004", "0,1"}
    box = win.explorer.runs.hyper.lr.box
    for typed, want in (("0.02", 0.02), ("0,03", 0.03)):
        box.selectAll()
        qtbot.keyClicks(box, typed)
        qtbot.keyClick(box, Qt.Key.Key_Return)
        key = win.explorer.controller.race.selected.key
        qtbot.waitUntil(
            lambda k=key, w=want: (
                win.explorer.controller.race.racer(k).config.schedule.lr == pytest.approx(w)
            ),
            timeout=3000,
        )
    assert box.text() == "0,03"


def test_view_language_is_remembered(main_window, tmp_path, monkeypatch) -> None:
    from gui.i18n import language
    from gui.i18n.menu import settings

    menu = main_window.language_menu
    assert [a.text() for a in menu.actions_by_lang.values()] == ["English", "Русский"]
    assert "после перезапуска" in menu.note.text() or "restart" in menu.note.text()
    try:
        menu.actions_by_lang["ru"].trigger()
        assert settings().value(language.SETTINGS_KEY) == "ru"
        assert language.saved_language(settings()) == "ru"
        assert menu.actions_by_lang["ru"].isChecked()
        assert "Restart" in main_window.statusBar().currentMessage()
    finally:
        menu.actions_by_lang["en"].trigger()
    assert language.saved_language(settings()) == "en"


def _screenshot(path: Path, tab: str, lang: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDE_NO_AUTOSAVE="1")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--screenshot", str(path), "--tab", tab,
         "--lang", lang, "--size", "1280x800"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=180,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("tab", ["explorer", "network"])
def test_en_and_ru_screenshots_of_each_tab_differ_and_are_not_blank(tmp_path, tab) -> None:
    import numpy as np
    from PySide6.QtGui import QImage

    pictures = {}
    for lang in ("en", "ru"):
        out = tmp_path / f"{tab}-{lang}.png"
        r = _screenshot(out, tab, lang)
        assert r.returncode == 0, r.stderr
        img = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB32)
        assert (img.width(), img.height()) == (1280, 800)
        buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
        pictures[lang] = buf.reshape(800, -1)[:, : 4 * 1280].astype(np.int16)
        assert pictures[lang].std() > 20  # a picture, not a flat colour
    # the menu bar (top rows) carries different words
    top = np.abs(pictures["en"][:24] - pictures["ru"][:24]).mean()
    assert top > 1.0


@pytest.mark.slow
def test_the_window_starts_in_the_language_chosen_last_time(tmp_path) -> None:
    """View > Language's choice, saved in the settings, is the language of the next start."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "ui.ini").write_text("[ui]\nlanguage=ru\n")
    code = (
        "import sys; from PySide6.QtCore import QTimer; from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv[:1])\n"
        "def show():\n"
        "    print([w.windowTitle() for w in app.topLevelWidgets() if w.inherits('QMainWindow')])\n"
        "    app.quit()\n"
        "QTimer.singleShot(800, show)\n"
        "from gui.app import run_app; sys.exit(run_app(None, 'explorer', (900, 600)))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDE_DATA_DIR=str(data), LANG="en_US.UTF-8",
               LC_ALL="en_US.UTF-8")  # fmt: skip
    r = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                       text=True, timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "Исследователь градиентного спуска" in r.stdout


def test_the_arrows_key_on_the_plot_is_russian(russian_window, qtbot) -> None:
    """The key is drawn on the plot (a pyqtgraph legend, not a widget the scan above reads)."""
    key = russian_window.explorer.plot.overlays.key
    qtbot.waitUntil(lambda: bool(key.texts()), timeout=5000)
    assert "инерция h (Momentum)" in key.texts()  # velocity: the lecture's word, not speed
    assert not any("velocity" in t or "Hessian" in t for t in key.texts())


# --- where a first-time user found English, the decimal dot or cut text ----------------------
DOT = re.compile(r"\d\.\d")  # a decimal dot: Russian writes 0,05


def _racer(c, name: str):
    return next(r for r in c.racers if r.name == name)


def test_surface_switch_run_names_and_descriptions_in_russian(russian_window) -> None:
    from surfaces.formula.surface import FormulaSurface

    win = russian_window
    c = win.explorer.controller
    c.edit_run(_racer(c, "GD").key, {"lr": 7.38})
    c.set_surface_name("linear_regression")
    QApplication.processEvents()
    notice = win.surface_notice.text.text()
    assert "GD: с η = 7,38 здесь расходится на шаге" in notice and "η = 0,05" in notice
    assert _english_words(notice) == [] and not DOT.search(notice)
    text = win.explorer.description.text()
    assert "случайным точкам" in text and _english_words(text) == []
    mom = _racer(c, "Momentum").key
    c.edit_run(mom, {"estimate_kind": "noise", "sigma": 0.1})
    assert c.race.racer(mom).name == "Momentum (шум σ=0,1)"
    c.set_surface(FormulaSurface("x**2 + y**2"))
    assert win.explorer.description.text() == "Ваша формула: f(x, y) = x**2 + y**2"
    c.set_surface_name("local_vs_global")
    text = win.explorer.description.text()
    assert "Боб" not in text and "чилит" not in text and "(−0,59)" in text
    assert [b.text() for b in win.explorer.formula.domain] == ["-2,5", "2,5", "-1,5", "2,5"]


def test_snap_hints_and_the_explain_step_in_russian(russian_window) -> None:
    win = russian_window
    c, plot = win.explorer.controller, win.explorer.plot
    c.set_surface_name("saddle")
    QApplication.processEvents()
    hint = plot.snap_hint(0.001, 0.5)
    assert hint.strip(" ·") == "Ctrl+щелчок: начало точно на оси x = 0"
    labels = [line.label for line in plot.snap_lines]
    assert labels and all(_english_words(t) == [] for t in labels)
    gd = _racer(c, "GD")
    c.edit_run(gd.key, {"lr": 0.05})
    c.restart_at(0.3, 1.5)
    rows = c.explain(gd.key).lines
    assert "η = lr(0) = 0,05" in rows
    assert not any(DOT.search(r) for r in rows), rows
    assert any(r.startswith("итог: w = (0,") for r in rows), rows
    c.add_start(1.0, 1.0)  # a second start: the legend names each run's starts
    names = [row[2] for row in c.race.readouts()[0]]
    assert "GD · начало 2" in names and not any("start" in n for n in names)


def test_help_basins_and_the_network_tab_in_russian(russian_window, qtbot) -> None:
    import pyqtgraph as pg

    from gui.analysis.basins_panel import BasinsPanel
    from gui.help_keys import help_html

    win = russian_window
    html = help_html(win)
    assert "<h3>Мышь</h3>" in html and "<h3>Клавиатура</h3>" in html
    assert "Shift+щелчок" in html and "Ctrl+щелчок" in html and "Mouse" not in html
    c = win.explorer.controller
    c.edit_run(c.selected.key, {"lr": 7.38})
    panel = win.findChild(BasinsPanel)
    panel._on_runs_changed()
    assert "η 7,38" in panel.run_label.text()
    assert pg.AxisItem("left").tickStrings([0.5, 1.0, 1.5], 1.0, 0.5) == ["0,5", "1,0", "1,5"]
    win.show_tab("network")
    qtbot.waitUntil(lambda: win.network is not None and win.network.isVisible(), timeout=5000)
    norms = win.network.norms
    norms.set_norms([0.01212, 0.001178])
    assert [t.textItem.toPlainText() for t in norms.labels] == ["0,01212", "0,001178"]
    ticks = norms.plot.getPlotItem().getAxis("bottom")._tickLevels[0]
    assert [label for _, label in ticks] == ["слой 1", "слой 2"]
    for mode in ("weights", "directions"):
        s = win.network.ctl.slice_surface(mode)
        for text in (s.title, s.description, *s.axis_labels):
            words = _english_words(text.replace("Li et al.", ""))
            assert set(words) <= {"mse", "bce"}, text  # the loss's code name, as its menu
    assert win.network.ctl.slice_surface("weights").title.startswith("Потери сети по W1[1,1]")
    from core.network.steps import mat, vec
    from gui.network.diagram import _short

    assert (vec([0.5, -1.25]), mat([[0.5, 1], [2, -0.25]])) == (
        "[0,5; −1,25]",
        "[0,5  1; 2  −0,25]",
    )
    assert _short(0.42) == "0,42"  # a neuron's number in the diagram
    win.show_tab("explorer")


def test_the_russian_toolbar_fits_1280_px(russian_window) -> None:
    """Every toolbar action (What-if and Swarm too, added last) is shown, none behind the »."""
    from PySide6.QtWidgets import QToolButton

    win = russian_window
    assert win.width() == 1280
    tb = win.toolbar
    QApplication.processEvents()
    hidden = [a.iconText() for a in tb.actions()
              if not a.isSeparator() and not tb.widgetForAction(a).isVisible()]  # fmt: skip
    assert hidden == []
    ext = tb.findChild(QToolButton, "qt_toolbar_ext_button")
    assert ext is None or not ext.isVisible()
    assert {"Что если", "Рой", "инерция", "Лог. шкала"} <= {a.iconText() for a in tb.actions()}


def test_russian_hints_fit_beside_the_lessons_dock(russian_window, qtbot) -> None:
    """With the Lessons dock beside a narrowed plot the first hint and the what-if panel fit
    over the plot; the status-bar notes fit a 1280-px bar beside the cursor readout."""
    win = russian_window
    win.show_lessons()
    qtbot.waitUntil(lambda: win.plot_room.stepped_aside, timeout=5000)
    bar = win.statusBar()
    fm = bar.fontMetrics()
    note = bar.currentMessage()
    hint = win.explorer.plot.snap_hint(0.001, 0.5)
    readout = "x = -0,2563   y = -2,271   f = 5,10765   |∇f| = 4,583" + hint
    room = 1280 - max(win.readout.minimumWidth(), fm.horizontalAdvance(readout)) - 24
    assert note.startswith("Боковые графики скрыты") and fm.horizontalAdvance(note) <= room
    tip = win.whatif.action.statusTip()
    assert tip.startswith("«Что если» (I)") and fm.horizontalAdvance(tip) <= room
    plot = win.explorer.plot
    assert plot.width() <= 480  # as narrow as the user's (about 470 px)
    first = win.first_hint
    assert first.isVisible() and first.sizeHint().width() <= plot.width() - 16
    win.whatif.action.trigger()
    QApplication.processEvents()
    banner = win.whatif.banner
    assert banner.isVisible() and banner.x() + banner.sizeHint().width() <= plot.width()
    win.whatif.action.trigger()
