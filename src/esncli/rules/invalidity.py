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

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from esncli.errors import InputError
from esncli.i18n import N_, _, language
from esncli.rules.model import CENT, Estimate, InputSpec, Result, Step

KIND = "invalidity"
SOURCE_REFERENCE = N_("Guide — Allocations d'invalidité, note (5) (p. 14-15)")
SOURCE_IPT = N_("Guide — Allocations d'invalidité, IPT (p. 14), example of Chantal")
SOURCE_IPP = N_("Guide — Allocations d'invalidité, IPP (p. 15), example of Pierre")
SOURCE_RULES = N_("Guide — Allocations d'invalidité (p. 14-15)")
OUTPUTS = ("category", "reference_salary", "guarantee", "annual_amount", "monthly_amount", "payment")
ZERO = Decimal(0)
TWELVE = Decimal(12)
HUNDRED = Decimal(100)


class InvalidityInputs(NamedTuple):
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
        N_("Base salary: the TIB (traitement indiciaire brut, gross index-based salary) or gross base salary, EUR a month."),
    ),
    InputSpec(
        "bonuses",
        "money",
        N_(
            "Bonuses and allowances maintained by the employer until invalidity, EUR a month (counted up to a share of the base salary: esn guarantees)."
        ),
    ),
    InputSpec(
        "cost_of_living_bonus",
        "money",
        N_("Optional: cost-of-living bonus (prime de vie chère, overseas departments), EUR a month; counted in full."),
        required=False,
        default=ZERO,
    ),
    InputSpec(
        "pension",
        "money",
        N_("Resources deducted: gross invalidity then old-age pensions from compulsory schemes and other earned income, EUR a year."),
    ),
    InputSpec(
        "rate",
        "percent",
        N_(
            "Invalidity rate in percent: at or above the threshold (see esn guarantees) total invalidity (IPT), below it partial (IPP). Give it or the category."
        ),
        required=False,
    ),
    InputSpec(
        "category",
        "choice",
        N_("Social Security invalidity category: 1 is partial (IPP), 2 or 3 total (IPT). Give it or the rate."),
        required=False,
        choices=("1", "2", "3"),
    ),
    InputSpec(
        "recalculation",
        "bool",
        N_("Optional: yes for the yearly recalculation of an annuity already in payment (no capital; the annual minimum applies)."),
        required=False,
        default=False,
    ),
)


def validate(inputs: InvalidityInputs) -> None:
    if inputs.rate is None and inputs.category is None:
        raise InputError("rate", "give the invalidity rate (percent) or the Social Security category (1, 2 or 3)")


@lru_cache(maxsize=8)
def _texts(params: Any, lang: str) -> dict[str, str]:
    """Reasons and warnings in ``lang``, built once per parameter set and language (compute
    stays free of formatting)."""
    from esncli.i18n import pick
    from esncli.parameters import format_value

    def money(path: str) -> str:
        return format_value(params.value(path), "EUR", "money")

    conflict = params.note("invalidity.total_rate_threshold")
    minimum_note = params.note("invalidity.annual_minimum")
    return {
        "active": _("Invalidity allowances are for active members (summary table)."),
        "annuity": _(
            "Paid monthly in arrears, not taxable, renewed each 1 January until the member is {until}; "
            "in the year of {capital_age} a capital set by the Règlement mutualiste MISP replaces it."
        ).format(until=params.text("invalidity.annuity_until_age"), capital_age=params.text("invalidity.capital_age")),
        "ipp": _("IPP: recalculated every year from the resources declared, and suspended while the resources exceed the guarantee."),
        "ipt_overseas": _(
            "Members overseas receiving a cost-of-living bonus: the IPT annuity is recalculated every year like an IPP one (note (1))."
        ),
        "none_ipp": _("Nothing is paid: the resources exceed the guarantee, so the IPP allowance is suspended."),
        "none_ipt": _("Nothing is paid: the resources reach or exceed the guarantee."),
        "capital": _(
            "The initial annual amount is under {threshold}: it is paid once as a capital instead of an annuity. "
            "The capital's amount is set by the Règlement mutualiste MISP, which the guide does not reproduce: ask MGEN for it."
        ).format(threshold=money("invalidity.capital_threshold")),
        "capped": _("Capped at {cap} a year.").format(cap=money("invalidity.annual_cap")),
        "minimum": _("Raised to the minimum annual amount of {minimum}.").format(minimum=money("invalidity.annual_minimum")),
        "conflict": (pick(conflict) or "") if conflict else _("The rate and the category disagree; IPT was taken."),
        "minimum_note": (pick(minimum_note) or "") if minimum_note else "",
        "ipt_fixed": _(
            "An IPT annuity is renewed automatically, not recalculated (except overseas with a cost-of-living bonus); "
            "computed as a recalculation as asked."
        ),
    }


class Constants(NamedTuple):
    """The parameters the rule reads, resolved once per parameter set."""

    threshold: Decimal  # ratio: IPT at or above it
    threshold_percent: Decimal  # the same in percent, compared with the rate as given (no division per row)
    bonus_cap_rate: Decimal
    living_share: Decimal
    guarantee_rate: Decimal
    partial_factor: Decimal
    partial_factor_text: str  # "2/3", as the guide writes it
    annual_cap: Decimal
    annual_minimum: Decimal
    capital_threshold: Decimal


@lru_cache(maxsize=8)
def constants(params: Any) -> Constants:
    v = params.value
    threshold = v("invalidity.total_rate_threshold")
    return Constants(
        threshold,
        threshold * HUNDRED,
        v("invalidity.bonus_cap_rate"),
        v("invalidity.cost_of_living_bonus_share"),
        v("invalidity.guarantee_rate"),
        v("invalidity.partial_factor"),
        params.text("invalidity.partial_factor"),
        v("invalidity.annual_cap"),
        v("invalidity.annual_minimum"),
        v("invalidity.capital_threshold"),
    )


class Figures(NamedTuple):
    """Every amount of the rule; the first fields are the outputs (Estimate.outputs' names)."""

    eligible: bool
    category: str  # IPT or IPP
    reference_salary: Decimal
    guarantee: Decimal
    annual_amount: Decimal
    monthly_amount: Decimal
    payment: str  # annuity, capital or none
    # (ipt, rate and category disagree, cost-of-living bonus, payment, capped, raised to the minimum, recalculation)
    shape: tuple[bool, bool, bool, str, bool, bool, bool]
    rate_total: bool  # the rate alone makes it an IPT
    counted: Decimal  # bonuses counted
    living: Decimal  # cost-of-living bonus counted
    allowance: Decimal  # guarantee minus resources, before the cap (negative when nothing is due)
    before_minimum: Decimal  # the annual amount before the annual minimum


def figures(c: Constants, inputs: InvalidityInputs) -> tuple[Any, ...]:
    """The arithmetic of the guide, p. 14-15 (``compute`` explains it step by step)."""
    # Unpacked once (a million rows go through here in a batch): one step, not an attribute each.
    base, bonuses, pension, living_bonus, rate, category, recalculation = inputs
    _, threshold_percent, bonus_cap_rate, living_share, guarantee_rate, partial_factor, _, annual_cap, annual_minimum, capital_threshold = c
    rate_total = rate is not None and rate >= threshold_percent
    category_total = category in ("2", "3")
    ipt = rate_total or category_total
    conflict = rate is not None and category is not None and rate_total != category_total
    # Reference salary (note 5): bonuses up to 15 % of the TIB, the cost-of-living bonus in full.
    bonus_cap = base * bonus_cap_rate  # not rounded: "dans la limite de 15 %", rounded once at the end
    counted = bonuses if bonuses <= bonus_cap else bonus_cap
    reference = base + counted
    living = ZERO
    if living_bonus:
        living = living_bonus * living_share
        reference += living
    if ipt:
        guarantee = (reference * guarantee_rate * TWELVE).quantize(CENT, ROUND_HALF_UP)
    else:
        guarantee = (partial_factor * (reference * guarantee_rate) * TWELVE).quantize(CENT, ROUND_HALF_UP)
    allowance = guarantee - pension
    capped = raised = False
    monthly = ZERO
    if allowance <= ZERO:
        payment = "none"
        annual = before = ZERO
    else:
        capped = allowance > annual_cap
        annual = before = (annual_cap if capped else allowance).quantize(CENT, ROUND_HALF_UP)
        if recalculation:
            payment = "annuity"
            if annual < annual_minimum:
                annual = annual_minimum
                raised = True
        elif annual < capital_threshold:
            payment = "capital"
        else:
            payment = "annuity"
        if payment == "annuity":
            monthly = (annual / TWELVE).quantize(CENT, ROUND_HALF_UP)
    return (
        payment != "none",
        "IPT" if ipt else "IPP",
        reference,
        guarantee,
        annual,
        monthly,
        payment,
        (ipt, conflict, bool(living), payment, capped, raised, recalculation),
        rate_total,
        counted,
        living,
        allowance,
        before,
    )


def notes(params: Any, shape: tuple[bool, bool, bool, str, bool, bool, bool]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The warnings and reasons of a shape (see ``Figures.shape``)."""
    ipt, conflict, living, payment, capped, raised, recalculation = shape
    texts = _texts(params, language())
    warnings = [texts["conflict"]] if conflict else []
    reasons = [texts["active"]]
    if payment == "none":
        reasons.insert(0, texts["none_ipt"] if ipt else texts["none_ipp"])
    else:
        if capped:
            warnings.append(texts["capped"])
        if recalculation:
            if raised:
                warnings.append(texts["minimum"])
            if ipt and not living:
                warnings.append(texts["ipt_fixed"])
        elif payment == "capital":
            warnings += (texts["capital"], texts["minimum_note"])
    if payment == "annuity":
        reasons.append(texts["annuity"])
    if not ipt:
        reasons.append(texts["ipp"])
    elif living:
        reasons.append(texts["ipt_overseas"])
    return tuple(warnings), tuple(reasons)


def compute(inputs: InvalidityInputs, params: Any) -> Result:
    c = constants(params)
    f = Figures._make(figures(c, inputs))
    ipt, _, living, payment, capped, raised, _ = f.shape
    steps = [
        Step(
            N_("Bonuses counted, at most a share of the base salary (TIB)"),
            N_("min({bonuses:money}, {cap_rate:pct} x {base_salary:money})"),
            {"bonuses": inputs.bonuses, "cap_rate": c.bonus_cap_rate, "base_salary": inputs.base_salary},
            f.counted,
            SOURCE_REFERENCE,
        ),
    ]
    if living:
        steps.append(
            Step(
                N_("Cost-of-living bonus, counted outside the cap"),
                N_("{cost_of_living_bonus:money} x {share:pct}"),
                {"cost_of_living_bonus": inputs.cost_of_living_bonus, "share": c.living_share},
                f.living,
                SOURCE_REFERENCE,
            )
        )
        steps.append(
            Step(
                N_("Reference salary"),
                N_("{base_salary:money} + {counted:money} + {living:money}"),
                {"base_salary": inputs.base_salary, "counted": f.counted, "living": f.living},
                f.reference_salary,
                SOURCE_REFERENCE,
            )
        )
    else:
        steps.append(
            Step(
                N_("Reference salary"),
                N_("{base_salary:money} + {counted:money}"),
                {"base_salary": inputs.base_salary, "counted": f.counted},
                f.reference_salary,
                SOURCE_REFERENCE,
            )
        )
    rate_ratio = None if inputs.rate is None else inputs.rate / HUNDRED
    category_formula = _category_formula(rate_ratio, inputs.category, f.rate_total)
    category_values = _category_values(rate_ratio, inputs.category, c.threshold)
    if ipt:
        steps.append(
            Step(
                N_("Total permanent invalidity (IPT): rate at or above the threshold, or category 2 or 3"),
                category_formula,
                category_values,
                None,
                SOURCE_IPT,
            )
        )
        steps.append(
            Step(
                N_("Guarantee: reference salary x guarantee rate x 12"),
                N_("{reference:money} x {rate:pct} x 12"),
                {"reference": f.reference_salary, "rate": c.guarantee_rate},
                f.guarantee,
                SOURCE_IPT,
            )
        )
        source = SOURCE_IPT
    else:
        steps.append(
            Step(
                N_("Partial permanent invalidity (IPP): rate below the threshold, or category 1"),
                category_formula,
                category_values,
                None,
                SOURCE_IPP,
            )
        )
        steps.append(
            Step(
                N_("Guarantee: IPP fraction x (reference salary x guarantee rate) x 12"),
                N_("{factor} x ({reference:money} x {rate:pct}) x 12"),
                {"factor": c.partial_factor_text, "reference": f.reference_salary, "rate": c.guarantee_rate},
                f.guarantee,
                SOURCE_IPP,
            )
        )
        source = SOURCE_IPP
    steps.append(
        Step(
            N_("Allowance: guarantee minus resources (pensions)"),
            N_("{guarantee:money} - {pension:money}"),
            {"guarantee": f.guarantee, "pension": inputs.pension},
            f.allowance if f.allowance > ZERO else ZERO,
            source,
        )
    )
    if capped:
        steps.append(
            Step(
                N_("Annual cap"),
                N_("min({amount:money}, {cap:money})"),
                {"amount": f.allowance, "cap": c.annual_cap},
                c.annual_cap,
                SOURCE_RULES,
            )
        )
    if raised:
        steps.append(
            Step(
                N_("Minimum annual amount"),
                N_("max({amount:money}, {minimum:money})"),
                {"amount": f.before_minimum, "minimum": c.annual_minimum},
                c.annual_minimum,
                SOURCE_RULES,
            )
        )
    if payment == "capital":
        steps.append(
            Step(
                N_("Under the capital threshold: paid once as a capital (Règlement mutualiste MISP)"),
                N_("{amount:money} < {threshold:money}"),
                {"amount": f.annual_amount, "threshold": c.capital_threshold},
                None,
                SOURCE_RULES,
            )
        )
    elif payment == "annuity":
        steps.append(Step(N_("Paid monthly, in arrears"), N_("{annual:money} / 12"), {"annual": f.annual_amount}, f.monthly_amount, source))
    warnings, reasons = notes(params, f.shape)
    return Result(
        kind=KIND,
        inputs=inputs._asdict(),
        eligible=f.eligible,
        outputs={name: getattr(f, name) for name in OUTPUTS},
        steps=tuple(steps),
        warnings=warnings,
        reasons=reasons,
    )


# The category step's formula: which of the two tests decided (constant templates, no formatting).
CATEGORY_FORMULAS = {
    # (rate given, rate at or above the threshold, category given)
    (False, False, True): N_("category {category}"),
    (True, True, False): N_("rate {rate:pct} >= {threshold:pct}"),
    (True, False, False): N_("rate {rate:pct} < {threshold:pct}"),
    (True, True, True): N_("rate {rate:pct} >= {threshold:pct}; category {category}"),
    (True, False, True): N_("rate {rate:pct} < {threshold:pct}; category {category}"),
}


def _category_formula(rate: Decimal | None, category: str | None, rate_total: bool) -> str:
    return CATEGORY_FORMULAS[(rate is not None, rate_total, category is not None)]


def _category_values(rate: Decimal | None, category: str | None, threshold: Decimal) -> dict[str, Any]:
    values: dict[str, Any] = {"threshold": threshold}
    if rate is not None:
        values["rate"] = rate
    if category is not None:
        values["category"] = category
    return values


ESTIMATE = Estimate(
    kind=KIND,
    title=N_("Invalidity allowance (IPT or IPP)"),
    input_type=InvalidityInputs,
    specs=SPECS,
    compute=compute,
    outputs=OUTPUTS,
    validate=validate,
    constants=constants,
    figures=figures,
    notes=notes,
)
