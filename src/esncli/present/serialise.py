"""The one serialiser of estimates: a Result (``--json``), a batch row (JSON Lines, the Python
API), CSV cells and the steps, in the reader's language for texts and language-neutral for
numbers (plain numbers, amounts to the cent with a dot) and keys.

Every front door writes through here, so ``esn estimate ... --json``, ``esn estimate batch`` in
CSV or JSON Lines, with or without ``--steps``, and ``api.batch_rows`` cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from esncli import i18n
from esncli.i18n import _
from esncli.money import cents_text, plain_number, plain_percent, to_cents
from esncli.rules.formulas import Piece, fill_formula, formula_pieces

LIST_SEPARATOR = " | "  # several warnings, reasons or steps in one CSV cell


def json_value(value: Any) -> Any:
    """Money as a JSON number with two decimals (render.dump_json keeps the Decimal's text); a
    date in ISO form; a leave's timeline as periods ``{from, to, pay}``."""
    if isinstance(value, Decimal):
        return to_cents(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_timeline(value):
        return [period_json(period) for period in value]
    return value


def period_json(period: Any) -> dict[str, Any]:
    """One period of a timeline (``dates.Period``): ``to`` None while half pay lasts with no known end."""
    return {"from": period.start.isoformat(), "to": period.end.isoformat() if period.end else None, "pay": period.pay.value}


def period_text(period: Mapping[str, Any]) -> str:
    """A period (``period_json``) in a CSV cell's words, ISO 8601's interval: 2022-07-01/2023-03-31
    half ("..": no known end)."""
    return f"{period['from']}/{period['to'] or '..'} {period['pay']}"


def is_timeline(value: Any) -> bool:
    """Whether ``value`` is a leave's timeline as a rule gives it (a tuple of ``dates.Period``)."""
    return type(value) is tuple and bool(value) and hasattr(value[0], "pay")


def step_json(step: Any) -> dict[str, Any]:
    """A step as ``--json`` and JSON Lines ``--steps`` write it: words in the reader's language,
    numbers plain (2/3 x (2461 x 70 %) x 12)."""
    label, pieces = _plain_step(step.label, step.formula, i18n.language())
    return {
        "label": label,
        "formula": fill_formula(pieces, step.values),
        "amount": json_value(step.amount),
        "source": _(step.source),
    }


def step_text(step: Any, lang: str | None = None) -> str:
    """A step in one line, as CSV ``--steps`` writes it: "label: formula = amount"."""
    label, pieces = _plain_step(step.label, step.formula, lang or i18n.language())
    if step.amount is None:
        return f"{label}: {fill_formula(pieces, step.values)}"
    return f"{label}: {fill_formula(pieces, step.values)} = {cell_text(step.amount)}"  # to the cent, or a date


@lru_cache(maxsize=1024)
def _plain_step(label: str, formula: str, lang: str) -> tuple[str, tuple[Piece, ...]]:
    """A step's label in ``lang`` and its formula in ``lang``, parsed, once (a batch writes the
    same few steps on every row)."""
    return _(label), formula_pieces(_(formula), plain_number, plain_percent)


def outputs_json(outputs: Mapping[str, Any]) -> dict[str, Any]:
    """An estimate's outputs (or inputs) by name, amounts to the cent."""
    return {name: json_value(value) for name, value in outputs.items()}


def result_json(result: Any) -> dict[str, Any]:
    """The ``--json`` contract: kind, inputs, eligible, the outputs, steps, warnings, reasons."""
    return {
        "kind": result.kind,
        "inputs": outputs_json(result.inputs),
        "parameters_on": result.parameters_on.isoformat() if result.parameters_on else None,
        "eligible": result.eligible,
        **outputs_json(result.outputs),
        "steps": [step_json(step) for step in result.steps],
        "warnings": list(result.warnings),
        "reasons": list(result.reasons),
    }


def row_values(
    eligible: bool, outputs: Any, warnings: Iterable[str], reasons: Iterable[str], steps: Iterable[Any] | None = None
) -> dict[str, Any]:
    """The results of a batch row by column (JSON Lines, ``api.batch_rows``): eligible, the
    outputs, warnings and reasons as lists, and the steps when asked."""
    values: dict[str, Any] = {"eligible": eligible, **outputs_json(outputs), "warnings": list(warnings), "reasons": list(reasons)}
    if steps is not None:
        values["steps"] = [step_json(step) for step in steps]
    return values


def cell_text(value: Any) -> str:
    """A result value as a CSV cell: amounts to the cent, true / false, lists joined with
    `` | ``, None empty (formula neutralising is the CSV writer's)."""
    if value is None:
        return ""
    if type(value) is Decimal:
        return cents_text(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_timeline(value):  # as the rule gives it
        return LIST_SEPARATOR.join(period_text(period_json(period)) for period in value)
    if isinstance(value, list) and value and isinstance(value[0], dict) and "pay" in value[0]:  # ... or as JSON gives it
        return LIST_SEPARATOR.join(period_text(period) for period in value)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def steps_cell(steps: Iterable[Any]) -> str:
    """The steps as one CSV cell."""
    lang = i18n.language()
    return LIST_SEPARATOR.join([step_text(step, lang) for step in steps])
