"""Every estimate by kind, the one parser of raw inputs, and ``run`` (parse + compute).

``parse_inputs`` is shared by the CLI options, the prompts, the batch (CSV text, JSON numbers)
and the Python API, so "1 354,50" means the same everywhere and every bad value is refused with
the same message naming the field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from esncli import i18n
from esncli.errors import InputError
from esncli.i18n import _
from esncli.rules import autonomy, daily_allowance, death_capital, dependency, invalidity, social_loan
from esncli.rules.model import Estimate, InputSpec, Result

if TYPE_CHECKING:
    from esncli.parameters import Parameters

__all__ = ["REGISTRY", "InputError", "parse_inputs", "parse_value", "run"]

REGISTRY: dict[str, Estimate] = {
    module.ESTIMATE.kind: module.ESTIMATE for module in (daily_allowance, invalidity, autonomy, dependency, death_capital, social_loan)
}

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009_']")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
# "2140", "8123.45": most values, taken as they are (at most 12 whole digits: see MAX_NUMBER).
_PLAIN = re.compile(r"\d{1,12}(?:\.\d+)?").fullmatch
# No figure a member could give reaches a thousand billion; past it, Decimal's 28 digits of
# precision would no longer hold the cents of the products the rules compute.
MAX_NUMBER = Decimal(10) ** 12
_TRUE = {"true", "yes", "y", "1", "oui", "o", "on"}
_FALSE = {"false", "no", "n", "0", "non", "off"}


def parse_inputs(estimate: Estimate, raw: Mapping[str, Any]) -> Any:
    """The estimate's input dataclass from raw values; InputError naming the field otherwise.

    Keys the estimate does not know are ignored (a batch row may carry an id column); an empty
    value is a missing one."""
    values = {}
    for spec in estimate.specs:
        value = raw.get(spec.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if spec.required:
                raise InputError(spec.name, _("missing ({help})").format(help=_(spec.help)))
            values[spec.name] = spec.default
            continue
        values[spec.name] = parse_value(spec, value)
    inputs = estimate.input_type(**values)
    if estimate.validate is not None:
        estimate.validate(inputs)
    return inputs


def parse_value(spec: InputSpec, value: Any) -> Any:
    """One raw value (str from CSV/CLI/prompts, number or bool from JSON) as ``spec`` says."""
    kind = spec.kind
    if kind == "choice":
        text = str(value).strip().lower()
        if isinstance(value, bool) or text not in spec.choices:
            raise InputError(spec.name, _("expected one of {choices}, got {value!r}").format(choices=", ".join(spec.choices), value=value))
        return text
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise InputError(spec.name, _("expected yes or no, got {value!r}").format(value=value))
    if kind == "date":
        import datetime as dt

        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise InputError(spec.name, _("expected a date YYYY-MM-DD, got {value!r}").format(value=value)) from None
    # Plain digits need none of the tolerant parser's work (and cannot be negative or infinite).
    number = Decimal(value) if type(value) is str and _PLAIN(value) else _number(spec.name, value, percent=kind == "percent")
    if number < 0:
        raise InputError(spec.name, _("cannot be negative, got {value!r}").format(value=value))
    if number >= MAX_NUMBER:
        raise InputError(spec.name, _("too large to be a real figure, got {value!r}").format(value=value))
    if kind == "percent" and number > 100:
        raise InputError(spec.name, _("a rate is a percentage between 0 and 100, got {value!r}").format(value=value))
    if kind == "int" and number != number.to_integral_value():
        raise InputError(spec.name, _("expected a whole number, got {value!r}").format(value=value))
    if spec.minimum is not None and number < spec.minimum:
        raise InputError(spec.name, _("must be at least {minimum}, got {value!r}").format(minimum=i18n.number(spec.minimum), value=value))
    if spec.maximum is not None and number > spec.maximum:
        raise InputError(spec.name, _("must be at most {maximum}, got {value!r}").format(maximum=i18n.number(spec.maximum), value=value))
    return int(number) if kind == "int" else number


def plain_as_is(spec: InputSpec) -> bool:
    """Whether plain digits ("8123.45", matched by ``PLAIN``) are this input's value as they are,
    with nothing to check: an amount without bounds. The batch parses such cells in place."""
    return spec.kind == "money" and spec.minimum is None and spec.maximum is None


PLAIN = _PLAIN


def _number(name: str, value: Any, *, percent: bool) -> Decimal:
    if isinstance(value, bool):
        raise InputError(name, _("expected a number, got {value!r}").format(value=value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(name, _("expected a finite number, got {value!r}").format(value=value))
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError(name, _("expected a finite number, got {value!r}").format(value=value))
        return value
    text = _SPACES.sub("", str(value)).lower()
    for suffix in ("%",) if percent else ("€", "eur"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    if text.lstrip("+-") in ("nan", "inf", "infinity", "snan"):
        raise InputError(name, _("expected a finite number, got {value!r}").format(value=value))
    plain = _decimal_point(text)
    if plain is None or not _NUMBER.fullmatch(plain):
        raise InputError(name, _("expected a number such as 1234.50 or 1 234,50, got {value!r}").format(value=value))
    try:
        return Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid numbers
        raise InputError(name, _("expected a number, got {value!r}").format(value=value)) from None


def _decimal_point(text: str) -> str | None:
    """1 234,50 / 1234,50 / 1,234.50 / 1.234,50 -> 1234.50: the last separator is the decimal
    one when both appear; a lone comma is a decimal comma (French usage, as in the guide)."""
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        whole, _, fraction = text.rpartition(decimal)
        if not re.fullmatch(r"[+-]?\d{1,3}(" + re.escape(grouping) + r"\d{3})*", whole):
            return None
        return whole.replace(grouping, "") + "." + fraction
    if text.count(",") == 1:
        return text.replace(",", ".")
    if text.count(",") > 1 or text.count(".") > 1:
        return None
    return text


def run(kind: str, raw: Mapping[str, Any], params: Parameters | None = None) -> Result:
    """Parse ``raw`` for estimate ``kind`` and compute it with the parameters in force today."""
    try:
        estimate = REGISTRY[kind]
    except KeyError:
        raise InputError("kind", _("unknown estimate {kind!r} (one of {kinds})").format(kind=kind, kinds=", ".join(REGISTRY))) from None
    inputs = parse_inputs(estimate, raw)
    if params is None:
        from esncli import parameters

        params = parameters.current()
    return estimate.compute(inputs, params)
