"""`main.py export` in a subprocess: PNG/SVG/GIF files of the right size that show the runs, exit
code 0 (no crash at interpreter shutdown, REFERENCE.md §6), and one-line errors with exit 2."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from core.race.colours import RUN_COLOURS
from tests.clirun import run_cli

RACE = ["--surface", "himmelblau", "--optimizer", "gd,momentum,adam", "--lr", "0.01",
        "--start", "0,-4.5", "--steps", "200"]  # fmt: skip


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])


def _count_colour(pixels: np.ndarray, colour: str, tol: float = 40) -> int:
    return int((np.abs(pixels[..., :3].astype(int) - _rgb(colour)).sum(axis=-1) < tol).sum())


def _ok(rc: int, out: str, err: str) -> None:
    assert rc == 0, err
    assert "Traceback" not in err


def test_png_default_size_shows_every_run(tmp_path) -> None:
    out = tmp_path / "race.png"
    _ok(*run_cli("export", *RACE, "--out", str(out)))
    img = Image.open(out)
    assert img.size == (1200, 800)
    px = np.asarray(img.convert("RGB"))
    assert px.std() > 20  # not blank
    plot = px[: 800 - 110]  # above the legend: the colours there are trails and heads
    for colour in RUN_COLOURS[:3]:  # the race's runs take the first three colours, in order
        assert _count_colour(plot, colour) > 40, colour
    assert _count_colour(px, RUN_COLOURS[3]) == 0  # no fourth run


@pytest.mark.slow
def test_png_exact_requested_size_and_scaled_layout(tmp_path) -> None:
    for size in ("640x400", "2400x1600"):
        out = tmp_path / f"race-{size}.png"
        _ok(*run_cli("export", *RACE, "--out", str(out), "--size", size))
        w, h = map(int, size.split("x"))
        img = Image.open(out)
        assert img.size == (w, h)
        assert np.asarray(img.convert("L")).std() > 20
    # 2× the default is the default laid out again and drawn at twice the scale: trail pixels
    # (lines twice as thick) scale with the area.
    small = np.asarray(Image.open(tmp_path / "race-2400x1600.png").convert("RGB"))
    assert _count_colour(small, RUN_COLOURS[1]) > 4 * 40


def test_svg_is_xml_with_paths_and_legend(tmp_path) -> None:
    out = tmp_path / "race.svg"
    _ok(*run_cli("export", *RACE, "--out", str(out)))
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    tags = [el.tag.rsplit("}", 1)[-1] for el in root.iter()]
    assert tags.count("path") + tags.count("polyline") > 10
    assert "image" in tags  # the heatmap
    text = out.read_text()
    for name in ("GD", "Momentum", "Adam"):
        assert name in text
    assert root.get("viewBox") == "0 0 1200 800"


@pytest.mark.slow
def test_gif_animates_the_race(tmp_path) -> None:
    out = tmp_path / "race.gif"
    _ok(*run_cli("export", *RACE[:-1], "150", "--out", str(out), "--size", "400x300"))
    img = Image.open(out)
    assert img.format == "GIF" and img.size == (400, 300)
    assert 2 < img.n_frames <= 120
    assert img.info.get("loop") == 0  # forever
    frames = []
    for i in (0, img.n_frames - 1):
        img.seek(i)
        frames.append(np.asarray(img.convert("RGB")).astype(int))
    assert np.abs(frames[0] - frames[1]).sum() > 0  # the trails grow
    # the last frame shows the run colours
    for colour in RUN_COLOURS[:3]:
        assert _count_colour(frames[1][:-60], colour, tol=60) > 5, colour


def test_gif_of_few_steps_has_one_frame_per_step(tmp_path) -> None:
    out = tmp_path / "short.gif"
    args = ["--surface", "booth", "--optimizer", "gd", "--lr", "0.05", "--start", "-8,8",
            "--steps", "9", "--out", str(out), "--size", "200x160"]  # fmt: skip
    _ok(*run_cli("export", *args))
    assert Image.open(out).n_frames == 10  # steps 0..9


def test_formula_negative_start_pytorch_schedule(tmp_path) -> None:
    out = tmp_path / "f.png"
    rc, stdout, err = run_cli(
        "export", "--formula", "x**2 - y**2 + 0.3*sin(3*x)", "--optimizer", "adam,rmsprop,nesterov",
        "--convention", "pytorch", "--schedule", "cosine_restarts", "--lr", "0.05", "--t0", "20",
        "--start", "-1.5,0.2", "--steps", "100", "--out", str(out), "--size", "800x600",
    )  # fmt: skip
    _ok(rc, stdout, err)
    assert Image.open(out).size == (800, 600)
    assert str(out) in stdout


def test_divergence_is_a_notice_not_an_error(tmp_path) -> None:
    out = tmp_path / "boom.png"
    rc, _, err = run_cli("export", "--surface", "rosenbrock", "--optimizer", "gd,adam",
                         "--lr", "0.5", "--start", "-1.5,2.5", "--steps", "50", "--out",
                         str(out))  # fmt: skip
    assert rc == 0
    assert "diverged" in err and "Traceback" not in err
    assert out.exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--out", "race.jpg"], ".png, .svg, .gif"),
        (["--out", "race"], ".png, .svg, .gif"),
        (["--out", "/nonexistent-dir/race.png"], "does not exist"),
        (["--out", "{tmp}/x.png", "--optimizer", "adam,"], "empty rule"),
        (["--out", "{tmp}/x.png", "--optimizer", "adam,warp"], "warp"),
        (["--out", "{tmp}/x.png", "--surface", "nope"], "unknown surface"),
        (["--out", "{tmp}/x.png", "--size", "10x10"], "between 64 and 8192"),
        (["--out", "{tmp}/x.png", "--steps", "-3"], "-3"),
        (["--out", "{tmp}/x.png", "--start", "1e999,0"], "finite"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, needle) -> None:
    base = {"--surface": "himmelblau", "--optimizer": "gd", "--start": "0,-4.5", "--steps": "20"}
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    for k in list(base):
        if k in args:
            del base[k]
    argv = [x for kv in base.items() for x in kv] + args
    rc, _, err = run_cli("export", *argv)
    assert rc == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], err
    assert os.listdir(tmp_path) == []  # nothing written, no temporary file left


def test_directory_as_output(tmp_path) -> None:
    (tmp_path / "d.png").mkdir()
    rc, _, err = run_cli("export", *RACE, "--out", str(tmp_path / "d.png"))
    assert rc == 2 and "is a directory" in err and len(err.strip().splitlines()) == 1
    assert os.listdir(tmp_path) == ["d.png"]


def test_unwritable_directory() -> None:
    """A folder nobody can create files in (/proc refuses even root): one line, exit 2."""
    if not os.path.isdir("/proc/self"):
        pytest.skip("needs Linux /proc")
    rc, _, err = run_cli("export", *RACE, "--out", "/proc/race.png")
    assert rc == 2, err
    assert err.startswith("main.py export: error: cannot write '/proc/race.png'")
    assert len(err.strip().splitlines()) == 1
