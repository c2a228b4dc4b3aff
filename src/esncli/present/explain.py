"""Human rendering of an estimate (a rules ``Result``): the inputs, the steps the way the guide's
worked examples write them, the result in bold, then warnings and reasons in plain words, in the
reader's language (issue 6). Labels and the words of choices come from the estimate's declaration
(its fields' ``label``, its options' ``label``).

Numbers, money, percentages and dates are formatted by ``esncli.i18n`` only (French
``13 781,60 €``, English ``€13,781.60``). Step labels, formula templates and sources are English
msgids from the rules, translated here before their values are filled in; reasons and warnings
arrive translated. ``rich`` is imported inside the functions: this module is imported by the CLI
only when an estimate is printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from esncli import i18n
from esncli.i18n import _
from esncli.rules import fields
from esncli.rules.model import Estimate, Result, Step

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


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
    formula = step.formula_text(money=formula_money, pct=percent, template=_(step.formula), date=i18n.date)
    if step.amount is not None:
        # Rules leave the result out of the formula; the guide writes "... = 13 781,60".
        amount = i18n.date(step.amount) if isinstance(step.amount, dt.date) else formula_money(step.amount)
        if "=" not in formula and formula != amount:
            formula = f"{formula} = {amount}"
    return formula


def show(result: Result[Any, Any], estimate: Estimate[Any, Any, Any], console: Console | None = None) -> None:
    """Print the explanation of ``result`` on stdout (plain text when stdout is not a terminal)."""
    from esncli.present.render import console as make_console

    console = console or make_console()
    with console.capture() as captured:
        console.print(explanation(result, estimate))
    # rich pads wrapped table cells to the column width: no trailing blanks in a pipe or a diff.
    console.file.write("\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n")


def explanation(result: Result[Any, Any], estimate: Estimate[Any, Any, Any]) -> RenderableType:
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

    parts: list[Any] = [Text(_(estimate.title), style="bold")]

    parts += [Text(), Text(_("Inputs"), style="bold")]
    given = [(spec, result.inputs[spec.name]) for spec in estimate.input_fields]
    parts.append(block(aligned([(_(spec.label), shown(spec, value)) for spec, value in given if value is not None])))

    if result.steps:
        parts += [Text(), Text(_("How it is computed"), style="bold")]
    for number, step in enumerate(result.steps, 1):
        parts.append(block(f"{number}. {_(step.label)}"))
        parts.append(block(step_formula(step), 5))
        if step.source:
            parts.append(block(_("source: {source}").format(source=_(step.source)), 5, "dim"))

    parts += [Text(), Text(_("Result"), style="bold")]
    summaries = summaries_of(result, estimate)
    for summary in summaries:  # a capital, a suspension: said as the guide says it, not "not eligible"
        parts.append(block(Text(summary, style="bold")))
    if not result.eligible and not summaries:
        parts.append(block(Text(_("Not eligible for this guarantee, according to the guide."), style="bold")))
    found = [(spec, result.outputs[spec.name]) for spec in estimate.output_fields if not hidden(spec, result.outputs)]
    parts.append(block(aligned([(_(spec.label), shown(spec, value)) for spec, value in found if value is not None], value_style="bold")))

    # a member reads plain sentences; the data's readings stay in --json (issue 10)
    reasons = result.reasons if result.member_reasons is None else result.member_reasons
    warnings = result.warnings if result.member_warnings is None else result.member_warnings
    if reasons:
        parts += [Text(), Text(_("Conditions") if result.eligible else _("Why"), style="bold")]
        parts.append(bullets("-", reasons))
    if warnings:
        parts += [Text(), Text(_("Warnings"), style="bold yellow")]
        parts.append(bullets("!", warnings, "yellow"))
    if result.parameters_on is not None and result.parameters_on != dt.date.today():  # --on
        from esncli import parameters
        from esncli.rules.model import GUIDE_EDITION

        parts += [Text(), Text(GUIDE_EDITION.text(parameters.current(result.parameters_on)), style="dim")]
    return Group(*parts)


def summaries_of(result: Result[Any, Any], estimate: Estimate[Any, Any, Any]) -> list[str]:
    """The sentences the outputs' values open the result with (``Option.summary``)."""
    found = []
    for spec in estimate.output_fields:
        if isinstance(spec, fields.Text):
            option = spec.option_of(result.outputs[spec.name])
            if option is not None and option.summary:
                found.append(_(option.summary))
    return found


def hidden(spec: fields.Field, outputs: Any) -> bool:
    """Whether the explanation leaves this output out (``Field.hidden_when``: an annual amount
    that is not paid, the allowance being a capital)."""
    if spec.hidden_when is None:
        return False
    other, values = spec.hidden_when
    return outputs.get(other) in values


def aligned(rows: list[tuple[str, str]], value_style: str = "") -> Text:
    """Lines of "name  value", the values in one column."""
    from rich.text import Text

    width = max((len(name) for name, _value in rows), default=0)
    text = Text()
    for index, (name, value) in enumerate(rows):
        text.append(("\n" if index else "") + f"{name.ljust(width)}  ")
        text.append(value, style=value_style)
    return text


def shown(spec: fields.Field, value: Any) -> str:
    """An input's or an output's value as people read it: money in their convention, a rate as a
    percentage, counts as numbers, yes / no, the word a choice stands for."""
    if isinstance(spec, fields.Flag) or isinstance(value, bool):
        return yes_no(bool(value))
    if isinstance(spec, fields.Percent):
        return percent(Decimal(value) / 100)  # inputs hold a rate in percent (37 for 37 %)
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(spec, fields.Year):
        return str(value)
    if isinstance(value, int):
        return i18n.number(value)
    if isinstance(value, dt.date):
        return i18n.date(value)
    if isinstance(spec, (fields.Choice, fields.Text)) and isinstance(value, str):
        option = spec.option_of(value)
        return _(option.label) if option is not None and option.label else value
    return str(value)
