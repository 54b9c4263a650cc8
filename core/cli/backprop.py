"""`main.py backprop --net FILE.json`: one forward and one backward pass over the file's batch."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import numpy as np

from core.cli.args import CliError
from core.cli.output import write_json
from core.network.files import load_network
from core.network.model import NetworkError


def backprop_report(path: str) -> dict[str, Any]:
    """{"loss", "output", "layers": [{"z", "a", "delta", "grad_W", "grad_b"}, ...]} for a file."""
    try:
        net, x, y = load_network(path)
    except NetworkError as e:
        raise CliError(str(e)) from None
    with np.errstate(all="ignore"):
        loss, grads, cache = net.loss_and_grad(x, y)
    layers = [
        {
            "z": cache.zs[i].tolist(),
            "a": cache.as_[i + 1].tolist(),
            "delta": grads.deltas[i].tolist(),
            "grad_W": grads.grad_W[i].tolist(),
            "grad_b": grads.grad_b[i].tolist(),
        }
        for i in range(net.n_layers)
    ]
    arrays = (cache.output, *cache.zs, *cache.as_, *grads.deltas, *grads.grad_W, *grads.grad_b)
    if not np.isfinite(loss) or not all(np.isfinite(a).all() for a in arrays):
        # Every value printed must be a number: an inf in z (even under a saturated sigmoid whose
        # loss stays finite) would make the JSON invalid and the text meaningless.
        raise CliError(
            f"{path}: the forward or backward pass overflowed (a value is not finite); "
            "use smaller weights or inputs"
        )
    return {"loss": loss, "output": cache.output.tolist(), "layers": layers}


def _fmt(a: list[Any]) -> str:
    return np.array2string(np.asarray(a), precision=6, suppress_small=False, max_line_width=100)


def backprop(args: argparse.Namespace) -> int:
    report = backprop_report(args.net)
    if args.format == "json":
        write_json(report)
        return 0
    out = [f"loss = {report['loss']!r}", f"output ŷ =\n{_fmt(report['output'])}"]
    for i, layer in enumerate(report["layers"], start=1):
        out.append(f"--- layer {i} ---")
        for key in ("z", "a", "delta", "grad_W", "grad_b"):
            out.append(f"{key} =\n{_fmt(layer[key])}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0
