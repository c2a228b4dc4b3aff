"""Daily allowances (AJ): the example of Matthieu to the cent and the net-salary ceiling
("Allocations Journalières", p. 12-13)."""

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
    return run("daily-allowance", raw, params)


def test_matthieu_as_in_the_guide(params) -> None:
    # "4 431 € x 77 % = 3 411,87 €" ; "3 411,87 € – 1 354 € – 1 051,50 € = 1 006,37 € par mois"
    r = compute(params, reference_salary="4 431", resources=str(D("1354") + D("1051.50")))
    assert r.outputs == {
        "guarantee_level": D("3411.87"),
        "monthly_amount": D("1006.37"),
        "allowance_start": None,
        "allowance_end": None,
        "timeline": None,
    }
    assert r.eligible
    assert [(s.formula_text(), s.amount) for s in r.steps] == [("4431 x 77 %", D("3411.87")), ("3411.87 - 2405.50", D("1006.37"))]
    assert any("not checked" in w for w in r.warnings)


def test_matthieu_within_the_net_salary_ceiling(params) -> None:
    # "1 972,51 € net ... + 1 006,37 € (part MGEN)" = 2 978,88 net, under 3 945,02 net before leave
    r = compute(params, reference_salary=4431, resources="2405,50", net_salary="3 945,02", net_resources="1 972,51")
    assert r.outputs["monthly_amount"] == D("1006.37")
    assert r.warnings == ()


@pytest.mark.parametrize(
    ("net_salary", "expected", "reduced"),
    [("2978.88", "1006.37", False), ("2978.87", "1006.36", True), ("2500", "527.49", True), ("1972.51", "0", True), ("1000", "0", True)],
)
def test_net_salary_ceiling_reduces_the_allowance(params, net_salary, expected, reduced) -> None:
    r = compute(params, reference_salary=4431, resources="2405.50", net_salary=net_salary, net_resources="1972.51")
    assert r.outputs["monthly_amount"] == D(expected)
    assert any("Reduced" in w for w in r.warnings) == reduced
    assert r.eligible == (D(expected) > 0)


@pytest.mark.parametrize("resources", ["3411.87", "3411.88", "5000"])
def test_no_allowance_when_resources_reach_the_guarantee(params, resources) -> None:
    r = compute(params, reference_salary=4431, resources=resources)
    assert r.outputs["monthly_amount"] == 0
    assert not r.eligible
    assert "No daily allowance" in r.reasons[0]


def test_one_net_figure_alone_is_not_enough(params) -> None:
    r = compute(params, reference_salary=4431, resources="2405.50", net_salary=3000)
    assert r.outputs["monthly_amount"] == D("1006.37")
    assert any("needs both" in w for w in r.warnings)


def test_rounded_once_to_the_cent_half_up(params) -> None:
    # 1 000,50 x 77 % = 770,385 -> 770,39
    assert compute(params, reference_salary="1000.50", resources=0).outputs["guarantee_level"] == D("770.39")
