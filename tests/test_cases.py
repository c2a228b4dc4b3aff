"""Every case of tests/cases (the guide's worked examples and every boundary, as data: see
tests/kinds.py) through each front door: the rule, ``esn estimate <kind> --json``, the API, and
one batch of all the cases. Expected figures are the cases', which come from the guide.

The rule and the API are given the parameters of the case's date (2024-01-01 unless it says
``on:``). ``esn estimate`` and the batch have no date option: they compute with the parameters in
force today, so they are run with today taken as the case's date (``today_is`` sets the clock
that ``esncli.parameters.current`` reads), and the batch once per date (one, and 2023-06-30 for
the index-100 case)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from esncli import api, batch, parameters, terminal
from esncli.batch import fast
from esncli.cli import app
from esncli.errors import InputError
from esncli.rules import kinds as rules
from kinds import CASES, CENT, CHANTAL_FRENCH_CELLS, CHANTAL_INPUT, KINDS, PIERRE_CELLS, PIERRE_INPUT, Case, cells, cli_args, python_values

runner = CliRunner()
IDS = [case.id for case in CASES]
NOT_A_TERMINAL = terminal.Terminal(stdin_tty=False, stdout_tty=False, stderr_tty=False, no_color=True)


# --- comparing a result with a case ------------------------------------------------------------


def expected_cell(case: Case, name: str, value: Any) -> str:
    """What the batch writes for an expected output: amounts with two decimals, true / false."""
    if name == "eligible":
        return "true" if value else "false"
    spec = case.estimate.field(name)
    assert spec is not None
    if spec.kind == "money":
        return f"{Decimal(value).quantize(CENT)}"
    return str(value)


def same(case: Case, name: str, got: Any, want: Any) -> bool:
    if name == "eligible":
        return got is want
    spec = case.estimate.field(name)
    assert spec is not None
    if spec.kind == "money":
        return isinstance(got, Decimal) and got.quantize(CENT) == Decimal(want).quantize(CENT)
    if spec.kind == "count":
        return type(got) is int and got == want
    return bool(got == want)


def check(case: Case, got: Mapping[str, Any], warnings: Sequence[str], reasons: Sequence[str]) -> None:
    """Outputs to the cent, eligibility, and the warnings and reasons the case names."""
    wrong = {name: (got.get(name), want) for name, want in case.output.items() if not same(case, name, got.get(name), want)}
    assert not wrong, f"{case.id} ({case.source}): got, expected: {wrong}"
    check_notes(case, warnings, reasons)


def check_notes(case: Case, warnings: Sequence[str], reasons: Sequence[str]) -> None:
    for part in case.warnings_contain:
        assert any(part in w for w in warnings), (part, warnings)
    for part in case.warnings_absent:
        assert not any(part in w for w in warnings), (part, warnings)
    if case.no_warnings:
        assert not warnings, warnings
    for part in case.reasons_contain:
        assert any(part in r for r in reasons), (part, reasons)


@contextmanager
def today_is(day: dt.date, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The parameters "in force today" are those of ``day``, for a front door with no date option."""
    real = parameters.current
    monkeypatch.setattr(parameters, "current", lambda on=None: real(on or day))
    try:
        yield
    finally:
        monkeypatch.setattr(parameters, "current", real)


# --- the cases themselves ----------------------------------------------------------------------


def test_every_kind_has_its_cases_and_the_guide_examples_are_marked() -> None:
    assert {case.kind for case in CASES} == set(KINDS)
    assert {case.id for case in CASES if case.example} == {
        "daily-allowance-matthieu",
        "invalidity-pierre",
        "invalidity-chantal",
        "invalidity-chantal-by-category-2",
    }
    assert len(set(IDS)) == len(IDS)


def test_the_examples_spelt_as_cells_are_the_worked_examples() -> None:
    invalidity = rules.REGISTRY["invalidity"]
    assert invalidity.parse(PIERRE_CELLS) == invalidity.parse(python_values(PIERRE_INPUT))
    assert invalidity.parse(CHANTAL_FRENCH_CELLS) == invalidity.parse(python_values(CHANTAL_INPUT))


# --- (a) the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_rule(case: Case) -> None:
    raw = python_values(case.input)
    if case.error:
        with pytest.raises(InputError) as refused:
            rules.run(case.kind, raw, case.params)
        assert refused.value.field == case.error
        return
    result = rules.run(case.kind, raw, case.params)
    check(case, {**result.outputs, "eligible": result.eligible}, result.warnings, result.reasons)
    # The rule writes its outputs in the declaration's order: the order of the --json keys and
    # of JSON Lines rows (a TypedDict checks the keys, not their order).
    assert list(result.outputs) == [spec.name for spec in rules.REGISTRY[case.kind].output_fields]


# --- (b) esn estimate <kind> ... --json ----------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_cli(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal.override(NOT_A_TERMINAL)  # never prompt: a missing input is an error
    with today_is(case.on, monkeypatch):
        result = runner.invoke(app, ["estimate", *cli_args(case.kind, case.input), "--json"])
    assert "Traceback" not in result.output
    if case.error:
        assert result.exit_code == 2, (result.stdout, result.stderr)
        # An input missing before the rule runs is named by its option (--rate or --category).
        option = case.estimate.input(case.error).option
        assert case.error in result.stderr or option in result.stderr, result.stderr
        assert result.stdout == ""
        return
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout, parse_float=Decimal)
    assert data["kind"] == case.kind
    check(case, data, data["warnings"], data["reasons"])


# --- (c) the API -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_api(case: Case) -> None:
    inputs = python_values(case.input)
    if case.error:
        with pytest.raises(InputError) as refused:
            api.estimate(case.kind, params=case.params, **inputs)
        assert refused.value.field == case.error
        return
    result = api.estimate(case.kind, params=case.params, **inputs)
    check(case, {**result.outputs, "eligible": result.eligible}, result.warnings, result.reasons)


# --- (d) the batch: every case, one row each -------------------------------------------------------

INPUT_COLUMNS = list(dict.fromkeys(spec.name for estimate in rules.ESTIMATES for spec in estimate.input_fields))
HEADER = ["case", "kind", *INPUT_COLUMNS]
_batch: dict[bool, dict[str, dict[str, str]]] = {}  # by fast.ENABLED


def column(name: str) -> str:
    """A result named like an input column is written ``result_<name>``."""
    return f"result_{name}" if name in HEADER else name


def run_batch(folder: Path, fast_path: bool) -> dict[str, dict[str, str]]:
    """All the cases in one CSV, one batch run (one per parameter date: the batch computes with
    the parameters of one day), with or without the fast paths; the output rows by case id."""
    rows: dict[str, dict[str, str]] = {}
    for day in sorted({case.on for case in CASES}):
        dated = [case for case in CASES if case.on == day]
        source, target = folder / f"cases-{day}.csv", folder / f"results-{day}.csv"
        with source.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
            writer.writeheader()
            writer.writerows({"case": case.id, "kind": case.kind, **cells(case.input)} for case in dated)
        with pytest.MonkeyPatch.context() as monkeypatch, today_is(day, monkeypatch):
            monkeypatch.setattr(fast, "ENABLED", fast_path)
            summary = batch.run(batch.open_input(str(source), None), str(target), None, explain="notes")  # with the reasons
        assert (summary.read, summary.failed) == (len(dated), sum(1 for case in dated if case.error))
        with target.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            assert reader.fieldnames is not None and reader.fieldnames[: len(HEADER)] == HEADER
            rows.update((row["case"], row) for row in reader)
    assert sorted(rows) == sorted(IDS)
    return rows


@pytest.fixture(params=[True, False], ids=["fast-path", "general-path"])
def batch_rows(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    # Function-scoped (after conftest's isolation), computed once per path for the module.
    if request.param not in _batch:
        _batch[request.param] = run_batch(tmp_path_factory.mktemp("batch"), request.param)
    return _batch[request.param]


@pytest.mark.xdist_group("test_cases-batch")  # one worker runs the batch once
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_batch(case: Case, batch_rows: dict[str, dict[str, str]]) -> None:
    row = batch_rows[case.id]
    assert {name: row[name] for name in cells(case.input)} == cells(case.input)  # the inputs pass through
    if case.error:
        assert row["error"].startswith(case.error), row["error"]
        assert row[column("eligible")] == ""
        return
    assert row["error"] == "", row["error"]
    got = {name: row[column(name)] for name in case.output}
    want = {name: expected_cell(case, name, value) for name, value in case.output.items()}
    assert got == want, f"{case.id} ({case.source})"
    warnings, reasons = (row[column(name)].split(" | ") if row[column(name)] else [] for name in ("warnings", "reasons"))
    check_notes(case, warnings, reasons)
