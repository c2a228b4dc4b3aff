"""Compile data/guarantees.yaml: the prévoyance and social-aid parameters, OpenFisca style.

Each parameter has a description, a unit, a reference and values keyed by the date they take
effect; the compiled form (kept in the catalog snapshot) holds numbers as text, so that no float
ever touches money. ``esncli.parameters`` reads it as ``Decimal`` and takes from here the
vocabulary a guarantees file is written in (statuses, units, template formats): the arrow goes
from the run-time module to the data's definition, never back.
"""

from __future__ import annotations

import string
from decimal import Decimal, InvalidOperation
from typing import Any

from esncli.catalog.checks import Checker
from esncli.i18n import _

STATUSES = ("active", "cta", "associate", "retired", "spouse")
RATIO_UNITS = ("ratio",)
MONEY_UNITS = ("EUR", "EUR/month", "EUR/quarter", "EUR/year")
COUNT_UNITS = ("months", "quarters", "days", "years", "hours", "index", "level")
UNITS = RATIO_UNITS + MONEY_UNITS + COUNT_UNITS
MAX_DIGITS = 9  # a figure is under a thousand million (the guide's largest are tens of thousands)
MAX_SIGNIFICANT = 12  # significant digits of a figure (the index point: 4.922783)
TEMPLATE_SPECS = ("", "pct", "money")


def compile_guarantees(document: dict[str, Any], file: str) -> dict[str, Any]:
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
        check.keys(entry, where, ("key", "title", "reference", "estimate", "by_status"), ("note", "member_note", "beneficiaries"))
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
                # what the member reads in front of the analyst's reading (issue 10)
                "member_note": _template(
                    check, check.bilingual(entry["member_note"], f"{where}.member_note"), f"{where}.member_note", parameters
                )
                if entry.get("member_note") is not None
                else None,
                "beneficiaries": check.bilingual(entry["beneficiaries"], f"{where}.beneficiaries")
                if entry.get("beneficiaries") is not None
                else None,
            }
        )
    return {"source": dict(source), "statuses": statuses, "parameters": parameters, "entitlements": entitlements}


# A value keyed ``guide:`` rather than by a date: the figure the guide (its current edition) gives,
# which it dates nowhere; it applies to any date (``--on``), compiled with the start date "".
GUIDE = "guide"


def _collect(check: Checker, node: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    """Walk the tree: a mapping with ``values`` is a parameter, any other mapping a folder."""
    for name, child in node.items():
        path = f"{prefix}{name}"
        entry = check.mapping(child, f"parameters.{path}")
        if "values" in entry:
            out[path] = _parameter(check, entry, path)
        else:
            _collect(check, entry, f"{path}.", out)


def _parameter(check: Checker, entry: dict[str, Any], path: str) -> dict[str, Any]:
    path = f"parameters.{path}"  # `where` as in the file, so the error can name its line
    check.keys(entry, path, ("description", "unit", "reference", "values"), ("note", "member_note"))
    unit = check.choice(entry["unit"], f"{path}.unit", UNITS)
    reference = check.mapping(entry["reference"], f"{path}.reference")
    check.keys(reference, f"{path}.reference", ("title",), ("url",))
    values = []
    given = check.mapping(entry["values"], f"{path}.values")
    for date, raw in given.items():
        if date == GUIDE:  # the guide's own figure: no start date, in force on any date (issue 13)
            if len(given) > 1:
                raise check.fail(f"{path}.values", _("a figure of the guide (guide:) is the parameter's only value"))
            values.append(["", _value(check, raw, unit, f"{path}.values.guide")])
            continue
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
        "member_note": check.bilingual(entry["member_note"], f"{path}.member_note") if entry.get("member_note") is not None else None,
        "values": values,
    }


def _value(check: Checker, raw: Any, unit: str, where: str) -> str:
    """The value as exact text: "0.77", "20000", or a fraction "2/3" (ratios only)."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise check.fail(where, _("expected a number, got {value!r}").format(value=raw))
    text = str(raw).strip()
    if isinstance(raw, str) and "/" in text and unit in RATIO_UNITS:
        number = fraction(text)
        if number is None:
            raise check.fail(where, _("expected a number or a fraction such as 2/3, got {value!r}").format(value=raw))
    else:
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise check.fail(where, _("expected a number, got {value!r}").format(value=raw)) from None
    if not number.is_finite():
        raise check.fail(where, _("expected a finite number, got {value!r}").format(value=raw))
    if "/" not in text and (number.adjusted() >= MAX_DIGITS or len(number.as_tuple().digits) > MAX_SIGNIFICANT):
        # 1e400 is finite, but no figure of the guide comes near, and the rules' Decimal products
        # would lose its cents (or fail) past 28 digits.
        raise check.fail(
            where,
            _("expected a figure under {limit} with at most {digits} significant digits, got {value!r}").format(
                limit=f"10^{MAX_DIGITS}", digits=MAX_SIGNIFICANT, value=raw
            ),
        )
    if unit in RATIO_UNITS and not 0 <= number <= 1:
        raise check.fail(where, _("a ratio must be between 0 and 1, got {value!r}").format(value=raw))
    if number < 0:
        raise check.fail(where, _("an amount or a count cannot be negative, got {value!r}").format(value=raw))
    if unit in COUNT_UNITS and number != number.to_integral_value():
        raise check.fail(where, _("expected a whole number of {unit}, got {value!r}").format(unit=unit, value=raw))
    return text


def fraction(text: str) -> Decimal | None:
    """A fraction such as "2/3" as a Decimal; None unless both sides are finite numbers, the second not 0."""
    numerator, _slash, denominator = text.partition("/")
    try:
        top, bottom = Decimal(numerator.strip()), Decimal(denominator.strip())
    except InvalidOperation:
        return None
    if not (top.is_finite() and bottom.is_finite()) or bottom == 0:
        return None
    return top / bottom


def _template(check: Checker, text: dict[str, str], where: str, parameters: dict[str, Any]) -> dict[str, str]:
    """A data text naming parameters ({invalidity.annual_cap:money}): each one must exist, with a
    format ``esncli.parameters.Parameters.fill`` knows."""
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
