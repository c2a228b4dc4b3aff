"""Invalidity allowances (IPT / IPP): the guide's examples of Pierre and Chantal to the cent, and
every cap and threshold of "Allocations d'invalidité" (p. 14-15). Expected figures come from the
guide, not from the code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from esncli import parameters
from esncli.errors import InputError
from esncli.rules import invalidity
from esncli.rules.invalidity import INVALIDITY
from esncli.rules.kinds import REGISTRY, run


@pytest.fixture
def params() -> parameters.Parameters:
    return parameters.current(dt.date(2024, 1, 1))


def compute(params, **raw):
    return run("invalidity", raw, params)


def test_pierre_ipp_as_in_the_guide(params) -> None:
    # "2/3 (2 461 € x 70 %) x 12 = 13 781,60 €. Le montant des primes est limité à 15 % du TIB,
    # soit 321 €" ... "13 781,60 € – 8 123 € = 5 658,60 € annuels"
    r = compute(params, base_salary="2 140", bonuses="600", pension="8 123", rate="37")
    assert r.outputs["category"] == "IPP"
    assert r.outputs["reference_salary"] == D("2461")
    assert r.outputs["guarantee"] == D("13781.60")
    assert r.outputs["annual_amount"] == D("5658.60")
    assert r.outputs["monthly_amount"] == D("471.55")
    assert r.outputs["payment"] == "annuity"
    assert r.eligible
    texts = [(s.formula_text(), s.amount) for s in r.steps]
    assert ("min(600, 15 % x 2140)", D("321")) in texts
    assert ("2/3 x (2461 x 70 %) x 12", D("13781.60")) in texts
    assert ("13781.60 - 8123", D("5658.60")) in texts
    assert all(s.source.startswith("Guide") for s in r.steps)
    assert any("suspended" in reason for reason in r.reasons)


def test_chantal_ipt_as_in_the_guide(params) -> None:
    # "2 800 (montant des primes inférieur à 15 % du TIB) x 70 % x 12" ; "23 520 € – 15 000 € = 8 520 €"
    r = compute(params, base_salary=2500, bonuses=300, pension=15000, rate=60)
    assert r.outputs["category"] == "IPT"
    assert r.outputs["reference_salary"] == D("2800")
    assert r.outputs["guarantee"] == D("23520.00")
    assert r.outputs["annual_amount"] == D("8520.00")
    assert r.outputs["monthly_amount"] == D("710.00")
    assert ("2800 x 70 % x 12", D("23520")) in [(s.formula_text(), s.amount) for s in r.steps]


@pytest.mark.parametrize(
    ("rate", "category", "expected"),
    [
        ("59.99", None, "IPP"),
        ("60", None, "IPT"),
        ("100", None, "IPT"),
        ("0", None, "IPP"),
        (None, "1", "IPP"),
        (None, "2", "IPT"),
        (None, "3", "IPT"),
        ("70", "1", "IPT"),  # either test is enough for IPT
        ("40", "2", "IPT"),
        ("40", "1", "IPP"),
    ],
)
def test_category_from_rate_or_social_security_category(params, rate, category, expected) -> None:
    raw = {"base_salary": 2500, "bonuses": 300, "pension": 15000, "rate": rate, "category": category}
    assert compute(params, **raw).outputs["category"] == expected


def test_disagreeing_rate_and_category_is_warned(params) -> None:
    r = compute(params, base_salary=2500, bonuses=300, pension=15000, rate=40, category=2)
    assert r.outputs["category"] == "IPT"
    assert any("disagree" in w or "IPT" in w for w in r.warnings)


def test_rate_or_category_is_required() -> None:
    with pytest.raises(InputError) as error:
        REGISTRY["invalidity"].parse({"base_salary": 2500, "bonuses": 300, "pension": 0})
    assert error.value.field == "rate"
    assert "category" in error.value.message


@pytest.mark.parametrize(
    ("bonuses", "counted"),
    [("300", "300"), ("299.99", "299.99"), ("300.01", "300"), ("0", "0"), ("5000", "300")],
)
def test_bonuses_capped_at_15_percent_of_the_base_salary(params, bonuses, counted) -> None:
    # TIB 2 000: the cap is 15 % x 2 000 = 300
    r = compute(params, base_salary=2000, bonuses=bonuses, pension=0, rate=80)
    assert r.outputs["reference_salary"] == D(2000) + D(counted)


def test_cost_of_living_bonus_counts_in_full_outside_the_cap(params) -> None:
    # note (5): "à l'exception de la prime de vie chère ... prise en compte à 100 %"
    r = compute(params, base_salary=2000, bonuses=600, cost_of_living_bonus=500, pension=0, rate=80)
    assert r.outputs["reference_salary"] == D("2800")  # 2 000 + 300 (capped) + 500
    r = compute(params, base_salary=2000, bonuses=0, cost_of_living_bonus=1000, pension=0, rate=80)
    assert r.outputs["reference_salary"] == D("3000")
    assert any("recalculated every year" in reason for reason in r.reasons)


@pytest.mark.parametrize(
    ("pension", "annual", "capped"),
    [("5200", "20000.00", False), ("5199.99", "20000.00", True), ("0", "20000.00", True), ("5200.01", "19999.99", False)],
)
def test_annual_cap_of_20000(params, pension, annual, capped) -> None:
    # IPT, reference 3 000: 3 000 x 70 % x 12 = 25 200
    r = compute(params, base_salary=3000, bonuses=0, pension=pension, rate=60)
    assert r.outputs["annual_amount"] == D(annual)
    assert r.outputs["payment"] == "annuity"
    assert any("Capped" in w for w in r.warnings) == capped
    if capped:
        assert r.outputs["monthly_amount"] == D("1666.67")


@pytest.mark.parametrize(("pension", "payment"), [("7200", "annuity"), ("7200.01", "capital"), ("8399.99", "capital")])
def test_capital_threshold_of_1200(params, pension, payment) -> None:
    # IPT, reference 1 000: 1 000 x 70 % x 12 = 8 400; 8 400 - 7 200 = 1 200 (not under 1 200)
    r = compute(params, base_salary=1000, bonuses=0, pension=pension, rate=60)
    assert r.outputs["payment"] == payment
    assert r.outputs["annual_amount"] == D(8400) - D(pension)
    if payment == "capital":
        assert r.outputs["monthly_amount"] == 0
        assert any("Règlement mutualiste MISP" in w and "not reproduce" in w for w in r.warnings)
    else:
        assert r.outputs["monthly_amount"] == D("100.00")


@pytest.mark.parametrize(
    ("pension", "category", "payment"), [("8400", "2", "none"), ("9000", "2", "none"), ("5600", "1", "none"), ("100000", "1", "suspended")]
)
def test_nothing_paid_when_resources_reach_the_guarantee(params, pension, category, payment) -> None:
    # reference 1 000: IPT 8 400, IPP 2/3 x 8 400 = 5 600; an IPP allowance is « suspendu dès que
    # les ressources ... sont supérieures à la garantie » (p. 15), and recalculated every year
    r = compute(params, base_salary=1000, bonuses=0, pension=pension, category=category)
    assert r.outputs["payment"] == payment
    assert r.outputs["annual_amount"] == 0
    assert r.outputs["monthly_amount"] == 0
    assert not r.eligible
    assert all(s.amount is None or s.amount >= 0 for s in r.steps)
    if category == "1":
        assert any("recalculated every year" in reason and "suspended" in reason for reason in r.reasons)


@pytest.mark.parametrize(("pension", "annual"), [("5500", "360"), ("5240", "360"), ("5239.99", "360.01"), ("5599.99", "360")])
def test_yearly_recalculation_applies_the_360_minimum_and_no_capital(params, pension, annual) -> None:
    # IPP guarantee 5 600 (reference 1 000); 5 600 - 5 240 = 360
    r = compute(params, base_salary=1000, bonuses=0, pension=pension, category=1, recalculation="yes")
    assert r.outputs["payment"] == "annuity"
    assert r.outputs["annual_amount"] == D(annual)


def test_yearly_recalculation_suspends_when_resources_exceed(params) -> None:
    r = compute(params, base_salary=1000, bonuses=0, pension=5600.01, category=1, recalculation=True)
    assert r.outputs["payment"] == "suspended"


def test_reasons_name_the_ages_and_the_misp_capital(params) -> None:
    r = compute(params, base_salary=2140, bonuses=600, pension=8123, rate=37)
    joined = " ".join(r.reasons)
    assert "69" in joined and "70" in joined and "Règlement mutualiste MISP" in joined


def test_compute_is_pure_and_the_inputs_are_kept(params) -> None:
    inputs = invalidity.InvalidityInputs(base_salary=D(2140), bonuses=D(600), pension=D(8123), rate=D(37))
    first = INVALIDITY.compute(inputs, params)
    assert INVALIDITY.compute(inputs, params) == first
    assert first.inputs["rate"] == D(37)
    assert first.to_json()["annual_amount"] == D("5658.60")


def test_pierre_in_french_and_in_english(params) -> None:
    """The guide's "5 658,60 € annuels" in the reader's convention; the JSON stays neutral."""
    from esncli import i18n
    from esncli.parameters import format_value

    r = compute(params, base_salary="2 140", bonuses="600", pension="8 123", rate="37")
    (allowance,) = [s for s in r.steps if s.label == "Allowance: guarantee minus resources (pensions)"]
    try:
        i18n.set_language("fr")
        assert i18n.money(r.outputs["annual_amount"]) == "5\u00a0658,60\u00a0€"
        assert format_value(r.outputs["annual_amount"], "EUR", "money") == "5\u00a0658,60\u00a0€"
        assert allowance.formula_text(i18n.money, i18n.percent, i18n._(allowance.formula)) == "13\u00a0781,60\u00a0€ - 8\u00a0123,00\u00a0€"
        assert r.to_json()["annual_amount"] == D("5658.60")
        i18n.set_language("en")
        assert format_value(r.outputs["annual_amount"], "EUR", "money") == "€5,658.60"
        assert allowance.formula_text(i18n.money, i18n.percent) == "€13,781.60 - €8,123.00"
    finally:
        i18n.set_language(None)


def test_texts_follow_the_language_and_are_cached_per_language(params) -> None:
    from esncli import i18n

    english = compute(params, base_salary=5000, bonuses=0, pension=100, rate=80, recalculation="no")
    assert any("€20,000" in w for w in english.warnings)  # capped
    try:
        i18n.set_language("fr")
        french = compute(params, base_salary=5000, bonuses=0, pension=100, rate=80)
        assert any("20\u00a0000\u00a0€" in w for w in french.warnings)
    finally:
        i18n.set_language(None)
    assert compute(params, base_salary=5000, bonuses=0, pension=100, rate=80).warnings == english.warnings


def explained(*args: str) -> str:
    from typer.testing import CliRunner

    from esncli.cli import app

    result = CliRunner().invoke(app, ["estimate", "invalidity", *args])
    assert result.exit_code == 0, result.stderr
    return " ".join(result.stdout.split())


def test_a_capital_is_not_printed_as_an_annual_and_a_monthly_amount() -> None:
    """issue 10: under 1 200 € the allowance is « un capital unique » whose amount the Règlement
    mutualiste MISP sets (note 2): no annual or monthly amount as if paid, no figure invented."""
    args = ("--base-salary", "1000", "--bonuses", "0", "--pension", "7200.01", "--rate", "60")
    text = explained(*args)
    result_part = text.split("Result", 1)[1]
    assert "Annual amount" not in result_part and "Monthly amount" not in result_part
    assert "Payment a one-off capital" in result_part
    assert "set by the Règlement mutualiste MISP, which the guide does not reproduce" in result_part
    assert "1,199.99 < 1,200" in text  # the step that decides it still shows the initial amount
    french = explained(*args, "--lang", "fr").split("Résultat", 1)[1]
    assert "Montant annuel" not in french and "Montant mensuel" not in french and "un capital unique" in french


def test_an_ipp_allowance_over_the_guarantee_is_suspended_not_ineligible() -> None:
    """« le versement de la prestation est suspendu dès que les ressources ... sont supérieures à
    la garantie MGEN » (p. 15), and recalculated every year: said so, not "not eligible"."""
    text = explained("--base-salary", "1000", "--bonuses", "0", "--pension", "6000", "--category", "1")
    assert "Not eligible" not in text
    assert "Suspended: the resources exceed the IPP guarantee, so nothing is paid for now (p. 15)." in text
    assert "Payment suspended" in text and "recalculated every year" in text
    french = explained("--base-salary", "1000", "--bonuses", "0", "--pension", "6000", "--category", "1", "--lang", "fr")
    assert "Suspendue : les ressources dépassent la garantie IPP" in french and "Pas de droit" not in french
    ipt = explained("--base-salary", "1000", "--bonuses", "0", "--pension", "9000", "--category", "2")
    assert "Not eligible" in ipt and "Suspended" not in ipt  # an IPT is renewed, not recalculated: nothing paid
