"""main.py from tests: in this process (run_main, behind the `cli` fixture) or in a fresh one
(run_cli, for exit codes and clean shutdown). Both return (exit code, stdout, stderr)."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, timeout: float = 120) -> tuple[int, str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    p = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )
    return p.returncode, p.stdout, p.stderr


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    """main.main(args) with its output captured by pytest's capsys, as a process would give them:
    argparse's exits (--help, a malformed command line) are exit codes, warnings go to stderr."""
    import main

    capsys.readouterr()  # what the test printed before is not the command's output
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")  # as a fresh process shows them
        try:
            code = main.main(list(args))
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    # A process would print its warnings on stderr; tests that count stderr lines see them too.
    err += "".join(
        warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line) for w in caught
    )
    return code, out, err
