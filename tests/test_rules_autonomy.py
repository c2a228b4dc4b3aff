"""Temporary loss of autonomy allowance (PTA, p. 16): 400 EUR a quarter, 4 quarters at most,
active members and spouse beneficiaries under 65."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from esncli import parameters
from esncli.rules.kinds import run


@pytest.fixture
def params() -> parameters.Parameters:
    return parameters.current(dt.date(2024, 1, 1))


@pytest.mark.parametrize(
    ("quarters", "paid", "total"), [(0, 0, "0"), (1, 1, "400"), (3, 3, "1200"), (4, 4, "1600"), (5, 4, "1600"), (12, 4, "1600")]
)
def test_four_quarters_at_most(params, quarters, paid, total) -> None:
    r = run("autonomy", {"status": "active", "age": 40, "quarters": quarters}, params)
    assert r.eligible
    assert r.outputs["quarters_paid"] == paid
    assert r.outputs["quarterly_amount"] == D(400)
    assert r.outputs["total_amount"] == D(total)
    assert bool(r.warnings) == (quarters > 4)


@pytest.mark.parametrize(("age", "eligible"), [(18, True), (64, True), (65, False), (70, False)])
def test_under_65_only(params, age, eligible) -> None:
    r = run("autonomy", {"status": "spouse", "age": age, "quarters": 2}, params)
    assert r.eligible == eligible
    assert r.outputs["total_amount"] == (D(800) if eligible else 0)
    if not eligible:
        assert "under 65" in r.reasons[0]


@pytest.mark.parametrize(
    ("status", "eligible"), [("active", True), ("spouse", True), ("cta", False), ("associate", False), ("retired", False)]
)
def test_active_members_and_spouses_only(params, status, eligible) -> None:
    r = run("autonomy", {"status": status, "age": 50, "quarters": 1}, params)
    assert r.eligible == eligible
    assert r.outputs["quarters_paid"] == (1 if eligible else 0)


def test_reasons_list_the_conditions_and_the_franchise(params) -> None:
    r = run("autonomy", {"status": "active", "age": 50, "quarters": 1}, params)
    joined = " ".join(r.reasons)
    for word in ("cancer", "multiple sclerosis", "30-day franchise", "day 31"):
        assert word in joined


def test_not_eligible_shows_the_conditions_not_met_not_arithmetic(params) -> None:
    """issue 10: "400 x 0 = 0" no more: the status and the age limit not met, then nothing due."""
    r = run("autonomy", {"status": "retired", "age": 70, "quarters": 2}, params)
    assert not r.eligible
    assert [(step.formula_text(), step.amount) for step in r.steps] == [
        (
            "retired member (MP retraité); the PTA allowance is for active member (MP actif) or spouse beneficiary (bénéficiaire conjoint)",
            None,
        ),
        (f"70 years old; the PTA allowance is for people under {params.value('autonomy.age_limit')}", None),
        ("nothing is due: a condition above is not met", 0),
    ]
    only_age = run("autonomy", {"status": "active", "age": 65, "quarters": 2}, params)
    assert only_age.steps[0].formula_text() == "65 years old; the PTA allowance is for people under 65"
