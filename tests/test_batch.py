"""`esn estimate batch` driven in-process with CliRunner: mixed files, formats, errors, exit
codes, formula neutralising. Expected figures come from the guide's worked examples (Pierre,
Chantal, the autonomy allowance), not from the code. Every test runs twice: with the fast paths
(``esncli.batch.fast``) and with every row through the general one."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esncli import batch, terminal
from esncli.batch import fast
from esncli.cli import app
from kinds import CHANTAL_FRENCH_CELLS as CHANTAL  # IPT, 8 520 EUR a year, as a French spreadsheet writes it
from kinds import PIERRE_CELLS as PIERRE  # IPP, 5 658,60 EUR a year

HEADER = [
    "member",
    "kind",
    "base_salary",
    "bonuses",
    "pension",
    "rate",
    "category",
    "status",
    "age",
    "quarters",
    "amount",
    "months",
    "country",
    "note_for_me",
]


@pytest.fixture(autouse=True, params=[True, False], ids=["fast-path", "general-path"])
def _both_paths(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast, "ENABLED", request.param)


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, ["estimate", "batch", *args], input=input)


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] = HEADER, delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, delimiter=delimiter, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_csv(text: str, delimiter: str = ",") -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader)
    assert len(header) == len(set(header)), "duplicate column names"
    return header, [dict(zip(header, row, strict=True)) for row in reader]


MIXED = [
    {"member": "A1", "kind": "invalidity", **PIERRE, "note_for_me": '=HYPERLINK("http://x")'},
    {"member": "A2", "kind": "invalidity", **PIERRE, "rate": "abc"},
    {"member": "A3", "kind": "Invalidity ", **CHANTAL, "note_for_me": "-12.50"},
    {"member": "A4", "kind": "zone", "country": "Kenya"},
    {"member": "A5", "kind": "pension-fund"},
    {"member": "@A6", "kind": "invalidity", **{k: v for k, v in PIERRE.items() if k != "pension"}},
    {"member": "A7", "kind": "autonomy", "status": "active", "age": "40", "quarters": "2"},
    {"member": "A8", "kind": "zone", "country": "Atlantis"},
    {"member": "A9", "kind": "social-loan", "amount": "-5", "months": "10"},
    {"member": "A10", "kind": "", "note_for_me": "+33 1 23 45 67 89"},
]


def test_mixed_file_keeps_every_row_in_order_with_results_and_errors(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", MIXED)
    result = invoke(str(source))
    assert result.exit_code == 3, result.stderr
    header, rows = read_csv(result.stdout)
    assert [r["member"] for r in rows] == ["A1", "A2", "A3", "A4", "A5", "'@A6", "A7", "A8", "A9", "A10"]
    assert header[: len(HEADER)] == HEADER
    assert header[-1] == "error"
    # Inputs pass through untouched (but for formula neutralising).
    assert rows[0]["base_salary"] == "2140" and rows[2]["base_salary"] == "2 500" and rows[2]["kind"] == "Invalidity "
    assert rows[0]["note_for_me"] == '\'=HYPERLINK("http://x")'
    assert rows[2]["note_for_me"] == "-12.50"  # a plain number stays a number
    assert rows[9]["note_for_me"] == "'+33 1 23 45 67 89"

    pierre, chantal = rows[0], rows[2]
    assert (pierre["result_category"], pierre["annual_amount"], pierre["payment"], pierre["eligible"], pierre["error"]) == (
        "IPP",
        "5658.60",
        "annuity",
        "true",
        "",
    )
    assert pierre["category"] == ""  # the input column, not overwritten
    assert (chantal["result_category"], chantal["annual_amount"], chantal["reference_salary"]) == ("IPT", "8520.00", "2800.00")
    assert rows[3]["zone"] and rows[3]["name_en"] == "Kenya" and rows[3]["iso2"] == "KE" and rows[3]["result_status"] == "zoned"
    assert rows[3]["annual_amount"] == "" and rows[3]["eligible"] == ""
    assert (rows[6]["quarterly_amount"], rows[6]["total_amount"], rows[6]["quarters_paid"]) == ("400.00", "800.00", "2")

    errors = {r["member"]: r["error"] for r in rows if r["error"]}
    assert set(errors) == {"A2", "A5", "'@A6", "A8", "A9", "A10"}
    assert errors["A2"].startswith("rate:") and "'abc'" in errors["A2"]
    assert errors["A5"].startswith("unknown kind 'pension-fund'") and "invalidity" in errors["A5"]
    assert errors["'@A6"].startswith("pension: missing")
    assert "Atlantis" in errors["A8"] and errors["A8"].startswith("country:")
    assert errors["A9"].startswith("amount:") and "negative" in errors["A9"]
    assert errors["A10"].startswith("no kind given")
    for failed in (rows[1], rows[4], rows[8]):  # a failed row has no results
        assert failed["annual_amount"] == failed["eligible"] == failed["total_repaid"] == ""
    assert "10 rows read, 4 estimated, 6 failed" in result.stderr
    # Numbered as the spreadsheet numbers them: the header is row 1 (issue 12).
    assert "failed rows: 3, 6, 7, 9, 10, ..." in result.stderr


def documented_columns() -> list[str]:
    documented = batch.__doc__.split("then ``error``::")[1].split("A row fills")[0]
    return [
        name.strip()
        for name in documented.replace("[, reasons]", "").replace("[, steps]", "").replace(", error", "").replace("\n", " ").split(",")
        if name.strip()
    ]


def test_header_is_inputs_then_documented_result_columns_then_error() -> None:
    expected = documented_columns()
    assert expected[0] == "eligible" and expected[-1] == "warnings"
    assert list(batch.result_columns()) == expected  # every kind's: from stdin
    assert list(batch.result_columns(notes=True)) == [*expected, "reasons"]
    assert list(batch.result_columns(steps=True)) == [*expected, "reasons", "steps"]
    header = next(csv.reader(io.StringIO(invoke("-", input="id,kind,country\n1,zone,Brazil\n").stdout)))
    assert header == ["id", "kind", "country", *expected, "error"]


def test_a_file_gets_the_result_columns_of_its_kinds_only(tmp_path: Path) -> None:
    """Issue 12: two kinds gave 39 mostly empty columns; a first pass reads the kind column."""
    source = write_csv(tmp_path / "in.csv", [{"id": "1", "kind": "zone", "country": "Brazil"}], header=["id", "kind", "country"])
    result = invoke(str(source))
    assert result.exit_code == 0, result.stderr
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header == ["id", "kind", "country", *batch.ZONE_COLUMNS, "warnings", "error"]
    both = write_csv(
        tmp_path / "two.csv",
        [{"member": "1", "kind": "invalidity", **PIERRE}, {"member": "2", "kind": "social-loan", "amount": "600", "months": "6"}],
    )
    header = next(csv.reader(io.StringIO(invoke(str(both)).stdout)))
    assert header[len(HEADER) :] == [
        "eligible",
        "result_category",
        "reference_salary",
        "guarantee",
        "annual_amount",
        "monthly_amount",
        "payment",
        "annuity_until",
        "capital_year",
        "monthly_installment",
        "last_installment",
        "total_repaid",
        "warnings",
        "error",
    ]
    piped = invoke("-", "--kinds", "invalidity", input=both.read_text())
    header, rows = read_csv(piped.stdout)
    assert "monthly_installment" not in header and rows[0]["annual_amount"] == "5658.60"
    assert "not among --kinds" in rows[1]["error"] and piped.exit_code == 3


def test_all_good_rows_exit_0_with_a_summary(tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "in.csv", [{"member": "1", "kind": "invalidity", **PIERRE}, {"member": "2", "kind": "zone", "country": "br"}]
    )
    result = invoke(str(source), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "2 rows read, 2 estimated, 0 failed" in result.stderr
    _, rows = read_csv((tmp_path / "out.csv").read_text(encoding="utf-8"))
    assert [r["error"] for r in rows] == ["", ""]
    assert rows[1]["name_en"] == "Brazil"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_jsonl_in_jsonl_out_with_typed_values(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        {"id": 1, "kind": "invalidity", "base_salary": 2140, "bonuses": 600.0, "pension": 8123, "rate": 37, "extra": {"a": [1, 2]}},
        {"id": 2, "kind": "social-loan", "amount": 1000, "months": None},
        {"id": 3, "kind": "zone", "country": "Martinique"},
    ]
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    result = invoke(str(source))
    assert result.exit_code == 3, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [1, 2, 3]
    assert rows[0]["annual_amount"] == 5658.6 and rows[0]["category"] == "IPP" and rows[0]["eligible"] is True
    assert '"annual_amount": 5658.60' in result.stdout.splitlines()[0]  # two decimals, as --json
    assert rows[0]["extra"] == {"a": [1, 2]} and rows[0]["error"] is None
    assert isinstance(rows[0]["warnings"], list) and "reasons" not in rows[0]  # constant texts: --explain notes (issue 12)
    explained = [json.loads(line) for line in invoke(str(source), "--explain", "notes").stdout.splitlines()]
    assert isinstance(explained[0]["reasons"], list) and explained[0]["reasons"]
    assert rows[1]["months"] is None and rows[1]["error"].startswith("months: missing")
    assert "monthly_installment" not in rows[1]
    assert rows[2]["name_fr"] == "Martinique" and rows[2]["error"] is None


def test_csv_to_jsonl_and_jsonl_to_csv(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [{"member": "1", "kind": "invalidity", **PIERRE}])
    result = invoke(str(source), "--format", "jsonl")  # stdout has no extension: --format says
    assert result.exit_code == 0, result.stderr
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["member"] == "1" and row["base_salary"] == "2140" and row["result_category"] == "IPP" and row["annual_amount"] == 5658.6

    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        json.dumps({"m": "=cmd", "kind": "invalidity", **PIERRE, "pension": 8123.5})
        + "\n"
        + json.dumps({"m": "2", "kind": "zone", "country": "Aruba", "later": 1})
        + "\n",
        encoding="utf-8",
    )
    result = invoke(str(jsonl), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 3
    header, rows = read_csv((tmp_path / "out.csv").read_text(encoding="utf-8"))
    assert header[:7] == ["m", "kind", "base_salary", "bonuses", "pension", "rate", "eligible"]
    assert rows[0]["m"] == "'=cmd" and rows[0]["pension"] == "8123.5" and rows[0]["annual_amount"] == "5658.10"
    assert rows[1]["error"].endswith("'country', 'later'") and rows[1]["m"] == "2"


def test_semicolon_csv_with_decimal_commas_keeps_its_separator(tmp_path: Path) -> None:
    source = tmp_path / "fr.csv"
    source.write_text("membre;kind;base_salary;bonuses;pension;rate\nP;invalidity;2 140,00;600;8 123,00;37\n", encoding="utf-8-sig")
    result = invoke(str(source))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("\ufeffmembre;kind;")  # French Excel's convention, kept (issue 12)
    _, rows = read_csv(result.stdout.lstrip("\ufeff"), delimiter=";")
    assert rows[0]["membre"] == "P" and rows[0]["annual_amount"] == "5658,60" and rows[0]["eligible"] == "VRAI"


def test_blank_lines_are_written_back_empty_and_short_rows_padded(tmp_path: Path) -> None:
    """Issue 12: output row N is input row N; an empty row is neither estimated nor failed."""
    source = tmp_path / "in.csv"
    source.write_text("kind,country,id\nzone,Kenya,1\n\nzone,Cuba\n,,\nzone,Aruba,3,surplus\n", encoding="utf-8")
    result = invoke(str(source))
    assert result.exit_code == 3
    lines = result.stdout.split("\n")
    assert lines[2] == "" and set(lines[4]) == {","}
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [r[1] if r else "" for r in rows[1:]] == ["Kenya", "", "Cuba", "", "Aruba"]
    assert rows[3][-1] == "" and rows[3][2] == ""
    assert "4 cells" in rows[5][-1]
    assert "5 rows read, 2 estimated, 1 failed" in result.stderr and "(2 empty rows)" in result.stderr
    assert "failed row: 6 " in result.stderr


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "missing.csv", "no such file"),
        ("id,country\n1,Kenya\n", "in.csv", "no 'kind' column"),
        ("", "in.csv", "empty"),
        ("kind,country\nzone,Kenya\n", "in.jsonl", "not JSON Lines"),
        ('{"country": "Kenya"}\n', "in.jsonl", "no 'kind' key"),
        ("kind,kind\nzone,zone\n", "in.csv", "appears more than once"),
    ],
)
def test_unreadable_input_exits_2_and_writes_nothing(tmp_path: Path, content: str | None, name: str, message: str) -> None:
    source = tmp_path / name
    if content is not None:
        source.write_text(content, encoding="utf-8")
    result = invoke(str(source), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 2
    assert result.stderr.startswith("esn: ") and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.csv").exists()
    assert [p.name for p in tmp_path.iterdir()] == ([name] if content is not None else [])


def test_invalid_utf8_midway_exits_2_and_leaves_no_file(tmp_path: Path) -> None:
    """With --encoding utf-8 (a file that is not UTF-8 is otherwise read as cp1252, issue 12)."""
    source = tmp_path / "in.csv"
    good = "".join(f"{i},zone,Kenya\n" for i in range(5000)).encode()
    source.write_bytes(b"id,kind,country\n" + good + b"9,zone,\xff\xfe\n")
    result = invoke(str(source), "-o", str(tmp_path / "out.csv"), "--encoding", "utf-8")
    assert result.exit_code == 2 and "UTF-8" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_bad_format_option_and_unwritable_output(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [{"kind": "zone", "country": "Kenya"}])
    assert invoke(str(source), "--format", "xlsx").exit_code == 2
    result = invoke(str(source), "-o", str(tmp_path / "no" / "such" / "out.csv"))
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_output_replaces_an_existing_file_keeping_its_permissions(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [{"kind": "zone", "country": "Kenya"}])
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    assert invoke(str(source), "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("member,kind,")
    assert (target.stat().st_mode & 0o777) == 0o640
    before = source.read_bytes()
    same = invoke(str(source), "-o", str(source))  # the input itself: refused, untouched (issue 12)
    assert same.exit_code == 2 and "the input itself" in same.stderr and source.read_bytes() == before


def test_a_bug_on_one_row_is_reported_in_that_row_and_the_run_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from esncli.rules.kinds import REGISTRY

    # A bug in the rule's arithmetic (the one function the CLI, the API and the batch run).
    broken = dataclasses.replace(REGISTRY["social-loan"], rule=lambda inputs, params, trace: 1 / 0)
    monkeypatch.setitem(REGISTRY, "social-loan", broken)
    source = write_csv(
        tmp_path / "in.csv",
        [{"member": "1", "kind": "social-loan", "amount": "100", "months": "2"}, {"member": "2", "kind": "zone", "country": "Cuba"}],
    )
    result = invoke(str(source))
    assert result.exit_code == 3
    _, rows = read_csv(result.stdout)
    assert rows[0]["error"].startswith("internal error: ZeroDivisionError") and rows[1]["error"] == ""


def test_steps_column_explains_each_amount(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [{"member": "1", "kind": "invalidity", **PIERRE}])
    result = invoke(str(source), "--steps")
    _, rows = read_csv(result.stdout)
    assert "13781.60" in rows[0]["steps"] and " | " in rows[0]["steps"]
    assert "steps" not in read_csv(invoke(str(source)).stdout)[0]


def test_progress_bar_only_on_a_terminal_and_never_on_stdout(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [{"member": str(i), "kind": "zone", "country": "Kenya"} for i in range(5000)])
    plain = invoke(str(source))
    terminal.override(terminal.Terminal(stdin_tty=False, stdout_tty=False, stderr_tty=True, no_color=True))
    shown = invoke(str(source))
    assert shown.exit_code == plain.exit_code == 0
    assert shown.stdout == plain.stdout
    assert plain.stderr.count("\n") == 1  # the summary alone on a pipe


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+33 1 23", "'+33 1 23"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12.50", "-12.50"),
        ("+3", "+3"),
        ("-1,5", "-1,5"),
        ("-", "'-"),
        ("-1e5", "'-1e5"),
        ("plain", "plain"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert batch.neutralise(cell) == expected


def test_error_messages_are_neutralised_too(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [{"kind": "=1+1"}], header=["kind"])
    _, rows = read_csv(invoke(str(source)).stdout)
    assert rows[0]["kind"] == "'=1+1" and rows[0]["error"].startswith("unknown kind '=1+1'")


def test_help_documents_formats_neutralising_and_exit_codes() -> None:
    result = CliRunner().invoke(app, ["estimate", "batch", "--help"])
    text = " ".join(result.stdout.split())
    for phrase in ("JSON Lines", "apostrophe", "-12.50", "result_<name>", "Exit 0", "3 when some rows failed", "temporary file"):
        assert phrase in text


def test_in_french_the_numbers_stay_language_neutral(tmp_path: Path) -> None:
    """--lang fr: CSV amounts keep a dot and no grouping (13781.60), like the JSON."""
    source = write_csv(tmp_path / "in.csv", [{"member": "1", "kind": "invalidity", **PIERRE}])
    result = CliRunner().invoke(app, ["--lang", "fr", "estimate", "batch", str(source)])
    assert result.exit_code == 0, result.stderr
    _, rows = read_csv(result.stdout)
    assert rows[0]["annual_amount"] == "5658.60" and rows[0]["guarantee"] == "13781.60"
    assert rows[0]["result_category"] == "IPP" and rows[0]["payment"] == "annuity"
