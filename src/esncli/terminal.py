"""The one place that knows whether the standard streams are terminals (httpie's idea).

Tests replace ``current`` with ``Terminal(stdin_tty=True, ...)`` to exercise terminal-only
paths without a real terminal.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Terminal:
    stdin_tty: bool
    stdout_tty: bool
    stderr_tty: bool
    no_color: bool
    force_color: bool = False

    @classmethod
    def detect(cls) -> Terminal:
        force = os.environ.get("FORCE_COLOR", "") not in ("", "0")
        return cls(
            stdin_tty=_isatty(sys.stdin),
            stdout_tty=_isatty(sys.stdout),
            stderr_tty=_isatty(sys.stderr),
            # NO_COLOR (no-color.org) wins; TERM=dumb (Emacs shells, some CI logs) has no
            # escape codes unless FORCE_COLOR asks for them.
            no_color=os.environ.get("NO_COLOR", "") != "" or (os.environ.get("TERM") == "dumb" and not force),
            force_color=force,
        )

    @property
    def interactive(self) -> bool:
        """Prompts may run only when a person can answer them: stdin is a terminal (stdout may
        be a pipe or a file; ``prompts.conversation`` then draws the questions on the terminal)."""
        return self.stdin_tty

    @property
    def color_stdout(self) -> bool:
        return (self.stdout_tty or self.force_color) and not self.no_color

    @property
    def color_stderr(self) -> bool:
        return (self.stderr_tty or self.force_color) and not self.no_color


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


# Characters the guide's texts use that an ASCII or Latin-1 terminal cannot show, and what to show.
_NEAREST = {
    "€": "EUR",
    "—": "-",
    "–": "-",
    "‑": "-",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
    "…": "...",
    "•": "*",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}


def _nearest(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: what the stream cannot encode, as its nearest ASCII ("€" -> "EUR",
    "é" -> "e", "œ" -> "oe"); "?" when there is none."""
    import unicodedata  # here: only a stream that cannot write everything gets here

    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    parts = []
    for char in text:
        found = _NEAREST.get(char)
        if found is None:
            found = (
                unicodedata.normalize("NFKD", char.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae"))
                .encode("ascii", "ignore")
                .decode()
            )
        parts.append(found or "?")
    return "".join(parts), error.end


def degrade_what_cannot_be_written() -> None:
    """stdout and stderr write the characters their encoding lacks (``PYTHONIOENCODING=ascii``, an
    ISO-8859-1 locale, ``LC_ALL=C``) as their nearest ASCII instead of failing. A UTF-8 stream is
    left alone (it can write everything)."""
    codecs.register_error("esn-nearest", _nearest)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not writes_all(stream):
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="esn-nearest")  # type: ignore[union-attr]


def writes_all(stream: object) -> bool:
    """Whether ``stream`` encodes every character (a UTF encoding)."""
    try:
        return codecs.lookup(stream.encoding).name.startswith("utf")  # type: ignore[attr-defined]
    except (AttributeError, LookupError, TypeError):
        return False


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
