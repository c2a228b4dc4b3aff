"""One declaration per estimate, the trace a rule records its steps in, and what a rule returns.

An estimate is declared once, next to its rule::

    INVALIDITY = Estimate(
        kind="invalidity",
        title=N_("Invalidity allowance (IPT or IPP)"),
        help=N_("... (guide: 2. Allocations d'invalidité) ... {invalidity.guarantee_rate:pct} ..."),
        inputs=InvalidityInputs,          # a NamedTuple: Annotated[Decimal, Money(...)] per field
        outputs=InvalidityOutputs,        # a TypedDict: the results, in the JSON / CSV order
        parameters=InvalidityParameters,  # a dataclass: Annotated[Decimal, Parameter("invalidity.annual_cap")]
        rule=invalidity,                  # rule(inputs, parameters, trace) -> Outcome
        one_of=(OneOf(("rate", "category"), ...),),
    )

Everything else is derived from it by ordinary code: the CLI command and its options
(``cli.estimate``), the prompts (``prompts``), the API functions (``api``), the batch columns and
parser (``batch``), the explanation's labels (``present.explain``), the JSON and CSV forms
(``present.serialise``).

A rule is plain Python over ``Decimal``: it computes each figure once and, when given a
``Trace``, records the step that shows it (``if t: t.step(...)``, next to the line that computes
it), so the explanation cannot disagree with the arithmetic. The batch passes no trace.
"""

from __future__ import annotations

import datetime as dt
import operator
import string
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from esncli import i18n
from esncli.errors import InputError
from esncli.i18n import N_, _, ngettext
from esncli.money import CENT, plain_number, plain_percent, to_cents
from esncli.rules.fields import Field, When, given
from esncli.rules.formulas import Words, fill_formula, formula_pieces

if TYPE_CHECKING:
    from typing_extensions import Self  # typing.Self from Python 3.11

__all__ = [
    "CENT",
    "NOT_DUE",
    "Entitled",
    "Estimate",
    "Note",
    "On",
    "OneOf",
    "Outcome",
    "Parameter",
    "ReasonNote",
    "Refusal",
    "Result",
    "Step",
    "Trace",
    "WarningNote",
    "Words",
    "fill",
    "to_cents",
]

I = TypeVar("I", bound=tuple[Any, ...])  # noqa: E741 - the inputs' NamedTuple
O = TypeVar("O", bound=Mapping[str, Any])  # noqa: E741 - the outputs' TypedDict
P = TypeVar("P")  # the parameters' dataclass
M = TypeVar("M", bound=Mapping[str, Any])  # a Result's inputs by name
N = TypeVar("N", bound=Mapping[str, Any])  # a Result's outputs by name


# --------------------------------------------------------------------------------------------
# What a rule reads from the parameters, and the texts that quote them.


@dataclass(frozen=True)
class Parameter:
    """A parameter a rule reads (``data/guarantees.yaml``), as a Decimal; as written in the data
    with ``text=True`` (the IPP fraction "2/3"); a ratio as a percentage with ``percent=True``
    (0.60 -> 60, to compare with a rate given in percent)."""

    path: str
    text: bool = False
    percent: bool = False


@dataclass(frozen=True)
class On:
    """The date the parameters are read on (``--on``, the batch's ``on`` column): the day of the
    event (the death, the invalidity, the start of the leave); today by default."""


@dataclass(frozen=True)
class Entitled:
    """The statuses the guide's summary table gives an entitlement to (a tuple of statuses)."""

    key: str


def fill(template: str, params: Any, values: Mapping[str, Any] | None = None) -> str:
    """A translated text with its placeholders written in, in the reader's convention.

    ``{invalidity.annual_cap:money}`` names a parameter (its value in force; ``:pct`` a ratio as
    a percentage, ``:since`` the date it took effect, ``:reference`` its source, no spec: by its
    unit); ``{value:money}`` names one of ``values``."""
    return _Filler(params, values or {}).format(template)


class _Filler(string.Formatter):
    def __init__(self, params: Any, values: Mapping[str, Any]) -> None:
        self.params, self.values = params, values

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        if field_name in self.values:
            return self.values[field_name], field_name
        return _ParameterField(field_name), field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        from esncli.parameters import format_value

        if isinstance(value, _ParameterField):
            path, params = value.path, self.params
            if format_spec == "since":
                since = params.since(path)  # "": a figure of the guide, which dates none
                return i18n.date(dt.date.fromisoformat(since)) if since else _("the guide's current edition")
            if format_spec == "reference":
                return str(params.reference(path))
            if format_spec == "unit":
                return quantity(params.value(path), params.unit(path))
            return format_value(params.value(path), params.unit(path), format_spec, text=params.text(path))
        if isinstance(value, dt.date):
            return i18n.date(value)
        if format_spec == "money":
            return i18n.money(value, decimals=False)
        if format_spec == "pct":
            return i18n.percent(value)
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool) and not format_spec:
            return i18n.number(value)
        return str(super().format_field(value, format_spec))


@dataclass(frozen=True)
class _ParameterField:
    path: str


# A parameter's figure with its unit (``{autonomy.max_quarters:unit}``), the unit read from the data.
_PER = {"EUR/month": N_("{amount} a month"), "EUR/quarter": N_("{amount} a quarter"), "EUR/year": N_("{amount} a year")}
_COUNTED: dict[str, Callable[[int], str]] = {
    "months": lambda n: ngettext("{count} month", "{count} months", n),
    "quarters": lambda n: ngettext("{count} quarter", "{count} quarters", n),
    "days": lambda n: ngettext("{count} day", "{count} days", n),
    "years": lambda n: ngettext("{count} year", "{count} years", n),
    "hours": lambda n: ngettext("{count} hour", "{count} hours", n),
}


def quantity(value: Decimal, unit: str) -> str:
    """``value`` with its unit, in the reader's language: "€500 a year", "4 quarters", "65 years"
    (French "500 € par an", "4 trimestres", "65 ans")."""
    from esncli.parameters import format_value

    shown = format_value(value, unit, "")
    if unit in _PER:
        return _(_PER[unit]).format(amount=shown)
    if unit in _COUNTED:
        return _COUNTED[unit](int(value)).format(count=shown)
    return shown


# --------------------------------------------------------------------------------------------
# What a rule returns.


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a note is a constant of its rule
class Note:
    """A warning or a reason, as a rule gives it: texts are made when shown, in the reader's
    language, once per note and parameter set (the batch writes a million rows with a few notes).

    ``message`` is a msgid that may quote parameters and ``values``; ``data`` names a text in the
    data that follows it: a parameter's note (``"invalidity.annual_minimum"``) or an entitlement's
    (``"entitlement:dependency"``); ``fallback`` is said instead when the data has no such text;
    ``derive(params)`` gives values computed from the parameters (a day after a franchise)."""

    message: str = ""
    data: str | None = None
    fallback: str = ""
    values: tuple[tuple[str, Any], ...] = ()
    derive: Callable[[Any], Mapping[str, Any]] | None = None

    def given(self, **values: Any) -> Self:
        """This note with values of the row it is about (an amount the member gave): the same
        object for the same values, so that its text is made once."""
        return _given(self, tuple(sorted(values.items())))  # type: ignore[no-any-return]

    def text(self, params: Any) -> str:
        """The whole note: its message, then the data's text (a member sentence in front of the
        analyst's reading, when the data has both), as --json, the batch and the API give it."""
        return _note_text(self, params, i18n.language(), False)

    def member_text(self, params: Any) -> str:
        """The note as the explanation prints it: the reading left out when the data gives a
        plain member sentence in front of it (issue 10)."""
        return _note_text(self, params, i18n.language(), True)


@lru_cache(maxsize=1024)
def _given(note: Any, values: tuple[tuple[str, Any], ...]) -> Any:
    return replace(note, values=values)


@lru_cache(maxsize=1024)
def _note_text(note: Note, params: Any, lang: str, member: bool) -> str:
    values = dict(note.values)
    if note.derive is not None:
        values.update(note.derive(params))
    parts = [fill(_(note.message), params, values)] if note.message else []
    if note.data is not None:
        if note.data.startswith("entitlement:"):
            entry = params.entitlement(note.data.partition(":")[2])
            reading, plain = (fill(i18n.pick(text) or "", params) if text else "" for text in (entry["note"], entry.get("member_note")))
        else:
            reading, plain = i18n.pick(params.note(note.data)) or "", i18n.pick(params.member_note(note.data)) or ""
        found = [plain] if member and plain else [text for text in (plain, reading) if text]
        if found:
            parts += found
        elif note.fallback:
            parts.append(_(note.fallback))
    elif note.fallback:
        parts.append(_(note.fallback))
    return " ".join(parts)


Notes = tuple[Note, ...]


class WarningNote(Note):
    """A note on what to check (a figure the guide does not give, a reading of the guide)."""


class ReasonNote(Note):
    """A note on why the member is not eligible, or a condition the guide attaches."""


class Outcome(NamedTuple):
    """What a rule returns: its outputs (the estimate's TypedDict), whether the member is
    eligible, the warnings and the reasons. (Built positionally in the rules, on a hot path: the
    four have distinct types, so a type checker refuses them out of order.)"""

    outputs: Any
    eligible: bool
    warnings: tuple[WarningNote, ...]
    reasons: tuple[ReasonNote, ...]


class Refusal(Exception):
    """Raised by a rule that cannot estimate these inputs (an amount over the loan's ceiling):
    the field, and the note that says why (made an InputError, in the reader's language, by
    ``Estimate.outcome``)."""

    def __init__(self, field: str, note: Note) -> None:
        super().__init__(field)
        self.field = field
        self.note = note


class Step(NamedTuple):
    """One line of the explanation, like a line of the guide's worked examples.

    ``label``, ``formula`` and ``source`` are English gettext message ids, constant (marked
    ``N_`` where written): whoever shows them translates them, ``_(step.label)``.

    ``formula`` is a template over ``values``: ``{name:money}`` prints an amount (2 461, 13 781,60),
    ``{name:pct}`` a ratio as a percentage (0.70 -> 70 %), ``{name}`` a plain number. Renderers
    format it in the reader's convention; ``formula_text()`` gives the language-neutral form."""

    label: str
    formula: str
    # Decimal for amounts and rates; int for counts (children, quarters); str for a fraction
    # such as the IPP factor "2/3", which prints as the guide writes it; Words for message ids
    # shown in the reader's language (a status, the statuses a guarantee is for).
    values: Mapping[str, Decimal | int | str | Words | dt.date]
    amount: Decimal | dt.date | None  # a date: when something starts or ends (issue 13)
    source: str

    def formula_text(
        self,
        money: Callable[[Decimal], str] | None = None,
        pct: Callable[[Decimal], str] | None = None,
        template: str | None = None,
        date: Callable[[dt.date], str] = dt.date.isoformat,
    ) -> str:
        """The formula filled in; ``template``: the formula in another language (``_(step.formula)``)."""
        pieces = formula_pieces(template or self.formula, money or plain_number, pct or plain_percent, date)
        return fill_formula(pieces, self.values)


_new_tuple = tuple.__new__

# The formula of an amount a condition not met makes 0: the steps before it say which condition
# (the guide's, with its figure), not arithmetic that gives 0 from a figure (issue 10).
NOT_DUE = N_("nothing is due: a condition above is not met")


class Trace:
    """Records the steps of one computation, in order (a rule gets None when nobody reads them)."""

    __slots__ = ("steps",)

    def __init__(self) -> None:
        self.steps: list[Step] = []

    def step(
        self, label: str, formula: str, amount: Decimal | dt.date | None, /, *, source: str, **values: Decimal | int | str | Words | dt.date
    ) -> None:
        # Step's fields in their order, without the NamedTuple call's own cost (--steps on a million rows)
        self.steps.append(_new_tuple(Step, (label, formula, values, amount, source)))


@dataclass(frozen=True)
class Result(Generic[M, N]):
    """An estimate as the CLI, the prompts and the API show it: its inputs and outputs by name
    (dicts, in the declaration's order: ``result.outputs["annual_amount"]``; ``api.pyi`` types
    them per kind), whether the member is eligible, the steps, and the warnings and reasons in
    the reader's language."""

    kind: str
    inputs: M
    eligible: bool
    outputs: N
    steps: tuple[Step, ...] = ()
    warnings: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    # The same as the explanation prints them: a plain sentence instead of the data's reading
    # where the data gives one (None: the same as warnings and reasons).
    member_warnings: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    member_reasons: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    parameters_on: dt.date | None = None  # the date the parameters were read on (--on; today by default)

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` contract: kind, inputs, eligible, the outputs, steps, warnings, reasons."""
        from esncli.present.serialise import result_json

        return result_json(self)


# --------------------------------------------------------------------------------------------
# The declaration.


@dataclass(frozen=True)
class OneOf:
    """Inputs of which at least one must be given (invalidity: a rate or a category). The first
    is the default answer of "which do you have?"; ``help`` explains the choice; ``missing`` is
    the message when none is given."""

    names: tuple[str, ...]
    help: str = ""
    missing: str = ""


@dataclass(frozen=True, eq=False)
class Estimate(Generic[I, O, P]):
    """One estimate kind: see the module docstring. ``input_fields`` and ``output_fields`` are
    read from the inputs' NamedTuple and the outputs' TypedDict, in their order."""

    kind: str
    title: str
    help: str
    inputs: type[I]
    outputs: type[O]
    parameters: type[P]
    rule: Callable[[I, P, Trace | None], Outcome]
    one_of: tuple[OneOf, ...] = ()
    aliases: tuple[str, ...] = ()  # what else a batch's kind cell may say ("invalidité"), folded
    input_fields: tuple[Field, ...] = field(init=False)
    output_fields: tuple[Field, ...] = field(init=False)
    # The checks across fields by position in the inputs (a batch makes a million of them).
    _groups: tuple[tuple[OneOf, tuple[int, ...]], ...] = field(init=False, repr=False)
    _needed: tuple[tuple[Field, int, int | None, tuple[tuple[When, int], ...]], ...] = field(init=False, repr=False)
    _resolved: dict[Any, Any] = field(init=False, repr=False, default_factory=dict)  # parameter set -> P

    def __post_init__(self) -> None:
        inputs = _fields_of(self.inputs)
        position = {spec.name: i for i, spec in enumerate(inputs)}
        object.__setattr__(self, "input_fields", inputs)
        object.__setattr__(self, "output_fields", _fields_of(self.outputs))
        groups = tuple((group, tuple(position[name] for name in group.names)) for group in self.one_of)
        object.__setattr__(self, "_groups", groups)
        for i, spec in enumerate(inputs):
            for when in spec.asked_when:  # a condition reads an input asked before this one
                assert position.get(when.name, i) < i, f"{self.kind}.{spec.name}: asked_when {when.name!r}"
            assert not (spec.asked_when and spec.required), f"{self.kind}.{spec.name}: asked_when on a required input"
        needed = [
            (
                spec,
                i,
                position[spec.replaced_by] if spec.replaced_by else None,
                tuple((when, position[when.name]) for when in spec.asked_when),
            )
            for i, spec in enumerate(inputs)
            if spec.asked_when
        ]
        object.__setattr__(self, "_needed", tuple(needed))

    @property
    def function_name(self) -> str:
        """daily-allowance -> daily_allowance (the API function)."""
        return self.kind.replace("-", "_")

    def input(self, name: str) -> Field:
        return next(f for f in self.input_fields if f.name == name)

    def field(self, name: str) -> Field | None:
        """The input or output called ``name``."""
        return next((f for f in (*self.input_fields, *self.output_fields) if f.name == name), None)

    def parameters_for(self, params: Any) -> P:
        """What the rule reads, resolved once per parameter set."""
        found = self._resolved.get(params)
        if found is None:
            if len(self._resolved) > 16:  # parameter sets of other dates: keep a few
                self._resolved.clear()
            found = self._resolved[params] = _resolve(self.parameters, params)
        return found  # type: ignore[no-any-return]

    def parse(self, raw: Mapping[str, Any], params: Any = None) -> I:
        """The inputs from raw values (text from the CLI, a prompt or a CSV cell; numbers from
        JSON or the API); InputError naming the field otherwise. Keys the estimate does not know
        are ignored (a batch row may carry an id column); an empty value is a missing one."""
        values = []
        for spec in self.input_fields:
            value = raw.get(spec.name)
            if not given(value):
                if spec.required:
                    raise self.missing(spec, params)
                values.append(spec.default)
            else:
                values.append(spec.parse(value))
        inputs = self.inputs._make(values)  # type: ignore[attr-defined]
        self.check(inputs, params)
        return inputs  # type: ignore[no-any-return]

    @property
    def checks(self) -> bool:
        """Whether the estimate has checks across fields (``check``)."""
        return bool(self._groups or self._needed)

    def check(self, inputs: I, params: Any = None) -> None:
        """The checks across fields: one of a group given, an input needed by another's value."""
        for group, positions in self._groups:
            for at in positions:
                if inputs[at] is not None:
                    break
            else:
                raise InputError(group.names[0], _(group.missing))
        if self._needed and params is None:
            from esncli import parameters

            params = parameters.current()
        for spec, at, replaced, conditions in self._needed:
            if (
                inputs[at] is None
                and (replaced is None or inputs[replaced] is None)
                and all(inputs[other] is not None and when.holds(inputs[other], params) for when, other in conditions)
            ):
                raise self.missing(spec, params)

    def needed(self, spec: Field, values: Mapping[str, Any], params: Any = None) -> bool:
        """Whether ``spec`` is needed, its conditions (``asked_when``) read on ``values`` (parsed,
        by name; an input not known yet may make it needed): the CLI's check of what is missing
        and the walkthrough's questions. The batch's ``check`` reads the same conditions."""
        if spec.required:
            return True
        if not spec.asked_when or (spec.replaced_by and values.get(spec.replaced_by) is not None):
            return False
        if params is None:
            from esncli import parameters

            params = parameters.current()
        for when in spec.asked_when:
            value = values.get(when.name)
            if value is None:
                # not known yet: it may make this one needed if it is itself asked (an optional
                # input not given, the type of leave, is not, and needs nothing after it)
                if not self.needed(self.input(when.name), values, params):
                    return False
            elif not when.holds(value, params):
                return False
        return True

    def missing(self, spec: Field, params: Any = None) -> InputError:
        if spec.missing:
            return InputError(spec.name, _(spec.missing))
        return InputError(spec.name, _("missing ({help})").format(help=help_text(spec.help, params)))

    def outcome(self, inputs: I, params: Any, trace: Trace | None = None) -> Outcome:
        """The rule on ``inputs`` with the parameters ``params``; InputError when it refuses them."""
        try:
            return self.rule(inputs, self.parameters_for(params), trace)
        except Refusal as refusal:
            raise self.refused(refusal, params) from None

    def refused(self, refusal: Refusal, params: Any) -> InputError:
        """A rule's refusal as the InputError the user reads."""
        return InputError(refusal.field, refusal.note.text(params))

    def compute(self, inputs: I, params: Any) -> Result[dict[str, Any], dict[str, Any]]:
        """The rule with a recording trace: the Result the CLI, the prompts and the API show."""
        trace = Trace()
        outcome = self.outcome(inputs, params, trace)
        return Result(
            self.kind,
            inputs._asdict(),  # type: ignore[attr-defined]
            outcome.eligible,
            outcome.outputs,
            tuple(trace.steps),
            note_texts(outcome.warnings, params),
            note_texts(outcome.reasons, params),
            note_texts(outcome.warnings, params, member=True),
            note_texts(outcome.reasons, params, member=True),
            params.on,
        )


# On another day than today (--on), the guide's figures are applied as they are: the guide
# (its current edition) dates none of them (data/guarantees.yaml, ``guide:``), unlike the
# outside figures, which switch by date (the value of index 100). The explanation says so.
GUIDE_EDITION = WarningNote(
    N_(
        "Parameters in force on {on}: the guide's figures are those of its current edition, which dates none of them, "
        "applied as they are; the outside figures (the value of index 100) are those in force that day."
    ),
    derive=lambda params: {"on": params.on},
)


def note_texts(notes: Notes, params: Any, *, member: bool = False) -> tuple[str, ...]:
    """The notes' texts in the reader's language (a note whose data has no text is left out);
    ``member``: as the explanation prints them (``Note.member_text``)."""
    if member:
        return tuple(text for text in (note.member_text(params) for note in notes) if text)
    return tuple(text for text in (note.text(params) for note in notes) if text)


def help_text(message: str, params: Any = None) -> str:
    """A help text (a msgid that may quote parameters) in the reader's language, filled in with
    the parameters in force (today's when ``params`` is None)."""
    if params is None:
        from esncli import parameters

        params = parameters.current()
    return _help_text(message, params, i18n.language())


@lru_cache(maxsize=512)
def _help_text(message: str, params: Any, lang: str) -> str:
    return fill(_(message), params)


def values_at(*keys: Any) -> Callable[[Any], tuple[Any, ...]]:
    """``operator.itemgetter`` that gives a tuple however many keys (even one or none)."""
    if len(keys) > 1:
        return operator.itemgetter(*keys)
    if keys:
        (key,) = keys
        return lambda values: (values[key],)
    return lambda values: ()


def _fields_of(cls: type) -> tuple[Field, ...]:
    """The fields of an inputs NamedTuple (required unless it has a default) or an outputs
    TypedDict (all there), in their order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    defaults: dict[str, Any] = getattr(cls, "_field_defaults", {})
    found = []
    for name in hints:
        declared = [m for m in getattr(hints[name], "__metadata__", ()) if isinstance(m, Field)]
        assert len(declared) == 1, f"{cls.__name__}.{name}: Annotated[..., <one Field>]"
        found.append(replace(declared[0], name=name, required=name not in defaults, default=defaults.get(name)))
    return tuple(found)


def _resolve(cls: Any, params: Any) -> Any:
    """A parameters dataclass (``cls``) with the values its annotations name."""
    hints = typing.get_type_hints(cls, include_extras=True)
    values = []
    for name in hints:
        (declared,) = [m for m in hints[name].__metadata__ if isinstance(m, (Parameter, Entitled, On))]
        if isinstance(declared, On):
            values.append(params.on)
        elif isinstance(declared, Entitled):
            values.append(params.entitled(declared.key))
        elif declared.text:
            values.append(params.text(declared.path))
        elif declared.percent:
            values.append(params.value(declared.path) * 100)
        else:
            values.append(params.value(declared.path))
    return cls(*values)
