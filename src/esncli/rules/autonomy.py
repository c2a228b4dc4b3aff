"""Temporary loss of autonomy allowance (PTA, Perte Temporaire d'Autonomie).

Guide, "Allocation Perte Temporaire d'Autonomie" (p. 16) and note (5) of the summary table:
400 EUR a quarter, 4 quarters at most (continuous or not), paid from the 31st continuous day of
sick leave (30-day franchise), to active members and spouse beneficiaries under 65 with one of
the listed conditions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from esncli.parameters import STATUSES
from esncli.rules.model import Estimate, InputSpec, Result, Step

KIND = "autonomy"
SOURCE = "Guide — Allocation Perte Temporaire d'Autonomie (p. 16); summary table, note (5)"
ZERO = Decimal(0)


@dataclass(frozen=True)
class AutonomyInputs:
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


def compute(inputs: AutonomyInputs, params: Any) -> Result:
    texts = _texts(params)
    reasons = []
    if inputs.status not in params.entitled("autonomy"):
        reasons.append(texts["status"])
    if inputs.age >= params.value("autonomy.age_limit"):
        reasons.append(texts["age"])
    eligible = not reasons
    reasons.append(texts["conditions"])
    quarterly = params.value("autonomy.quarterly_amount")
    most = params.value("autonomy.max_quarters")
    warnings: tuple[str, ...] = ()
    if eligible:
        paid = min(inputs.quarters, int(most))
        if inputs.quarters > most:
            warnings = (texts["quarters"],)
    else:
        paid = 0
    total = quarterly * paid
    steps = (
        Step(
            "Quarters paid, within the limit, continuous or not",
            "min({quarters}, {max_quarters})",
            {"quarters": inputs.quarters, "max_quarters": most},
            None,
            SOURCE,
        ),
        Step(
            "Total: amount per quarter x quarters paid", "{quarterly:money} x {paid}", {"quarterly": quarterly, "paid": paid}, total, SOURCE
        ),
    )
    return Result(
        kind=KIND,
        inputs=dict(vars(inputs)),
        eligible=eligible,
        outputs={"quarters_paid": paid, "quarterly_amount": quarterly if eligible else ZERO, "total_amount": total},
        steps=steps,
        warnings=warnings,
        reasons=tuple(reasons),
    )


ESTIMATE = Estimate(
    kind=KIND,
    title="Temporary loss of autonomy allowance (PTA)",
    input_type=AutonomyInputs,
    specs=SPECS,
    compute=compute,
    outputs=("quarters_paid", "quarterly_amount", "total_amount"),
)
