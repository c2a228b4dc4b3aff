"""Death or PTIA capital by status (summary table notes (3) and (4); p. 18-19) and the supplement
per dependent child: 25 % of the annual gross salary at INM 821 = 821 x 5 907,34 / 100 since
2023-07-01 (décret n° 2023-519)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from esncli import parameters
from esncli.errors import InputError
from esncli.rules.kinds import run

# 821 x 5 907,34 / 100 = 48 499,26 (48 499,2614); 25 % = 12 124,815 -> 12 124,82
PER_CHILD_2023 = D("12124.82")


@pytest.fixture
def params() -> parameters.Parameters:
    return parameters.current(dt.date(2024, 1, 1))


def compute(params, **raw):
    return run("death-capital", {"children": 0, **raw}, params)


def test_active_member_85_percent_of_the_base_without_ceiling_warns(params) -> None:
    r = compute(params, status="active", contribution_base="40 000")
    assert r.outputs["base_capital"] == D("34000.00")
    assert r.outputs["total_amount"] == D("34000.00")
    assert any("ceiling" in w for w in r.warnings)


@pytest.mark.parametrize(
    ("base", "ceiling", "capital"), [("40000", "30000", "25500.00"), ("20000", "30000", "17000.00"), ("30000", "30000", "25500.00")]
)
def test_active_member_capped_at_the_ceiling_base(params, base, ceiling, capital) -> None:
    r = compute(params, status="active", contribution_base=base, ceiling=ceiling)
    assert r.outputs["base_capital"] == D(capital)
    assert not any("Not capped" in w for w in r.warnings)


def test_active_member_needs_the_contribution_base(params) -> None:
    with pytest.raises(InputError) as error:
        compute(params, status="active")
    assert error.value.field == "contribution_base"


@pytest.mark.parametrize(
    ("status", "capital", "eligible"),
    [("cta", "15855", True), ("retired", "3500", True), ("associate", "0", False), ("spouse", "0", False)],
)
def test_flat_amounts_by_status(params, status, capital, eligible) -> None:
    r = compute(params, status=status)
    assert r.outputs["base_capital"] == D(capital)
    assert r.eligible == eligible
    if not eligible:
        assert "No death or PTIA capital" in r.reasons[0]


@pytest.mark.parametrize(
    ("status", "children", "supplement"),
    [
        ("active", 1, PER_CHILD_2023),
        ("active", 3, 3 * PER_CHILD_2023),
        ("cta", 2, 2 * PER_CHILD_2023),
        ("retired", 1, PER_CHILD_2023),
        ("associate", 2, D(0)),
        ("spouse", 2, D(0)),
    ],
)
def test_child_supplement_per_child_by_status(params, status, children, supplement) -> None:
    r = compute(params, status=status, contribution_base=40000, children=children)
    assert r.outputs["child_supplement"] == supplement
    assert r.outputs["total_amount"] == r.outputs["base_capital"] + supplement


def test_child_supplement_steps_show_index_821(params) -> None:
    r = compute(params, status="retired", children=2)
    steps = [(s.formula_text(), s.amount) for s in r.steps]
    assert ("821 x 5907.34 / 100", D("48499.26")) in steps
    assert ("25 % x 48499.26", PER_CHILD_2023) in steps
    assert r.outputs["total_amount"] == D(3500) + 2 * PER_CHILD_2023
    assert any("décret n° 2023-519" in reason.lower() for reason in r.reasons)


def test_index_override(params) -> None:
    # 821 x 6 000 / 100 = 49 260; 25 % = 12 315
    r = compute(params, status="cta", children=1, index_100_value="6 000")
    assert r.outputs["child_supplement"] == D("12315.00")
    assert any("€6,000" in w for w in r.warnings)  # the reader's convention (English here)


def test_index_value_is_dated() -> None:
    # Before 2023-07-01: 5 820,04 (décret n° 2022-994); 821 x 5 820,04 / 100 = 47 782,53; 25 % = 11 945,63
    earlier = parameters.current(dt.date(2023, 6, 30))
    assert earlier.value("death_capital.index_100_annual_value") == D("5820.04")
    r = run("death-capital", {"status": "retired", "children": 1}, earlier)
    assert r.outputs["child_supplement"] == D("11945.63")


@pytest.mark.parametrize("status", ["associate", "spouse"])
def test_no_capital_shows_the_status_condition_not_arithmetic(params, status) -> None:
    r = run("death-capital", {"status": status, "children": 2}, params)
    assert not r.eligible
    (condition, total) = r.steps
    assert condition.amount is None and condition.formula_text().endswith(
        "the death or PTIA capital is for active member (MP actif), member maintained under the CTA (MP maintenu CTA) "
        "or retired member (MP retraité)"
    )
    assert (total.formula_text(), total.amount) == ("nothing is due: a condition above is not met", 0)


@pytest.mark.parametrize(("lang", "reading"), [("en", "four cells for five statuses"), ("fr", "quatre cases pour cinq statuts")])
def test_the_explanation_carries_no_analyst_note_and_json_keeps_it(lang, reading) -> None:
    import json

    from typer.testing import CliRunner

    from esncli.cli import app

    args = ["estimate", "death-capital", "--status", "spouse", "--children", "0", "--lang", lang]
    text = CliRunner().invoke(app, args)
    assert text.exit_code == 0, text.stderr
    flat = " ".join(text.stdout.split())
    assert reading not in flat
    plain = "ask a counsellor" if lang == "en" else "interrogez un conseiller"
    assert plain in flat
    data = json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout)
    assert any(reading in r and plain in r for r in data["reasons"])
