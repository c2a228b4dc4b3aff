"""Every error esn reports to a person, and the exit codes (the one module that defines them).

``EsnError`` is what the shell (``esncli.cli``) turns into ``esn: <message>`` on stderr and an
exit code; its subclasses say what went wrong in a form programs can read too:

- ``InputError``: an input a user, a batch row or an API call gave is missing or invalid; names
  the field (snake_case);
- ``PlaceError``: a place that matches nothing, or several places (``candidates``);
- ``DataError``: a data file is missing, unreadable or invalid; names the file, line and entry.

Imports nothing of esncli but ``i18n``, so that every other module may import it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from esncli.i18n import _


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # internal error: a bug, reported without a traceback
    USAGE = 2  # usage, not found, ambiguous, invalid input, unreadable data
    BATCH_ROWS_FAILED = 3  # batch: the input was read but some rows failed
    INTERRUPTED = 130  # Ctrl-C (SIGINT); other signals: 128 + the signal (129 SIGHUP, 131 SIGQUIT, 143 SIGTERM)


class Interrupted(KeyboardInterrupt):
    """A run ended by SIGTERM, SIGHUP or SIGQUIT, handled as Ctrl-C is (the shell installs the
    handlers): what is cleaned up on Ctrl-C is cleaned up, and esn exits 128 + ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class EsnError(Exception):
    """An error meant for the user: printed on stderr as is, then exit with ``code``."""

    def __init__(self, message: str, code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class InputError(EsnError):
    """An input is missing or invalid: ``field: problem``, exit 2."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class PlaceError(EsnError):
    """No place, or more than one, answers ``query``.

    ``reason``: ``empty`` (nothing typed), ``ambiguous`` (``candidates`` holds the places it may
    mean) or ``not-found`` (``candidates``, when any, are the closest names)."""

    def __init__(self, query: str, reason: str, candidates: Sequence[Mapping[str, Any]], message: str) -> None:
        super().__init__(message)
        self.query = query
        self.reason = reason
        self.candidates = tuple(candidates)


class DataError(EsnError):
    """A data file is missing, unreadable or invalid.

    ``entry``: where in the file ("places[3] (Kenya).zone"), "" for the whole file; ``line``: its
    line when known; ``problem``: already in the reader's language. ``where`` is the location as a
    program reads it: "line 12: places[3] (Kenya).zone" (English, never shown as such)."""

    def __init__(self, file: str, entry: str, problem: str, *, line: int | None = None) -> None:
        if line is None:
            message = _("invalid data: {file}: {where}: {problem}") if entry else _("invalid data: {file}: {problem}")
        elif entry:
            message = _("invalid data: {file}: line {line}: {where}: {problem}")
        else:
            message = _("invalid data: {file}: line {line}: {problem}")
        super().__init__(message.format(file=file, line=line, where=entry, problem=problem), ExitCode.USAGE)
        self.file = file
        self.entry = entry
        self.line = line
        self.where = entry if line is None else f"line {line}: {entry}" if entry else f"line {line}"
        self.problem = problem
