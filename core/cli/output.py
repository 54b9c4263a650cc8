"""What the command-line handlers print: compact JSON that never contains NaN or Infinity."""

from __future__ import annotations

import json
import sys


def write_json(obj: object) -> None:
    """One line of JSON on stdout (ValueError for a non-finite number: callers check first)."""
    json.dump(obj, sys.stdout, allow_nan=False, separators=(",", ":"))
    sys.stdout.write("\n")
