"""The fields of an estimate: what each input and output is, said once, and the one parser of a
raw input value.

A rule declares its inputs and outputs as ``NamedTuple`` classes whose annotations carry one of
these fields (``Annotated[Decimal, Money(...)]``); ``rules.model.Estimate`` reads them. Every
front door derives from the same field: the CLI option and its help, the question a prompt asks
and the parser that checks the answer, the API's keyword argument and docstring, the batch
column, the label in the explanation, the JSON value.

Texts are English gettext message ids (``N_``), translated where shown. A help text may quote a
parameter, ``{invalidity.bonus_cap_rate:pct}``: it is filled with the value in force when shown.

``parse`` reads what people and files give: text from the command line, a prompt or a CSV cell
("1 354,50", "37 %", "Active"), numbers and booleans from JSON Lines or the API. An empty value
is a missing one. A bad value raises ``InputError`` naming the field.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from esncli import i18n
from esncli.errors import InputError
from esncli.i18n import _, fold
from esncli.money import CENT

# No figure a member could give reaches a thousand billion; past it, Decimal's 28 digits of
# precision would no longer hold the cents of the products the rules compute.
MAX_NUMBER = Decimal(10) ** 12


def plain_cents(text: str) -> bool:
    """``plain`` with at most two decimals: an amount as it is ("8123.45"). Written out rather
    than calling ``plain``: the batch asks it of every amount it has not seen."""
    whole, point, fraction = text.partition(".")
    return whole.isdigit() and len(whole) <= 12 and text.isascii() and (not point or (fraction.isdigit() and len(fraction) <= 2))


def plain(text: str) -> bool:
    """Whether ``text`` is plain ASCII digits with at most 12 before an optional decimal point
    ("2140", "8123.45"): most values, taken as they are (see MAX_NUMBER). String methods rather
    than a regular expression: a batch asks a million times."""
    whole, point, fraction = text.partition(".")
    return whole.isdigit() and len(whole) <= 12 and text.isascii() and (not point or fraction.isdigit())


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009_']")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_TRUE = frozenset({"true", "yes", "y", "1", "oui", "o", "on"})
_FALSE = frozenset({"false", "no", "n", "0", "non", "off"})


@dataclass(frozen=True)
class When:
    """A condition on an input declared before the one it guards (``Field.asked_when``): that
    input's value is one of ``values``; or one of the statuses the summary table entitles to
    ``entitled`` (data: guarantees.yaml, entitlements); or, a number, is ``below``, ``at_least``
    or ``equals`` the parameter that path names. Figures and statuses are read from the
    parameters in force, never written here."""

    name: str
    values: tuple[str, ...] = ()
    entitled: str = ""
    below: str = ""
    at_least: str = ""
    equals: str = ""

    def holds(self, value: Any, params: Any) -> bool:
        """Whether the condition holds for ``value`` (parsed), under ``params``."""
        if self.entitled:
            return value in params.entitled(self.entitled)
        if self.below:
            return bool(value < params.value(self.below))
        if self.at_least:
            return bool(value >= params.value(self.at_least))
        if self.equals:
            return bool(value == params.value(self.equals))
        return value in self.values


@dataclass(frozen=True)
class Field:
    """One input or output. ``name``, ``required`` and ``default`` come from the NamedTuple
    that declares it (``Estimate`` binds them); the rest is said where the field is declared.

    - ``label``: how people read the name (the explanation's line, the prompt's question);
    - ``help``: one line for ``--help``, under the prompt and in the API docstring;
    - ``choose``: how the input is offered when one of several inputs is enough (``OneOf``);
    - ``asked_when``: ``(When("status", entitled="autonomy"),)``: an optional input that is
      needed, and asked, only when every condition on the inputs before it holds (the answer
      is decided otherwise: a retired member's age for the PTA); ``missing`` is then the
      message. The CLI's check, the batch's and the walkthrough's questions all read it;
    - ``replaced_by``: an input that, given, takes this one's place (the membership's start for
      its months): this one is then not needed, whatever ``asked_when`` says;
    - ``asked_first``: an optional input the walkthrough asks before the others, its default
      offered, because it sets their limits (the loan type);
    - ``hidden_when``: ``("payment", ("capital",))``: an output the explanation leaves out when
      that output has one of these values (an annual amount that is not paid)."""

    kind: ClassVar[str] = ""
    label: str
    help: str = ""
    choose: str = ""
    asked_when: tuple[When, ...] = ()
    missing: str = ""
    replaced_by: str = ""
    asked_first: bool = False
    hidden_when: tuple[str, tuple[str, ...]] | None = None
    name: str = ""
    required: bool = False
    default: Any = None

    @property
    def option(self) -> str:
        """The CLI option: base_salary -> --base-salary."""
        return "--" + self.name.replace("_", "-")

    @property
    def metavar(self) -> str:
        return "VALUE"

    def parse(self, value: Any) -> Any:
        """``value`` (not empty) as this field holds it; InputError otherwise."""
        raise NotImplementedError

    def fail(self, message: str, value: Any, **values: Any) -> InputError:
        """InputError naming this field; ``message`` (translated) is filled with ``value``."""
        return InputError(self.name, message.format(value=value, **values))


def given(value: Any) -> bool:
    """Empty cells, blank strings and None mean "not given"; so do a DataFrame's empty cells:
    a float NaN (numpy's too) and pandas' ``NA`` and ``NaT``, recognised without importing
    numpy or pandas. The text "nan" is given (and refused by the parser), as is Decimal NaN."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value) and not value.isspace()
    if isinstance(value, float):
        return not math.isnan(value)
    if type(value).__name__ in _EMPTY_CELLS:
        return False
    value = scalar(value)
    return not isinstance(value, float) or not math.isnan(value)


# pandas' markers of a missing value (pd.NA, pd.NaT), by name: pandas stays optional.
_EMPTY_CELLS = frozenset({"NAType", "NaTType"})


def scalar(value: Any) -> Any:
    """A numpy scalar (``np.float64(2140.0)``, ``np.int64(2)``, ``np.bool_``) as the Python value
    it holds, found by what it has (``ndim`` 0 and ``item()``), not by importing numpy; anything
    else as it is (a Series, whose ``ndim`` is 1, stays a Series and is refused as one)."""
    if type(value) in _PLAIN or getattr(value, "ndim", None) != 0 or not hasattr(value, "item"):
        return value
    return value.item()


_PLAIN = frozenset({str, int, float, bool, Decimal})


def whole(value: Any) -> Any:
    """A number that is a whole number as an ``int`` (``2.0`` -> 2, as a DataFrame holds a
    category or a count in a column with missing values), so that a choice reads it as "2";
    anything else as it is."""
    value = scalar(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True)
class Number(Field):
    """A number; ``minimum`` and ``maximum`` bound it (inclusive)."""

    minimum: Decimal | None = None
    maximum: Decimal | None = None

    def parse(self, value: Any) -> Any:
        # Plain digits need none of the tolerant parser's work (and cannot be negative or infinite).
        number = Decimal(value) if type(value) is str and plain(value) else self.number(value)
        return self.check(number, value)

    def number(self, value: Any) -> Decimal:
        return parse_number(value, self.name, suffixes=("€", "eur"))

    def check(self, number: Decimal, value: Any) -> Any:
        if number < 0:
            raise self.fail(_("cannot be negative, got {value!r}"), value)
        if number >= MAX_NUMBER:
            raise self.fail(_("too large to be a real figure, got {value!r}"), value)
        if self.minimum is not None and number < self.minimum:
            raise self.fail(_("must be at least {minimum}, got {value!r}"), value, minimum=i18n.number(self.minimum))
        if self.maximum is not None and number > self.maximum:
            raise self.fail(_("must be at most {maximum}, got {value!r}"), value, maximum=i18n.number(self.maximum))
        return number


@dataclass(frozen=True)
class Money(Number):
    """An amount in euros, ``per`` month or year (or neither); ``summed``: the CLI takes it
    several times and adds them up (half pay + maintained bonuses)."""

    kind: ClassVar[str] = "money"
    per: str | None = None
    summed: bool = False

    @property
    def metavar(self) -> str:
        return "EUR"

    @property
    def plain_as_is(self) -> bool:
        """Whether plain digits to the cent ("8123.45", ``plain_cents``) are the value as they
        are: an amount without bounds, nothing to check."""
        return self.minimum is None and self.maximum is None

    def check(self, number: Decimal, value: Any) -> Any:
        number = super().check(number, value)
        if number.as_tuple().exponent < -2 and number != number.quantize(CENT):  # type: ignore[operator]
            # 2140.555 is not rounded silently: the member says which cent.
            raise self.fail(_("an amount is to the cent: {value!r} has more than two decimals"), value)
        return number


@dataclass(frozen=True)
class Percent(Number):
    """A rate in percent, 0 to 100 ("37", "37 %", "59,99")."""

    kind: ClassVar[str] = "percent"

    @property
    def metavar(self) -> str:
        return "PCT"

    def number(self, value: Any) -> Decimal:
        return parse_number(value, self.name, suffixes=("%",))

    def check(self, number: Decimal, value: Any) -> Any:
        number = super().check(number, value)
        if number > 100:
            raise self.fail(_("a rate is a percentage between 0 and 100, got {value!r}"), value)
        return number


@dataclass(frozen=True)
class Count(Number):
    """A whole number (an age, months, quarters, children)."""

    kind: ClassVar[str] = "count"

    @property
    def metavar(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            return f"{self.minimum}-{self.maximum}"
        return "N"

    def check(self, number: Decimal, value: Any) -> Any:
        number = super().check(number, value)
        if number != number.to_integral_value():
            raise self.fail(_("expected a whole number, got {value!r}"), value)
        return int(number)


@dataclass(frozen=True)
class Year(Count):
    """A calendar year (2025), written as it is, never grouped ("2 025")."""

    kind: ClassVar[str] = "year"


@dataclass(frozen=True)
class Option:
    """One value of a ``Choice`` (or of a ``Text`` output): ``label`` is how the explanation shows
    it (default: the value itself); ``title`` how a prompt's list offers it (default: the value,
    then the label); ``aliases``: what else people type for it (folded: case, accents). The title
    may quote parameters, as help texts do. ``summary``: for an output, the sentence the
    explanation opens its result with when the output has this value (a capital, a suspension),
    instead of "not eligible"."""

    value: str
    label: str = ""
    title: str = ""
    aliases: tuple[str, ...] = ()
    summary: str = ""


@dataclass(frozen=True)
class Choice(Field):
    """One of a few values (a status, a category, a loan type)."""

    kind: ClassVar[str] = "choice"
    options: tuple[Option, ...] = ()
    _lookup: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for option in self.options:
            for spelling in (option.value, *option.aliases):
                self._lookup[fold(spelling)] = option.value

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    @property
    def metavar(self) -> str:
        values = self.values
        return "|".join(values) if all(v.isdigit() for v in values) else self.name.upper()

    def option_of(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def parse(self, value: Any) -> Any:
        value = whole(value)
        found = None if isinstance(value, bool) else self._lookup.get(fold(str(value)))
        if found is None:
            raise self.fail(_("expected one of {choices}, got {value!r}"), value, choices=", ".join(self.values))
        return found


@dataclass(frozen=True)
class Flag(Field):
    """Yes or no (``--recalculation``; "oui", "true", "1" in a file)."""

    kind: ClassVar[str] = "flag"

    def parse(self, value: Any) -> Any:
        value = whole(value)
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise self.fail(_("expected yes or no, got {value!r}"), value)


@dataclass(frozen=True)
class Date(Field):
    """A day: 2024-02-01 or 01/02/2024 (``dates.parse_date``: day first, never month first; a
    date both orders read differently is read day first for a French reader, else refused with
    both readings); a date from JSON Lines, a spreadsheet cell or the API. As an output, a date
    in ISO form in JSON and CSV, in the reader's convention in the explanation."""

    kind: ClassVar[str] = "date"

    @property
    def metavar(self) -> str:
        return "DATE"

    def parse(self, value: Any) -> Any:
        return self.read(value, day_first=i18n.language() == "fr")

    def read(self, value: Any, *, day_first: bool) -> Any:
        """``parse``, 01/02/2024 read day first when ``day_first`` (a French reader, or a French
        spreadsheet's file: the batch's ``RowCore.day_first``), else refused as ambiguous."""
        from esncli import dates

        try:
            return dates.parse_date(value, day_first=day_first)
        except dates.DateError as error:
            raise InputError(self.name, date_problem(error)) from None


def date_problem(error: Any) -> str:
    """A refused date (``dates.DateError``) in the reader's language."""
    from esncli.dates import Problem

    value = error.value
    if error.problem is Problem.TWO_DIGIT_YEAR:
        return _("{value!r}: give the year in four digits (01/02/2024)").format(value=value)
    if error.problem is Problem.NO_SUCH_DAY:
        return _("{value!r} is not a day of the calendar").format(value=value)
    if error.problem is Problem.MONTH_FIRST:
        return _("{value!r} reads only month first; esn reads day/month/year or YYYY-MM-DD").format(value=value)
    if error.problem is Problem.AMBIGUOUS:
        day_month, month_day = error.readings
        return _("{value!r} is ambiguous: {first} (day/month) or {second} (month/day); write it YYYY-MM-DD").format(
            value=value, first=day_month.isoformat(), second=month_day.isoformat()
        )
    if error.problem is Problem.YEAR_OUT_OF_RANGE:
        return _("{value!r}: the year is out of range (1900 to 2200)").format(value=value)
    return _("{value!r} is not a date (use YYYY-MM-DD or DD/MM/YYYY)").format(value=value)


@dataclass(frozen=True)
class Periods(Field):
    """An output that is a leave's timeline: periods ``{from, to, pay}`` (``dates.Period``)."""

    kind: ClassVar[str] = "periods"


@dataclass(frozen=True)
class Text(Field):
    """An output that is a word (a category, a payment)."""

    kind: ClassVar[str] = "text"
    options: tuple[Option, ...] = ()

    def option_of(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


def parse_number(value: Any, name: str, *, suffixes: tuple[str, ...]) -> Decimal:
    """A number from text ("1 234,50", "1,234.50", "2 140 €") or from JSON / Python numbers.

    1 234,50 / 1234,50 / 1,234.50 / 1.234,50 -> 1234.50: the last separator is the decimal one
    when both appear; a lone comma is a decimal comma (French usage, as in the guide)."""
    value = scalar(value)  # np.float64(2140.0), whose repr is no number
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
    text = str(value).strip().lower()
    if "\n" in text or "\r" in text:
        raise InputError(name, _("a number cannot hold a line break, got {value!r}").format(value=value))
    for suffix in suffixes:
        if text.endswith(suffix):
            text = text[: -len(suffix)].rstrip()
    if "€" in suffixes and text.lstrip("+-").startswith("€"):  # esn's own English output: €2,140.00
        sign = text[0] if text[0] in "+-" else ""
        text = sign + text.lstrip("+-")[1:].lstrip()
    if text.lstrip("+-") in ("nan", "inf", "infinity", "snan"):
        raise InputError(name, _("expected a finite number, got {value!r}").format(value=value))
    plain = _decimal_point(_grouped_by_spaces(text, value, name), value, name)
    if plain is None or not _NUMBER.fullmatch(plain):
        raise InputError(name, _("expected a number such as 1234.50 or 1 234,50, got {value!r}").format(value=value))
    try:
        number = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid numbers
        raise InputError(name, _("expected a number, got {value!r}").format(value=value)) from None
    return number.copy_abs() if number.is_zero() else number  # "-0" is 0


def _grouped_by_spaces(text: str, value: Any, name: str) -> str:
    """``text`` without the spaces (or apostrophes, underscores) that group its thousands:
    "2 140,50" -> "2140,50"; "2140 600" is two numbers, not 2 140 600."""
    parts = _SPACES.split(text)
    if len(parts) == 1:
        return text
    whole = "".join(parts)
    first = parts[0][1:] if parts[0][:1] in ("+", "-") else parts[0]
    if not first:  # "- 12": a sign, then the number
        first, parts = parts[1], [parts[0] + parts[1], *parts[2:]]
    groups = [first, *parts[1:]]
    if len(groups) == 1:
        return whole
    # The last group may carry the decimals ("140,50", "140.5").
    last = re.split(r"[.,]", groups[-1], maxsplit=1)[0]
    if 1 <= len(first) <= 3 and first.isdigit() and all(len(g) == 3 and g.isdigit() for g in [*groups[1:-1], last]):
        return whole
    raise InputError(name, _("{value!r} holds several numbers: give one").format(value=value))


def _decimal_point(text: str, value: Any, name: str) -> str | None:
    """``text`` with a decimal point: the last of "," and "." when both appear (the other groups
    thousands); a lone comma is a decimal comma (French usage, as in the guide), except before
    exactly three digits after at most three ("2,500": 2.5 or 2 500?), which is refused with both
    readings; several of the same sign group thousands ("1,234,567")."""
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        whole, _sep, fraction = text.rpartition(decimal)
        if not re.fullmatch(r"[+-]?\d{1,3}(" + re.escape(grouping) + r"\d{3})*", whole):
            return None
        return whole.replace(grouping, "") + "." + fraction
    for mark in (",", "."):
        if text.count(mark) > 1:
            return text.replace(mark, "") if re.fullmatch(r"[+-]?\d{1,3}(" + re.escape(mark) + r"\d{3})+", text) else None
    if "," in text:
        whole, _sep, fraction = text.partition(",")
        if len(fraction) == 3 and fraction.isdigit() and 1 <= len(whole.lstrip("+-")) <= 3 and whole.lstrip("+-").isdigit():
            as_decimals, as_thousands = Decimal(whole + "." + fraction).normalize(), Decimal(whole + fraction)
            decimals = fraction.rstrip("0")
            raise InputError(
                name,
                _(
                    "{value!r} is ambiguous: {decimal} with a decimal comma, or {thousands} with a thousands separator; write {other} for the thousands, {example} for the decimals"
                ).format(
                    value=value,
                    decimal=_plain_text(as_decimals),
                    thousands=i18n.number(as_thousands),
                    other=f"{whole} {fraction}",
                    example=f"{whole},{decimals}" if len(decimals) < 3 else f"{whole}.{fraction}",
                ),
            )
        return whole + "." + fraction
    return text


def _plain_text(number: Decimal) -> str:
    """A number with all its decimals, in the reader's convention (12,345 in French)."""
    text = f"{number:f}"
    return text.replace(".", ",") if i18n.language() == "fr" else text
