"""Amounts as people type them (issue 10, part 7): never silently misread. A comma before exactly
three digits is ambiguous and refused with both readings; esn's own output and the usual French
and English forms are read; two numbers or a line break are refused; -0 is 0."""

from __future__ import annotations

from decimal import Decimal

import pytest
from typer.testing import CliRunner

from esncli import i18n
from esncli.cli import app
from esncli.errors import InputError
from esncli.rules.fields import parse_number


def read(text: str) -> Decimal:
    return parse_number(text, "base_salary", suffixes=("€", "eur"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2 140,50", "2140.50"),
        ("2140,5", "2140.5"),
        ("2,140.00", "2140.00"),
        ("2 140,00 €", "2140.00"),
        ("€2,140.00", "2140.00"),  # esn's own English output
        ("2\u202f140,00\u00a0€", "2140.00"),  # esn's own French output
        ("1 051,50", "1051.50"),
        ("2 140 600", "2140600"),
        ("1,234,567", "1234567"),
        ("2,5", "2.5"),
        ("2,50", "2.50"),
        ("2140", "2140"),
        ("  8123.45 ", "8123.45"),
        ("-0", "0"),
        ("1234,500", "1234.500"),  # four digits before the comma: no thousands reading
    ],
)
def test_unambiguous_amounts_are_read(text: str, value: str) -> None:
    number = read(text)
    assert number == Decimal(value) and str(number) == value


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("text", "readings"),
    [
        (
            "2,500",
            {
                "en": ("2.5 with a decimal comma", "2,500 with a thousands separator"),
                "fr": ("2,5 avec une virgule décimale", "2\u00a0500 avec un séparateur de milliers"),
            },
        ),
        (
            "12,345",
            {
                "en": ("12.345 with a decimal comma", "12,345 with a thousands separator"),
                "fr": ("12,345 avec une virgule décimale", "12\u00a0345 avec un séparateur de milliers"),
            },
        ),
    ],
)
def test_a_comma_before_three_digits_is_refused_with_both_readings(text: str, readings: dict[str, tuple[str, str]], lang: str) -> None:
    i18n.set_language(lang)
    with pytest.raises(InputError) as caught:
        read(text)
    for reading in readings[lang]:
        assert reading in caught.value.message


@pytest.mark.parametrize("text", ["2140 600", "12 34", "1 2345"])
def test_two_numbers_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="several numbers"):
        read(text)


@pytest.mark.parametrize("text", ["2140\n600", "21\r40", "2 140,\n50"])
def test_a_line_break_inside_a_number_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="line break"):
        read(text)


def test_the_cli_refuses_an_ambiguous_amount_and_names_the_option() -> None:
    result = CliRunner().invoke(
        app, ["estimate", "invalidity", "--base-salary", "2,500", "--bonuses", "300", "--pension", "15000", "--rate", "60"]
    )
    assert result.exit_code == 2
    assert "--base-salary: '2,500' is ambiguous" in result.output and "Traceback" not in result.output


def test_a_batch_row_with_an_ambiguous_amount_fails_alone() -> None:
    rows = 'member,kind,base_salary,bonuses,pension,rate\na,invalidity,"2,500",300,15000,60\nb,invalidity,2500,300,15000,60\n'
    result = CliRunner().invoke(app, ["estimate", "batch", "-", "--format", "csv"], input=rows)
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert "is ambiguous" in lines[1] and lines[2].endswith(",")  # the second row estimated, its error empty


@pytest.mark.parametrize("text", ["2140.555", "2 140,555 €", "0.001"])
def test_an_amount_past_the_cent_is_refused_not_rounded(text: str) -> None:
    result = CliRunner().invoke(
        app, ["estimate", "invalidity", "--base-salary", "2140", "--bonuses", text, "--pension", "15000", "--rate", "60"]
    )
    assert result.exit_code == 2 and "more than two decimals" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["invalidity", "--base-salary", "0", "--bonuses", "0", "--pension", "0", "--rate", "80"],
        ["death-capital", "--status", "active", "--contribution-base", "0", "--children", "0"],
        ["daily-allowance", "--reference-salary", "0", "--resources", "0"],
    ],
)
def test_a_salary_of_zero_is_refused_not_answered(args: list[str]) -> None:
    """A salary of 0 is a figure missing, not a member paid nothing: esn refused to answer
    "nothing is paid" or "not eligible" from it (issue 10: never a confident wrong answer)."""
    result = CliRunner().invoke(app, ["estimate", *args])
    assert result.exit_code == 2
    assert "must be at least 0.01, got '0'" in result.stderr


def test_trailing_zeros_past_the_cent_are_the_same_amount() -> None:
    result = CliRunner().invoke(
        app, ["estimate", "invalidity", "--base-salary", "2500.000", "--bonuses", "300", "--pension", "15000", "--rate", "60", "--json"]
    )
    assert result.exit_code == 0 and '"annual_amount": 8520.00' in result.stdout


def test_a_batch_cell_past_the_cent_fails_its_row() -> None:
    rows = "kind,base_salary,bonuses,pension,rate\ninvalidity,2500,300,15000.005,60\ninvalidity,2500,300,15000,60\n"
    result = CliRunner().invoke(app, ["estimate", "batch", "-", "--format", "csv"], input=rows)
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert "pension: an amount is to the cent" in lines[1] and lines[2].endswith(",")
