"""Closed and full standard streams (issue 11), in real processes through a shell: a clear
message where one can be written, exit 2, never 1 and never "internal error"; a reader that goes
away (`| head`) stays a quiet 0."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ESN = f"{shlex.quote(sys.executable)} -m esncli"
ENV = {**os.environ, "NO_COLOR": "1"}


def shell(command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=ENV, timeout=60, cwd=cwd)


@pytest.mark.parametrize(
    "command",
    [
        "zone lookup Kenya",
        "contact Brazil",
        "guarantees",
        "zone list",
        "estimate invalidity --base-salary 2140 --bonuses 600 --pension 8123 --rate 37",
    ],
)
def test_closed_stdout_is_exit_2_with_a_message(command: str) -> None:
    done = shell(f"{ESN} {command} >&-")
    assert done.returncode == 2, done.stderr
    assert "cannot write the output" in done.stderr and "internal error" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["zone list", "guarantees", "zone lookup Kenya --json"])
def test_a_full_stdout_is_exit_2_with_a_message(command: str) -> None:
    done = shell(f"{ESN} {command} > /dev/full")
    assert done.returncode == 2, done.stderr
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_closed_stdin_for_a_batch_is_exit_2() -> None:
    done = shell(f"{ESN} estimate batch - <&-")
    assert done.returncode == 2 and "cannot read stdin: it is closed" in done.stderr


def test_a_batch_to_closed_stdout_is_exit_2() -> None:
    done = shell(f"printf 'kind,country\\nzone,Kenya\\n' | {ESN} estimate batch - >&-")
    assert done.returncode == 2 and "stdout" in done.stderr and "internal error" not in done.stderr


def test_a_batch_with_stderr_closed_writes_its_output_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("kind,country\nzone,Kenya\n")
    done = shell(f"{ESN} estimate batch in.csv -o out.csv 2>&-", cwd=tmp_path)
    assert done.returncode == 2  # the summary could not be given
    assert (tmp_path / "out.csv").read_text().startswith("kind,country,")


def test_a_reader_that_goes_away_is_a_quiet_0() -> None:
    done = shell(f"{ESN} zone list | head -1; exit ${{PIPESTATUS[0]}}")
    assert done.returncode == 0 and done.stderr == ""
