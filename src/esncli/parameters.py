"""The prévoyance and social-aid parameters (data/guarantees.yaml), OpenFisca style.

Each parameter has a description, a unit, a reference and values keyed by the date they take
effect. ``compile_guarantees`` validates the YAML into a JSON-able form (kept in the catalog
snapshot; numbers as text so that no float ever touches money); ``current(on)`` gives the values
in force on a date, as ``Decimal``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import string
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from esncli.errors import EsnError

STATUSES = ("active", "cta", "associate", "retired", "spouse")
RATIO_UNITS = ("ratio",)
MONEY_UNITS = ("EUR", "EUR/month", "EUR/quarter", "EUR/year")
COUNT_UNITS = ("months", "quarters", "days", "years", "hours", "index", "level")
UNITS = RATIO_UNITS + MONEY_UNITS + COUNT_UNITS
TEMPLATE_SPECS = ("", "pct", "money")


def compile_guarantees(document: dict[str, Any], file: str) -> dict[str, Any]:
    from esncli.catalog.checks import Checker
    from esncli.i18n import _

    check = Checker(file)
    check.keys(document, _("top level"), ("source", "statuses", "parameters", "entitlements"))
    source = check.mapping(document["source"], "source")
    check.keys(source, "source", ("title", "file"))

    raw_statuses = check.mapping(document["statuses"], "statuses")
    for status in STATUSES:
        if status not in raw_statuses:
            raise check.fail("statuses", _("missing status '{status}'").format(status=status))
    statuses = {}
    for status, names in raw_statuses.items():
        check.choice(status, "statuses", STATUSES)
        statuses[status] = check.bilingual(names, f"statuses.{status}")

    parameters: dict[str, Any] = {}
    _collect(check, check.mapping(document["parameters"], "parameters"), "", parameters)

    entitlements = []
    seen: set[str] = set()
    for i, raw in enumerate(check.sequence(document["entitlements"], "entitlements")):
        where = f"entitlements[{i}]"
        entry = check.mapping(raw, where)
        check.keys(entry, where, ("key", "title", "reference", "estimate", "by_status"), ("note", "beneficiaries"))
        key = str(check.text(entry["key"], f"{where}.key"))
        if key in seen:
            raise check.fail(f"{where}.key", _("duplicate entitlement '{key}'").format(key=key))
        seen.add(key)
        where = f"entitlements[{i}] ({key})"
        by_status = {}
        for status, text in check.mapping(entry["by_status"], f"{where}.by_status").items():
            check.choice(status, f"{where}.by_status", STATUSES)
            by_status[status] = _template(
                check, check.bilingual(text, f"{where}.by_status.{status}"), f"{where}.by_status.{status}", parameters
            )
        entitlements.append(
            {
                "key": key,
                "title": check.bilingual(entry["title"], f"{where}.title"),
                "reference": check.text(entry["reference"], f"{where}.reference"),
                "estimate": check.text(entry["estimate"], f"{where}.estimate", optional=True),
                "by_status": {s: by_status[s] for s in STATUSES if s in by_status},
                "note": _template(check, check.bilingual(entry["note"], f"{where}.note"), f"{where}.note", parameters)
                if entry.get("note") is not None
                else None,
                "beneficiaries": check.bilingual(entry["beneficiaries"], f"{where}.beneficiaries")
                if entry.get("beneficiaries") is not None
                else None,
            }
        )
    return {"source": dict(source), "statuses": statuses, "parameters": parameters, "entitlements": entitlements}


def _collect(check: Any, node: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    """Walk the tree: a mapping with ``values`` is a parameter, any other mapping a folder."""
    for name, child in node.items():
        path = f"{prefix}{name}"
        entry = check.mapping(child, f"parameters.{path}")
        if "values" in entry:
            out[path] = _parameter(check, entry, path)
        else:
            _collect(check, entry, f"{path}.", out)


def _parameter(check: Any, entry: dict[str, Any], path: str) -> dict[str, Any]:
    from esncli.i18n import _

    path = f"parameters.{path}"  # `where` as in the file, so the error can name its line
    check.keys(entry, path, ("description", "unit", "reference", "values"), ("note",))
    unit = check.choice(entry["unit"], f"{path}.unit", UNITS)
    reference = check.mapping(entry["reference"], f"{path}.reference")
    check.keys(reference, f"{path}.reference", ("title",), ("url",))
    values = []
    for date, raw in check.mapping(entry["values"], f"{path}.values").items():
        when = check.date(date, f"{path}.values")
        values.append([when, _value(check, raw, unit, f"{path}.values.{when}")])
    if not values:
        raise check.fail(f"{path}.values", _("expected at least one dated value"))
    values.sort()
    return {
        "description": check.text(entry["description"], f"{path}.description"),
        "unit": unit,
        "reference": {k: check.text(v, f"{path}.reference.{k}") for k, v in reference.items()},
        "note": check.bilingual(entry["note"], f"{path}.note") if entry.get("note") is not None else None,
        "values": values,
    }


def _value(check: Any, raw: Any, unit: str, where: str) -> str:
    """The value as exact text: "0.77", "20000", or a fraction "2/3" (ratios only)."""
    from esncli.i18n import _

    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise check.fail(where, _("expected a number, got {value!r}").format(value=raw))
    text = str(raw).strip()
    if isinstance(raw, str) and "/" in text and unit in RATIO_UNITS:
        number = _fraction(text)
        if number is None:
            raise check.fail(where, _("expected a number or a fraction such as 2/3, got {value!r}").format(value=raw))
    else:
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise check.fail(where, _("expected a number, got {value!r}").format(value=raw)) from None
    if not number.is_finite():
        raise check.fail(where, _("expected a finite number, got {value!r}").format(value=raw))
    if unit in RATIO_UNITS and not 0 <= number <= 1:
        raise check.fail(where, _("a ratio must be between 0 and 1, got {value!r}").format(value=raw))
    if number < 0:
        raise check.fail(where, _("an amount or a count cannot be negative, got {value!r}").format(value=raw))
    if unit in COUNT_UNITS and number != number.to_integral_value():
        raise check.fail(where, _("expected a whole number of {unit}, got {value!r}").format(unit=unit, value=raw))
    return text


def _fraction(text: str) -> Decimal | None:
    numerator, _, denominator = text.partition("/")
    try:
        top, bottom = Decimal(numerator.strip()), Decimal(denominator.strip())
    except InvalidOperation:
        return None
    if not (top.is_finite() and bottom.is_finite()) or bottom == 0:
        return None
    return top / bottom


def _number(text: str) -> Decimal:
    return _fraction(text) if "/" in text else Decimal(text)  # type: ignore[return-value]


class _Template(string.Formatter):
    """Texts naming parameters: ``{invalidity.annual_cap:money}`` (a dotted name is one key)."""

    def __init__(self, lookup: Any) -> None:
        self.lookup = lookup

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        return self.lookup(field_name), field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        return value(format_spec) if callable(value) else str(value)


def _template(check: Any, text: dict[str, str], where: str, parameters: dict[str, Any]) -> dict[str, str]:
    from esncli.i18n import _

    for lang, body in text.items():
        try:
            fields = [(name, spec) for _literal, name, spec, _conversion in string.Formatter().parse(body) if name is not None]
        except ValueError as exc:
            raise check.fail(f"{where}.{lang}", _("bad template: {reason}").format(reason=exc)) from None
        for name, spec in fields:
            if name not in parameters:
                raise check.fail(f"{where}.{lang}", _("names unknown parameter '{name}'").format(name=name))
            if spec not in TEMPLATE_SPECS:
                raise check.fail(f"{where}.{lang}", _("unknown format ':{spec}' (use :pct or :money)").format(spec=spec))
    return text


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
        return self._meta[path]["note"]  # type: ignore[no-any-return]

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
