"""Total dependency (p. 17): 120 EUR a month, 500 EUR a year at home at least 6 months, GIR 1,
36-month waiting period; active or retired members and spouse beneficiaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from esncli import parameters
from esncli.rules.kinds import run


@pytest.fixture
def params() -> parameters.Parameters:
    return parameters.current(dt.date(2024, 1, 1))


def compute(params, **raw):
    base = {"status": "retired", "gir": 1, "membership_months": 36, "home_months": 12}
    return run("dependency", {**base, **raw}, params)


def test_gir_1_at_home(params) -> None:
    r = compute(params)
    assert r.eligible
    assert r.outputs == {"monthly_amount": D(120), "home_support_amount": D(500), "waiting_period_end": None, "first_payment": None}
    assert any("3 continuous months" in reason for reason in r.reasons)


@pytest.mark.parametrize(("home_months", "home"), [(6, "500"), (5, "0"), (0, "0"), (12, "500")])
def test_home_support_after_6_months_at_home(params, home_months, home) -> None:
    assert compute(params, home_months=home_months).outputs["home_support_amount"] == D(home)


@pytest.mark.parametrize(("months", "eligible"), [(35, False), (36, True), (0, False), (400, True)])
def test_36_month_waiting_period(params, months, eligible) -> None:
    r = compute(params, membership_months=months)
    assert r.eligible == eligible
    assert r.outputs["monthly_amount"] == (D(120) if eligible else 0)
    if not eligible:
        assert "waiting period" in r.reasons[0]


@pytest.mark.parametrize("gir", [2, 3, 4, 5, 6])
def test_gir_other_than_1_is_not_total_dependency(params, gir) -> None:
    r = compute(params, gir=gir)
    assert not r.eligible
    assert r.outputs == {"monthly_amount": 0, "home_support_amount": 0, "waiting_period_end": None, "first_payment": None}
    assert "GIR 1" in r.reasons[0]


@pytest.mark.parametrize(
    ("status", "eligible"), [("active", True), ("retired", True), ("spouse", True), ("cta", False), ("associate", False)]
)
def test_statuses(params, status, eligible) -> None:
    r = compute(params, status=status)
    assert r.eligible == eligible
    if not eligible:
        assert "counsellor" in r.reasons[0]  # the summary table's row spans every status: say so


def test_not_eligible_shows_the_conditions_not_met_not_arithmetic(params) -> None:
    """issue 10: "120 = 0" no more; each condition not met with the guide's figure (from the
    data), then the amounts as its consequence."""
    r = compute(params, status="associate", gir=2, membership_months=4)
    conditions = [step for step in r.steps if step.amount is None]
    assert [step.formula_text() for step in conditions] == [
        "associate member (MP associé); total dependency is for active member (MP actif), retired member (MP retraité) "
        "or spouse beneficiary (bénéficiaire conjoint)",
        f"GIR 2; total dependency means GIR {params.value('dependency.gir_level')}",
        f"4 months of membership; the waiting period is {params.value('dependency.waiting_period_months')} months",
    ]
    amounts = [step for step in r.steps if step.amount is not None]
    assert [(step.formula_text(), step.amount) for step in amounts] == [("nothing is due: a condition above is not met", 0)] * 2
    assert r.steps.index(conditions[-1]) < r.steps.index(amounts[0])


def test_eligible_shows_no_condition_step(params) -> None:
    r = compute(params)
    assert [step.formula_text() for step in r.steps] == ["120", "12 months at home in the past year (needs 6)"]
