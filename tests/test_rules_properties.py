"""Properties over many inputs (hypothesis): no amount negative or above its cap, IPP never above
IPT for the same inputs, every amount in whole cents, loans repaid exactly."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from esncli import parameters
from esncli.rules import autonomy, daily_allowance, death_capital, dependency, invalidity, social_loan
from esncli.rules.autonomy import AUTONOMY
from esncli.rules.daily_allowance import DAILY_ALLOWANCE
from esncli.rules.death_capital import DEATH_CAPITAL
from esncli.rules.dependency import DEPENDENCY
from esncli.rules.invalidity import INVALIDITY
from esncli.rules.social_loan import SOCIAL_LOAN

PARAMS = parameters.current(dt.date(2024, 1, 1))
CENT = D("0.01")


def money(high: int = 50_000) -> st.SearchStrategy[D]:
    return st.decimals(min_value=0, max_value=high, places=2, allow_nan=False, allow_infinity=False)


def whole_cents(value: D) -> bool:
    return value == value.quantize(CENT)


def amounts(result) -> list[D]:
    values = [v for v in result.outputs.values() if isinstance(v, D)]
    values += [s.amount for s in result.steps if s.amount is not None]
    return values


@settings(max_examples=300, deadline=None)
@given(tib=money(20_000), bonuses=money(10_000), living=money(3_000), pension=money(100_000), rate=money(100), recalculation=st.booleans())
def test_invalidity_bounds_and_ipp_never_above_ipt(tib, bonuses, living, pension, rate, recalculation) -> None:
    common = {"base_salary": tib, "bonuses": bonuses, "cost_of_living_bonus": living, "pension": pension, "recalculation": recalculation}
    ipp = INVALIDITY.compute(invalidity.InvalidityInputs(**common, category="1"), PARAMS)
    ipt = INVALIDITY.compute(invalidity.InvalidityInputs(**common, category="2"), PARAMS)
    by_rate = INVALIDITY.compute(invalidity.InvalidityInputs(**common, rate=rate), PARAMS)
    for result in (ipp, ipt, by_rate):
        out = result.outputs
        assert all(value >= 0 for value in amounts(result))
        assert all(whole_cents(out[k]) for k in ("guarantee", "annual_amount", "monthly_amount"))
        assert out["annual_amount"] <= D(20000)
        assert out["monthly_amount"] <= out["annual_amount"]
        # bonuses counted up to 15 % of the TIB, rounded half up to the cent like every amount (issue 10)
        assert out["reference_salary"] <= tib + (tib * D("0.15")).quantize(D("0.01"), ROUND_HALF_UP) + living
        if out["payment"] in ("none", "suspended"):
            assert out["annual_amount"] == 0 and not result.eligible
        if out["payment"] == "suspended":
            assert out["category"] == "IPP" and common["pension"] > out["guarantee"]
        if out["payment"] == "capital":
            assert not recalculation and 0 < out["annual_amount"] < D(1200)
        if out["payment"] == "annuity" and recalculation:
            assert out["annual_amount"] >= D(360)
    assert ipp.outputs["category"] == "IPP" and ipt.outputs["category"] == "IPT"
    assert ipp.outputs["guarantee"] <= ipt.outputs["guarantee"]
    assert ipp.outputs["annual_amount"] <= ipt.outputs["annual_amount"]


@settings(max_examples=300, deadline=None)
@given(reference=money(), resources=money(), net_salary=st.none() | money(), net_resources=money())
def test_daily_allowance_bounds(reference, resources, net_salary, net_resources) -> None:
    inputs = daily_allowance.DailyAllowanceInputs(reference, resources, net_salary, None if net_salary is None else net_resources)
    result = DAILY_ALLOWANCE.compute(inputs, PARAMS)
    monthly = result.outputs["monthly_amount"]
    assert 0 <= monthly <= result.outputs["guarantee_level"]
    assert whole_cents(monthly) and whole_cents(result.outputs["guarantee_level"])
    assert all(value >= 0 for value in amounts(result))
    if net_salary is not None and monthly > 0:
        assert monthly + net_resources <= net_salary


@settings(max_examples=200, deadline=None)
@given(status=st.sampled_from(parameters.STATUSES), age=st.integers(0, 130), quarters=st.integers(0, 400))
def test_autonomy_bounds(status, age, quarters) -> None:
    result = AUTONOMY.compute(autonomy.AutonomyInputs(status, age, quarters), PARAMS)
    assert 0 <= result.outputs["total_amount"] <= D(1600)
    assert 0 <= result.outputs["quarters_paid"] <= min(quarters, 4)


@settings(max_examples=200, deadline=None)
@given(status=st.sampled_from(parameters.STATUSES), gir=st.integers(1, 6), months=st.integers(0, 1500), home=st.integers(0, 12))
def test_dependency_bounds(status, gir, months, home) -> None:
    out = DEPENDENCY.compute(dependency.DependencyInputs(status, gir, membership_months=months, home_months=home), PARAMS).outputs
    assert out["monthly_amount"] in (0, D(120))
    assert out["home_support_amount"] in (0, D(500))
    if out["home_support_amount"]:
        assert out["monthly_amount"]


@settings(max_examples=300, deadline=None)
@given(
    status=st.sampled_from(parameters.STATUSES),
    base=money(500_000),
    ceiling=st.none() | money(500_000),
    children=st.integers(0, 30),
    index=st.none() | st.decimals(min_value=1, max_value=20_000, places=2),
)
def test_death_capital_bounds(status, base, ceiling, children, index) -> None:
    result = DEATH_CAPITAL.compute(death_capital.DeathCapitalInputs(status, children, base, ceiling, index), PARAMS)
    out = result.outputs
    assert all(value >= 0 and whole_cents(value) for value in (out["base_capital"], out["child_supplement"], out["total_amount"]))
    assert out["total_amount"] == out["base_capital"] + out["child_supplement"]
    if status == "active" and ceiling is not None:
        assert out["base_capital"] <= (ceiling * D("0.85")).quantize(CENT) + CENT
    if status in ("associate", "spouse"):
        assert out["total_amount"] == 0


@settings(max_examples=300, deadline=None)
@given(data=st.data(), kind=st.sampled_from(("social", "special")))
def test_social_loan_repaid_exactly(data, kind) -> None:
    high, longest = (6000, 48) if kind == "social" else (3000, 4)
    amount = data.draw(st.decimals(min_value=CENT, max_value=high, places=2))
    months = data.draw(st.integers(1, longest))
    out = SOCIAL_LOAN.compute(social_loan.SocialLoanInputs(amount, months, kind), PARAMS).outputs
    installment, last = out["monthly_installment"], out["last_installment"]
    assert whole_cents(installment) and whole_cents(last)
    assert installment * (months - 1) + last == amount
    assert 0 <= last - installment < months * CENT
    assert out["total_repaid"] == amount
