"""Temporary loss of autonomy allowance (PTA, Perte Temporaire d'Autonomie).

Guide, "Allocation Perte Temporaire d'Autonomie" (p. 16) and note (5) of the summary table:
400 EUR a quarter, 4 quarters at most (continuous or not), paid from the 31st continuous day of
sick leave (30-day franchise), to active members and spouse beneficiaries under 65 with one of
the listed conditions.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from esncli.i18n import N_, _, language
from esncli.rules.common import STATUS_SPEC
from esncli.rules.model import Estimate, InputSpec, Result, Step

KIND = "autonomy"
SOURCE = N_("Guide — Allocation Perte Temporaire d'Autonomie (p. 16); summary table, note (5)")
ZERO = Decimal(0)


class AutonomyInputs(NamedTuple):
    status: str
    age: int
    quarters: int  # quarters of temporary loss of autonomy claimed


SPECS = (
    STATUS_SPEC,
    InputSpec("age", "int", N_("Age in years of the person who lost autonomy (the allowance has an age limit)."), maximum=Decimal(130)),
    InputSpec(
        "quarters",
        "int",
        N_("Quarters of temporary loss of autonomy to be covered (a limited number are paid, continuous or not)."),
        maximum=Decimal(400),
    ),
)


@lru_cache(maxsize=8)
def _texts(params: Any, lang: str) -> dict[str, str]:
    """Reasons and warnings in ``lang``, built once per parameter set and language."""
    franchise = params.value("autonomy.franchise_days")
    return {
        "status": _("The PTA allowance is for active members and spouse beneficiaries only (summary table; p. 16)."),
        "age": _("The PTA allowance is for people under {limit}.").format(limit=params.text("autonomy.age_limit")),
        "conditions": _(
            "For heart attack, cancer, disabling stroke, multiple sclerosis, or the after-effects of an accident "
            "(serious traumatic injuries, blindness or deafness, serious burns); to pay for care, costly medical equipment, "
            "adapting the home or the vehicle. Paid after a {franchise}-day franchise, from day {first_day} of "
            "continuous sick leave; for people in work or not."
        ).format(franchise=f"{franchise:f}", first_day=f"{franchise + 1:f}"),
        "quarters": _("Only {most} quarters are paid in all, continuous or not.").format(most=params.text("autonomy.max_quarters")),
    }


class Constants(NamedTuple):
    statuses: tuple[str, ...]  # entitled (summary table)
    age_limit: Decimal
    quarterly_amount: Decimal
    max_quarters: Decimal


@lru_cache(maxsize=8)
def constants(params: Any) -> Constants:
    v = params.value
    return Constants(params.entitled("autonomy"), v("autonomy.age_limit"), v("autonomy.quarterly_amount"), v("autonomy.max_quarters"))


class Figures(NamedTuple):
    eligible: bool
    quarters_paid: int
    quarterly_amount: Decimal
    total_amount: Decimal
    shape: tuple[bool, bool, bool]  # (status entitled, under the age limit, more quarters asked than paid)


def figures(c: Constants, inputs: AutonomyInputs) -> tuple[Any, ...]:
    entitled = inputs.status in c.statuses
    young = inputs.age < c.age_limit
    eligible = entitled and young
    over = False
    paid = 0
    if eligible:
        paid = min(inputs.quarters, int(c.max_quarters))
        over = inputs.quarters > c.max_quarters
    return (eligible, paid, c.quarterly_amount if eligible else ZERO, c.quarterly_amount * paid, (entitled, young, over))


def notes(params: Any, shape: tuple[bool, bool, bool]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    entitled, young, over = shape
    texts = _texts(params, language())
    reasons = []
    if not entitled:
        reasons.append(texts["status"])
    if not young:
        reasons.append(texts["age"])
    reasons.append(texts["conditions"])
    return ((texts["quarters"],) if over else ()), tuple(reasons)


def compute(inputs: AutonomyInputs, params: Any) -> Result:
    c = constants(params)
    f = Figures._make(figures(c, inputs))
    steps = (
        Step(
            N_("Quarters paid, within the limit, continuous or not"),
            N_("min({quarters}, {max_quarters})"),
            {"quarters": inputs.quarters, "max_quarters": c.max_quarters},
            None,
            SOURCE,
        ),
        Step(
            N_("Total: amount per quarter x quarters paid"),
            N_("{quarterly:money} x {paid}"),
            {"quarterly": c.quarterly_amount, "paid": f.quarters_paid},
            f.total_amount,
            SOURCE,
        ),
    )
    warnings, reasons = notes(params, f.shape)
    return Result(
        kind=KIND,
        inputs=inputs._asdict(),
        eligible=f.eligible,
        outputs={"quarters_paid": f.quarters_paid, "quarterly_amount": f.quarterly_amount, "total_amount": f.total_amount},
        steps=steps,
        warnings=warnings,
        reasons=reasons,
    )


ESTIMATE = Estimate(
    kind=KIND,
    title=N_("Temporary loss of autonomy allowance (PTA)"),
    input_type=AutonomyInputs,
    specs=SPECS,
    compute=compute,
    outputs=("quarters_paid", "quarterly_amount", "total_amount"),
    constants=constants,
    figures=figures,
    notes=notes,
)
