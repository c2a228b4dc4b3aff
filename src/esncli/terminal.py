"""The one place that knows whether the standard streams are terminals (httpie's idea).

Tests replace ``current`` with ``Terminal(stdin_tty=True, ...)`` to exercise terminal-only
paths without a real terminal.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Terminal:
    stdin_tty: bool
    stdout_tty: bool
    stderr_tty: bool
    no_color: bool

    @classmethod
    def detect(cls) -> Terminal:
        return cls(
            stdin_tty=_isatty(sys.stdin),
            stdout_tty=_isatty(sys.stdout),
            stderr_tty=_isatty(sys.stderr),
            no_color="NO_COLOR" in os.environ and os.environ["NO_COLOR"] != "",
        )

    @property
    def interactive(self) -> bool:
        """Prompts may run only when a person can answer them."""
        return self.stdin_tty and self.stdout_tty

    @property
    def color_stdout(self) -> bool:
        return self.stdout_tty and not self.no_color

    @property
    def color_stderr(self) -> bool:
        return self.stderr_tty and not self.no_color


def err(text: str) -> bool:
    """A line on stderr, if there is one to write to: closed (``2>&-``: ``sys.stderr`` is None),
    gone (a hung-up terminal) or full, the line is lost, never the command. Whether it was
    written."""
    stream = sys.stderr
    if stream is None:
        return False
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):
        return False
    return True


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):  # closed or replaced stream
        return False


_override: Terminal | None = None


def current() -> Terminal:
    return _override if _override is not None else Terminal.detect()


def override(terminal: Terminal | None) -> None:
    """Tests: force what ``current()`` returns (None restores detection)."""
    global _override
    _override = terminal
