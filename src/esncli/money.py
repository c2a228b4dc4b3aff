"""Money as the guide counts it: ``Decimal``, rounded once to the cent, half up, where the guide
rounds; and the language-neutral text of a number (JSON, CSV, formulas in --json).

The reader's conventions (French ``5 658,60 €``, English ``€5,658.60``) are ``esncli.i18n``'s.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal(0)


def to_cents(amount: Decimal) -> Decimal:
    """Round once, to the cent, half up (the guide's figures are commercial roundings)."""
    return amount.quantize(CENT, ROUND_HALF_UP)  # the rounding as a keyword costs twice as much


def cents_within(amount: Decimal) -> Decimal:
    """Down to the cent: an amount that must stay within a limit (the bonuses counted up to
    15 % of the base salary; a loan's equal installments)."""
    return amount.quantize(CENT, ROUND_DOWN)


def plain_number(value: Decimal) -> str:
    """Language-neutral: 2461, 13781.60 (whole amounts without decimals, as the guide prints)."""
    text = str(value)
    if text[-3:-2] == ".":  # to the cent already (see cents_text): whole when it ends ".00"
        return text[:-3] if text[-2:] == "00" else text
    if text.isdigit():  # whole, exponent 0 (490)
        return text
    text = str(value.quantize(CENT, ROUND_HALF_UP))
    if text.endswith(".00") and value == value.to_integral_value():
        return text[:-3]
    return text


_percents: dict[Decimal, str] = {}  # the rates a rule shows are a few parameters


def plain_percent(ratio: Decimal) -> str:
    """A ratio as a language-neutral percentage: 0.70 -> 70 %."""
    found = _percents.get(ratio)
    if found is None:
        found = f"{(ratio * 100).normalize():f} %"
        if len(_percents) < 256:
            _percents[ratio] = found
    return found


def cents_text(amount: Decimal) -> str:
    """An amount as JSON and CSV write it: to the cent, with a dot (13781.60)."""
    text = str(amount)
    # Already to the cent (exponent -2): its text has a dot third from the end, which no other
    # exponent gives (an exponent form ends "E+n"); most amounts of a batch are.
    return text if text[-3:-2] == "." else str(amount.quantize(CENT, ROUND_HALF_UP))
