"""`main.py trace --format pytorch` prints exactly the script Copy as PyTorch code puts on the
clipboard, and the script's torch.optim call carries every hyperparameter the rule reads (checked
on the text with ast: torch is not installed)."""

from __future__ import annotations

import ast

import pytest
from PySide6.QtWidgets import QApplication

from core.optim.table import RULES

# torch.optim's class and keyword for each of our Hyper fields, written from torch's documentation
# (independent of the generator's own table).
TORCH = {"sgd": "SGD", "momentum": "SGD", "nesterov": "SGD", "adagrad": "Adagrad",
         "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW", "amsgrad": "Adam"}  # fmt: skip
KEYWORD = {"momentum": "momentum", "rms_momentum": "momentum", "alpha": "alpha", "eps": "eps",
           "weight_decay": "weight_decay", "centered": "centered"}  # fmt: skip


def optimizer_call(code: str) -> tuple[str, dict[str, object]]:
    """The torch.optim.X(...) call of a script: X and its keyword arguments."""
    for node in ast.walk(ast.parse(code)):
        f = node.func if isinstance(node, ast.Call) else None
        if isinstance(f, ast.Attribute) and ast.unparse(f.value) == "torch.optim":
            return f.attr, {k.arg: ast.literal_eval(k.value) for k in node.keywords}
    raise AssertionError("no torch.optim call in the script")


@pytest.mark.gui
def test_cli_prints_the_clipboard_script(main_window, cli) -> None:
    tab = main_window.explorer
    c = tab.controller
    c.set_surface_name("rosenbrock")
    c.clear_runs()
    key = c.add_run("rmsprop")
    c.select(key)
    QApplication.processEvents()
    # Set it up through the run panel, as a user does.
    runs = tab.runs
    runs.convention.setCurrentIndex(runs.convention.findData("pytorch"))
    runs.convention.activated.emit(runs.convention.currentIndex())
    runs.hyper.lr.set_value(0.02)
    runs.hyper.lr.sigValueChanged.emit(0.02)
    runs.hyper.spins["alpha"].setValue(0.95)
    runs.hyper.spins["rms_momentum"].setValue(0.5)
    runs.hyper.spins["weight_decay"].setValue(0.01)
    runs.hyper.switches["centered"].setChecked(True)
    c.restart_at(-1.0, 2.0)
    c.race.step(12)
    main_window.export_actions.actions["copy_pytorch"].trigger()
    copied = QApplication.clipboard().text()
    hyper = c.race.racer(key).config.hyper
    assert (hyper.rms_momentum, hyper.weight_decay, hyper.centered) == (0.5, 0.01, True)
    code, out, err = cli("trace", "--surface", "rosenbrock", "--optimizer", "rmsprop",
                         "--convention", "pytorch", "--lr", "0.02", "--alpha", "0.95", "--momentum", "0.5",
                         "--weight-decay", "0.01", "--centered", "on", "--start", "-1,2",
                         "--steps", "12", "--format", "pytorch")  # fmt: skip
    assert (code, err) == (0, "")
    assert out == copied
    assert optimizer_call(out) == ("RMSprop", {"lr": 0.02, "alpha": 0.95, "eps": 1e-8,
                                               "momentum": 0.5, "centered": True,
                                               "weight_decay": 0.01})  # fmt: skip
    assert "steps = 12" in out and "[-1.0, 2.0]" in out


@pytest.mark.parametrize("rule", [r for r in RULES if r not in ("newton", "sfn")])
def test_the_script_carries_every_hyperparameter_the_rule_reads(rule, cli) -> None:
    """Non-default values for every field of the rule's row in the table, through the CLI."""
    values = {"momentum": 0.7, "rms_momentum": 0.3, "alpha": 0.95, "eps": 1e-6,
              "weight_decay": 0.02, "beta1": 0.8, "beta2": 0.99, "centered": True,
              "bias_correction": True}  # fmt: skip
    flags = {"momentum": "--momentum", "rms_momentum": "--momentum", "alpha": "--alpha",
             "eps": "--eps", "weight_decay": "--weight-decay", "beta1": "--beta1",
             "beta2": "--beta2", "centered": "--centered", "bias_correction": "--bias-correction"}  # fmt: skip
    argv = ["trace", "--surface", "himmelblau", "--optimizer", rule, "--convention", "pytorch",
            "--lr", "0.003", "--start", "1,1", "--steps", "5", "--format", "pytorch"]  # fmt: skip
    read = RULES[rule].params
    for name in read:
        v = values[name]
        argv += [flags[name], ("on" if v else "off") if isinstance(v, bool) else str(v)]
    code, out, err = cli(*argv)
    assert code == 0 and "note" not in err, err
    cls, kw = optimizer_call(out)
    assert cls == TORCH[rule]
    expected: dict[str, object] = {"lr": 0.003}
    for name in read:
        if name in KEYWORD:
            expected[KEYWORD[name]] = values[name]
    if "beta1" in read:
        expected["betas"] = (0.8, 0.99)
    expected.update({"nesterov": True} if rule == "nesterov" else {})
    expected.update({"amsgrad": True} if rule == "amsgrad" else {})
    assert kw == expected


def test_rules_without_torch_class_are_one_line_errors(cli) -> None:
    code, out, err = cli("trace", "--surface", "himmelblau", "--optimizer", "newton", "--start",
                         "1,1", "--steps", "5", "--format", "pytorch")  # fmt: skip
    assert (code, out) == (2, "") and err.count("\n") == 1 and "Hessian" in err
