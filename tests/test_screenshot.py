"""`main.py --screenshot` in a fresh process: exit code 0 and a picture that is not blank."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def _pixel_std(path: Path) -> float:
    from PySide6.QtGui import QImage

    img = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    assert not img.isNull()
    import numpy as np

    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    return float(buf.reshape(img.height(), -1)[:, : 4 * img.width()].std())


@pytest.mark.slow
@pytest.mark.parametrize("tab", ["explorer", "network"])
def test_screenshot_of_each_tab(tmp_path: Path, tab: str) -> None:
    out = tmp_path / f"{tab}.png"
    r = _run("--screenshot", str(out), "--tab", tab, "--size", "1400x900")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # not even the offscreen platform's "does not support" notes
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (1400, 900)
    assert _pixel_std(out) > 20  # a real picture, not a flat colour


def test_screenshot_to_a_missing_directory_is_one_line_exit_2(tmp_path: Path) -> None:
    r = _run("--screenshot", str(tmp_path / "no" / "such" / "dir" / "x.png"))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "does not exist" in lines[0]
    assert "Traceback" not in r.stderr


@pytest.mark.slow
def test_the_window_opens_and_quits_cleanly() -> None:
    """The interactive path (no --screenshot) in a fresh process: quit after it is shown; the
    process must exit 0, not crash in interpreter shutdown (REFERENCE.md §6)."""
    code = (
        "import sys; from PySide6.QtCore import QTimer; from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv[:1]); QTimer.singleShot(300, app.quit)\n"
        "from gui.app import run_app; sys.exit(run_app(None, 'explorer', (900, 600)))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                       text=True, timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
