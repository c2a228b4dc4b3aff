"""What every rule returns, and how an estimate describes its inputs (for the CLI, the prompts,
the batch and the JSON contract)."""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from esncli.i18n import _

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> Decimal:
    """Round once, to the cent, half up (the guide's figures are commercial roundings)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Step:
    """One line of the explanation, like a line of the guide's worked examples.

    ``label``, ``formula`` and ``source`` are English gettext message ids, constant (marked
    ``N_`` where written): whoever shows them translates them, ``_(step.label)``.

    ``formula`` is a template over ``values``: ``{name:money}`` prints an amount (2 461, 13 781,60),
    ``{name:pct}`` a ratio as a percentage (0.70 -> 70 %), ``{name}`` a plain number. Renderers
    format it in the reader's convention; ``formula_text()`` gives the language-neutral form.
    """

    label: str
    formula: str
    # Decimal for amounts and rates; int for counts (children, quarters); str for a fraction
    # such as the IPP factor "2/3", which prints as the guide writes it.
    values: Mapping[str, Decimal | int | str] = field(default_factory=dict)
    amount: Decimal | None = None
    source: str = ""

    def formula_text(
        self, money: Callable[[Decimal], str] | None = None, pct: Callable[[Decimal], str] | None = None, template: str | None = None
    ) -> str:
        """The formula filled in; ``template``: the formula in another language (``_(step.formula)``)."""
        return _StepFormatter(money or plain_number, pct or plain_percent).format(template or self.formula, **self.values)


def plain_number(value: Decimal) -> str:
    """Language-neutral: 2461, 13781.60 (whole amounts without decimals, as the guide prints)."""
    if value == value.to_integral_value():
        return f"{value:.0f}"
    return f"{to_cents(value):.2f}"


def plain_percent(value: Decimal) -> str:
    percent = (value * 100).normalize()
    return f"{percent:f} %"


class _StepFormatter(string.Formatter):
    def __init__(self, money: Callable[[Decimal], str], pct: Callable[[Decimal], str]) -> None:
        self.money, self.pct = money, pct

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "money":
            return self.money(Decimal(value))
        if format_spec == "pct":
            return self.pct(Decimal(value))
        if isinstance(value, Decimal) and not format_spec:
            return plain_number(value)
        return str(super().format_field(value, format_spec))


@dataclass(frozen=True)
class Result:
    """An estimate: its main results (``outputs``, in the JSON contract's names), whether the
    member is eligible, the ordered steps and the warnings, in plain words."""

    kind: str
    inputs: Mapping[str, Any]
    eligible: bool
    outputs: Mapping[str, Any]  # e.g. {"annual_amount": Decimal, "category": "IPP", "payment": "annuity"}
    steps: tuple[Step, ...] = ()
    warnings: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # why not eligible, or conditions the guide attaches

    def to_json(self) -> dict[str, Any]:
        """The JSON contract: kind, inputs, eligible, the outputs, steps, warnings, reasons."""
        return {
            "kind": self.kind,
            "inputs": {k: json_value(v) for k, v in self.inputs.items()},
            "eligible": self.eligible,
            **{k: json_value(v) for k, v in self.outputs.items()},
            # Words in the reader's language, numbers language-neutral (formula_text's plain form).
            "steps": [
                {
                    "label": _(s.label),
                    "formula": s.formula_text(template=_(s.formula)),
                    "amount": json_value(s.amount),
                    "source": _(s.source),
                }
                for s in self.steps
            ],
            "warnings": list(self.warnings),
            "reasons": list(self.reasons),
        }


def json_value(value: Any) -> Any:
    """Money as a JSON number with two decimals (a float prints 5658.6; the encoder is told to
    keep the Decimal's text, see render.dump_json)."""
    if isinstance(value, Decimal):
        return to_cents(value)
    return value


@dataclass(frozen=True)
class InputSpec:
    """How one input is asked for, parsed and explained (CLI option, prompt, batch column)."""

    name: str  # snake_case: the dataclass field, the CSV/JSON column; the option is --kebab-case
    kind: str  # "money", "percent", "int", "choice", "date", "bool"
    help: str  # one line, shown in --help and under the prompt; a msgid (N_), translated where shown
    required: bool = True
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None


@dataclass(frozen=True)
class Estimate:
    """One estimate: its inputs, its rule, its outputs.

    ``compute(inputs, params) -> Result`` is the rule as the CLI, the prompts and the API show it.
    The batch, which needs the amounts of a million rows but no explanation, uses the same
    arithmetic without building steps and texts:

    - ``constants(params)``: what the rule reads from the parameters, resolved once per set;
    - ``figures(constants, inputs)``: a plain tuple (cheaper than a named one, a million times
      over) in the order of the rule's ``Figures`` named tuple: ``eligible``, the ``outputs`` in
      their order, ``shape``, then what the steps show. ``shape`` is the branches taken: which
      warnings and reasons apply, and so whether the member is eligible (never an amount unless a
      text shows it). ``compute`` itself is built on ``figures``, so each rule's arithmetic is
      written once;
    - ``notes(params, shape) -> (warnings, reasons)``: the texts of a shape, in the reader's
      language (a few per rule: the batch caches them per shape).
    """

    kind: str  # "invalidity"
    title: str
    input_type: type  # a NamedTuple: immutable, and cheap to build on every batch row
    specs: tuple[InputSpec, ...]
    compute: Callable[..., Result]  # compute(inputs, params) -> Result
    outputs: tuple[str, ...]  # the output keys, in order (batch columns)
    # Checks across fields once each is parsed (e.g. "rate or category"); raises InputError.
    validate: Callable[[Any], None] | None = None
    constants: Callable[[Any], Any] | None = None
    figures: Callable[[Any, Any], Any] | None = None
    notes: Callable[[Any, Any], tuple[tuple[str, ...], tuple[str, ...]]] | None = None  # (params, a hashable shape)

    def field_names(self) -> tuple[str, ...]:
        return tuple(self.input_type._fields)  # type: ignore[attr-defined]
