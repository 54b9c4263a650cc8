"""Lessons as data: every file loads and validates, covers the lecture in its order, its claims
hold when run headless (the suite runs `lesson check`), and broken files are named."""

from __future__ import annotations

import json
import re
import shutil
import tomllib

import pytest

from core.lessons.claims import check_lesson, fill, lesson_values, placeholders, show
from core.lessons.loader import FILES, load_lessons, parse_lesson, read_lesson
from core.lessons.model import ExplorerScene, LessonError

# The topic ids of the lecture, slide by slide (LECTURE.md), in its order.
TOPICS = ["gd", "sgd", "minibatch", "learning_rate", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "bias_correction", "optimizer_comparison", "local_minimum", "saddle", "cyclic_lr", "backprop", "vanishing_gradient"]  # fmt: skip


def test_every_lesson_file_loads_and_validates() -> None:
    lessons = load_lessons()
    assert lessons.problems == ()
    assert len(lessons.lessons) == len(list(FILES.glob("*.toml"))) >= 12
    for x in lessons.lessons:
        assert set(x.languages) == {"en", "ru"}
        assert 1 <= len(x.tasks) <= 3 and len(x.claims) >= 2


def test_lessons_cover_every_topic_of_the_lecture_in_its_order() -> None:
    seen = [t for x in load_lessons().lessons for t in x.topics if t in TOPICS]
    assert set(TOPICS) <= set(seen)
    firsts = [seen.index(t) for t in TOPICS]
    assert firsts == sorted(firsts)


def test_every_lesson_text_quotes_measured_values() -> None:
    """Each lesson's text quotes its claims' measurements, and every quote gets filled."""
    for x in load_lessons().lessons:
        results = check_lesson(x)
        values = lesson_values(results)
        for lang in x.languages:
            quoted = placeholders(x.text[lang])
            assert quoted, f"{x.id} quotes no measured value in {lang}"
            assert all(q in values for q in quoted), (x.id, lang)
            assert not placeholders(fill(x.text[lang], values, lang))


@pytest.mark.slow
def test_lesson_check_runs_every_claim_and_all_hold(cli) -> None:
    code, out, err = cli("lesson", "check", "--format", "json")
    assert code == 0, out + err
    doc = json.loads(out)
    ids = [x.id for x in load_lessons().lessons]
    assert [x["id"] for x in doc["lessons"]] == ids
    for lesson in doc["lessons"]:
        assert len(lesson["claims"]) >= 2
        for c in lesson["claims"]:
            assert set(c) == {"text", "holds", "measured"} and c["holds"] is True
            assert c["measured"] and "{" not in c["text"]


def test_lesson_list_json(cli) -> None:
    code, out, _ = cli("lesson", "list", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows[0] == {"id": "gd", "title": "Gradient descent", "topics": ["gd"],
                       "languages": ["en", "ru"], "claims": 3}  # fmt: skip
    assert all(set(r) == {"id", "title", "topics", "languages", "claims"} for r in rows)


def test_lesson_check_of_chosen_lessons_and_an_unknown_id(cli) -> None:
    code, out, _ = cli("lesson", "check", "saddle", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert [x["id"] for x in doc["lessons"]] == ["saddle"]
    stall = doc["lessons"][0]["claims"][0]["measured"]
    assert stall["gd_grad"] < 1e-6 and stall["gd_status"] == "saddle"
    code, out, err = cli("lesson", "check", "saddle", "no_such_lesson")
    assert code == 2 and out == "" and err.count("\n") == 1 and "no_such_lesson" in err


def _doc(name: str) -> dict:
    return tomllib.loads((FILES / name).read_text(encoding="utf-8"))


def test_a_claim_that_does_not_hold_is_reported() -> None:
    doc = _doc("13_saddle.toml")
    doc["claims"][0]["checks"][0]["right"] = 1e-40  # |∇f| is 2.5e-29: not below this
    results = check_lesson(parse_lesson(doc))
    assert results[0].holds is False and all(r.holds for r in results[1:])


def test_the_saddle_claim_against_a_hand_derived_oracle() -> None:
    """On f = (x² − 1)²/2 + y² from (0, 1.5), GD with η = 0.1 keeps x = 0 and y_t = 1.5·0.8ᵗ."""
    lesson = load_lessons().get("saddle")
    stall = check_lesson(lesson)[0]
    assert stall.measured["gd_grad"] == pytest.approx(2 * 1.5 * 0.8**300, rel=1e-9)


def test_a_broken_lesson_names_file_and_field_and_the_others_still_load(tmp_path) -> None:
    shutil.copy(FILES / "01_gd.toml", tmp_path / "01_gd.toml")
    broken = (FILES / "05_momentum.toml").read_text(encoding="utf-8")
    (tmp_path / "05_momentum.toml").write_text(broken.replace("momentum = 0.9\n", "", 1))
    (tmp_path / "06_bad.toml").write_text("id = [1, 2\n")
    lessons = load_lessons(tmp_path)
    assert [x.id for x in lessons.lessons] == ["gd"]
    assert lessons.problems[0].startswith("05_momentum.toml: scene.racers[1].momentum is missing")
    assert lessons.problems[1].startswith("06_bad.toml: not valid TOML")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["title"].pop("ru"), "title.ru is missing"),
        (lambda d: d["tasks"][0]["detect"].update(kind="psychic"), "tasks[0].detect.kind"),
        (lambda d: d["tasks"][0]["detect"].update(racer=7), "tasks[0].detect.racer"),
        (lambda d: d["claims"][0].update(op="~"), "claims[0].op"),
        (lambda d: d["claims"][0]["left"].update(quantity="magic"), "claims[0].left.quantity"),
        (lambda d: d["scene"]["racers"][0].update(lr=-1.0), "scene.racers[0]"),
        (lambda d: d["scene"]["surface"].update(name="nowhere"), "scene: surface"),
        (lambda d: d.update(text={"en": "{descent.nothing}", "ru": "x"}), "text.en quotes"),
        (lambda d: d.update(claims=d["claims"][:1]), "claims must list at least 2"),
    ],
)
def test_broken_fields_are_named(tmp_path, edit, message) -> None:
    doc = _doc("01_gd.toml")
    edit(doc)
    with pytest.raises(LessonError, match=re.escape(message)):
        parse_lesson(doc)


def test_read_lesson_prefixes_the_file_name(tmp_path) -> None:
    p = tmp_path / "99_x.toml"
    p.write_text('id = "x"\n')
    with pytest.raises(LessonError, match=r"^99_x\.toml: "):
        read_lesson(p)


def test_scene_racers_state_every_hyperparameter_their_rule_reads() -> None:
    for x in load_lessons().lessons:
        if isinstance(x.scene, ExplorerScene):
            for spec in x.scene.scene.runs:
                assert spec.steps == 0 and spec.history == ()


def test_shown_numbers() -> None:
    assert show(2.5358e-29) == "2.54·10⁻²⁹"
    assert show(-0.5877) == "−0.588"
    assert show(0.00145, "ru") == "0,00145"
    assert show(2162) == "2162" and show(None) == "—"


def test_russian_lesson_texts_write_numbers_the_russian_way() -> None:
    """A decimal comma, 10⁻⁶ for 1e-6, and "(0,3; 1,5)" for a point (the window shows numbers so)."""
    import re

    from core.lessons.loader import load_lessons

    for lesson in load_lessons().lessons:
        texts = [lesson.title, lesson.text] + [t.text for t in lesson.tasks] + [
            c.text for c in lesson.claims]  # fmt: skip
        for t in texts:
            ru = re.sub(
                r"\{[^}]*\}", "", t.get("ru", "")
            )  # placeholders are filled in by the window
            assert not re.search(r"\d\.\d|\de-\d", ru), (lesson.id, ru)
            assert not re.search(r"\(−?-?\d+,\d+, ", ru), (lesson.id, ru)  # "(2,3, −1)": a point?
