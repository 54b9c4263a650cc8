"""core.io.files.atomic_path / write_atomic: the one atomic writer (scenes, drawings, networks,
saved surfaces, exported pictures and trajectories, basin maps)."""

from __future__ import annotations

import os
import re
import stat

import pytest

from core.io.files import atomic_path, write_atomic


class Refused(ValueError):
    pass


def test_the_file_appears_only_when_the_block_succeeds(tmp_path) -> None:
    target = tmp_path / "race.png"
    with atomic_path(target) as tmp:
        assert os.path.dirname(tmp) == str(tmp_path)  # same folder: the rename is atomic
        assert tmp.endswith(".png") and os.path.basename(tmp).startswith(
            "."
        )  # for name-driven writers
        assert not target.exists()
        with open(tmp, "wb") as f:
            f.write(b"picture")
    assert target.read_bytes() == b"picture"
    assert os.listdir(tmp_path) == ["race.png"]


def test_ordinary_permissions(tmp_path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.json", "{}\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644


def test_a_failing_block_keeps_the_old_file_and_leaves_nothing(tmp_path) -> None:
    target = tmp_path / "scene.json"
    write_atomic(target, "old\n")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        with open(tmp, "w") as f:
            f.write("half")
        raise RuntimeError("the writer broke")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["scene.json"]


def test_os_errors_as_the_callers_error(tmp_path, monkeypatch) -> None:
    missing = tmp_path / "no" / "x.png"
    with pytest.raises(FileNotFoundError):
        write_atomic(missing, "x")
    message = f"cannot write '{missing}': No such file or directory"
    with pytest.raises(Refused, match=re.escape(message)), atomic_path(missing, Refused):
        pass

    def full_disk(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with (
        pytest.raises(Refused, match="No space left on device"),
        atomic_path(tmp_path / "y.gif", Refused) as tmp,
    ):
        open(tmp, "w").close()
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []


def test_names_never_collide(tmp_path) -> None:
    with atomic_path(tmp_path / "a.txt") as t1, atomic_path(tmp_path / "a.txt") as t2:
        assert t1 != t2 and os.path.exists(t1) and os.path.exists(t2)
