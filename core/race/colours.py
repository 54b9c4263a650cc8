"""The run colours: the race model hands them out, every view draws with them."""

from __future__ import annotations

# Vivid run colours that stand out on the muted heatmap (and on white side plots).
RUN_COLOURS: tuple[str, ...] = (
    "#ff4d4d",  # red
    "#ffd23f",  # yellow
    "#3ddc97",  # green
    "#ff8c1a",  # orange
    "#c77dff",  # violet
    "#4cc9f0",  # sky
    "#ff5fa2",  # pink
    "#b5e853",  # lime
    "#ffffff",  # white
)
