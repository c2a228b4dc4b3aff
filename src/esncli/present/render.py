"""Output shared by every command: JSON with stable keys, plain or styled text, messages on stderr.

Kept free of heavy imports: ``rich`` is imported only by the functions that draw tables, so
``esn zone lookup`` starts fast (see docs/design-notes.md).
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from esncli import terminal

if TYPE_CHECKING:
    from rich.console import Console


def dump_json(value: Any, indent: int | None = 2) -> str:
    """JSON where a Decimal is written as a number with its own digits (5658.60, not 5658.6)."""
    return _encode(value, indent, 0)


def _encode(value: Any, indent: int | None, level: int) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} as a JSON number")
        return f"{value:f}"
    if isinstance(value, dict):
        items = [f"{json.dumps(str(k), ensure_ascii=False)}: {_encode(v, indent, level + 1)}" for k, v in value.items()]
        return _wrap("{", "}", items, indent, level)
    if isinstance(value, (list, tuple)):
        return _wrap("[", "]", [_encode(v, indent, level + 1) for v in value], indent, level)
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (an undecodable byte of the command line)
            return json.dumps(value, ensure_ascii=True)
    return json.dumps(value, ensure_ascii=False)


def _wrap(opening: str, closing: str, items: list[str], indent: int | None, level: int) -> str:
    if not items:
        return opening + closing
    if indent is None:
        return opening + ", ".join(items) + closing
    inner = "\n" + " " * (indent * (level + 1))
    return opening + inner + ("," + inner).join(items) + "\n" + " " * (indent * level) + closing


def out(text: str = "") -> None:
    stdout().write(text + "\n")


def out_json(value: Any) -> None:
    """``value`` as JSON on stdout; escaped to ASCII (``\\u00e9``) when stdout cannot write every
    character, so that the JSON stays exact where plain text would be degraded."""
    text = dump_json(value)
    out(text if terminal.writes_all(stdout()) or text.isascii() else _NOT_ASCII.sub(_escaped, text))


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _escaped(match: re.Match[str]) -> str:
    return json.dumps(match.group())[1:-1]  # inside a JSON string: non-ASCII is only ever there


def stdout() -> IO[str]:
    """sys.stdout, or OSError(EBADF) when it is closed (">&-": Python sets it to None), which
    the shell reports as a stream that cannot be used (exit 2)."""
    if sys.stdout is None:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    return sys.stdout


class Style:
    """ANSI bold/dim/colour for short plain-text outputs, only on a colour terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    @classmethod
    def for_stdout(cls) -> Style:
        return cls(terminal.current().color_stdout)

    @classmethod
    def for_stderr(cls) -> Style:
        return cls(terminal.current().color_stderr)

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def warn(self, text: str) -> str:
        return self._wrap("33", text)

    def error(self, text: str) -> str:
        return self._wrap("31", text)


def fields_block(rows: Iterable[tuple[str, str]], style: Style, columns: int | None = None) -> str:
    """Aligned "label  value" lines. On a terminal, long values wrap under their own column, to
    the terminal's width (``columns``, detected by default); in a pipe lines are left whole."""
    rows = list(rows)
    width = max((len(label) for label, _ in rows), default=0)
    if columns is None:
        columns = terminal_columns()
    room = columns - width - 2 if columns else 0
    lines = []
    for label, value in rows:
        value_lines = value.split("\n") if value else [""]
        if room >= 20:
            import textwrap

            value_lines = [part for line in value_lines for part in (textwrap.wrap(line, room) or [""])]
        first, *rest = value_lines
        lines.append(f"{style.bold(label.ljust(width))}  {first}")
        lines.extend(f"{' ' * width}  {line}" for line in rest)
    return "\n".join(lines)


def terminal_columns() -> int | None:
    """The width of the terminal stdout is, or None when stdout is not a terminal."""
    if not terminal.current().stdout_tty:
        return None
    import shutil

    return shutil.get_terminal_size().columns


def console(stream: IO[str] | None = None) -> Console:
    """A rich console honouring NO_COLOR and non-terminal streams (plain text, no escapes)."""
    from rich.console import Console

    stream = stream or stdout()
    found = terminal.current()
    is_tty, color = (found.stdout_tty, found.color_stdout) if stream is sys.stdout else (found.stderr_tty, found.color_stderr)

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1 itself; the reader going away is not an error (cli._run).
            raise BrokenPipeError

    plain = not color  # NO_COLOR, TERM=dumb, or not a terminal (unless FORCE_COLOR)
    return _Console(
        file=stream,
        force_terminal=is_tty or color,
        no_color=plain,
        color_system=None if plain else "auto",  # NO_COLOR: no bold or italic either
        highlight=False,
        soft_wrap=False,
        width=None if is_tty else 120,
    )
