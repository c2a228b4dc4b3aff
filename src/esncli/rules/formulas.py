"""A step's formula ("{reference:money} x {rate:pct} x 12", "{start:date} + 30 days") parsed once and filled in with the
step's values by the formatters of the reader (the explanation) or of JSON and CSV (plain
numbers): a batch with ``--steps`` fills the same few formulas on every row.

A value may be ``Words``: message ids (a status, the statuses a guarantee is for), shown in the
reader's language, "a, b or c"."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from esncli.i18n import _
from esncli.money import plain_number

Piece = tuple[str, str | None, Callable[[Any], str], bool]  # literal, value name, its formatter, to Decimal first


@lru_cache(maxsize=1024)
def formula_pieces(
    formula: str, money: Callable[[Decimal], str], pct: Callable[[Decimal], str], date: Callable[[dt.date], str] = dt.date.isoformat
) -> tuple[Piece, ...]:
    """A formula parsed once for these formatters: its literal texts, each followed by a value's
    name and formatter ("{x:money}": money, "{x:pct}": pct, "{x:date}": date, ISO by default,
    "{x}": a plain number or the value's text, such as the fraction "2/3")."""
    pieces: list[Piece] = []
    for literal, name, spec, _conversion in string.Formatter().parse(formula):
        if spec == "money":
            pieces.append((literal, name, money, True))
        elif spec == "pct":
            pieces.append((literal, name, pct, True))
        elif spec == "date":
            pieces.append((literal, name, date, False))
        else:
            pieces.append((literal, name, _plain, False))
    return tuple(pieces)


class Words(tuple[str, ...]):
    """Message ids a formula shows as words in the reader's language: one ("retired member (MP
    retraité)") or several, joined "a, b or c" (the statuses a guarantee is for)."""

    __slots__ = ()

    def text(self) -> str:
        shown = [_(word) for word in self]
        if len(shown) < 2:
            return "".join(shown)
        return _("{some} or {last}").format(some=", ".join(shown[:-1]), last=shown[-1])


def _plain(value: Any) -> str:
    if isinstance(value, Decimal):
        return plain_number(value)
    return value.text() if isinstance(value, Words) else str(value)


def fill_formula(pieces: tuple[Piece, ...], values: Mapping[str, Any]) -> str:
    """A formula's pieces (``formula_pieces``) with ``values`` written in."""
    parts = []
    for literal, name, format_value, numeric in pieces:
        parts.append(literal)
        if name is not None:
            value = values[name]
            parts.append(format_value(Decimal(value) if numeric and type(value) is not Decimal else value))
    return "".join(parts)
