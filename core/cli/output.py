"""What the command-line handlers print: compact JSON that never contains NaN or Infinity."""

from __future__ import annotations

import json
import sys

from surfaces.errors import UserError


class NonFiniteOutput(UserError):
    """A result holding NaN or Infinity: refused as one line (exit 2), nothing printed."""


def write_json(obj: object) -> None:
    """One line of JSON on stdout. The document is built whole before anything is written, so a
    non-finite number (callers check first; this is the last guard) prints nothing but an error."""
    try:
        text = json.dumps(obj, allow_nan=False, separators=(",", ":"))
    except ValueError:
        raise NonFiniteOutput(
            "the result holds a value that is not a finite number (an overflow); nothing written"
        ) from None
    sys.stdout.write(text + "\n")
