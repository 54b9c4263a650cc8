"""One base class for errors caused by the user's input; main.py and the GUI catch only it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from core.cli.args import CliError
from core.io.pytorch_code import CodeError
from core.io.scene import SessionError
from core.io.scene_surface import SurfaceSpecError
from core.network.datasets import DatasetError
from core.network.model import NetworkError
from core.optim.base import RuleError
from core.optim.estimates import EstimateError
from core.optim.hyper import HyperError
from core.optim.schedules import ScheduleError
from gui.export.render import ExportError
from surfaces.base import SurfaceError
from surfaces.errors import UserError
from surfaces.formula import FormulaError

ROOT = Path(__file__).resolve().parent.parent

USER_FACING = [CliError, CodeError, SessionError, SurfaceSpecError, DatasetError, NetworkError,
               EstimateError, HyperError, RuleError, ScheduleError, ExportError, SurfaceError,
               FormulaError]  # fmt: skip


@pytest.mark.parametrize("error", USER_FACING, ids=lambda c: c.__name__)
def test_every_user_error_is_a_user_error(error: type[Exception]) -> None:
    assert issubclass(error, UserError)
    assert issubclass(error, ValueError)  # callers that catch ValueError still do


def test_the_gui_takes_the_error_type_from_surfaces_not_from_a_cli_module() -> None:
    """gui/ may import core.cli only in the export command's handler (gui/export/cli.py)."""
    offenders = []
    for path in sorted((ROOT / "gui").rglob("*.py")):
        if path.relative_to(ROOT).as_posix() == "gui/export/cli.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[:2] == ["core", "cli"]]
    assert offenders == []
