"""Counsellors' real files (issue 12): French Excel CSV both ways, .xlsx in and out, and an output
that can be trusted and reused. The fixtures are made here, byte by byte (cp1252, a BOM, CRLF,
``;``), as Excel and LibreOffice write them. Every test runs on the fast path and the general one."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esncli.batch import fast
from esncli.batch.templates import EXAMPLES
from esncli.cli import app
from kinds import CASES

# Pierre (IPP 5 658,60 a year) and Chantal (IPT 8 520,00), as French Excel exports them.
FRENCH_HEADER = "membre;kind;base_salary;bonuses;pension;rate;recalculation;country"
FRENCH_ROWS = [
    "Pierre Lefèvre;invalidity;2 140,00;600;8 123,00;37;FAUX;Orléans",
    "Chantal Dupré;Invalidité;2 500;300;15000,00;60;;Besançon",
    ";;;;;;;",
    "",
    "Zoé;zone;;;;;;Nairobi",
    "Éric;invalidity;2 140;600;;37;VRAI;=1+1",
]


@pytest.fixture(autouse=True, params=[True, False], ids=["fast-path", "general-path"])
def _both_paths(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast, "ENABLED", request.param)


def invoke(*args: str, input: str | bytes | None = None):
    result = CliRunner().invoke(app, ["estimate", "batch", *args], input=input)
    assert "Traceback" not in result.output
    return result


def french_bytes(encoding: str = "cp1252", newline: str = "\r\n", bom: bool = False) -> bytes:
    text = newline.join([FRENCH_HEADER, *FRENCH_ROWS]) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def rows_of(data: bytes, delimiter: str = ";") -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def check_french(rows: list[list[str]]) -> None:
    header = rows[0]
    at = {name: i for i, name in enumerate(header)}
    pierre, chantal, empty, blank, zoe, eric = rows[1:]
    assert pierre[0] == "Pierre Lefèvre" and pierre[at["country"]] == "Orléans"  # accents read as cp1252, written UTF-8
    assert pierre[at["base_salary"]] == "2 140,00"  # pass-through cells as they were
    assert (pierre[at["category"]], pierre[at["annual_amount"]], pierre[at["eligible"]]) == ("IPP", "5658,60", "VRAI")
    assert (chantal[at["category"]], chantal[at["annual_amount"]]) == ("IPT", "8520,00")
    assert set(empty) == {""} and len(empty) == len(header)  # ";;;;" written back empty
    assert blank == []  # a blank line written back blank: output row N is input row N
    assert zoe[at["name_en"]] == "Kenya"
    assert eric[at["country"]] == "'=1+1" and eric[at["error"]].startswith("pension")


def test_french_excel_csv_in_cp1252_is_read_and_written_back_for_french_excel(tmp_path: Path) -> None:
    source = tmp_path / "membres.csv"
    source.write_bytes(french_bytes())
    result = invoke(str(source), "-o", str(tmp_path / "estimations.csv"))
    assert result.exit_code == 3, result.stderr
    assert "not UTF-8: read as Windows-1252 (cp1252)" in result.stderr
    out = (tmp_path / "estimations.csv").read_bytes()
    assert out.startswith(b"\xef\xbb\xbfmembre;kind;")  # UTF-8 with a BOM: French Excel reads its accents
    assert out.count(b"\r\n") == out.count(b"\n") == len(FRENCH_ROWS) + 1  # CRLF kept
    check_french(rows_of(out))
    # Row numbers as the spreadsheet shows them: the header is row 1, Éric row 7.
    assert "6 rows read, 3 estimated, 1 failed" in result.stderr and "(2 empty rows)" in result.stderr
    assert "failed row: 7 " in result.stderr


@pytest.mark.parametrize("bom", [True, False])
def test_utf8_with_or_without_bom(tmp_path: Path, bom: bool) -> None:
    source = tmp_path / "membres.csv"
    source.write_bytes(french_bytes("utf-8", "\n", bom))
    result = invoke(str(source))
    assert result.exit_code == 3 and "cp1252" not in result.stderr
    out = result.stdout_bytes
    assert out.startswith(b"\xef\xbb\xbf") is bom and b"\r\n" not in out
    rows = rows_of(out)
    if bom:
        check_french(rows)  # ";" and a BOM: French Excel's export, written back as it reads
    else:  # LibreOffice's UTF-8 ";" file: its decimal commas are kept, true / false
        at = {name: i for i, name in enumerate(rows[0])}
        assert (rows[1][at["annual_amount"]], rows[1][at["eligible"]]) == ("5658,60", "true")


def test_encoding_forced_and_refused(tmp_path: Path) -> None:
    source = tmp_path / "membres.csv"
    source.write_bytes(french_bytes())
    forced = invoke(str(source), "--encoding", "windows-1252")
    assert forced.exit_code == 3 and "not UTF-8" not in forced.stderr  # not guessed: nothing to say
    check_french(rows_of(forced.stdout_bytes))
    wrong = invoke(str(source), "--encoding", "utf-8", "-o", str(tmp_path / "out.csv"))
    assert wrong.exit_code == 2 and "not UTF-8 text" in wrong.stderr and "--encoding" in wrong.stderr
    assert not (tmp_path / "out.csv").exists()
    assert invoke(str(source), "--encoding", "klingon").exit_code == 2


@pytest.mark.parametrize(
    ("dialect", "delimiter", "amount", "true", "bom", "newline"),
    [
        ("excel-fr", ";", "5658,60", "VRAI", True, "\r\n"),
        ("excel", ",", "5658.60", "TRUE", True, "\r\n"),
        ("plain", ",", "5658.60", "true", False, "\n"),
    ],
)
def test_dialect_chosen(tmp_path: Path, dialect: str, delimiter: str, amount: str, true: str, bom: bool, newline: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text("member,kind,base_salary,bonuses,pension,rate\nP,invalidity,2140,600,8123,37\n", encoding="utf-8")
    result = invoke(str(source), "--dialect", dialect)
    assert result.exit_code == 0, result.stderr
    out = result.stdout_bytes
    assert out.startswith(b"\xef\xbb\xbf") is bom and out.endswith(newline.encode()) and out.count(b"\n") == 2
    rows = rows_of(out, delimiter)
    at = {name: i for i, name in enumerate(rows[0])}
    assert (rows[1][at["annual_amount"]], rows[1][at["eligible"]]) == (amount, true)
    assert invoke(str(source), "--dialect", "lotus").exit_code == 2


def test_json_lines_stay_plain(tmp_path: Path) -> None:
    source = tmp_path / "membres.csv"
    source.write_bytes(french_bytes())
    result = invoke(str(source), "--format", "jsonl")
    assert result.exit_code == 3
    assert '"annual_amount": 5658.60' in result.stdout and '"eligible": true' in result.stdout
    assert not result.stdout_bytes.startswith(b"\xef\xbb\xbf") and b"\r\n" not in result.stdout_bytes


def test_errors_report_lists_every_failed_row(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    rows = ["member,kind,country", *[f"m{i},zone,{'Atlantis' if i % 2 else 'Kenya'}" for i in range(20)]]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = tmp_path / "errors.csv"
    result = invoke(str(source), "-o", str(tmp_path / "out.csv"), "--errors", str(report))
    assert result.exit_code == 3
    assert "failed rows: 3, 5, 7, 9, 11, ..." in result.stderr and "10 failed" in result.stderr
    assert str(report) in result.stderr
    listed = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert listed[0] == ["row", "error"] and [int(r[0]) for r in listed[1:]] == list(range(3, 22, 2))
    assert all("Atlantis" in r[1] for r in listed[1:])
    without = invoke(str(source), "-o", str(tmp_path / "out.csv"))
    assert "--errors FILE lists every failed row" in without.stderr


# --------------------------------------------------------------------------------------------
# .xlsx


def make_workbook(path: Path, rows: list[list[object]], sheet: str = "Membres", first_row: int = 0) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    book.add_worksheet("Notes").write_string(0, 0, "not the members")
    ws = book.add_worksheet(sheet)
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(first_row + r, c, value, date)
            elif value is not None:
                ws.write(first_row + r, c, value)
    book.close()
    return path


def read_workbook(path: Path) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    return list(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows())


WORKBOOK_ROWS: list[list[object]] = [
    ["member", "kind", "base_salary", "bonuses", "pension", "rate", "recalculation", "since", "note"],
    ["Pierre", "invalidity", 2140, 600, 8123, 37, False, dt.date(2024, 2, 1), '=HYPERLINK("http://x")'],
    ["Chantal", "invalidity", 2500, 300, 15000.0, 60, None, None, "-12.50"],
    [None] * 9,
    ["Zoé", "zone", None, None, None, None, None, None, None],
]


def test_xlsx_in_and_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = make_workbook(tmp_path / "membres.xlsx", WORKBOOK_ROWS, first_row=1)
    WORKBOOK_ROWS[4][8] = None
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmpdir))
    result = invoke(str(source), "--sheet", "Membres", "-o", str(tmp_path / "estimations.xlsx"))
    assert result.exit_code == 3, result.stderr  # Zoé has no country
    assert "failed row: 6 " in result.stderr  # the header is on the sheet's row 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["estimations.xlsx", "membres.xlsx", "tmp"]
    assert not list(tmpdir.iterdir())  # xlsxwriter's temporary files were beside the output, and are gone
    rows = read_workbook(tmp_path / "estimations.xlsx")
    header = rows[1]
    at = {name: i for i, name in enumerate(header)}
    pierre, chantal, empty = rows[2], rows[3], rows[4]
    assert pierre[at["annual_amount"]] == 5658.6 and pierre[at["eligible"]] is True and pierre[at["category"]] == "IPP"
    assert pierre[at["base_salary"]] == 2140 and pierre[at["since"]] == dt.date(2024, 2, 1)  # typed as they came
    assert pierre[at["recalculation"]] is False
    assert pierre[at["note"]] == '=HYPERLINK("http://x")'  # text, not a formula
    assert chantal[at["annual_amount"]] == 8520 and chantal[at["note"]] == "-12.50"
    assert set(empty) == {""}
    xml = _sheet_xml(tmp_path / "estimations.xlsx")
    assert "<f>" not in xml  # no formula anywhere
    assert 'ySplit="2"' in xml and "<cols>" in xml  # header frozen, columns sized


def _sheet_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def test_mixed_formats_both_ways(tmp_path: Path) -> None:
    source = tmp_path / "membres.csv"
    source.write_bytes(french_bytes())
    to_book = invoke(str(source), "-o", str(tmp_path / "out.xlsx"))
    assert to_book.exit_code == 3
    rows = read_workbook(tmp_path / "out.xlsx")
    at = {name: i for i, name in enumerate(rows[0])}
    assert rows[1][at["base_salary"]] == "2 140,00" and rows[1][at["annual_amount"]] == 5658.6  # CSV cells stay text
    back = invoke(str(tmp_path / "out.xlsx"), "-o", str(tmp_path / "back.csv"), "--lang", "fr")
    assert back.exit_code == 3
    rows = rows_of((tmp_path / "back.csv").read_bytes(), ",")  # excel-fr from a workbook, in French
    assert rows  # read without error


def test_unknown_output_extension_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("kind,country\nzone,Kenya\n", encoding="utf-8")
    for name in ("out.txt", "out.xls", "out"):
        result = invoke(str(source), "-o", str(tmp_path / name))
        assert result.exit_code == 2 and "extension" in result.stderr, name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]
    assert invoke(str(source), "-o", str(tmp_path / "out.txt"), "--format", "csv").exit_code == 0
    assert invoke(str(source), "--format", "xlsx").exit_code == 2  # a workbook on stdout
    bad = tmp_path / "not.xlsx"
    bad.write_text("kind\nzone\n")
    assert invoke(str(bad)).exit_code == 2


# --------------------------------------------------------------------------------------------
# Trust and reuse


@pytest.mark.parametrize("how", ["name", "symlink", "hardlink"])
def test_output_naming_the_input_is_refused(tmp_path: Path, how: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text("kind,country\nzone,Kenya\n", encoding="utf-8")
    before = source.read_bytes()
    target = source
    if how == "symlink":
        target = tmp_path / "link.csv"
        target.symlink_to(source)
    elif how == "hardlink":
        target = tmp_path / "hard.csv"
        os.link(source, target)
    result = invoke(str(source), "-o", str(target))
    assert result.exit_code == 2 and "the input itself" in result.stderr
    assert source.read_bytes() == before
    assert invoke(str(source), "-o", str(tmp_path / "ok.csv"), "--errors", str(target)).exit_code == 2


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_output_is_valid_input(tmp_path: Path, suffix: str) -> None:
    """esn on its own output gives the same results and no new error; its result block is
    recomputed, a user's column named like a result elsewhere is left alone."""
    source = tmp_path / "in.csv"
    source.write_text(
        "member,category,kind,base_salary,bonuses,pension,rate,payment\n"
        "P,,invalidity,2140,600,8123,37,my own payment note\n"
        "C,2,invalidity,2500,300,15000,,\n"
        "Z,,zone,,,,,\n",
        encoding="utf-8",
    )
    first = tmp_path / f"first{suffix}"
    second = tmp_path / f"second{suffix}"
    one = invoke(str(source), "-o", str(first))
    two = invoke(str(first), "-o", str(second))
    assert one.exit_code == two.exit_code == 3  # Z has no country, both times
    if suffix == ".csv":
        assert second.read_bytes() == first.read_bytes()
        rows = rows_of(first.read_bytes(), ",")
    else:
        rows = [[str(c) for c in row] for row in read_workbook(second)]
        assert rows == [[str(c) for c in row] for row in read_workbook(first)]
    header = rows[0]
    assert header[:8] == ["member", "category", "kind", "base_salary", "bonuses", "pension", "rate", "payment"]
    assert "result_category" in header and "result_payment" in header and header.count("error") == 1
    assert rows[1][header.index("payment")] == "my own payment note"
    assert rows[2][header.index("result_category")] == "IPT"


def test_a_result_block_edited_by_hand_is_not_trusted(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("member,kind,country\nm,zone,Kenya\n", encoding="utf-8")
    first = tmp_path / "first.csv"
    invoke(str(source), "-o", str(first))
    edited = first.read_text(encoding="utf-8").replace(",1,", ",3,")  # the zone, changed by hand
    first.write_text(edited, encoding="utf-8")
    again = invoke(str(first))
    rows = rows_of(again.stdout_bytes, ",")
    assert rows[1][rows[0].index("zone")] == "1"


@pytest.mark.parametrize("kind", list(EXAMPLES))
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_template_gives_the_columns_and_an_example_that_runs(tmp_path: Path, kind: str, suffix: str) -> None:
    target = tmp_path / f"template{suffix}"
    made = invoke("--template", kind, "-o", str(target))
    assert made.exit_code == 0, made.stderr
    result = invoke(str(target), "-o", str(tmp_path / f"out{suffix}"))
    assert result.exit_code == 0, result.stderr
    assert "1 row read, 1 estimated, 0 failed" in result.stderr


def test_template_examples_are_cases_of_the_guide() -> None:
    """Each template's example is the input of a case of tests/cases (so its figures are checked)."""
    from decimal import Decimal

    def same(a: object, b: object) -> bool:
        if isinstance(a, str) or isinstance(b, str | list):
            return a == b
        return Decimal(str(a)) == Decimal(str(b))

    for kind, (_member, inputs) in EXAMPLES.items():
        if kind == "zone":
            continue
        assert any(
            case.kind == kind and set(case.input) == set(inputs) and all(same(inputs[k], case.input[k]) for k in inputs) for case in CASES
        ), kind


def test_template_on_stdout_and_in_french() -> None:
    result = invoke("--template", "invalidity", "--lang", "fr")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfmember;kind;base_salary;bonuses;pension;")
    english = invoke("--template", "daily-allowance")
    assert english.stdout.splitlines()[1].startswith("Matthieu,daily-allowance,4431,2405.50")
    assert invoke("--template", "pension-fund").exit_code == 2
    assert invoke("in.csv", "--template", "zone").exit_code == 2


def test_json_lines_output_is_valid_input(tmp_path: Path) -> None:
    """Issue 12: 'category' IPP written by esn was read back as the input category."""
    import json

    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"member": "P", "kind": "invalidity", "base_salary": 2140, "bonuses": 600, "pension": 8123, "rate": 37}\n'
        '{"kind":"zone","country":"Kenya"}\n'
        '{"kind":"social-loan","amount":"abc","months":3}\n'
        '{"kind":"invalidity","error":"mine, not esn\'s","category":"2","base_salary":2500,"bonuses":300,"pension":15000}\n',
        encoding="utf-8",
    )
    runs = [source]
    for n in range(3):
        target = tmp_path / f"out{n}.jsonl"
        assert invoke(str(runs[-1]), "-o", str(target)).exit_code == 3
        runs.append(target)
    first, second, third = ([json.loads(line) for line in path.read_text().splitlines()] for path in runs[1:])
    assert first == second == third and runs[2].read_bytes() == runs[3].read_bytes()
    assert first[0]["category"] == "IPP" and first[0]["error"] is None
    assert first[3]["error"] == "mine, not esn's" and first[3]["result_error"] is None  # a key of the user's, not esn's block
