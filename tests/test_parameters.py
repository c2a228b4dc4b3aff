"""data/guarantees.yaml: every parameter documented, sourced and dated; the compiler refuses bad
data naming the file and the entry; current() picks the value in force."""

from __future__ import annotations

import copy
import datetime as dt
import zlib
from decimal import Decimal as D
from pathlib import Path

import pytest

from esncli import catalog, parameters
from esncli.catalog.guarantees import compile_guarantees
from esncli.catalog.yamlfile import parse_yaml
from esncli.errors import DataError

YAML = catalog.shipped_data_dir() / "guarantees.yaml"


@pytest.fixture(scope="module")
def document() -> dict:
    return parse_yaml(YAML.read_bytes(), "guarantees.yaml")[0]


def compile_(document: dict) -> dict:
    return compile_guarantees(document, "guarantees.yaml")


# The guide's figures, read from the guide (shared/seeds/004_802edbb58fd2857f.txt).
GUIDE = {
    "daily_allowance.guarantee_rate": "0.77",
    "daily_allowance.net_salary_ceiling": "1",
    "daily_allowance.reference_months": "12",
    "invalidity.guarantee_rate": "0.70",
    "invalidity.total_rate_threshold": "0.60",
    "invalidity.bonus_cap_rate": "0.15",
    "invalidity.cost_of_living_bonus_share": "1",
    "invalidity.annual_cap": "20000",
    "invalidity.annual_minimum": "360",
    "invalidity.capital_threshold": "1200",
    "invalidity.annuity_until_age": "69",
    "invalidity.capital_age": "70",
    "autonomy.quarterly_amount": "400",
    "autonomy.max_quarters": "4",
    "autonomy.franchise_days": "30",
    "autonomy.age_limit": "65",
    "dependency.monthly_amount": "120",
    "dependency.franchise_months": "3",
    "dependency.home_support_amount": "500",
    "dependency.home_months_required": "6",
    "dependency.gir_level": "1",
    "dependency.waiting_period_months": "36",
    "death_capital.active_rate": "0.85",
    "death_capital.cta_amount": "15855",
    "death_capital.retired_amount": "3500",
    "death_capital.child_rate": "0.25",
    "death_capital.child_index": "821",
    "death_capital.index_100_annual_value": "5907.34",
    "social_aid.social_loan_max_amount": "6000",
    "social_aid.social_loan_max_months": "48",
    "social_aid.special_advance_max_amount": "3000",
    "social_aid.special_advance_max_months": "4",
    "home_help.hours": "12",
    "home_help.sick_leave_days": "30",
    "orphan_allowance.max_age": "29",
}


@pytest.mark.parametrize(("path", "value"), GUIDE.items())
def test_values_are_the_guides(path, value) -> None:
    assert parameters.current(dt.date(2024, 1, 1)).value(path) == D(value)


def test_ipp_factor_is_exactly_two_thirds() -> None:
    params = parameters.current(dt.date(2024, 1, 1))
    assert params.text("invalidity.partial_factor") == "2/3"
    assert abs(params.value("invalidity.partial_factor") * 3 - 2) < D("1e-25")


def test_every_parameter_is_documented() -> None:
    params = parameters.current(dt.date(2024, 1, 1))
    for path in params.paths():
        assert params.description(path)
        assert params.unit(path) in parameters.UNITS
        reference = params.reference(path)
        assert reference.startswith(("Guide", "Décret")), path


def test_index_100_value_is_dated_with_its_official_source() -> None:
    params = parameters.current(dt.date(2023, 7, 1))
    assert params.value("death_capital.index_100_annual_value") == D("5907.34")
    assert params.since("death_capital.index_100_annual_value") == "2023-07-01"
    assert "2023-519" in params.reference("death_capital.index_100_annual_value")
    assert parameters.current(dt.date(2023, 6, 30)).value("death_capital.index_100_annual_value") == D("5820.04")


def test_the_guides_figures_apply_on_any_date() -> None:
    # The guide dates none of its figures (data: ``guide:``): --on 2022-08-01 finds them (issue 13).
    for day in (dt.date(2000, 1, 1), dt.date(2022, 8, 1), dt.date(2031, 12, 31)):
        params = parameters.current(day)
        assert params.value("invalidity.annual_cap") == D(20000)
        assert params.since("invalidity.annual_cap") == ""


def test_an_outside_figure_has_no_value_before_its_first_date() -> None:
    from esncli.errors import EsnError

    with pytest.raises(EsnError, match="no value in force"):
        parameters.current(dt.date(2016, 6, 30)).value("death_capital.index_100_annual_value")


@pytest.mark.parametrize(
    ("day", "value"),
    [
        ("2016-07-01", "5589.69"),  # décret n° 2016-670
        ("2017-01-31", "5589.69"),
        ("2017-02-01", "5623.23"),
        ("2022-06-30", "5623.23"),
        ("2022-07-01", "5820.04"),  # décret n° 2022-994
        ("2023-06-30", "5820.04"),
        ("2023-07-01", "5907.34"),  # décret n° 2023-519
    ],
)
def test_the_index_100_value_switches_on_the_decrees_dates(day: str, value: str) -> None:
    params = parameters.current(dt.date.fromisoformat(day))
    assert params.value("death_capital.index_100_annual_value") == D(value)


def test_a_figure_of_the_guide_is_a_parameters_only_value() -> None:
    document = parse_yaml(YAML.read_bytes(), "guarantees.yaml")[0]
    broken = _broken(document, lambda d: d["parameters"]["invalidity"]["annual_cap"]["values"].update({dt.date(2024, 1, 1): 21000}))
    with pytest.raises(DataError, match="only value"):
        compile_(broken)


def test_ambiguities_carry_bilingual_notes() -> None:
    params = parameters.current(dt.date(2024, 1, 1))
    for path in ("invalidity.total_rate_threshold", "death_capital.active_rate", "dependency.waiting_period_months"):
        note = params.note(path)
        assert note and note["en"] and note["fr"]
    keys = {e["key"] for e in params.entitlements if e["note"]}
    assert {"death_capital", "child_supplement", "dependency"} <= keys


@pytest.mark.parametrize(
    ("key", "statuses"),
    [
        ("daily_allowance", ("active",)),
        ("invalidity_total", ("active",)),
        ("invalidity_partial", ("active",)),
        ("death_capital", ("active", "cta", "retired")),
        ("child_supplement", ("active", "cta", "retired")),
        ("autonomy", ("active", "spouse")),
        ("dependency", ("active", "retired", "spouse")),
        ("home_help", ("active", "cta", "associate", "retired", "spouse")),
    ],
)
def test_status_matrix_as_read_from_the_summary_table(key, statuses) -> None:
    assert set(parameters.current().entitled(key)) == set(statuses)


def test_fill_writes_parameters_into_texts() -> None:
    params = parameters.current(dt.date(2024, 1, 1))
    # The reader's convention (esncli.i18n): English "€20,000" and "70%", French "15 855 €".
    assert params.fill("{invalidity.annual_cap:money} / {invalidity.guarantee_rate:pct}") == "€20,000 / 70%"
    assert params.fill("{death_capital.cta_amount:money}", "fr") == "15\u00a0855\u00a0€"
    assert params.fill("{death_capital.index_100_annual_value:money}", "fr") == "5\u00a0907,34\u00a0€"
    assert params.fill("{invalidity.partial_factor}") == "2/3"


def test_snapshot_matches_the_yaml() -> None:
    data = catalog.snapshot_data("guarantees", zlib.crc32(YAML.read_bytes()))
    assert data is not None
    assert data == compile_(parse_yaml(YAML.read_bytes(), "guarantees.yaml")[0])


def _broken(document: dict, edit) -> dict:
    broken = copy.deepcopy(document)
    edit(broken)
    return broken


@pytest.mark.parametrize(
    ("edit", "where", "problem"),
    [
        (
            lambda d: d["parameters"]["invalidity"]["guarantee_rate"].pop("reference"),
            "invalidity.guarantee_rate",
            "missing key 'reference'",
        ),
        (lambda d: d["parameters"]["invalidity"]["guarantee_rate"].pop("unit"), "invalidity.guarantee_rate", "missing key 'unit'"),
        (
            lambda d: d["parameters"]["invalidity"]["guarantee_rate"].pop("description"),
            "invalidity.guarantee_rate",
            "missing key 'description'",
        ),
        (
            lambda d: d["parameters"]["invalidity"]["guarantee_rate"].update(values={dt.date(2023, 1, 1): 1.5}),
            "invalidity.guarantee_rate.values",
            "between 0 and 1",
        ),
        (
            lambda d: d["parameters"]["invalidity"]["annual_cap"].update(values={dt.date(2023, 1, 1): -1}),
            "invalidity.annual_cap.values",
            "negative",
        ),
        (
            lambda d: d["parameters"]["invalidity"]["annual_cap"].update(values={"2023-13-01": 1}),
            "invalidity.annual_cap.values",
            "YYYY-MM-DD",
        ),
        (
            lambda d: d["parameters"]["invalidity"]["annual_cap"].update(values={"guide": "lots"}),
            "invalidity.annual_cap.values",
            "expected a number",
        ),
        (
            lambda d: d["parameters"]["invalidity"]["annual_cap"].update(values={"guide": float("nan")}),
            "invalidity.annual_cap.values",
            "finite",
        ),
        (lambda d: d["parameters"]["invalidity"]["annual_cap"].update(unit="dollars"), "invalidity.annual_cap.unit", "expected one of"),
        (lambda d: d["parameters"]["invalidity"]["annual_cap"].update(colour="red"), "invalidity.annual_cap", "unknown key 'colour'"),
        (
            lambda d: d["parameters"]["autonomy"]["max_quarters"].update(values={"guide": 4.5}),
            "autonomy.max_quarters.values",
            "whole number",
        ),
        (lambda d: d["entitlements"][0]["by_status"].update(alien="x"), "(daily_allowance).by_status", "expected one of"),
        (
            lambda d: d["entitlements"][0]["by_status"].update(active={"en": "{nope.nothing:pct}", "fr": "x"}),
            "(daily_allowance).by_status.active.en",
            "unknown parameter",
        ),
        (lambda d: d["statuses"].pop("spouse"), "statuses", "missing status 'spouse'"),
    ],
)
def test_bad_data_refused_naming_the_entry(document, edit, where, problem) -> None:
    with pytest.raises(DataError) as error:
        compile_(_broken(document, edit))
    assert error.value.file == "guarantees.yaml"
    assert where in error.value.where
    assert problem in error.value.problem


def test_errors_name_the_line() -> None:
    text = YAML.read_text(encoding="utf-8")
    broken = text.replace("        guide: 20000", "        guide: -20000")
    line = broken.splitlines().index("        guide: -20000") + 1
    with pytest.raises(DataError) as error:
        catalog.compile_source("guarantees", broken.encode(), "guarantees.yaml")
    assert error.value.where.startswith(f"line {line}: parameters.invalidity.annual_cap")


def test_data_dir_override_is_used(tmp_path: Path) -> None:
    text = YAML.read_text(encoding="utf-8").replace("        guide: 20000", "        guide: 25000")
    (tmp_path / "guarantees.yaml").write_text(text, encoding="utf-8")
    catalog.set_data_dir(tmp_path)
    try:
        assert parameters.current(dt.date(2024, 1, 1)).value("invalidity.annual_cap") == D(25000)
    finally:
        catalog.set_data_dir(None)
    assert parameters.current(dt.date(2024, 1, 1)).value("invalidity.annual_cap") == D(20000)
