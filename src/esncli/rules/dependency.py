"""Total dependency annuity and home-support lump sum (rente et forfait dépendance totale).

Guide, "Rente et forfait dépendance totale" (p. 17) and note (6) of the summary table: 120 EUR a
month while total dependency lasts (first payment after 3 continuous months), plus 500 EUR a year
if the person stayed at home at least 6 months of the past year; for active or retired members
and spouse beneficiaries classed GIR 1 (groupe iso-ressources: the French dependency scale, 1 the
most dependent); 36-month waiting period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, NamedTuple, TypedDict

from esncli import dates
from esncli.i18n import N_
from esncli.money import ZERO
from esncli.rules.common import STATUS, status_not_met
from esncli.rules.fields import Count, Date, Money, When
from esncli.rules.model import NOT_DUE, Entitled, Estimate, On, Outcome, Parameter, ReasonNote, Refusal, Trace

SOURCE = N_("Guide — Rente et forfait dépendance totale (p. 17); summary table, note (6)")


class DependencyInputs(NamedTuple):
    status: Annotated[str, STATUS]
    # Asked only while the answer is not decided: an entitled status, GIR 1, the waiting period over.
    gir: Annotated[
        int | None,
        Count(
            N_("GIR"),
            N_(
                "GIR level (groupe iso-ressources, 1 = most dependent ... 6 = autonomous); the guarantee is for GIR "
                "{dependency.gir_level}; abroad, set by MGEN's consulting doctor."
            ),
            minimum=Decimal(1),
            maximum=Decimal(6),
            asked_when=(When("status", entitled="dependency"),),
        ),
    ] = None
    membership_start: Annotated[
        dt.date | None,
        Date(
            N_("Start of membership"),
            N_(
                "Optional, instead of the months of membership: the first day of the prévoyance cover; gives the end of the "
                "{dependency.waiting_period_months}-month waiting period and the months completed on the date of the event (--on)."
            ),
        ),
    ] = None
    membership_months: Annotated[
        int | None,
        Count(
            N_("Months of membership"),
            N_("Months of membership so far (a {dependency.waiting_period_months}-month waiting period applies)."),
            maximum=Decimal(1500),
            asked_when=(When("status", entitled="dependency"), When("gir", equals="dependency.gir_level")),
            replaced_by="membership_start",
        ),
    ] = None
    home_months: Annotated[
        int | None,
        Count(
            N_("Months at home"),
            N_(
                "Months spent living at home during the past 12 months ({dependency.home_months_required:unit} or more: "
                "the home-support lump sum, {dependency.home_support_amount:unit})."
            ),
            maximum=Decimal(12),
            asked_when=(
                When("status", entitled="dependency"),
                When("gir", equals="dependency.gir_level"),
                When("membership_months", at_least="dependency.waiting_period_months"),
            ),
        ),
    ] = None
    dependency_start: Annotated[
        dt.date | None,
        Date(
            N_("Start of total dependency"),
            N_(
                "Optional: the first day of total dependency; gives the first payment, after the {dependency.franchise_months}-month franchise."
            ),
        ),
    ] = None


class DependencyOutputs(TypedDict):
    monthly_amount: Annotated[Decimal, Money(N_("Monthly amount"), per="month")]
    home_support_amount: Annotated[Decimal, Money(N_("Home-support lump sum"), per="year")]
    waiting_period_end: Annotated[dt.date | None, Date(N_("Waiting period until"))]
    first_payment: Annotated[dt.date | None, Date(N_("First payment owed from"))]


@dataclass(frozen=True, slots=True)
class DependencyParameters:
    statuses: Annotated[tuple[str, ...], Entitled("dependency")]  # the summary table
    gir_level: Annotated[Decimal, Parameter("dependency.gir_level")]
    waiting_months: Annotated[Decimal, Parameter("dependency.waiting_period_months")]
    home_months_required: Annotated[Decimal, Parameter("dependency.home_months_required")]
    monthly_amount: Annotated[Decimal, Parameter("dependency.monthly_amount")]
    home_support_amount: Annotated[Decimal, Parameter("dependency.home_support_amount")]
    franchise_months: Annotated[Decimal, Parameter("dependency.franchise_months")]
    on: Annotated[dt.date, On()]  # the day of the event: the months of membership completed then


STATUS_NOT_ENTITLED = ReasonNote(
    N_("Total dependency is for active or retired members and spouse beneficiaries (p. 17)."), data="entitlement:dependency"
)
OTHER_GIR = ReasonNote(
    N_(
        "Total dependency means GIR {dependency.gir_level}; other GIR levels are not covered "
        "(see also the social aid for disability or dependency)."
    )
)
WAITING = ReasonNote(
    N_("Within the {dependency.waiting_period_months}-month waiting period: no payment yet."), data="dependency.waiting_period_months"
)
CONDITIONS = ReasonNote(
    N_(
        "Paid while total dependency lasts; first payment after {dependency.franchise_months} continuous months. "
        "Abroad and in the COM the GIR level is set by MGEN's consulting doctor."
    )
)


BOTH_MEMBERSHIPS = ReasonNote(
    N_("the months of membership ({given}) disagree with its start ({months} months on {on}): give one of the two"),
)
JOINED_AFTER = ReasonNote(N_("the membership starts after the date of the event ({on})"))
HOME_MONTHS = ReasonNote(N_("give the months spent at home during the past 12 months (for the home-support lump sum)"))
WAITING_READING = ReasonNote(data="dependency.waiting_period_months")
FIRST_PAYMENT_READING = ReasonNote(
    N_(
        "« À l'issue de » the franchise is read as the day after its last day; the guide gives no payment day within the month "
        "(a reading of the guide, to be confirmed by MGEN)."
    )
)


def membership(x: DependencyInputs, p: DependencyParameters, t: Trace | None) -> tuple[int | None, dt.date | None]:
    """The months of membership on the day of the event and the waiting period's last day, from
    the membership's start when given (summary table, note (6))."""
    if x.membership_start is None:
        return x.membership_months, None
    waiting = int(p.waiting_months)
    end = dates.waiting_period_end(x.membership_start, waiting)
    try:
        months = dates.membership_months(x.membership_start, p.on)
    except dates.DateError:
        raise Refusal("membership_start", JOINED_AFTER.given(on=p.on)) from None
    if x.membership_months is not None and x.membership_months != months:
        raise Refusal("membership_months", BOTH_MEMBERSHIPS.given(given=x.membership_months, months=months, on=p.on))
    if t:
        t.step(
            N_("Waiting period: the months from the start of the membership"),
            N_("the last day of the {months} months from {start:date}"),
            end,
            source=SOURCE,
            start=x.membership_start,
            months=waiting,
        )
        t.step(
            N_("Months of membership completed on the date of the event"),
            N_("{months} whole months from {start:date} to {on:date}"),
            None,
            source=SOURCE,
            months=months,
            start=x.membership_start,
            on=p.on,
        )
    return months, end


def dependency(x: DependencyInputs, p: DependencyParameters, t: Trace | None) -> Outcome:
    entitled = x.status in p.statuses
    # None: not asked, the answer already decided by an input before it (asked_when)
    gir = x.gir is None or x.gir == p.gir_level
    months, waiting_end = membership(x, p, t) if entitled and gir else (x.membership_months, None)
    waited = months is None or months >= p.waiting_months
    if entitled and gir and waited and x.membership_start is not None and x.home_months is None:
        raise Refusal("home_months", HOME_MONTHS)
    eligible = entitled and gir and waited
    monthly = p.monthly_amount if eligible else ZERO
    home = p.home_support_amount if eligible and (x.home_months or 0) >= p.home_months_required else ZERO
    if t and eligible:
        t.step(N_("Monthly annuity while total dependency lasts"), N_("{monthly:money}"), monthly, source=SOURCE, monthly=monthly)
        if x.home_months is not None:
            t.step(
                N_("Home-support lump sum, a year, if at home long enough"),
                N_("{home_months} months at home in the past year (needs {required})"),
                home,
                source=SOURCE,
                home_months=x.home_months,
                required=p.home_months_required,
            )
    elif t:
        # Not "120 = 0": the conditions not met, with the guide's figures, then the 0 they make.
        if not entitled:
            status_not_met(t, N_("{status}; total dependency is for {entitled}"), x.status, p.statuses, SOURCE)
        if not gir and x.gir is not None:  # not None: a GIR was given
            t.step(
                N_("Condition not met: GIR level"),
                N_("GIR {gir}; total dependency means GIR {gir_level}"),
                None,
                source=SOURCE,
                gir=x.gir,
                gir_level=p.gir_level,
            )
        if not waited and months is not None:
            t.step(
                N_("Condition not met: waiting period"),
                N_("{months} months of membership; the waiting period is {waiting} months"),
                None,
                source=SOURCE,
                months=months,
                waiting=p.waiting_months,
            )
        t.step(N_("Monthly annuity while total dependency lasts"), NOT_DUE, monthly, source=SOURCE)
        t.step(N_("Home-support lump sum, a year, if at home long enough"), NOT_DUE, home, source=SOURCE)
    reasons = []
    if not entitled:
        reasons.append(STATUS_NOT_ENTITLED)
    if not gir:
        reasons.append(OTHER_GIR)
    if not waited:
        reasons.append(WAITING)
    elif waiting_end is not None:
        reasons.append(WAITING_READING)  # from when the period runs: the data's reading
    reasons.append(CONDITIONS)
    first = None
    if x.dependency_start is not None and eligible:
        # « premier versement à l'issue d'un délai de franchise de 3 mois continus » (p. 17)
        first = dates.dependency_first_payment(x.dependency_start, int(p.franchise_months))
        if t:
            t.step(
                N_("First payment owed from: the day after the franchise of continuous months of total dependency"),
                N_("the day after the {months} months from {start:date}"),
                first,
                source=SOURCE,
                start=x.dependency_start,
                months=int(p.franchise_months),
            )
        reasons.append(FIRST_PAYMENT_READING)
    outputs: DependencyOutputs = {
        "monthly_amount": monthly,
        "home_support_amount": home,
        "waiting_period_end": waiting_end,
        "first_payment": first,
    }
    return Outcome.__new__(Outcome, outputs, eligible, (), tuple(reasons))


DEPENDENCY = Estimate(
    kind="dependency",
    aliases=("dépendance", "dependance totale", "dépendance totale"),
    title=N_("Total dependency annuity and home-support lump sum"),
    help=N_(
        "Total dependency annuity and home-support lump sum (guide: 4. Rente et forfait dépendance totale).\n\n"
        "{dependency.monthly_amount:money} a month for GIR {dependency.gir_level} after a {dependency.waiting_period_months}-month "
        "waiting period, plus {dependency.home_support_amount:money} a year after {dependency.home_months_required} months at home."
    ),
    inputs=DependencyInputs,
    outputs=DependencyOutputs,
    parameters=DependencyParameters,
    rule=dependency,
)
