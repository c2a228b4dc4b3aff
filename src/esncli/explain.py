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
    from rich.console import Console, RenderableType
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

    console = console or make_console()
    with console.capture() as captured:
        console.print(explanation(result, title, specs))
    # rich pads wrapped table cells to the column width: no trailing blanks in a pipe or a diff.
    console.file.write("\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n")


def explanation(result: Result, title: str = "", specs: Sequence[InputSpec] = ()) -> RenderableType:
    """The explanation as one rich renderable: headings, then indented blocks that wrap under
    their own indent."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    def block(text: Text | str, indent: int = 2, style: str = "") -> Padding:
        return Padding(text if isinstance(text, Text) else Text(text, style=style), (0, 0, 0, indent), expand=False)

    def bullets(mark: str, items: Sequence[str], style: str = "") -> Padding:
        # A grid, so that a long reason wraps under its own text, not under the mark.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for item in items:
            grid.add_row(Text(mark, style=style), Text(item, style=style))
        return Padding(grid, (0, 0, 0, 2), expand=False)

    kinds = {spec.name: spec.kind for spec in specs}
    parts: list[Any] = [Text(title or label(result.kind).capitalize(), style="bold")]

    parts += [Text(), Text("Inputs", style="bold")]
    parts.append(
        block(aligned([(label(name), input_value(value, kinds.get(name))) for name, value in result.inputs.items() if value is not None]))
    )

    if result.steps:
        parts += [Text(), Text("How it is computed", style="bold")]
    for number, step in enumerate(result.steps, 1):
        parts.append(block(f"{number}. {step.label}"))
        formula = step.formula_text(money=formula_money, pct=percent)
        if step.amount is not None and "=" not in formula and formula != formula_money(step.amount):
            # Rules leave the result out of the formula; the guide writes "... = 13 781,60".
            formula = f"{formula} = {formula_money(step.amount)}"
        parts.append(block(formula, 5))
        if step.source:
            parts.append(block(f"source: {step.source}", 5, "dim"))

    parts += [Text(), Text("Result", style="bold")]
    if not result.eligible:
        parts.append(block(Text.assemble(("Not eligible", "bold"), " for this guarantee, according to the guide.")))
    parts.append(
        block(
            aligned([(label(name), output_value(value)) for name, value in result.outputs.items() if value is not None], value_style="bold")
        )
    )

    if result.reasons:
        parts += [Text(), Text("Conditions" if result.eligible else "Why", style="bold")]
        parts.append(bullets("-", result.reasons))
    if result.warnings:
        parts += [Text(), Text("Warnings", style="bold yellow")]
        parts.append(bullets("!", result.warnings, "yellow"))
    return Group(*parts)


def aligned(rows: list[tuple[str, str]], value_style: str = "") -> Text:
    """Lines of "name  value", the values in one column."""
    from rich.text import Text

    width = max((len(name) for name, _ in rows), default=0)
    text = Text()
    for index, (name, value) in enumerate(rows):
        text.append(("\n" if index else "") + f"{name.ljust(width)}  ")
        text.append(value, style=value_style)
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
