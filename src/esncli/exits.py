"""Exit codes and the one exception type the shell turns into a message and a code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # internal error: a bug, reported without a traceback
    USAGE = 2  # usage, not found, ambiguous, invalid input, unreadable data
    BATCH_ROWS_FAILED = 3  # batch: the input was read but some rows failed
    INTERRUPTED = 130  # Ctrl-C


class EsnError(Exception):
    """An error meant for the user: printed on stderr as is, then exit with ``code``."""

    def __init__(self, message: str, code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
