"""The one row core: a batch row -> its answer, for ``esn estimate batch`` (CSV, JSON Lines) and
``api.batch_rows`` alike.

A row names its kind in a ``kind`` cell: an estimate (``rules.kinds``) or ``zone``. An estimate's
inputs are read from the row's cells by its own fields (``Estimate.input_fields``), each cell's
parsed value remembered per text (a file repeats its amounts); the rule runs without a trace, or
with one when the steps are asked. A zone row goes through ``places.lookup``, the CLI's policy.
A row's ``on`` cell (a date) takes the parameters in force that day (``--on``); without it, the
run's (today's, read once). A bad row raises ``EsnError`` with the message for its ``error`` cell.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from esncli.errors import EsnError, InputError, PlaceError
from esncli.i18n import _, fold
from esncli.rules.fields import Date, Field, Money, given, plain_cents
from esncli.rules.kinds import REGISTRY
from esncli.rules.model import Estimate, Outcome, Step, Trace

from .dialects import SPREADSHEET_BOOLEANS
from .memo import Memo

ZONE = "zone"
# The zone lookup's record (``esn zone lookup --json``), as batch columns.
ZONE_COLUMNS = ("name_fr", "name_en", "iso2", "iso3", "status", "zone", "column", "offer", "cost", "network", "group", "note")
_UNSET = object()


class Estimated:
    """An estimate row's answer: the estimate, the rule's outcome, the steps when asked, and the
    parameters it was computed with (the notes' texts quote them)."""

    __slots__ = ("estimate", "outcome", "params", "steps")

    def __init__(self, estimate: Estimate[Any, Any, Any], outcome: Outcome, steps: tuple[Step, ...] | None, params: Any) -> None:
        self.estimate = estimate
        self.outcome = outcome
        self.steps = steps
        self.params = params


class Located:
    """A zone row's answer: the zone lookup record (``esn zone lookup --json`` keys, texts in the
    reader's language) and the warning a fuzzy match gives."""

    __slots__ = ("record", "warnings")

    def __init__(self, record: dict[str, Any], warnings: tuple[str, ...]) -> None:
        self.record = record
        self.warnings = warnings


Answer = Estimated | Located
Reader = Callable[..., Any]  # (a row by name, the parameters) -> the estimate's inputs


# A kind cell's folded text -> the kind: its name, and the names members write (Estimate.aliases).
_KIND_NAMES = {
    **{fold(alias).replace(" ", "-"): estimate.kind for estimate in REGISTRY.values() for alias in estimate.aliases},
    **{kind: kind for kind in REGISTRY},
    ZONE: ZONE,
}


def kinds() -> tuple[str, ...]:
    return (*REGISTRY, ZONE)


def internal_error(exc: BaseException) -> str:
    """The ``error`` cell of a row on which esn itself failed (the run goes on)."""
    return _("internal error: {error} (a bug in esn: please report it with this row)").format(error=f"{type(exc).__name__}: {exc}")


class RowCore:
    """Answers rows of any kind with one set of parameters (read once), and remembers what rows
    repeat (kind spellings, parsed cells, countries) within a budget of bytes (``Memo``)."""

    def __init__(self, params: Any = None, *, steps: bool = False, notes: bool | None = None, day_first: bool = False) -> None:
        from esncli import parameters

        self.params = params if params is not None else parameters.current()
        self.steps = steps
        self.notes = steps if notes is None else notes  # the reasons: with the steps, or --explain notes
        self.day_first = day_first  # a French file: 01/02/2024 is 1 February (for the date inputs)
        self._kinds = Memo()
        self._places = Memo()
        self._zones: Any = None
        self._cells: dict[tuple[str, str], Memo] = {}  # (kind, field) -> parsed values by cell text
        self._readers: dict[str, Reader] = {}  # kind -> reader of rows by name
        self._dated: dict[str, Any] = {}  # an on cell's text -> the parameters in force that day

    def kind(self, text: Any) -> str:
        """The kind a cell names ("Invalidity " -> "invalidity"), or EsnError."""
        found = self._kinds.values.get(text) if isinstance(text, str) else None
        if found is not None:
            return found  # type: ignore[no-any-return]
        if not given(text):
            raise EsnError(_("no kind given: use one of {kinds}").format(kinds=", ".join(kinds())))
        name = _KIND_NAMES.get(fold(str(text)).replace("_", "-").replace(" ", "-"), "")
        if not name:
            raise EsnError(_("unknown kind {kind!r}: use one of {kinds}").format(kind=str(text), kinds=", ".join(kinds())))
        if isinstance(text, str):
            self._kinds.put(text, name)
        return name

    def answer(self, row: Mapping[str, Any]) -> Answer:
        """A row by column name: its kind's answer, or EsnError."""
        kind = self.kind(row.get("kind"))
        if kind == ZONE:
            return self.zone(row.get("country"))
        reader = self._readers.get(kind)
        if reader is None:
            reader = self._readers[kind] = self.reader(kind)
        on = row.get("on")
        params = self.params if on is None or not given(on) else self.dated(on)
        return self.estimate(REGISTRY[kind], reader(row, params), params)

    def dated(self, on: Any) -> Any:
        """The parameters in force on a row's ``on`` date; EsnError naming the column otherwise."""
        key = on if isinstance(on, str) else repr(on)
        found = self._dated.get(key)
        if found is None:
            from esncli import parameters

            try:
                found = parameters.current(parameters.event_date(on, day_first=self.day_first or None))
            except EsnError as error:
                found = error.message
            if len(self._dated) < 4096:
                self._dated[key] = found
        if isinstance(found, str):
            raise EsnError(found)
        return found

    def estimate(self, estimate: Estimate[Any, Any, Any], inputs: Any, params: Any = None) -> Estimated:
        """The rule on a row's inputs (with its steps when asked), with the run's parameters or ``params``."""
        params = self.params if params is None else params
        if self.steps:
            trace = Trace()
            return Estimated(estimate, estimate.outcome(inputs, params, trace), tuple(trace.steps), params)
        return Estimated(estimate, estimate.outcome(inputs, params), None, params)

    def reader(self, kind: str) -> Reader:
        """A function from a row by column name (a mapping) to ``kind``'s inputs, checked as
        ``Estimate.parse`` checks them (the same fields, the same messages, the parsed cells
        remembered). Its values may be text (CSV) or JSON values (JSON Lines, the API)."""
        estimate = REGISTRY[kind]
        params = self.params
        fields = []
        for spec in estimate.input_fields:
            memo = self.cells(kind, spec)
            fields.append((spec, spec.name, memo.values, self.cell_reader(estimate, spec, memo)))
        make = estimate.inputs._make
        check = estimate.check

        def read(row: Mapping[str, Any], params: Any = params) -> Any:
            get = row.get
            values = []
            for spec, key, seen, cell in fields:
                raw = get(key)
                if type(raw) is str:
                    value = seen.get(raw, _UNSET)
                    if value is _UNSET:
                        value = cell(raw)
                elif raw is None:  # a JSON null, or no such key
                    if spec.required:
                        raise estimate.missing(spec, params)
                    value = spec.default
                else:  # a JSON number or boolean, or a Python value (api.batch_rows)
                    try:
                        value = spec.parse(raw)
                    except InputError:
                        if given(raw):
                            raise
                        # A DataFrame's empty cell (NaN, pd.NA: fields.given), told only
                        # when the parser refuses it, off the path of every other value.
                        if spec.required:
                            raise estimate.missing(spec, params) from None
                        value = spec.default
                values.append(value)
            inputs = make(values)
            check(inputs, params)
            return inputs

        return read

    def cells(self, kind: str, spec: Field) -> Memo:
        """The values of one field's cells, remembered by text (shared by every reader of the run)."""
        memo = self._cells.get((kind, spec.name))
        if memo is None:
            memo = self._cells[(kind, spec.name)] = Memo()
            if not spec.required:
                memo.put("", spec.default)  # an empty cell: the default
        return memo

    def cell_reader(self, estimate: Estimate[Any, Any, Any], spec: Field, memo: Memo) -> Callable[[str], Any]:
        """A cell's text -> the value, remembered; an amount in plain digits is read as it is."""
        as_is = isinstance(spec, Money) and spec.plain_as_is
        params = self.params
        flag = spec.kind == "flag"
        parse: Callable[[str], Any] = spec.parse
        if isinstance(spec, Date) and self.day_first:  # a French file: 01/02/2024 is 1 February
            parse = functools.partial(spec.read, day_first=True)

        def cell(text: str) -> Any:
            if flag:  # a spreadsheet's booleans: VRAI / FAUX (French Excel), TRUE / FALSE
                text = SPREADSHEET_BOOLEANS.get(text.strip().lower(), text)
            if as_is and plain_cents(text):  # e.g. a pension to the cent: seldom twice the same
                return memo.put(text, Decimal(text))
            if not text or text.isspace():
                if spec.required:
                    raise estimate.missing(spec, params)
                return memo.put(text, spec.default)
            return memo.put(text, parse(text))

        return cell

    def zone(self, country: Any) -> Located:
        """The zone lookup of a row's ``country`` cell (the CLI's policy: ``places.lookup``)."""
        key = country if isinstance(country, str) else str(country) if country is not None else ""
        found = self._places.values.get(key)
        if found is None:
            found = self._places.put(key, self._lookup(key), size=len(key))
        if isinstance(found, str):
            raise EsnError(found)
        return found  # type: ignore[no-any-return]

    def _lookup(self, query: str) -> Located | str:
        from esncli import catalog, places, zonier

        if self._zones is None:
            self._zones = catalog.load("zones")
        try:
            found = places.lookup(query, self._zones)
        except PlaceError as error:
            return f"country: {error.message}"
        warnings = (f"country: {found.warning}",) if found.warning else ()
        return Located(zonier.record(found.place, self._zones), warnings)
