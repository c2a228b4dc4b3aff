"""Batch estimates: stream CSV, JSON Lines or .xlsx rows through the same rules as the single
commands.

``esn estimate batch INPUT [-o OUTPUT] [--format csv|jsonl|xlsx] [--explain results|notes|steps]
[--dialect excel-fr|excel|plain] [--encoding E] [--sheet NAME] [--kinds K1,K2] [--errors FILE]``
and ``esn estimate batch --template KIND [-o OUTPUT]``.

**Rows.** One row, one estimate. The ``kind`` column says which: ``daily-allowance``,
``invalidity``, ``autonomy``, ``dependency``, ``death-capital``, ``social-loan``, or ``zone`` (a
zone lookup, with a ``country`` column). The other columns are the single commands' options in
snake_case (``base_salary``, ``bonuses``, ``pension``, ``rate``...). An empty cell (or a JSON
``null``) means "not given". Columns a row's kind does not use (a member id, a name, another
kind's inputs) pass through untouched. An empty row (a blank line, ``;;;;``, an empty sheet row)
is written back empty and counted neither estimated nor failed: output row N is input row N.

**Output.** Every input row, in the same order, then its results and an ``error`` cell: the
output has as many rows as the input, always. A bad row (unknown kind, missing or invalid field,
value out of range, unknown country) gets a message in ``error`` and the run goes on; failed rows
are named by their spreadsheet row number (the header is row 1; a JSON Lines row by its place
among the objects), all of them in ``--errors FILE``. CSV output has one header: the input
columns, then the result columns of the kinds the input holds (a first pass over a file reads its
``kind`` column; from stdin, every kind's, or ``--kinds``), in this fixed order
(``result_columns``), then ``error``::

    eligible, guarantee_level, monthly_amount, allowance_start, allowance_end, timeline,
    category, reference_salary, guarantee, annual_amount, payment, annuity_until, capital_year,
    quarters_paid, quarterly_amount, total_amount, payment_start, home_support_amount,
    waiting_period_end, first_payment, base_capital, child_supplement, monthly_installment,
    last_installment, total_repaid,
    name_fr, name_en, iso2, iso3, status, zone, column, offer, cost, network, group, note,
    warnings[, reasons][, steps], error

A row fills the columns of its kind and leaves the others empty. The names are the ``--json``
keys of ``esn estimate ...`` and ``esn zone lookup``. A result column whose name is already an
input column (``category`` is an invalidity input and output, ``status`` an input of several
estimates and a zone result) is written as ``result_<name>`` so that no input is overwritten.
``reasons`` (the data's notes on the guide's conditions, the same text on every row of a branch)
comes with ``--explain notes``; ``steps`` (the explanation of each estimate) with ``--explain
steps`` or ``--steps``, which add the reasons too. Amounts are written with two decimals
(``13781.60``), ``eligible`` as ``true`` / ``false`` (in the output's dialect: ``dialects``),
several warnings or reasons joined with `` | `` in CSV and as lists in JSON Lines. Dates are ISO
(``2022-07-01``); a leave's ``timeline`` is a list of ``{from, to, pay}`` in JSON Lines and ISO
intervals in CSV (``2022-04-01/2022-06-30 full | 2022-07-01/2023-03-31 half``; ``..`` for an end
not known). An ``on`` column (a date) takes the parameters in force on that row's date, as
``--on`` does. JSON Lines output carries, per row, the input keys, the result keys of the row's
kind and ``error`` (``null`` when the row succeeded).

**Reused.** The output is valid input: esn's own result block (its result columns through
``error``, as esn wrote them, ``writers.result_block``) is recognised, left out of the inputs and
computed again; a user's column named like a result elsewhere stays an input. ``-o`` naming the
input itself (its name, a symbolic or a hard link) is refused (exit 2), the input untouched.

**Formats.** Each side is CSV, JSON Lines or a workbook by its extension (``.csv``; ``.jsonl``,
``.ndjson``; ``.xlsx``); ``-`` (stdin / stdout, the default output) takes ``--format``; without
it, the input is sniffed (a first character ``{`` means JSON Lines, a zip an .xlsx) and the
output follows the input (CSV for a workbook on stdout). An OUTPUT named with any other extension
is refused, never written as CSV. So the input and output formats may differ (``in.csv -o
out.xlsx``). CSV input may be separated by commas, semicolons (French spreadsheets) or tabs, told
from the header line; its text is UTF-8 (a byte-order mark is skipped) or, when the file is not
valid UTF-8, cp1252 (said on stderr; ``--encoding`` forces one). CSV output uses the input's
separator and convention (``dialects``; a comma from JSON Lines). Workbooks: ``xlsx``.
A CSV output from JSON Lines input takes its columns from the first line: a later key not in it
makes that row fail (its value could not be written).

**Formulas.** A spreadsheet opening a CSV runs cells that start with ``=``, ``+``, ``-`` or
``@`` as formulas (and tab or carriage return can smuggle one in). In CSV output, every text cell
that starts with one of these six characters gets a leading apostrophe (``=HYPERLINK(...)``
becomes ``'=HYPERLINK(...)``), the OWASP advice, except a plain number: an optional sign, digits,
optionally a decimal point or comma and more digits (``-12.50``, ``+3``, ``-1,5``), which stays as
is. JSON Lines output is never changed; a workbook writes every text as text.

**Exit codes.** 0: every row was estimated; 3: the input was read but some rows failed (see their
``error`` cells); 2: the input cannot be read (missing file, not CSV / JSON Lines / a workbook, no
``kind`` column, not in its encoding), the output would be the input, or its extension is
unknown; nothing is written; 128 + the signal: interrupted (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP,
131 SIGQUIT). A summary (rows read, estimated, failed, time) goes to stderr, with a progress bar
when stderr is a terminal.

**Files.** OUTPUT (and ``--errors FILE``) is written to a hidden temporary file in the same
folder (mode 0600 while it is written) and renamed over OUTPUT at the end, given the mode of the
file it replaces or the umask's: an interrupted or failed run leaves OUTPUT as it was (absent, or
the previous file) and removes the temporary file (and a workbook writer's own temporary folder).
OUTPUT that is not a regular file (a FIFO, a device, anything under /dev) is written through.
Rows are streamed: memory does not grow with the input (a workbook's sheet is read whole by
calamine), and a line or cell past the readers' limits fails its row unread (``readers``).

**How.** ``readers`` yield the rows (a CSV header then cells, JSON objects, ``xlsx`` sheet rows);
``core.RowCore`` answers each (the same parser, rules and zone policy as the single commands);
``writers`` write the answers (through the one serialiser, ``present.serialise``). CSV to CSV
takes the fast path of ``fast`` (plain lines passed through, texts made once), which writes what
the general path writes, byte for byte.
"""

from __future__ import annotations

import csv
import gc
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from esncli.errors import EsnError, ExitCode
from esncli.i18n import N_, _, ngettext

from . import fast
from .core import ZONE, ZONE_COLUMNS, Answer, RowCore, internal_error, kinds
from .dialects import DECIMAL_COMMA, DIALECTS, PLAIN, Convention, follow, named
from .readers import (
    CELL_LIMIT,
    EXTENSIONS,
    FORMATS,
    Input,
    Lines,
    LineTooLong,
    Record,
    csv_header,
    csv_records,
    first_jsonl,
    jsonl_records,
    open_input,
)
from .writers import (
    ERROR,
    JsonLine,
    Output,
    answer_values,
    base_name,
    csv_writer,
    neutralise,
    output_header,
    output_name,
    passthrough_cell,
    result_block,
    result_cells,
    result_columns,
    result_values,
)

__all__ = [
    "DIALECTS",
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
EXPLAIN = ("results", "notes", "steps")
_SURVEY_KINDS = 1000  # distinct kind cells a first pass remembers; past them, every kind's columns


@dataclass
class Summary:
    read: int = 0
    estimated: int = 0
    failed: int = 0
    empty: int = 0  # empty rows (a blank line, ";;;;"): written back empty, neither estimated nor failed
    seconds: float = 0.0
    first_failures: list[int] = field(default_factory=list)  # row numbers, the first few
    offset: int = 0  # the header's row number: a data row's number in the spreadsheet is offset + its index
    report: Callable[[int, str], None] | None = None  # --errors: every failed row and its message

    def fail(self, row: int, message: str = "") -> None:
        self.failed += 1
        number = row + self.offset
        if len(self.first_failures) < _SHOWN_FAILURES:
            self.first_failures.append(number)
        if self.report is not None:
            self.report(number, message)

    def blank(self) -> None:
        self.empty += 1

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.BATCH_ROWS_FAILED if self.failed else ExitCode.OK

    def text(self, errors: str | None = None) -> str:
        from esncli.i18n import number

        # One plural per count: French agrees "lue(s)", "estimée(s)" with each (ngettext; 0 and 1
        # take the singular in French, only 1 in English).
        line = _("esn: batch: {read}, {estimated}, {failed} in {seconds} s").format(
            read=ngettext("{count} row read", "{count} rows read", self.read).format(count=number(self.read)),
            estimated=ngettext("{count} estimated", "{count} estimated", self.estimated).format(count=number(self.estimated)),
            failed=ngettext("{count} failed", "{count} failed", self.failed).format(count=number(self.failed)),
            seconds=number(Decimal(f"{self.seconds:.2f}"), decimals=True),
        )
        if self.empty:
            line += " " + ngettext("({count} empty row)", "({count} empty rows)", self.empty).format(count=number(self.empty))
        if self.seconds > 0 and self.read >= 1000:
            line += " " + _("({rate} rows/s)").format(rate=number(round(self.read / self.seconds)))
        if self.failed:
            rows = ", ".join(str(n) for n in self.first_failures)
            more = ", ..." if self.failed > len(self.first_failures) else ""
            line += "\n" + ngettext(
                "esn: failed row: {rows} (see its error cell)", "esn: failed rows: {rows} (see their error cells)", self.failed
            ).format(rows=rows + more)
            if errors is not None:
                line += "\n" + _("esn: every failed row is listed in {path}").format(path=errors)
            elif more:
                line += "\n" + _("esn: --errors FILE lists every failed row")
        return line


Progress = Callable[[int, int | None], None]  # (rows read, bytes read or None)


def answer(
    core: RowCore, values: Mapping[str, Any] | None, problem: str | None = None, allowed: frozenset[str] | None = None
) -> tuple[Answer | None, str | None]:
    """A row's answer and error (one of the two): the run goes on whatever a row holds."""
    if problem is not None:
        return None, problem
    try:
        if allowed is not None:
            fast.Rows(lambda _n, _m: None, allowed=allowed).check(core.kind((values or {}).get("kind")))
        return core.answer(values or {}), None
    except EsnError as exc:
        return None, exc.message
    except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
        return None, internal_error(exc)


def output_format(path: str, given: str | None, input_format: str) -> str:
    """The output's format: its extension, else ``--format``, else (stdout, a device, a FIFO)
    the input's (CSV for a workbook on stdout). A file named with another extension is refused:
    esn never writes CSV into a file named .xlsx or .txt."""
    if path != "-":
        suffix = Path(path).suffix.lower()
        found = EXTENSIONS.get(suffix)
        if found:  # the extension wins: --format may be stdin's
            return found
        if given is None and not _written_through(path):
            raise EsnError(
                _("cannot write {path}: unknown extension {suffix!r}; name it .csv, .jsonl or .xlsx, or give --format").format(
                    path=path, suffix=suffix
                )
            )
    if given is not None:
        return given
    return "csv" if input_format == "xlsx" and path == "-" else input_format


def _written_through(path: str) -> bool:
    from .writers import _written_through as through

    return through(Path(path))


def refuse_same_file(source: Input, *outputs: str | None) -> None:
    """An output that is the input itself (its name, a symbolic link to it, a hard link) would
    destroy it: refused (exit 2) before anything is read or written."""
    if source.path is None:
        return
    for output in outputs:
        if output is None or output == "-":
            continue
        try:
            same = Path(source.path).samefile(output)
        except OSError:
            continue  # no such output yet
        if same:
            raise EsnError(
                _("{output} is the input itself ({input}): write the results to another file, the input is left as it is").format(
                    output=output, input=source.name
                )
            )


def run(
    source: Input,
    output_path: str,
    output_format_given: str | None,
    *,
    steps: bool = False,
    explain: str | None = None,
    dialect: str | None = None,
    kinds_given: Iterable[str] | None = None,
    sheet: str | None = None,
    errors: str | None = None,
    progress: Progress | None = None,
    core: RowCore | None = None,
) -> Summary:
    """Stream ``source`` to ``output_path``; the output is committed only if the whole run ends."""
    level = "steps" if steps else (explain or "results")
    core = core or RowCore(steps=level == "steps", notes=level != "results")
    try:
        out_format = output_format(output_path, output_format_given, source.format)
        refuse_same_file(source, output_path, errors)
    except EsnError:
        source.close()
        raise
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
    outputs: list[Output] = []
    try:
        allowed = None if kinds_given is None else frozenset(core.kind(kind) for kind in kinds_given)
        table = _open_table(source, sheet, out_format)
        present = allowed
        if present is None and out_format != "jsonl" and source.path is not None:
            present = table.survey(core)
        if out_format == "jsonl":
            present = None  # JSON Lines rows carry their kind's keys only
        columns = result_columns(core.steps, present, core.notes)
        convention = _convention(source, table, dialect, out_format)
        # 01/02/2024 read day first from a French spreadsheet's file, and from any ';' file: the
        # separator of the locales whose decimal mark is a comma, all of which write the day first.
        core.day_first = convention.name == "excel-fr" or source.encoding == "cp1252" or table.delimiter == ";"
        summary.offset = table.header_row
        output = Output(output_path, binary=out_format == "xlsx", bom=out_format == "csv" and convention.bom)
        outputs.append(output)
        if errors is not None:
            report = Output(errors, bom=convention.bom)
            outputs.append(report)
            write_report = csv_writer(report.stream, convention.delimiter, convention.newline).writerow
            write_report([_("row"), ERROR])
            summary.report = lambda number, message: write_report([str(number), neutralise(message)])
        rows = fast.Rows(summary.fail, summary.blank, present if allowed is None else allowed)
        if out_format == "csv" and table.blank_before:
            output.stream.write(convention.newline * table.blank_before)
        try:
            # A row's own date (an on column) takes its own parameters: the general path.
            dated = "on" in (name.strip() for name in table.header or ())
            if (
                table.format == out_format == "csv"
                and fast.ENABLED
                and convention.delimiter == table.delimiter
                and table.lines is not None
                and not dated
            ):
                summary.read = fast.csv_to_csv(
                    core, table.lines, table.header, table.delimiter, columns, output.stream, rows, tick,
                    convention=convention, block=table.block,
                )  # fmt: skip
            elif table.format == out_format == "jsonl" and fast.ENABLED:
                summary.read = fast.jsonl_to_jsonl(core, table.records, output.stream, rows, tick)
            else:
                summary.read = _write(core, table, columns, out_format, output, convention, rows, tick)
            for one in outputs:
                one.stream.flush()
        except BaseException:
            for one in outputs:
                one.discard()
            raise
        for one in outputs:
            one.commit()
    except UnicodeDecodeError as exc:
        raise EsnError(
            _("cannot read {name} after row {row}: not {encoding} text ({problem}); --encoding names another").format(
                name=source.name, row=summary.read, encoding=_encoding_name(source.encoding), problem=exc.reason
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
        summary.estimated = summary.read - summary.failed - summary.empty
    summary.seconds = time.perf_counter() - start
    return summary


def _encoding_name(encoding: str) -> str:
    return {"utf-8": "UTF-8", "cp1252": "Windows-1252 (cp1252)"}.get(encoding, encoding)


def encoding_notice(source: Input) -> str | None:
    """The message for stderr when the input's encoding was guessed."""
    if not source.guessed:
        return None
    return _("esn: {name} is not UTF-8: read as Windows-1252 (cp1252), what Excel writes in France; --encoding chooses another").format(
        name=source.name
    )


def _convention(source: Input, table: Table, dialect: str | None, out_format: str) -> Convention:
    if out_format != "csv":
        return PLAIN if dialect is None else named(dialect, table.delimiter)
    if dialect is not None:
        return named(dialect, table.delimiter)
    if table.format == "csv":
        return follow(
            table.delimiter, bom=source.bom, cp1252=source.encoding == "cp1252", crlf=source.crlf, decimal_comma=table.decimal_comma
        )
    if table.format == "xlsx":  # a workbook's CSV: for the spreadsheet of the reader's language
        from esncli import i18n

        return named("excel-fr" if i18n.language() == "fr" else "excel", ",")
    return PLAIN


# --------------------------------------------------------------------------------------------
# The input as a table: its header, where it is, esn's own result block, and its records.


class Table:
    """What the writers need of any input: the header and its row, the records, and for CSV the
    lines (the fast path reads them itself) and the separator."""

    def __init__(self, source: Input, out_format: str) -> None:
        self.source = source
        self.format = source.format
        self.header: list[str] = []
        self.header_row = 0  # the spreadsheet's row number of the header (0: JSON Lines)
        self.blank_before = 0
        self.delimiter = ","
        self.block: tuple[int, int] | None = None
        self.lines: Lines | None = None
        self.records: Iterator[Record] = iter(())
        self.decimal_comma = False
        self.typed = False  # cells are a workbook's (typed), not text
        self.sheet: Any = None

    def kept(self) -> list[str]:
        """The header without esn's result block."""
        if self.block is None:
            return self.header
        return self.header[: self.block[0]] + self.header[self.block[1] :]

    def keep(self, cells: list[Any]) -> list[Any]:
        if self.block is None:
            return cells
        return cells[: self.block[0]] + cells[self.block[1] :]

    def survey(self, core: RowCore) -> frozenset[str] | None:
        """A first pass over the file: the kinds it holds (None: too many different cells to
        tell, every kind's columns) and whether its amounts have decimal commas."""
        texts: set[Any] = set()
        if self.format == "csv":
            texts = self._survey_csv()
        elif self.format == "xlsx":
            names = [name.strip() for name in self.header]
            at = names.index("kind")
            for number, cells in enumerate(self.sheet.rows(), start=1):
                if number > self.header_row and at < len(cells):
                    texts.add(cells[at] if type(cells[at]) is str else str(cells[at]))
                    if len(texts) > _SURVEY_KINDS:
                        return None
        else:
            texts = self._survey_jsonl()
        if texts is None:
            return None
        found: set[str] = set()
        for text in texts:
            try:
                found.add(core.kind(text))
            except EsnError:
                continue  # an unknown or missing kind: a failed row, no columns
        return frozenset(found)

    def _survey_csv(self) -> Any:
        from .readers import codec_name

        assert self.source.path is not None
        codec = "utf-8-sig" if codec_name(self.source.encoding) == "utf-8" else self.source.encoding
        names = [name.strip() for name in self.header]
        kind_at = names.index("kind")
        # Decimal commas in a ";" or tab file; in a "," file they would need quotes around every
        # amount, which no spreadsheet writes: its amounts keep a decimal point.
        numeric = _numeric_columns(names, self.block) if self.delimiter != "," else []
        texts: set[str] = set()
        with Path(self.source.path).open(encoding=codec, newline="", errors="replace") as text:
            lines = Lines(text)
            csv_header(self.source, lines)
            reader = csv.reader(lines, delimiter=self.delimiter)
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except (csv.Error, LineTooLong):
                    continue
                if len(row) > kind_at:
                    texts.add(row[kind_at])
                    if len(texts) > _SURVEY_KINDS:
                        return None
                if numeric and not self.decimal_comma:
                    for at in numeric:
                        if at < len(row) and "," in row[at] and DECIMAL_COMMA.match(row[at]):
                            self.decimal_comma = True
                            break
        return texts

    def _survey_jsonl(self) -> Any:
        import json

        assert self.source.path is not None
        texts: set[Any] = set()
        with Path(self.source.path).open(encoding="utf-8-sig", errors="replace") as text:
            for line in text:
                try:
                    value = json.loads(line)
                except ValueError:
                    continue
                if isinstance(value, dict):
                    kind = value.get("kind")
                    texts.add(kind if isinstance(kind, str) else str(kind))
                    if len(texts) > _SURVEY_KINDS:
                        return None
        return texts


def _numeric_columns(names: Sequence[str], block: tuple[int, int] | None) -> list[int]:
    """The columns that are an amount or a rate of some estimate (where decimal commas show)."""
    from esncli.rules.fields import Money, Percent
    from esncli.rules.kinds import ESTIMATES

    numeric = {spec.name for estimate in ESTIMATES for spec in estimate.input_fields if isinstance(spec, Money | Percent)}
    return [at for at, name in enumerate(names) if name in numeric and (block is None or not block[0] <= at < block[1])]


def _open_table(source: Input, sheet: str | None, out_format: str) -> Table:
    table = Table(source, out_format)
    if source.format == "csv":
        lines = Lines(source.text)
        header, delimiter, blank = csv_header(source, lines)
        table.header, table.delimiter, table.blank_before = header, delimiter, blank
        table.header_row = blank + 1
        table.block = result_block([name.strip() for name in header])
        table.lines = lines
        table.records = csv_records(lines, header, delimiter, table.block)
    elif source.format == "xlsx":
        _open_sheet(table, source, sheet)
    else:
        records = jsonl_records(Lines(source.text))
        broken, first = first_jsonl(source, records)
        first = _without_block(first)
        table.header = list(first.values or {})
        table.records = itertools.chain(broken, [first], map(_without_block, records))
        if out_format != "jsonl":
            table.records = _known_keys(table.records, table.header)
    if source.format != "xlsx" and sheet is not None:
        raise EsnError(_("--sheet is for an .xlsx input; {name} is not one").format(name=source.name))
    return table


def _open_sheet(table: Table, source: Input, sheet_name: str | None) -> None:
    from . import xlsx

    assert source.path is not None
    sheet = xlsx.Sheet(source.path, source.name, sheet_name)
    table.sheet, table.typed = sheet, True
    rows = sheet.rows()
    number = 0
    for cells in rows:
        number += 1
        if not xlsx.is_empty(cells):
            break
    else:
        raise EsnError(_("cannot read {name}: the sheet {sheet!r} is empty").format(name=source.name, sheet=sheet.sheet_name))
    while cells and (cells[-1] == "" or cells[-1] is None):  # the used range may be wider than the header
        cells.pop()
    names = [xlsx.text_of(cell).strip() for cell in cells]
    if "kind" not in names:
        shown = ", ".join(repr(n) for n in names[:8]) + (", ..." if len(names) > 8 else "")
        raise EsnError(_("cannot read {name}: no 'kind' column in the header (columns: {columns})").format(name=source.name, columns=shown))
    duplicates = [name for name in names if name and names.count(name) > 1]
    if duplicates:
        raise EsnError(
            _("cannot read {name}: column {column!r} appears more than once in the header").format(name=source.name, column=duplicates[0])
        )
    table.header = [xlsx.text_of(cell) for cell in cells]
    table.header_row = number
    table.block = result_block(names)
    table.records = _sheet_records(rows, names, table.block)


def _sheet_records(rows: Iterator[list[Any]], names: list[str], block: tuple[int, int] | None) -> Iterator[Record]:
    from . import xlsx

    width = len(names)
    keys = list(names)
    if block is not None:
        keys[block[0] : block[1]] = [""] * (block[1] - block[0])
    for row in rows:
        cells = [*row, *[""] * (width - len(row))] if len(row) < width else row[:width]
        problem = None
        if len(row) > width and not xlsx.is_empty(row[width:]):
            problem = _("this row has cells after the header's last column: they were dropped")
        if problem is None and xlsx.is_empty(cells):
            yield Record(None, cells)
            continue
        values = {key: (None if cell == "" else cell) for key, cell in zip(keys, cells, strict=True)}
        yield Record(values, cells, None, problem)


def _without_block(record: Record) -> Record:
    """A JSON Lines row esn wrote, read back: its result keys (``writers.result_block`` over the
    object's keys: the last ones, through ``error``) are left out and computed again; the row is
    then written from its values (its own text held the old results)."""
    values = record.values
    if values is None or not any(key.endswith(ERROR) for key in values):
        return record
    keys = list(values)
    block = result_block(keys)
    if block is None:
        return record
    kept = {key: values[key] for key in keys[: block[0]] + keys[block[1] :]}
    return record._replace(values=kept, text=None)


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


def _text_cell(value: Any, convention: Convention) -> str:
    """A workbook's pass-through cell in a CSV output: its text in the output's convention."""
    import datetime as dt

    if value is None or value == "":
        return ""
    if value is True or value is False:
        return convention.true if value else convention.false
    if type(value) is Decimal:
        text = f"{value:f}"
        return text.replace(".", ",") if convention.decimal_comma else text
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) and value.time() == dt.time(0) else value
        if convention.name == "excel-fr" and type(day) is dt.date:
            return day.strftime("%d/%m/%Y")
        return day.isoformat(sep=" ") if isinstance(day, dt.datetime) else day.isoformat()
    return neutralise(str(value))


def _write(
    core: RowCore,
    table: Table,
    columns: tuple[str, ...],
    out_format: str,
    output: Output,
    convention: Convention,
    rows: fast.Rows,
    tick: Callable[[int], None] | None,
) -> int:
    """The general path: every record answered by the row core, written by the output's writer."""
    stream = output.stream
    header = table.kept()
    allowed = rows.allowed
    book = None
    if out_format == "csv":
        writer = csv_writer(stream, convention.delimiter, convention.newline)
        writer.writerow([neutralise(c) for c in output_header(header, columns)])
    elif out_format == "xlsx":
        from esncli.rules.fields import Money
        from esncli.rules.kinds import ESTIMATES

        from . import xlsx

        names = output_header(header, columns)
        money = {spec.name for estimate in ESTIMATES for spec in estimate.output_fields if isinstance(spec, Money)}
        money_names = [name for name in names[len(header) :] if base_name(name) in money]
        assert output.binary is not None
        book = xlsx.Book(output.binary, output.private_folder(), names, money_names, first_row=max(table.header_row - 1, 0))
    else:
        line = JsonLine(core.params, core.notes)
    number = 0
    for record in table.records:
        number += 1
        if record.values is None and record.problem is None:  # an empty row
            rows.blank()
            cells = table.keep(record.cells or [])
            if out_format == "csv":
                texts = [_text_cell(c, convention) if table.typed else neutralise(c) for c in cells]
                writer.writerow(texts + [""] * (len(columns) + 1) if cells else [])
            elif book is not None:
                book.write([])
            continue
        found, error = answer(core, record.values, record.problem, allowed)
        if error is not None:
            rows.fail(number, error)
        if out_format == "jsonl":
            stream.write(line(record, found, error))
        elif book is not None:
            if record.cells is not None:
                inputs: list[Any] = table.keep(record.cells)
            else:  # JSON Lines to a workbook
                values = record.values or {}
                inputs = [_book_value(values.get(k)) for k in header]
            book.write(inputs + result_values(found, error, columns, core.params))
        elif record.cells is not None:
            cells = table.keep(record.cells)
            texts = [_text_cell(c, convention) for c in cells] if table.typed else [neutralise(c) for c in cells]
            writer.writerow(texts + result_cells(found, error, columns, core.params, convention))
        else:  # JSON Lines to CSV
            values = record.values or {}
            inputs = [passthrough_cell(values.get(k)) for k in header]
            try:
                writer.writerow(inputs + result_cells(found, error, columns, core.params, convention))
            except UnicodeEncodeError:  # a JSON string holding a lone surrogate ("\ud800"), which UTF-8 cannot hold
                if error is None:
                    rows.fail(number, _(UNWRITABLE))
                inputs = [cell.encode("utf-8", "backslashreplace").decode("utf-8") for cell in inputs]
                writer.writerow(inputs + result_cells(None, _(UNWRITABLE), columns, core.params, convention))
        if tick is not None and not number % _PROGRESS_EVERY:
            tick(number)
    if book is not None:
        book.close()
    return number


def _book_value(value: Any) -> Any:
    """A JSON value in a workbook cell: numbers, booleans and text as they are, structures as JSON."""
    if value is None or isinstance(value, str | int | Decimal | bool):
        return value
    from esncli.present.render import dump_json

    return dump_json(value, indent=None)


def write_template(kind_text: str, output_path: str, format_given: str | None, dialect: str | None = None) -> str:
    """``--template KIND``: the columns KIND needs and the guide's example row, written to
    ``output_path`` (CSV, JSON Lines or a workbook); returns the kind."""
    from esncli import i18n

    from .templates import template

    core_kind = RowCore().kind(kind_text)
    header, example = template(core_kind)
    out_format = output_format(output_path, format_given, "csv")
    convention = named(dialect or ("excel-fr" if i18n.language() == "fr" else "plain"), ",")
    output = Output(output_path, binary=out_format == "xlsx", bom=out_format == "csv" and convention.bom)
    try:
        if out_format == "xlsx":
            from . import xlsx

            assert output.binary is not None
            book = xlsx.Book(output.binary, output.private_folder(), header, [])
            book.write(example)
            book.close()
        elif out_format == "jsonl":
            from esncli.present.render import dump_json

            output.stream.write(dump_json({k: v for k, v in zip(header, example, strict=True) if v is not None}, indent=None) + "\n")
        else:
            writer = csv_writer(output.stream, convention.delimiter, convention.newline)
            writer.writerow(header)
            writer.writerow([_text_cell(value, convention) for value in example])
        output.stream.flush()
    except BaseException:
        output.discard()
        raise
    output.commit()
    return core_kind


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
