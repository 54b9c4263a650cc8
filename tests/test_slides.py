"""Pictures and videos for slides, measured in the files themselves: a square domain is square in
the PNG, light-theme borders are white, the colour bar is as tall as the plot, trails are marked
where they leave the frame, the MP4 decodes (bundled ffmpeg) to the frame count worked out by
hand and is H.264, the GIF shows no colour bands, cancelled or failed exports leave nothing, and
presentation mode gives the window back exactly as it was."""

from __future__ import annotations

import os

import imageio_ffmpeg
import numpy as np
import pytest
from PIL import GifImagePlugin, Image
from PySide6.QtWidgets import QApplication

import main
from core.race.colours import RUN_COLOURS
from gui.explorer.frame_exits import frame_exits
from gui.export.cli import build_race
from gui.export.figure import FigureStyle, loss_text
from gui.export.render import ExportError, race_figure

RACE = ["--surface", "himmelblau", "--optimizer", "gd,momentum,adam", "--lr", "0.01",
        "--start", "0,-4.5", "--steps", "120"]  # fmt: skip
WHITE = np.array([255, 255, 255])


def _export(capsys, *argv: str) -> str:
    assert main.main(["export", *argv]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out
    return out


def _race(steps: int = 40, rules: str = "gd,adam"):
    argv = ["export", "--surface", "himmelblau", "--optimizer", rules, "--lr", "0.01",
            "--start", "0,-4.5", "--steps", str(steps), "--out", "x.png"]  # fmt: skip
    return build_race(main.parse_args(argv))


def _longest_run(mask: np.ndarray) -> tuple[int, int]:
    """(length, start) of the longest run of True in a 1-D mask."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
    starts, ends = edges[::2], edges[1::2]
    if not len(starts):
        return 0, 0
    i = int(np.argmax(ends - starts))
    return int(ends[i] - starts[i]), int(starts[i])


def _plot_rect(px: np.ndarray, background: np.ndarray) -> tuple[int, int]:
    """Width and height of the heatmap in a picture: the longest run of columns (then rows)
    that are mostly unlike the background; text, ticks and the narrow colour bar are not."""
    differs = np.abs(px[..., :3].astype(int) - background).sum(axis=-1) > 12
    w, x0 = _longest_run(differs.mean(axis=0) > 0.5)
    h, _ = _longest_run(differs[:, x0 : x0 + w].mean(axis=1) > 0.9)
    return w, h


# --- aspect, theme, colour bar ----------------------------------------------------------------
@pytest.mark.parametrize(("theme", "size"), [("light", "1200x800"), ("dark", "1920x1080"),
                                             ("light", "800x900")])  # fmt: skip
def test_a_square_domain_is_square_in_the_png(tmp_path, capsys, theme, size) -> None:
    out = tmp_path / "sq.png"
    _export(capsys, *RACE, "--theme", theme, "--size", size, "--out", str(out))
    px = np.asarray(Image.open(out).convert("RGB"))
    assert px.shape[:2] == tuple(reversed([int(v) for v in size.split("x")]))
    bg = WHITE if theme == "light" else np.array([0x10, 0x15, 0x1F])
    w, h = _plot_rect(px, bg)
    assert w > 0.45 * px.shape[0]  # the plot takes a good part of the picture
    assert abs(w - h) <= 2, (w, h)


def test_domain_option_sets_what_is_shown_at_its_aspect(tmp_path, capsys) -> None:
    out = tmp_path / "wide.png"
    _export(capsys, *RACE, "--domain", "-6,6,-3,3", "--theme", "light", "--out", str(out))
    w, h = _plot_rect(np.asarray(Image.open(out).convert("RGB")), WHITE)
    assert w / h == pytest.approx(2.0, abs=0.01)


def test_light_theme_has_white_borders_and_dark_text(tmp_path, capsys) -> None:
    out = tmp_path / "light.png"
    _export(capsys, *RACE, "--theme", "light", "--out", str(out))
    px = np.asarray(Image.open(out).convert("RGB")).astype(int)
    ring = np.concatenate([px[:4].reshape(-1, 3), px[-4:].reshape(-1, 3),
                           px[:, :4].reshape(-1, 3), px[:, -4:].reshape(-1, 3)])  # fmt: skip
    assert (ring == WHITE).all()
    lum = px.mean(axis=-1)
    assert (lum < 80).sum() > 2000  # dark text (title, ticks, legend) and markers
    assert np.median(lum) > 200  # a light picture: prints without a sheet of ink


def test_the_colour_bar_is_as_tall_as_the_plot(qtbot) -> None:
    fig = race_figure(_race(), (1200, 800), style=FigureStyle(theme="light"))
    try:
        plot = fig.widget.vb.sceneBoundingRect()
        bar = fig.widget.colour_bar.vb.sceneBoundingRect()
        assert bar.top() == pytest.approx(plot.top(), abs=1) and bar.bottom() == pytest.approx(
            plot.bottom(), abs=1
        )
        assert bar.left() > plot.right()  # beside it
    finally:
        fig.close()
        QApplication.processEvents()


def test_without_legend_the_plot_grows_and_no_run_names_are_drawn(tmp_path, capsys) -> None:
    a, b = tmp_path / "with.svg", tmp_path / "without.svg"
    _export(capsys, *RACE, "--out", str(a))
    _export(capsys, *RACE, "--no-legend", "--out", str(b))
    assert "Momentum" in a.read_text() and "Momentum" not in b.read_text()
    # A wide domain puts the legend below the plot: without it the plot is larger.
    pa, pb = tmp_path / "with.png", tmp_path / "without.png"
    wide = [*RACE, "--theme", "light", "--domain", "-8,8,-5,5"]
    _export(capsys, *wide, "--out", str(pa))
    _export(capsys, *wide, "--no-legend", "--out", str(pb))
    wa, ha = _plot_rect(np.asarray(Image.open(pa).convert("RGB")), WHITE)
    assert wa / ha == pytest.approx(1.6, abs=0.01)
    wb, hb = _plot_rect(np.asarray(Image.open(pb).convert("RGB")), WHITE)
    assert wb > wa + 20 and wb / hb == pytest.approx(1.6, abs=0.01)


def test_loss_reads_approximately_zero_below_1e_12_of_the_range() -> None:
    assert loss_text(np.array([7.8886e-31]), 890.0) == "f ≈ 0"
    assert loss_text(np.array([8.0e-10]), 890.0) == "f ≈ 0"  # below 8.9e-10
    assert loss_text(np.array([1.0e-9]), 890.0) == "f = 10⁻⁹"
    assert loss_text(np.array([4.8131e-12]), 1.0) == "f = 4.81×10⁻¹²"
    assert loss_text(np.array([2.5, 0.125, np.nan]), 10.0) == "best f = 0.125"
    assert loss_text(np.array([np.inf]), 10.0) == "f = —"


# --- trails leaving the frame -------------------------------------------------------------------
def test_frame_exits_where_a_path_leaves_the_rectangle() -> None:
    frame = (-1.0, 1.0, -1.0, 1.0)
    x = np.array([0.0, 2.0, 0.0, 0.0, 0.0, -0.5, 0.5, 0.0, 3.0])
    y = np.array([0.0, 0.0, 0.0, -3.0, 0.0, 3.0, 0.5, 0.0, np.nan])
    pts, edge = frame_exits(x, y, frame)
    # out right at (1, 0); re-enters; down through y = -1 at (0, -1); up through y = 1 at
    # t = 1/3 of (0, 0) -> (-0.5, 3), i.e. x = -1/6; the last segment ends in NaN (diverged).
    assert edge.tolist() == [1, 2, 3]
    assert pts == pytest.approx(np.array([[1.0, 0.0], [0.0, -1.0], [-1 / 6, 1.0]]))
    corner = frame_exits(np.array([0.0, 2.0]), np.array([0.0, 3.0]), frame)
    assert corner[1].tolist() == [3] and corner[0] == pytest.approx(np.array([[2 / 3, 1.0]]))
    inside = frame_exits(np.array([0.0, 0.5]), np.array([0.0, 0.5]), frame)
    assert len(inside[1]) == 0


def test_exported_trails_are_clipped_with_a_marker_where_they_leave(qtbot) -> None:
    """Momentum overshoots the top of (-6, 6) × (-3, 3): its marker sits on the top edge."""
    race = _race(300, "momentum")
    fig = race_figure(race, (1200, 800), view=((-6.0, 6.0), (-3.0, 3.0)))
    try:
        pts = fig.widget.exits.data
        assert len(pts) >= 1
        xy = race.racers[0].run.trajectory.xy[0, : race.racers[0].run.trajectory.count]
        inside = (np.abs(xy[:, 0]) <= 6) & (np.abs(xy[:, 1]) <= 3)
        leaving = int((inside[:-1] & ~inside[1:]).sum())
        assert len(pts) == leaving  # one marker per exit of the recorded path
        for p in pts:
            assert -6 <= p["x"] <= 6 and -3 <= p["y"] <= 3  # drawn inside the frame
        tops = [p for p in pts if p["symbol"] == "t1"]
        assert tops and all(p["y"] > 2.8 for p in tops)
    finally:
        fig.close()
        QApplication.processEvents()


# --- MP4 --------------------------------------------------------------------------------------
def test_mp4_is_h264_with_the_expected_frames(tmp_path, capsys) -> None:
    out = tmp_path / "race.mp4"
    argv = [*RACE[:-1], "20", "--fps", "10", "--size", "641x481", "--out", str(out)]
    _export(capsys, *argv)
    frames = imageio_ffmpeg.read_frames(str(out))
    meta = next(frames)
    assert meta["codec"].startswith("h264") and meta["pix_fmt"].startswith("yuv420p")
    assert meta["size"] == (640, 480) and meta["fps"] == 10  # even sides
    pixels = [np.frombuffer(f, dtype=np.uint8).reshape(480, 640, 3) for f in frames]
    # steps 0..20 are 21 frames; the last one stays 2 s = 20 frames at 10 fps: 20 more + 1
    assert len(pixels) == 21 + 19
    assert np.abs(pixels[0].astype(int) - pixels[-1]).sum() > 0  # the trails grew
    assert (pixels[-1] == pixels[-2]).all() or np.abs(pixels[-1].astype(int) - pixels[-2]).max() < 8
    last = pixels[-1].astype(int)
    for colour in RUN_COLOURS[:3]:
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        assert (np.abs(last - rgb).sum(axis=-1) < 90).sum() > 30, colour
    assert os.listdir(tmp_path) == ["race.mp4"]


def test_cancelled_mp4_leaves_nothing(qtbot, tmp_path) -> None:
    from gui.export.video import export_race_mp4

    done: list[int] = []
    ok = export_race_mp4(_race(60), str(tmp_path / "c.mp4"), (320, 240),
                         progress=lambda d, n: done.append(d),
                         cancelled=lambda: len(done) >= 3)  # fmt: skip
    assert ok is False and len(done) == 3
    assert os.listdir(tmp_path) == []


def test_failed_mp4_leaves_nothing_and_says_why(qtbot, tmp_path, monkeypatch) -> None:
    from gui.export import video

    broken = video.ffmpeg_command
    monkeypatch.setattr(video, "ffmpeg_command",
                        lambda *a: [*broken(*a)[:-1], "-no-such-option", broken(*a)[-1]])  # fmt: skip
    with pytest.raises(ExportError, match="ffmpeg"):
        video.export_race_mp4(_race(10), str(tmp_path / "f.mp4"), (320, 240))
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--out", "{tmp}/x.png", "--fps", "12"], "--fps applies to .gif and .mp4"),
        (["--out", "{tmp}/x.gif", "--fps", "80"], "at most 50"),
        (["--out", "{tmp}/x.mp4", "--fps", "0"], "must be > 0"),
        (["--out", "{tmp}/x.png", "--theme", "neon"], "invalid choice"),
        (["--out", "{tmp}/x.png", "--domain", "1,-1,0,1"], "XMIN < XMAX"),
        (["--out", "{tmp}/x.webm"], ".mp4"),
    ],
)
def test_bad_slide_options_are_one_line_and_exit_2(tmp_path, capsys, argv, needle) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    try:
        code = main.main(["export", *RACE, *args])
    except SystemExit as e:  # argparse's own checks exit instead of returning
        code = e.code
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and needle in err[0], err
    assert os.listdir(tmp_path) == []


# --- GIF --------------------------------------------------------------------------------------
def _box(a: np.ndarray, k: int = 9) -> np.ndarray:
    c = np.cumsum(np.cumsum(np.pad(a, ((1, 0), (1, 0), (0, 0))), 0), 1)
    return (c[k:, k:] - c[:-k, k:] - c[k:, :-k] + c[:-k, :-k]) / (k * k)


def test_gif_has_one_palette_and_no_colour_bands(tmp_path, capsys, monkeypatch) -> None:
    gif, png = tmp_path / "a.gif", tmp_path / "a.png"
    _export(capsys, *RACE, "--out", str(gif))
    _export(capsys, *RACE, "--out", str(png))
    # Pillow keeps a frame in palette mode unless its palette differs from the first one's.
    monkeypatch.setattr(GifImagePlugin, "LOADING_STRATEGY",
                        GifImagePlugin.LoadingStrategy.RGB_AFTER_DIFFERENT_PALETTE_ONLY)  # fmt: skip
    img = Image.open(gif)
    modes = set()
    for i in range(img.n_frames):
        img.seek(i)
        modes.add(img.mode)
    assert modes == {"P"}  # one palette for the whole animation
    last = np.asarray(img.convert("RGB")).astype(float)
    still = np.asarray(Image.open(png).convert("RGB")).astype(float)
    # Banding is error that is the same over a stretch of pixels: it survives a 9×9 average,
    # where dither noise cancels. The heatmap's right half holds no trail or text.
    area = (slice(150, 600), slice(480, 760))
    err = np.abs(_box(last[area]) - _box(still[area]))
    assert np.percentile(err, 99) < 1.5 and err.mean() < 0.6, (np.percentile(err, 99), err.mean())


# --- presentation mode -------------------------------------------------------------------------
def _look(win) -> dict:
    tab = win.explorer
    return {
        "geometry": win.geometry().getRect(),
        "state": win.windowState(),
        "sheet": QApplication.instance().styleSheet(),
        "sizes": tab.splitter.sizes(),
        "panels": [tab.splitter.widget(i).isVisible() for i in range(3)],
        "theme": tab.plot.theme.name,
        "scale": tab.plot.scale,
        "view": [list(r) for r in tab.plot.vb.viewRange()],
        "axis": tab.plot.plot.getAxis("left").width(),
    }


def _settled_picture(win):
    """The window's picture once pending redraws are done: two grabs in a row alike."""
    last = None
    for _ in range(50):
        QApplication.processEvents()
        img = win.grab().toImage()
        if img == last:
            return img
        last = img
    raise AssertionError("the window kept changing")


@pytest.fixture
def fresh_window(qtbot):
    """A main window of its own: the shared one's cached renderings hold earlier tests' views,
    and this test compares whole pictures of the window."""
    from gui.main_window import MainWindow

    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    win.close()
    win.deleteLater()
    QApplication.processEvents()


def test_presentation_mode_round_trips_the_window(fresh_window, qtbot) -> None:
    win, tab = fresh_window, fresh_window.explorer
    tab.controller.race.step(60)
    picture = _settled_picture(win)
    before = _look(win)
    modes = win.view_modes
    assert modes.actions["presentation"].shortcut().toString() == "F11"
    modes.actions["presentation"].trigger()
    qtbot.waitUntil(lambda: win.isFullScreen())
    assert "15pt" in QApplication.instance().styleSheet()
    assert tab.plot.theme.name == "light" and tab.plot.scale == 1.5
    thin, bold = tab.plot._trails[0]
    assert thin.opts["pen"].widthF() == pytest.approx(1.5)
    assert bold.opts["pen"].widthF() == pytest.approx(3.75)
    modes.actions["theme_contrast"].trigger()
    assert tab.plot.theme.name == "contrast"
    modes.actions["side_panels"].trigger()  # F9: the surface alone
    assert not tab.splitter.widget(0).isVisible() and not tab.splitter.widget(2).isVisible()
    tab.plot.vb.scaleBy((0.5, 0.5))  # a zoom during the lecture
    modes.actions["presentation"].trigger()
    qtbot.waitUntil(lambda: _look(win) == before, timeout=3000)
    assert not modes.presenting and not modes.actions["presentation"].isChecked()
    assert _settled_picture(win) == picture
