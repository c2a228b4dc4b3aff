"""Batch estimates: stream CSV or JSON Lines rows through the same rules as the single commands.

``esn estimate batch INPUT [-o OUTPUT] [--format csv|jsonl] [--steps]``

**Rows.** One row, one estimate. The ``kind`` column says which: ``daily-allowance``,
``invalidity``, ``autonomy``, ``dependency``, ``death-capital``, ``social-loan``, or ``zone`` (a
zone lookup, with a ``country`` column). The other columns are the single commands' options in
snake_case (``base_salary``, ``bonuses``, ``pension``, ``rate``...). An empty cell (or a JSON
``null``) means "not given". Columns a row's kind does not use (a member id, a name, another
kind's inputs) pass through untouched.

**Output.** Every input row, in the same order, then its results and an ``error`` cell: the
output has as many rows as the input, always. A bad row (unknown kind, missing or invalid field,
value out of range, unknown country) gets a message in ``error`` and the run goes on. CSV output
has one header: the input columns, then the result columns of all kinds, in this fixed order
(``RESULT_COLUMNS``), then ``error``::

    eligible, guarantee_level, monthly_amount, category, reference_salary, guarantee,
    annual_amount, payment, quarters_paid, quarterly_amount, total_amount, home_support_amount,
    base_capital, child_supplement, monthly_installment, last_installment, total_repaid,
    name_fr, name_en, iso2, iso3, status, zone, column, offer, cost, network, group, note,
    warnings, reasons[, steps], error

A row fills the columns of its kind and leaves the others empty. The names are the ``--json``
keys of ``esn estimate ...`` and ``esn zone lookup``. A result column whose name is already an
input column (``category`` is an invalidity input and output, ``status`` an input of several
estimates and a zone result) is written as ``result_<name>`` so that no input is overwritten.
Amounts are written with two decimals and a dot (``13781.60``), ``eligible`` as ``true`` /
``false``, several warnings or reasons joined with `` | `` in CSV and as lists in JSON Lines.
JSON Lines output carries, per row, the input keys, the result keys of the row's kind and
``error`` (``null`` when the row succeeded). ``--steps`` adds the explanation of each estimate
(``steps``).

**Formats.** Each side is CSV or JSON Lines by its extension (``.csv``; ``.jsonl``, ``.ndjson``);
``-`` (stdin / stdout, the default output) or another extension takes ``--format``; without it,
the input is sniffed (a first character ``{`` means JSON Lines) and the output follows the input.
So the input and output formats may differ (``in.csv -o out.jsonl``). CSV input may be separated
by commas, semicolons (French spreadsheets) or tabs, told from the header line; CSV output uses
the input's separator (a comma from JSON Lines). Text is UTF-8 (a byte-order mark is skipped).
Blank lines are not rows. A CSV output from JSON Lines input takes its columns from the first
line: a later key not in it makes that row fail (its value could not be written).

**Formulas.** A spreadsheet opening a CSV runs cells that start with ``=``, ``+``, ``-`` or
``@`` as formulas (and tab or carriage return can smuggle one in). In CSV output, every text cell
that starts with one of these six characters gets a leading apostrophe (``=HYPERLINK(...)``
becomes ``'=HYPERLINK(...)``), the OWASP advice, except a plain number: an optional sign, digits,
optionally a decimal point or comma and more digits (``-12.50``, ``+3``, ``-1,5``), which stays as
is. JSON Lines output is never changed.

**Exit codes.** 0: every row was estimated; 3: the input was read but some rows failed (see their
``error`` cells); 2: the input cannot be read (missing file, not CSV / JSON Lines, no ``kind``
column, invalid UTF-8), nothing is written; 130: interrupted. A summary (rows read, estimated,
failed, time) goes to stderr, with a progress bar when stderr is a terminal.

**Files.** OUTPUT is written to a hidden temporary file in the same folder and renamed over
OUTPUT at the end: an interrupted or failed run leaves OUTPUT as it was (absent, or the previous
file) and removes the temporary file. Rows are streamed: memory does not grow with the input.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import operator
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import IO, Any

from esncli.errors import EsnError, ExitCode
from esncli.i18n import _

FORMATS = ("csv", "jsonl")
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
ZONE_KIND = "zone"
ZONE_COLUMNS = ("name_fr", "name_en", "iso2", "iso3", "status", "zone", "column", "offer", "cost", "network", "group", "note")
LIST_SEPARATOR = " | "
ERROR = "error"
RESULT_PREFIX = "result_"

# OWASP "CSV injection": characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)\Z")
_CENT = Decimal("0.01")
_MAX_CACHED = 4096  # distinct kind spellings / countries remembered: keeps memory flat
_SHOWN_FAILURES = 5
_PROGRESS_EVERY = 2048
_UNSET = object()  # rows between progress updates: a check per row, a redraw per chunk
FAST_LINES = True  # CSV to CSV: plain lines skip csv.reader / csv.writer (False: every line through them)


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet will show as text, not run: see the module docstring."""
    if cell and cell[0] in FORMULA_STARTS and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def result_columns(steps: bool = False) -> tuple[str, ...]:
    """The result columns of all kinds, in the documented order (without ``error``)."""
    from esncli.rules.registry import REGISTRY

    names: dict[str, None] = {"eligible": None}
    for estimate in REGISTRY.values():
        names.update(dict.fromkeys(estimate.outputs))
    names.update(dict.fromkeys(ZONE_COLUMNS))
    names.update(dict.fromkeys(("warnings", "reasons")))
    if steps:
        names["steps"] = None
    return tuple(names)


def kinds() -> tuple[str, ...]:
    from esncli.rules.registry import REGISTRY

    return (*REGISTRY, ZONE_KIND)


def output_name(name: str, taken: Iterable[str] | Mapping[str, Any]) -> str:
    """``name``, or ``result_name`` (again if needed) when an input column already has it."""
    while name in taken:
        name = RESULT_PREFIX + name
    return name


# --------------------------------------------------------------------------------------------
# Estimating one row: a plan per kind, built once per kind (and per header for CSV input).


def _money_text(value: Decimal) -> str:
    # The --json contract: every Decimal rounded to the cent (rules.model.json_value).
    return str(value.quantize(_CENT, ROUND_HALF_UP))


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    if type(value) is Decimal:
        return _money_text(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (list, tuple)):
        return neutralise(LIST_SEPARATOR.join(_text_cell(v) for v in value))
    if isinstance(value, dict):
        return neutralise(json.dumps(value, ensure_ascii=False, default=str))
    return neutralise(str(value))


def _passthrough_cell(value: Any) -> str:
    # A JSON value as it was written: no rounding (unlike results), JSON text for structures.
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    from esncli.render import dump_json

    return neutralise(dump_json(value, indent=None))


def given(value: Any) -> bool:
    """Empty cells, blank strings and JSON null mean "not given"."""
    if value is None:
        return False
    return not isinstance(value, str) or (bool(value) and not value.isspace())


def _step_text(step: Any) -> str:
    text = f"{_(step.label)}: {step.formula_text(template=_(step.formula))}"
    if step.amount is not None:
        text += f" = {_money_text(step.amount)}"
    return text


def _step_json(step: Any) -> dict[str, Any]:
    from esncli.rules.model import json_value

    return {"label": step.label, "formula": step.formula_text(), "amount": json_value(step.amount), "source": step.source}


class Engine:
    """Estimates rows of any kind. Holds the parameters, read once, and per-kind plans.

    ``estimate(kind, raw)`` returns the typed results of a row (``eligible``, the outputs, the
    warnings...) or raises EsnError with the message for the ``error`` column."""

    def __init__(self, params: Any = None, steps: bool = False) -> None:
        from esncli import parameters
        from esncli.rules import registry

        self.registry = registry.REGISTRY
        self.parse = registry.parse_inputs
        self.parse_value = registry.parse_value
        self.params = params if params is not None else parameters.current()
        self.steps = steps
        self.columns = result_columns(steps)
        self._kinds: dict[str, str | None] = {}  # spelling in the file -> kind
        self._zones: Any = None
        self._places: dict[str, tuple[dict[str, Any], tuple[str, ...]] | str] = {}

    def kind(self, text: Any) -> str:
        """The kind a cell names ("Invalidity " -> "invalidity"), or EsnError."""
        found = self._kinds.get(text) if isinstance(text, str) else None
        if found is not None:
            return found
        if text is None or (isinstance(text, str) and not text.strip()):
            raise EsnError(_("no kind given: use one of {kinds}").format(kinds=", ".join(kinds())))
        name = str(text).strip().lower().replace("_", "-")
        if name != ZONE_KIND and name not in self.registry:
            raise EsnError(_("unknown kind {kind!r}: use one of {kinds}").format(kind=str(text), kinds=", ".join(kinds())))
        if isinstance(text, str) and len(self._kinds) < _MAX_CACHED:
            self._kinds[text] = name
        return name

    def fields(self, kind: str) -> tuple[str, ...]:
        if kind == ZONE_KIND:
            return ("country",)
        return tuple(spec.name for spec in self.registry[kind].specs)

    def run(self, kind: str, raw: Mapping[str, Any]) -> Any:
        """The rule's Result for an estimate kind (not zone)."""
        estimate = self.registry[kind]
        return estimate.compute(self.parse(estimate, raw), self.params)

    def zone(self, country: Any) -> tuple[dict[str, Any], tuple[str, ...]]:
        """The zone lookup record (``esn zone lookup --json`` keys) and its warnings."""
        if country is None or (isinstance(country, str) and not country.strip()):
            raise EsnError(_("country: required for a zone lookup"))
        key = str(country)
        cached = self._places.get(key)
        if cached is None:
            try:
                cached = self._lookup(key)
            except EsnError as exc:
                cached = exc.message
            if len(self._places) < _MAX_CACHED:
                self._places[key] = cached
        if isinstance(cached, str):
            raise EsnError(cached)
        return cached

    def _lookup(self, query: str) -> tuple[dict[str, Any], tuple[str, ...]]:
        from esncli import catalog, countries, zonier

        if self._zones is None:
            self._zones = catalog.load("zones")
        zones = self._zones
        resolution = countries.resolve(query, zones)
        places = zones["places"]
        if resolution.place is not None:
            place = places[resolution.place]
            warnings: tuple[str, ...] = ()
            if resolution.how == "fuzzy":
                warnings = (
                    _("country: no place is called {query!r}; using the closest match: {name}").format(
                        query=query, name=f"{place['name_en']} ({place['name_fr']})"
                    ),
                )
            return zonier.record(place, zones), warnings
        candidates = [places[i] for i in resolution.candidates]
        if candidates:
            shown = "; ".join(f"{c['name_en']} ({c['name_fr']})" for c in candidates)
            raise EsnError(
                _("country: {query!r} is ambiguous or unknown; did you mean: {candidates}?").format(query=query, candidates=shown)
            )
        raise EsnError(_("country: no country or territory matches {query!r}").format(query=query))

    def results(self, kind: str, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Typed results of one row, in column order: what JSON Lines and ``batch_rows`` give."""
        if kind == ZONE_KIND:
            record, warnings = self.zone(raw.get("country"))
            return {**record, "warnings": list(warnings)}
        from esncli.rules.model import json_value

        used = self.fields(kind)
        result = self.run(kind, {k: v for k, v in raw.items() if k in used})
        values: dict[str, Any] = {"eligible": result.eligible}
        outputs = result.outputs
        for key in self.registry[kind].outputs:
            values[key] = json_value(outputs.get(key))
        values["warnings"] = list(result.warnings)
        values["reasons"] = list(result.reasons)
        if self.steps:
            values["steps"] = [_step_json(s) for s in result.steps]
        return values


def _too_many_cells(cells: int, width: int) -> str:
    return _("this row has {cells} cells but the header has {width}: the cells after the last column were dropped").format(
        cells=cells, width=width
    )


def internal_error(exc: BaseException) -> str:
    return _("internal error: {error} (a bug in esn: please report it with this row)").format(error=f"{type(exc).__name__}: {exc}")


# --------------------------------------------------------------------------------------------
# The CSV fast path: rows stay lists; each kind gets a closure that picks its fields by index
# and returns the row's result cells as CSV text (from the first delimiter to the line end).
# An estimate's lean path (``Estimate.figures``) gives the amounts without steps or texts; its
# warnings and reasons depend on a few branches (``shape``), so each shape's text is made once.


def _getter(indices: list[int]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """``operator.itemgetter`` that gives a tuple however many indices (even one or none)."""
    if len(indices) > 1:
        return operator.itemgetter(*indices)
    if indices:
        at = indices[0]
        return lambda f: (f[at],)
    return lambda f: ()


def utf8_chars(text: str) -> str:
    """``text``'s UTF-8 bytes as characters of the same codes (as latin-1 decodes them).

    The CSV output is gathered in this form and written with ``encode("latin-1")``, a plain copy,
    where ``encode("utf-8")`` goes character by character through a text holding one é (the
    reasons' "Règlement": ~0.2 us a line). An ASCII text is its own form."""
    return text if text.isascii() else text.encode("utf-8").decode("latin-1")


class _Sink:
    """A csv.writer target that keeps the lines in a list: written out in blocks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.write = self.parts.append


class CsvPlans:
    """Per-kind closures ``row (list of str) -> result cells as CSV text`` for one CSV header."""

    def __init__(self, engine: Engine, header: list[str], columns: tuple[str, ...], delimiter: str = ",") -> None:
        self.engine = engine
        self.index = {name.strip(): i for i, name in enumerate(header)}
        self.position = {name: i for i, name in enumerate(columns)}
        self.blank = [""] * (len(columns) + 1)  # the result cells, then error
        self.delimiter = delimiter
        sink = _Sink()
        self._sink, self._writer = sink.parts, csv.writer(sink, delimiter=delimiter, lineterminator="\n")
        self._plans: dict[str, Callable[[list[str]], str]] = {}
        self._parse_sources: dict[str, tuple[list[str], dict[str, Any]]] = {}  # kind -> parse's body, globals

    def text(self, cells: list[str]) -> str:
        """Result cells (already neutralised) as the end of a CSV line: delimiter, cells, newline,
        as ``utf8_chars``."""
        self._writer.writerow(cells)
        return utf8_chars(self.delimiter + self._sink.pop())

    def failure(self, message: str) -> str:
        cells = self.blank.copy()
        cells[-1] = neutralise(message)
        return self.text(cells)

    def plan(self, kind: str) -> Callable[[list[str]], str]:
        found = self._plans.get(kind)
        if found is None:
            if kind == ZONE_KIND:
                found = self._zone_plan()
            elif self.engine.registry[kind].figures is not None and not self.engine.steps:
                found = self._lean_plan(kind)
            else:
                found = self._estimate_plan(kind)
            self._plans[kind] = found
        return found

    def picks(self, kind: str) -> tuple[tuple[int, str], ...]:
        return tuple((self.index[name], name) for name in self.engine.fields(kind) if name in self.index)

    def _lean_plan(self, kind: str) -> Callable[[list[str]], str]:
        engine = self.engine
        estimate = engine.registry[kind]
        params = engine.params
        constants, figures, notes = estimate.constants, estimate.figures, estimate.notes
        assert constants is not None and figures is not None and notes is not None  # see plan()
        constants = constants(params)
        parse = self._parser(estimate)
        outputs = estimate.outputs
        count = len(outputs)
        # figures: eligible, the outputs in Estimate.outputs order, shape. The cells are written
        # in column order: pick the outputs in that order.
        order = sorted(range(count), key=lambda i: self.position[outputs[i]])
        pick = _getter([1 + i for i in order])
        shape_at = count + 1
        positions = [self.position[outputs[i]] for i in order]
        decimal, cent, half_up = Decimal, _CENT, ROUND_HALF_UP
        hole = "\x01"  # a character no text of esn holds, which csv.writer does not quote

        def line_end(eligible: bool, shape: Any, cells_at: Mapping[int, str]) -> list[str]:
            """The line end of a shape, split at the holes: the constant cells (eligible,
            warnings, reasons, ``cells_at``) written once; the other outputs are holes."""
            cells = self.blank.copy()
            cells[self.position["eligible"]] = "true" if eligible else "false"
            warnings, reasons = notes(params, shape)
            cells[self.position["warnings"]] = neutralise(LIST_SEPARATOR.join(warnings))
            cells[self.position["reasons"]] = neutralise(LIST_SEPARATOR.join(reasons))
            for at in positions:
                cells[at] = cells_at.get(at, hole)
            parts = self.text(cells).split(hole)
            template: list[str] = [""] * (2 * len(parts) - 1)
            template[0::2] = parts
            return template

        # The usual row: the amounts (the outputs that are Decimals, learnt from the first row)
        # are the only holes; the rest of the line end is cached per key: eligible, shape and
        # the outputs that are texts or None (a category, a payment), as the parts between the
        # holes.
        templates: dict[tuple[Any, ...], tuple[str, ...]] = {}
        texts_at: list[tuple[int, int]] = []  # (cell position, index in figures) of the key's outputs

        def template(f: tuple[Any, ...], key: tuple[Any, ...]) -> tuple[str, ...] | None:
            texts = {}
            for at, i in texts_at:
                value = f[i]
                if value is not None and type(value) is not str:
                    # A count, a flag, an amount where the first row had none: equal keys may
                    # not be equal texts (1 == True == Decimal(1)): such a row goes cell by cell.
                    return None
                texts[at] = _text_cell(value)
            found = tuple(line_end(f[0], f[shape_at], texts)[0::2])
            if len(templates) < _MAX_CACHED:
                templates[key] = found
            return found

        # Any other row (an amount that is None, a count): a line end per shape with a hole for
        # each output, filled cell by cell.
        lines: dict[Any, list[str]] = {}  # shape -> pieces (eligible follows from the shape)
        text_cells: dict[Any, str] = {}

        def cell(value: Any) -> str:
            # An output that is not an amount: a category, a payment, a count (a few values).
            if type(value) is bool:  # True == 1: not in the same cache as the counts
                return _text_cell(value)
            found = text_cells.get(value)
            if found is None:
                found = _text_cell(value)
                found = found and self.text([found])[1:-1]
                if len(text_cells) < _MAX_CACHED:
                    text_cells[value] = found
            return found

        def cell_by_cell(f: tuple[Any, ...]) -> str:
            shape = f[shape_at]
            pieces = lines.get(shape)
            if pieces is None:
                pieces = line_end(f[0], shape, {})
                if len(lines) < _MAX_CACHED:
                    lines[shape] = pieces
            pieces[1::2] = [str(v.quantize(cent, half_up)) if type(v) is decimal else cell(v) for v in pick(f)]
            return "".join(pieces)

        finish: Callable[[tuple[Any, ...]], str] = cell_by_cell  # learn, below, until the first row

        def learn(f: tuple[Any, ...]) -> str:
            """The first row tells the amounts from the texts: ``finish`` is written out for
            them (no loop, no intermediate list), as the parser is."""
            nonlocal finish
            amounts = [1 + i for i in order if type(f[1 + i]) is decimal]
            texts_at.extend((at, 1 + i) for at, i in zip(positions, order, strict=True) if 1 + i not in amounts)
            key = ", ".join(f"f[{i}]" for i in [0, shape_at, *(i for _, i in texts_at)])
            body = [
                f"        parts = templates.get(({key},)) or template(f, ({key},))",
                "        if parts is None:",
                "            return cell_by_cell(f)",
            ]
            # An amount already to the cent (exponent -2: its text has a dot third from the end,
            # which no other exponent gives) is its own text; any other is rounded to the cent.
            for n, i in enumerate(amounts):
                body += [
                    f"        a = f[{i}]",
                    f"        t{n} = str(a)",
                    f'        if t{n}[-3:-2] != "." or type(a) is not decimal:',
                    f"            t{n} = str(a.quantize(cent, half_up))",
                ]
            parts = [f"s{n}" for n in range(len(amounts) + 1)]
            joined = "".join(f"{{{p}}}{{t{n}}}" for n, p in enumerate(parts[:-1])) + f"{{{parts[-1]}}}"
            tail = [
                "    try:",
                *body,
                "    except (AttributeError, TypeError):  # an amount that is None, an unhashable output",
                "        return cell_by_cell(f)",
                f"    {', '.join(parts)}, = parts",
                f'    return f"{joined}"',
            ]
            # finish for this row's figures; run, the plan from the next row on: the whole row in
            # one function (parse and figures called before the try: their errors are the row's).
            # parse's own body when it was written out (not when a required column is missing).
            parsed = self._parse_sources.get(estimate.kind)
            parsing, namespace = (parsed[0], parsed[1].copy()) if parsed else (["    inputs = parse(row)"], {})
            source = "\n".join(["def finish(f):", *tail, "def run(row):", *parsing, "    f = figures(constants, inputs)", *tail])
            namespace |= {
                "figures": figures,
                "constants": constants,
                "parse": parse,
                "templates": templates,
                "template": template,
                "cell_by_cell": cell_by_cell,
                "decimal": decimal,
                "cent": cent,
                "half_up": half_up,
                "str": str,
                "type": type,
            }
            exec(source + "\n", namespace)  # noqa: S102 - our own text: tuple indices
            finish = namespace["finish"]
            self._plans[kind] = namespace["run"]  # what plan() gives from now on
            return finish(f)

        finish = learn

        def first(row: list[str]) -> str:  # until the first row is learnt (and still right after)
            return finish(figures(constants, parse(row)))

        return first

    def _estimate_plan(self, kind: str) -> Callable[[list[str]], str]:
        """Through ``compute`` (the steps are asked, or the estimate has no lean path)."""
        engine = self.engine
        estimate = engine.registry[kind]
        compute, params = estimate.compute, engine.params
        parse = self._parser(estimate)
        blank = self.blank
        position = self.position
        eligible_at, warnings_at, reasons_at = position["eligible"], position["warnings"], position["reasons"]
        steps_at = position.get("steps") if engine.steps else None
        outputs = tuple((key, position[key]) for key in estimate.outputs)
        text = self.text

        def run(row: list[str]) -> str:
            result = compute(parse(row), params)
            cells = blank.copy()
            cells[eligible_at] = "true" if result.eligible else "false"
            values = result.outputs
            for key, at in outputs:
                value = values.get(key)
                if value is not None:
                    cells[at] = _text_cell(value)
            if result.warnings:
                cells[warnings_at] = neutralise(LIST_SEPARATOR.join(result.warnings))
            if result.reasons:
                cells[reasons_at] = neutralise(LIST_SEPARATOR.join(result.reasons))
            if steps_at is not None:
                cells[steps_at] = neutralise(LIST_SEPARATOR.join(_step_text(s) for s in result.steps))
            return text(cells)

        return run

    def _parser(self, estimate: Any) -> Callable[[list[str]], Any]:
        """``registry.parse_inputs`` for one kind's cells, with each field's parsed values
        remembered (amounts, rates and counts repeat a lot in a file; parsing is pure).

        Only the common path is here: a row missing a required field is handed to
        ``parse_inputs`` itself, so every message comes from the one parser. The function is
        written out field by field for this header (a cache lookup per cell, no loop), as
        ``collections.namedtuple`` does: its source holds only column numbers and names."""
        from esncli.rules.registry import PLAIN, plain_as_is

        parse_value, parse_inputs = self.engine.parse_value, self.engine.parse
        picks = self.picks(estimate.kind)
        unset = _UNSET

        def fail(row: list[str]) -> Any:  # the parser's message for a missing required field
            return parse_inputs(estimate, {n: v for i, n in picks if (v := row[i])})

        def reader(spec: Any) -> tuple[dict[str, Any], Callable[[list[str], str], Any]]:
            # Values remembered per field; an empty cell is the default (a required field has
            # none: it goes to the parser, which says it is missing).
            seen: dict[str, Any] = {} if spec.required else {"": spec.default}
            as_is = plain_as_is(spec)

            def miss(row: list[str], text: str) -> Any:
                if as_is and PLAIN(text):  # e.g. a pension to the cent: seldom twice the same
                    value = Decimal(text)
                elif not text or text.isspace():
                    if spec.required:
                        return fail(row)  # raises
                    value = spec.default
                else:
                    value = parse_value(spec, text)
                if len(seen) < _MAX_CACHED:
                    seen[text] = value
                return value

            return seen, miss

        namespace: dict[str, Any] = {
            "new": tuple.__new__,
            "input_type": estimate.input_type,
            "unset": unset,
            "plain": PLAIN,
            "decimal": Decimal,
            "max_cached": _MAX_CACHED,
        }
        lines = []
        names = estimate.field_names()
        values = [f"v{slot}" for slot in range(len(names))]
        for spec in estimate.specs:  # in the parser's order, so that the first bad field is the one it names
            slot = names.index(spec.name)
            at = self.index.get(spec.name)
            if at is None:
                if spec.required:  # no such column: every row of this kind fails, with the parser's message
                    return fail
                namespace[values[slot]] = spec.default
                continue
            namespace[f"seen{slot}"], namespace[f"miss{slot}"] = reader(spec)
            lines += [
                f"    text = row[{at}]",
                f"    v{slot} = seen{slot}.get(text, unset)",
                f"    if v{slot} is unset:",
            ]
            if plain_as_is(spec):  # miss's first case, in place: a pension to the cent misses on most rows
                lines += [
                    "        if plain(text):",
                    f"            v{slot} = decimal(text)",
                    f"            if len(seen{slot}) < max_cached:",
                    f"                seen{slot}[text] = v{slot}",
                    "        else:",
                    f"            v{slot} = miss{slot}(row, text)",
                ]
            else:
                lines.append(f"        v{slot} = miss{slot}(row, text)")
        # A NamedTuple, every field given in order.
        lines.append(f"    inputs = new(input_type, ({', '.join(values)},))")
        if estimate.validate is not None:
            namespace["validate"] = estimate.validate
            lines.append("    validate(inputs)")
        self._parse_sources[estimate.kind] = (lines, namespace)  # for a lean plan's run, which inlines it
        source = "def parse(row):\n" + "\n".join([*lines, "    return inputs"]) + "\n"
        exec(source, namespace)  # noqa: S102 - our own text: column numbers and names
        parse: Callable[[list[str]], Any] = namespace["parse"]
        return parse

    def _zone_plan(self) -> Callable[[list[str]], str]:
        engine = self.engine
        at = self.index.get("country")
        blank = self.blank
        places = tuple((key, self.position[key]) for key in ZONE_COLUMNS)
        warnings_at = self.position["warnings"]
        text = self.text

        def run(row: list[str]) -> str:
            record, warnings = engine.zone(row[at] if at is not None else None)
            cells = blank.copy()
            for key, position in places:
                cells[position] = _text_cell(record[key])
            if warnings:
                cells[warnings_at] = neutralise(LIST_SEPARATOR.join(warnings))
            return text(cells)

        return run


# --------------------------------------------------------------------------------------------
# Opening the input and the output.


@dataclass
class Input:
    name: str  # for messages: the path, or "stdin"
    format: str
    text: IO[str]
    binary: IO[bytes]
    size: int | None  # bytes, for the progress bar; None for a pipe
    close: Callable[[], None]


def format_of(path: str, given: str | None) -> str | None:
    if path != "-":
        found = EXTENSIONS.get(Path(path).suffix.lower())
        if found:
            return found
    return given


def open_input(path: str, given: str | None) -> Input:
    """Open INPUT for streaming; EsnError (exit 2) when it cannot be read."""
    if path == "-":
        binary: Any = sys.stdin.buffer
        name, size, own = "stdin", None, False
    else:
        name = path
        try:
            binary = Path(path).open("rb")  # noqa: SIM115 - closed by Input.close
        except FileNotFoundError:
            raise EsnError(_("cannot read {path}: no such file").format(path=path)) from None
        except IsADirectoryError:
            raise EsnError(_("cannot read {path}: it is a folder").format(path=path)) from None
        except OSError as exc:
            raise EsnError(_("cannot read {path}: {problem}").format(path=path, problem=exc.strerror)) from None
        own = True
        try:
            size = os.fstat(binary.fileno()).st_size
        except OSError:
            size = None
    if not hasattr(binary, "peek"):
        binary = io.BufferedReader(binary)  # e.g. BytesIO under CliRunner
    fmt = format_of(path, given)
    if fmt is None:
        start = binary.peek(64)[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
        fmt = "jsonl" if start.startswith(b"{") else "csv"
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")

    def close() -> None:
        if own:
            text.close()
        else:
            with contextlib.suppress(ValueError):
                text.detach()  # leave sys.stdin open

    return Input(name, fmt, text, binary, size, close)


class Output:
    """OUTPUT as a text stream: stdout, or a temporary file renamed over OUTPUT by ``commit``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.temporary: str | None = None
        if path == "-":
            sys.stdout.flush()
            self.stream: IO[str] = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
            return
        target = Path(path)
        if target.is_dir():
            raise EsnError(_("cannot write {path}: it is a folder").format(path=path))
        folder = target.parent
        try:
            fd, self.temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
        except FileNotFoundError:
            raise EsnError(_("cannot write {path}: no folder {folder!r}").format(path=path, folder=str(folder))) from None
        except OSError as exc:
            raise EsnError(_("cannot write {path}: {problem}").format(path=path, problem=exc.strerror)) from None
        with contextlib.suppress(OSError):
            os.fchmod(fd, _new_file_mode(target))  # mkstemp makes 0600; a plain open would not
        self.stream = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115, PTH123 - a descriptor, closed below

    def commit(self) -> None:
        if self.temporary is None:
            self.stream.flush()
            self.stream.detach()  # type: ignore[attr-defined]  # leave sys.stdout open
            return
        self.stream.close()
        Path(self.temporary).replace(self.path)
        self.temporary = None

    def discard(self) -> None:
        """After a failure or an interruption: nothing under OUTPUT, no temporary file left."""
        if self.temporary is None:
            try:
                self.stream.flush()
                self.stream.detach()  # type: ignore[attr-defined]
            except (OSError, ValueError):
                pass
            return
        with contextlib.suppress(OSError):
            self.stream.close()
        with contextlib.suppress(OSError):
            Path(self.temporary).unlink()
        self.temporary = None


def _new_file_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777  # replacing a file: keep its permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# --------------------------------------------------------------------------------------------
# The run.


@dataclass
class Summary:
    read: int = 0
    estimated: int = 0
    failed: int = 0
    seconds: float = 0.0
    first_failures: list[int] = field(default_factory=list)  # row numbers, the first few

    def fail(self, row: int) -> None:
        self.failed += 1
        if len(self.first_failures) < _SHOWN_FAILURES:
            self.first_failures.append(row)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.BATCH_ROWS_FAILED if self.failed else ExitCode.OK

    def text(self) -> str:
        from esncli.i18n import number

        line = _("esn: batch: {read} rows read, {estimated} estimated, {failed} failed in {seconds} s").format(
            read=number(self.read),
            estimated=number(self.estimated),
            failed=number(self.failed),
            seconds=number(Decimal(f"{self.seconds:.2f}"), decimals=True),
        )
        if self.seconds > 0 and self.read >= 1000:
            line += " " + _("({rate} rows/s)").format(rate=number(round(self.read / self.seconds)))
        if self.failed:
            rows = ", ".join(str(n) for n in self.first_failures)
            more = ", ..." if self.failed > len(self.first_failures) else ""
            line += "\n" + _("esn: failed rows: {rows} (see their error cells)").format(rows=rows + more)
        return line


Progress = Callable[[int, int | None], None]  # (rows read, bytes read or None)


def run(
    source: Input,
    output_path: str,
    output_format: str | None,
    *,
    steps: bool = False,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> Summary:
    """Stream ``source`` to ``output_path``; the output is committed only if the whole run ends."""
    engine = engine or Engine(steps=steps)
    out_format = format_of(output_path, output_format) or source.format
    summary = Summary()
    start = time.perf_counter()
    try:
        if source.format == "csv":
            header, delimiter = _read_csv_header(source)
            output = Output(output_path)
            try:
                if out_format == "csv":
                    _csv_to_csv(engine, source, header, delimiter, output.stream, summary, progress)
                else:
                    reader = csv.reader(source.text, delimiter=delimiter)
                    _csv_to_jsonl(engine, source, header, reader, output.stream, summary, progress)
                output.stream.flush()
            except BaseException:
                output.discard()
                raise
            output.commit()
        else:
            lines = _jsonl_objects(source)
            first = _first_jsonl(source, lines)
            output = Output(output_path)
            try:
                _jsonl_rows(engine, source, first, lines, out_format, output.stream, summary, progress)
                output.stream.flush()
            except BaseException:
                output.discard()
                raise
            output.commit()
    except UnicodeDecodeError as exc:
        raise EsnError(
            _("cannot read {name} after row {row}: not UTF-8 text ({problem})").format(
                name=source.name, row=summary.read, problem=exc.reason
            )
        ) from None
    except csv.Error as exc:
        raise EsnError(
            _("cannot read {name} after row {row}: not CSV ({problem})").format(name=source.name, row=summary.read, problem=exc)
        ) from None
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise EsnError(_("cannot write {path}: {problem}").format(path=output_path, problem=exc.strerror or exc)) from None
    finally:
        source.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _read_csv_header(source: Input) -> tuple[list[str], str]:
    text = source.text
    first = text.readline()
    while first and not first.strip():
        first = text.readline()
    if not first:
        raise EsnError(_("cannot read {name}: it is empty (a CSV header with a kind column is needed)").format(name=source.name))
    delimiter = _delimiter(first)
    try:
        header = next(csv.reader([first], delimiter=delimiter))
    except (csv.Error, StopIteration):
        raise EsnError(_("cannot read {name}: the first line is not a CSV header").format(name=source.name)) from None
    names = [name.strip() for name in header]
    if "kind" not in names:
        shown = ", ".join(repr(n) for n in names[:8]) + (", ..." if len(names) > 8 else "")
        raise EsnError(_("cannot read {name}: no 'kind' column in the header (columns: {columns})").format(name=source.name, columns=shown))
    duplicates = sorted({n for n in names if n and names.count(n) > 1})
    if duplicates:
        raise EsnError(
            _("cannot read {name}: column {column!r} appears more than once in the header").format(name=source.name, column=duplicates[0])
        )
    return header, delimiter


def _delimiter(line: str) -> str:
    # Told from the header: names hold no separators. French spreadsheets export with ";".
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _output_header(header: list[str], columns: tuple[str, ...]) -> tuple[list[str], dict[str, str]]:
    taken = {name.strip() for name in header}
    renamed = {}
    for name in (*columns, ERROR):
        renamed[name] = new = output_name(name, taken)
        taken.add(new)
    return [*header, *renamed.values()], renamed


def _ticker(source: Input, progress: Progress | None) -> Callable[[int], None] | None:
    if progress is None:
        return None
    binary = source.binary

    def tick(rows: int) -> None:
        try:
            position = binary.tell() if source.size is not None else None
        except (OSError, ValueError):
            position = None
        progress(rows, position)

    return tick


class _Lines:
    """The input's lines, with one that can be handed back: ``csv.reader`` reads from here the
    lines the fast path leaves to it (and the next lines when a quoted cell spans several)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.back: str | None = None

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.back
        if line is None:
            return next(self.lines)
        self.back = None
        return line


def _csv_to_csv(
    engine: Engine,
    source: Input,
    header: list[str],
    delimiter: str,
    stream: IO[str],
    summary: Summary,
    progress: Progress | None,
) -> None:
    columns = engine.columns
    out_header = _output_header(header, columns)[0]
    plans = CsvPlans(engine, header, columns, delimiter)
    # Lines are gathered in a list and written in blocks of ~100 kB: one write (and one
    # encoding) per block rather than per row, small enough to stay in the CPU caches.
    # They are gathered as utf8_chars: the input line when it is not ASCII, the cells csv.writer
    # writes (in a sink of their own) and the plans' line ends.
    lines: list[str] = []
    append = lines.append
    sink = _Sink()
    written = sink.parts.pop
    csv.writer(sink, delimiter=delimiter, lineterminator="\n").writerow([neutralise(c) for c in out_header])
    append(utf8_chars(written()))
    # The input cells are written by csv.writer without a line end; the results follow.
    write_cells = csv.writer(sink, delimiter=delimiter, lineterminator="").writerow
    lone_empty = len(header) == 1  # csv.writer quotes a lone empty cell (""), not one in a longer line
    # Lines holding none of the characters that start a formula need no cell-by-cell check.
    risky = re.compile("[=+\\-@\t\r]").search
    width = len(header)
    kind_at = plans.index["kind"]
    plan_of: dict[str, Callable[[list[str]], str]] = {}  # kind cell as written -> plan
    starts = FORMULA_STARTS
    tick = _ticker(source, progress)
    stream.flush()
    binary: IO[bytes] = stream.buffer  # type: ignore[attr-defined]  # a TextIOWrapper (Output)

    def write(text: str) -> None:
        binary.write(text.encode("latin-1"))

    number = 0
    failed_row = summary.fail
    # The fast path: a line without a quote character is, for csv.reader, its text split at the
    # delimiter (once its line end is taken off: the text stream, opened with newline="", ends a
    # line at "\n", "\r\n" or "\r", so a "\r" can only be its end). When it has the header's
    # number of cells and no cell a spreadsheet could run (a cell that starts with = + - @ or a
    # tab, even a plain number: the general path tells them apart), csv.writer would write its
    # cells back as they are: the line is written as it was read. Any other line goes to
    # csv.reader and csv.writer (the general path), so the output is the same either way.
    # Not for a one-column header: csv.writer writes a lone empty cell as "".
    fast = FAST_LINES and width > 1
    limit = csv.field_size_limit()  # a longer line goes to csv.reader, which may refuse it
    # A cell may start a formula only if the line holds one of these characters (a tab, unless
    # it is the delimiter); then a regular expression tells whether a cell starts with one.
    tab = "\t" if delimiter != "\t" else "="
    formula_starts = FORMULA_STARTS - {delimiter, "\r"}
    formula_inside = re.compile(re.escape(delimiter) + "[" + re.escape("".join(sorted(formula_starts))) + "]").search
    text = source.text
    feed = _Lines(text)
    reader = csv.reader(feed, delimiter=delimiter)
    try:
        for line in text:
            body = line.rstrip("\r\n")
            if fast and '"' not in body and "\r" not in body and len(body) <= limit:
                row = body.split(delimiter)
                if len(row) == width and not (
                    ("=" in body or "+" in body or "-" in body or "@" in body or tab in body)
                    and (body[0] in formula_starts or formula_inside(body))
                ):
                    number += 1
                    kind = row[kind_at]
                    plan = plan_of.get(kind)
                    try:
                        if plan is None:
                            name = engine.kind(kind)
                            end = plans.plan(name)(row)
                            if len(plan_of) < _MAX_CACHED:  # once it has run: a lean plan learns on its first row
                                plan_of[kind] = plans.plan(name)
                        else:
                            end = plan(row)
                    except EsnError as exc:
                        end = plans.failure(exc.message)
                        failed_row(number)
                    except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
                        end = plans.failure(internal_error(exc))
                        failed_row(number)
                    append(body if body.isascii() else utf8_chars(body))
                    append(end)
                    if not number & 255:
                        write("".join(lines))
                        lines.clear()
                        if tick is not None and not number % _PROGRESS_EVERY:
                            tick(number)
                    continue
            # The general path: csv.reader reads this line (and the next ones if a quoted cell
            # spans them).
            feed.back = line
            row = next(reader)
            if len(row) != width:
                if not row:
                    continue  # a blank line is not a row
                if len(row) > width:
                    number += 1
                    failed_row(number)
                    write_cells([neutralise(c) for c in row[:width]])
                    cells = written()
                    append("" if lone_empty and cells == '""' else utf8_chars(cells))
                    append(plans.failure(_too_many_cells(len(row), width)))
                    if not number & 255:
                        write("".join(lines))
                        lines.clear()
                    continue
                row.extend([""] * (width - len(row)))  # spreadsheets drop trailing empty cells
            number += 1
            kind = row[kind_at]
            plan = plan_of.get(kind)
            try:
                if plan is None:
                    name = engine.kind(kind)
                    end = plans.plan(name)(row)
                    if len(plan_of) < _MAX_CACHED:  # once it has run (see above)
                        plan_of[kind] = plans.plan(name)
                else:
                    end = plan(row)
            except EsnError as exc:
                end = plans.failure(exc.message)
                failed_row(number)
            except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
                end = plans.failure(internal_error(exc))
                failed_row(number)
            write_cells(row)
            cells = written()
            if risky(cells) and any(cell and cell[0] in starts for cell in row):
                write_cells([neutralise(cell) if cell and cell[0] in starts else cell for cell in row])
                cells = written()
            append("" if lone_empty and cells == '""' else utf8_chars(cells))
            append(end)
            if not number & 255:
                write("".join(lines))
                lines.clear()
                if tick is not None and not number % _PROGRESS_EVERY:
                    tick(number)
        write("".join(lines))
    finally:
        summary.read = number
        summary.estimated = number - summary.failed


def _csv_to_jsonl(
    engine: Engine,
    source: Input,
    header: list[str],
    reader: Iterator[list[str]],
    stream: IO[str],
    summary: Summary,
    progress: Progress | None,
) -> None:
    names = [name.strip() for name in header]
    width = len(names)
    tick = _ticker(source, progress)
    rows = ([*row, *[""] * (width - len(row))] if len(row) < width else row for row in reader if row)
    number = 0
    try:
        for row in rows:
            number += 1
            extra = None
            if len(row) > width:
                extra = _too_many_cells(len(row), width)
            record = dict(zip(names, row[:width], strict=True))
            raw = {k: v for k, v in record.items() if given(v)}
            stream.write(_jsonl_line(engine, record, raw, names_taken=record, summary=summary, number=number, forced_error=extra))
            if tick is not None and not number % _PROGRESS_EVERY:
                tick(number)
    finally:
        summary.read = number
        summary.estimated = number - summary.failed


def _row_results(engine: Engine, raw: Mapping[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    try:
        kind = engine.kind(raw.get("kind"))
        return engine.results(kind, raw), None
    except EsnError as exc:
        return None, exc.message
    except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
        return None, internal_error(exc)


def _jsonl_line(
    engine: Engine,
    record: Mapping[str, Any],
    raw: Mapping[str, Any],
    *,
    names_taken: Mapping[str, Any],
    summary: Summary,
    number: int,
    forced_error: str | None = None,
) -> str:
    from esncli.render import dump_json

    results, error = (None, forced_error) if forced_error else _row_results(engine, raw)
    row = dict(record)
    if results:
        for key, value in results.items():
            row[output_name(key, names_taken)] = value
    row[output_name(ERROR, names_taken)] = error
    if error is not None:
        summary.fail(number)
    return dump_json(row, indent=None) + "\n"


# JSON Lines input: one object per line, numbers read as Decimal so 1234.10 stays exact.


def _jsonl_objects(source: Input) -> Iterator[tuple[Any, str | None]]:
    for line in source.text:
        if not line.strip():
            continue
        try:
            yield json.loads(line, parse_float=Decimal), None
        except ValueError as exc:
            yield None, _("this line is not valid JSON: {problem}").format(problem=exc)


def _first_jsonl(source: Input, lines: Iterator[tuple[Any, str | None]]) -> dict[str, Any]:
    first = next(lines, None)
    if first is None:
        raise EsnError(_("cannot read {name}: it is empty (JSON Lines objects with a kind key are needed)").format(name=source.name))
    value, problem = first
    if problem is not None or not isinstance(value, dict):
        raise EsnError(
            _(
                "cannot read {name}: the first line is not a JSON object, so this is not JSON Lines (use a .csv name or --format csv for CSV)"
            ).format(name=source.name)
        )
    if "kind" not in value:
        raise EsnError(_("cannot read {name}: the first object has no 'kind' key").format(name=source.name))
    return value


def _jsonl_rows(
    engine: Engine,
    source: Input,
    first: dict[str, Any],
    lines: Iterator[tuple[Any, str | None]],
    out_format: str,
    stream: IO[str],
    summary: Summary,
    progress: Progress | None,
) -> None:
    tick = _ticker(source, progress)
    number = 0
    if out_format == "csv":
        header = list(first)
        columns = engine.columns
        out_header = _output_header(header, columns)[0]
        known = set(header)
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([neutralise(c) for c in out_header])
        blank = [""] * (len(columns) + 1)
        position = {name: i for i, name in enumerate(columns)}

    def objects() -> Iterator[tuple[Any, str | None]]:
        yield first, None
        yield from lines

    try:
        for value, line_problem in objects():
            number += 1
            problem = line_problem
            if problem is None and not isinstance(value, dict):
                problem = _("this line is a JSON {type}, not an object").format(type=type(value).__name__)
            record = value if problem is None else {}
            raw = {k: v for k, v in record.items() if given(v)}
            if out_format == "jsonl":
                stream.write(_jsonl_line(engine, record, raw, names_taken=record, summary=summary, number=number, forced_error=problem))
            else:
                if problem is None:
                    unknown = [k for k in record if k not in known]
                    if unknown:
                        shown = ", ".join(repr(k) for k in unknown)
                        problem = _("not in the first line, which sets the CSV columns, so not written: {keys}").format(keys=shown)
                results, error = (None, problem) if problem else _row_results(engine, raw)
                cells = blank.copy()
                if results:
                    for key, result in results.items():
                        cells[position[key]] = _text_cell(result)
                if error is not None:
                    cells[-1] = neutralise(error)
                    summary.fail(number)
                writer.writerow([_passthrough_cell(record.get(k)) for k in header] + cells)
            if tick is not None and not number % _PROGRESS_EVERY:
                tick(number)
    finally:
        summary.read = number
        summary.estimated = number - summary.failed


# --------------------------------------------------------------------------------------------
# In-memory rows, for the Python API (esncli.api.batch_rows).


def rows(records: Iterable[Mapping[str, Any]], *, steps: bool = False, engine: Engine | None = None) -> Iterator[dict[str, Any]]:
    """Each record with its results and ``error`` (None when estimated), lazily, in order."""
    engine = engine or Engine(steps=steps)
    for given_record in records:
        record = dict(given_record)
        raw = {k: v for k, v in record.items() if given(v)}
        results, error = _row_results(engine, raw)
        row = dict(record)
        if results:
            for key, value in results.items():
                row[output_name(key, record)] = value
        row[output_name(ERROR, record)] = error
        yield row
