"""The conventions of the files counsellors exchange with Excel and LibreOffice (issue 12): how
an output CSV writes its numbers, booleans, byte-order mark and line ends, chosen from the input's
own convention or by ``--dialect``.

- ``excel-fr``: what French Excel writes and reads ("CSV (séparateur : point-virgule)"): ``;``,
  decimal commas, ``VRAI`` / ``FAUX``, UTF-8 with a BOM (without it, French Excel reads UTF-8 as
  cp1252 and garbles the accents), CRLF;
- ``excel``: ``,``, decimal points, ``TRUE`` / ``FALSE``, a BOM, CRLF;
- ``plain``: esn's machine CSV (the input's separator, decimal points, ``true`` / ``false``, no
  BOM, LF), what the batch wrote before issue 12.

Without ``--dialect`` the output follows the input: its separator; decimal commas when its amounts
used them; ``VRAI`` / ``FAUX`` with decimal commas for a ``;`` file in cp1252 or with a BOM (French
Excel's own export); a BOM when the input had one or was cp1252; CRLF when the input had it.
JSON Lines is always plain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from esncli.money import cents_text
from esncli.present.serialise import cell_text

DIALECTS = ("excel-fr", "excel", "plain")
BOM = "\ufeff"


@dataclass(frozen=True)
class Convention:
    """How an output CSV writes what is not text."""

    delimiter: str = ","
    decimal_comma: bool = False
    true: str = "true"
    false: str = "false"
    bom: bool = False
    newline: str = "\n"
    name: str = "plain"

    @property
    def plain_values(self) -> bool:
        """Numbers and booleans as esn's machine CSV writes them (``cell_text``)."""
        return not self.decimal_comma and self.true == "true"

    def amount(self, text: str) -> str:
        """An amount's text to the cent (``13781.60``) in this convention."""
        return text.replace(".", ",") if self.decimal_comma else text

    def cell(self, value: Any) -> str:
        """A result value as a cell (``serialise.cell_text`` with this convention's numbers and
        booleans)."""
        if value is True:
            return self.true
        if value is False:
            return self.false
        if type(value) is Decimal:
            return self.amount(cents_text(value))
        return cell_text(value)


PLAIN = Convention()


def named(name: str, delimiter: str) -> Convention:
    """The convention ``--dialect NAME`` asks for (``plain`` keeps the input's separator)."""
    if name == "excel-fr":
        return Convention(";", True, "VRAI", "FAUX", True, "\r\n", name)
    if name == "excel":
        return Convention(",", False, "TRUE", "FALSE", True, "\r\n", name)
    return Convention(delimiter=delimiter)


def follow(delimiter: str, *, bom: bool, cp1252: bool, crlf: bool, decimal_comma: bool) -> Convention:
    """The input's own convention (no ``--dialect``)."""
    if delimiter == ";" and (bom or cp1252):
        return Convention(";", True, "VRAI", "FAUX", True, "\r\n" if crlf else "\n", "excel-fr")
    return Convention(delimiter, decimal_comma, "true", "false", bom or cp1252, "\r\n" if crlf else "\n", "plain")


# A cell that is a number written with a decimal comma: "1051,50", "8 123,00", "-12,5", "37,5 %".
# Not "2,500" (three digits: the amount parser refuses it as ambiguous) nor "1,234.50".
DECIMAL_COMMA = re.compile(r"\s*[-+]?\d[\d \u00a0\u202f.]*,\d{1,2}\s*(?:%|€)?\s*\Z")

# Booleans as French and English spreadsheets write them, for the flags' parser.
SPREADSHEET_BOOLEANS = {"vrai": "true", "faux": "false"}
