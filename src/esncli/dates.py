"""The guide's dates (issue 13): month arithmetic, the sick-leave timelines, the PTA, total
dependency and invalidity dates, and the one parser of the dates members type.

Pure functions over ``datetime.date``, standard library only; esncli is not imported, so any
layer may use this module (the fields' parser, the rules, the batch). Nothing here is worded for a
person: a rule returns dates, periods and enums, and a refusal is a ``DateError`` whose
``problem`` the caller words in the reader's language. The figures the data holds (the PTA's 30
days, the 3-month franchise, the 36-month waiting period, the ages 69 and 70) are arguments, read
by the caller from ``parameters.current(on)``; only the leave table, which data/guarantees.yaml
does not hold yet, is written here (``LEAVE_TABLE``).

Month arithmetic, everywhere (issue 13): a period of N months from D ends the day before the same
day N months later, or on the last day of that month when that day does not exist; the end is
inclusive. See ``months_end``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

__all__ = [
    "LEAVE_TABLE",
    "Basis",
    "DateError",
    "InvalidityYears",
    "Leave",
    "Pay",
    "Period",
    "Problem",
    "Staff",
    "Timeline",
    "capital_due",
    "dependency_first_payment",
    "invalidity_years",
    "leave_timeline",
    "membership_months",
    "months_end",
    "parse_date",
    "pta_payment_start",
    "same_day_months_later",
    "waiting_period_end",
]

ONE_DAY = dt.timedelta(days=1)


class Problem(str, Enum):
    """Why a date was refused (``DateError.problem``); the caller words it."""

    # parse_date
    NOT_A_DATE = "not-a-date"  # neither 2024-02-01 nor 01/02/2024 (or a line break, a time of day)
    TWO_DIGIT_YEAR = "two-digit-year"  # 01/02/24: which century?
    NO_SUCH_DAY = "no-such-day"  # 2023-02-29, 31/04/2024
    MONTH_FIRST = "month-first"  # 02/13/2024: only month/day/year reads it; esn reads day/month/year
    AMBIGUOUS = "ambiguous"  # 01/02/2024 where day/month is not the convention: both readings (DateError.readings)
    YEAR_OUT_OF_RANGE = "year-out-of-range"  # outside YEARS: a typo (2204), not a member's date
    # the rules
    NEGATIVE_DURATION = "negative-duration"  # months_end(d, -1): a programming error, not an input
    BEFORE_START = "before-start"  # a date before the start it follows (half pay before the leave, `on` before membership)
    HALF_PAY_START_REQUIRED = "half-pay-start-required"  # contract staff on CMO: durations by seniority
    LEAVE_NOT_FOR_STAFF = "leave-not-for-staff"  # CLM or CLD for contract staff, CGM for a civil servant


class DateError(ValueError):
    """A date refused: ``problem`` says why, ``value`` is what was given, ``readings`` the dates
    an ambiguous text may mean (day/month first, then month/day). ``str()`` is for developers;
    a person is told ``problem`` in their language by the caller."""

    def __init__(self, problem: Problem, value: object = None, readings: tuple[dt.date, ...] = ()) -> None:
        super().__init__(problem.value, value, *readings)
        self.problem = problem
        self.value = value
        self.readings = readings


# --- Month arithmetic -----------------------------------------------------------------------


def same_day_months_later(day: dt.date, months: int) -> dt.date | None:
    """The same day of the month ``months`` later, or None when that month has no such day
    (31 January + 1 month: no 31 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if day.day > calendar.monthrange(year, month + 1)[1]:
        return None
    return dt.date(year, month + 1, day.day)


def months_end(start: dt.date, months: int) -> dt.date:
    """The last day (inclusive) of a period of ``months`` months from ``start``.

    The issue's rule, read literally: the day before the same day ``months`` later; when that
    day does not exist, the last day of that month (not the day before it):

    - 2024-01-01 + 1 month -> 2024-01-31; 2024-01-15 -> 2024-02-14;
    - 2024-01-29 -> 2024-02-28 (29 February exists: the day before it);
    - 2024-01-30 and 2024-01-31 -> 2024-02-29 (no 30 or 31 February: February's last day);
    - 2023-01-29, 30, 31 -> 2023-02-28; 2024-02-29 + 12 months -> 2025-02-28 (no 29 February 2025).

    So the next period starts the 1st of the month after when the day does not exist. Periods
    that follow one another are counted from the same start (``months_end(start, 3)``, then
    ``months_end(start, 12)``), never from the end of the previous one: from the 29th to the
    31st, 3 months then 9 months from the day after would not make the 12 months from the start
    (2024-01-31: 3 months end 2024-04-30, 9 more from 2024-05-01 end 2025-01-31, 12 months end
    2025-01-30). ``months`` 0 is an empty period: it ends the day before ``start``.
    """
    if months < 0:
        raise DateError(Problem.NEGATIVE_DURATION, months)
    later = same_day_months_later(start, months)
    if later is not None:
        return later - ONE_DAY
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


# --- Sick-leave timelines -------------------------------------------------------------------
# Guide, "Comment sont définis les principaux congés maladie de la Fonction publique ?" (p. 12-13):
# « Congé Maladie Ordinaire (CMO) : Fonctionnaires (1 an maximum) : 3 mois à plein traitement puis
# 9 mois à demi-traitement ; Agents contractuels (selon l'ancienneté dans le service) : Durée à
# plein et à demi-traitement selon l'ancienneté dans le service » (column « Fonctionnaires et
# agents contractuels (plus de 4 mois d'ancienneté dans le service) »);
# « Congé Longue Maladie (CLM) » (Fonctionnaires): « 1 an à plein traitement puis 2 ans à
# demi-traitement »; « Congé Grave Maladie (CGM) » (« Agents contractuels (plus de 3 ans
# d'ancienneté) »): « 1 an à plein traitement puis 2 ans à demi-traitement »; « Congé Longue
# Durée (CLD) » (Fonctionnaires): « 3 ans à plein traitement puis 2 ans à demi-traitement ».
# Matthieu's example (p. 12-13) holds them for a first leave: « On considère ici qu'il s'agit d'un
# premier arrêt de travail ». The allowance (AJ) starts with half pay: « La prise en charge débute
# à compter du passage à demi-traitement », « À partir du 4ème mois d'arrêt de travail »
# (Matthieu), and is paid « tant que vous percevez un demi-traitement » (note (1)). Pages 12-13 of the guide (« Voir pages 12 et 13 »).


class Leave(str, Enum):
    CMO = "cmo"  # Congé Maladie Ordinaire
    CLM = "clm"  # Congé Longue Maladie
    CGM = "cgm"  # Congé Grave Maladie
    CLD = "cld"  # Congé Longue Durée


class Staff(str, Enum):
    CIVIL_SERVANT = "civil-servant"  # fonctionnaire
    CONTRACT = "contract"  # agent contractuel


class Pay(str, Enum):
    FULL = "full"  # plein traitement
    HALF = "half"  # demi-traitement (with the AJ)


class Basis(str, Enum):
    """Where a timeline's dates come from."""

    TABLE = "table"  # the guide's table, for a first leave
    GIVEN = "given"  # the member's half-pay dates (not a first leave, or contract staff on CMO)


# (leave, staff) -> (months on full pay, months on half pay); None: by seniority in the service
# (the table gives no figure: the member gives the half-pay start). A pair missing is a leave the
# table does not give that staff.
LEAVE_TABLE: dict[tuple[Leave, Staff], tuple[int, int] | None] = {
    (Leave.CMO, Staff.CIVIL_SERVANT): (3, 9),
    (Leave.CMO, Staff.CONTRACT): None,
    (Leave.CLM, Staff.CIVIL_SERVANT): (12, 24),
    (Leave.CGM, Staff.CONTRACT): (12, 24),
    (Leave.CLD, Staff.CIVIL_SERVANT): (36, 24),
}


@dataclass(frozen=True, slots=True)
class Period:
    """``start`` to ``end``, both inclusive (JSON: ``{from, to, pay}``); ``end`` None: not known
    (half pay lasts while it lasts and no end was given)."""

    start: dt.date
    end: dt.date | None
    pay: Pay


@dataclass(frozen=True, slots=True)
class Timeline:
    """A leave's periods in order (full pay, then half pay: no full-pay period when half pay
    starts with the leave); the allowance runs with half pay: ``allowance_start`` is the start of
    half pay, ``allowance_end`` its end (None: not known)."""

    leave: Leave
    staff: Staff
    periods: tuple[Period, ...]
    allowance_start: dt.date
    allowance_end: dt.date | None
    basis: Basis


def leave_timeline(
    leave: Leave,
    start: dt.date,
    *,
    staff: Staff = Staff.CIVIL_SERVANT,
    half_pay_start: dt.date | None = None,
    half_pay_end: dt.date | None = None,
) -> Timeline:
    """Full pay, then half pay with the allowance, for a leave starting ``start``.

    Without ``half_pay_start``, the guide's table for a first leave (``Basis.TABLE``): N months
    on full pay from ``start``, half pay until N + M months from ``start`` (``months_end``:
    both counted from the start). Contract staff on CMO have no figure in the table: their
    ``half_pay_start`` is required (``Problem.HALF_PAY_START_REQUIRED``).

    With a ``half_pay_start`` other than the table's (a later leave, or contract staff), the
    table's durations no longer say when half pay ends: ``allowance_end`` is ``half_pay_end``
    when given, else None (not known), ``Basis.GIVEN``. A ``half_pay_start`` equal to the
    table's keeps the table's end. A ``half_pay_end`` replaces the end in either case.

    Refused: a leave the table does not give that staff (CLM or CLD for contract staff, CGM for
    civil servants: ``Problem.LEAVE_NOT_FOR_STAFF``); a half-pay start before the leave, or an
    end before the half-pay start (``Problem.BEFORE_START``).
    """
    if (leave, staff) not in LEAVE_TABLE:
        raise DateError(Problem.LEAVE_NOT_FOR_STAFF, (leave.value, staff.value))
    durations = LEAVE_TABLE[leave, staff]
    table_half: dt.date | None = None
    table_end: dt.date | None = None
    if durations is not None:
        full_months, half_months = durations
        table_half = months_end(start, full_months) + ONE_DAY
        table_end = months_end(start, full_months + half_months)
    if half_pay_start is None:
        if table_half is None:
            raise DateError(Problem.HALF_PAY_START_REQUIRED, (leave.value, staff.value))
        half_pay_start = table_half
    if half_pay_start < start:
        raise DateError(Problem.BEFORE_START, half_pay_start)
    basis = Basis.TABLE if half_pay_start == table_half else Basis.GIVEN
    end = table_end if basis is Basis.TABLE else None
    if half_pay_end is not None:
        if half_pay_end < half_pay_start:
            raise DateError(Problem.BEFORE_START, half_pay_end)
        if half_pay_end != end:
            basis, end = Basis.GIVEN, half_pay_end
    periods = [Period(start, half_pay_start - ONE_DAY, Pay.FULL)] if half_pay_start > start else []
    periods.append(Period(half_pay_start, end, Pay.HALF))
    return Timeline(leave, staff, tuple(periods), half_pay_start, end, basis)


# --- PTA ---------------------------------------------------------------------------------------


def pta_payment_start(stoppage_start: dt.date, franchise_days: int) -> dt.date:
    """The first day the PTA is owed: the day after ``franchise_days`` days of stoppage, day 1
    being ``stoppage_start`` (30 days: the 31st day, 2024-02-01 -> 2024-03-02).

    Guide, "Allocation Perte Temporaire d'Autonomie" (p. 16): « la prestation est versée après un
    délai de franchise de 30 jours, soit à compter du 31ème jour continu d'arrêt de travail »
    (``autonomy.franchise_days``). Continuous days: a stoppage broken before then starts over, which
    the caller cannot know from one date.
    """
    if franchise_days < 0:
        raise DateError(Problem.NEGATIVE_DURATION, franchise_days)
    return stoppage_start + dt.timedelta(days=franchise_days)


# --- Total dependency ----------------------------------------------------------------------------


def dependency_first_payment(dependency_start: dt.date, franchise_months: int) -> dt.date:
    """The first day the dependency annuity is owed: the day after ``franchise_months`` months
    of total dependency from ``dependency_start`` (``months_end``): 2024-01-15 -> 2024-04-15,
    2024-01-31 -> 2024-05-01 (3 months end 30 April), 2023-11-30 -> 2024-03-01.

    Guide, "Rente et forfait dépendance totale" (p. 17): « Elle est versée tant que dure l'état de
    dépendance totale (premier versement à l'issue d'un délai de franchise de 3 mois continus) »
    (``dependency.franchise_months``). « À l'issue de » is read as the day after the franchise's last
    day; the guide gives no payment day within the month (a reading, to be said as such).
    """
    return months_end(dependency_start, franchise_months) + ONE_DAY


def waiting_period_end(membership_start: dt.date, waiting_months: int) -> dt.date:
    """The last day (inclusive) of the waiting period: ``waiting_months`` months from
    ``membership_start`` (``months_end``); covered from the day after.

    Guide, summary table, note (6): « Délai d'attente de 36 mois » (``dependency.waiting_period_months``).
    The guide does not say from when it runs; the data's note reads it as from joining the
    prévoyance cover, which is what ``membership_start`` must be.
    """
    return months_end(membership_start, waiting_months)


def membership_months(membership_start: dt.date, on: dt.date) -> int:
    """Whole months of membership completed before ``on`` (the day of the event): the largest n
    whose n months from ``membership_start`` end before ``on``. So ``membership_months(s, on) >=
    n`` exactly when ``on > waiting_period_end(s, n)``: an event on the waiting period's last day
    falls within it. Replaces ``--membership-months`` when the start is known.

    ``on`` before ``membership_start``: ``Problem.BEFORE_START``.
    """
    if on < membership_start:
        raise DateError(Problem.BEFORE_START, on)
    # A first guess from the calendar months, then at most one step back: months_end grows with n.
    months = (on.year - membership_start.year) * 12 + on.month - membership_start.month
    # (the n-th month ends in on's month or the one before, so n - 1 months end before on; and
    # n + 1 months end after on, or on on's month's last day, so the guess is never short).
    if months > 0 and months_end(membership_start, months) >= on:
        months -= 1
    return months


# --- Invalidity ----------------------------------------------------------------------------------


class InvalidityYears(NamedTuple):
    annuity_until: int  # the year of the 69th birthday: the last year of the annuity
    capital_year: int  # the year of the 70th birthday: the capital replaces the annuity


def invalidity_years(birth_date: dt.date, *, annuity_until_age: int, capital_age: int) -> InvalidityYears:
    """The calendar years of the member's ``annuity_until_age`` and ``capital_age`` birthdays
    (69 and 70: born 1955-03-10 -> annuity until 2024, capital in 2025).

    Guide, "Allocations d'invalidité" (p. 14-15): « Prestation temporaire reconduite automatiquement
    chaque année jusqu'aux 69 ans de l'adhérent » and « Versement d'un capital l'année des 70 ans,
    calculé sur la base d'une prestation réévaluée l'année des 69 ans »; note (2): « se référer au
    Règlement mutualiste MISP ». Years, not days: the Règlement sets the dates
    (``invalidity.annuity_until_age``, ``invalidity.capital_age``).
    """
    return InvalidityYears(birth_date.year + annuity_until_age, birth_date.year + capital_age)


def capital_due(birth_date: dt.date, on: dt.date, *, capital_age: int) -> bool:
    """Whether the year of the ``capital_age`` birthday (70) is that of ``on`` or earlier: the
    capital replaces the annuity « l'année des 70 ans », so an estimate made on ``on`` for such a
    member is of a capital, not of an annuity to come."""
    return birth_date.year + capital_age <= on.year


# --- What members type -----------------------------------------------------------------------------

# Years a member's date falls in (a birth date, a leave, a membership); outside them a date is a
# typo (2204, 1024), refused rather than computed with.
YEARS = range(1900, 2201)

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d+)", re.ASCII)
_BLANKS = " \t\u00a0\u202f"


def parse_date(value: object, *, day_first: bool = False) -> dt.date:
    """A date as members type it, or from JSON Lines or the API.

    - ISO ``2024-02-01`` (or ``2024-2-1``) always;
    - ``dd/mm/yyyy`` (``1/2/2024`` too) read day first, the French order the guide writes in;
      never month first. ``02/13/2024``, which only month/day/year reads, is refused
      (``Problem.MONTH_FIRST``). When both readings are dates and differ (``01/02/2024``: 1 February,
      or 2 January in American usage) it is read day first only when ``day_first`` (the reader is
      French, the file French), else refused with both readings (``Problem.AMBIGUOUS``,
      ``DateError.readings``), as the amount parser refuses "2,500";
    - a ``datetime.date``; a ``datetime.datetime`` at midnight (a spreadsheet's date cell).

    Refused: a two-digit year (``01/02/24``), a day the calendar lacks (``2023-02-29``), a year
    outside ``YEARS``, anything else (a time of day, a line break, a number).
    """
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0) or value.tzinfo is not None:
            raise DateError(Problem.NOT_A_DATE, value)
        value = value.date()
    if isinstance(value, dt.date):
        _check_year(value.year, value)
        return value
    if not isinstance(value, str):
        raise DateError(Problem.NOT_A_DATE, value)
    text = value.strip(_BLANKS)
    iso = _ISO.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        _check_year(year, value)
        found = _maybe_day(year, month, day)
        if found is None:
            raise DateError(Problem.NO_SUCH_DAY, value)
        return found
    slashed = _SLASHED.fullmatch(text)
    if not slashed:
        raise DateError(Problem.NOT_A_DATE, value)
    first, second, year_text = slashed.groups()
    if len(year_text) != 4:
        raise DateError(Problem.TWO_DIGIT_YEAR if len(year_text) <= 2 else Problem.NOT_A_DATE, value)
    year, day, month = int(year_text), int(first), int(second)
    _check_year(year, value)
    day_month = _maybe_day(year, month, day)
    month_day = _maybe_day(year, day, month)
    if day_month is None:
        raise DateError(Problem.MONTH_FIRST if month_day is not None else Problem.NO_SUCH_DAY, value)
    if month_day is not None and month_day != day_month and not day_first:
        raise DateError(Problem.AMBIGUOUS, value, (day_month, month_day))
    return day_month


def _maybe_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _check_year(year: int, value: object) -> None:
    if year not in YEARS:
        raise DateError(Problem.YEAR_OUT_OF_RANGE, value)
