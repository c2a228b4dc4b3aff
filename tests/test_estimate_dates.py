"""The guide's dates in the estimates (issue 13): the leave timelines, the PTA's first day, total
dependency's first payment and waiting period, invalidity's years, and ``--on`` (the parameters
in force on the day of the event), through the rules, the CLI, the API and the batch."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esncli import api, batch, parameters
from esncli.cli import app
from esncli.rules import kinds

runner = CliRunner()
MATTHIEU = {"reference_salary": "4431", "resources": "2405.50"}
TODAY = parameters.current()


def esn(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def daily(**raw: str) -> dict:
    return kinds.run("daily-allowance", {**MATTHIEU, **raw}, TODAY).to_json()


# --- Daily allowances by type of leave --------------------------------------------------------


def test_matthieu_cmo_from_april_2022_half_pay_from_july_allowance_until_march_2023() -> None:
    # Guide p. 12-13: « en Congé de Maladie Ordinaire (CMO) d'avril 2022 à mars 2023 avec passage à
    # demi-traitement en juillet 2022 »; the allowance « À partir du 4ème mois d'arrêt de travail ».
    out = daily(leave="cmo", staff="civil-servant", leave_start="2022-04-01")
    assert out["monthly_amount"] == D("1006.37")
    assert (out["allowance_start"], out["allowance_end"]) == ("2022-07-01", "2023-03-31")
    assert out["timeline"] == [
        {"from": "2022-04-01", "to": "2022-06-30", "pay": "full"},
        {"from": "2022-07-01", "to": "2023-03-31", "pay": "half"},
    ]
    assert any("premier arrêt de travail" in reason for reason in out["reasons"])  # the table holds for a first leave
    assert any("return to work" in reason for reason in out["reasons"])  # the end conditions the guide lists


@pytest.mark.parametrize(
    ("leave", "staff", "start", "half", "end"),
    [
        ("cmo", "civil-servant", "2024-01-31", "2024-05-01", "2025-01-30"),  # no 31 April: 3 months end 30 April
        ("cmo", "civil-servant", "2023-11-30", "2024-03-01", "2024-11-29"),  # across 29 February 2024
        ("cmo", "civil-servant", "2023-11-29", "2024-02-29", "2024-11-28"),
        ("clm", "", "2024-02-29", "2025-03-01", "2027-02-28"),  # no 29 February 2025: 1 year ends 28 February
        ("cld", "", "2024-01-31", "2027-01-31", "2029-01-30"),
        ("cgm", "", "2023-03-31", "2024-03-31", "2026-03-30"),
        ("cgm", "contract", "2024-01-01", "2025-01-01", "2026-12-31"),
    ],
)
def test_each_leave_at_month_ends_and_across_a_29_february(leave: str, staff: str, start: str, half: str, end: str) -> None:
    out = daily(leave=leave, staff=staff, leave_start=start)
    assert (out["allowance_start"], out["allowance_end"]) == (half, end)
    full, halfpay = out["timeline"]
    assert (full["from"], full["pay"], halfpay["from"], halfpay["to"], halfpay["pay"]) == (start, "full", half, end, "half")
    assert dt.date.fromisoformat(full["to"]) + dt.timedelta(days=1) == dt.date.fromisoformat(half)


def test_a_given_half_pay_start_has_no_known_end_and_says_so() -> None:
    out = daily(leave="cmo", staff="contract", leave_start="2024-01-15", half_pay_start="2024-03-01")
    assert (out["allowance_start"], out["allowance_end"]) == ("2024-03-01", None)
    assert out["timeline"][-1] == {"from": "2024-03-01", "to": None, "pay": "half"}
    assert any("no end date is known" in reason for reason in out["reasons"])
    assert any("OPAM" in reason for reason in out["reasons"])  # contract staff: a primary insurer's benefits


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        ({"leave": "cmo", "leave_start": "2024-01-01"}, "staff", "civil-servant or contract"),
        ({"leave": "cmo", "staff": "contract", "leave_start": "2024-01-01"}, "half_pay_start", "seniority"),
        ({"leave": "cgm", "staff": "civil-servant", "leave_start": "2024-01-01"}, "staff", "contract staff"),
        ({"leave": "clm", "staff": "contract", "leave_start": "2024-01-01"}, "staff", "civil servants"),
        ({"leave": "clm", "leave_start": "2024-01-01", "half_pay_start": "2023-12-31"}, "half_pay_start", "before the leave"),
        ({"leave_start": "2024-01-01"}, "leave", "type of leave"),
        ({"leave": "cld"}, "leave_start", "first day of the leave"),
    ],
)
def test_dates_that_do_not_fit_are_refused_naming_the_field(raw: dict, field: str, words: str) -> None:
    with pytest.raises(api.InputError) as caught:
        kinds.run("daily-allowance", {**MATTHIEU, **raw}, TODAY)
    assert caught.value.field == field and words in caught.value.problem


def test_the_cli_takes_the_leave_and_names_the_option_it_refuses() -> None:
    code, out, _err = esn(
        "estimate", "daily-allowance", "--reference-salary", "4431", "--resources", "2405.50",
        "--leave", "cmo", "--staff", "fonctionnaire", "--leave-start", "01/04/2022", "--lang", "fr",
    )  # fmt: skip
    assert code == 0, out
    assert "Allocation à partir du  01/07/2022" in out or "01/07/2022" in out
    assert "le lendemain des 3 mois depuis le 01/04/2022 = 01/07/2022" in out
    assert "le dernier jour des 12 mois depuis le 01/04/2022 = 31/03/2023" in out
    code, _out, err = esn(
        "estimate", "daily-allowance", "--reference-salary", "4431", "--resources", "2405.50",
        "--leave", "cmo", "--staff", "civil-servant", "--leave-start", "01/02/2024",
    )  # fmt: skip
    assert code == 2
    assert "--leave-start: '01/02/2024' is ambiguous: 2024-02-01 (day/month) or 2024-01-02 (month/day)" in err


# --- PTA, total dependency, invalidity -----------------------------------------------------------


def test_the_pta_is_owed_from_the_31st_continuous_day() -> None:
    out = kinds.run("autonomy", {"status": "active", "age": "40", "quarters": "2", "stoppage_start": "2024-02-01"}, TODAY).to_json()
    assert out["payment_start"] == "2024-03-02"  # day 1 is 2024-02-01: « à compter du 31ème jour continu »
    assert any(step["formula"] == "2024-02-01 + 30 days" and step["amount"] == "2024-03-02" for step in out["steps"])
    not_entitled = kinds.run("autonomy", {"status": "retired", "stoppage_start": "2024-02-01"}, TODAY).to_json()
    assert not_entitled["payment_start"] is None  # no first day of an allowance not due


def test_dependency_first_payment_and_waiting_period_from_the_membership_start() -> None:
    on = parameters.current(dt.date(2024, 6, 1))
    raw = {"status": "active", "gir": "1", "membership_start": "2020-01-31", "home_months": "7", "dependency_start": "2024-01-31"}
    out = kinds.run("dependency", raw, on).to_json()
    assert out["first_payment"] == "2024-05-01"  # 3 months from 31 January end on 30 April
    assert out["waiting_period_end"] == "2023-01-30"  # 36 months from 2020-01-31
    assert out["monthly_amount"] == D(120) and out["home_support_amount"] == D(500)
    assert out["parameters_on"] == "2024-06-01"


@pytest.mark.parametrize(("on", "eligible"), [("2023-01-30", False), ("2023-01-31", True)])
def test_the_membership_start_replaces_its_months_on_the_date_of_the_event(on: str, eligible: bool) -> None:
    raw = {"status": "active", "gir": "1", "membership_start": "2020-01-31", "home_months": "0"}
    result = kinds.run("dependency", raw, parameters.current(dt.date.fromisoformat(on)))
    assert result.eligible is eligible  # an event on the waiting period's last day falls within it


def test_membership_months_and_start_that_disagree_are_refused() -> None:
    raw = {"status": "active", "gir": "1", "membership_start": "2020-01-31", "membership_months": "12", "home_months": "0"}
    with pytest.raises(api.InputError) as caught:
        kinds.run("dependency", raw, parameters.current(dt.date(2024, 6, 1)))
    assert caught.value.field == "membership_months" and "52 months on 2024-06-01" in caught.value.problem


def test_invalidity_years_of_the_annuity_and_of_the_capital() -> None:
    raw = {"base_salary": "2461", "bonuses": "0", "pension": "0", "rate": "70", "birth_date": "1962-03-10"}
    out = kinds.run("invalidity", raw, parameters.current(dt.date(2026, 12, 2))).to_json()
    assert (out["annuity_until"], out["capital_year"]) == (2031, 2032)
    assert not any("capital set by the Règlement" in warning and "is 70" in warning for warning in out["warnings"])
    late = kinds.run("invalidity", raw, parameters.current(dt.date(2032, 1, 1))).to_json()
    assert any("The member is 70 in 2032" in warning for warning in late["warnings"])  # told in the year of 70


# --- --on: the parameters in force on the day of the event ---------------------------------------------


@pytest.mark.parametrize(
    ("on", "supplement", "index"),
    [("2022-06-30", "11541.68", "5623.23"), ("2023-06-30", "11945.63", "5820.04"), ("2023-07-01", "12124.82", "5907.34")],
)
def test_the_index_100_value_switches_with_on(on: str, supplement: str, index: str) -> None:
    code, out, err = esn(
        "estimate", "death-capital", "--status", "active", "--children", "1", "--contribution-base", "30000", "--on", on, "--json"
    )
    assert code == 0, err
    found = json.loads(out)
    assert found["parameters_on"] == on
    assert found["child_supplement"] == float(supplement)  # 25 % x (821 x index / 100), each step to the cent
    assert any(step["formula"] == f"821 x {index} / 100" for step in found["steps"])


def test_the_guides_figures_apply_on_a_date_before_the_guide() -> None:
    code, out, err = esn(
        "estimate", "invalidity", "--base-salary", "2461", "--bonuses", "0", "--pension", "0", "--rate", "70", "--on", "2022-08-01"
    )
    assert code == 0, err
    assert "the guide's figures are those of its current edition" in out  # said, not silent


@pytest.mark.parametrize("value", ["2023-02-29", "yesterday", "01/02/24"])
def test_a_bad_on_date_is_refused_with_exit_2(value: str) -> None:
    code, _out, err = esn("estimate", "social-loan", "--amount", "1000", "--months", "10", "--on", value)
    assert code == 2 and err.startswith("esn: --on: ") and "Traceback" not in err


def test_the_api_takes_on() -> None:
    result = api.death_capital(status="active", children=1, contribution_base=30000, on="2023-06-30")
    assert result.parameters_on == dt.date(2023, 6, 30) and result.outputs["child_supplement"] == D("11945.63")
    with pytest.raises(TypeError, match="not both"):
        api.estimate("social-loan", TODAY, on="2024-01-01", amount=1000, months=10)


# --- The batch: date columns and an on column ------------------------------------------------------------


def test_the_batch_takes_date_columns_and_a_row_s_own_on_date(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "id,kind,status,children,contribution_base,on,reference_salary,resources,leave,staff,leave_start\n"
        "1,death-capital,active,1,30000,2023-06-30,,,,,\n"
        "2,death-capital,active,1,30000,2023-07-01,,,,,\n"
        "3,death-capital,active,1,30000,2023-02-29,,,,,\n"
        "4,daily-allowance,,,,,4431,2405.50,cmo,civil-servant,2022-04-01\n",
        encoding="utf-8",
    )
    summary = batch.run(batch.open_input(str(source), None), str(tmp_path / "out.csv"), None)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert [r["child_supplement"] for r in rows[:2]] == ["11945.63", "12124.82"]
    assert rows[2]["error"].startswith("on: '2023-02-29' is not a day of the calendar")
    assert (rows[3]["allowance_start"], rows[3]["allowance_end"]) == ("2022-07-01", "2023-03-31")
    assert rows[3]["timeline"] == "2022-04-01/2022-06-30 full | 2022-07-01/2023-03-31 half"
    assert (summary.read, summary.failed) == (4, 1)


def test_json_lines_rows_with_and_without_on(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        {"kind": "death-capital", "status": "active", "children": 1, "contribution_base": 30000, "on": "2023-06-30"},
        {"kind": "death-capital", "status": "active", "children": 1, "contribution_base": 30000},
        {"kind": "autonomy", "status": "active", "age": 40, "quarters": 1, "stoppage_start": "2024-02-01"},
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    batch.run(batch.open_input(str(source), None), str(tmp_path / "out.jsonl"), None)
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert out[0]["child_supplement"] == 11945.63
    assert out[1]["child_supplement"] == float(
        api.death_capital(status="active", children=1, contribution_base=30000).outputs["child_supplement"]
    )
    assert out[2]["payment_start"] == "2024-03-02"


def test_date_columns_are_written_alike_by_the_fast_and_the_general_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from esncli.batch import fast

    source = tmp_path / "in.csv"
    source.write_text(
        "kind,reference_salary,resources,leave,staff,leave_start,half_pay_start,status,age,quarters,stoppage_start\n"
        "daily-allowance,4431,2405.50,cmo,civil-servant,2022-04-01,,,,,\n"
        "daily-allowance,4431,2405.50,cmo,contract,2024-01-15,2024-03-01,,,,\n"
        "daily-allowance,4431,2405.50,,,,,,,,\n"
        "autonomy,,,,,,,active,40,2,2024-02-01\n",
        encoding="utf-8",
    )
    written = []
    for enabled in (True, False):
        monkeypatch.setattr(fast, "ENABLED", enabled)
        batch.run(batch.open_input(str(source), None), str(tmp_path / f"out-{enabled}.csv"), None)
        written.append((tmp_path / f"out-{enabled}.csv").read_bytes())
    assert written[0] == written[1]
    assert b"2024-03-01/.. half" in written[0] and b",2024-03-02," in written[0]


def test_esn_contact_reads_dates_with_the_same_parser() -> None:
    code, _out, err = esn("contact", "Kenya", "--admission", "01/02/2027")
    assert code == 2 and "--admission: '01/02/2027' is ambiguous" in err  # English reader: day or month first?
    code, out, err = esn("contact", "Kenya", "--admission", "01/02/2027", "--lang", "fr", "--json")
    assert code == 0, err
    assert json.loads(out)["deadline"]["event_date"] == "2027-02-01"  # a French reader: 1 February


def test_a_french_excel_file_reads_its_dates_day_first(tmp_path: Path) -> None:
    # French Excel's "CSV (séparateur : point-virgule)": cp1252, ';', dd/mm/yyyy (issue 12 takes issue 13's dates)
    source = tmp_path / "membres.csv"
    source.write_bytes(
        "kind;reference_salary;resources;leave;staff;leave_start;on;status;children;contribution_base\r\n"
        "daily-allowance;4431;2405,50;cmo;fonctionnaire;01/04/2022;;;;\r\n"
        "death-capital;;;;;;01/07/2023;actif;1;30000\r\n".encode("cp1252")
    )
    batch.run(batch.open_input(str(source), None), str(tmp_path / "out.csv"), None)
    text = (tmp_path / "out.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert (rows[0]["allowance_start"], rows[0]["allowance_end"], rows[0]["error"]) == ("2022-07-01", "2023-03-31", "")
    assert rows[1]["child_supplement"] == "12124,82"  # 1 July 2023, not 7 January: index 100 at 5 907,34
