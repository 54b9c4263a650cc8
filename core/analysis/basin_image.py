"""Colours for a basin map and its PNG (written by Pillow, so the CLI never loads Qt)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from core.analysis.basins import DIVERGED, UNCONVERGED, BasinMap
from core.io.files import atomic_path

# One colour per minimum (a colour-blind-friendly qualitative palette, cycled).
PALETTE = np.array(
    [
        (0, 114, 178),
        (230, 159, 0),
        (0, 158, 115),
        (204, 121, 167),
        (86, 180, 233),
        (213, 94, 0),
        (240, 228, 66),
        (117, 112, 179),
        (102, 166, 30),
        (166, 118, 29),
    ],
    dtype=np.uint8,
)
KIND_COLOURS = {"saddle": (120, 120, 120), "degenerate": (90, 90, 90), "maximum": (190, 190, 190)}
DIVERGED_COLOUR = (0, 0, 0)
UNCONVERGED_COLOUR = (255, 255, 255)


def attractor_colours(result: BasinMap) -> NDArray[np.uint8]:
    """(K, 3) RGB per attractor: palette colours for minima, greys for saddles and maxima."""
    out = np.zeros((len(result.attractors), 3), dtype=np.uint8)
    k = 0
    for i, a in enumerate(result.attractors):
        if a.kind == "minimum":
            out[i] = PALETTE[k % len(PALETTE)]
            k += 1
        else:
            out[i] = KIND_COLOURS.get(a.kind, (128, 128, 128))
    return out


def basin_rgb(result: BasinMap) -> NDArray[np.uint8]:
    """(G, G, 3) image, row 0 at the top (largest y), as it is shown over the surface."""
    if result.labels is None:
        raise ValueError("a cancelled basin map has no labels to draw")
    lut = np.vstack([attractor_colours(result), [DIVERGED_COLOUR, UNCONVERGED_COLOUR]]).astype(
        np.uint8
    )
    lab = result.labels.astype(np.int64)
    k = len(result.attractors)
    idx = np.where(lab == DIVERGED, k, np.where(lab == UNCONVERGED, k + 1, lab))
    return lut[idx][::-1]


def png_bytes(rgb: NDArray[np.uint8], scale: int = 1) -> bytes:
    """An 8-bit RGB PNG of the image (H, W, 3), each pixel repeated scale×scale times."""
    from PIL import Image

    img = np.ascontiguousarray(np.asarray(rgb, dtype=np.uint8))
    if img.ndim != 3 or img.shape[2] != 3:
        raise ValueError(f"expected an (H, W, 3) image, got shape {img.shape}")
    if scale > 1:
        img = np.repeat(np.repeat(img, scale, axis=0), scale, axis=1)
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "PNG")
    return buf.getvalue()


def write_basin_png(result: BasinMap, path: str | Path, min_size: int = 256) -> tuple[int, int]:
    """Write the coloured map (atomically); small grids are scaled up to at least min_size pixels
    a side."""
    rgb = basin_rgb(result)
    scale = max(1, -(-min_size // rgb.shape[0]))
    data = png_bytes(rgb, scale)
    with atomic_path(path) as tmp:
        Path(tmp).write_bytes(data)
    return rgb.shape[1] * scale, rgb.shape[0] * scale
