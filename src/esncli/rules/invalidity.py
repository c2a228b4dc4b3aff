"""Invalidity allowances: IPT (Invalidité Permanente Totale) and IPP (Invalidité Permanente
Partielle).

Guide, "Allocations d'invalidité" (p. 14-15) and the examples of Pierre (IPP) and Chantal (IPT):
reference salary = base salary (TIB, traitement indiciaire brut) + bonuses counted up to 15 % of
the TIB (a cost-of-living bonus counts in full); IPT (rate >= 60 % or Social Security category 2
or 3) guarantees 70 % x reference x 12, IPP (rate < 60 % or category 1) 2/3 of that; the
allowance is the guarantee minus the pensions (resources), at most 20 000 EUR a year. An initial
amount under 1 200 EUR a year is paid once as a capital (amount set by the Règlement mutualiste
MISP, not by the guide); an annuity in payment is at least 360 EUR a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from esncli.rules.model import Estimate, InputError, InputSpec, Result, Step, to_cents

KIND = "invalidity"
SOURCE_REFERENCE = "Guide — Allocations d'invalidité, note (5) (p. 14-15)"
SOURCE_IPT = "Guide — Allocations d'invalidité, IPT (p. 14), example of Chantal"
SOURCE_IPP = "Guide — Allocations d'invalidité, IPP (p. 15), example of Pierre"
SOURCE_RULES = "Guide — Allocations d'invalidité (p. 14-15)"
ZERO = Decimal(0)
TWELVE = Decimal(12)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class InvalidityInputs:
    base_salary: Decimal  # TIB, monthly, gross
    bonuses: Decimal  # monthly, gross, maintained until invalidity
    pension: Decimal  # annual, gross: the resources deducted
    cost_of_living_bonus: Decimal = ZERO  # monthly; overseas departments' prime de vie chère
    rate: Decimal | None = None  # invalidity rate, percent (37 for 37 %)
    category: str | None = None  # Social Security invalidity category "1", "2" or "3"
    recalculation: bool = False  # the yearly recalculation of an annuity already paid


SPECS = (
    InputSpec(
        "base_salary",
        "money",
        "Base salary: the TIB (traitement indiciaire brut, gross index-based salary) or gross base salary, EUR a month.",
    ),
    InputSpec(
        "bonuses",
        "money",
        "Bonuses and allowances maintained by the employer until invalidity, EUR a month (counted up to a share of the base salary: esn guarantees).",
    ),
    InputSpec(
        "cost_of_living_bonus",
        "money",
        "Optional: cost-of-living bonus (prime de vie chère, overseas departments), EUR a month; counted in full.",
        required=False,
        default=ZERO,
    ),
    InputSpec(
        "pension",
        "money",
        "Resources deducted: gross invalidity then old-age pensions from compulsory schemes and other earned income, EUR a year.",
    ),
    InputSpec(
        "rate",
        "percent",
        "Invalidity rate in percent: at or above the threshold (see esn guarantees) total invalidity (IPT), below it partial (IPP). Give it or the category.",
        required=False,
    ),
    InputSpec(
        "category",
        "choice",
        "Social Security invalidity category: 1 is partial (IPP), 2 or 3 total (IPT). Give it or the rate.",
        required=False,
        choices=("1", "2", "3"),
    ),
    InputSpec(
        "recalculation",
        "bool",
        "Optional: yes for the yearly recalculation of an annuity already in payment (no capital; the annual minimum applies).",
        required=False,
        default=False,
    ),
)


def validate(inputs: InvalidityInputs) -> None:
    if inputs.rate is None and inputs.category is None:
        raise InputError("rate", "give the invalidity rate (percent) or the Social Security category (1, 2 or 3)")


@lru_cache(maxsize=8)
def _texts(params: Any) -> dict[str, str]:
    """Reasons and warnings, built once per parameter set (compute stays free of formatting)."""
    from esncli.parameters import format_value

    def money(path: str) -> str:
        return format_value(params.value(path), "EUR", "money")

    until = params.value("invalidity.annuity_until_age")
    capital_age = params.value("invalidity.capital_age")
    conflict = params.note("invalidity.total_rate_threshold")
    minimum_note = params.note("invalidity.annual_minimum")
    return {
        "active": "Invalidity allowances are for active members (summary table).",
        "annuity": f"Paid monthly in arrears, not taxable, renewed each 1 January until the member is {until:f}; "
        f"in the year of {capital_age:f} a capital set by the Règlement mutualiste MISP replaces it.",
        "ipp": "IPP: recalculated every year from the resources declared, and suspended while the resources exceed the guarantee.",
        "ipt_overseas": "Members overseas receiving a cost-of-living bonus: the IPT annuity is recalculated every year like an IPP one (note (1)).",
        "none_ipp": "Nothing is paid: the resources exceed the guarantee, so the IPP allowance is suspended.",
        "none_ipt": "Nothing is paid: the resources reach or exceed the guarantee.",
        "capital": f"The initial annual amount is under {money('invalidity.capital_threshold')}: it is paid once as a capital "
        "instead of an annuity. The capital's amount is set by the Règlement mutualiste MISP, which the guide does "
        "not reproduce: ask MGEN for it.",
        "capped": f"Capped at {money('invalidity.annual_cap')} a year.",
        "minimum": f"Raised to the minimum annual amount of {money('invalidity.annual_minimum')}.",
        "conflict": conflict["en"] if conflict else "The rate and the category disagree; IPT was taken.",
        "minimum_note": minimum_note["en"] if minimum_note else "",
        "ipt_fixed": "An IPT annuity is renewed automatically, not recalculated (except overseas with a cost-of-living bonus); computed as a recalculation as asked.",
    }


def compute(inputs: InvalidityInputs, params: Any) -> Result:
    v = params.value
    texts = _texts(params)
    threshold = v("invalidity.total_rate_threshold")
    rate_ratio = None if inputs.rate is None else inputs.rate / HUNDRED
    rate_total = rate_ratio is not None and rate_ratio >= threshold
    category_total = inputs.category in ("2", "3")
    total = rate_total or category_total
    warnings = []
    reasons = [texts["active"]]
    if rate_ratio is not None and inputs.category is not None and rate_total != category_total:
        warnings.append(texts["conflict"])

    # Reference salary (note 5): bonuses up to 15 % of the TIB, the cost-of-living bonus in full.
    cap_rate = v("invalidity.bonus_cap_rate")
    bonus_cap = inputs.base_salary * cap_rate  # not rounded: "dans la limite de 15 %", rounded once at the end
    counted = inputs.bonuses if inputs.bonuses <= bonus_cap else bonus_cap
    steps = [
        Step(
            "Bonuses counted, at most a share of the base salary (TIB)",
            "min({bonuses:money}, {cap_rate:pct} x {base_salary:money})",
            {"bonuses": inputs.bonuses, "cap_rate": cap_rate, "base_salary": inputs.base_salary},
            counted,
            SOURCE_REFERENCE,
        ),
    ]
    reference = inputs.base_salary + counted
    if inputs.cost_of_living_bonus:
        share = v("invalidity.cost_of_living_bonus_share")
        living = inputs.cost_of_living_bonus * share
        steps.append(
            Step(
                "Cost-of-living bonus, counted outside the cap",
                "{cost_of_living_bonus:money} x {share:pct}",
                {"cost_of_living_bonus": inputs.cost_of_living_bonus, "share": share},
                living,
                SOURCE_REFERENCE,
            )
        )
        reference += living
        steps.append(
            Step(
                "Reference salary",
                "{base_salary:money} + {counted:money} + {living:money}",
                {"base_salary": inputs.base_salary, "counted": counted, "living": living},
                reference,
                SOURCE_REFERENCE,
            )
        )
    else:
        steps.append(
            Step(
                "Reference salary",
                "{base_salary:money} + {counted:money}",
                {"base_salary": inputs.base_salary, "counted": counted},
                reference,
                SOURCE_REFERENCE,
            )
        )

    rate = v("invalidity.guarantee_rate")
    if total:
        category = "IPT"
        steps.append(
            Step(
                "Total permanent invalidity (IPT): rate at or above the threshold, or category 2 or 3",
                _category_formula(rate_ratio, inputs.category, rate_total),
                _category_values(rate_ratio, inputs.category, threshold),
                None,
                SOURCE_IPT,
            )
        )
        guarantee = to_cents(reference * rate * TWELVE)
        steps.append(
            Step(
                "Guarantee: reference salary x guarantee rate x 12",
                "{reference:money} x {rate:pct} x 12",
                {"reference": reference, "rate": rate},
                guarantee,
                SOURCE_IPT,
            )
        )
        source = SOURCE_IPT
    else:
        category = "IPP"
        steps.append(
            Step(
                "Partial permanent invalidity (IPP): rate below the threshold, or category 1",
                _category_formula(rate_ratio, inputs.category, rate_total),
                _category_values(rate_ratio, inputs.category, threshold),
                None,
                SOURCE_IPP,
            )
        )
        factor = v("invalidity.partial_factor")
        guarantee = to_cents(factor * (reference * rate) * TWELVE)
        steps.append(
            Step(
                "Guarantee: IPP fraction x (reference salary x guarantee rate) x 12",
                "{factor} x ({reference:money} x {rate:pct}) x 12",
                {"factor": params.text("invalidity.partial_factor"), "reference": reference, "rate": rate},
                guarantee,
                SOURCE_IPP,
            )
        )
        source = SOURCE_IPP

    amount = guarantee - inputs.pension
    steps.append(
        Step(
            "Allowance: guarantee minus resources (pensions)",
            "{guarantee:money} - {pension:money}",
            {"guarantee": guarantee, "pension": inputs.pension},
            amount if amount > ZERO else ZERO,
            source,
        )
    )

    if amount <= ZERO:
        payment = "none"
        annual = ZERO
        reasons.insert(0, texts["none_ipp"] if category == "IPP" else texts["none_ipt"])
    else:
        cap = v("invalidity.annual_cap")
        if amount > cap:
            steps.append(Step("Annual cap", "min({amount:money}, {cap:money})", {"amount": amount, "cap": cap}, cap, SOURCE_RULES))
            amount = cap
            warnings.append(texts["capped"])
        annual = to_cents(amount)
        if inputs.recalculation:
            payment = "annuity"
            minimum = v("invalidity.annual_minimum")
            if annual < minimum:
                steps.append(
                    Step(
                        "Minimum annual amount",
                        "max({amount:money}, {minimum:money})",
                        {"amount": annual, "minimum": minimum},
                        minimum,
                        SOURCE_RULES,
                    )
                )
                annual = minimum
                warnings.append(texts["minimum"])
            if category == "IPT" and not inputs.cost_of_living_bonus:
                warnings.append(texts["ipt_fixed"])
        elif annual < v("invalidity.capital_threshold"):
            payment = "capital"
            threshold_amount = v("invalidity.capital_threshold")
            steps.append(
                Step(
                    "Under the capital threshold: paid once as a capital (Règlement mutualiste MISP)",
                    "{amount:money} < {threshold:money}",
                    {"amount": annual, "threshold": threshold_amount},
                    None,
                    SOURCE_RULES,
                )
            )
            warnings.append(texts["capital"])
            warnings.append(texts["minimum_note"])
        else:
            payment = "annuity"
    if payment == "annuity":
        monthly = to_cents(annual / TWELVE)
        steps.append(
            Step(
                "Paid monthly, in arrears",
                "{annual:money} / 12",
                {"annual": annual},
                monthly,
                SOURCE_IPP if category == "IPP" else SOURCE_IPT,
            )
        )
        reasons.append(texts["annuity"])
    else:
        monthly = ZERO
    if category == "IPP":
        reasons.append(texts["ipp"])
    elif inputs.cost_of_living_bonus:
        reasons.append(texts["ipt_overseas"])
    return Result(
        kind=KIND,
        inputs=dict(vars(inputs)),
        eligible=payment != "none",
        outputs={
            "category": category,
            "reference_salary": reference,
            "guarantee": guarantee,
            "annual_amount": annual,
            "monthly_amount": monthly,
            "payment": payment,
        },
        steps=tuple(steps),
        warnings=tuple(warnings),
        reasons=tuple(reasons),
    )


# The category step's formula: which of the two tests decided (constant templates, no formatting).
def _category_formula(rate: Decimal | None, category: str | None, rate_total: bool) -> str:
    if rate is None:
        return "category {category}"
    test = "rate {rate:pct} >= {threshold:pct}" if rate_total else "rate {rate:pct} < {threshold:pct}"
    if category is None:
        return test
    return test + "; category {category}"


def _category_values(rate: Decimal | None, category: str | None, threshold: Decimal) -> dict[str, Any]:
    values: dict[str, Any] = {"threshold": threshold}
    if rate is not None:
        values["rate"] = rate
    if category is not None:
        values["category"] = category
    return values


ESTIMATE = Estimate(
    kind=KIND,
    title="Invalidity allowance (IPT or IPP)",
    input_type=InvalidityInputs,
    specs=SPECS,
    compute=compute,
    outputs=("category", "reference_salary", "guarantee", "annual_amount", "monthly_amount", "payment"),
    validate=validate,
)
