"""Writing the batch's rows: the columns, each answer as CSV cells or JSON values (through the one
serialiser, ``present.serialise``), JSON Lines text, formula neutralising, and the output file
(written beside its target, renamed at the end, removed on failure)."""

from __future__ import annotations

import contextlib
import csv
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

from .core import ZONE_COLUMNS, Answer, Estimated, Located
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


def result_columns(steps: bool = False) -> tuple[str, ...]:
    """The result columns of all kinds, in the documented order (without ``error``): eligible,
    the outputs of each estimate in ``rules.kinds`` order, the zone lookup's, warnings, reasons."""
    names: dict[str, None] = {"eligible": None}
    for estimate in ESTIMATES:
        names.update(dict.fromkeys(spec.name for spec in estimate.output_fields))
    names.update(dict.fromkeys(ZONE_COLUMNS))
    names.update(dict.fromkeys(("warnings", "reasons")))
    if steps:
        names["steps"] = None
    return tuple(names)


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


def answer_values(answer: Answer, params: Any) -> dict[str, Any]:
    """An answer's results by column, typed: what JSON Lines and ``api.batch_rows`` give."""
    if isinstance(answer, Located):
        return {**answer.record, "warnings": list(answer.warnings)}
    outcome, params = answer.outcome, answer.params  # a row's own (its on date), or the run's
    return row_values(
        outcome.eligible, outcome.outputs, note_texts(outcome.warnings, params), note_texts(outcome.reasons, params), answer.steps
    )


def result_cells(answer: Answer | None, error: str | None, columns: Sequence[str], params: Any) -> list[str]:
    """An answer's result cells and its error cell, in column order, neutralised."""
    cells = [""] * (len(columns) + 1)
    if answer is not None:
        values = answer_values(answer, params)
        if isinstance(answer, Estimated) and answer.steps is not None:
            values["steps"] = steps_cell(answer.steps)  # one line per step, not the JSON list
        for at, name in enumerate(columns):
            if name in values:
                cells[at] = neutralise(cell_text(values[name]))
    if error is not None:
        cells[-1] = neutralise(error)
    return cells


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
    from esncli.present.render import dump_json

    return neutralise(dump_json(value, indent=None))


class JsonLine:
    """A row as one line of JSON Lines: its own keys and values (a JSON object's text as it was
    read; a CSV row's cells as JSON strings), then its results and ``error``."""

    def __init__(self, params: Any) -> None:
        self.params = params
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
            for name, value in answer_values(answer, self.params).items():
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
    from esncli.present.render import dump_json

    return dump_json(value, indent=None)


# --------------------------------------------------------------------------------------------
# The output file.


class Output:
    """OUTPUT as a text stream: stdout; a file that is not a regular one (a FIFO, a device,
    ``/dev/stdout``), written through; or a temporary file beside OUTPUT (mode 0600 while it is
    written), given OUTPUT's mode and renamed over it by ``commit``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.temporary: str | None = None
        self.target = Path(path)
        if path == "-":
            if sys.stdout is None:  # closed (">&-")
                raise EsnError(_("cannot write to stdout: it is closed"))
            sys.stdout.flush()
            self.stream: IO[str] = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
            return
        if self.target.is_dir():
            raise EsnError(_("cannot write {path}: it is a folder").format(path=path))
        if _written_through(self.target):
            try:
                self.stream = self.target.open("w", encoding="utf-8", newline="")
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
        self.stream = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115, PTH123 - a descriptor, closed below

    def commit(self) -> None:
        if self.temporary is None:
            self._release()
            return
        try:
            self.stream.close()
            temporary = Path(self.temporary)
            temporary.chmod(_new_file_mode(self.target))  # mkstemp made it 0600 while rows were written
            temporary.replace(self.target)
        except OSError as exc:  # a full disk at the last block, a folder that refuses the rename
            self.discard()
            raise EsnError(_("cannot write {path}: {problem}").format(path=self.path, problem=exc.strerror or exc)) from None
        self.temporary = None

    def discard(self) -> None:
        """After a failure or an interruption: nothing under OUTPUT, no temporary file left."""
        if self.temporary is None:
            with contextlib.suppress(OSError, ValueError):
                self._release()
            return
        with contextlib.suppress(OSError, ValueError):
            self.stream.close()
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


def _new_file_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777  # replacing a file: keep its permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def csv_writer(stream: Writable, delimiter: str) -> CsvWriter:
    """The CSV writer of every output line."""
    return CsvWriter(stream, delimiter)


class CsvWriter:
    """csv.writer with "\n" line ends, quoting every cell that holds a line break. Python before
    3.13 quotes only the characters of the writer's own line terminator: a lone "\r" would be
    written bare, and a spreadsheet would end the record there (a formula after it would start
    a row of its own). A row with a "\r" is written by a writer whose terminator is "\r\n",
    which quotes both, and its line end put back to "\n"."""

    def __init__(self, stream: Writable, delimiter: str) -> None:
        self.stream = stream
        self._plain = csv.writer(stream, delimiter=delimiter, lineterminator="\n").writerow
        self._sink = Sink()
        self._quoting = csv.writer(self._sink, delimiter=delimiter, lineterminator="\r\n").writerow

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
