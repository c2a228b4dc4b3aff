"""Social aid repayment schedule: the interest-free social loan (prêt social) and the special
advance (avance spéciale).

Guide, "Vos aides solidaires": a social loan up to 6 000 EUR, interest- and fee-free, repaid over
48 months at most; a special advance up to 3 000 EUR, interest- and fee-free, repaid over 4 months
at most. Both are granted by the Action Sociale commission after studying the member's file,
under a means test; this computes the repayments of an amount, not a decision.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from esncli.errors import InputError
from esncli.i18n import N_, _, language
from esncli.rules.model import CENT, Estimate, InputSpec, Result, Step

KIND = "social-loan"
SOURCE = N_("Guide — Vos aides solidaires")
TYPES = ("social", "special")


class SocialLoanInputs(NamedTuple):
    amount: Decimal
    months: int
    type: str = "social"


SPECS = (
    InputSpec("amount", "money", N_("Amount borrowed, EUR, up to the ceiling of the loan type (esn guarantees)."), minimum=CENT),
    InputSpec("months", "int", N_("Repayment period in months, up to the longest for the loan type (esn guarantees)."), minimum=Decimal(1)),
    InputSpec(
        "type",
        "choice",
        N_("social (prêt social) or special (avance spéciale, a short interest-free advance)."),
        required=False,
        default="social",
        choices=TYPES,
    ),
)


@lru_cache(maxsize=8)
def _texts(params: Any, lang: str) -> dict[str, Any]:
    """Limits, warnings and reasons in ``lang``, built once per parameter set and language."""
    from esncli.parameters import format_value

    messages = {
        "social": (N_("a social loan is at most {amount}"), N_("a social loan is repaid over {months} months at most")),
        "special": (N_("a special advance is at most {amount}"), N_("a special advance is repaid over {months} months at most")),
    }
    limits = {}
    for kind, prefix in (("social", "social_loan"), ("special", "special_advance")):
        amount = params.value(f"social_aid.{prefix}_max_amount")
        months = params.value(f"social_aid.{prefix}_max_months")
        most, longest = messages[kind]
        limits[kind] = (
            amount,
            months,
            _(most).format(amount=format_value(amount, "EUR", "money")),
            _(longest).format(months=params.text(f"social_aid.{prefix}_max_months")),
        )
    return {
        "limits": limits,
        "rounding": _(
            "Equal monthly installments rounded down to the cent; the last one absorbs the difference, "
            "so the total repaid is exactly the amount borrowed."
        ),
        "granted": _(
            "Granted by the Action Sociale commission after studying your file, under a means test: ask your "
            "departmental agency. Non-repayable aid may also be granted on file. This is a repayment schedule, not a decision."
        ),
    }


class Constants(NamedTuple):
    params: Any  # the limits' messages are built from them, only when a row breaks one
    limits: dict[str, tuple[Decimal, Decimal]]  # type -> (most borrowed, longest in months)


@lru_cache(maxsize=8)
def constants(params: Any) -> Constants:
    return Constants(params, {kind: limit[:2] for kind, limit in _texts(params, language())["limits"].items()})


class Figures(NamedTuple):
    eligible: bool
    monthly_installment: Decimal
    last_installment: Decimal
    total_repaid: Decimal
    shape: bool  # the last installment differs from the others


def figures(c: Constants, inputs: SocialLoanInputs) -> tuple[Any, ...]:
    max_amount, max_months = c.limits[inputs.type]
    if inputs.amount > max_amount:
        raise InputError("amount", _texts(c.params, language())["limits"][inputs.type][2])
    if inputs.months > max_months:
        raise InputError("months", _texts(c.params, language())["limits"][inputs.type][3])
    months = inputs.months
    # Rounded down, so the last installment (which takes the remainder) is never the smaller one.
    installment = (inputs.amount / months).quantize(CENT, rounding=ROUND_DOWN)
    last = inputs.amount - installment * (months - 1)
    return (True, installment, last, inputs.amount, last != installment)


def notes(params: Any, shape: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    texts = _texts(params, language())
    return ((texts["rounding"],) if shape else ()), (texts["granted"],)


def compute(inputs: SocialLoanInputs, params: Any) -> Result:
    f = Figures._make(figures(constants(params), inputs))
    steps = (
        Step(
            N_("Monthly installment, interest-free, rounded down to the cent"),
            N_("{amount:money} / {months}"),
            {"amount": inputs.amount, "months": inputs.months},
            f.monthly_installment,
            SOURCE,
        ),
        Step(
            N_("Last installment: the rest"),
            N_("{amount:money} - {installment:money} x {others}"),
            {"amount": inputs.amount, "installment": f.monthly_installment, "others": inputs.months - 1},
            f.last_installment,
            SOURCE,
        ),
        Step(N_("Total repaid: no interest, no fees"), N_("{amount:money}"), {"amount": inputs.amount}, inputs.amount, SOURCE),
    )
    warnings, reasons = notes(params, f.shape)
    return Result(
        kind=KIND,
        inputs=inputs._asdict(),
        eligible=True,
        outputs={"monthly_installment": f.monthly_installment, "last_installment": f.last_installment, "total_repaid": f.total_repaid},
        steps=steps,
        warnings=warnings,
        reasons=reasons,
    )


ESTIMATE = Estimate(
    kind=KIND,
    title=N_("Social loan or special advance: repayment schedule"),
    input_type=SocialLoanInputs,
    specs=SPECS,
    compute=compute,
    outputs=("monthly_installment", "last_installment", "total_repaid"),
    constants=constants,
    figures=figures,
    notes=notes,
)
