"""Temporary loss of autonomy allowance (PTA, Perte Temporaire d'Autonomie).

Guide, "Allocation Perte Temporaire d'Autonomie" (p. 16) and note (5) of the summary table:
400 EUR a quarter, 4 quarters at most (continuous or not), paid from the 31st continuous day of
sick leave (30-day franchise), to active members and spouse beneficiaries under 65 with one of
the listed conditions.
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
from esncli.rules.model import NOT_DUE, Entitled, Estimate, Outcome, Parameter, ReasonNote, Trace, WarningNote

SOURCE = N_("Guide — Allocation Perte Temporaire d'Autonomie (p. 16); summary table, note (5)")


class AutonomyInputs(NamedTuple):
    status: Annotated[str, STATUS]
    # Asked only while the answer is not decided: a status the summary table entitles, then an age under the limit.
    age: Annotated[
        int | None,
        Count(
            N_("Age"),
            N_("Age in years of the person who lost autonomy (the allowance is for people under {autonomy.age_limit:unit})."),
            maximum=Decimal(130),
            asked_when=(When("status", entitled="autonomy"),),
        ),
    ] = None
    quarters: Annotated[
        int | None,
        Count(
            N_("Quarters claimed"),
            N_("Quarters of temporary loss of autonomy to be covered ({autonomy.max_quarters:unit} at most are paid, continuous or not)."),
            maximum=Decimal(400),
            asked_when=(When("status", entitled="autonomy"), When("age", below="autonomy.age_limit")),
        ),
    ] = None
    stoppage_start: Annotated[
        dt.date | None,
        Date(
            N_("Start of the stoppage"),
            N_(
                "Optional: the first day of continuous sick leave; gives the day the allowance is owed from, after the {autonomy.franchise_days}-day franchise."
            ),
        ),
    ] = None


class AutonomyOutputs(TypedDict):
    quarters_paid: Annotated[int, Count(N_("Quarters paid"))]
    quarterly_amount: Annotated[Decimal, Money(N_("Quarterly amount"))]
    total_amount: Annotated[Decimal, Money(N_("Total amount"))]
    payment_start: Annotated[dt.date | None, Date(N_("Owed from"))]


@dataclass(frozen=True, slots=True)
class AutonomyParameters:
    statuses: Annotated[tuple[str, ...], Entitled("autonomy")]  # the summary table
    age_limit: Annotated[Decimal, Parameter("autonomy.age_limit")]
    quarterly_amount: Annotated[Decimal, Parameter("autonomy.quarterly_amount")]
    max_quarters: Annotated[Decimal, Parameter("autonomy.max_quarters")]
    franchise_days: Annotated[Decimal, Parameter("autonomy.franchise_days")]


STATUS_NOT_ENTITLED = ReasonNote(N_("The PTA allowance is for active members and spouse beneficiaries only (summary table; p. 16)."))
TOO_OLD = ReasonNote(N_("The PTA allowance is for people under {autonomy.age_limit}."))
CONDITIONS = ReasonNote(
    N_(
        "For heart attack, cancer, disabling stroke, multiple sclerosis, or the after-effects of an accident "
        "(serious traumatic injuries, blindness or deafness, serious burns); to pay for care, costly medical equipment, "
        "adapting the home or the vehicle. Paid after a {autonomy.franchise_days}-day franchise, from day {first_day} of "
        "continuous sick leave; for people in work or not."
    ),
    derive=lambda params: {"first_day": params.value("autonomy.franchise_days") + 1},
)
QUARTERS = WarningNote(N_("Only {autonomy.max_quarters} quarters are paid in all, continuous or not."))


def autonomy(x: AutonomyInputs, p: AutonomyParameters, t: Trace | None) -> Outcome:
    entitled = x.status in p.statuses
    young = x.age is None or x.age < p.age_limit  # None: not asked, the status decided (asked_when)
    eligible = entitled and young
    paid = min(x.quarters or 0, int(p.max_quarters)) if eligible else 0
    total = p.quarterly_amount * paid
    if t and eligible and x.quarters is not None:
        t.step(
            N_("Quarters paid, within the limit, continuous or not"),
            N_("min({quarters}, {max_quarters})"),
            None,
            source=SOURCE,
            quarters=x.quarters,
            max_quarters=p.max_quarters,
        )
        t.step(
            N_("Total: amount per quarter x quarters paid"),
            N_("{quarterly:money} x {paid}"),
            total,
            source=SOURCE,
            quarterly=p.quarterly_amount,
            paid=paid,
        )
    elif t:
        # Not "400 x 0 = 0": the condition not met, with the guide's figure, then the 0 it makes.
        if not entitled:
            status_not_met(t, N_("{status}; the PTA allowance is for {entitled}"), x.status, p.statuses, SOURCE)
        if not young and x.age is not None:  # not None: an age was given
            t.step(
                N_("Condition not met: age"),
                N_("{age} years old; the PTA allowance is for people under {age_limit}"),
                None,
                source=SOURCE,
                age=x.age,
                age_limit=p.age_limit,
            )
        t.step(N_("Total amount"), NOT_DUE, total, source=SOURCE)
    start = None
    if x.stoppage_start is not None and eligible:
        # « à compter du 31ème jour continu d'arrêt de travail » (p. 16): day 1 is the first day.
        start = dates.pta_payment_start(x.stoppage_start, int(p.franchise_days))
        if t:
            t.step(
                N_("Owed from: the day after the franchise, in continuous days of sick leave"),
                N_("{start:date} + {days} days"),
                start,
                source=SOURCE,
                start=x.stoppage_start,
                days=int(p.franchise_days),
            )
    reasons = []
    if not entitled:
        reasons.append(STATUS_NOT_ENTITLED)
    if not young:
        reasons.append(TOO_OLD)
    reasons.append(CONDITIONS)
    warnings = (QUARTERS,) if eligible and (x.quarters or 0) > p.max_quarters else ()
    outputs: AutonomyOutputs = {
        "quarters_paid": paid,
        "quarterly_amount": p.quarterly_amount if eligible else ZERO,
        "total_amount": total,
        "payment_start": start,
    }
    return Outcome.__new__(Outcome, outputs, eligible, warnings, tuple(reasons))


AUTONOMY = Estimate(
    kind="autonomy",
    aliases=("autonomie", "pta", "perte temporaire d'autonomie"),
    title=N_("Temporary loss of autonomy allowance (PTA)"),
    help=N_(
        "Temporary loss of autonomy allowance (guide: 3. Allocation Perte Temporaire d'Autonomie).\n\n"
        "{autonomy.quarterly_amount:money} a quarter, {autonomy.max_quarters} quarters at most, for active members and spouses "
        "under {autonomy.age_limit}."
    ),
    inputs=AutonomyInputs,
    outputs=AutonomyOutputs,
    parameters=AutonomyParameters,
    rule=autonomy,
)
