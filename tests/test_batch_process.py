"""`esn estimate batch` as a real process: stdin / stdout, and the interrupted-run guarantee."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ESN = [sys.executable, "-m", "esncli", "estimate", "batch"]
ENV = {**os.environ, "NO_COLOR": "1"}


def run(*args: str, input: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ESN, *args], input=input, capture_output=True, text=True, env=ENV, timeout=60)


def test_csv_on_stdin_to_stdout() -> None:
    done = run("-", input="id,kind,base_salary,bonuses,pension,rate\n7,invalidity,2140,600,8123,37\n8,invalidity,,600,8123,37\n")
    assert done.returncode == 3, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["id"] for r in rows] == ["7", "8"]
    assert rows[0]["annual_amount"] == "5658.60" and rows[1]["error"].startswith("base_salary: missing")
    assert "2 rows read, 1 estimated, 1 failed" in done.stderr
    assert "\x1b[" not in done.stderr  # no progress bar on a pipe


def test_jsonl_on_stdin_is_sniffed_and_answered_in_jsonl() -> None:
    done = run("-", input='{"kind": "zone", "country": "Macao"}\n{"kind": "zone", "country": "Korea"}\n')
    assert done.returncode == 3
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows[0]["name_en"].startswith("Maca") and rows[0]["error"] is None
    assert "North Korea" in rows[1]["error"] and "South Korea" in rows[1]["error"]


def test_format_option_for_stdin_and_stdout() -> None:
    done = run("-", "--format", "jsonl", input='{"kind": "social-loan", "amount": 1000, "months": 10}\n')
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert row["monthly_installment"] == 100 and row["error"] is None


def test_no_kind_on_stdin_exits_2_without_output() -> None:
    done = run("-", input="a,b\n1,2\n")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("esn: ") and "kind" in done.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGQUIT, 131)],
    ids=["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"],
)
def test_a_signal_part_way_leaves_no_file_under_the_output_name(tmp_path: Path, signum: int, code: int) -> None:
    """The rows come through a pipe this test holds open: once the batch has written part of its
    temporary file it waits for more input, and the signal reaches it part-way, however fast the
    machine (nothing depends on how long the rows take). Ctrl-C, ``timeout`` (SIGTERM), a closed
    terminal (SIGHUP) and Ctrl-\\ (SIGQUIT) all end it alike: no output, no temporary file of
    members' data, exit 128 + the signal."""
    rows = 20_000  # written in blocks of 256 rows through an 8 KB buffer: the temporary file gets bytes
    target = tmp_path / "out.csv"
    process = subprocess.Popen(
        [*ESN, "-", "--format", "csv", "-o", str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert process.stdin is not None and process.stderr is not None
        process.stdin.write("member,kind,base_salary,bonuses,pension,rate\n")
        for i in range(rows):
            process.stdin.write(f"M{i},invalidity,{2000 + i % 997}.{i % 100:02d},{i % 700},{8000 + i % 5000},{10 + i % 90}\n")
        process.stdin.flush()  # and left open: the batch now waits for the next row
        deadline = time.monotonic() + 60
        partial: list[Path] = []
        while not (partial and partial[0].stat().st_size > 0):
            assert process.poll() is None, process.communicate(timeout=30)
            assert time.monotonic() < deadline, f"no rows in a temporary file after 60 s: {sorted(p.name for p in tmp_path.iterdir())}"
            time.sleep(0.02)
            partial = list(tmp_path.glob(".out.csv.*.part"))
        assert not target.exists()
        assert partial[0].stat().st_mode & 0o777 == 0o600  # members' data: readable by its owner only while written
        assert process.poll() is None  # still reading: stdin is open
        process.send_signal(signum)
        returncode = process.wait(timeout=30)  # stdin still open: an end of input cannot race the signal
        stderr = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        for stream in (process.stdin, process.stderr):
            if stream is not None:
                stream.close()
    assert returncode == code, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no output, no temporary file


# --------------------------------------------------------------------------------------------
# Peak memory on hostile sizes (issue 11), measured in a child process (its own maximum resident set).

PEAK = """
import sys
from esncli.cli import main
sys.argv = ["esn", "estimate", "batch", sys.argv[1], "-o", sys.argv[2]]
try:
    main()
except SystemExit as exit:
    code = exit.code
# VmHWM, this process's own high-water mark: ru_maxrss would count what the forking parent held.
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:")).split()[1]
print(int(peak) // 1024, code, file=sys.__stdout__)
"""


def peak_mib(tmp_path: Path, source: Path, output: str) -> tuple[int, int]:
    done = subprocess.run([sys.executable, "-c", PEAK, str(source), str(tmp_path / output)], capture_output=True, text=True, timeout=300)
    mib, code = done.stdout.split()
    return int(mib), int(code)


@pytest.mark.timeout(300)
def test_distinct_long_countries_keep_memory_bounded(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    with source.open("w") as f:
        f.write("member,kind,country\n")
        for i in range(2048):
            f.write(f"m{i},zone,{i:06d}{'y' * 30_000}\n")
    mib, code = peak_mib(tmp_path, source, "out.csv")
    assert code == 3
    assert mib < 150, f"peak RSS {mib} MiB"


def test_a_signal_while_a_workbook_is_written_leaves_nothing(tmp_path: Path) -> None:
    """SIGTERM part-way through a workbook: no output, no temporary file, and xlsxwriter's own
    temporary files gone with their private folder (nothing in TMPDIR either)."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    env = {**ENV, "TMPDIR": str(tmpdir)}
    process = subprocess.Popen(
        [*ESN, "-", "--format", "csv", "-o", str(work / "out.xlsx")],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdin is not None
        process.stdin.write("member,kind,country\n" + "".join(f"m{i},zone,Kenya\n" for i in range(3000)))
        process.stdin.flush()  # left open: the batch waits for more rows, its workbook half written
        deadline = time.monotonic() + 60
        while not list(work.glob(".out.xlsx.*.tmp")):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(0.3)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 143
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
    assert not list(work.iterdir()) and not list(tmpdir.iterdir())
