"""Social loan (up to 6 000 EUR, 48 months) and special advance (up to 3 000 EUR, 4 months),
interest-free ("Vos aides solidaires")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from esncli import parameters
from esncli.errors import EsnError, InputError
from esncli.rules.kinds import run


@pytest.fixture
def params() -> parameters.Parameters:
    return parameters.current(dt.date(2024, 1, 1))


@pytest.mark.parametrize(
    ("amount", "months", "kind", "installment", "last"),
    [
        ("6000", 48, "social", "125.00", "125.00"),
        ("1000", 3, "social", "333.33", "333.34"),
        ("100", 7, "social", "14.28", "14.32"),
        ("3000", 4, "special", "750.00", "750.00"),
        ("2000", 3, "special", "666.66", "666.68"),
        ("500", 1, "social", "500.00", "500.00"),
    ],
)
def test_equal_installments_the_last_takes_the_rest(params, amount, months, kind, installment, last) -> None:
    r = run("social-loan", {"amount": amount, "months": months, "type": kind}, params)
    assert r.outputs["monthly_installment"] == D(installment)
    assert r.outputs["last_installment"] == D(last)
    assert r.outputs["total_repaid"] == D(amount)  # no interest, no fees
    assert D(installment) * (months - 1) + D(last) == D(amount)
    assert bool(r.warnings) == (installment != last)


def test_default_type_is_social(params) -> None:
    assert run("social-loan", {"amount": 6000, "months": 48}, params).inputs["type"] == "social"


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"amount": "6000.01", "months": 12}, "amount"),
        ({"amount": "6000", "months": 49}, "months"),
        ({"amount": "3000.01", "months": 4, "type": "special"}, "amount"),
        ({"amount": "3000", "months": 5, "type": "special"}, "months"),
        ({"amount": "0", "months": 5}, "amount"),
        ({"amount": "100", "months": 0}, "months"),
        ({"amount": "100", "months": 2, "type": "gift"}, "type"),
    ],
)
def test_ceilings_are_input_errors(params, raw, field) -> None:
    with pytest.raises(InputError) as error:
        run("social-loan", raw, params)
    assert error.value.field == field
    assert error.value.message.startswith(field)
    assert isinstance(error.value, EsnError) and error.value.code == 2
