"""Gradient Descent Explorer: entry point. Argument parsing and dispatch only.

python main.py                       the window
python main.py --screenshot F.png    render the window offscreen to a PNG and exit
python main.py --lesson ID [--lang en|ru]   the window, opened on a lesson
python main.py trace|export|critical|basins|backprop|lesson ...   (see README.md)

To add a command: write its handler `name(args) -> exit code` (Qt-free ones in core/cli/), give it
a function adding its flags below, and one row in COMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

from core.cli.args import (
    Parser,
    count,
    domain,
    hyper_arguments,
    join_negative_values,
    point,
    positive,
    size,
    surface_arguments,
)
from gui.i18n import languages
from surfaces.errors import UserError


def _trace(p: argparse.ArgumentParser) -> None:
    surface_arguments(p)
    hyper_arguments(p)
    p.add_argument("--start", type=point, required=True, metavar="X,Y")
    p.add_argument("--steps", type=count(0, 1_000_000), required=True, metavar="N")
    p.add_argument("--format", choices=("csv", "json", "pytorch"), default="csv",
                   help="the trajectory (csv, json) or a torch.optim script reproducing it")  # fmt: skip


def _export(p: argparse.ArgumentParser) -> None:
    surface_arguments(p)
    hyper_arguments(p, multi=True)
    p.add_argument("--start", type=point, required=True, metavar="X,Y")
    p.add_argument("--steps", type=count(0, 1_000_000), required=True, metavar="N")
    p.add_argument("--out", required=True, metavar="FILE.png|FILE.svg|FILE.gif|FILE.mp4")
    p.add_argument("--size", type=size, default=(1200, 800), metavar="WxH")
    # How the picture looks on a slide: the region shown, the theme, the legend, the frame rate.
    p.add_argument("--domain", type=domain, metavar="XMIN,XMAX,YMIN,YMAX",
                   help="region shown (default: the surface's domain)")  # fmt: skip
    p.add_argument("--theme", choices=("dark", "light"), default="dark")
    p.add_argument("--no-legend", action="store_true", help="leave the legend out")
    p.add_argument("--fps", type=positive, metavar="F",
                   help=".mp4/.gif frames per second (default: about 6 s in all, 10 to 25 fps)")  # fmt: skip


def _critical(p: argparse.ArgumentParser) -> None:
    surface_arguments(p)
    p.add_argument("--domain", type=domain, metavar="XMIN,XMAX,YMIN,YMAX")
    p.add_argument("--format", choices=("text", "json"), default="text")


def _basins(p: argparse.ArgumentParser) -> None:
    surface_arguments(p)
    hyper_arguments(p)
    p.add_argument("--steps", type=count(1, 1_000_000), required=True, metavar="N")
    p.add_argument("--grid", type=count(2, 2048), required=True, metavar="G")
    p.add_argument("--domain", type=domain, metavar="XMIN,XMAX,YMIN,YMAX")
    p.add_argument("--out", metavar="FILE.png")
    p.add_argument("--format", choices=("text", "json"), default="text")


def _backprop(p: argparse.ArgumentParser) -> None:
    p.add_argument("--net", required=True, metavar="FILE.json")
    p.add_argument("--format", choices=("text", "json"), default="json")


def _train(p: argparse.ArgumentParser) -> None:
    p.add_argument("--net", required=True, metavar="FILE.json")
    hyper_arguments(p, multi=True)
    p.add_argument("--steps", type=count(0, 100_000), required=True, metavar="N")
    p.add_argument("--format", choices=("csv", "json"), default="csv")


def _lesson(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", required=True, parser_class=Parser)
    listing = actions.add_parser("list", help="the lessons in the lecture's order")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    check = actions.add_parser("check", help="run the lessons' claims headless")
    check.add_argument("ids", nargs="*", metavar="ID", help="lessons to check (default: all)")
    check.add_argument("--format", choices=("text", "json"), default="text")


class Command(NamedTuple):
    help: str
    flags: Callable[[argparse.ArgumentParser], None]
    handler: str  # "module:function", imported only when the command runs


# The one table of subcommands, in the order `--help` lists them.
COMMANDS: dict[str, Command] = {
    "trace": Command("print a trajectory as CSV or JSON", _trace, "core.cli.trace:trace"),
    "export": Command("render a race to PNG, SVG, GIF or MP4", _export, "gui.export.cli:export"),
    "critical": Command(
        "list every critical point in a domain", _critical, "core.cli.critical:critical"
    ),
    "basins": Command(
        "basin-of-attraction map over a grid of starts", _basins, "core.cli.basins:basins"
    ),
    "backprop": Command(
        "forward and backward pass of a network file", _backprop, "core.cli.backprop:backprop"
    ),
    "lesson": Command("list the lessons or check their claims", _lesson, "core.cli.lesson:lesson"),
    "train": Command(
        "train copies of a network file with each optimizer", _train, "core.cli.train:train"
    ),
}


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="main.py", description="Gradient Descent Explorer")
    p.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen and exit")
    p.add_argument("--tab", choices=("explorer", "network"), default="explorer")
    p.add_argument("--size", type=size, metavar="WxH", help="window size for --screenshot")
    p.add_argument("--lesson", metavar="ID", help="open the window on a lesson (see: lesson list)")
    p.add_argument("--scene", metavar="SCENE.json",
                   help="open this scene as File > Open does (with --screenshot: render it)")  # fmt: skip
    p.add_argument(
        "--lang",
        choices=languages(),
        help="language of the window and the lessons (default: the last used, else the system's)",
    )
    sub = p.add_subparsers(dest="command", parser_class=Parser)
    p.commands = {}  # name -> its parser, to say which flags it takes
    for name, command in COMMANDS.items():
        p.commands[name] = sub.add_parser(name, help=command.help)
        command.flags(p.commands[name])
    return p


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line (exit 2 with one line on stderr if it is malformed; an unknown flag
    is named with the flags that command takes)."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(join_negative_values(argv))
    if unknown:
        cmd = parser.commands.get(args.command, parser)
        flags = sorted({o for a in cmd._actions for o in a.option_strings if o.startswith("--")})
        flags.remove("--help")
        where = f"main.py {args.command}" if args.command else "main.py"
        parser.error(f"unrecognized arguments: {' '.join(unknown)}; {where} takes "
                     f"{', '.join(flags)} (see {where} --help)")  # fmt: skip
    return args


def handler(command: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs a subcommand."""
    module, name = COMMANDS[command].handler.split(":")
    return getattr(importlib.import_module(module), name)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.command is None:
            from gui.app import run_app

            return run_app(screenshot=args.screenshot, tab=args.tab, size=args.size,
                           lesson=args.lesson, lang=args.lang, scene=args.scene)  # fmt: skip
        return handler(args.command)(args)
    except UserError as e:
        where = f"main.py {args.command}" if args.command else "main.py"
        sys.stderr.write(f"{where}: error: {e}\n")
        return 2
    except BrokenPipeError:  # `| head` closed the pipe: not an error of ours
        return 0


def _leave(code: int, argv: Sequence[str]) -> None:
    """Exit with code. A screenshot process has written its picture and keeps nothing else, so
    it leaves at once (as pyqtgraph's own exit() does) instead of tearing down Qt and every
    module one by one, which takes about a fifth of a second."""
    if any(a == "--screenshot" or a.startswith("--screenshot=") for a in argv):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    _leave(main(), sys.argv[1:])
