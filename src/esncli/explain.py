"""Human rendering of an estimate (a rules ``Result``): the inputs, the steps the way the guide's
worked examples write them, the result in bold, then warnings and reasons in plain words.

Number formatting lives in ``format_number`` only, so switching to the French convention
(``13 781,60 €``, issue 6) is one change. ``rich`` is imported inside the functions: this module
is imported by the CLI only when an estimate is printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from esncli.rules.model import InputSpec, Result

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

CURRENCY = "EUR"


def format_number(value: Decimal, places: int | None = None) -> str:
    """The one place that knows the reader's number convention (English for now: 13,781.60).

    ``places=None`` prints whole numbers without decimals, as the guide's formulas do (2 461),
    and anything else to the cent."""
    value = Decimal(value)
    if places is None:
        places = 0 if value == value.to_integral_value() else 2
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"


def money(value: Decimal) -> str:
    """An amount to the cent with its currency: 13,781.60 EUR."""
    return f"{format_number(value, 2)} {CURRENCY}"


def formula_money(value: Decimal) -> str:
    """An amount inside a formula: whole amounts stay whole (2,461), like the guide."""
    return format_number(value)


def percent(ratio: Decimal) -> str:
    """A ratio as the guide writes it: 0.70 -> 70 %."""
    return f"{format_number(Decimal(ratio) * 100)} %"


def label(name: str) -> str:
    """An input or output name for people: base_salary -> base salary."""
    return name.replace("_", " ")


def show(result: Result, title: str = "", specs: Sequence[InputSpec] = (), console: Console | None = None) -> None:
    """Print the explanation of ``result`` on stdout (plain text when stdout is not a terminal)."""
    from esncli.render import console as make_console

    (console or make_console()).print(explanation(result, title, specs))


def explanation(result: Result, title: str = "", specs: Sequence[InputSpec] = ()) -> Text:
    from rich.text import Text

    kinds = {spec.name: spec.kind for spec in specs}
    text = Text()
    text.append(title or label(result.kind).capitalize(), style="bold")
    text.append("\n")

    text.append("\nInputs\n", style="bold")
    rows = [(label(name), input_value(value, kinds.get(name))) for name, value in result.inputs.items() if value is not None]
    width = max((len(name) for name, _ in rows), default=0)
    for name, value in rows:
        text.append(f"  {name.ljust(width)}  {value}\n")

    if result.steps:
        text.append("\nHow it is computed\n", style="bold")
    for number, step in enumerate(result.steps, 1):
        text.append(f"  {number}. {step.label}\n")
        formula = step.formula_text(money=formula_money, pct=percent)
        if step.amount is not None and "=" not in formula:
            # A formula may already end with its result ("... = 13 781,60"); otherwise add it.
            formula = f"{formula} = {formula_money(step.amount)}"
        text.append(f"     {formula}\n")
        if step.source:
            text.append(f"     guide: {step.source}\n", style="dim")

    text.append("\nResult\n", style="bold")
    if not result.eligible:
        text.append("  Not eligible", style="bold")
        text.append(" to this guarantee according to the guide.\n")
    rows = [(label(name), output_value(value)) for name, value in result.outputs.items() if value is not None]
    width = max((len(name) for name, _ in rows), default=0)
    for name, value in rows:
        text.append(f"  {name.ljust(width)}  ")
        text.append(value, style="bold")
        text.append("\n")

    if result.reasons:
        text.append("\nWhy\n", style="bold")
        for reason in result.reasons:
            text.append(f"  - {reason}\n")
    if result.warnings:
        text.append("\nWarnings\n", style="bold yellow")
        for warning in result.warnings:
            text.append(f"  ! {warning}\n", style="yellow")
    text.rstrip()
    return text


def input_value(value: Any, kind: str | None) -> str:
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "-"}[value]
    if kind == "money" and isinstance(value, (Decimal, int, float)):
        return money(Decimal(str(value)))
    if kind == "percent" and isinstance(value, (Decimal, int, float)):
        return f"{format_number(Decimal(str(value)))} %"
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)


def output_value(value: Any) -> str:
    """Outputs: a Decimal is money in the contract (amounts); counts and names print as they are."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, Mapping):
        return ", ".join(f"{label(k)} {output_value(v)}" for k, v in value.items())
    return str(value)
