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
from typing import Annotated, NamedTuple, TypedDict

from esncli.i18n import N_
from esncli.money import CENT, ZERO, to_cents
from esncli.rules.common import STATUS, status_not_met
from esncli.rules.fields import Count, Money, When
from esncli.rules.model import NOT_DUE, Entitled, Estimate, Outcome, Parameter, ReasonNote, Trace, WarningNote

SOURCE_ACTIVE = N_("Guide — summary table, note (3); Capital Décès ou PTIA (p. 19), note (2)")
SOURCE_FLAT = N_("Guide — summary table; Capital Décès ou PTIA (p. 19)")
SOURCE_CHILD = N_("Guide — summary table, note (4); Capital Décès (p. 19), notes (3) and (5)")
HUNDRED = Decimal(100)


class DeathCapitalInputs(NamedTuple):
    status: Annotated[str, STATUS]
    children: Annotated[
        int | None,
        Count(
            N_("Dependent children"),
            N_(
                "Number of dependent children (each adds {death_capital.child_rate:pct} of the annual gross salary "
                "at civil-service index {death_capital.child_index})."
            ),
            maximum=Decimal(30),
            asked_when=(When("status", entitled="child_supplement"),),  # the statuses a child adds to (summary table)
        ),
    ] = None
    contribution_base: Annotated[
        Decimal | None,
        Money(
            N_("Contribution base"),
            N_(
                "Active members: the annual contribution base (assiette de cotisations: the salary MGEN's contribution "
                "was computed on) before the death or PTIA, EUR."
            ),
            per="year",
            asked_when=(When("status", ("active",)),),
            minimum=CENT,  # a salary of 0 is a missing figure, not an answer of 0 (issue 10)
            missing=N_("needed for an active member: the annual contribution base (assiette de cotisations) before the death or PTIA"),
        ),
    ] = None
    ceiling: Annotated[
        Decimal | None,
        Money(
            N_("Ceiling contribution base"),
            N_(
                "Optional: the annual contribution base matching the ceiling contribution (cotisation plafond), "
                "which caps an active member's capital, EUR; the guide does not publish it."
            ),
            per="year",
        ),
    ] = None
    index_100_value: Annotated[
        Decimal | None,
        Money(
            N_("Annual value of index 100"),
            N_(
                "Optional: annual gross salary at civil-service index 100, EUR (default: the official value in force, "
                "{death_capital.index_100_annual_value:money} since {death_capital.index_100_annual_value:since})."
            ),
            per="year",
            minimum=Decimal("0.01"),
        ),
    ] = None


class DeathCapitalOutputs(TypedDict):
    base_capital: Annotated[Decimal, Money(N_("Base capital"))]
    child_supplement: Annotated[Decimal, Money(N_("Child supplement"))]
    total_amount: Annotated[Decimal, Money(N_("Total amount"))]


@dataclass(frozen=True, slots=True)
class DeathCapitalParameters:
    active_rate: Annotated[Decimal, Parameter("death_capital.active_rate")]
    cta_amount: Annotated[Decimal, Parameter("death_capital.cta_amount")]
    retired_amount: Annotated[Decimal, Parameter("death_capital.retired_amount")]
    child_statuses: Annotated[tuple[str, ...], Entitled("child_supplement")]  # the summary table
    child_index: Annotated[Decimal, Parameter("death_capital.child_index")]
    index_100_value: Annotated[Decimal, Parameter("death_capital.index_100_annual_value")]  # the official value in force
    child_rate: Annotated[Decimal, Parameter("death_capital.child_rate")]
    capital_statuses: Annotated[tuple[str, ...], Entitled("death_capital")]  # the summary table, for the explanation


NO_CAPITAL = ReasonNote(N_("No death or PTIA capital for this status (summary table; p. 19)."), data="entitlement:death_capital")
NOT_CAPPED = WarningNote(N_("Not capped."), data="death_capital.active_rate", fallback=N_("The ceiling was not given."))
CEILING_IGNORED = WarningNote(N_("The ceiling applies only to an active member's capital; it was ignored."))
BASE_IGNORED = WarningNote(N_("The contribution base counts only for an active member; this status has a flat capital."))
INDEX = ReasonNote(
    N_(
        "The annual value of index 100 is not in the guide: {death_capital.index_100_annual_value:money} since "
        "{death_capital.index_100_annual_value:since} ({death_capital.index_100_annual_value:reference}); "
        "pass index_100_value for another value."
    )
)
INDEX_GIVEN = WarningNote(
    N_(
        "Index 100 taken at {value:money} as given, instead of the official {death_capital.index_100_annual_value:money} "
        "in force since {death_capital.index_100_annual_value:since}."
    )
)
PAID_TO = ReasonNote(
    N_(
        "On death, the capital goes to the beneficiaries the member designated (by default the spouse, then the "
        "children, parents, heirs) and the child supplement to the dependent children (Règlement mutualiste MISP); "
        "on PTIA, both go to the member."
    )
)


def death_capital(x: DeathCapitalInputs, p: DeathCapitalParameters, t: Trace | None) -> Outcome:
    warnings: list[WarningNote] = []
    reasons: list[ReasonNote] = []
    if x.status == "active":
        assert x.contribution_base is not None  # asked_when: checked with the inputs
        base = x.contribution_base
        if x.ceiling is not None:
            base = min(base, x.ceiling)
            if t:
                t.step(
                    N_("Contribution base, capped at the base of the ceiling contribution"),
                    N_("min({contribution_base:money}, {ceiling:money})"),
                    base,
                    source=SOURCE_ACTIVE,
                    contribution_base=x.contribution_base,
                    ceiling=x.ceiling,
                )
        else:
            warnings.append(NOT_CAPPED)
        capital = to_cents(base * p.active_rate)
        if t:
            t.step(
                N_("Capital: a share of the annual contribution base"),
                N_("{rate:pct} x {base:money}"),
                capital,
                source=SOURCE_ACTIVE,
                rate=p.active_rate,
                base=base,
            )
    else:
        if x.ceiling is not None:
            warnings.append(CEILING_IGNORED)
        if x.contribution_base is not None:
            warnings.append(BASE_IGNORED)
        if x.status == "cta":
            capital = p.cta_amount
            if t:
                label = N_("Flat capital of a member maintained under the CTA")
                t.step(label, N_("{capital:money}"), capital, source=SOURCE_FLAT, capital=capital)
        elif x.status == "retired":
            capital = p.retired_amount
            if t:
                t.step(N_("Flat capital of a retired member"), N_("{capital:money}"), capital, source=SOURCE_FLAT, capital=capital)
        else:
            capital = ZERO
            reasons.append(NO_CAPITAL)
            if t:
                status_not_met(t, N_("{status}; the death or PTIA capital is for {entitled}"), x.status, p.capital_statuses, SOURCE_FLAT)

    supplement = ZERO
    if x.status in p.child_statuses and x.children:
        if x.index_100_value is None:
            value = p.index_100_value
            reasons.append(INDEX)
        else:
            value = x.index_100_value
            warnings.append(INDEX_GIVEN.given(value=value))
        salary = to_cents(p.child_index * value / HUNDRED)
        per_child = to_cents(p.child_rate * salary)
        supplement = per_child * x.children
        if t:
            t.step(
                N_("Annual gross salary at the increased index (INM)"),
                N_("{index} x {index_100_value:money} / 100"),
                salary,
                source=SOURCE_CHILD,
                index=p.child_index,
                index_100_value=value,
            )
            t.step(
                N_("Supplement per dependent child"),
                N_("{child_rate:pct} x {salary:money}"),
                per_child,
                source=SOURCE_CHILD,
                child_rate=p.child_rate,
                salary=salary,
            )
            t.step(
                N_("Supplement for all dependent children"),
                N_("{per_child:money} x {children}"),
                supplement,
                source=SOURCE_CHILD,
                per_child=per_child,
                children=x.children,
            )
    total = capital + supplement
    if t and NO_CAPITAL in reasons and not total:
        t.step(N_("Total"), NOT_DUE, total, source=SOURCE_FLAT)
    if total:
        reasons.append(PAID_TO)
        if t:
            t.step(
                N_("Total"),
                N_("{capital:money} + {supplement:money}"),
                total,
                source=SOURCE_FLAT,
                capital=capital,
                supplement=supplement,
            )
    outputs: DeathCapitalOutputs = {"base_capital": capital, "child_supplement": supplement, "total_amount": total}
    return Outcome.__new__(Outcome, outputs, total > ZERO, tuple(warnings), tuple(reasons))


DEATH_CAPITAL = Estimate(
    kind="death-capital",
    aliases=("capital décès", "capital-décès", "capital deces"),
    title=N_("Death or PTIA capital, with the supplement per dependent child"),
    help=N_(
        "Death or PTIA capital by member status (guide: 5 & 6. Capital Décès ou PTIA).\n\n"
        "Active: {death_capital.active_rate:pct} of the annual contribution base; CTA-maintained: {death_capital.cta_amount:money}; "
        "retired: {death_capital.retired_amount:money}; plus {death_capital.child_rate:pct} of the annual salary at index "
        "{death_capital.child_index} per dependent child."
    ),
    inputs=DeathCapitalInputs,
    outputs=DeathCapitalOutputs,
    parameters=DeathCapitalParameters,
    rule=death_capital,
)
