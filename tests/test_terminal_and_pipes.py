"""Pipes and terminals (issue 5): a closed pipe ends quietly, NO_COLOR and non-terminal output are
plain, a 40-column terminal still renders readable tables, nothing prompts without a terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from esncli import terminal
from esncli.cli import app
from esncli.terminal import Terminal

pytestmark = pytest.mark.timeout(60)
runner = CliRunner()
ESCAPE = re.compile(r"\x1b|\x9b")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# One run of every command (and of each form of output).
COMMANDS = [
    ["zone", "lookup", "Kenya"],
    ["zone", "lookup", "Germny"],  # fuzzy: a warning on stderr
    ["zone", "lookup", "Korea"],  # ambiguous: exit 2
    ["zone", "lookup", "Kenya", "--json"],
    ["zone", "list"],
    ["zone", "list", "--zone", "3", "--json"],
    ["contact", "Kenya", "--admission", "2026-12-20"],
    ["contact", "Brazil", "--json"],
    ["contact", "Japan", "--need", "assistance"],
    ["guarantees"],
    ["guarantees", "--status", "retired"],
    ["guarantees", "--json"],
    ["estimate", "daily-allowance", "--reference-salary", "4431", "--resources", "1354", "--resources", "1 051,50"],
    ["estimate", "invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "8123", "--rate", "37"],
    ["estimate", "autonomy", "--status", "active", "--age", "45", "--quarters", "6"],
    ["estimate", "dependency", "--status", "retired", "--gir", "1", "--membership-months", "40", "--home-months", "8"],
    ["estimate", "death-capital", "--status", "cta", "--children", "1"],
    ["estimate", "social-loan", "--amount", "6000", "--months", "48", "--json"],
    ["estimate", "invalidity"],  # missing inputs, no terminal: exit 2
    ["data", "check"],
    ["--help"],
    ["estimate", "--help"],
]
IDS = [" ".join(c) for c in COMMANDS]


def esn(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "ESN_DEBUG", "ESN_DATA_DIR")}
    env.update(kwargs.pop("env", {}))  # type: ignore[arg-type]
    return subprocess.run([sys.executable, "-m", "esncli", *args], capture_output=True, text=True, env=env, timeout=30, **kwargs)  # type: ignore[call-overload, no-any-return]


# ---- pipes


@pytest.mark.parametrize("command", [["zone", "list"], ["zone", "list", "--all", "--json"]], ids=" ".join)
def test_a_reader_that_stops_early_ends_esn_quietly(command: list[str]) -> None:
    """`esn zone list | head -1`: the reader closes the pipe; esn exits 0, says nothing."""
    pipeline = f'{sys.executable} -m esncli {" ".join(command)} | head -1; echo "exit=${{PIPESTATUS[0]}}" >&2'
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    done = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, env=env, timeout=30)
    assert len(done.stdout.splitlines()) == 1
    assert done.stderr == "exit=0\n", done.stderr


CLOSED_PIPE = [
    ["zone", "lookup", "Kenya"],
    ["zone", "list", "--all", "--json"],
    ["contact", "Kenya"],
    ["estimate", "invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "8123", "--rate", "37"],
    ["zone", "list", "--all"],  # a rich table: rich's own broken-pipe exit is replaced (render.console)
    ["guarantees"],
]


@pytest.mark.parametrize("command", CLOSED_PIPE, ids=lambda c: " ".join(c))
def test_a_reader_that_closes_at_once(command: list[str]) -> None:
    """The pipe is closed before esn writes a byte (`esn zone list | true`): exit 0, nothing said."""
    process = subprocess.Popen([sys.executable, "-m", "esncli", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    assert (process.wait(timeout=30), stderr) == (0, "")


# ---- no escape codes unless a colour terminal


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_no_escape_codes_when_not_a_terminal(command: list[str]) -> None:
    """Not a terminal (CliRunner's streams), colour not even refused: plain text."""
    result = runner.invoke(app, command, env={"NO_COLOR": None, "TERM": "xterm-256color", "FORCE_COLOR": None})
    assert result.exit_code in (0, 2), result.stderr
    assert not ESCAPE.search(result.stdout + result.stderr), (result.stdout + result.stderr)[:300]


# Rich tables and explanations included: NO_COLOR drops bold and italic too (render.console).
NO_COLOR_CASES = [pytest.param(c, id=i) for c, i in zip(COMMANDS, IDS, strict=True)]


@pytest.mark.parametrize("command", NO_COLOR_CASES)
def test_no_escape_codes_with_no_color_on_a_terminal(command: list[str]) -> None:
    """A terminal, but NO_COLOR: plain text (bold, colour and dim are all escape codes)."""
    terminal.override(Terminal(stdin_tty=False, stdout_tty=True, stderr_tty=True, no_color=True))
    result = runner.invoke(app, command, env={"NO_COLOR": "1", "TERM": "xterm-256color"})
    assert result.exit_code in (0, 2), result.stderr
    assert not ESCAPE.search(result.stdout + result.stderr), (result.stdout + result.stderr)[:300]


@pytest.mark.parametrize("command", [["zone", "lookup", "Kenya"], ["zone", "list"], ["guarantees"]], ids=" ".join)
def test_no_escape_codes_from_a_real_process_writing_to_a_pipe(command: list[str]) -> None:
    done = esn(*command, env={"TERM": "xterm-256color"})
    assert done.returncode == 0, done.stderr
    assert not ESCAPE.search(done.stdout + done.stderr)


def test_a_colour_terminal_does_get_colour() -> None:
    """The other side of the check above: the tests would catch escape codes if there were any."""
    terminal.override(Terminal(stdin_tty=False, stdout_tty=True, stderr_tty=True, no_color=False))
    result = runner.invoke(app, ["zone", "lookup", "Kenya"], env={"NO_COLOR": None})
    assert ESCAPE.search(result.stdout)


# ---- a 40-column terminal

NARROW = [
    ["zone", "list"],
    ["zone", "list", "--all"],
    ["guarantees"],
    ["guarantees", "--status", "active"],
    ["estimate", "invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "8123", "--rate", "37"],
    ["estimate", "daily-allowance", "--reference-salary", "4431", "--resources", "1354", "--resources", "1 051,50"],
    ["estimate", "death-capital", "--status", "cta", "--children", "1"],
    ["estimate", "social-loan", "--amount", "6000", "--months", "48"],
]


@pytest.mark.parametrize("command", NARROW, ids=" ".join)
def test_a_40_column_terminal_still_renders_readable_output(command: list[str]) -> None:
    terminal.override(Terminal(stdin_tty=False, stdout_tty=True, stderr_tty=False, no_color=True))
    result = runner.invoke(app, command, env={"COLUMNS": "40", "LINES": "25", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    # Escape codes are another test's business (NO_COLOR above): measure the visible text.
    lines = ANSI.sub("", result.stdout).splitlines()
    assert lines
    too_wide = [line for line in lines if len(line) > 40]
    assert not too_wide, too_wide[:5]
    assert "…" not in result.stdout, [line for line in lines if "…" in line][:5]


def test_the_zone_list_folds_long_names_without_losing_letters() -> None:
    terminal.override(Terminal(stdin_tty=False, stdout_tty=True, stderr_tty=False, no_color=True))
    result = runner.invoke(app, ["zone", "list", "--zone", "1"], env={"COLUMNS": "40", "NO_COLOR": "1"})
    assert result.exit_code == 0
    letters = re.sub(r"\s+", "", ANSI.sub("", result.stdout))
    # Names longer than a 40-column table's name column are folded, never cut.
    assert "Kenya" in letters
    assert any(len(line.split()[0]) < len("Bosnie-Herzégovine") for line in ANSI.sub("", result.stdout).splitlines() if line.strip())


# ---- nothing prompts without a terminal

MISSING = [
    ["estimate", "daily-allowance"],
    ["estimate", "invalidity"],
    ["estimate", "invalidity", "--base-salary", "2140"],
    ["estimate", "autonomy"],
    ["estimate", "dependency", "--status", "retired"],
    ["estimate", "death-capital"],
    ["estimate", "social-loan", "--amount", "6000"],
]


@pytest.mark.parametrize("command", MISSING, ids=" ".join)
def test_missing_options_without_a_terminal_exit_2_at_once(command: list[str]) -> None:
    result = runner.invoke(app, command, input="")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("esn: missing "), result.stderr
    assert "give them as options" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", MISSING[:3] + MISSING[-1:], ids=" ".join)
def test_a_real_process_with_an_open_stdin_never_waits(command: list[str]) -> None:
    """stdin is a pipe nobody writes to (a cron job, a CI step): esn must not wait on it."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "ESN_DATA_DIR")}
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "esncli", *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    try:
        process.wait(timeout=20)  # stdin stays open: nothing is ever written to it, nor closed
        stdout, stderr = process.stdout.read(), process.stderr.read()
    finally:
        process.kill()
        process.stdin.close()
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == 2, stderr
    assert stderr.startswith("esn: missing "), stderr
    assert stdout == ""
    assert time.monotonic() - started < 20
