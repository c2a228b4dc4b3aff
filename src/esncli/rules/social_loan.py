"""Social aid repayment schedule: the interest-free social loan (prêt social) and the special
advance (avance spéciale).

Guide, "Vos aides solidaires": a social loan up to 6 000 EUR, interest- and fee-free, repaid over
48 months at most; a special advance up to 3 000 EUR, interest- and fee-free, repaid over 4 months
at most. Both are granted by the Action Sociale commission after studying the member's file,
under a means test; this computes the repayments of an amount, not a decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, NamedTuple, TypedDict

from esncli.i18n import N_
from esncli.money import CENT, cents_within
from esncli.rules.fields import Choice, Count, Money, Option
from esncli.rules.model import Estimate, Note, Outcome, Parameter, ReasonNote, Refusal, Trace, WarningNote

SOURCE = N_("Guide — Vos aides solidaires")


class SocialLoanInputs(NamedTuple):
    amount: Annotated[
        Decimal,
        Money(
            N_("Amount borrowed"),
            N_(
                "Amount borrowed, EUR: up to {social_aid.social_loan_max_amount:money} (social loan) "
                "or {social_aid.special_advance_max_amount:money} (special advance)."
            ),
            minimum=CENT,
        ),
    ]
    months: Annotated[
        int,
        Count(
            N_("Months"),
            N_(
                "Repayment period in months: {social_aid.social_loan_max_months} at most (social loan) "
                "or {social_aid.special_advance_max_months} (special advance)."
            ),
            minimum=Decimal(1),
        ),
    ]
    type: Annotated[
        str,
        Choice(
            N_("Type"),
            N_("social (prêt social, the default) or special (avance spéciale, a short interest-free advance)."),
            options=(
                Option(
                    "social",
                    N_("social loan"),
                    N_(
                        "social: social loan, up to {social_aid.social_loan_max_amount:money} "
                        "over {social_aid.social_loan_max_months} months at most"
                    ),
                    aliases=("prêt", "prêt social", "loan", "social loan"),
                ),
                Option(
                    "special",
                    N_("special advance"),
                    N_(
                        "special: special advance, up to {social_aid.special_advance_max_amount:money} "
                        "over {social_aid.special_advance_max_months} months at most"
                    ),
                    aliases=("avance", "avance spéciale", "advance", "special advance"),
                ),
            ),
            asked_first=True,  # it sets the amount's and the period's limits
        ),
    ] = "social"


class SocialLoanOutputs(TypedDict):
    monthly_installment: Annotated[Decimal, Money(N_("Monthly installment"), per="month")]
    last_installment: Annotated[Decimal, Money(N_("Last installment"))]
    total_repaid: Annotated[Decimal, Money(N_("Total repaid"))]


@dataclass(frozen=True, slots=True)
class SocialLoanParameters:
    social_max_amount: Annotated[Decimal, Parameter("social_aid.social_loan_max_amount")]
    social_max_months: Annotated[Decimal, Parameter("social_aid.social_loan_max_months")]
    special_max_amount: Annotated[Decimal, Parameter("social_aid.special_advance_max_amount")]
    special_max_months: Annotated[Decimal, Parameter("social_aid.special_advance_max_months")]


TOO_MUCH = {
    "social": Note(N_("a social loan is at most {social_aid.social_loan_max_amount:money}")),
    "special": Note(N_("a special advance is at most {social_aid.special_advance_max_amount:money}")),
}
TOO_LONG = {
    "social": Note(N_("a social loan is repaid over {social_aid.social_loan_max_months} months at most")),
    "special": Note(N_("a special advance is repaid over {social_aid.special_advance_max_months} months at most")),
}
ROUNDING = WarningNote(
    N_(
        "Equal monthly installments rounded down to the cent; the last one absorbs the difference, "
        "so the total repaid is exactly the amount borrowed."
    )
)
GRANTED = ReasonNote(
    N_(
        "Granted by the Action Sociale commission after studying your file, under a means test: ask your "
        "departmental agency. Non-repayable aid may also be granted on file. This is a repayment schedule, not a decision."
    )
)


def social_loan(x: SocialLoanInputs, p: SocialLoanParameters, t: Trace | None) -> Outcome:
    if x.type == "special":
        most, longest = p.special_max_amount, p.special_max_months
    else:
        most, longest = p.social_max_amount, p.social_max_months
    if x.amount > most:
        raise Refusal("amount", TOO_MUCH[x.type])
    if x.months > longest:
        raise Refusal("months", TOO_LONG[x.type])
    # Rounded down, so the last installment (which takes the remainder) is never the smaller one.
    share = x.amount / x.months
    installment = cents_within(share)
    last = x.amount - installment * (x.months - 1)
    if t:
        t.step(
            N_("Monthly installment, interest-free, rounded down to the cent"),
            N_("{amount:money} / {months}") if installment == share else N_("{amount:money} / {months}, rounded down to the cent"),
            installment,
            source=SOURCE,
            amount=x.amount,
            months=x.months,
        )
        t.step(
            N_("Last installment: the rest"),
            N_("{amount:money} - {installment:money} x {others}"),
            last,
            source=SOURCE,
            amount=x.amount,
            installment=installment,
            others=x.months - 1,
        )
        t.step(N_("Total repaid: no interest, no fees"), N_("{amount:money}"), x.amount, source=SOURCE, amount=x.amount)
    outputs: SocialLoanOutputs = {"monthly_installment": installment, "last_installment": last, "total_repaid": x.amount}
    return Outcome.__new__(Outcome, outputs, True, (ROUNDING,) if last != installment else (), (GRANTED,))


SOCIAL_LOAN = Estimate(
    kind="social-loan",
    aliases=("prêt social", "prêt"),
    title=N_("Social loan or special advance: repayment schedule"),
    help=N_(
        "Interest-free social loan or special advance (guide: Vos aides solidaires).\n\n"
        "Social loan up to {social_aid.social_loan_max_amount:money} over {social_aid.social_loan_max_months} months at most; "
        "special advance up to {social_aid.special_advance_max_amount:money} over {social_aid.special_advance_max_months} "
        "months at most."
    ),
    inputs=SocialLoanInputs,
    outputs=SocialLoanOutputs,
    parameters=SocialLoanParameters,
    rule=social_loan,
)
