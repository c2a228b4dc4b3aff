"""Round trips through a real spreadsheet program (issue 12): LibreOffice headless, as Debian
packages it (``libreoffice-calc-nogui``; ``.ci/run`` installs it when missing). Each conversion
runs with its own profile (``-env:UserInstallation``), so that runs in parallel do not share one.

- esn's French Excel CSV (``;``, decimal commas, VRAI, a BOM, CRLF) imported by LibreOffice as a
  French user imports it (``--infilter=CSV:59,34,76,1,,1036``: ``;``, ``"``, UTF-8, from line 1,
  French): amounts are numbers, VRAI a boolean, accents intact;
- esn's workbook converted by LibreOffice to a ``;`` CSV in Windows-1252 (what Excel writes in
  France), read back by esn: the same results, its result block recomputed, the formula-looking
  text still text;
- a workbook LibreOffice writes from a French CSV read by esn.

Skipped with the reason when soffice is not installed here; under CI (``CI`` set) its absence is
a failure, since ``.ci/run`` installs it.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("CI"):
    raise RuntimeError("soffice is missing under CI: .ci/run installs libreoffice-calc-nogui")

pytestmark = [
    pytest.mark.external,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"),
]

FRENCH_IMPORT = "CSV:59,34,76,1,,1036"  # separator ;, text delimiter ", UTF-8, first line 1, French
CP1252_EXPORT = "csv:Text - txt - csv (StarCalc):59,34,1,1,,1036"  # ;, ", Windows-1252


def soffice(tmp_path: Path, source: Path, convert_to: str, *infilter: str) -> Path:
    profile = tmp_path / f"profile-{source.stem}"
    out = tmp_path / "converted"
    command = [
        str(SOFFICE),
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
        *(f"--infilter={f}" for f in infilter),
        "--convert-to",
        convert_to,
        "--outdir",
        str(out),
        str(source),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    suffix = "." + convert_to.split(":", maxsplit=1)[0]
    converted = out / (source.stem + suffix)
    assert done.returncode == 0 and converted.exists(), (done.stdout, done.stderr)
    return converted


def esn(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "esncli", "estimate", "batch", *args], capture_output=True, text=True, timeout=120)


def sheet_rows(path: Path) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    return list(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows())


MEMBERS = (
    "membre;kind;base_salary;bonuses;pension;rate;country;note\r\n"
    'Pierre Lefèvre;invalidity;2 140,00;600;8 123,00;37;;"=HYPERLINK(""http://x"";""y"")"\r\n'
    "Chantal Dupré;invalidité;2 500;300;15000,00;60;;\r\n"
    ";;;;;;;\r\n"
    "Zoé;zone;;;;;Nairobi;\r\n"
)


def test_esn_french_csv_opens_in_libreoffice_with_numbers_booleans_and_accents(tmp_path: Path) -> None:
    source = tmp_path / "membres.csv"
    source.write_bytes(MEMBERS.encode("cp1252"))
    done = esn(str(source), "-o", str(tmp_path / "estimations.csv"))
    assert done.returncode == 0, done.stderr
    book = soffice(tmp_path, tmp_path / "estimations.csv", "xlsx", FRENCH_IMPORT)
    rows = sheet_rows(book)
    at = {name: i for i, name in enumerate(rows[0])}
    pierre, chantal, empty, zoe = rows[1:5]
    assert pierre[at["membre"]] == "Pierre Lefèvre" and chantal[at["membre"]] == "Chantal Dupré"
    assert pierre[at["annual_amount"]] == 5658.6 and chantal[at["annual_amount"]] == 8520.0  # numbers, not text
    assert pierre[at["guarantee"]] == 13781.6
    assert pierre[at["eligible"]] is True  # VRAI read as a boolean
    assert pierre[at["note"]].startswith("'=HYPERLINK") or pierre[at["note"]].startswith("=HYPERLINK")  # never run
    assert all(cell == "" for cell in empty)
    assert zoe[at["name_en"]] == "Kenya"


def test_esn_workbook_through_libreoffice_cp1252_csv_and_back(tmp_path: Path) -> None:
    source = tmp_path / "membres.csv"
    source.write_bytes(MEMBERS.encode("cp1252"))
    assert esn(str(source), "-o", str(tmp_path / "estimations.xlsx")).returncode == 0
    exported = soffice(tmp_path, tmp_path / "estimations.xlsx", CP1252_EXPORT)
    raw = exported.read_bytes()
    assert "Lefèvre".encode("cp1252") in raw and b'=HYPERLINK("http://x";"y")' in raw.replace(b'""', b'"')
    again = esn(str(exported), "-o", str(tmp_path / "again.csv"))
    assert again.returncode == 0, again.stderr
    assert "read as Windows-1252" in again.stderr
    text = (tmp_path / "again.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header = rows[0]
    assert header.count("error") == 1 and "result_annual_amount" not in header  # the block recomputed, not read
    at = {name: i for i, name in enumerate(header)}
    assert rows[1][at["membre"]] == "Pierre Lefèvre"
    assert rows[1][at["annual_amount"]] == "5658,60" and rows[2][at["annual_amount"]] == "8520,00"
    assert rows[1][at["note"]].lstrip("'").startswith("=HYPERLINK")


def test_a_workbook_libreoffice_writes_is_read(tmp_path: Path) -> None:
    source = tmp_path / "membres.csv"
    source.write_bytes(MEMBERS.encode("utf-8-sig"))
    book = soffice(tmp_path, source, "xlsx", FRENCH_IMPORT)
    done = esn(str(book), "-o", str(tmp_path / "estimations.xlsx"))
    assert done.returncode == 0, done.stderr
    rows = sheet_rows(tmp_path / "estimations.xlsx")
    at = {name: i for i, name in enumerate(rows[0])}
    assert rows[1][at["annual_amount"]] == 5658.6 and rows[2][at["annual_amount"]] == 8520.0
    assert rows[1][at["base_salary"]] == 2140  # LibreOffice typed "2 140,00" as a number; kept as one
