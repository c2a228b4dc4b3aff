"""The CSV to CSV fast path: what makes a counsellor's million rows take seconds, kept apart from
the general path it must match byte for byte (``ENABLED = False`` sends every row through the
general path: csv.reader, the row core, csv.writer; tests compare both on hostile files).

Two savings, both ordinary closures over the row core:

- **plain lines pass through**: a line without a quote character, with the header's number of
  cells and no cell a spreadsheet could run, is what csv.writer would write back: it is split at
  the delimiter and written as it was read; any other line goes to csv.reader and csv.writer;
- **texts made once per result shape**: a row's result cells are eligible, a few amounts and
  the warnings and reasons, which depend on a few branches of the rule. Each text (a note's
  words, a category, quoted as csv.writer quotes them) is made once and remembered; an amount is
  its digits.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_HALF_UP
from typing import IO, Any

from esncli.errors import EsnError
from esncli.i18n import _
from esncli.money import CENT
from esncli.present.serialise import LIST_SEPARATOR, cell_text, json_value, steps_cell
from esncli.rules.fields import Money
from esncli.rules.kinds import REGISTRY
from esncli.rules.model import Estimate, Outcome, Refusal, Step, Trace, note_texts, values_at

from .core import ZONE, ZONE_COLUMNS, Located, RowCore, internal_error
from .dialects import PLAIN, Convention
from .memo import Memo
from .readers import LINE_LIMIT, Lines, LineTooLong, Record, csv_rows, is_blank, line_too_long, too_many_cells
from .writers import ERROR, FORMULA_STARTS, JsonLine, Sink, csv_writer, neutralise, output_header, output_name

ENABLED = True
BLOCK = 256  # lines gathered per write


HOLE = "\x00"  # no text esn writes holds it, and csv.writer and JSON write it as it is


def shaped(
    estimate: Estimate[Any, Any, Any],
    order: list[str],
    render: Callable[[Outcome, Any], str],
    steps_text: Callable[[tuple[Step, ...]], str],
    amount_text: Callable[[str], str] | None = None,
) -> Callable[[Outcome, tuple[Step, ...] | None, Any], bytes]:
    """The line ends of an estimate's rows, in UTF-8. Eligibility, the notes and the outputs
    that are words or counts take a few values each: the line end of each combination (its
    shape; ``context``, what else the text depends on) is ``render``ed once, with a ``HOLE`` for
    each amount (the outputs ``order`` lists, in the order of the holes) and for the steps when
    asked (the last hole). Its end, after the last hole (the notes, which hold non-ASCII letters,
    and the error), is encoded once: UTF-8 encodes such a text a character at a time, and the
    rest of a row is ASCII."""
    words = [spec.name for spec in estimate.output_fields if not isinstance(spec, Money)]  # a category, a count
    words_of, amounts_of = values_at(*words), values_at(*order)
    shapes = Memo()  # a shape -> its line end cut at the holes ([text, hole, text, hole...]), and its tail
    cent, half_up = CENT, ROUND_HALF_UP

    def end(outcome: Outcome, steps: tuple[Step, ...] | None, context: Any = None) -> bytes:
        key = (outcome.eligible, outcome.warnings, outcome.reasons, words_of(outcome.outputs), context)
        found = shapes.values.get(key)
        if found is None:
            text = render(outcome, context)
            *pieces, tail = text.split(HOLE)
            template = [""] * (2 * len(pieces))
            template[0::2] = pieces
            found = shapes.put(key, (template, tail.encode()), size=len(text))
        template, tail = found
        parts = template.copy()
        # money.cents_text, written in place: a million rows, four amounts each.
        texts = [t if (t := str(a))[-3:-2] == "." else str(a.quantize(cent, half_up)) for a in amounts_of(outcome.outputs)]
        if amount_text is not None:  # decimal commas
            texts = [amount_text(t) for t in texts]
        if steps is not None:
            texts.append(steps_text(steps))
        parts[1::2] = texts
        return "".join(parts).encode() + tail  # type: ignore[no-any-return]

    return end


class LineEnds:
    """A row's result cells as the end of its CSV line (the delimiter, the cells, the line end),
    as csv.writer writes them, encoded in UTF-8. The end of a shape's line, after its last hole
    (the notes, which hold non-ASCII letters, and the error cell) is encoded once: UTF-8 encodes
    such a text a character at a time; the rest of a row is ASCII."""

    def __init__(self, core: RowCore, columns: tuple[str, ...], delimiter: str, convention: Convention = PLAIN) -> None:
        self.core = core
        self.params = core.params
        self.delimiter = delimiter
        self.newline = convention.newline
        self.convention = convention
        sink = Sink()
        self._written = sink.parts.pop
        self._writerow = csv_writer(sink, delimiter, convention.newline).writerow
        self.width = len(columns) + 1  # and error
        self.at = {name: i for i, name in enumerate(columns)}
        self._texts = Memo()  # a text -> the cell csv.writer writes
        self._zone = tuple(self.at.get(name, -1) for name in ZONE_COLUMNS)  # -1: no zone columns (no zone row)

    def cell(self, text: str) -> str:
        """A text cell as csv.writer writes it in a row of several cells (neutralised first)."""
        found = self._texts.values.get(text)
        if found is None:
            if not text:
                return ""
            self._writerow((neutralise(text), ""))
            found = self._texts.put(text, self._written()[: -1 - len(self.newline)], size=len(text))
        return found  # type: ignore[no-any-return]

    def line(self, cells: list[str]) -> str:
        return self.delimiter + self.delimiter.join(cells) + self.newline

    def empty(self) -> bytes:
        """The result cells of an empty row: all empty."""
        return self.encoded([""] * self.width)

    def encoded(self, cells: list[str]) -> bytes:
        return self.line(cells).encode()

    def estimate(self, estimate: Estimate[Any, Any, Any]) -> Callable[[Outcome, tuple[Step, ...] | None, Any], bytes]:
        """The line ends of an estimate's rows (see ``shaped``)."""
        params = self.params
        eligible_at, warnings_at, reasons_at = self.at["eligible"], self.at["warnings"], self.at.get("reasons")
        true, false = self.convention.true, self.convention.false
        steps_at = self.at.get("steps")
        specs = estimate.output_fields
        # The holes in column order: (position, the output's name; "" for the steps, last).
        slots = sorted(
            [(self.at[spec.name], spec.name) for spec in specs if isinstance(spec, Money)]
            + ([(steps_at, "")] if steps_at is not None else [])
        )

        def render(outcome: Outcome, _taken: Any) -> str:
            cells = [""] * self.width
            cells[eligible_at] = true if outcome.eligible else false
            for spec in specs:
                value = outcome.outputs[spec.name]
                if not isinstance(spec, Money):
                    # a word, a count, or a date a row gives (its own shape: rare, and the memo is bounded)
                    cells[self.at[spec.name]] = "" if value is None else self.cell(cell_text(value))
            cells[warnings_at] = self.cell(LIST_SEPARATOR.join(note_texts(outcome.warnings, params)))
            if reasons_at is not None:
                cells[reasons_at] = self.cell(LIST_SEPARATOR.join(note_texts(outcome.reasons, params)))
            for at, _i in slots:
                cells[at] = HOLE
            return self.line(cells)

        amount_text = None
        if self.convention.decimal_comma:
            quote = self.delimiter == ","  # csv.writer quotes a cell holding the delimiter

            def amount_text(text: str) -> str:
                return f'"{text.replace(".", ",")}"' if quote else text.replace(".", ",")

        return shaped(estimate, [name for _at, name in slots if name], render, self.steps_cell, amount_text)

    def steps_cell(self, steps: tuple[Step, ...]) -> str:
        """The steps of a row as its CSV cell, quoted as csv.writer quotes a cell (it holds the
        delimiter, a quote or a line end), which csv.writer does a character at a time, each
        row's steps being a text of their own."""
        text = neutralise(steps_cell(steps))
        if self.delimiter in text or '"' in text or "\n" in text:
            return '"' + text.replace('"', '""') + '"'
        return text

    def zone(self, answer: Located) -> bytes:
        cells = [""] * self.width
        for position, name in zip(self._zone, ZONE_COLUMNS, strict=True):
            value = answer.record[name]
            if value is not None:
                cells[position] = self.cell(value)
        cells[self.at["warnings"]] = self.cell(LIST_SEPARATOR.join(answer.warnings))
        return self.encoded(cells)

    def failure(self, message: str) -> bytes:
        cells = [""] * self.width
        cells[-1] = self.cell(message)
        return self.encoded(cells)


def cells_reader(core: RowCore, estimate: Estimate[Any, Any, Any], columns: Mapping[str, int]) -> Callable[[list[str]], Any]:
    """``core.reader`` for rows of CSV cells (text only): the same fields, values, memos and
    messages, with the fields the header lacks decided once."""
    params = core.params
    present = []
    defaults = []
    for slot, spec in enumerate(estimate.input_fields):
        defaults.append(spec.default)
        at = columns.get(spec.name)
        if at is None:
            if spec.required:  # every row of this kind fails, with the parser's message
                return _missing(estimate.missing(spec, params))
            continue
        memo = core.cells(estimate.kind, spec)
        present.append((slot, at, memo.values, core.cell_reader(estimate, spec, memo)))
    new, inputs_type = tuple.__new__, estimate.inputs  # what NamedTuple._make does, without its checks
    check = estimate.check if estimate.checks else None

    def read(row: list[str]) -> Any:
        values = defaults.copy()
        for slot, at, seen, cell in present:
            text = row[at]
            value = seen.get(text, _UNSET)
            values[slot] = cell(text) if value is _UNSET else value
        inputs = new(inputs_type, values)
        if check is not None:
            check(inputs, params)
        return inputs

    return read


_UNSET = object()


def _missing(error: Exception) -> Callable[[list[str]], Any]:
    def read(row: list[str]) -> Any:
        raise error

    return read


class _Lines:
    """The input's lines, with one that can be handed back: csv.reader reads from here the lines
    the fast path leaves to it (and the next ones when a quoted cell spans several)."""

    def __init__(self, lines: Lines) -> None:
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


class _Blocks:
    """Lines gathered in UTF-8 and written straight to the stream's bytes a block at a time: one
    write (and one progress report) every BLOCK rows."""

    def __init__(self, stream: IO[str], tick: Callable[[int], None] | None) -> None:
        stream.flush()
        self.binary: IO[bytes] = stream.buffer  # type: ignore[attr-defined]  # a TextIOWrapper (writers.Output)
        self.lines: list[bytes] = []
        self.tick = tick

    def flush(self, rows: int | None = None) -> None:
        self.binary.write(b"".join(self.lines))
        self.lines.clear()
        if self.tick is not None and rows is not None:
            self.tick(rows)


class Rows:
    """What the row loops report to the run: a failed row (its number among the data rows and
    its message), an empty row, and the kinds whose columns the output has (None: all)."""

    def __init__(
        self, fail: Callable[[int, str], None], blank: Callable[[], None] | None = None, allowed: frozenset[str] | None = None
    ) -> None:
        self.fail = fail
        self.blank = blank or (lambda: None)
        self.allowed = allowed

    def check(self, kind: str) -> None:
        """EsnError for a row whose kind has no columns in the output (``--kinds``)."""
        if self.allowed is not None and kind not in self.allowed:
            raise EsnError(
                _("kind {kind!r} is not among --kinds ({kinds}): its results have no columns").format(
                    kind=kind, kinds=", ".join(sorted(self.allowed))
                )
            )


def csv_to_csv(
    core: RowCore,
    lines: Lines,
    header: list[str],
    delimiter: str,
    columns: tuple[str, ...],
    stream: IO[str],
    rows: Rows,
    tick: Callable[[int], None] | None,
    *,
    convention: Convention = PLAIN,
    block: tuple[int, int] | None = None,
) -> int:
    """Every row of ``lines`` (after the header) to ``stream``; returns the rows read. ``block``:
    where esn's own result block is in the input (its cells are left out and computed again)."""
    ends = LineEnds(core, columns, delimiter, convention)
    newline = convention.newline
    cut = len(newline)
    names = {name.strip(): i for i, name in enumerate(header) if block is None or not block[0] <= i < block[1]}
    kept = header if block is None else header[: block[0]] + header[block[1] :]
    kind_at = names["kind"]
    country_at = names.get("country")
    params = core.params
    fail = rows.fail
    by_kind: dict[str, Callable[[list[str]], bytes]] = {}  # a kind -> its rows' line end
    runs = Memo()  # a kind as a row writes it ("Invalidity ") -> its rows' line end
    known = runs.values.get

    def run_of(kind: str) -> Callable[[list[str]], bytes]:
        rows.check(kind)
        if kind == ZONE:
            return lambda row: ends.zone(core.zone(row[country_at] if country_at is not None else None))
        estimate = REGISTRY[kind]
        read, rule, finish = cells_reader(core, estimate, names), estimate.rule, ends.estimate(estimate)
        parameters = estimate.parameters_for(params)

        def run(row: list[str]) -> bytes:
            try:
                return finish(rule(read(row), parameters, None), None, None)
            except Refusal as refusal:
                raise estimate.refused(refusal, params) from None

        def explained(row: list[str]) -> bytes:  # --steps
            trace = Trace()
            try:
                return finish(rule(read(row), parameters, trace), tuple(trace.steps), None)
            except Refusal as refusal:
                raise estimate.refused(refusal, params) from None

        return explained if core.steps else run

    def run_for(text: str) -> Callable[[list[str]], bytes]:
        """The line end of the rows whose kind cell reads ``text``; EsnError for an unknown kind."""
        kind = core.kind(text)
        run = by_kind.get(kind)
        if run is None:
            run = by_kind[kind] = run_of(kind)
        return runs.put(text, run)  # type: ignore[no-any-return]

    blocks = _Blocks(stream, tick)
    append = blocks.lines.append
    sink = Sink()
    written = sink.parts.pop
    csv_writer(sink, delimiter, newline).writerow([neutralise(c) for c in output_header(kept, columns)])
    append(written().encode())
    write_cells = csv_writer(sink, delimiter, newline).writerow
    lone_empty = len(kept) == 1  # csv.writer quotes a lone empty cell (""), not one in a longer line
    lone_quoted = '""' + newline
    width = len(header)
    empty_end = ends.empty()
    # A line holding none of the characters that start a formula needs no cell-by-cell check;
    # one that does is checked at its start and after each delimiter.
    tab = "\t" if delimiter != "\t" else "="
    formula_starts = FORMULA_STARTS - {delimiter, "\r"}
    formula_inside = re.compile(re.escape(delimiter) + "[" + re.escape("".join(sorted(formula_starts))) + "]").search
    risky = re.compile("[=+\\-@\t\r]").search
    limit = csv.field_size_limit()  # a longer line goes to csv.reader, which may refuse it
    # Not for a one-column header: csv.writer writes a lone empty cell as "".
    fast = ENABLED and len(kept) > 1
    start, stop = block if block is not None else (0, 0)
    feed = _Lines(lines)
    general = csv_rows(feed, header, delimiter)
    number = 0
    for line in iter(lines.read, ""):  # Lines without its method call per line
        if len(line) >= LINE_LIMIT:
            try:
                lines.whole(line)  # the line itself when it ends within the limit
            except LineTooLong:
                number += 1
                write_cells([""] * len(kept))
                append(written()[:-cut].encode() + ends.failure(line_too_long()))
                fail(number, line_too_long())
                continue
        body = line.rstrip("\r\n")
        # The fast path: a line without a quote character is, for csv.reader, its text split at
        # the delimiter (once its line end is taken off: the stream, opened with newline="",
        # ends a line at "\n", "\r\n" or "\r", so a "\r" can only be its end).
        if fast and '"' not in body and "\r" not in body and len(body) <= limit:
            row = body.split(delimiter)
            if len(row) == width and not (
                ("=" in body or "+" in body or "-" in body or "@" in body or tab in body)
                and (body[0] in formula_starts or formula_inside(body))
            ):
                number += 1
                if block is not None:
                    body = delimiter.join(row[:start] + row[stop:])
                append(body.encode())
                kind = row[kind_at]
                if (not kind or kind.isspace()) and is_blank(row):  # ";;;;": an empty row
                    append(empty_end)
                    rows.blank()
                else:
                    try:
                        append((known(kind) or run_for(kind))(row))
                    except EsnError as exc:
                        append(ends.failure(exc.message))
                        fail(number, exc.message)
                    except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
                        append(ends.failure(internal_error(exc)))
                        fail(number, internal_error(exc))
                if not number % BLOCK:
                    blocks.flush(number)
                continue
        # The general path: csv.reader reads this line (and the next ones if a quoted cell spans them).
        feed.back = line
        found = next(general, None)
        if found is None:
            continue
        row, problem = found
        number += 1
        if not row:  # a blank line: written back blank
            append(newline.encode())
            rows.blank()
            continue
        if problem is None and is_blank(row):
            result = empty_end
            rows.blank()
        else:
            try:
                if problem is not None:
                    raise EsnError(problem)
                kind = row[kind_at]
                result = (known(kind) or run_for(kind))(row)
            except EsnError as exc:
                result = ends.failure(exc.message)
                fail(number, exc.message)
            except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
                result = ends.failure(internal_error(exc))
                fail(number, internal_error(exc))
        if block is not None:
            row = row[:start] + row[stop:]
        write_cells(row)
        cells = written()
        if risky(cells) and any(cell and cell[0] in FORMULA_STARTS for cell in row):
            write_cells([neutralise(cell) for cell in row])
            cells = written()
        append(("" if lone_empty and cells == lone_quoted else cells[:-cut]).encode() + result)
        if not number % BLOCK:
            blocks.flush(number)
    blocks.flush()
    return number


def json_ends(core: RowCore, estimate: Estimate[Any, Any, Any]) -> Callable[[Outcome, tuple[Step, ...] | None, Any], bytes]:
    """An estimate's results at the end of a JSON Lines row, after the row's own keys: what
    ``writers.JsonLine`` writes, made once per shape. ``context``: the result keys the row
    already has (written ``result_<key>``)."""
    from esncli.present.render import dump_json
    from esncli.present.serialise import step_json

    params = core.params
    specs = estimate.output_fields
    key = json.JSONEncoder(ensure_ascii=False).encode

    def render(outcome: Outcome, taken: tuple[str, ...]) -> str:
        def name(key_name: str) -> str:
            return key(output_name(key_name, taken))

        parts = [f"{name('eligible')}: {'true' if outcome.eligible else 'false'}"]
        for spec in specs:
            value = HOLE if isinstance(spec, Money) else dump_json(json_value(outcome.outputs[spec.name]), indent=None)
            parts.append(f"{name(spec.name)}: {value}")
        parts.append(f"{name('warnings')}: {dump_json(list(note_texts(outcome.warnings, params)), indent=None)}")
        if core.notes:
            parts.append(f"{name('reasons')}: {dump_json(list(note_texts(outcome.reasons, params)), indent=None)}")
        if core.steps:
            parts.append(f"{name('steps')}: {HOLE}")
        parts.append(f"{name(ERROR)}: null}}\n")
        return ", ".join(parts)

    order = [spec.name for spec in specs if isinstance(spec, Money)]
    return shaped(estimate, order, render, lambda steps: dump_json([step_json(step) for step in steps], indent=None))


def jsonl_to_jsonl(core: RowCore, records: Iterator[Record], stream: IO[str], rows: Rows, tick: Callable[[int], None] | None) -> int:
    """Every record to ``stream`` as JSON Lines: its own text as read, then its results (made
    once per shape for estimates; ``writers.JsonLine`` for zone rows and failures)."""
    general = JsonLine(core.params, core.notes)
    params = core.params
    fail = rows.fail
    by_kind: dict[str, Callable[[Record], bytes]] = {}
    runs = Memo()
    known = runs.values.get

    def run_of(kind: str) -> Callable[[Record], bytes]:
        rows.check(kind)
        if kind == ZONE:
            return lambda record: general(record, core.zone((record.values or {}).get("country")), None).encode()
        estimate = REGISTRY[kind]
        read, rule, finish = core.reader(kind), estimate.rule, json_ends(core, estimate)
        parameters = estimate.parameters_for(params)
        names = ("eligible", *(spec.name for spec in estimate.output_fields), "warnings", "reasons", "steps", ERROR)

        def run(record: Record) -> bytes:
            values = record.values or {}
            if values.get("on") is not None:  # the row's own date: its own parameters, the general path
                return general(record, core.answer(values), None).encode()
            trace = Trace() if core.steps else None
            try:
                outcome = rule(read(values), parameters, trace)
            except Refusal as refusal:
                raise estimate.refused(refusal, params) from None
            taken = tuple(name for name in names if name in values)
            return general.head(record).encode() + finish(outcome, None if trace is None else tuple(trace.steps), taken)

        return run

    blocks = _Blocks(stream, tick)
    append = blocks.lines.append
    number = 0
    for record in records:
        number += 1
        kind = record.values.get("kind") if record.values is not None else None
        try:
            if record.problem is not None:
                raise EsnError(record.problem)
            run = known(kind) if type(kind) is str else None
            if run is None:
                name = core.kind(kind)
                run = by_kind.get(name) or by_kind.setdefault(name, run_of(name))
                if type(kind) is str:
                    runs.put(kind, run)
            append(run(record))
        except EsnError as exc:
            append(general(record, None, exc.message).encode())
            fail(number, exc.message)
        except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
            append(general(record, None, internal_error(exc)).encode())
            fail(number, internal_error(exc))
        if not number % BLOCK:
            blocks.flush(number)
    blocks.flush()
    return number


__all__ = ["ENABLED", "LineEnds", "Rows", "csv_to_csv", "jsonl_to_jsonl", "too_many_cells"]
