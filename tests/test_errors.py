"""One base class for errors caused by the user's input; main.py and the GUI catch only it."""

from __future__ import annotations

import pytest

from core.cli.common import CliError
from core.io.pytorch_code import CodeError
from core.io.scene import SessionError
from core.io.scene_surface import SurfaceSpecError
from core.network.datasets import DatasetError
from core.network.model import NetworkError
from core.optim.estimates import EstimateError
from core.optim.hyper import HyperError
from core.optim.rules import RuleError
from core.optim.schedules import ScheduleError
from gui.export.render import ExportError
from surfaces.base import SurfaceError
from surfaces.errors import UserError
from surfaces.formula import FormulaError

USER_FACING = [CliError, CodeError, SessionError, SurfaceSpecError, DatasetError, NetworkError,
               EstimateError, HyperError, RuleError, ScheduleError, ExportError, SurfaceError,
               FormulaError]  # fmt: skip


@pytest.mark.parametrize("error", USER_FACING, ids=lambda c: c.__name__)
def test_every_user_error_is_a_user_error(error: type[Exception]) -> None:
    assert issubclass(error, UserError)
    assert issubclass(error, ValueError)  # callers that catch ValueError still do
