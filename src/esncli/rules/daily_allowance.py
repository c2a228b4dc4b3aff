"""Daily allowances (AJ, Allocations Journalières) during sick leave at half pay.

Guide, "Allocations Journalières" (p. 12-13) and the example of Matthieu: the guarantee is 77 % of
the reference salary (the average monthly contribution base of the 12 months before half pay);
the AJ is the guarantee minus the gross resources still paid (half pay, maintained bonuses, a
primary insurer's cash benefits); resources plus AJ may not exceed 100 % of the net salary
before the leave, or the AJ is reduced to fit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, NamedTuple, TypedDict

from esncli import dates
from esncli.dates import Leave, Staff
from esncli.i18n import N_
from esncli.money import CENT, ZERO, to_cents
from esncli.rules.fields import Choice, Date, Money, Option, Periods, When
from esncli.rules.model import Estimate, Outcome, Parameter, ReasonNote, Refusal, Trace, WarningNote

SOURCE = N_("Guide — Allocations Journalières (p. 12-13), example of Matthieu")
SOURCE_LEAVES = N_("Guide — « Comment sont définis les principaux congés maladie de la Fonction publique ? » (p. 12-13)")
SOURCE_CEILING = N_("Guide — Allocations Journalières (p. 12-13), « ne peuvent pas dépasser 100 % de votre salaire net »")


class DailyAllowanceInputs(NamedTuple):
    reference_salary: Annotated[
        Decimal,
        Money(
            N_("Reference salary"),
            N_(
                "Reference salary: the average monthly contribution base (assiette de cotisations) of the "
                "{daily_allowance.reference_months} months before half pay, gross EUR; never below the floor contribution's base."
            ),
            per="month",
            minimum=CENT,  # a salary of 0 is a missing figure, not an answer of 0 (issue 10)
        ),
    ]
    resources: Annotated[
        Decimal,
        Money(
            N_("Resources"),
            N_(
                "Gross resources still paid each month during the leave: half pay, maintained bonuses, "
                "or a primary insurer's daily benefits, EUR."
            ),
            per="month",
            summed=True,
        ),
    ]
    net_salary: Annotated[
        Decimal | None,
        Money(
            N_("Net salary"),
            N_("Optional: monthly net salary before tax, before the leave, EUR (resources + AJ may not exceed it)."),
            per="month",
        ),
    ] = None
    net_resources: Annotated[
        Decimal | None,
        Money(
            N_("Net resources"),
            N_("Optional: the same resources during the leave, net, EUR a month (to check the net-salary ceiling)."),
            per="month",
        ),
    ] = None
    # The dates (issue 13): optional; the amounts do not depend on them.
    leave: Annotated[
        str | None,
        Choice(
            N_("Type of leave"),
            N_(
                "Optional, for the dates: the type of sick leave, cmo (Congé Maladie Ordinaire), clm (Congé Longue Maladie), "
                "cgm (Congé Grave Maladie, contract staff) or cld (Congé Longue Durée); with --leave-start."
            ),
            options=(
                Option("cmo", N_("CMO (Congé Maladie Ordinaire)"), aliases=("congé maladie ordinaire", "conge maladie ordinaire")),
                Option("clm", N_("CLM (Congé Longue Maladie)"), aliases=("congé longue maladie", "conge longue maladie")),
                Option("cgm", N_("CGM (Congé Grave Maladie)"), aliases=("congé grave maladie", "conge grave maladie")),
                Option("cld", N_("CLD (Congé Longue Durée)"), aliases=("congé longue durée", "conge longue duree")),
            ),
        ),
    ] = None
    staff: Annotated[
        str | None,
        Choice(
            N_("Staff"),
            N_(
                "With a CMO: civil-servant (fonctionnaire) or contract (agent contractuel), whose CMO durations depend on "
                "seniority (give --half-pay-start). CLM and CLD are civil servants' leaves, CGM contract staff's."
            ),
            options=(
                Option("civil-servant", N_("civil servant (fonctionnaire)"), aliases=("fonctionnaire", "civil servant", "titulaire")),
                Option(
                    "contract", N_("contract staff (agent contractuel)"), aliases=("contractuel", "agent contractuel", "contract staff")
                ),
            ),
            asked_when=(When("leave", values=("cmo",)),),
            missing=N_("a CMO's durations depend on the staff: give civil-servant or contract"),
        ),
    ] = None
    leave_start: Annotated[
        dt.date | None,
        Date(
            N_("Start of the leave"),
            N_("With --leave: the first day of the leave (YYYY-MM-DD or DD/MM/YYYY)."),
            asked_when=(When("leave", values=("cmo", "clm", "cgm", "cld")),),
            missing=N_("give the first day of the leave with its type"),
        ),
    ] = None
    half_pay_start: Annotated[
        dt.date | None,
        Date(
            N_("Start of half pay"),
            N_(
                "Optional: the first day on half pay, when it is not the guide's table for a first leave (a later leave; "
                "contract staff on CMO, whose durations depend on seniority)."
            ),
            asked_when=(When("leave", values=("cmo",)), When("staff", values=("contract",))),
            missing=N_("contract staff on CMO: give the first day on half pay; its durations depend on seniority"),
        ),
    ] = None


class DailyAllowanceOutputs(TypedDict):
    guarantee_level: Annotated[Decimal, Money(N_("Guarantee level"), per="month")]
    monthly_amount: Annotated[Decimal, Money(N_("Monthly amount"), per="month")]
    allowance_start: Annotated[dt.date | None, Date(N_("Allowance from"))]
    allowance_end: Annotated[dt.date | None, Date(N_("Allowance until"))]
    timeline: Annotated[tuple[dates.Period, ...] | None, Periods(N_("Timeline"))]


@dataclass(frozen=True, slots=True)
class DailyAllowanceParameters:
    guarantee_rate: Annotated[Decimal, Parameter("daily_allowance.guarantee_rate")]
    ceiling: Annotated[Decimal, Parameter("daily_allowance.net_salary_ceiling")]  # share of the net salary


CONDITIONS = ReasonNote(
    N_(
        "For active members on sick leave: paid from the switch to half pay (or alongside a primary "
        "insurer's cash benefits) for as long as it lasts; not taxable. It ends on return to work, on invalidity, "
        "on cancellation of the membership or on death."
    )
)
NOTHING = ReasonNote(N_("No daily allowance: the resources still paid already reach the guarantee level."))
UNCHECKED = WarningNote(
    N_(
        "The {daily_allowance.net_salary_ceiling:pct} net-salary ceiling was not checked: pass net_salary and net_resources "
        "(the net salary before the leave and the net resources during it)."
    )
)
HALF_CHECKED = WarningNote(
    N_("The {daily_allowance.net_salary_ceiling:pct} net-salary ceiling needs both net_salary and net_resources; it was not checked.")
)
REDUCED = WarningNote(
    N_(
        "Reduced so that the resources plus the allowance stay within {daily_allowance.net_salary_ceiling:pct} of the net "
        "salary before the leave (no enrichment without cause, Code civil art. 1303)."
    )
)


FIRST_LEAVE = ReasonNote(
    N_(
        "The dates follow the guide's table of sick leaves for a first leave (« On considère ici qu'il s'agit d'un premier "
        "arrêt de travail »); after an earlier leave, give the first day on half pay instead."
    )
)
END_UNKNOWN = ReasonNote(
    N_("Half pay, and the allowance with it, last while they last: from the first day on half pay given, no end date is known.")
)
CONTRACT = ReasonNote(N_("Contract staff: the allowance complements the daily cash benefits a primary insurer (OPAM) pays (p. 12-13)."))
NEEDS_LEAVE = ReasonNote(N_("the dates need the type of leave (cmo, clm, cgm or cld) with its first day"))
NOT_FOR_CIVIL_SERVANTS = ReasonNote(
    N_("the guide's table gives the CGM to contract staff (more than 3 years of service), not to civil servants")
)
NOT_FOR_CONTRACT = ReasonNote(N_("the guide's table gives the CLM and the CLD to civil servants, not to contract staff"))
HALF_PAY_BEFORE = ReasonNote(N_("half pay cannot start before the leave"))
HALF_PAY_REQUIRED = ReasonNote(N_("contract staff on CMO: give the first day on half pay; its durations depend on seniority"))

# The staff a leave implies when none is given: CLM and CLD are civil servants', CGM contract staff's.
IMPLIED_STAFF = {Leave.CLM: Staff.CIVIL_SERVANT, Leave.CLD: Staff.CIVIL_SERVANT, Leave.CGM: Staff.CONTRACT}


def leave_dates(x: DailyAllowanceInputs, t: Trace | None) -> tuple[dates.Timeline | None, tuple[ReasonNote, ...]]:
    """The leave's timeline (guide's table of sick leaves, p. 12-13), and the notes on it; None
    without a leave (the dates are optional)."""
    if x.leave is None or x.leave_start is None:
        if x.leave_start is not None or x.half_pay_start is not None:
            raise Refusal("leave", NEEDS_LEAVE)
        return None, ()
    leave = Leave(x.leave)
    staff = Staff(x.staff) if x.staff is not None else IMPLIED_STAFF.get(leave, Staff.CIVIL_SERVANT)
    try:
        timeline = dates.leave_timeline(leave, x.leave_start, staff=staff, half_pay_start=x.half_pay_start)
    except dates.DateError as error:
        if error.problem is dates.Problem.LEAVE_NOT_FOR_STAFF:
            raise Refusal("staff", NOT_FOR_CIVIL_SERVANTS if leave is Leave.CGM else NOT_FOR_CONTRACT) from None
        if error.problem is dates.Problem.BEFORE_START:
            raise Refusal("half_pay_start", HALF_PAY_BEFORE) from None
        raise Refusal("half_pay_start", HALF_PAY_REQUIRED) from None
    notes: list[ReasonNote] = [FIRST_LEAVE] if timeline.basis is dates.Basis.TABLE else []
    if timeline.allowance_end is None:
        notes.append(END_UNKNOWN)
    if staff is Staff.CONTRACT:
        notes.append(CONTRACT)
    if t:
        durations = dates.LEAVE_TABLE.get((leave, staff))
        if timeline.basis is dates.Basis.TABLE and durations is not None:
            full, half = durations
            t.step(
                N_("Half pay, and the allowance with it, from: after the months on full pay of the guide's table"),
                N_("the day after the {months} months from {start:date}"),
                timeline.allowance_start,
                source=SOURCE_LEAVES,
                start=x.leave_start,
                months=full,
            )
            t.step(
                N_("Allowance until: the end of the months on half pay of the guide's table"),
                N_("the last day of the {months} months from {start:date}"),
                timeline.allowance_end,
                source=SOURCE_LEAVES,
                start=x.leave_start,
                months=full + half,
            )
        else:
            t.step(
                N_("Half pay, and the allowance with it, from: the first day on half pay given"),
                N_("{start:date}"),
                timeline.allowance_start,
                source=SOURCE,
                start=timeline.allowance_start,
            )
    return timeline, tuple(notes)


def daily_allowance(x: DailyAllowanceInputs, p: DailyAllowanceParameters, t: Trace | None) -> Outcome:
    guarantee = to_cents(x.reference_salary * p.guarantee_rate)
    if t:
        t.step(
            N_("Guarantee level: the guaranteed share of the reference salary"),
            N_("{reference_salary:money} x {rate:pct}"),
            guarantee,
            source=SOURCE,
            reference_salary=x.reference_salary,
            rate=p.guarantee_rate,
        )
    allowance = max(guarantee - x.resources, ZERO)
    if t:
        t.step(
            N_("Allowance: guarantee minus the resources still paid"),
            N_("{guarantee:money} - {resources:money}") if allowance else N_("max({guarantee:money} - {resources:money}, 0)"),
            allowance,
            source=SOURCE,
            guarantee=guarantee,
            resources=x.resources,
        )
    amount = allowance
    warnings: tuple[WarningNote, ...] = ()
    if x.net_salary is not None and x.net_resources is not None:
        # Resources plus the AJ may not exceed the net salary before the leave (p. 12-13).
        room = max(to_cents(x.net_salary * p.ceiling) - x.net_resources, ZERO)
        if t:
            t.step(
                N_("Room under the net-salary ceiling"),
                N_("{net_salary:money} x {ceiling:pct} - {net_resources:money}")
                if room
                else N_("max({net_salary:money} x {ceiling:pct} - {net_resources:money}, 0)"),
                room,
                source=SOURCE_CEILING,
                net_salary=x.net_salary,
                ceiling=p.ceiling,
                net_resources=x.net_resources,
            )
        if amount > room:
            amount = room
            warnings = (REDUCED,)
            if t:
                t.step(
                    N_("Allowance reduced to the room left"),
                    N_("min({amount:money}, {room:money})"),
                    room,
                    source=SOURCE_CEILING,
                    amount=allowance,
                    room=room,
                )
    elif x.net_salary is None and x.net_resources is None:
        warnings = (UNCHECKED,)
    else:
        warnings = (HALF_CHECKED,)
    monthly = to_cents(amount)
    eligible = monthly > ZERO
    timeline, dated = leave_dates(x, t)
    outputs: DailyAllowanceOutputs = {
        "guarantee_level": guarantee,
        "monthly_amount": monthly,
        "allowance_start": timeline.allowance_start if timeline else None,
        "allowance_end": timeline.allowance_end if timeline else None,
        "timeline": timeline.periods if timeline else None,
    }
    reasons = (CONDITIONS, *dated) if eligible else (NOTHING, CONDITIONS, *dated)
    return Outcome.__new__(Outcome, outputs, eligible, warnings, reasons)


DAILY_ALLOWANCE = Estimate(
    kind="daily-allowance",
    aliases=("allocation journalière", "allocations journalières", "aj"),
    title=N_("Daily allowances (AJ) during half-pay sick leave"),
    help=N_(
        "Daily allowances during sick leave at half pay (guide: 1. Allocations Journalières).\n\n"
        "{daily_allowance.guarantee_rate:pct} of the reference salary, minus the gross resources still paid; resources plus "
        "allowance may not exceed the net salary before the leave."
    ),
    inputs=DailyAllowanceInputs,
    outputs=DailyAllowanceOutputs,
    parameters=DailyAllowanceParameters,
    rule=daily_allowance,
)
