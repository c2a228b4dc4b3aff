"""Social aid repayment schedule: the interest-free social loan (prêt social) and the special
advance (avance spéciale).

Guide, "Vos aides solidaires": a social loan up to 6 000 EUR, interest- and fee-free, repaid over
48 months at most; a special advance up to 3 000 EUR, interest- and fee-free, repaid over 4 months
at most. Both are granted by the Action Sociale commission after studying the member's file,
under a means test; this computes the repayments of an amount, not a decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache
from typing import Any

from esncli.rules.model import CENT, Estimate, InputError, InputSpec, Result, Step

KIND = "social-loan"
SOURCE = "Guide — Vos aides solidaires"
TYPES = ("social", "special")


@dataclass(frozen=True)
class SocialLoanInputs:
    amount: Decimal
    months: int
    type: str = "social"


SPECS = (
    InputSpec("amount", "money", "Amount borrowed, EUR, up to the ceiling of the loan type (esn guarantees).", minimum=CENT),
    InputSpec("months", "int", "Repayment period in months, up to the longest for the loan type (esn guarantees).", minimum=Decimal(1)),
    InputSpec(
        "type",
        "choice",
        "social (prêt social) or special (avance spéciale, a short interest-free advance).",
        required=False,
        default="social",
        choices=TYPES,
    ),
)


@lru_cache(maxsize=8)
def _texts(params: Any) -> dict[str, Any]:
    from esncli.parameters import format_value

    limits = {}
    for kind, prefix, name in (("social", "social_loan", "a social loan"), ("special", "special_advance", "a special advance")):
        amount = params.value(f"social_aid.{prefix}_max_amount")
        months = params.value(f"social_aid.{prefix}_max_months")
        limits[kind] = (
            amount,
            months,
            f"{name} is at most {format_value(amount, 'EUR', 'money')}",
            f"{name} is repaid over {months:f} months at most",
        )
    return {
        "limits": limits,
        "rounding": "Equal monthly installments rounded down to the cent; the last one absorbs the difference, so the total repaid is exactly the amount borrowed.",
        "granted": "Granted by the Action Sociale commission after studying your file, under a means test: ask your "
        "departmental agency. Non-repayable aid may also be granted on file. This is a repayment schedule, not a decision.",
    }


def compute(inputs: SocialLoanInputs, params: Any) -> Result:
    texts = _texts(params)
    max_amount, max_months, amount_text, months_text = texts["limits"][inputs.type]
    if inputs.amount > max_amount:
        raise InputError("amount", amount_text)
    if inputs.months > max_months:
        raise InputError("months", months_text)
    months = inputs.months
    # Rounded down, so the last installment (which takes the remainder) is never the smaller one.
    installment = (inputs.amount / months).quantize(CENT, rounding=ROUND_DOWN)
    last = inputs.amount - installment * (months - 1)
    steps = (
        Step(
            "Monthly installment, interest-free, rounded down to the cent",
            "{amount:money} / {months}",
            {"amount": inputs.amount, "months": months},
            installment,
            SOURCE,
        ),
        Step(
            "Last installment: the rest",
            "{amount:money} - {installment:money} x {others}",
            {"amount": inputs.amount, "installment": installment, "others": months - 1},
            last,
            SOURCE,
        ),
        Step("Total repaid: no interest, no fees", "{amount:money}", {"amount": inputs.amount}, inputs.amount, SOURCE),
    )
    return Result(
        kind=KIND,
        inputs=dict(vars(inputs)),
        eligible=True,
        outputs={"monthly_installment": installment, "last_installment": last, "total_repaid": inputs.amount},
        steps=steps,
        warnings=(texts["rounding"],) if last != installment else (),
        reasons=(texts["granted"],),
    )


ESTIMATE = Estimate(
    kind=KIND,
    title="Social loan or special advance: repayment schedule",
    input_type=SocialLoanInputs,
    specs=SPECS,
    compute=compute,
    outputs=("monthly_installment", "last_installment", "total_repaid"),
)
