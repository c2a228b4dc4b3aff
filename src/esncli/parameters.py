"""The prévoyance and social-aid parameters (data/guarantees.yaml), OpenFisca style.

Each parameter has a description, a unit, a reference and values keyed by the date they take
effect. ``esncli.catalog.guarantees`` validates the YAML into a JSON-able form (kept in the
catalog snapshot; numbers as text so that no float ever touches money) and defines the statuses
and units, re-exported here; ``current(on)`` gives the values in force on a date, as ``Decimal``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import string
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from esncli.catalog.guarantees import COUNT_UNITS, MONEY_UNITS, RATIO_UNITS, STATUSES, TEMPLATE_SPECS, UNITS, fraction
from esncli.errors import EsnError

__all__ = [
    "COUNT_UNITS",
    "MONEY_UNITS",
    "RATIO_UNITS",
    "STATUSES",
    "TEMPLATE_SPECS",
    "UNITS",
    "Parameters",
    "current",
    "format_value",
]


def _number(text: str) -> Decimal:
    return fraction(text) if "/" in text else Decimal(text)  # type: ignore[return-value]


class _Template(string.Formatter):
    """Texts naming parameters: ``{invalidity.annual_cap:money}`` (a dotted name is one key)."""

    def __init__(self, lookup: Any) -> None:
        self.lookup = lookup

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        return self.lookup(field_name), field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        return value(format_spec) if callable(value) else str(value)


class Parameters:
    """The parameters in force on one date (``on``), as Decimal values."""

    def __init__(self, data: Mapping[str, Any], on: dt.date) -> None:
        self.on = on
        self.data = data
        self._meta: Mapping[str, Any] = data["parameters"]
        self._values: dict[str, Decimal] = {}
        self._texts: dict[str, str] = {}
        self._since: dict[str, str] = {}
        # Read by the rules on every call (the batch: a million rows): indexed once.
        self._entitled = {e["key"]: tuple(e["by_status"]) for e in data["entitlements"]}
        day = on.isoformat()
        for path, meta in self._meta.items():
            in_force = [(since, text) for since, text in meta["values"] if since <= day]
            if in_force:
                since, text = in_force[-1]
                self._values[path] = _number(text)
                self._texts[path] = text
                self._since[path] = since

    def value(self, path: str) -> Decimal:
        try:
            return self._values[path]
        except KeyError:
            if path in self._meta:
                from esncli.i18n import _

                message = _("parameter {path} has no value in force on {date}")
                raise EsnError(message.format(path=path, date=self.on.isoformat())) from None
            raise KeyError(path) from None

    def text(self, path: str) -> str:
        """The value as written in the data ("2/3", "0.70", "5907.34")."""
        self.value(path)
        return self._texts[path]

    def since(self, path: str) -> str:
        self.value(path)
        return self._since[path]

    def reference(self, path: str) -> str:
        return str(self._meta[path]["reference"]["title"])

    def note(self, path: str) -> dict[str, str] | None:
        """The data's note on a parameter: a reading of the guide, for whoever checks the data."""
        return self._meta[path]["note"]  # type: ignore[no-any-return]

    def member_note(self, path: str) -> dict[str, str] | None:
        """The plain sentence a member reads in front of that note (None: the note is plain)."""
        return self._meta[path].get("member_note")  # type: ignore[no-any-return]

    def unit(self, path: str) -> str:
        return str(self._meta[path]["unit"])

    def description(self, path: str) -> str:
        return str(self._meta[path]["description"])

    def paths(self) -> tuple[str, ...]:
        return tuple(self._values)

    @property
    def statuses(self) -> Mapping[str, dict[str, str]]:
        return self.data["statuses"]  # type: ignore[no-any-return]

    @property
    def entitlements(self) -> list[dict[str, Any]]:
        return self.data["entitlements"]  # type: ignore[no-any-return]

    def entitled(self, key: str) -> tuple[str, ...]:
        """The statuses the summary table gives entitlement ``key`` to (data, not code)."""
        return self._entitled[key]

    def entitlement(self, key: str) -> dict[str, Any]:
        for entry in self.data["entitlements"]:
            if entry["key"] == key:
                return entry  # type: ignore[no-any-return]
        raise KeyError(key)

    def fill(self, template: str, lang: str | None = None, money: Any = None, pct: Any = None) -> str:
        """A data text with its parameters written in: {path:pct} 70 %, {path:money} 20 000 €.

        ``lang``: the convention of the numbers (default: the reader's language); ``money`` and
        ``pct`` (Decimal -> str) let a renderer format them its own way."""

        def lookup(path: str) -> Any:
            value = self.value(path)
            text = self.text(path)
            unit = self.unit(path)

            def show(spec: str) -> str:
                if money is not None and (spec == "money" or (not spec and unit in MONEY_UNITS)):
                    return str(money(value))
                if pct is not None and "/" not in text and (spec == "pct" or (not spec and unit in RATIO_UNITS)):
                    return str(pct(value))
                return format_value(value, unit, spec, lang, text)

            return show

        return _Template(lookup).format(template)


def format_value(value: Decimal, unit: str, spec: str, lang: str | None = None, text: str | None = None) -> str:
    """A parameter's value in a language's convention (default: the reader's), through
    ``esncli.i18n``: French "20 000 €", "70 %"; English "€20,000", "70%". A fraction such as
    the IPP factor "2/3" prints as the guide writes it."""
    from esncli import i18n

    with _language(lang):
        if spec == "pct" or (not spec and unit in RATIO_UNITS):
            if text is not None and "/" in text:
                return text
            return i18n.percent(value)
        if spec == "money" or unit in MONEY_UNITS:
            return i18n.money(value, decimals=False)  # cents only when there are some
        return i18n.number(value)


@contextlib.contextmanager
def _language(lang: str | None) -> Iterator[None]:
    """The i18n formatters in ``lang`` for a moment (a JSON output gives texts in both)."""
    from esncli import i18n

    if lang is None or lang == i18n.language():
        yield
        return
    previous = i18n._explicit  # restored as it was: --lang, or the environment
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(previous)


def event_date(value: Any, *, day_first: bool | None = None) -> dt.date:
    """The date of ``--on``, an ``on`` column or ``on=`` (``dates.parse_date``: 2023-07-01,
    01/07/2023 for a French reader or ``day_first``); InputError("on", ...) in the reader's
    language otherwise."""
    from esncli.rules.fields import Date

    field = Date("on", name="on")
    return field.parse(value) if day_first is None else field.read(value, day_first=day_first)  # type: ignore[no-any-return]


_cache: tuple[Any, dt.date, Parameters] | None = None


def current(on: dt.date | None = None) -> Parameters:
    """The parameters in force on ``on`` (today by default), from ``catalog.load("guarantees")``."""
    global _cache
    from esncli import catalog

    data = catalog.load("guarantees")
    on = on or dt.date.today()
    if _cache is not None and _cache[0] is data and _cache[1] == on:
        return _cache[2]
    params = Parameters(data, on)
    _cache = (data, on, params)
    return params
