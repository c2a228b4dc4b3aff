"""Writing the batch's rows: the columns, each answer as CSV cells or JSON values (through the one
serialiser, ``present.serialise``), JSON Lines text, formula neutralising, and the output file
(written beside its target, renamed at the end, removed on failure)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Protocol

from esncli.errors import EsnError
from esncli.i18n import _
from esncli.present.serialise import cell_text, row_values, steps_cell
from esncli.rules.kinds import ESTIMATES
from esncli.rules.model import note_texts

from .core import ZONE, ZONE_COLUMNS, Answer, Estimated, Located
from .dialects import PLAIN, Convention
from .readers import Record

ERROR = "error"
RESULT_PREFIX = "result_"
# OWASP "CSV injection": characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)\Z")


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet will show as text, not run (see ``esncli.batch``)."""
    if cell and cell[0] in FORMULA_STARTS and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def result_columns(steps: bool = False, kinds: Iterable[str] | None = None, notes: bool | None = None) -> tuple[str, ...]:
    """The result columns, in the documented order (without ``error``): eligible, the outputs of
    each estimate in ``rules.kinds`` order, the zone lookup's, warnings, reasons, steps. ``kinds``:
    only the columns of these kinds (issue 12: the kinds a file holds; None for every kind).
    ``reasons`` (constant texts of the data, the same on every row of a branch) only with
    ``notes`` (``--explain notes`` or ``steps``; by default, with the steps)."""
    wanted = None if kinds is None else set(kinds)
    estimates = [estimate for estimate in ESTIMATES if wanted is None or estimate.kind in wanted]
    zone = wanted is None or ZONE in wanted
    names: dict[str, None] = {}
    if estimates:
        names["eligible"] = None
    for estimate in estimates:
        names.update(dict.fromkeys(spec.name for spec in estimate.output_fields))
    if zone:
        names.update(dict.fromkeys(ZONE_COLUMNS))
    if estimates or zone:
        names["warnings"] = None
    if estimates and (steps if notes is None else notes):
        names["reasons"] = None
    if steps and estimates:
        names["steps"] = None
    return tuple(names)


ALL_RESULTS = (*result_columns(steps=True), ERROR)  # every result column esn may write
_RESULTS = frozenset(ALL_RESULTS)


def base_name(name: str) -> str:
    """A result column's name without the ``result_`` prefixes a clash gave it."""
    name = name.strip()
    while name.startswith(RESULT_PREFIX) and name not in _RESULTS:
        name = name[len(RESULT_PREFIX) :]
    return name


def _written_block(names: Sequence[str]) -> tuple[str, ...]:
    """The result block esn writes for the kinds whose result columns are all in ``names``
    (with the reasons and the steps if there): what ``names`` must be to be esn's block."""
    present = set(names)
    kinds = [estimate.kind for estimate in ESTIMATES if all(spec.name in present for spec in estimate.output_fields)]
    if all(name in present for name in ZONE_COLUMNS):
        kinds.append(ZONE)
    return (*result_columns("steps" in present, kinds, "reasons" in present), ERROR)


def result_block(names: Sequence[str]) -> tuple[int, int] | None:
    """Where esn's own result block is in a header (an esn output read back as input): columns
    that are, ``result_`` prefixes aside, exactly the result columns esn writes for some kinds,
    in its order, through ``error``. ``error`` alone is a block only as the last column (what esn
    writes when no row had a known kind). A user's column named like a result elsewhere is not
    in the block and stays an input."""
    bases = [base_name(name) for name in names]
    for end in range(len(bases) - 1, -1, -1):
        if bases[end] != ERROR:
            continue
        for start in range(max(end - len(ALL_RESULTS), 0), end + 1):  # the longest block first
            block = bases[start : end + 1]
            if block[0] in _RESULTS and tuple(block) == _written_block(block):
                if start == end and end != len(bases) - 1:
                    continue
                return start, end + 1
    return None


def output_name(name: str, taken: Iterable[str] | Mapping[str, Any]) -> str:
    """``name``, or ``result_name`` (again if needed) when an input column already has it."""
    while name in taken:
        name = RESULT_PREFIX + name
    return name


def output_header(header: Sequence[str], columns: Sequence[str]) -> list[str]:
    """The input columns, then the result columns and ``error``, renamed where an input has the name."""
    taken = {name.strip() for name in header}
    renamed = []
    for name in (*columns, ERROR):
        new = output_name(name, taken)
        taken.add(new)
        renamed.append(new)
    return [*header, *renamed]


def answer_values(answer: Answer, params: Any, notes: bool = True) -> dict[str, Any]:
    """An answer's results by column, typed: what JSON Lines and ``api.batch_rows`` give
    (``reasons`` only with ``notes``)."""
    if isinstance(answer, Located):
        return {**answer.record, "warnings": list(answer.warnings)}
    outcome, params = answer.outcome, answer.params  # a row's own (its on date), or the run's
    values = row_values(
        outcome.eligible, outcome.outputs, note_texts(outcome.warnings, params), note_texts(outcome.reasons, params), answer.steps
    )
    if not notes:
        del values["reasons"]
    return values


def result_values(answer: Answer | None, error: str | None, columns: Sequence[str], params: Any) -> list[Any]:
    """An answer's results in column order, typed (amounts Decimal, eligible a bool, notes and
    steps joined in one text), then its error; None where a row has no value."""
    cells: list[Any] = [None] * (len(columns) + 1)
    if answer is not None:
        values = answer_values(answer, params)
        if isinstance(answer, Estimated) and answer.steps is not None:
            values["steps"] = steps_cell(answer.steps)  # one line per step, not the JSON list
        for at, name in enumerate(columns):
            value = values.get(name)
            if isinstance(value, list | tuple):
                value = cell_text(value) or None
            cells[at] = value
    cells[-1] = error
    return cells


def result_cells(
    answer: Answer | None, error: str | None, columns: Sequence[str], params: Any, convention: Convention = PLAIN
) -> list[str]:
    """An answer's result cells and its error cell, in column order, neutralised."""
    cell = cell_text if convention.plain_values else convention.cell
    return ["" if value is None else neutralise(cell(value)) for value in result_values(answer, error, columns, params)]


def passthrough_cell(value: Any) -> str:
    """A JSON value of an input column as a CSV cell, as it was written: no rounding (unlike
    results), JSON text for structures."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, dt.date):  # a workbook's date cell
        return value.isoformat()
    from esncli.present.render import dump_json

    return neutralise(dump_json(value, indent=None))


class JsonLine:
    """A row as one line of JSON Lines: its own keys and values (a JSON object's text as it was
    read; a CSV row's cells as JSON strings), then its results and ``error``."""

    def __init__(self, params: Any, notes: bool = True) -> None:
        self.params = params
        self.notes = notes
        self._keys: dict[str, str] = {}

    def key(self, name: str) -> str:
        found = self._keys.get(name)
        if found is None:
            found = json.dumps(name, ensure_ascii=False)
            if len(self._keys) < 4096:
                self._keys[name] = found
        return found

    def head(self, record: Record) -> str:
        """The line up to its results: "{" and the row's own keys and values, each followed by ", "."""
        if record.text is not None:
            head = record.text[:-1].rstrip()  # an object's text ends with its closing brace
            return head if head.endswith("{") else head + ", "
        return "{" + "".join(f"{self.key(name)}: {_json_text(value)}, " for name, value in (record.values or {}).items())

    def __call__(self, record: Record, answer: Answer | None, error: str | None) -> str:
        from esncli.present.render import dump_json

        taken = record.values or {}
        parts = [self.head(record)]
        if answer is not None:
            for name, value in answer_values(answer, self.params, self.notes).items():
                parts.append(f"{self.key(output_name(name, taken))}: {_json_text(value)}, ")
        parts.append(f"{self.key(output_name(ERROR, taken))}: {dump_json(error, indent=None)}}}\n")
        return "".join(parts)


def _json_text(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is Decimal:
        return f"{value:f}"
    if type(value) is int:
        return str(value)
    if isinstance(value, dt.date):  # a workbook's date cell
        return f'"{value.isoformat()}"'
    from esncli.present.render import dump_json

    return dump_json(value, indent=None)


# --------------------------------------------------------------------------------------------
# The output file.


class Output:
    """OUTPUT as a text stream: stdout; a file that is not a regular one (a FIFO, a device,
    ``/dev/stdout``), written through; or a temporary file beside OUTPUT (mode 0600 while it is
    written), given OUTPUT's mode and renamed over it by ``commit``."""

    def __init__(self, path: str, *, binary: bool = False, bom: bool = False) -> None:
        self.path = path
        self.temporary: str | None = None
        self.folder: str | None = None  # a private folder beside OUTPUT (xlsxwriter's temporary files)
        self.target = Path(path)
        self.binary: IO[bytes] | None = None
        if path == "-":
            if sys.stdout is None:  # closed (">&-")
                raise EsnError(_("cannot write to stdout: it is closed"))
            if binary:
                raise EsnError(_("cannot write a workbook to stdout: name an .xlsx file with -o, or use --format csv"))
            sys.stdout.flush()
            self.stream: IO[str] = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
            self._start(bom)
            return
        if self.target.is_dir():
            raise EsnError(_("cannot write {path}: it is a folder").format(path=path))
        if _written_through(self.target):
            try:
                if binary:
                    self.binary = self.target.open("wb")
                    self.stream = io.StringIO()
                else:
                    self.stream = self.target.open("w", encoding="utf-8", newline="")
                    self._start(bom)
            except OSError as exc:
                raise EsnError(_("cannot write {path}: {problem}").format(path=path, problem=exc.strerror)) from None
            return
        self.target = self.target.resolve()  # a symbolic link keeps pointing at the new file
        folder = self.target.parent
        try:
            fd, self.temporary = tempfile.mkstemp(dir=folder, prefix=_temporary_prefix(self.target), suffix=".part")
        except FileNotFoundError:
            raise EsnError(_("cannot write {path}: no folder {folder!r}").format(path=path, folder=str(Path(path).parent))) from None
        except OSError as exc:
            raise EsnError(_("cannot write {path}: {problem}").format(path=path, problem=exc.strerror)) from None
        if binary:
            self.binary = open(fd, "wb")  # noqa: SIM115, PTH123 - a descriptor, closed below
            self.stream = io.StringIO()
        else:
            self.stream = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115, PTH123 - a descriptor, closed below
            self._start(bom)

    def _start(self, bom: bool) -> None:
        if bom:
            self.stream.write("\ufeff")

    def private_folder(self) -> str:
        """A folder of its own beside OUTPUT (0700), removed with the temporary file: where a
        writer that needs temporary files of its own (xlsxwriter) puts them, never TMPDIR."""
        if self.folder is None:
            parent = self.target.parent if self.temporary is not None else Path.cwd()
            try:
                self.folder = tempfile.mkdtemp(dir=parent, prefix=_temporary_prefix(self.target), suffix=".tmp")
            except OSError:  # a folder esn cannot write in (a FIFO's): the current one, then TMPDIR's
                self.folder = tempfile.mkdtemp(prefix=".esn.", suffix=".tmp")
        return self.folder

    def _remove_folder(self) -> None:
        if self.folder is not None:
            import shutil

            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def commit(self) -> None:
        self._remove_folder()
        if self.temporary is None:
            self._release()
            return
        try:
            self.stream.close()
            if self.binary is not None:
                self.binary.close()
            temporary = Path(self.temporary)
            temporary.chmod(new_file_mode(self.target))  # mkstemp made it 0600 while rows were written
            temporary.replace(self.target)
        except OSError as exc:  # a full disk at the last block, a folder that refuses the rename
            self.discard()
            raise EsnError(_("cannot write {path}: {problem}").format(path=self.path, problem=exc.strerror or exc)) from None
        self.temporary = None

    def discard(self) -> None:
        """After a failure or an interruption: nothing under OUTPUT, no temporary file left."""
        self._remove_folder()
        if self.temporary is None:
            with contextlib.suppress(OSError, ValueError):
                self._release()
            return
        with contextlib.suppress(OSError, ValueError):
            self.stream.close()
        if self.binary is not None:
            with contextlib.suppress(OSError, ValueError):
                self.binary.close()
        with contextlib.suppress(OSError):
            Path(self.temporary).unlink()
        self.temporary = None

    def _release(self) -> None:
        """Stdout or a file written through: flushed, and closed (stdout is left open)."""
        self.stream.flush()
        if self.path == "-":
            self.stream.detach()  # type: ignore[attr-defined]
        else:
            self.stream.close()
            if self.binary is not None:
                self.binary.close()


def _written_through(target: Path) -> bool:
    """Whether OUTPUT is written in place: an existing file that is not a regular one (a FIFO, a
    terminal, /dev/null), or anything under /dev or /proc (``/dev/stdout``, whatever it points
    at): esn never replaces such a name by a file of its own."""
    if target.absolute().parts[1:2] in (("dev",), ("proc",)):
        return True
    try:
        return not stat.S_ISREG(target.stat().st_mode)
    except OSError:
        return False  # no such file yet (or a dangling link): a new file


# mkstemp's name: "." + prefix + 8 random characters + ".part": 15 bytes more than OUTPUT's name.
_TEMPORARY_EXTRA = 15


def _temporary_prefix(target: Path) -> str:
    """ ".out.csv." for out.csv; for a name near the file-name limit, its start only."""
    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    name = target.name.encode(errors="surrogateescape")[: max(limit - _TEMPORARY_EXTRA, 1)]
    return "." + name.decode(errors="ignore") + "."


def new_file_mode(target: Path) -> int:
    """The mode a new output gets: the replaced file's, or what the umask leaves of 0666."""
    try:
        return target.stat().st_mode & 0o7777  # replacing a file: keep its permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def csv_writer(stream: Writable, delimiter: str, newline: str = "\n") -> CsvWriter:
    """The CSV writer of every output line."""
    return CsvWriter(stream, delimiter, newline)


class CsvWriter:
    """csv.writer with "\n" line ends, quoting every cell that holds a line break. Python before
    3.13 quotes only the characters of the writer's own line terminator: a lone "\r" would be
    written bare, and a spreadsheet would end the record there (a formula after it would start
    a row of its own). A row with a "\r" is written by a writer whose terminator is "\r\n",
    which quotes both, and its line end put back to "\n"."""

    def __init__(self, stream: Writable, delimiter: str, newline: str = "\n") -> None:
        self.stream = stream
        self._plain = csv.writer(stream, delimiter=delimiter, lineterminator=newline).writerow
        self._sink = Sink()
        self._quoting = csv.writer(self._sink, delimiter=delimiter, lineterminator="\r\n").writerow
        if newline == "\r\n":  # csv.writer quotes a cell holding "\r" or "\n" itself
            self.writerow = self._plain  # type: ignore[method-assign]

    def writerow(self, row: Sequence[str]) -> None:
        if "\r" in "".join(row):
            self._quoting(row)
            self.stream.write(self._sink.parts.pop()[:-2] + "\n")
        else:
            self._plain(row)


class Sink:
    """A writer's target that keeps what it is given (``parts``), to be written elsewhere."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.write = self.parts.append
