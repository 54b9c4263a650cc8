"""`main.py train --net FILE --optimizer RULE[,RULE...] --steps N`: train copies of the file's
network with each rule and print `update,rule,loss` from update 0 (the loss before training)."""

from __future__ import annotations

import argparse
import io
import sys

import numpy as np

from core.cli.args import CliError, run_config
from core.cli.output import write_json
from core.network.files import load_network
from core.network.model import NetworkError
from core.network.race import Entry, NetworkRace, batch_of


class _Examples:
    """What the shared flag reader needs to know of a network's data: how many examples."""

    def __init__(self, n: int) -> None:
        self.n_samples = n
        self.name = "network"

    # an analytic surface has no examples; a network always has them
    domain = (0.0, 1.0, 0.0, 1.0)


def train(args: argparse.Namespace) -> int:
    try:
        net, x, y = load_network(args.net)
    except NetworkError as e:
        raise CliError(str(e)) from None
    names = [r.strip() for r in args.optimizer.split(",")]
    if not all(names):
        raise CliError(
            f"--optimizer '{args.optimizer}' has an empty rule name; give RULE[,RULE...]"
        )
    data = _Examples(len(x))
    entries = []
    for name in names:
        c = run_config(args, data, name)  # only the number of examples is read from data
        try:
            entries.append(Entry(name, c, batch_of(c.estimate, len(x))))
        except NetworkError as e:
            raise CliError(f"--noise: {e}") from None
    race = NetworkRace(net, x, y, entries)
    if not np.isfinite(race.trainers[0].losses[0]):
        raise CliError(f"{args.net}: the network's loss is not finite before training")
    race.step(args.steps)
    rows = race.rows()
    if args.format == "json":
        write_json([{"update": u, "rule": r, "loss": v} for u, r, v in rows])
    else:
        out = io.StringIO()
        out.write("update,rule,loss\n")
        for u, r, v in rows:
            out.write(f"{u},{r},{v!r}\n")
        sys.stdout.write(out.getvalue())
    for e, t in zip(race.entries, race.trainers, strict=True):
        if t.diverged is not None:
            print(f"{e.name}: {t.diverged.message}; its rows stop at update {t.t}", file=sys.stderr)
    return 0
