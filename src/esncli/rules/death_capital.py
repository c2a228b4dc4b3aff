"""Death or PTIA capital (Capital Décès ou Perte Totale et Irréversible d'Autonomie: total and
irreversible loss of autonomy, unable to work and needing another person's help for daily acts).

Guide, summary table notes (3) and (4), and "Capital Décès ou PTIA" (p. 18-19): an active member's
capital is 85 % of the annual contribution base before the event, capped at the base of the
ceiling contribution (not published in the guide: an input); a CTA-maintained member's is
15 855 EUR, a retired member's 3 500 EUR; associate members and spouse beneficiaries have none.
Active, CTA-maintained and retired members add, per dependent child, 25 % of the annual gross
salary at increased index (INM) 821 = 821 x the annual value of index 100 / 100, an outside
figure (décret n° 2023-519: 5 907,34 EUR since 2023-07-01) the user may override.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from esncli.parameters import STATUSES
from esncli.rules.model import Estimate, InputError, InputSpec, Result, Step, to_cents

KIND = "death-capital"
SOURCE_ACTIVE = "Guide — summary table, note (3); Capital Décès ou PTIA (p. 19), note (2)"
SOURCE_FLAT = "Guide — summary table; Capital Décès ou PTIA (p. 19)"
SOURCE_CHILD = "Guide — summary table, note (4); Capital Décès (p. 19), notes (3) and (5)"
ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class DeathCapitalInputs:
    status: str
    children: int
    contribution_base: Decimal | None = None  # annual, EUR (active members)
    ceiling: Decimal | None = None  # annual base of the ceiling contribution, EUR
    index_100_value: Decimal | None = None  # annual gross salary at index 100, EUR


SPECS = (
    InputSpec(
        "status",
        "choice",
        "Member status: active (MP actif), cta (maintained under the CTA), associate, retired, or spouse (spouse beneficiary).",
        choices=STATUSES,
    ),
    InputSpec(
        "contribution_base",
        "money",
        "Active members: the annual contribution base (assiette de cotisations: the salary MGEN's contribution was computed on) before the death or PTIA, EUR.",
        required=False,
    ),
    InputSpec(
        "ceiling",
        "money",
        "Optional: the annual contribution base matching the ceiling contribution (cotisation plafond), EUR; the guide does not publish it.",
        required=False,
    ),
    InputSpec(
        "children",
        "int",
        "Number of dependent children (each adds a share of the annual gross salary at a civil-service index).",
        maximum=Decimal(30),
    ),
    InputSpec(
        "index_100_value",
        "money",
        "Optional: annual gross salary at civil-service index 100, EUR (default: the official value in force).",
        required=False,
        minimum=Decimal("0.01"),
    ),
)


def validate(inputs: DeathCapitalInputs) -> None:
    if inputs.status == "active":
        _contribution_base(inputs)


def _contribution_base(inputs: DeathCapitalInputs) -> Decimal:
    if inputs.contribution_base is None:
        raise InputError(
            "contribution_base",
            "needed for an active member: the annual contribution base (assiette de cotisations) before the death or PTIA",
        )
    return inputs.contribution_base


@lru_cache(maxsize=8)
def _texts(params: Any) -> dict[str, str]:
    from esncli.parameters import format_value

    entry = params.entitlement("death_capital")
    ceiling = params.note("death_capital.active_rate")
    index = "death_capital.index_100_annual_value"
    return {
        "none": "No death or PTIA capital for this status (summary table; p. 19). " + (entry["note"]["en"] if entry["note"] else ""),
        "no_ceiling": "Not capped. " + (ceiling["en"] if ceiling else "The ceiling was not given."),
        "ceiling_ignored": "The ceiling applies only to an active member's capital; it was ignored.",
        "base_ignored": "The contribution base counts only for an active member; this status has a flat capital.",
        "index": f"The annual value of index 100 is not in the guide: {format_value(params.value(index), 'EUR', 'money')} "
        f"since {params.since(index)} ({params.reference(index)}); pass index_100_value for another value.",
        "paid": "On death, the capital goes to the beneficiaries the member designated (by default the spouse, then the "
        "children, parents, heirs) and the child supplement to the dependent children (Règlement mutualiste MISP); "
        "on PTIA, both go to the member.",
    }


def compute(inputs: DeathCapitalInputs, params: Any) -> Result:
    v = params.value
    texts = _texts(params)
    status = inputs.status
    steps = []
    warnings = []
    reasons = []
    if status == "active":
        base = _contribution_base(inputs)
        if inputs.ceiling is not None:
            capped = base if base <= inputs.ceiling else inputs.ceiling
            steps.append(
                Step(
                    "Contribution base, capped at the base of the ceiling contribution",
                    "min({contribution_base:money}, {ceiling:money})",
                    {"contribution_base": base, "ceiling": inputs.ceiling},
                    capped,
                    SOURCE_ACTIVE,
                )
            )
            base = capped
        else:
            warnings.append(texts["no_ceiling"])
        rate = v("death_capital.active_rate")
        capital = to_cents(base * rate)
        steps.append(
            Step(
                "Capital: a share of the annual contribution base",
                "{rate:pct} x {base:money}",
                {"rate": rate, "base": base},
                capital,
                SOURCE_ACTIVE,
            )
        )
    else:
        if inputs.ceiling is not None:
            warnings.append(texts["ceiling_ignored"])
        if inputs.contribution_base is not None:
            warnings.append(texts["base_ignored"])
        if status == "cta":
            capital = v("death_capital.cta_amount")
            steps.append(
                Step("Flat capital of a member maintained under the CTA", "{capital:money}", {"capital": capital}, capital, SOURCE_FLAT)
            )
        elif status == "retired":
            capital = v("death_capital.retired_amount")
            steps.append(Step("Flat capital of a retired member", "{capital:money}", {"capital": capital}, capital, SOURCE_FLAT))
        else:
            capital = ZERO
            reasons.append(texts["none"])

    supplement = ZERO
    if status in params.entitled("child_supplement") and inputs.children:
        index = v("death_capital.child_index")
        if inputs.index_100_value is None:
            value = v("death_capital.index_100_annual_value")
            reasons.append(texts["index"])
        else:
            value = inputs.index_100_value
            warnings.append(_override_text(params, value))
        salary = to_cents(index * value / HUNDRED)
        child_rate = v("death_capital.child_rate")
        per_child = to_cents(child_rate * salary)
        supplement = per_child * inputs.children
        steps.append(
            Step(
                "Annual gross salary at the increased index (INM)",
                "{index} x {index_100_value:money} / 100",
                {"index": index, "index_100_value": value},
                salary,
                SOURCE_CHILD,
            )
        )
        steps.append(
            Step(
                "Supplement per dependent child",
                "{child_rate:pct} x {salary:money}",
                {"child_rate": child_rate, "salary": salary},
                per_child,
                SOURCE_CHILD,
            )
        )
        steps.append(
            Step(
                "Supplement for all dependent children",
                "{per_child:money} x {children}",
                {"per_child": per_child, "children": inputs.children},
                supplement,
                SOURCE_CHILD,
            )
        )
    total = capital + supplement
    if total:
        steps.append(
            Step("Total", "{capital:money} + {supplement:money}", {"capital": capital, "supplement": supplement}, total, SOURCE_FLAT)
        )
        reasons.append(texts["paid"])
    return Result(
        kind=KIND,
        inputs=dict(vars(inputs)),
        eligible=total > ZERO,
        outputs={"base_capital": capital, "child_supplement": supplement, "total_amount": total},
        steps=tuple(steps),
        warnings=tuple(warnings),
        reasons=tuple(reasons),
    )


def _override_text(params: Any, value: Decimal) -> str:
    from esncli.parameters import format_value

    path = "death_capital.index_100_annual_value"
    return (
        f"Index 100 taken at {format_value(value, 'EUR', 'money')} as given, instead of the official "
        f"{format_value(params.value(path), 'EUR', 'money')} in force since {params.since(path)}."
    )


ESTIMATE = Estimate(
    kind=KIND,
    title="Death or PTIA capital, with the supplement per dependent child",
    input_type=DeathCapitalInputs,
    specs=SPECS,
    compute=compute,
    outputs=("base_capital", "child_supplement", "total_amount"),
    validate=validate,
)
