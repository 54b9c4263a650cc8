"""The window in Russian: menus, the run panel, status texts and every visible label, button and
action of both tabs; View > Language remembered; en and ru screenshots of both tabs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert "скорость (импульс)" in key.texts()
    assert not any("velocity" in t or "Hessian" in t for t in key.texts())
