"""The registry and the one parser of raw inputs (the estimates contract)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from esncli.errors import InputError
from esncli.rules.kinds import REGISTRY, run

INVALIDITY = REGISTRY["invalidity"]


def test_registry_has_every_kind_of_the_contract() -> None:
    assert set(REGISTRY) == {"daily-allowance", "invalidity", "autonomy", "dependency", "death-capital", "social-loan"}
    for kind, estimate in REGISTRY.items():
        assert estimate.kind == kind
        assert [s.name for s in estimate.input_fields] == list(estimate.inputs._fields)
        assert all(s.help and s.kind in ("money", "percent", "count", "choice", "flag", "date") for s in estimate.input_fields)


@pytest.mark.parametrize(
    ("kind", "outputs"),
    [
        ("daily-allowance", ("guarantee_level", "monthly_amount", "allowance_start", "allowance_end", "timeline")),
        (
            "invalidity",
            ("category", "reference_salary", "guarantee", "annual_amount", "monthly_amount", "payment", "annuity_until", "capital_year"),
        ),
        ("autonomy", ("quarters_paid", "quarterly_amount", "total_amount", "payment_start")),
        ("dependency", ("monthly_amount", "home_support_amount", "waiting_period_end", "first_payment")),
        ("death-capital", ("base_capital", "child_supplement", "total_amount")),
        ("social-loan", ("monthly_installment", "last_installment", "total_repaid")),
    ],
)
def test_outputs_named_as_in_the_contract(kind, outputs) -> None:
    assert tuple(spec.name for spec in REGISTRY[kind].output_fields) == outputs


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 354,50", "1354.50"),
        ("1\u00a0354,50", "1354.50"),
        ("1\u202f354,50", "1354.50"),
        ("1354,50", "1354.50"),
        ("1354.5", "1354.5"),
        ("1,354.50", "1354.50"),
        ("1.354,50", "1354.50"),
        ("2 140 €", "2140"),
        ("8123 EUR", "8123"),
        (" 600 ", "600"),
        (600, "600"),
        (600.5, "600.5"),
        (D("0"), "0"),
    ],
)
def test_money_accepted(text, value) -> None:
    inputs = INVALIDITY.parse({"base_salary": 2140, "bonuses": text, "pension": 0, "rate": 10})
    assert inputs.bonuses == D(value)


@pytest.mark.parametrize(
    "text",
    [
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        float("nan"),
        float("inf"),
        D("NaN"),
        "-1",
        -0.01,
        "abc",
        "1,2,3",
        "1.2.3",
        "12,34.5,6",
        True,
        "1 234,5,0",
    ],
)
def test_money_refused_naming_the_field(text) -> None:
    with pytest.raises(InputError) as error:
        INVALIDITY.parse({"base_salary": 2000, "bonuses": text, "pension": 0, "rate": 10})
    assert error.value.field == "bonuses"
    assert error.value.message.startswith("bonuses: ")
    assert error.value.code == 2


@pytest.mark.parametrize(("text", "value"), [("37", "37"), ("37 %", "37"), ("59,99", "59.99"), ("100", "100"), ("0", "0"), (60, "60")])
def test_rate_accepted(text, value) -> None:
    assert INVALIDITY.parse({"base_salary": 1, "bonuses": 0, "pension": 0, "rate": text}).rate == D(value)


@pytest.mark.parametrize("text", ["100.01", "101", "150 %", "-5", "nan", "inf"])
def test_rate_over_100_or_invalid_refused(text) -> None:
    with pytest.raises(InputError) as error:
        INVALIDITY.parse({"base_salary": 1, "bonuses": 0, "pension": 0, "rate": text})
    assert error.value.field == "rate"


def test_missing_required_field_named() -> None:
    with pytest.raises(InputError) as error:
        INVALIDITY.parse({"base_salary": "2140", "bonuses": "", "pension": 0, "rate": 37})
    assert error.value.field == "bonuses"
    assert "missing" in error.value.message


@pytest.mark.parametrize(
    ("raw", "field"), [({"category": "4"}, "category"), ({"category": "IPT"}, "category"), ({"recalculation": "maybe"}, "recalculation")]
)
def test_choices_and_booleans_checked(raw, field) -> None:
    with pytest.raises(InputError) as error:
        INVALIDITY.parse({"base_salary": 1, "bonuses": 0, "pension": 0, "rate": 10, **raw})
    assert error.value.field == field


def test_categories_as_numbers_and_status_case() -> None:
    assert INVALIDITY.parse({"base_salary": 1, "bonuses": 0, "pension": 0, "category": 2}).category == "2"
    inputs = REGISTRY["autonomy"].parse({"status": "Active", "age": "40", "quarters": "2"})
    assert (inputs.status, inputs.age, inputs.quarters) == ("active", 40, 2)


@pytest.mark.parametrize(
    ("raw", "field"), [({"age": "40.5"}, "age"), ({"age": "-1"}, "age"), ({"quarters": "x"}, "quarters"), ({"status": "member"}, "status")]
)
def test_integers_checked(raw, field) -> None:
    with pytest.raises(InputError) as error:
        REGISTRY["autonomy"].parse({"status": "active", "age": 40, "quarters": 1, **raw})
    assert error.value.field == field


def test_gir_range() -> None:
    with pytest.raises(InputError) as error:
        REGISTRY["dependency"].parse({"status": "active", "gir": 7, "membership_months": 40, "home_months": 6})
    assert error.value.field == "gir"
    with pytest.raises(InputError):
        REGISTRY["dependency"].parse({"status": "active", "gir": 1, "membership_months": 40, "home_months": 13})


def test_unknown_keys_are_ignored_and_defaults_filled() -> None:
    inputs = INVALIDITY.parse({"id": "row-1", "base_salary": 1, "bonuses": 0, "pension": 0, "rate": 10})
    assert inputs.cost_of_living_bonus == 0 and inputs.category is None and inputs.recalculation is False


def test_run_uses_todays_parameters_and_refuses_unknown_kinds() -> None:
    assert run("invalidity", {"base_salary": "2 140", "bonuses": 600, "pension": "8 123", "rate": 37}).outputs["annual_amount"] == D(
        "5658.60"
    )
    with pytest.raises(InputError):
        run("pension", {})
