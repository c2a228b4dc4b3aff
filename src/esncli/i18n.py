"""The reader's language: messages (gettext catalogs), money, numbers and dates.

Language: ``--lang`` (any command), else ``ESN_LANG``, else the locale (``LC_ALL``, then
``LC_MESSAGES``, then ``LANG``: a value starting with ``fr`` means French); English otherwise.

Messages are written in English in the code, marked ``_("...")``, and translated through the
gettext catalog ``locale/fr/LC_MESSAGES/esn.po`` (compiled to ``esn.mo``), maintained with Babel:
see docs/translating.md. Texts that live in the data (notes, procedures, contacts) carry both
languages there and are picked with ``pick``. JSON and CSV stay language-neutral: same keys,
plain numbers, ISO dates.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from gettext import NullTranslations

LANGUAGES = ("en", "fr")
DOMAIN = "esn"
LOCALE_DIR = Path(__file__).with_name("locale")

_explicit: str | None = None
_found: str | None = None  # the language the environment gives, read once (set_language reads it again)
_catalogs: dict[str, NullTranslations] = {}


def set_language(lang: str | None) -> None:
    """Force the language (``--lang``); None: back to the environment (read again)."""
    global _explicit, _found
    _explicit = lang
    _found = None


def language() -> str:
    global _found
    if _explicit is not None:
        return _explicit
    if _found is None:
        _found = _from_environment()
    return _found


def _from_environment() -> str:
    wanted = os.environ.get("ESN_LANG", "").strip().lower()
    if wanted in LANGUAGES:
        return wanted
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:  # the first one set decides, as in POSIX
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def _catalog(lang: str) -> NullTranslations:
    if lang not in _catalogs:
        import gettext

        _catalogs[lang] = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)
    return _catalogs[lang]


def _(message: str) -> str:
    """``message`` (English) in the reader's language."""
    lang = language()
    if lang == "en":
        return message
    return _catalog(lang).gettext(message)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; translate it with ``_`` where shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    lang = language()
    if lang == "en":
        return singular if count == 1 else plural
    return _catalog(lang).ngettext(singular, plural, count)


def pick(text: Mapping[str, str] | None) -> str | None:
    """A text the data gives in both languages ({en: ..., fr: ...}), in the reader's."""
    if text is None:
        return None
    return text.get(language()) or text["en"]


# Numbers: French "13 781,60" (the guide's way, with a no-break space between thousands),
# English "13,781.60". Whole amounts print without decimals, as in the guide ("8 520 €").
NBSP = "\u00a0"
_CENT = Decimal("0.01")


def number(value: Decimal | int, *, decimals: bool | None = None) -> str:
    """``decimals``: None prints cents only when there are some; True always."""
    amount = Decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP)
    whole = amount == amount.to_integral_value()
    text = f"{amount:,.0f}" if whole and not decimals else f"{amount:,.2f}"
    if language() == "fr":
        return text.replace(",", NBSP).replace(".", ",")
    return text


def money(value: Decimal | int, *, decimals: bool = True) -> str:
    """French "5 658,60 €", English "€5,658.60"."""
    text = number(value, decimals=decimals or None)
    if language() == "fr":
        return f"{text}{NBSP}€"
    return f"-€{text[1:]}" if text.startswith("-") else f"€{text}"


def percent(ratio: Decimal) -> str:
    """0.70 -> French "70 %", English "70%"."""
    value = (Decimal(ratio) * 100).normalize()
    text = f"{value:f}"
    if language() == "fr":
        return f"{text.replace('.', ',')}{NBSP}%"
    return f"{text}%"


def date(day: dt.date) -> str:
    """French "31/12/2026", English "2026-12-31"."""
    return day.strftime("%d/%m/%Y") if language() == "fr" else day.isoformat()


def fold(text: str) -> str:
    """Case and accents folded, outer blanks dropped: "Retraité " -> "retraite" (how the choices
    members type are compared, in either language)."""
    import unicodedata  # here: the commands that compare no choice do not load it

    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
