"""The guide's dates (issue 13, esncli.dates): month arithmetic at every boundary (month ends,
leap years, the 29th to the 31st), the leave timelines of the guide's table and Matthieu's
example, the PTA, total dependency and invalidity dates, and the parser of the dates members type.

Exhaustive over every day of 2023-2025 where a rule takes one date; hypothesis over 1900-2200.
The figures the rules take as arguments (30 days, 3 and 36 months, 69 and 70 years) are read from
the shipped data, as the integration will read them."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esncli import parameters
from esncli.dates import (
    LEAVE_TABLE,
    YEARS,
    Basis,
    DateError,
    Leave,
    Pay,
    Period,
    Problem,
    Staff,
    capital_due,
    dependency_first_payment,
    invalidity_years,
    leave_timeline,
    membership_months,
    months_end,
    parse_date,
    pta_payment_start,
    same_day_months_later,
    waiting_period_end,
)

pytestmark = pytest.mark.timeout(120)

D = dt.date
DAY = dt.timedelta(days=1)
SETTINGS = settings(max_examples=300, deadline=None, database=None)
ANY_DAY = st.dates(min_value=D(YEARS.start, 1, 1), max_value=D(YEARS.stop - 1, 12, 31))


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


ALL_DAYS = days(D(2023, 1, 1), D(2025, 12, 31))  # two ordinary years around a leap one


def target_month(start: dt.date, months: int) -> tuple[int, int]:
    year, month = start.year, start.month
    for _ in range(months):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return year, month


@pytest.fixture(scope="module")
def params() -> parameters.Parameters:
    return parameters.current(D(2024, 1, 1))


# --- Month arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2024, 1, 1), 1, D(2024, 1, 31)),
        (D(2024, 1, 15), 1, D(2024, 2, 14)),
        (D(2024, 1, 28), 1, D(2024, 2, 27)),
        (D(2024, 1, 29), 1, D(2024, 2, 28)),  # 29 February 2024 exists: the day before it
        (D(2024, 1, 30), 1, D(2024, 2, 29)),  # no 30 February: February's last day
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # the 2024-01-31
        (D(2023, 1, 29), 1, D(2023, 2, 28)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 2, 29), 1, D(2024, 3, 28)),  # the 2024-02-29
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # no 29 February 2025
        (D(2024, 2, 29), 48, D(2028, 2, 28)),  # 29 February 2028 exists
        (D(2023, 3, 1), 12, D(2024, 2, 29)),
        (D(2024, 3, 31), 1, D(2024, 4, 30)),  # no 31 April
        (D(2024, 5, 31), 1, D(2024, 6, 30)),
        (D(2024, 12, 31), 1, D(2025, 1, 30)),  # across the year
        (D(2024, 12, 1), 1, D(2024, 12, 31)),
        (D(2023, 11, 30), 3, D(2024, 2, 29)),
        (D(2024, 8, 31), 6, D(2025, 2, 28)),
        (D(2024, 1, 31), 0, D(2024, 1, 30)),  # an empty period ends the day before it starts
    ],
)
def test_months_end(start: dt.date, months: int, end: dt.date) -> None:
    assert months_end(start, months) == end


def test_same_day_months_later() -> None:
    assert same_day_months_later(D(2024, 1, 29), 1) == D(2024, 2, 29)
    assert same_day_months_later(D(2024, 1, 30), 1) is None
    assert same_day_months_later(D(2024, 2, 29), 12) is None
    assert same_day_months_later(D(2024, 11, 30), 2) == D(2025, 1, 30)


def test_negative_months_are_refused() -> None:
    with pytest.raises(DateError) as caught:
        months_end(D(2024, 1, 1), -1)
    assert caught.value.problem is Problem.NEGATIVE_DURATION


def test_months_end_is_the_rule_on_every_day_of_2023_to_2025() -> None:
    """The issue's words as properties, every start day, 0 to 40 months."""
    for start in ALL_DAYS:
        previous = start - DAY
        for months in range(41):
            end = months_end(start, months)
            year, month = target_month(start, months)
            last = calendar.monthrange(year, month)[1]
            if start.day <= last:  # the same day exists: the day before it
                assert end + DAY == D(year, month, start.day), (start, months)
            else:  # it does not: the last day of that month
                assert end == D(year, month, last), (start, months)
            assert end > previous or months == 0, (start, months)  # strictly later month by month
            previous = end
        assert months_end(start, 0) == start - DAY
        assert 28 <= (months_end(start, 1) - start).days + 1 <= 31
        assert (months_end(start, 12) - start).days + 1 in (365, 366)


def test_months_end_never_goes_back_as_the_start_moves_on() -> None:
    for months in (1, 3, 9, 12, 36, 60):
        ends = [months_end(start, months) for start in ALL_DAYS]
        assert ends == sorted(ends), months


def test_periods_from_the_29th_to_the_31st_are_counted_from_the_start() -> None:
    """Why timelines count every period from the leave's start: chained from the day after the
    previous end, 3 + 9 months from 31 January make a year and a day."""
    start = D(2024, 1, 31)
    chained = months_end(months_end(start, 3) + DAY, 9)
    assert (chained, months_end(start, 12)) == (D(2025, 1, 31), D(2025, 1, 30))
    # Up to the 28th both ways agree.
    for day in ALL_DAYS:
        if day.day <= 28:
            assert months_end(months_end(day, 3) + DAY, 9) == months_end(day, 12), day


@SETTINGS
@given(ANY_DAY, st.integers(0, 600))
def test_months_end_over_three_centuries(start: dt.date, months: int) -> None:
    end = months_end(start, months)
    later = same_day_months_later(start, months)
    if later is None:
        assert end.day == calendar.monthrange(end.year, end.month)[1] < start.day
        assert (end + DAY).day == 1
    else:
        assert end == later - DAY
    assert months_end(start, months + 1) > end


# --- Leave timelines --------------------------------------------------------------------------


def test_matthieu() -> None:
    """Guide p. 12: « Matthieu, 39 ans, en Congé de Maladie Ordinaire (CMO) d'avril 2022 à mars
    2023 avec passage à demi-traitement en juillet 2022 » (months only: from the 1st)."""
    timeline = leave_timeline(Leave.CMO, D(2022, 4, 1))
    assert timeline.periods == (
        Period(D(2022, 4, 1), D(2022, 6, 30), Pay.FULL),  # « Les 3 premiers mois d'arrêt de travail »
        Period(D(2022, 7, 1), D(2023, 3, 31), Pay.HALF),  # « À partir du 4ème mois »
    )
    assert (timeline.allowance_start, timeline.allowance_end) == (D(2022, 7, 1), D(2023, 3, 31))
    assert timeline.basis is Basis.TABLE
    # Given as the guide gives it, the half-pay start agrees with the table: the same timeline.
    assert leave_timeline(Leave.CMO, D(2022, 4, 1), half_pay_start=D(2022, 7, 1)) == timeline


@pytest.mark.parametrize(
    ("leave", "staff", "start", "half_start", "end"),
    [
        (Leave.CMO, Staff.CIVIL_SERVANT, D(2024, 1, 31), D(2024, 5, 1), D(2025, 1, 30)),  # no 31 April
        (Leave.CMO, Staff.CIVIL_SERVANT, D(2023, 11, 29), D(2024, 2, 29), D(2024, 11, 28)),  # half pay from 29 February
        (Leave.CMO, Staff.CIVIL_SERVANT, D(2023, 11, 30), D(2024, 3, 1), D(2024, 11, 29)),  # full pay to 29 February
        (Leave.CMO, Staff.CIVIL_SERVANT, D(2024, 2, 29), D(2024, 5, 29), D(2025, 2, 28)),
        (Leave.CMO, Staff.CIVIL_SERVANT, D(2024, 12, 31), D(2025, 3, 31), D(2025, 12, 30)),  # 31 March exists
        (Leave.CLM, Staff.CIVIL_SERVANT, D(2024, 2, 29), D(2025, 3, 1), D(2027, 2, 28)),
        (Leave.CLM, Staff.CIVIL_SERVANT, D(2023, 3, 1), D(2024, 3, 1), D(2026, 2, 28)),  # a year with 29 February
        (Leave.CGM, Staff.CONTRACT, D(2023, 3, 31), D(2024, 3, 31), D(2026, 3, 30)),
        (Leave.CGM, Staff.CONTRACT, D(2023, 2, 28), D(2024, 2, 28), D(2026, 2, 27)),
        (Leave.CLD, Staff.CIVIL_SERVANT, D(2020, 2, 29), D(2023, 3, 1), D(2025, 2, 28)),
        (Leave.CLD, Staff.CIVIL_SERVANT, D(2021, 2, 28), D(2024, 2, 28), D(2026, 2, 27)),
        (Leave.CLD, Staff.CIVIL_SERVANT, D(2021, 5, 31), D(2024, 5, 31), D(2026, 5, 30)),
    ],
)
def test_each_leave_at_month_ends(leave: Leave, staff: Staff, start: dt.date, half_start: dt.date, end: dt.date) -> None:
    timeline = leave_timeline(leave, start, staff=staff)
    assert timeline.periods == (Period(start, half_start - DAY, Pay.FULL), Period(half_start, end, Pay.HALF))
    assert (timeline.allowance_start, timeline.allowance_end, timeline.basis) == (half_start, end, Basis.TABLE)
    assert (timeline.leave, timeline.staff) == (leave, staff)


@pytest.mark.parametrize(("leave", "staff"), [key for key, durations in LEAVE_TABLE.items() if durations is not None])
def test_table_timelines_tile_their_months_on_every_day(leave: Leave, staff: Staff) -> None:
    full, half = LEAVE_TABLE[leave, staff]  # type: ignore[misc]
    for start in ALL_DAYS:
        timeline = leave_timeline(leave, start, staff=staff)
        first, second = timeline.periods
        assert first.start == start and first.end == months_end(start, full)
        assert second.start == first.end + DAY and second.end == months_end(start, full + half)  # type: ignore[operator]
        assert timeline.allowance_start == second.start and timeline.allowance_end == second.end


def test_the_table_as_the_guide_gives_it() -> None:
    """« 3 mois à plein traitement puis 9 mois », « 1 an ... puis 2 ans » (CLM, CGM), « 3 ans
    ... puis 2 ans » (CLD); contract staff on CMO « selon l'ancienneté dans le service »."""
    assert LEAVE_TABLE == {
        (Leave.CMO, Staff.CIVIL_SERVANT): (3, 9),
        (Leave.CMO, Staff.CONTRACT): None,
        (Leave.CLM, Staff.CIVIL_SERVANT): (12, 24),
        (Leave.CGM, Staff.CONTRACT): (12, 24),
        (Leave.CLD, Staff.CIVIL_SERVANT): (36, 24),
    }


def test_contract_staff_on_cmo_give_their_half_pay_start() -> None:
    with pytest.raises(DateError) as caught:
        leave_timeline(Leave.CMO, D(2024, 1, 15), staff=Staff.CONTRACT)
    assert caught.value.problem is Problem.HALF_PAY_START_REQUIRED
    timeline = leave_timeline(Leave.CMO, D(2024, 1, 15), staff=Staff.CONTRACT, half_pay_start=D(2024, 2, 15))
    assert timeline.periods == (Period(D(2024, 1, 15), D(2024, 2, 14), Pay.FULL), Period(D(2024, 2, 15), None, Pay.HALF))
    assert (timeline.allowance_start, timeline.allowance_end, timeline.basis) == (D(2024, 2, 15), None, Basis.GIVEN)
    with_end = leave_timeline(Leave.CMO, D(2024, 1, 15), staff=Staff.CONTRACT, half_pay_start=D(2024, 2, 15), half_pay_end=D(2024, 4, 14))
    assert with_end.periods[-1] == Period(D(2024, 2, 15), D(2024, 4, 14), Pay.HALF)
    assert with_end.allowance_end == D(2024, 4, 14)


def test_a_half_pay_start_other_than_the_tables_leaves_the_end_unknown() -> None:
    """Not a first leave: the table's durations no longer say when half pay ends."""
    timeline = leave_timeline(Leave.CLM, D(2024, 1, 10), half_pay_start=D(2024, 6, 1))
    assert timeline.periods == (Period(D(2024, 1, 10), D(2024, 5, 31), Pay.FULL), Period(D(2024, 6, 1), None, Pay.HALF))
    assert (timeline.allowance_end, timeline.basis) == (None, Basis.GIVEN)


def test_half_pay_from_the_first_day_has_no_full_pay_period() -> None:
    timeline = leave_timeline(Leave.CMO, D(2024, 3, 4), half_pay_start=D(2024, 3, 4))
    assert timeline.periods == (Period(D(2024, 3, 4), None, Pay.HALF),)
    assert timeline.allowance_start == D(2024, 3, 4)


def test_a_half_pay_end_replaces_the_tables() -> None:
    table = leave_timeline(Leave.CMO, D(2022, 4, 1))
    assert leave_timeline(Leave.CMO, D(2022, 4, 1), half_pay_end=D(2023, 3, 31)) == table  # the same end: the table's
    ended = leave_timeline(Leave.CMO, D(2022, 4, 1), half_pay_end=D(2022, 12, 15))  # back to work
    assert ended.periods[-1] == Period(D(2022, 7, 1), D(2022, 12, 15), Pay.HALF)
    assert (ended.allowance_end, ended.basis) == (D(2022, 12, 15), Basis.GIVEN)
    # The half-pay end may be its first day (one day of half pay).
    assert leave_timeline(Leave.CMO, D(2022, 4, 1), half_pay_end=D(2022, 7, 1)).allowance_end == D(2022, 7, 1)


@pytest.mark.parametrize(("leave", "staff"), [(Leave.CLM, Staff.CONTRACT), (Leave.CLD, Staff.CONTRACT), (Leave.CGM, Staff.CIVIL_SERVANT)])
def test_leaves_the_table_does_not_give_that_staff(leave: Leave, staff: Staff) -> None:
    with pytest.raises(DateError) as caught:
        leave_timeline(leave, D(2024, 1, 1), staff=staff, half_pay_start=D(2024, 6, 1))
    assert caught.value.problem is Problem.LEAVE_NOT_FOR_STAFF


def test_half_pay_dates_out_of_order_are_refused() -> None:
    with pytest.raises(DateError) as caught:
        leave_timeline(Leave.CMO, D(2024, 3, 1), half_pay_start=D(2024, 2, 29))
    assert (caught.value.problem, caught.value.value) == (Problem.BEFORE_START, D(2024, 2, 29))
    with pytest.raises(DateError) as caught:
        leave_timeline(Leave.CMO, D(2024, 3, 1), half_pay_end=D(2024, 5, 31))  # half pay starts 1 June
    assert (caught.value.problem, caught.value.value) == (Problem.BEFORE_START, D(2024, 5, 31))


# --- PTA -------------------------------------------------------------------------------------------


def test_pta_from_the_31st_continuous_day(params: parameters.Parameters) -> None:
    """p. 16: « à compter du 31ème jour continu d'arrêt de travail »."""
    franchise = int(params.value("autonomy.franchise_days"))
    assert franchise == 30
    assert pta_payment_start(D(2024, 2, 1), franchise) == D(2024, 3, 2)  # the example, across 29 February
    assert pta_payment_start(D(2023, 2, 1), franchise) == D(2023, 3, 3)
    assert pta_payment_start(D(2024, 12, 15), franchise) == D(2025, 1, 14)
    for start in ALL_DAYS:
        payment = pta_payment_start(start, franchise)
        assert len(days(start, payment)) == 31  # the payment day is the 31st, counting the first
    with pytest.raises(DateError):
        pta_payment_start(D(2024, 1, 1), -1)


# --- Total dependency --------------------------------------------------------------------------


def test_dependency_first_payment(params: parameters.Parameters) -> None:
    """p. 17: « premier versement à l'issue d'un délai de franchise de 3 mois continus »."""
    franchise = int(params.value("dependency.franchise_months"))
    assert franchise == 3
    assert dependency_first_payment(D(2024, 1, 15), franchise) == D(2024, 4, 15)
    assert dependency_first_payment(D(2024, 1, 1), franchise) == D(2024, 4, 1)
    assert dependency_first_payment(D(2024, 1, 31), franchise) == D(2024, 5, 1)  # no 31 April
    assert dependency_first_payment(D(2023, 11, 29), franchise) == D(2024, 2, 29)
    assert dependency_first_payment(D(2023, 11, 30), franchise) == D(2024, 3, 1)
    for start in ALL_DAYS:
        assert dependency_first_payment(start, franchise) == months_end(start, franchise) + DAY


def test_waiting_period(params: parameters.Parameters) -> None:
    """Summary table, note (6): « Délai d'attente de 36 mois »."""
    waiting = int(params.value("dependency.waiting_period_months"))
    assert waiting == 36
    assert waiting_period_end(D(2021, 3, 1), waiting) == D(2024, 2, 29)
    assert waiting_period_end(D(2021, 2, 28), waiting) == D(2024, 2, 27)
    assert waiting_period_end(D(2020, 2, 29), waiting) == D(2023, 2, 28)
    assert waiting_period_end(D(2021, 1, 31), waiting) == D(2024, 1, 30)


def test_membership_months() -> None:
    assert membership_months(D(2024, 1, 31), D(2024, 1, 31)) == 0
    assert membership_months(D(2024, 1, 31), D(2024, 2, 29)) == 0  # the first month's last day
    assert membership_months(D(2024, 1, 31), D(2024, 3, 1)) == 1
    assert membership_months(D(2024, 1, 1), D(2024, 2, 1)) == 1
    assert membership_months(D(2024, 1, 1), D(2024, 1, 31)) == 0
    assert membership_months(D(2021, 3, 1), D(2024, 2, 29)) == 35  # the waiting period's last day: within it
    assert membership_months(D(2021, 3, 1), D(2024, 3, 1)) == 36
    with pytest.raises(DateError) as caught:
        membership_months(D(2024, 1, 2), D(2024, 1, 1))
    assert caught.value.problem is Problem.BEFORE_START


def test_membership_months_meet_the_waiting_period_on_every_day() -> None:
    """The count reaches n the day after n months end: the waiting period and the months agree."""
    for start in ALL_DAYS:
        for months in (1, 3, 12, 36):
            end = waiting_period_end(start, months)
            assert membership_months(start, end) == months - 1, (start, months)
            assert membership_months(start, end + DAY) == months, (start, months)


@SETTINGS
@given(ANY_DAY, st.integers(0, 30000))
def test_membership_months_over_three_centuries(start: dt.date, offset: int) -> None:
    on = start + dt.timedelta(days=offset)
    count = membership_months(start, on)
    assert count == 0 or months_end(start, count) < on
    assert months_end(start, count + 1) >= on


# --- Invalidity ------------------------------------------------------------------------------------


def test_invalidity_years(params: parameters.Parameters) -> None:
    """pp. 14-15: « jusqu'aux 69 ans de l'adhérent », « un capital l'année des 70 ans »."""
    until, capital = int(params.value("invalidity.annuity_until_age")), int(params.value("invalidity.capital_age"))
    assert (until, capital) == (69, 70)
    years = invalidity_years(D(1955, 3, 10), annuity_until_age=until, capital_age=capital)
    assert (years.annuity_until, years.capital_year) == (2024, 2025)
    assert invalidity_years(D(1956, 2, 29), annuity_until_age=until, capital_age=capital) == (2025, 2026)  # no 29 February then
    assert invalidity_years(D(1954, 12, 31), annuity_until_age=until, capital_age=capital) == (2023, 2024)


@pytest.mark.parametrize(
    ("birth", "on", "due"),
    [
        (D(1954, 12, 31), D(2024, 1, 1), True),  # 70 on 31 December 2024: the year of the 70th birthday
        (D(1955, 1, 1), D(2024, 12, 31), False),  # 70 in 2025
        (D(1955, 1, 1), D(2025, 1, 1), True),
        (D(1940, 6, 1), D(2024, 6, 1), True),  # well past
        (D(1956, 2, 29), D(2026, 2, 28), True),
    ],
)
def test_capital_due(birth: dt.date, on: dt.date, due: bool) -> None:
    assert capital_due(birth, on, capital_age=70) is due


# --- Parsing what members type -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-02-01", D(2024, 2, 1)),
        ("2024-2-1", D(2024, 2, 1)),
        ("  2024-02-29\u00a0", D(2024, 2, 29)),
        ("13/02/2024", D(2024, 2, 13)),  # only day first reads it
        ("31/12/2024", D(2024, 12, 31)),
        ("1/1/2024", D(2024, 1, 1)),  # both readings are one day
        ("05/05/2023", D(2023, 5, 5)),
        ("29/02/2024", D(2024, 2, 29)),
    ],
)
def test_dates_read(text: str, day: dt.date) -> None:
    assert parse_date(text) == day
    assert parse_date(text, day_first=True) == day


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("02/13/2024", Problem.MONTH_FIRST),  # 13 is no month: month/day/year, which esn does not read
        ("12/31/2024", Problem.MONTH_FIRST),
        ("01/02/24", Problem.TWO_DIGIT_YEAR),
        ("1/2/224", Problem.NOT_A_DATE),
        ("01/02/02024", Problem.NOT_A_DATE),
        ("2023-02-29", Problem.NO_SUCH_DAY),
        ("29/02/2023", Problem.NO_SUCH_DAY),
        ("31/04/2024", Problem.NO_SUCH_DAY),
        ("32/13/2024", Problem.NO_SUCH_DAY),
        ("00/01/2024", Problem.NO_SUCH_DAY),
        ("2024-13-01", Problem.NO_SUCH_DAY),
        ("0000-01-01", Problem.YEAR_OUT_OF_RANGE),
        ("2204-01-01", Problem.YEAR_OUT_OF_RANGE),
        ("01/01/1899", Problem.YEAR_OUT_OF_RANGE),
        ("", Problem.NOT_A_DATE),
        ("today", Problem.NOT_A_DATE),
        ("2024-02-01T00:00", Problem.NOT_A_DATE),
        ("2024-02-01\n", Problem.NOT_A_DATE),
        ("2024/02/01", Problem.NOT_A_DATE),
        ("01.02.2024", Problem.NOT_A_DATE),
        ("١٣/٠٢/٢٠٢٤", Problem.NOT_A_DATE),  # Arabic-Indic digits: str.isdigit says yes, int() reads them
        ("20240201", Problem.NOT_A_DATE),
        (20240201, Problem.NOT_A_DATE),
        (None, Problem.NOT_A_DATE),
        (dt.datetime(2024, 2, 1, 9, 30), Problem.NOT_A_DATE),  # a time of day is not a day
        (dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc), Problem.NOT_A_DATE),
        (D(1024, 2, 1), Problem.YEAR_OUT_OF_RANGE),
    ],
)
def test_dates_refused(value: object, problem: Problem) -> None:
    for day_first in (False, True):
        with pytest.raises(DateError) as caught:
            parse_date(value, day_first=day_first)
        assert caught.value.problem is problem
        assert caught.value.value == value
        assert caught.value.readings == ()


def test_both_readings_refused_unless_day_first() -> None:
    """01/02/2024: 1 February in French, 2 January in American usage; as "2,500" for amounts."""
    with pytest.raises(DateError) as caught:
        parse_date("01/02/2024")
    assert caught.value.problem is Problem.AMBIGUOUS
    assert caught.value.readings == (D(2024, 2, 1), D(2024, 1, 2))  # day first, then month first
    assert isinstance(caught.value, ValueError)
    assert parse_date("01/02/2024", day_first=True) == D(2024, 2, 1)
    # 12/31 never: day first only, even for a French reader.
    with pytest.raises(DateError):
        parse_date("12/31/2024", day_first=True)


def test_date_objects() -> None:
    assert parse_date(D(2024, 2, 29)) == D(2024, 2, 29)
    assert parse_date(dt.datetime(2024, 2, 29)) == D(2024, 2, 29)  # a spreadsheet's date cell
    assert type(parse_date(dt.datetime(2024, 2, 29))) is dt.date


def test_every_day_of_2023_to_2025_reads_back() -> None:
    for day in ALL_DAYS:
        assert parse_date(day.isoformat()) == day
        assert parse_date(day.strftime("%d/%m/%Y"), day_first=True) == day
        assert parse_date(f"{day.day}/{day.month}/{day.year}", day_first=True) == day
        if day.day > 12 or day.day == day.month:
            assert parse_date(day.strftime("%d/%m/%Y")) == day
        else:
            with pytest.raises(DateError) as caught:
                parse_date(day.strftime("%d/%m/%Y"))
            assert caught.value.readings == (day, D(day.year, day.day, day.month))


@SETTINGS
@given(st.one_of(st.text(), st.text(alphabet="0123456789/- ", max_size=14)))
def test_anything_typed_is_a_date_or_a_date_error(text: str) -> None:
    try:
        day = parse_date(text)
    except DateError as error:
        assert isinstance(error.problem, Problem)
        return
    assert day.year in YEARS
    assert parse_date(day.isoformat()) == day
