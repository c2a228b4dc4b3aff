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

from esncli.parameters import STATUSES
from esncli.rules.model import Estimate, InputSpec, Result, Step

KIND = "autonomy"
SOURCE = "Guide — Allocation Perte Temporaire d'Autonomie (p. 16); summary table, note (5)"
ZERO = Decimal(0)


class AutonomyInputs(NamedTuple):
    status: str
    age: int
    quarters: int  # quarters of temporary loss of autonomy claimed


SPECS = (
    InputSpec(
        "status",
        "choice",
        "Member status: active (MP actif), cta (maintained under the CTA), associate, retired, or spouse (spouse beneficiary).",
        choices=STATUSES,
    ),
    InputSpec("age", "int", "Age in years of the person who lost autonomy (the allowance has an age limit).", maximum=Decimal(130)),
    InputSpec(
        "quarters",
        "int",
        "Quarters of temporary loss of autonomy to be covered (a limited number are paid, continuous or not).",
        maximum=Decimal(400),
    ),
)


@lru_cache(maxsize=8)
def _texts(params: Any) -> dict[str, str]:
    limit = params.value("autonomy.age_limit")
    franchise = params.value("autonomy.franchise_days")
    most = params.value("autonomy.max_quarters")
    return {
        "status": "The PTA allowance is for active members and spouse beneficiaries only (summary table; p. 16).",
        "age": f"The PTA allowance is for people under {limit:f}.",
        "conditions": "For heart attack, cancer, disabling stroke, multiple sclerosis, or the after-effects of an accident "
        "(serious traumatic injuries, blindness or deafness, serious burns); to pay for care, costly medical equipment, "
        f"adapting the home or the vehicle. Paid after a {franchise:f}-day franchise, from day {franchise + 1:f} of "
        "continuous sick leave; for people in work or not.",
        "quarters": f"Only {most:f} quarters are paid in all, continuous or not.",
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
    texts = _texts(params)
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
            "Quarters paid, within the limit, continuous or not",
            "min({quarters}, {max_quarters})",
            {"quarters": inputs.quarters, "max_quarters": c.max_quarters},
            None,
            SOURCE,
        ),
        Step(
            "Total: amount per quarter x quarters paid",
            "{quarterly:money} x {paid}",
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
    title="Temporary loss of autonomy allowance (PTA)",
    input_type=AutonomyInputs,
    specs=SPECS,
    compute=compute,
    outputs=("quarters_paid", "quarterly_amount", "total_amount"),
    constants=constants,
    figures=figures,
    notes=notes,
)
