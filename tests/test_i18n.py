"""The translations: every text of the code is in the Russian .ts and translated, the shipped .qm
is that .ts compiled, plural forms and numbers follow Russian rules, the command line stays
English and the system locale picks the language."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gui.i18n import CATALOG, FOLDER, languages
from gui.i18n.update import catalogs, lrelease, lupdate

ROOT = Path(__file__).resolve().parent.parent
RU_TS = FOLDER / f"{CATALOG}_ru.ts"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name"), m.findtext("source")): m.find("translation")
            for c in root.iter("context") for m in c.iter("message")}  # fmt: skip


def _untranslated(ts: Path) -> list[tuple[str, str]]:
    out = []
    for key, tr in _messages(ts).items():
        forms = [f.text for f in tr.iter("numerusform")] or [tr.text]
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            out.append(key)
    return out


def test_the_russian_catalogue_has_every_text_of_the_code_translated(tmp_path: Path) -> None:
    """lupdate against a copy: a text in the code that the shipped .ts lacks shows up as a new,
    unfinished entry of the copy (and a text dropped from the code as a removed one)."""
    for ts in catalogs():
        copy = tmp_path / ts.name
        shutil.copy(ts, copy)
        lupdate([copy])
        shipped, fresh = _messages(ts), _messages(copy)
        assert sorted(set(fresh) - set(shipped)) == [], (
            f"texts missing from {ts.name}: make translations"
        )
        assert sorted(set(shipped) - set(fresh)) == [], (
            "texts gone from the code: make translations"
        )
        assert _untranslated(copy) == [], ts.name
    assert len(_messages(RU_TS)) > 500  # the whole interface, not a sample


def test_the_check_sees_a_text_the_catalogue_lacks(tmp_path: Path) -> None:
    """The check above can fail: a copy of the sources with one new text gets an unfinished entry."""
    root = tmp_path / "src"
    for pkg in ("gui", "core", "surfaces"):
        shutil.copytree(ROOT / pkg, root / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    extra = root / "gui" / "extra_text.py"
    extra.write_text('from PySide6.QtCore import QCoreApplication\n\n'
                     'X = QCoreApplication.translate("Extra", "a brand-new label")\n')  # fmt: skip
    copy = tmp_path / RU_TS.name
    shutil.copy(RU_TS, copy)
    lupdate([copy], root)
    assert ("Extra", "a brand-new label") in _untranslated(copy)


def test_each_shipped_qm_is_its_ts_compiled(tmp_path: Path) -> None:
    """A .qm older than its .ts (compiled before the last translations) differs from a fresh
    compile of the .ts: then `make translations` was not run."""
    assert catalogs(), "no translations in gui/i18n"
    for ts in catalogs():
        qm = ts.with_suffix(".qm")
        assert qm.exists(), f"{qm.name} missing: run make translations"
        fresh = lrelease(ts, tmp_path / qm.name)
        assert fresh.read_bytes() == qm.read_bytes(), f"{qm.name} is stale: run make translations"


def test_languages_come_from_the_compiled_files(tmp_path: Path, monkeypatch) -> None:
    import gui.i18n as i18n

    assert languages() == ("en", "ru")
    folder = tmp_path / "i18n"
    folder.mkdir()
    for lang in ("ru", "de"):
        (folder / f"{CATALOG}_{lang}.qm").write_bytes(b"")
    monkeypatch.setattr(i18n, "FOLDER", folder)
    assert i18n.languages() == ("en", "ru", "de")  # a third language: one more file


@pytest.fixture
def russian(qapp):
    from gui.i18n import language

    language.start("ru")
    yield
    language.start("en")


def test_plural_forms_follow_russian_rules(russian) -> None:
    from gui.i18n.plurals import plurals

    got = [plurals.steps(n) for n in (1, 2, 5, 11, 21, 22, 25, 101)]
    assert got == ["1 шаг", "2 шага", "5 шагов", "11 шагов", "21 шаг", "22 шага", "25 шагов",
                   "101 шаг"]  # fmt: skip


def test_english_is_the_source_text(qapp) -> None:
    from gui.i18n import language
    from gui.i18n.numbers import num
    from gui.i18n.plurals import plurals

    language.start("en")
    assert [plurals.steps(n) for n in (0, 1, 2, 5, 21)] == ["0 steps", "1 step", "2 steps",
                                                            "5 steps", "21 steps"]  # fmt: skip
    assert num(0.01, ".4g") == "0.01"


def test_russian_numbers_have_the_decimal_comma_and_read_both(russian) -> None:
    from gui.i18n.numbers import num, parse_number

    assert num(0.01, ".4g") == "0,01"
    assert num(-1.5e-08, ".3g") == "-1,5e-08"
    assert num(150, "d") == "150"
    for text in ("0.01", "0,01", " 0,01 ", "1e-2", "1,0e-2"):
        assert parse_number(text) == pytest.approx(0.01)
    assert parse_number("−2,5") == -2.5
    with pytest.raises(ValueError):
        parse_number("1,000,5")


def test_a_russian_spin_box_takes_the_dot_and_the_comma(russian, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDoubleSpinBox

    for typed in ("0.25", "0,25"):
        sb = QDoubleSpinBox()
        sb.setDecimals(3)
        qtbot.addWidget(sb)
        sb.show()
        sb.lineEdit().selectAll()
        qtbot.keyClicks(sb.lineEdit(), typed)
        qtbot.keyClick(sb.lineEdit(), Qt.Key.Key_Return)
        assert sb.value() == pytest.approx(0.25), typed
        assert sb.text() == "0,250"


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
    env.pop("LANGUAGE", None)
    return env


@pytest.mark.slow
def test_the_system_locale_picks_the_language() -> None:
    code = ("from PySide6.QtWidgets import QApplication; app = QApplication([]);"
            "from gui.i18n.language import system_language; print(system_language())")  # fmt: skip
    for lang, want in (("ru_RU.UTF-8", "ru"), ("en_GB.UTF-8", "en"), ("ja_JP.UTF-8", "en")):
        r = subprocess.run([sys.executable, "-c", code], env=_env(LANG=lang, LC_ALL=lang),
                           cwd=ROOT, capture_output=True, text=True, timeout=60)  # fmt: skip
        assert r.stdout.strip() == want, (lang, r.stderr)


@pytest.mark.slow
def test_command_line_output_stays_english_under_a_russian_locale() -> None:
    args = ["trace", "--surface", "himmelblau", "--optimizer", "adam", "--lr", "0.1",
            "--start", "0.5,0.5", "--steps", "3", "--format", "csv"]  # fmt: skip
    env = _env(LANG="ru_RU.UTF-8", LC_ALL="ru_RU.UTF-8")
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], env=env, cwd=ROOT,
                       capture_output=True, text=True, timeout=60)  # fmt: skip
    assert r.returncode == 0, r.stderr
    header, first = r.stdout.splitlines()[:2]
    assert header.startswith("step,")
    assert "0.5" in first and "0,5" not in first.replace(",", ";", 1)
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "trace", "--surface", "nope"],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert bad.returncode == 2
    assert all(ord(ch) < 128 or ch in "‘’“”…" for ch in bad.stderr), bad.stderr


def test_the_compiled_translations_are_package_data() -> None:
    """`pip install .` and a wheel carry the .qm files (setuptools package-data)."""
    import fnmatch
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = data["package-data"]["gui.i18n"]
    for qm in FOLDER.glob("*.qm"):
        assert any(fnmatch.fnmatch(qm.name, p) for p in patterns), qm.name


def test_russian_words_follow_the_lecture() -> None:
    """Seed is «сид» (not «зерно»), velocity is the lecture's «инерция» (speed stays «скорость»),
    no slang in either language, and the surfaces' texts write the decimal comma."""
    import re

    msgs = {key: "".join(tr.itertext()) for key, tr in _messages(RU_TS).items()}
    assert [k for k, t in msgs.items() if re.search("зерн|чилит|Боб", t)] == []
    assert not any("Bob" in src for _ctx, src in msgs)
    velocity = {k: t for k, t in msgs.items() if re.search(r"\bvelocity\b", k[1], re.I)}
    assert len(velocity) >= 3 and all("инерц" in t and "скорост" not in t
                                      for t in velocity.values()), velocity  # fmt: skip
    assert msgs[("Overlays", "velocity")] != msgs[("MainWindow", " speed ")]
    seeds = [t for (_c, src), t in msgs.items() if re.search(r"\bseed\b", src)]
    assert len(seeds) >= 6 and all("сид" in t for t in seeds), seeds
    dots = [t for (ctx, _src), t in msgs.items() if ctx == "Surface" and re.search(r"\d\.\d", t)]
    assert dots == []
