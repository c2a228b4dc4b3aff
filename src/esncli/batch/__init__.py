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

    eligible, guarantee_level, monthly_amount, allowance_start, allowance_end, timeline,
    category, reference_salary, guarantee, annual_amount, payment, annuity_until, capital_year,
    quarters_paid, quarterly_amount, total_amount, payment_start, home_support_amount,
    waiting_period_end, first_payment, base_capital, child_supplement, monthly_installment,
    last_installment, total_repaid,
    name_fr, name_en, iso2, iso3, status, zone, column, offer, cost, network, group, note,
    warnings, reasons[, steps], error

A row fills the columns of its kind and leaves the others empty. The names are the ``--json``
keys of ``esn estimate ...`` and ``esn zone lookup``. A result column whose name is already an
input column (``category`` is an invalidity input and output, ``status`` an input of several
estimates and a zone result) is written as ``result_<name>`` so that no input is overwritten.
Amounts are written with two decimals and a dot (``13781.60``), ``eligible`` as ``true`` /
``false``, several warnings or reasons joined with `` | `` in CSV and as lists in JSON Lines.
Dates are ISO (``2022-07-01``); a leave's ``timeline`` is a list of ``{from, to, pay}`` in JSON
Lines and ISO intervals in CSV (``2022-04-01/2022-06-30 full | 2022-07-01/2023-03-31 half``;
``..`` for an end not known). An ``on`` column (a date) takes the parameters in force on that
row's date, as ``--on`` does.
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
column, invalid UTF-8), nothing is written; 128 + the signal: interrupted (130 Ctrl-C, 143
SIGTERM, 129 SIGHUP, 131 SIGQUIT). A summary (rows read, estimated,
failed, time) goes to stderr, with a progress bar when stderr is a terminal.

**Files.** OUTPUT is written to a hidden temporary file in the same folder (mode 0600 while it is
written) and renamed over OUTPUT at the end, given the mode of the file it replaces or the umask's:
an interrupted or failed run leaves OUTPUT as it was (absent, or the previous file) and removes
the temporary file. OUTPUT that is not a regular file (a FIFO, a device, anything under /dev) is
written through. Rows are streamed: memory does not grow with the input, and a line or cell
past the readers' limits fails its row unread (``readers``).

**How.** ``readers`` yield the rows (a CSV header then cells, or JSON objects); ``core.RowCore``
answers each (the same parser, rules and zone policy as the single commands); ``writers`` write
the answers (through the one serialiser, ``present.serialise``). CSV to CSV takes the fast path
of ``fast`` (plain lines passed through, texts made once), which writes what the general path
writes, byte for byte.
"""

from __future__ import annotations

import csv
import gc
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from esncli.errors import EsnError, ExitCode
from esncli.i18n import N_, _, ngettext

from . import fast
from .core import ZONE, ZONE_COLUMNS, Answer, RowCore, internal_error, kinds
from .readers import (
    CELL_LIMIT,
    EXTENSIONS,
    FORMATS,
    Input,
    Lines,
    Record,
    csv_header,
    csv_records,
    first_jsonl,
    format_of,
    jsonl_records,
    open_input,
)
from .writers import (
    ERROR,
    JsonLine,
    Output,
    answer_values,
    csv_writer,
    neutralise,
    output_header,
    output_name,
    passthrough_cell,
    result_cells,
    result_columns,
)

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "ZONE",
    "ZONE_COLUMNS",
    "Input",
    "RowCore",
    "Summary",
    "kinds",
    "neutralise",
    "open_input",
    "output_name",
    "result_columns",
    "rows",
    "run",
]

_SHOWN_FAILURES = 5
UNWRITABLE = N_("this row holds a character UTF-8 cannot write (a lone surrogate, such as \\ud800): written escaped, not estimated")
_PROGRESS_EVERY = 2048  # rows between progress updates


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

        # One plural per count: French agrees "lue(s)", "estimée(s)" with each (ngettext; 0 and 1
        # take the singular in French, only 1 in English).
        line = _("esn: batch: {read}, {estimated}, {failed} in {seconds} s").format(
            read=ngettext("{count} row read", "{count} rows read", self.read).format(count=number(self.read)),
            estimated=ngettext("{count} estimated", "{count} estimated", self.estimated).format(count=number(self.estimated)),
            failed=ngettext("{count} failed", "{count} failed", self.failed).format(count=number(self.failed)),
            seconds=number(Decimal(f"{self.seconds:.2f}"), decimals=True),
        )
        if self.seconds > 0 and self.read >= 1000:
            line += " " + _("({rate} rows/s)").format(rate=number(round(self.read / self.seconds)))
        if self.failed:
            rows = ", ".join(str(n) for n in self.first_failures)
            more = ", ..." if self.failed > len(self.first_failures) else ""
            line += "\n" + ngettext(
                "esn: failed row: {rows} (see its error cell)", "esn: failed rows: {rows} (see their error cells)", self.failed
            ).format(rows=rows + more)
        return line


Progress = Callable[[int, int | None], None]  # (rows read, bytes read or None)


def answer(core: RowCore, values: Mapping[str, Any] | None, problem: str | None = None) -> tuple[Answer | None, str | None]:
    """A row's answer and error (one of the two): the run goes on whatever a row holds."""
    if problem is not None:
        return None, problem
    try:
        return core.answer(values or {}), None
    except EsnError as exc:
        return None, exc.message
    except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
        return None, internal_error(exc)


def run(
    source: Input,
    output_path: str,
    output_format: str | None,
    *,
    steps: bool = False,
    progress: Progress | None = None,
    core: RowCore | None = None,
) -> Summary:
    """Stream ``source`` to ``output_path``; the output is committed only if the whole run ends."""
    core = core or RowCore(steps=steps)
    out_format = format_of(output_path, output_format) or source.format
    summary = Summary()
    start = time.perf_counter()
    tick = None
    if progress is not None:

        def tick(rows: int) -> None:
            progress(rows, source.position())

    # What esn has loaded (modules, the data) lives as long as the run: the garbage collector
    # need not walk it again every few thousand rows.
    gc.freeze()
    cell_limit = csv.field_size_limit(CELL_LIMIT)  # csv's own limit is 131 072; put back at the end
    try:
        lines = Lines(source.text)
        if source.format == "csv":
            header, delimiter = csv_header(source, lines)
            records = csv_records(lines, header, delimiter)
        else:
            records = jsonl_records(lines)
            broken, first = first_jsonl(source, records)
            header, delimiter = list(first.values or {}), ","
            records = itertools.chain(broken, [first], records)
            if out_format == "csv":
                records = _known_keys(records, header)
        output = Output(output_path)
        try:
            columns = result_columns(core.steps)
            # A row's own date (an on column) takes its own parameters: the general path.
            if source.format == out_format == "csv" and fast.ENABLED and "on" not in (name.strip() for name in header):
                summary.read = fast.csv_to_csv(core, lines, header, delimiter, columns, output.stream, summary.fail, tick)
            elif source.format == out_format == "jsonl" and fast.ENABLED:
                summary.read = fast.jsonl_to_jsonl(core, records, output.stream, summary.fail, tick)
            else:
                summary.read = _write(core, records, header, delimiter, columns, out_format, output.stream, summary.fail, tick)
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
        csv.field_size_limit(cell_limit)
        gc.unfreeze()
        source.close()
        summary.estimated = summary.read - summary.failed
    summary.seconds = time.perf_counter() - start
    return summary


def _known_keys(records: Iterator[Record], header: list[str]) -> Iterator[Record]:
    """JSON Lines to CSV: a key the first line did not have fails its row (the value could not
    be written in a column)."""
    known = set(header)
    for record in records:
        unknown = [k for k in record.values if k not in known] if record.values is not None and record.problem is None else []
        if not unknown:
            yield record
            continue
        shown = ", ".join(repr(k) for k in unknown)
        yield record._replace(problem=_("not in the first line, which sets the CSV columns, so not written: {keys}").format(keys=shown))


def _write(
    core: RowCore,
    records: Iterator[Record],
    header: list[str],
    delimiter: str,
    columns: tuple[str, ...],
    out_format: str,
    stream: IO[str],
    fail: Callable[[int], None],
    tick: Callable[[int], None] | None,
) -> int:
    """The general path: every record answered by the row core, written by the output's writer."""
    if out_format == "csv":
        writer = csv_writer(stream, delimiter)
        writer.writerow([neutralise(c) for c in output_header(header, columns)])
    else:
        line = JsonLine(core.params)
    number = 0
    for record in records:
        number += 1
        found, error = answer(core, record.values, record.problem)
        if error is not None:
            fail(number)
        if out_format == "jsonl":
            stream.write(line(record, found, error))
        elif record.cells is not None:
            writer.writerow([neutralise(c) for c in record.cells] + result_cells(found, error, columns, core.params))
        else:  # JSON Lines to CSV
            values = record.values or {}
            inputs = [passthrough_cell(values.get(k)) for k in header]
            try:
                writer.writerow(inputs + result_cells(found, error, columns, core.params))
            except UnicodeEncodeError:  # a JSON string holding a lone surrogate ("\ud800"), which UTF-8 cannot hold
                if error is None:
                    fail(number)
                inputs = [cell.encode("utf-8", "backslashreplace").decode("utf-8") for cell in inputs]
                writer.writerow(inputs + result_cells(None, _(UNWRITABLE), columns, core.params))
        if tick is not None and not number % _PROGRESS_EVERY:
            tick(number)
    return number


def rows(records: Iterable[Mapping[str, Any]], *, steps: bool = False, core: RowCore | None = None) -> Iterator[dict[str, Any]]:
    """Each record with its results and ``error`` (None when estimated), lazily, in order: what
    ``api.batch_rows`` gives."""
    core = core or RowCore(steps=steps)
    for given in records:
        record = dict(given)
        found, error = answer(core, record)
        row = dict(record)
        if found is not None:
            for key, value in answer_values(found, core.params).items():
                row[output_name(key, record)] = value
        row[output_name(ERROR, record)] = error
        yield row
