"""A leave's timeline as a picture (issue 13): bars placed in time on a terminal, in English and
French, ASCII where the terminal cannot draw blocks, plain lines on a pipe or a narrow terminal."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys

import pytest
from rich.console import Console
from typer.testing import CliRunner

from esncli import dates, i18n
from esncli.cli import app
from esncli.present import explain, timeline
from esncli.rules import kinds

MATTHIEU = [
    "--reference-salary",
    "4431",
    "--resources",
    "2405.50",
    "--leave",
    "cmo",
    "--staff",
    "civil-servant",
    "--leave-start",
    "2022-04-01",
]


@pytest.fixture
def lang():
    def use(code: str) -> None:
        i18n.set_language(code)

    yield use
    i18n.set_language(None)


def matthieu_lines() -> tuple[timeline.Line, ...]:
    table = dates.leave_timeline(dates.Leave.CMO, dt.date(2022, 4, 1))
    return timeline.lines_of(table.periods)


def test_english_picture(lang) -> None:
    lang("en")
    assert timeline.text_lines(matthieu_lines(), 80, picture=True) == [
        "Full pay                   2022-04-01 to 2022-06-30  ██████",
        "Half pay + allowance (AJ)  2022-07-01 to 2023-03-31        ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒",
        "End of the allowance       2023-03-31                                          ▏",
    ]


def test_french_picture(lang) -> None:
    lang("fr")
    assert timeline.text_lines(matthieu_lines(), 90, picture=True) == [
        "Plein traitement                   du 01/04/2022 au 30/06/2022  ██████",
        "Demi-traitement + allocation (AJ)  du 01/07/2022 au 31/03/2023        ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒",
        "Fin de l'allocation                31/03/2023                                            ▏",
    ]


def test_ascii_and_an_open_end(lang) -> None:
    lang("en")
    table = dates.leave_timeline(dates.Leave.CMO, dt.date(2022, 4, 1), staff=dates.Staff.CONTRACT, half_pay_start=dt.date(2022, 9, 15))
    assert timeline.text_lines(timeline.lines_of(table.periods), 80, picture=True, ascii=True) == [
        "Full pay                   2022-04-01 to 2022-09-14       #################",
        "Half pay + allowance (AJ)  from 2022-09-15, no known end                   ====>",
    ]


@pytest.mark.parametrize(("width", "picture"), [(40, True), (200, False)])
def test_plain_lines_on_a_narrow_terminal_or_a_pipe(lang, width: int, picture: bool) -> None:
    lang("fr")
    assert timeline.text_lines(matthieu_lines(), width, picture=picture) == [
        "Plein traitement : du 01/04/2022 au 30/06/2022",
        "Demi-traitement + allocation (AJ) : du 01/07/2022 au 31/03/2023",
        "Fin de l'allocation : 31/03/2023",
    ]


def test_every_bar_fits_the_width_and_starts_where_its_period_starts(lang) -> None:
    lang("en")
    for width in range(75, 140, 7):
        drawn = timeline.text_lines(matthieu_lines(), width, picture=True)
        assert all(len(line) <= width for line in drawn)
        full, half, end = (line.index(mark) for line, mark in zip(drawn, "█▒▏", strict=True))
        assert drawn[0].rindex("█") + 1 == half  # half pay starts where full pay ends, no overlap
        assert full < half <= end == drawn[1].rindex("▒")  # the end marks half pay's last day


def test_the_explanation_draws_the_picture_on_a_terminal_and_lines_on_a_pipe(lang) -> None:
    lang("en")
    result = kinds.run(
        "daily-allowance",
        {"reference_salary": "4431", "resources": "2405.50", "leave": "cmo", "staff": "civil-servant", "leave_start": "2022-04-01"},
    )
    screen = io.StringIO()
    explain.show(result, kinds.REGISTRY["daily-allowance"], Console(file=screen, force_terminal=True, width=100, color_system=None))
    assert "  Full pay                   2022-04-01 to 2022-06-30  ████" in screen.getvalue()
    piped = CliRunner().invoke(app, ["estimate", "daily-allowance", *MATTHIEU])
    assert piped.exit_code == 0, piped.stderr
    assert "Timeline\n  Full pay: 2022-04-01 to 2022-06-30\n  Half pay + allowance (AJ): 2022-07-01 to 2023-03-31\n" in piped.stdout
    assert "█" not in piped.stdout


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_the_picture_in_a_real_terminal() -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "LANG": "C.UTF-8"}
    for name in ("ESN_DATA_DIR", "COLUMNS", "LINES"):  # the terminal's own size, not the suite's
        env.pop(name, None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "esncli", "estimate", "daily-allowance", *MATTHIEU, "--lang", "fr"],
        env=env,
        encoding="utf-8",
        dimensions=(60, 110),
    )
    try:
        child.expect(pexpect.EOF, timeout=30)
        shown = child.before
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert "Plein traitement                   du 01/04/2022 au 30/06/2022  █" in shown
    assert "▒" in shown and "▏" in shown


@pytest.mark.slow
@pytest.mark.timeout(60)
def test_the_walkthrough_asks_the_staff_and_the_leave_start_once_the_leave_is_given() -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    for name in ("ESN_DATA_DIR", "COLUMNS", "LINES"):
        env.pop(name, None)
    args = ["-m", "esncli", "estimate", "daily-allowance", "--reference-salary", "4431", "--resources", "2405.50", "--leave", "cmo"]
    child = pexpect.spawn(sys.executable, args, env=env, encoding="utf-8", dimensions=(60, 140), timeout=20)
    try:
        child.expect("Staff")
        child.send("\r")  # the first choice: a civil servant
        child.expect("Start of the leave")
        child.send("2022-04-01\r")
        child.expect("Allowance until +2023-03-31")
        child.expect("--staff civil-servant --leave-start 2022-04-01")  # the command that runs it again
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
