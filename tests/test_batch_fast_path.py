"""CSV to CSV, plain lines take a fast path (split at the delimiter, written back as read) and the
others go through csv.reader / csv.writer: the output must be the same bytes as when every line
goes through csv.reader / csv.writer (``esncli.batch.fast.ENABLED = False``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esncli import batch
from esncli.batch import fast as fast_path

HEADER = ["member", "kind", "base_salary", "bonuses", "pension", "rate", "category", "note"]


def both_paths(
    folder: Path, content: bytes, monkeypatch: pytest.MonkeyPatch, explain: str | None = None
) -> tuple[bytes, bytes, tuple[int, int]]:
    source = folder / "in.csv"
    source.write_bytes(content)
    outputs = []
    counts = []
    for fast in (True, False):
        monkeypatch.setattr(fast_path, "ENABLED", fast)
        target = folder / f"out-{fast}.csv"
        summary = batch.run(batch.open_input(str(source), None), str(target), None, explain=explain)
        outputs.append(target.read_bytes())
        counts.append((summary.read, summary.failed))
    assert counts[0] == counts[1]
    return outputs[0], outputs[1], counts[0]


def mixed(delimiter: str, newline: str, bom: bool) -> bytes:
    d = delimiter
    plain = d.join(["M1", "invalidity", "2140", "600", "8123", "37", "", "ok"])
    lines = [
        d.join(HEADER),
        plain,
        plain.replace("M1", "M2").replace("8123", "8123.45"),
        "",  # a blank line: not a row
        d.join(["M3", "invalidity", '"2 140"', "600", "8123", "37", "", '"said ""hi"""']),  # quoted cells
        d.join(["M4", "invalidity", "2140", "600", "8123", "37", "", '=HYPERLINK("http://x")']),  # a formula
        d.join(["M5", "invalidity", "2140", "600", "8123", "37", "", "-12.50"]),  # a plain number: kept
        d.join(["M6", "invalidity", "2140", "600", "8123", "37", "", "+33 1 23"]),
        d.join(["@M7", "invalidity", "2140", "600", "8123", "37", "", "x"]),  # formula in the first cell
        d.join(["M8", "invalidity", "2140", "600", "8123", "37"]),  # short: padded
        d.join(["M9", "invalidity", "2140", "600", "8123", "37", "", "x", "extra"]),  # long: an error
        d.join(["M10", "invalidity", "2140", "600", "8123", "", "2", "a-b=c"]),  # formula characters inside cells
        d.join(["M11", "daily-allowance", "", "", "", "", "", ""]),
        d.join(["M12", "zone", "", "", "", "", "", "Kenya"]),
        d.join(["M13", "", "", "", "", "", "", "no kind"]),
        d.join(["M14", "invalidity", "abc", "600", "8123", "37", "", "bad salary"]),
        d.join(["M15", "invalidity", "2140", "600", "8123", "37", "", '"two\nlines"']),  # a quoted line end
        d.join(["M16", "invalidity", "2140", "600", "8123", "37", "", "\ttab"]),
        d.join(["M17", "Invalidity ", " 2140", "600 ", "8123", "37", "", "  "]),
        "   ",  # a row of one blank cell
        d.join(["M18", "invalidity", "2140", "600", "8123", "37", "", "last café"]),  # not ASCII
    ]
    text = newline.join(lines) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [False, True])
def test_fast_path_writes_what_csv_reader_and_writer_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, delimiter: str, newline: str, bom: bool
) -> None:
    fast, general, (read, failed) = both_paths(tmp_path, mixed(delimiter, newline, bom), monkeypatch)
    assert fast == general
    assert read == 20  # every line after the header, the two-line quoted one once, the blank ones too (issue 12)
    assert failed >= 4
    text = fast.decode("utf-8")
    assert "'=HYPERLINK" in text and "'@M7" in text and "'+33 1 23" in text
    assert f"{delimiter}-12.50{delimiter}" in text
    assert "last café" in text and "Règlement mutualiste" not in text  # the reasons: --explain notes (issue 12)
    fast, general, _ = both_paths(tmp_path, mixed(delimiter, newline, bom), monkeypatch, explain="notes")
    assert fast == general
    assert "last café" in fast.decode("utf-8") and "Règlement mutualiste" in fast.decode("utf-8")  # UTF-8, input and results alike


def test_fast_path_without_a_final_line_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = b"member,kind,base_salary,bonuses,pension,rate\nM1,invalidity,2140,600,8123,37"
    fast, general, (read, failed) = both_paths(tmp_path, content, monkeypatch)
    assert fast == general
    assert (read, failed) == (1, 0)
    assert fast.endswith(b"\n")


CELL = st.lists(st.sampled_from([*'ab1 2.,;"=+-@\t\r\né', "invalidity", "2140", "37"]), max_size=6).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from([",", ";"]),
    st.lists(st.lists(st.one_of(CELL, st.sampled_from(["invalidity", "zone", "2140", "600", "8123", "37", ""])), max_size=9), max_size=8),
    st.sampled_from(["\n", "\r\n"]),
)
def test_any_lines_give_the_same_output_on_both_paths(
    tmp_path_factory: Any, monkeypatch: pytest.MonkeyPatch, delimiter: str, rows: list[list[str]], newline: str
) -> None:
    # Raw lines, not written by csv.writer: stray quotes, carriage returns and separators included.
    lines = [delimiter.join(["member", "kind", "base_salary", "bonuses", "pension", "rate", "note"])]
    lines += [delimiter.join(row) for row in rows]
    content = (newline.join(lines) + newline).encode("utf-8")
    fast, general, _ = both_paths(tmp_path_factory.mktemp("fast"), content, monkeypatch)
    assert fast == general


def both_modes(folder: Path, name: str, content: bytes, monkeypatch: pytest.MonkeyPatch, *, steps: bool = False) -> tuple[bytes, bytes]:
    """The same input through the fast path and the general one (``fast.ENABLED`` False)."""
    source = folder / name
    source.write_bytes(content)
    outputs = []
    for fast in (True, False):
        monkeypatch.setattr(fast_path, "ENABLED", fast)
        target = folder / f"out-{fast}{source.suffix}"
        batch.run(batch.open_input(str(source), None), str(target), None, steps=steps)
        outputs.append(target.read_bytes())
    return outputs[0], outputs[1]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_steps_are_written_the_same_on_both_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, delimiter: str) -> None:
    fast, general = both_modes(tmp_path, "in.csv", mixed(delimiter, "\n", False), monkeypatch, steps=True)
    assert fast == general
    assert "min(600, 15 % x 2140) = 321.00" in fast.decode("utf-8")


def test_json_lines_are_written_the_same_on_both_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        '{"member": "M1", "kind": "invalidity", "base_salary": 2140, "bonuses": 600, "pension": 8123, "rate": 37}',
        '{"member":"M2","kind":"invalidity","base_salary":"2 140","bonuses":600.0,"pension":8123.45,"category":"2"}',  # compact
        '  {"kind": "Invalidity ", "base_salary": 2500, "bonuses": 300, "pension": 15000, "rate": 60, "category": null}  ',
        '{"kind": "invalidity", "base_salary": 2140, "bonuses": 600, "pension": 8123, "rate": 37, "category": "1", "eligible": "mine"}',
        '{"kind": "zone", "country": "Kenya", "status": "mine"}',
        '{"kind": "zone", "country": "Korea"}',
        '{"kind": "social-loan", "amount": 100, "months": 7}',
        '{"kind": "social-loan", "amount": 7000, "months": 7}',  # over the ceiling: refused by the rule
        '{"kind": "daily-allowance", "reference_salary": 4431, "resources": 2405.50, "note": {"a": [1, 2.50]}}',
        '{"kind": "death-capital", "status": "cta", "children": 2, "index_100_value": 6000}',
        '{"kind": "autonomy", "status": "active", "age": true, "quarters": 2}',
        '{"kind": "nope"}',
        "{}",
        "[1, 2]",
        "not json",
        "",
        '{"kind": "dependency", "status": "retired", "gir": 1, "membership_months": 48, "home_months": 8, "café": "é"}',
    ]
    content = ("\n".join(lines) + "\n").encode("utf-8")
    fast, general = both_modes(tmp_path, "in.jsonl", content, monkeypatch)
    assert fast == general
    assert fast.decode("utf-8").count("\n") == len([line for line in lines if line.strip()])
    steps_fast, steps_general = both_modes(tmp_path, "in.jsonl", content, monkeypatch, steps=True)
    assert steps_fast == steps_general
