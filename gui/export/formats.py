"""One call for every picture and animation of a race, the format chosen by the file's extension:
PNG or SVG (a still of the last step), GIF or MP4 (replayed from step 0)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.export.animation import Cancelled, Progress
from gui.export.render import LOGICAL, ExportError, View, output_format

if TYPE_CHECKING:
    from core.race.model import Race
    from gui.export.figure import FigureStyle

RACE_FORMATS = ("png", "svg", "gif", "mp4")
ANIMATED = ("gif", "mp4")


def export_race_file(race: Race, path: str, size: tuple[int, int] = LOGICAL,
                     log: bool | None = None, view: View | None = None, *,
                     style: FigureStyle | None = None, fps: float | None = None,
                     progress: Progress | None = None,
                     cancelled: Cancelled | None = None) -> bool:  # fmt: skip
    """Write the race to path as its extension says; False if an animation was cancelled.
    fps applies to animations only (ExportError for a still)."""
    fmt = output_format(path, RACE_FORMATS)
    if fps is not None and fmt not in ANIMATED:
        raise ExportError(f"--fps applies to .gif and .mp4 only, not .{fmt}")
    if fmt == "gif":
        from gui.export.gif import export_race_gif

        return export_race_gif(race, path, size, log, view, progress, cancelled, style=style,
                               fps=fps)  # fmt: skip
    if fmt == "mp4":
        from gui.export.video import export_race_mp4

        return export_race_mp4(race, path, size, log, view, progress, cancelled, style=style,
                               fps=fps)  # fmt: skip
    from gui.export.render import export_race_image

    export_race_image(race, path, size, log, view, style=style)
    return True
