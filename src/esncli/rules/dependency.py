"""Total dependency annuity and home-support lump sum (rente et forfait dépendance totale).

Guide, "Rente et forfait dépendance totale" (p. 17) and note (6) of the summary table: 120 EUR a
month while total dependency lasts (first payment after 3 continuous months), plus 500 EUR a year
if the person stayed at home at least 6 months of the past year; for active or retired members
and spouse beneficiaries classed GIR 1 (groupe iso-ressources: the French dependency scale, 1 the
most dependent); 36-month waiting period.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from esncli.i18n import N_, _, language
from esncli.rules.common import STATUS_SPEC
from esncli.rules.model import Estimate, InputSpec, Result, Step

KIND = "dependency"
SOURCE = N_("Guide — Rente et forfait dépendance totale (p. 17); summary table, note (6)")
ZERO = Decimal(0)


class DependencyInputs(NamedTuple):
    status: str
    gir: int
    membership_months: int
    home_months: int


SPECS = (
    STATUS_SPEC,
    InputSpec(
        "gir",
        "int",
        N_("GIR level (groupe iso-ressources, 1 = most dependent ... 6 = autonomous); abroad, set by MGEN's consulting doctor."),
        minimum=Decimal(1),
        maximum=Decimal(6),
    ),
    InputSpec("membership_months", "int", N_("Months of membership so far (a waiting period applies)."), maximum=Decimal(1500)),
    InputSpec(
        "home_months",
        "int",
        N_("Months spent living at home during the past 12 months (enough of them: home-support lump sum)."),
        maximum=Decimal(12),
    ),
)


@lru_cache(maxsize=8)
def _texts(params: Any, lang: str) -> dict[str, str]:
    """Reasons and warnings in ``lang``, built once per parameter set and language."""
    from esncli.i18n import pick

    entry = params.entitlement("dependency")
    note = pick(entry["note"]) or ""
    waiting_note = pick(params.note("dependency.waiting_period_months")) or ""
    return {
        "status": _("Total dependency is for active or retired members and spouse beneficiaries (p. 17).") + " " + note,
        "gir": _(
            "Total dependency means GIR {gir}; other GIR levels are not covered (see also the social aid for disability or dependency)."
        ).format(gir=params.text("dependency.gir_level")),
        "waiting": _("Within the {months}-month waiting period: no payment yet.").format(
            months=params.text("dependency.waiting_period_months")
        )
        + " "
        + waiting_note,
        "conditions": _(
            "Paid while total dependency lasts; first payment after {months} continuous months. "
            "Abroad and in the COM the GIR level is set by MGEN's consulting doctor."
        ).format(months=params.text("dependency.franchise_months")),
    }


class Constants(NamedTuple):
    statuses: tuple[str, ...]  # entitled (summary table)
    gir_level: Decimal
    waiting_months: Decimal
    home_months_required: Decimal
    monthly_amount: Decimal
    home_support_amount: Decimal


@lru_cache(maxsize=8)
def constants(params: Any) -> Constants:
    v = params.value
    return Constants(
        params.entitled("dependency"),
        v("dependency.gir_level"),
        v("dependency.waiting_period_months"),
        v("dependency.home_months_required"),
        v("dependency.monthly_amount"),
        v("dependency.home_support_amount"),
    )


class Figures(NamedTuple):
    eligible: bool
    monthly_amount: Decimal
    home_support_amount: Decimal
    shape: tuple[bool, bool, bool]  # (status entitled, GIR 1, waiting period over)


def figures(c: Constants, inputs: DependencyInputs) -> tuple[Any, ...]:
    entitled = inputs.status in c.statuses
    gir = inputs.gir == c.gir_level
    waited = inputs.membership_months >= c.waiting_months
    eligible = entitled and gir and waited
    if eligible:
        monthly = c.monthly_amount
        home = c.home_support_amount if inputs.home_months >= c.home_months_required else ZERO
    else:
        monthly = home = ZERO
    return (eligible, monthly, home, (entitled, gir, waited))


def notes(params: Any, shape: tuple[bool, bool, bool]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    entitled, gir, waited = shape
    texts = _texts(params, language())
    reasons = []
    if not entitled:
        reasons.append(texts["status"])
    if not gir:
        reasons.append(texts["gir"])
    if not waited:
        reasons.append(texts["waiting"])
    reasons.append(texts["conditions"])
    return (), tuple(reasons)


def compute(inputs: DependencyInputs, params: Any) -> Result:
    c = constants(params)
    f = Figures._make(figures(c, inputs))
    steps = (
        Step(
            N_("Monthly annuity while total dependency lasts"),
            N_("{monthly:money}"),
            {"monthly": c.monthly_amount},
            f.monthly_amount,
            SOURCE,
        ),
        Step(
            N_("Home-support lump sum, a year, if at home long enough"),
            N_("{home_months} months at home in the past year (needs {required})"),
            {"home_months": inputs.home_months, "required": c.home_months_required},
            f.home_support_amount,
            SOURCE,
        ),
    )
    warnings, reasons = notes(params, f.shape)
    return Result(
        kind=KIND,
        inputs=inputs._asdict(),
        eligible=f.eligible,
        outputs={"monthly_amount": f.monthly_amount, "home_support_amount": f.home_support_amount},
        steps=steps,
        warnings=warnings,
        reasons=reasons,
    )


ESTIMATE = Estimate(
    kind=KIND,
    title=N_("Total dependency annuity and home-support lump sum"),
    input_type=DependencyInputs,
    specs=SPECS,
    compute=compute,
    outputs=("monthly_amount", "home_support_amount"),
    constants=constants,
    figures=figures,
    notes=notes,
)
