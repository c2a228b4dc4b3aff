"""Human rendering of an estimate (a rules ``Result``): the inputs, the steps the way the guide's
worked examples write them, the result in bold, then warnings and reasons in plain words, in the
reader's language (issue 6).

Numbers, money, percentages and dates are formatted by ``esncli.i18n`` only (French
``13 781,60 €``, English ``€13,781.60``). Step labels, formula templates and sources are English
msgids from the rules, translated here before their values are filled in; reasons and warnings
arrive translated. ``rich`` is imported inside the functions: this module is imported by the CLI
only when an estimate is printed (and by the prompts, for the field labels).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from esncli import i18n
from esncli.i18n import N_, _
from esncli.rules.model import InputSpec, Result, Step

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

# The inputs and outputs as people read them (the snake_case names stay the JSON and CSV keys).
LABELS: dict[str, str] = {
    # inputs
    "reference_salary": N_("Reference salary"),
    "resources": N_("Resources"),
    "net_salary": N_("Net salary"),
    "net_resources": N_("Net resources"),
    "base_salary": N_("Base salary (TIB)"),
    "bonuses": N_("Bonuses and allowances"),
    "cost_of_living_bonus": N_("Cost-of-living bonus"),
    "pension": N_("Pensions and other resources deducted"),
    "rate": N_("Rate of invalidity"),
    "category": N_("Category"),
    "recalculation": N_("Yearly recalculation"),
    "status": N_("Status"),
    "age": N_("Age"),
    "quarters": N_("Quarters claimed"),
    "gir": N_("GIR"),
    "membership_months": N_("Months of membership"),
    "home_months": N_("Months at home"),
    "contribution_base": N_("Contribution base"),
    "ceiling": N_("Ceiling contribution base"),
    "children": N_("Dependent children"),
    "index_100_value": N_("Annual value of index 100"),
    "amount": N_("Amount borrowed"),
    "months": N_("Months"),
    "type": N_("Type"),
    # outputs
    "guarantee_level": N_("Guarantee level"),
    "monthly_amount": N_("Monthly amount"),
    "guarantee": N_("Guarantee"),
    "annual_amount": N_("Annual amount"),
    "payment": N_("Payment"),
    "quarters_paid": N_("Quarters paid"),
    "quarterly_amount": N_("Quarterly amount"),
    "total_amount": N_("Total amount"),
    "home_support_amount": N_("Home-support lump sum"),
    "base_capital": N_("Base capital"),
    "child_supplement": N_("Child supplement"),
    "monthly_installment": N_("Monthly installment"),
    "last_installment": N_("Last installment"),
    "total_repaid": N_("Total repaid"),
}

# Values of choices and outputs that are words (the JSON keeps the English value).
VALUES: dict[str, dict[str, str]] = {
    "status": {
        "active": N_("active member (MP actif)"),
        "cta": N_("member maintained under the CTA (MP maintenu CTA)"),
        "associate": N_("associate member (MP associé)"),
        "retired": N_("retired member (MP retraité)"),
        "spouse": N_("spouse beneficiary (bénéficiaire conjoint)"),
    },
    "type": {"social": N_("social loan"), "special": N_("special advance")},
    "payment": {"annuity": N_("annuity"), "capital": N_("capital"), "none": N_("nothing paid")},
}


def label(name: str) -> str:
    """An input or output name for people, in their language: base_salary -> Base salary (TIB)."""
    known = LABELS.get(name)
    return _(known) if known is not None else name.replace("_", " ").capitalize()


def value_label(name: str, value: str) -> str:
    known = VALUES.get(name, {}).get(value)
    return _(known) if known is not None else value


def money(value: Decimal) -> str:
    """An amount to the cent with its currency, in the reader's convention: €13,781.60 / 13 781,60 €."""
    return i18n.money(value)


def formula_money(value: Decimal) -> str:
    """An amount inside a formula: whole amounts stay whole (2,461 / 2 461), like the guide."""
    return i18n.number(value)


def percent(ratio: Decimal) -> str:
    """A ratio as a percentage: 0.70 -> 70% / 70 %."""
    return i18n.percent(ratio)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def step_formula(step: Step) -> str:
    """The step's formula in the reader's language and convention, ending "= amount" as the
    guide writes it."""
    translated = dataclasses.replace(step, formula=_(step.formula)) if step.formula else step
    formula = translated.formula_text(money=formula_money, pct=percent)
    if step.amount is not None and "=" not in formula and formula != formula_money(step.amount):
        # Rules leave the result out of the formula; the guide writes "... = 13 781,60".
        formula = f"{formula} = {formula_money(step.amount)}"
    return formula


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
    parts: list[Any] = [Text(_(title) if title else label(result.kind), style="bold")]

    parts += [Text(), Text(_("Inputs"), style="bold")]
    parts.append(
        block(
            aligned(
                [(label(name), input_value(value, kinds.get(name), name)) for name, value in result.inputs.items() if value is not None]
            )
        )
    )

    if result.steps:
        parts += [Text(), Text(_("How it is computed"), style="bold")]
    for number, step in enumerate(result.steps, 1):
        parts.append(block(f"{number}. {_(step.label)}"))
        parts.append(block(step_formula(step), 5))
        if step.source:
            parts.append(block(_("source: {source}").format(source=_(step.source)), 5, "dim"))

    parts += [Text(), Text(_("Result"), style="bold")]
    if not result.eligible:
        parts.append(block(Text(_("Not eligible for this guarantee, according to the guide."), style="bold")))
    parts.append(
        block(
            aligned(
                [(label(name), output_value(value, name)) for name, value in result.outputs.items() if value is not None],
                value_style="bold",
            )
        )
    )

    if result.reasons:
        parts += [Text(), Text(_("Conditions") if result.eligible else _("Why"), style="bold")]
        parts.append(bullets("-", result.reasons))
    if result.warnings:
        parts += [Text(), Text(_("Warnings"), style="bold yellow")]
        parts.append(bullets("!", result.warnings, "yellow"))
    return Group(*parts)


def aligned(rows: list[tuple[str, str]], value_style: str = "") -> Text:
    """Lines of "name  value", the values in one column."""
    from rich.text import Text

    width = max((len(name) for name, _value in rows), default=0)
    text = Text()
    for index, (name, value) in enumerate(rows):
        text.append(("\n" if index else "") + f"{name.ljust(width)}  ")
        text.append(value, style=value_style)
    return text


def input_value(value: Any, kind: str | None, name: str = "") -> str:
    if isinstance(value, bool) or value is None:
        return "-" if value is None else yes_no(value)
    if kind == "money" and isinstance(value, (Decimal, int, float)):
        return money(Decimal(str(value)))
    if kind == "percent" and isinstance(value, (Decimal, int, float)):
        # Inputs hold a rate in percent (37 for 37 %).
        return percent(Decimal(str(value)) / 100)
    if isinstance(value, dt.date):
        return i18n.date(value)
    if isinstance(value, (Decimal, int)):
        return i18n.number(value)
    if isinstance(value, str):
        return value_label(name, value)
    return str(value)


def output_value(value: Any, name: str = "") -> str:
    """Outputs: a Decimal is money in the contract (amounts); counts print as numbers, words in
    the reader's language."""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, int):
        return i18n.number(value)
    if isinstance(value, dt.date):
        return i18n.date(value)
    if isinstance(value, Mapping):
        return ", ".join(f"{label(k)} {output_value(v, k)}" for k, v in value.items())
    if isinstance(value, str):
        return value_label(name, value)
    return str(value)
