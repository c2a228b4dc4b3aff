"""A step's formula ("{reference:money} x {rate:pct} x 12") parsed once and filled in with the
step's values by the formatters of the reader (the explanation) or of JSON and CSV (plain
numbers): a batch with ``--steps`` fills the same few formulas on every row."""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from esncli.money import plain_number

Piece = tuple[str, str | None, Callable[[Any], str], bool]  # literal, value name, its formatter, to Decimal first


@lru_cache(maxsize=1024)
def formula_pieces(formula: str, money: Callable[[Decimal], str], pct: Callable[[Decimal], str]) -> tuple[Piece, ...]:
    """A formula parsed once for these formatters: its literal texts, each followed by a value's
    name and formatter ("{x:money}": money, "{x:pct}": pct, "{x}": a plain number or the value's
    text, such as the fraction "2/3")."""
    pieces = []
    for literal, name, spec, _conversion in string.Formatter().parse(formula):
        if spec == "money":
            pieces.append((literal, name, money, True))
        elif spec == "pct":
            pieces.append((literal, name, pct, True))
        else:
            pieces.append((literal, name, _plain, False))
    return tuple(pieces)


def _plain(value: Any) -> str:
    return plain_number(value) if isinstance(value, Decimal) else str(value)


def fill_formula(pieces: tuple[Piece, ...], values: Mapping[str, Any]) -> str:
    """A formula's pieces (``formula_pieces``) with ``values`` written in."""
    parts = []
    for literal, name, format_value, numeric in pieces:
        parts.append(literal)
        if name is not None:
            value = values[name]
            parts.append(format_value(Decimal(value) if numeric and type(value) is not Decimal else value))
    return "".join(parts)
