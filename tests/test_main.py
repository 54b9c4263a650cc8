"""main.py: one table of subcommands, each with its flags and a handler that can be imported."""

from __future__ import annotations

import pytest

import main


@pytest.mark.parametrize("name", list(main.COMMANDS))
def test_every_command_has_a_handler_and_its_flags(name: str, capsys) -> None:
    assert callable(main.handler(name))
    with pytest.raises(SystemExit) as e:
        main.parse_args([name, "--help"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: main.py {name} ")


def test_the_table_is_the_parser(capsys) -> None:
    with pytest.raises(SystemExit) as e:
        main.parse_args(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "{" + ",".join(main.COMMANDS) + "}" in out  # every command, in the table's order
    for command in main.COMMANDS.values():
        assert command.help in out


def test_the_in_process_runner_reports_like_a_process(cli, monkeypatch) -> None:
    """tests' `cli` fixture: exit codes of handlers and of argparse, stdout, and warnings on
    stderr as a process would print them (so tests that count stderr lines see them)."""

    def noisy(args) -> int:
        import warnings

        print(f"ran {args.command}")
        warnings.warn("something odd", RuntimeWarning, stacklevel=1)
        return 3

    monkeypatch.setattr(main, "handler", lambda name: noisy)
    rc, out, err = cli("critical", "--surface", "booth")
    assert (rc, out) == (3, "ran critical\n")
    assert "RuntimeWarning: something odd" in err
    rc, out, err = cli("critical", "--domain", "1,0,0,1")
    assert rc == 2 and out == "" and err.startswith("main.py critical: error:")


def test_an_unknown_flag_names_the_flags_the_command_takes(cli) -> None:
    code, out, err = cli("trace", "--surface", "himmelblau", "--optimizer", "gd", "--start", "1,1",
                         "--steps", "3", "--bogus", "1")  # fmt: skip
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "--bogus 1" in err and "--steps" in err and "--momentum" in err
    assert "--help" not in err.split("(see")[0]  # listed once, at the end: (see ... --help)
