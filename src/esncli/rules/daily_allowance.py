"""Daily allowances (AJ, Allocations Journalières) during sick leave at half pay.

Guide, "Allocations Journalières" (p. 12-13) and the example of Matthieu: the guarantee is 77 % of
the reference salary (the average monthly contribution base of the 12 months before half pay);
the AJ is the guarantee minus the gross resources still paid (half pay, maintained bonuses, a
primary insurer's cash benefits); resources plus AJ may not exceed 100 % of the net salary
before the leave, or the AJ is reduced to fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, NamedTuple, TypedDict

from esncli.i18n import N_
from esncli.money import CENT, ZERO, to_cents
from esncli.rules.fields import Money
from esncli.rules.model import Estimate, Outcome, Parameter, ReasonNote, Trace, WarningNote

SOURCE = N_("Guide — Allocations Journalières (p. 12-13), example of Matthieu")
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


class DailyAllowanceOutputs(TypedDict):
    guarantee_level: Annotated[Decimal, Money(N_("Guarantee level"), per="month")]
    monthly_amount: Annotated[Decimal, Money(N_("Monthly amount"), per="month")]


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
    outputs: DailyAllowanceOutputs = {"guarantee_level": guarantee, "monthly_amount": monthly}
    return Outcome.__new__(Outcome, outputs, eligible, warnings, (CONDITIONS,) if eligible else (NOTHING, CONDITIONS))


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
