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

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, NamedTuple, TypedDict

from esncli import dates
from esncli.i18n import N_
from esncli.money import CENT, ZERO, to_cents
from esncli.rules.fields import Choice, Date, Flag, Money, Option, Percent, Text, Year
from esncli.rules.model import Estimate, On, OneOf, Outcome, Parameter, ReasonNote, Trace, WarningNote

SOURCE_REFERENCE = N_("Guide — Allocations d'invalidité, note (5) (p. 14-15)")
SOURCE_IPT = N_("Guide — Allocations d'invalidité, IPT (p. 14), example of Chantal")
SOURCE_IPP = N_("Guide — Allocations d'invalidité, IPP (p. 15), example of Pierre")
SOURCE_RULES = N_("Guide — Allocations d'invalidité (p. 14-15)")
TWELVE = Decimal(12)
HUNDRED = Decimal(100)


class InvalidityInputs(NamedTuple):
    base_salary: Annotated[
        Decimal,
        Money(
            N_("Base salary (TIB)"),
            # Note (4) of the guide: a base salary reduced before invalidity is reconstituted.
            N_(
                "Base salary: the TIB (traitement indiciaire brut, gross index-based salary) or gross base salary, EUR a month. "
                "If it was reduced during the sick leave before invalidity (half pay, compulsory leave for health reasons...), "
                "it is reconstituted: give the full amount."
            ),
            per="month",
            minimum=CENT,  # a salary of 0 is a missing figure, not an answer of 0 (issue 10)
        ),
    ]
    bonuses: Annotated[
        Decimal,
        Money(
            N_("Bonuses and allowances"),
            N_(
                "Bonuses and allowances maintained by the employer until invalidity, EUR a month "
                "(counted up to {invalidity.bonus_cap_rate:pct} of the base salary)."
            ),
            per="month",
        ),
    ]
    pension: Annotated[
        Decimal,
        Money(
            N_("Pensions and other resources deducted"),
            # Note (3) of the guide: what the resources deducted are, and what they are not.
            N_(
                "Resources deducted, EUR a year: gross invalidity then old-age pensions from compulsory schemes (basic or "
                "supplementary) and any other earned income. Not counted: survivor's pensions, third-person and "
                "dependent-child supplements, voluntary retirement savings, alimony, property income, the ASPA "
                "(old-age solidarity allowance), fees paid to an MJPM (court-appointed protector)."
            ),
            per="year",
        ),
    ]
    cost_of_living_bonus: Annotated[
        Decimal,
        Money(
            N_("Cost-of-living bonus"),
            N_("Optional: cost-of-living bonus (prime de vie chère, overseas departments), EUR a month; counted in full."),
            per="month",
        ),
    ] = ZERO
    rate: Annotated[
        Decimal | None,
        Percent(
            N_("Rate of invalidity"),
            N_(
                "Invalidity rate in percent: {invalidity.total_rate_threshold:pct} or more is total invalidity (IPT), "
                "below it partial (IPP). Give it or the category."
            ),
            choose=N_("an invalidity rate (%), set by the pension fund or the consulting doctor"),
        ),
    ] = None
    category: Annotated[
        str | None,
        Choice(
            N_("Category"),
            N_("Social Security invalidity category: 1 is partial (IPP), 2 or 3 total (IPT). Give it or the rate."),
            choose=N_("a Social Security invalidity category (1, 2 or 3)"),
            options=(
                Option("1", title=N_("1: Social Security invalidity category 1 (IPP)")),
                Option("2", title=N_("2: Social Security invalidity category 2 (IPT)")),
                Option("3", title=N_("3: Social Security invalidity category 3 (IPT)")),
            ),
        ),
    ] = None
    recalculation: Annotated[
        bool,
        Flag(
            N_("Yearly recalculation"),
            N_(
                "Optional: the yearly recalculation of an annuity already in payment "
                "(no capital; the {invalidity.annual_minimum:money} annual minimum applies)."
            ),
        ),
    ] = False
    birth_date: Annotated[
        dt.date | None,
        Date(
            N_("Date of birth"),
            N_(
                "Optional: the member's date of birth; gives the last year of the annuity (the year of "
                "{invalidity.annuity_until_age}) and the year of the capital that replaces it (the year of {invalidity.capital_age})."
            ),
        ),
    ] = None


class InvalidityOutputs(TypedDict):
    category: Annotated[str, Text(N_("Category"))]  # IPT or IPP
    reference_salary: Annotated[Decimal, Money(N_("Reference salary"), per="month")]
    guarantee: Annotated[Decimal, Money(N_("Guarantee"), per="year")]
    # A capital's amount is the Règlement mutualiste MISP's, not the guide's: the explanation does
    # not show the initial annual amount (under the threshold) or a monthly 0 as if they were paid.
    annual_amount: Annotated[Decimal, Money(N_("Annual amount"), per="year", hidden_when=("payment", ("capital",)))]
    monthly_amount: Annotated[Decimal, Money(N_("Monthly amount"), per="month", hidden_when=("payment", ("capital",)))]
    payment: Annotated[
        str,
        Text(
            N_("Payment"),
            options=(
                Option("annuity", N_("annuity")),
                Option("capital", N_("a one-off capital")),  # its amount: the warning (CAPITAL)
                Option(
                    "suspended",
                    N_("suspended"),
                    summary=N_("Suspended: the resources exceed the IPP guarantee, so nothing is paid for now (p. 15)."),
                ),
                Option("none", N_("nothing paid")),
            ),
        ),
    ]
    annuity_until: Annotated[int | None, Year(N_("Annuity until the year"))]
    capital_year: Annotated[int | None, Year(N_("Capital in the year"))]


@dataclass(frozen=True, slots=True)
class InvalidityParameters:
    total_rate_threshold: Annotated[Decimal, Parameter("invalidity.total_rate_threshold")]  # ratio: IPT at or above it
    total_rate_threshold_percent: Annotated[Decimal, Parameter("invalidity.total_rate_threshold", percent=True)]  # as rates are given
    bonus_cap_rate: Annotated[Decimal, Parameter("invalidity.bonus_cap_rate")]
    living_share: Annotated[Decimal, Parameter("invalidity.cost_of_living_bonus_share")]
    guarantee_rate: Annotated[Decimal, Parameter("invalidity.guarantee_rate")]
    partial_factor: Annotated[Decimal, Parameter("invalidity.partial_factor")]
    partial_factor_text: Annotated[str, Parameter("invalidity.partial_factor", text=True)]  # "2/3", as the guide writes it
    annual_cap: Annotated[Decimal, Parameter("invalidity.annual_cap")]
    annual_minimum: Annotated[Decimal, Parameter("invalidity.annual_minimum")]
    capital_threshold: Annotated[Decimal, Parameter("invalidity.capital_threshold")]
    annuity_until_age: Annotated[Decimal, Parameter("invalidity.annuity_until_age")]
    capital_age: Annotated[Decimal, Parameter("invalidity.capital_age")]
    on: Annotated[dt.date, On()]  # the day of the event: has the year of the capital come?


# Warnings and reasons (texts made once per parameter set and language, when shown).
ACTIVE = ReasonNote(N_("Invalidity allowances are for active members (summary table)."))
ANNUITY = ReasonNote(
    N_(
        "Paid monthly in arrears, not taxable, renewed each 1 January until the member is {invalidity.annuity_until_age}; "
        "in the year of {invalidity.capital_age} a capital set by the Règlement mutualiste MISP replaces it."
    )
)
IPP_YEARLY = ReasonNote(
    N_("IPP: recalculated every year from the resources declared, and suspended while the resources exceed the guarantee.")
)
IPT_OVERSEAS = ReasonNote(
    N_("Members overseas receiving a cost-of-living bonus: the IPT annuity is recalculated every year like an IPP one (note (1)).")
)
NONE_IPP = ReasonNote(N_("Nothing is paid this year: the resources equal the guarantee."))
NONE_IPT = ReasonNote(N_("Nothing is paid: the resources reach or exceed the guarantee."))
CAPITAL = WarningNote(
    N_(
        "The initial annual amount is under {invalidity.capital_threshold:money}: it is paid once as a capital instead of an annuity. "
        "The capital's amount is set by the Règlement mutualiste MISP, which the guide does not reproduce: ask MGEN for it."
    )
)
CAPITAL_AND_MINIMUM = WarningNote(data="invalidity.annual_minimum")  # how the minimum and the capital combine: the data's reading
CAPPED = WarningNote(N_("Capped at {invalidity.annual_cap:money} a year."))
RAISED = WarningNote(N_("Raised to the minimum annual amount of {invalidity.annual_minimum:money}."))
CONFLICT = WarningNote(data="invalidity.total_rate_threshold", fallback=N_("The rate and the category disagree; IPT was taken."))
AGE_OF_CAPITAL = WarningNote(
    N_(
        "The member is {invalidity.capital_age} in {year}, by {on}: in the year of {invalidity.capital_age} a capital set by the "
        "Règlement mutualiste MISP replaces the annuity, so the annual amounts above are not what is paid; ask MGEN for the capital."
    )
)
YEARS_BY_REGLEMENT = ReasonNote(
    N_("Years, not days: the Règlement mutualiste MISP sets the dates within them (guide, note (2), p. 14-15).")
)
IPT_FIXED = WarningNote(
    N_(
        "An IPT annuity is renewed automatically, not recalculated (except overseas with a cost-of-living bonus); "
        "computed as a recalculation as asked."
    )
)

# The category step's formula: which of the two tests decided.
CATEGORY_FORMULAS = {
    # (rate given, rate at or above the threshold, category given)
    (False, False, True): N_("category {category}"),
    (True, True, False): N_("rate {rate:pct} >= {threshold:pct}"),
    (True, False, False): N_("rate {rate:pct} < {threshold:pct}"),
    (True, True, True): N_("rate {rate:pct} >= {threshold:pct}; category {category}"),
    (True, False, True): N_("rate {rate:pct} < {threshold:pct}; category {category}"),
}


def invalidity(x: InvalidityInputs, p: InvalidityParameters, t: Trace | None) -> Outcome:
    """The arithmetic of the guide, p. 14-15, with its steps."""
    rate_total = x.rate is not None and x.rate >= p.total_rate_threshold_percent
    category_total = x.category in ("2", "3")
    ipt = rate_total or category_total
    warnings: list[WarningNote] = []
    if x.rate is not None and x.category is not None and rate_total != category_total:
        warnings.append(CONFLICT)

    # Reference salary (note 5): bonuses up to 15 % of the TIB, the cost-of-living bonus in full.
    # Every money step is rounded half up to the cent and the next step computes from the rounded
    # figure, so that each printed formula gives its printed amount (issue 10; the note on
    # bonus_cap_rate): 15 % of 2 141,11 = 321,1665 is counted 321,17.
    counted = min(x.bonuses, to_cents(x.base_salary * p.bonus_cap_rate))
    if t:
        t.step(
            N_("Bonuses counted, at most a share of the base salary (TIB)"),
            N_("min({bonuses:money}, {cap_rate:pct} x {base_salary:money})"),
            counted,
            source=SOURCE_REFERENCE,
            bonuses=x.bonuses,
            cap_rate=p.bonus_cap_rate,
            base_salary=x.base_salary,
        )
    reference = x.base_salary + counted
    living = ZERO
    if x.cost_of_living_bonus:
        living = to_cents(x.cost_of_living_bonus * p.living_share)
        reference += living
    if t and living:
        t.step(
            N_("Cost-of-living bonus, counted outside the cap"),
            N_("{cost_of_living_bonus:money} x {share:pct}"),
            living,
            source=SOURCE_REFERENCE,
            cost_of_living_bonus=x.cost_of_living_bonus,
            share=p.living_share,
        )
        t.step(
            N_("Reference salary"),
            N_("{base_salary:money} + {counted:money} + {living:money}"),
            reference,
            source=SOURCE_REFERENCE,
            base_salary=x.base_salary,
            counted=counted,
            living=living,
        )
    elif t:
        t.step(
            N_("Reference salary"),
            N_("{base_salary:money} + {counted:money}"),
            reference,
            source=SOURCE_REFERENCE,
            base_salary=x.base_salary,
            counted=counted,
        )

    if ipt:
        source = SOURCE_IPT
        guarantee = to_cents(reference * p.guarantee_rate * TWELVE)
        if t:
            label = N_("Total permanent invalidity (IPT): rate at or above the threshold, or category 2 or 3")
            _category_step(t, label, x, p, rate_total, source)
            t.step(
                N_("Guarantee: reference salary x guarantee rate x 12"),
                N_("{reference:money} x {rate:pct} x 12"),
                guarantee,
                source=source,
                reference=reference,
                rate=p.guarantee_rate,
            )
    else:
        source = SOURCE_IPP
        guarantee = to_cents(p.partial_factor * (reference * p.guarantee_rate) * TWELVE)
        if t:
            label = N_("Partial permanent invalidity (IPP): rate below the threshold, or category 1")
            _category_step(t, label, x, p, rate_total, source)
            t.step(
                N_("Guarantee: IPP fraction x (reference salary x guarantee rate) x 12"),
                N_("{factor} x ({reference:money} x {rate:pct}) x 12"),
                guarantee,
                source=source,
                factor=p.partial_factor_text,
                reference=reference,
                rate=p.guarantee_rate,
            )

    allowance = guarantee - x.pension  # negative when nothing is due
    if t:
        t.step(
            N_("Allowance: guarantee minus resources (pensions)"),
            N_("{guarantee:money} - {pension:money}") if allowance > ZERO else N_("max({guarantee:money} - {pension:money}, 0)"),
            max(allowance, ZERO),
            source=source,
            guarantee=guarantee,
            pension=x.pension,
        )
    reasons = [ACTIVE]
    annual = monthly = ZERO
    if allowance < ZERO and not ipt:
        # « le versement de la prestation est suspendu dès que les ressources ... sont
        # supérieures à la garantie MGEN » (p. 15): suspended, not ended; recalculated yearly.
        payment = "suspended"  # the reasons say it is recalculated every year (IPP_YEARLY)
    elif allowance <= ZERO:
        payment = "none"
        reasons.insert(0, NONE_IPT if ipt else NONE_IPP)
    else:
        annual = to_cents(min(allowance, p.annual_cap))
        if allowance > p.annual_cap:
            warnings.append(CAPPED)
            if t:
                t.step(
                    N_("Annual cap"),
                    N_("min({amount:money}, {cap:money})"),
                    annual,
                    source=SOURCE_RULES,
                    amount=allowance,
                    cap=p.annual_cap,
                )
        if x.recalculation:
            payment = "annuity"
            if annual < p.annual_minimum:
                if t:
                    t.step(
                        N_("Minimum annual amount"),
                        N_("max({amount:money}, {minimum:money})"),
                        p.annual_minimum,
                        source=SOURCE_RULES,
                        amount=annual,
                        minimum=p.annual_minimum,
                    )
                annual = p.annual_minimum
                warnings.append(RAISED)
            if ipt and not living:
                warnings.append(IPT_FIXED)
        elif annual < p.capital_threshold:
            payment = "capital"
            warnings += (CAPITAL, CAPITAL_AND_MINIMUM)
            if t:
                t.step(
                    N_("Under the capital threshold: paid once as a capital (Règlement mutualiste MISP)"),
                    N_("{amount:money} < {threshold:money}"),
                    None,
                    source=SOURCE_RULES,
                    amount=annual,
                    threshold=p.capital_threshold,
                )
        else:
            payment = "annuity"
        if payment == "annuity":
            monthly = to_cents(annual / TWELVE)
            reasons.append(ANNUITY)
            if t:
                t.step(N_("Paid monthly, in arrears"), N_("{annual:money} / 12"), monthly, source=source, annual=annual)
    if not ipt:
        reasons.append(IPP_YEARLY)
    elif living:
        reasons.append(IPT_OVERSEAS)
    years = None
    if x.birth_date is not None:
        # « jusqu'aux 69 ans », « un capital l'année des 70 ans » (p. 14-15): calendar years.
        years = dates.invalidity_years(x.birth_date, annuity_until_age=int(p.annuity_until_age), capital_age=int(p.capital_age))
        reasons.append(YEARS_BY_REGLEMENT)
        if t:
            for label, age, year in (
                (N_("Last year of the annuity: the year of birth + the age it ends at"), p.annuity_until_age, years.annuity_until),
                (N_("Year of the capital that replaces it: the year of birth + the age of the capital"), p.capital_age, years.capital_year),
            ):
                t.step(label, N_("{year} + {age} = {result}"), None, source=SOURCE_RULES, year=x.birth_date.year, age=int(age), result=year)
        if dates.capital_due(x.birth_date, p.on, capital_age=int(p.capital_age)) and payment in ("annuity", "suspended"):
            warnings.append(AGE_OF_CAPITAL.given(year=str(years.capital_year), on=p.on))
    outputs: InvalidityOutputs = {
        "category": "IPT" if ipt else "IPP",
        "reference_salary": reference,
        "guarantee": guarantee,
        "annual_amount": annual,
        "monthly_amount": monthly,
        "payment": payment,
        "annuity_until": years.annuity_until if years else None,
        "capital_year": years.capital_year if years else None,
    }
    # eligible: something is paid (a suspended IPP allowance pays nothing for now)
    return Outcome.__new__(Outcome, outputs, payment in ("annuity", "capital"), tuple(warnings), tuple(reasons))


def _category_step(t: Trace, label: str, x: InvalidityInputs, p: InvalidityParameters, rate_total: bool, source: str) -> None:
    """The step that says which test (the rate, the category, or both) made it IPT or IPP."""
    values: dict[str, Decimal | str] = {"threshold": p.total_rate_threshold}
    if x.rate is not None:
        values["rate"] = x.rate / HUNDRED
    if x.category is not None:
        values["category"] = x.category
    formula = CATEGORY_FORMULAS[(x.rate is not None, rate_total, x.category is not None)]
    t.step(label, formula, None, source=source, **values)


INVALIDITY = Estimate(
    kind="invalidity",
    aliases=("invalidité", "ipt", "ipp"),
    title=N_("Invalidity allowance (IPT or IPP)"),
    help=N_(
        "Invalidity allowance, IPT or IPP (guide: 2. Allocations d'invalidité).\n\n"
        "{invalidity.guarantee_rate:pct} (IPT) or {invalidity.partial_factor} of {invalidity.guarantee_rate:pct} (IPP) "
        "of the reference salary x 12, minus the annual resources; worked examples of Pierre (IPP) and Chantal (IPT)."
    ),
    inputs=InvalidityInputs,
    outputs=InvalidityOutputs,
    parameters=InvalidityParameters,
    rule=invalidity,
    one_of=(
        OneOf(
            ("rate", "category"),
            help=N_(
                "(a rate of {invalidity.total_rate_threshold:pct} or more, or category 2 or 3, is total invalidity, IPT; "
                "below, or category 1, partial, IPP)"
            ),
            missing=N_("give the invalidity rate (percent) or the Social Security category (1, 2 or 3)"),
        ),
    ),
)
