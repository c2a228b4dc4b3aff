"""The row core over columns: a table's input columns (Python lists, one per name) -> its result
columns, for ``api.estimate_frame`` (``esncli.frames`` turns pandas or polars columns into lists
and the lists back into typed columns; nothing here imports either).

The same parts as the CSV fast path (``fast``): the kind cells read by ``RowCore.kind``, each
field's text cells through the core's memos and cell readers, the rule without a trace (or with
one for the steps), its refusals made the user's messages, a zone row through ``RowCore.zone``.
What differs is the order of the work: each input column is parsed once, top to bottom (a
column of floats repeats its amounts as a file does, so each distinct value is parsed once),
then each row's parsed values go to the rule. A row whose cell fails gets the message of its
first failing field in the declaration's order, as the batch gives it.

Values: text as a CSV cell; numbers (a numpy scalar too) and booleans as JSON Lines values;
None, NaN and pandas' NA are "not given" (``fields.given``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from math import isnan
from typing import Any

from esncli.errors import EsnError, InputError
from esncli.i18n import _
from esncli.present.serialise import LIST_SEPARATOR, steps_cell
from esncli.rules.fields import Field, Money, given, plain, plain_cents
from esncli.rules.kinds import ESTIMATES, REGISTRY
from esncli.rules.model import Estimate, Refusal, Trace, note_texts, values_at

from .core import ZONE, ZONE_COLUMNS, RowCore, internal_error
from .memo import Memo
from .writers import ERROR, output_name

# A result column's type, by the kind of field that fills it: what a DataFrame holds it as.
MONEY, COUNT, FLAG, TEXT, DATE = "money", "count", "flag", "text", "date"
# A leave's timeline (``periods``) is a text: its CSV cell.
_TYPE_OF_FIELD = {
    "money": MONEY,
    "percent": MONEY,
    "count": COUNT,
    "year": COUNT,
    "flag": FLAG,
    "text": TEXT,
    "choice": TEXT,
    "periods": TEXT,
    "date": DATE,
}


class Column:
    """One result column: its name in the output, the output it holds, its type, its values
    (one per row: None where the row has none)."""

    __slots__ = ("key", "name", "type", "values")

    def __init__(self, key: str, name: str, type_: str, rows: int) -> None:
        self.key = key  # the result's own name (``category``); ``name`` may be ``result_category``
        self.name = name
        self.type = type_
        self.values: list[Any] = [None] * rows


def result_types(kinds: Iterable[str], steps: bool) -> dict[str, str]:
    """The result columns of ``kinds`` (in ``rules.kinds`` order, then the zone's) and their
    types: eligible, the outputs, the zone record, warnings, reasons, steps when asked, error."""
    wanted = set(kinds)
    types = {"eligible": FLAG}
    for estimate in ESTIMATES:
        if estimate.kind in wanted:
            for spec in estimate.output_fields:
                types.setdefault(spec.name, _TYPE_OF_FIELD.get(spec.kind, TEXT))
    if ZONE in wanted:
        types.update(dict.fromkeys(ZONE_COLUMNS, TEXT))
    types.update({"warnings": TEXT, "reasons": TEXT})
    if steps:
        types["steps"] = TEXT
    types[ERROR] = TEXT
    return types


class _Failed:
    """A cell's value that could not be read: the message of its row's ``error``."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


_UNSET = object()


def estimate_columns(
    core: RowCore,
    columns: Mapping[Any, Sequence[Any]],
    rows: int,
    *,
    kind: str | None = None,
    kinds: Iterable[str] | None = None,
) -> list[Column]:
    """The result columns of a table of ``rows`` rows whose input columns are ``columns`` (by
    name: every name the table has, so that a result already named there is written
    ``result_<name>``). Every row is of ``kind`` when given (a kind the core knows, aliases
    included), else of its ``kind`` column; the result columns are those of ``kinds`` when given,
    else of the kinds the rows name. Raises ``InputError`` for a ``kind`` or ``kinds`` argument
    esn does not know, or no kind at all; a bad row only gets its ``error``."""
    named = _kind_argument(core, kind) if kind is not None else None
    if named is None and "kind" not in columns:
        raise InputError("kind", _("no kind: give kind= or a kind column ({kinds})").format(kinds=", ".join(REGISTRY)))
    errors: list[str | None] = [None] * rows
    by_kind: dict[str, list[int]] = {}
    if named is not None:
        by_kind[named] = list(range(rows))
    else:
        read_kind = core.kind
        for at, cell in enumerate(columns["kind"]):
            try:
                by_kind.setdefault(read_kind(cell if given(cell) else None), []).append(at)
            except EsnError as exc:
                errors[at] = exc.message
    wanted = [_kind_argument(core, k) for k in kinds] if kinds is not None else list(by_kind)
    types = result_types(wanted, core.steps)
    taken = set(columns)
    out: dict[str, Column] = {}
    for key, type_ in types.items():
        name = output_name(key, taken)
        taken.add(name)
        out[key] = Column(key, name, type_, rows)
    for found, positions in by_kind.items():
        if found not in wanted:
            message = _("kind {kind!r} is not among the kinds asked ({kinds})").format(kind=found, kinds=", ".join(wanted))
            for at in positions:
                errors[at] = message
        elif found == ZONE:
            _zones(core, columns.get("country"), positions, out, errors)
        else:
            _estimates(core, REGISTRY[found], columns, positions, out, errors)
    out[ERROR].values = errors
    return list(out.values())


def _kind_argument(core: RowCore, kind: Any) -> str:
    try:
        return core.kind(kind)
    except EsnError as exc:
        raise InputError("kind", exc.message) from None


def _estimates(
    core: RowCore,
    estimate: Estimate[Any, Any, Any],
    columns: Mapping[Any, Sequence[Any]],
    positions: list[int],
    out: dict[str, Column],
    errors: list[str | None],
) -> None:
    """The rows of one estimate at ``positions``: each input column read once, then the rule on
    each row, its outcome written into the result columns (the rule's values: amounts are
    Decimal, made floats by whoever types the column; the notes as texts joined as a CSV cell
    joins them, made once per set of notes)."""
    params = core.params
    whole = len(positions) == len(errors)  # every row is of this kind: the columns as they are
    bad: dict[int, str] = {}  # a row (its index in positions) -> its first failing field's message
    parsed = []
    for spec in estimate.input_fields:
        column = columns.get(spec.name)
        if column is None:
            if spec.required:
                message = estimate.missing(spec, params).message
                for j in range(len(positions)):
                    bad.setdefault(j, message)
            parsed.append([spec.default] * len(positions))
            continue
        cells = column if whole else [column[at] for at in positions]
        parsed.append(_parse_column(core, estimate, spec, cells, bad))
    # A row's ``on`` cell (a date): the parameters in force that day, as the batch reads it
    # (``RowCore.dated``); without it, or empty, the call's.
    ons = columns.get("on")
    if ons is not None and not whole:
        ons = [ons[at] for at in positions]
    rule, parameters = estimate.rule, estimate.parameters_for(params)
    check = estimate.check if estimate.checks else None
    new, inputs_type = tuple.__new__, estimate.inputs
    explained = core.steps
    eligible, warnings, reasons = out["eligible"].values, out["warnings"].values, out["reasons"].values
    names = [spec.name for spec in estimate.output_fields]
    outputs = [out[name].values for name in names]
    outputs_of = values_at(*names)
    steps = out["steps"].values if explained else []
    texts: dict[Any, str] = {}  # a rule's notes (constants, compared by identity) -> their text

    def joined(notes: Any) -> str:
        found = texts.get(notes)
        if found is None:
            found = texts[notes] = LIST_SEPARATOR.join(note_texts(notes, params))
        return found

    for at, values, j in zip(positions, zip(*parsed, strict=True), range(len(positions)), strict=True):
        if bad and j in bad:
            errors[at] = bad[j]
            continue
        trace = Trace() if explained else None
        dated = params
        try:
            if ons is not None and given(ons[j]):
                dated = core.dated(ons[j])
            inputs = new(inputs_type, values)
            if check is not None:
                check(inputs, dated)
            outcome = rule(inputs, parameters if dated is params else estimate.parameters_for(dated), trace)
        except Refusal as refusal:
            errors[at] = estimate.refused(refusal, dated).message
            continue
        except EsnError as exc:
            errors[at] = exc.message
            continue
        except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
            errors[at] = internal_error(exc)
            continue
        eligible[at] = outcome.eligible
        if dated is params:
            found = texts.get(outcome.warnings)
            warnings[at] = joined(outcome.warnings) if found is None else found
            found = texts.get(outcome.reasons)
            reasons[at] = joined(outcome.reasons) if found is None else found
        else:  # a note may quote a figure of that day (note_texts remembers each note's text per day)
            warnings[at] = LIST_SEPARATOR.join(note_texts(outcome.warnings, dated))
            reasons[at] = LIST_SEPARATOR.join(note_texts(outcome.reasons, dated))
        for column, value in zip(outputs, outputs_of(outcome.outputs), strict=True):
            column[at] = value
        if trace is not None:
            steps[at] = steps_cell(trace.steps)


def _parse_column(core: RowCore, estimate: Estimate[Any, Any, Any], spec: Field, cells: Sequence[Any], bad: dict[int, str]) -> list[Any]:
    """One input column's values, parsed: text through the core's memo and cell reader, as the
    batch reads a CSV cell; a float or an int in plain digits through its text too (so that
    pensions to the cent are read as they are, and each text parsed once), remembered within
    a budget (``Memo``); other values by the field's parser. A failing cell records its row in
    ``bad`` (unless an earlier field of the row failed first)."""
    params = core.params
    memo = core.cells(estimate.kind, spec)
    texts, text = memo.values, core.cell_reader(estimate, spec, memo)
    numbers = Memo()  # float or int -> its value (booleans, equal to 0 and 1, are not kept here)
    known, keep = numbers.values, numbers.put
    missing: Any = _Failed(estimate.missing(spec, params).message) if spec.required else spec.default
    # A choice or a flag reads a whole float as the whole number: 2.0 is the text "2".
    whole_text = spec.kind in ("choice", "flag")

    as_is = isinstance(spec, Money) and spec.plain_as_is

    def number(raw: Any) -> Any:
        shown = str(int(raw)) if whole_text and raw == int(raw) else repr(raw)
        if as_is and plain_cents(shown):  # a pension to the cent: seldom twice the same (core.cell_reader)
            return Decimal(shown)
        if plain(shown):
            found = texts.get(shown, _UNSET)
            return text(shown) if found is _UNSET else found
        return spec.parse(raw)

    values: list[Any] = []
    append = values.append
    for j, raw in enumerate(cells):
        cls = raw.__class__
        try:
            if cls is str:
                value = texts.get(raw, _UNSET)
                if value is _UNSET:
                    value = text(raw)
            elif cls is float or cls is int:
                value = known.get(raw, _UNSET)
                if value is _UNSET:  # NaN, a frame's empty cell, is never found again: not kept
                    value = missing if cls is float and isnan(raw) else keep(raw, number(raw))
            elif not given(raw):
                value = missing
            else:
                value = spec.parse(raw)
        except EsnError as exc:
            value = _Failed(exc.message)
        if value.__class__ is _Failed:
            bad.setdefault(j, value.message)
        append(value)
    return values


def _zones(core: RowCore, countries: Sequence[Any] | None, positions: list[int], out: dict[str, Column], errors: list[str | None]) -> None:
    """The zone rows: ``RowCore.zone`` on each row's ``country``, its record as texts."""
    record_columns = [(name, out[name].values) for name in ZONE_COLUMNS]
    warnings = out["warnings"].values
    for at in positions:
        country = countries[at] if countries is not None else None
        try:
            found = core.zone(country if given(country) else None)
        except EsnError as exc:
            errors[at] = exc.message
            continue
        for name, column in record_columns:
            column[at] = found.record[name]
        warnings[at] = LIST_SEPARATOR.join(found.warnings)
