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
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from esncli import i18n
from esncli.i18n import N_, _
from esncli.present import timeline
from esncli.present.timeline import Line
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
    encoding = (console.encoding or "").lower()
    drawn = explanation(result, estimate, picture=console.is_terminal, width=console.width, ascii=not encoding.startswith("utf"))
    with console.capture() as captured:
        console.print(drawn)
    # rich pads wrapped table cells to the column width: no trailing blanks in a pipe or a diff.
    console.file.write("\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n")


@dataclass(frozen=True)
class Row:
    """An input or an output as the explanation shows it: its label, its value, and the value
    with its period where it has one ("€2,140.00 a month"; the value itself otherwise)."""

    label: str
    value: str
    with_unit: str


@dataclass(frozen=True)
class ShownStep:
    """A step as the explanation shows it: its number, label, formula ("... = 13,781.60") and
    its source line ("source: Guide — ..."; empty when the step names none)."""

    number: int
    label: str
    formula: str
    source: str


@dataclass(frozen=True)
class Explained:
    """What the explanation says, in the reader's language, whatever draws it: the terminal
    (``explanation``, rich) and the printable report (``present.html``)."""

    title: str
    inputs_heading: str
    inputs: tuple[Row, ...]
    steps_heading: str
    steps: tuple[ShownStep, ...]
    result_heading: str
    summaries: tuple[str, ...]  # the sentences the result opens with (a capital, "not eligible")
    outputs: tuple[Row, ...]
    reasons_heading: str  # "Conditions", or "Why" when not eligible
    reasons: tuple[str, ...]
    warnings_heading: str
    warnings: tuple[str, ...]
    timeline_heading: str = ""
    timeline: tuple[Line, ...] = ()  # a leave's periods (present.timeline), drawn as a picture on a terminal
    parameters_heading: str = ""
    parameters_note: str = ""  # on another day than today (--on): the guide's figures applied as they are


def explained(result: Result[Any, Any], estimate: Estimate[Any, Any, Any]) -> Explained:
    """The explanation's texts: labels and choices' words from the declaration, steps from the
    Result's steps, reasons and warnings as a member reads them."""
    inputs = [(spec, result.inputs[spec.name]) for spec in estimate.input_fields]
    found = [(spec, result.outputs[spec.name]) for spec in estimate.output_fields if not hidden(spec, result.outputs)]
    periods = [value for spec, value in found if isinstance(spec, fields.Periods) and value]
    found = [(spec, value) for spec, value in found if not isinstance(spec, fields.Periods)]
    steps = [
        ShownStep(number, _(step.label), step_formula(step), _("source: {source}").format(source=_(step.source)) if step.source else "")
        for number, step in enumerate(result.steps, 1)
    ]
    summaries = summaries_of(result, estimate)  # a capital, a suspension: said as the guide says it, not "not eligible"
    if not result.eligible and not summaries:
        summaries.append(_("Not eligible for this guarantee, according to the guide."))
    # a member reads plain sentences; the data's readings stay in --json (issue 10)
    reasons = result.reasons if result.member_reasons is None else result.member_reasons
    warnings = result.warnings if result.member_warnings is None else result.member_warnings
    return Explained(
        title=_(estimate.title),
        inputs_heading=_("Inputs"),
        inputs=tuple(row(spec, value) for spec, value in inputs if value is not None),
        steps_heading=_("How it is computed"),
        steps=tuple(steps),
        result_heading=_("Result"),
        summaries=tuple(summaries),
        outputs=tuple(row(spec, value) for spec, value in found if value is not None),
        reasons_heading=_("Conditions") if result.eligible else _("Why"),
        reasons=tuple(reasons),
        warnings_heading=_("Warnings"),
        warnings=tuple(warnings),
        timeline_heading=_("Timeline"),
        timeline=timeline.lines_of(periods[0]) if periods else (),
        parameters_heading=_("Parameters"),
        parameters_note=parameters_note(result),
    )


def parameters_note(result: Result[Any, Any]) -> str:
    """``GUIDE_EDITION`` when the parameters were read on another day than today (``--on``)."""
    if result.parameters_on is None or result.parameters_on == dt.date.today():
        return ""
    from esncli import parameters
    from esncli.rules.model import GUIDE_EDITION

    return GUIDE_EDITION.text(parameters.current(result.parameters_on))


def row(spec: fields.Field, value: Any) -> Row:
    text = shown(spec, value)
    return Row(_(spec.label), text, with_period(spec, text))


PER = {"month": N_("{amount} a month"), "year": N_("{amount} a year")}


def with_period(spec: fields.Field, text: str) -> str:
    """An amount's text with its period, as the walkthrough's answers and the report give it:
    "€2,140.00 a month" / "2 140,00 € par mois"."""
    if isinstance(spec, fields.Money) and spec.per in PER:
        return _(PER[spec.per]).format(amount=text)
    return text


def explanation(
    result: Result[Any, Any], estimate: Estimate[Any, Any, Any], *, picture: bool = False, width: int = 80, ascii: bool = False
) -> RenderableType:
    """The explanation as one rich renderable: headings, then indented blocks that wrap under
    their own indent; ``picture``: a leave's timeline drawn with bars in ``width`` columns (a
    terminal), else plain lines."""
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

    said = explained(result, estimate)
    parts: list[Any] = [Text(said.title, style="bold")]

    parts += [Text(), Text(said.inputs_heading, style="bold")]
    parts.append(block(aligned([(r.label, r.value) for r in said.inputs])))

    if said.steps:
        parts += [Text(), Text(said.steps_heading, style="bold")]
    for step in said.steps:
        parts.append(block(f"{step.number}. {step.label}"))
        parts.append(block(step.formula, 5))
        if step.source:
            parts.append(block(step.source, 5, "dim"))

    parts += [Text(), Text(said.result_heading, style="bold")]
    for summary in said.summaries:
        parts.append(block(Text(summary, style="bold")))
    parts.append(block(aligned([(r.label, r.value) for r in said.outputs], value_style="bold")))

    if said.timeline:
        parts += [Text(), Text(said.timeline_heading, style="bold")]
        drawn = timeline.text_lines(said.timeline, width - 2, picture=picture, ascii=ascii)
        parts.append(block(Text("\n".join(drawn), no_wrap=picture, overflow="crop" if picture else "fold")))
    if said.reasons:
        parts += [Text(), Text(said.reasons_heading, style="bold")]
        parts.append(bullets("-", said.reasons))
    if said.warnings:
        parts += [Text(), Text(said.warnings_heading, style="bold yellow")]
        parts.append(bullets("!", said.warnings, "yellow"))
    if said.parameters_note:
        parts += [Text(), Text(said.parameters_note, style="dim")]
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
