"""`main.py lesson list|check`: the lessons, and their claims checked headless (exit 0 when every
claim holds, 1 when one does not or a lesson file is broken, 2 for an unknown lesson id)."""

from __future__ import annotations

import argparse
import sys

from core.cli.args import CliError
from core.cli.output import write_json
from core.lessons.claims import as_json, check_lesson
from core.lessons.loader import Lessons, load_lessons
from core.lessons.model import Lesson


def _report_problems(lessons: Lessons) -> None:
    for p in lessons.problems:
        sys.stderr.write(f"main.py lesson: broken lesson file {p}\n")


def lesson(args: argparse.Namespace) -> int:
    lessons = load_lessons()
    if args.action == "list":
        return _list(lessons, args.format)
    return _check(lessons, args.ids, args.format)


def _list(lessons: Lessons, fmt: str) -> int:
    rows = [{"id": x.id, "title": x.title["en"], "topics": list(x.topics),
             "languages": list(x.languages), "claims": len(x.claims)}
            for x in lessons.lessons]  # fmt: skip
    if fmt == "json":
        write_json(rows)
    else:
        for i, r in enumerate(rows, 1):
            print(f"{i:2d}. {r['id']:<22} {r['title']}  [{', '.join(r['topics'])}] "
                  f"· {r['claims']} claims")  # fmt: skip
    _report_problems(lessons)
    return 1 if lessons.problems else 0


def _chosen(lessons: Lessons, ids: list[str]) -> list[Lesson]:
    if not ids:
        return list(lessons.lessons)
    out = []
    for i in ids:
        found = lessons.get(i)
        if found is None:
            _report_problems(lessons)
            known = ", ".join(x.id for x in lessons.lessons)
            raise CliError(f"unknown lesson '{i}'; choose from: {known}")
        out.append(found)
    return out


def _check(lessons: Lessons, ids: list[str], fmt: str) -> int:
    chosen = _chosen(lessons, ids)
    report, ok = [], True
    for x in chosen:
        results = check_lesson(x)
        ok = ok and all(r.holds for r in results)
        claims = [{"text": r.text("en"), "holds": r.holds,
                   "measured": {k: as_json(v) for k, v in r.measured.items()}}
                  for r in results]  # fmt: skip
        report.append({"id": x.id, "claims": claims})
        if fmt != "json":
            print(f"{x.id}:")
            for c in claims:
                mark = "✓" if c["holds"] else "✗ DOES NOT HOLD:"
                print(f"  {mark} {c['text']}")
    if fmt == "json":
        write_json({"lessons": report})
    _report_problems(lessons)
    return 0 if ok and not lessons.problems else 1
