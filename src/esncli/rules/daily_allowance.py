"""Daily allowances (AJ, Allocations Journalières) during sick leave at half pay.

Guide, "Allocations Journalières" (p. 12-13) and the example of Matthieu: the guarantee is 77 % of
the reference salary (the average monthly contribution base of the 12 months before half pay);
the AJ is the guarantee minus the gross resources still paid (half pay, maintained bonuses, a
primary insurer's cash benefits); resources plus AJ may not exceed 100 % of the net salary
before the leave, or the AJ is reduced to fit.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from esncli.i18n import N_, _, language
from esncli.rules.model import CENT, Estimate, InputSpec, Result, Step

KIND = "daily-allowance"
SOURCE = N_("Guide — Allocations Journalières (p. 12-13), example of Matthieu")
SOURCE_CEILING = N_("Guide — Allocations Journalières (p. 12-13), « ne peuvent pas dépasser 100 % de votre salaire net »")
ZERO = Decimal(0)


class DailyAllowanceInputs(NamedTuple):
    reference_salary: Decimal  # monthly, gross
    resources: Decimal  # monthly, gross, during the leave
    net_salary: Decimal | None = None  # monthly, net before tax, before the leave
    net_resources: Decimal | None = None  # monthly, net, during the leave


SPECS = (
    InputSpec(
        "reference_salary",
        "money",
        N_(
            "Reference salary: the average monthly contribution base (assiette de cotisations) of the months before half pay, gross EUR; never below the floor contribution's base."
        ),
    ),
    InputSpec(
        "resources",
        "money",
        N_(
            "Gross resources still paid each month during the leave: half pay, maintained bonuses, or a primary insurer's daily benefits, EUR."
        ),
    ),
    InputSpec(
        "net_salary",
        "money",
        N_("Optional: monthly net salary before tax, before the leave, EUR (resources + AJ may not exceed it)."),
        required=False,
    ),
    InputSpec(
        "net_resources",
        "money",
        N_("Optional: the same resources during the leave, net, EUR a month (to check the net-salary ceiling)."),
        required=False,
    ),
)


@lru_cache(maxsize=8)
def _texts(params: Any, lang: str) -> dict[str, str]:
    """Reasons and warnings in ``lang``, built once per parameter set and language."""
    from esncli.parameters import format_value

    ceiling = format_value(params.value("daily_allowance.net_salary_ceiling"), "ratio", "pct")
    return {
        "conditions": _(
            "For active members on sick leave: paid from the switch to half pay (or alongside a primary "
            "insurer's cash benefits) for as long as it lasts; not taxable. It ends on return to work, on invalidity, "
            "on cancellation of the membership or on death."
        ),
        "nothing": _("No daily allowance: the resources still paid already reach the guarantee level."),
        "unchecked": _(
            "The {ceiling} net-salary ceiling was not checked: pass net_salary and net_resources "
            "(the net salary before the leave and the net resources during it)."
        ).format(ceiling=ceiling),
        "half_checked": _("The {ceiling} net-salary ceiling needs both net_salary and net_resources; it was not checked.").format(
            ceiling=ceiling
        ),
        "reduced": _(
            "Reduced so that the resources plus the allowance stay within {ceiling} of the net "
            "salary before the leave (no enrichment without cause, Code civil art. 1303)."
        ).format(ceiling=ceiling),
    }


class Constants(NamedTuple):
    guarantee_rate: Decimal
    ceiling: Decimal  # share of the net salary that resources plus AJ may not exceed


@lru_cache(maxsize=8)
def constants(params: Any) -> Constants:
    return Constants(params.value("daily_allowance.guarantee_rate"), params.value("daily_allowance.net_salary_ceiling"))


class Figures(NamedTuple):
    eligible: bool
    guarantee_level: Decimal
    monthly_amount: Decimal
    shape: tuple[str, bool]  # (the net-salary check: reduced, within, unchecked, half_checked; eligible)
    allowance: Decimal  # guarantee minus resources, at least 0
    room: Decimal | None  # room under the net-salary ceiling, when both net figures are given


def figures(c: Constants, inputs: DailyAllowanceInputs) -> tuple[Any, ...]:
    guarantee = (inputs.reference_salary * c.guarantee_rate).quantize(CENT, ROUND_HALF_UP)
    allowance = max(guarantee - inputs.resources, ZERO)
    amount = allowance
    room = None
    if inputs.net_salary is not None and inputs.net_resources is not None:
        room = max(inputs.net_salary * c.ceiling - inputs.net_resources, ZERO)
        if amount > room:
            amount = room
            check = "reduced"
        else:
            check = "within"
    elif inputs.net_salary is None and inputs.net_resources is None:
        check = "unchecked"
    else:
        check = "half_checked"
    monthly = amount.quantize(CENT, ROUND_HALF_UP)
    eligible = monthly > ZERO
    return (eligible, guarantee, monthly, (check, eligible), allowance, room)


def notes(params: Any, shape: tuple[str, bool]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    check, eligible = shape
    texts = _texts(params, language())
    warnings = (texts[check],) if check != "within" else ()
    reasons = (texts["conditions"],) if eligible else (texts["nothing"], texts["conditions"])
    return warnings, reasons


def compute(inputs: DailyAllowanceInputs, params: Any) -> Result:
    c = constants(params)
    f = Figures._make(figures(c, inputs))
    steps = [
        Step(
            N_("Guarantee level: the guaranteed share of the reference salary"),
            N_("{reference_salary:money} x {rate:pct}"),
            {"reference_salary": inputs.reference_salary, "rate": c.guarantee_rate},
            f.guarantee_level,
            SOURCE,
        ),
        Step(
            N_("Allowance: guarantee minus the resources still paid"),
            N_("{guarantee:money} - {resources:money}"),
            {"guarantee": f.guarantee_level, "resources": inputs.resources},
            f.allowance,
            SOURCE,
        ),
    ]
    if f.room is not None and inputs.net_salary is not None and inputs.net_resources is not None:
        steps.append(
            Step(
                N_("Room under the net-salary ceiling"),
                N_("{net_salary:money} x {ceiling:pct} - {net_resources:money}"),
                {"net_salary": inputs.net_salary, "ceiling": c.ceiling, "net_resources": inputs.net_resources},
                f.room,
                SOURCE_CEILING,
            )
        )
        if f.shape[0] == "reduced":
            steps.append(
                Step(
                    N_("Allowance reduced to the room left"),
                    N_("min({amount:money}, {room:money})"),
                    {"amount": f.allowance, "room": f.room},
                    f.room,
                    SOURCE_CEILING,
                )
            )
    warnings, reasons = notes(params, f.shape)
    return Result(
        kind=KIND,
        inputs=inputs._asdict(),
        eligible=f.eligible,
        outputs={"guarantee_level": f.guarantee_level, "monthly_amount": f.monthly_amount},
        steps=tuple(steps),
        warnings=warnings,
        reasons=reasons,
    )


ESTIMATE = Estimate(
    kind=KIND,
    title=N_("Daily allowances (AJ) during half-pay sick leave"),
    input_type=DailyAllowanceInputs,
    specs=SPECS,
    compute=compute,
    outputs=("guarantee_level", "monthly_amount"),
    constants=constants,
    figures=figures,
    notes=notes,
)
