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

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from esncli.errors import InputError
from esncli.i18n import N_, _, language
from esncli.rules.common import STATUS_SPEC
from esncli.rules.model import CENT, Estimate, InputSpec, Result, Step

KIND = "death-capital"
SOURCE_ACTIVE = N_("Guide — summary table, note (3); Capital Décès ou PTIA (p. 19), note (2)")
SOURCE_FLAT = N_("Guide — summary table; Capital Décès ou PTIA (p. 19)")
SOURCE_CHILD = N_("Guide — summary table, note (4); Capital Décès (p. 19), notes (3) and (5)")
ZERO = Decimal(0)
HUNDRED = Decimal(100)


class DeathCapitalInputs(NamedTuple):
    status: str
    children: int
    contribution_base: Decimal | None = None  # annual, EUR (active members)
    ceiling: Decimal | None = None  # annual base of the ceiling contribution, EUR
    index_100_value: Decimal | None = None  # annual gross salary at index 100, EUR


SPECS = (
    STATUS_SPEC,
    InputSpec(
        "contribution_base",
        "money",
        N_(
            "Active members: the annual contribution base (assiette de cotisations: the salary MGEN's contribution was computed on) before the death or PTIA, EUR."
        ),
        required=False,
    ),
    InputSpec(
        "ceiling",
        "money",
        N_(
            "Optional: the annual contribution base matching the ceiling contribution (cotisation plafond), EUR; the guide does not publish it."
        ),
        required=False,
    ),
    InputSpec(
        "children",
        "int",
        N_("Number of dependent children (each adds a share of the annual gross salary at a civil-service index)."),
        maximum=Decimal(30),
    ),
    InputSpec(
        "index_100_value",
        "money",
        N_("Optional: annual gross salary at civil-service index 100, EUR (default: the official value in force)."),
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
def _texts(params: Any, lang: str) -> dict[str, str]:
    """Reasons and warnings in ``lang``, built once per parameter set and language."""
    from esncli.i18n import pick
    from esncli.parameters import format_value

    entry = params.entitlement("death_capital")
    ceiling = params.note("death_capital.active_rate")
    index = "death_capital.index_100_annual_value"
    return {
        "none": _("No death or PTIA capital for this status (summary table; p. 19).") + " " + (pick(entry["note"]) or ""),
        "no_ceiling": _("Not capped.") + " " + ((pick(ceiling) or "") if ceiling else _("The ceiling was not given.")),
        "ceiling_ignored": _("The ceiling applies only to an active member's capital; it was ignored."),
        "base_ignored": _("The contribution base counts only for an active member; this status has a flat capital."),
        "index": _(
            "The annual value of index 100 is not in the guide: {value} since {since} ({reference}); "
            "pass index_100_value for another value."
        ).format(
            value=format_value(params.value(index), "EUR", "money"),
            since=_date(params.since(index)),
            reference=params.reference(index),
        ),
        "paid": _(
            "On death, the capital goes to the beneficiaries the member designated (by default the spouse, then the "
            "children, parents, heirs) and the child supplement to the dependent children (Règlement mutualiste MISP); "
            "on PTIA, both go to the member."
        ),
    }


def _date(iso: str) -> str:
    import datetime as dt

    from esncli.i18n import date

    return date(dt.date.fromisoformat(iso))


class Constants(NamedTuple):
    active_rate: Decimal
    cta_amount: Decimal
    retired_amount: Decimal
    child_statuses: tuple[str, ...]  # entitled to the child supplement (summary table)
    child_index: Decimal
    index_100_value: Decimal  # the official value in force
    child_rate: Decimal


@lru_cache(maxsize=8)
def constants(params: Any) -> Constants:
    v = params.value
    return Constants(
        v("death_capital.active_rate"),
        v("death_capital.cta_amount"),
        v("death_capital.retired_amount"),
        params.entitled("child_supplement"),
        v("death_capital.child_index"),
        v("death_capital.index_100_annual_value"),
        v("death_capital.child_rate"),
    )


class Figures(NamedTuple):
    eligible: bool
    base_capital: Decimal
    child_supplement: Decimal
    total_amount: Decimal
    # (status, ceiling given, contribution base given, children supplemented, index 100 value given or None, paid)
    shape: tuple[str, bool, bool, bool, Decimal | None, bool]
    base: Decimal  # the contribution base counted (active members)
    index_100_value: Decimal  # the value used
    salary: Decimal  # annual gross salary at the child index
    per_child: Decimal


def figures(c: Constants, inputs: DeathCapitalInputs) -> tuple[Any, ...]:
    status = inputs.status
    base = ZERO
    if status == "active":
        base = _contribution_base(inputs)
        if inputs.ceiling is not None and inputs.ceiling < base:
            base = inputs.ceiling
        capital = (base * c.active_rate).quantize(CENT, ROUND_HALF_UP)
    elif status == "cta":
        capital = c.cta_amount
    elif status == "retired":
        capital = c.retired_amount
    else:
        capital = ZERO
    supplement = salary = per_child = ZERO
    value = c.index_100_value if inputs.index_100_value is None else inputs.index_100_value
    children = status in c.child_statuses and bool(inputs.children)
    if children:
        salary = (c.child_index * value / HUNDRED).quantize(CENT, ROUND_HALF_UP)
        per_child = (c.child_rate * salary).quantize(CENT, ROUND_HALF_UP)
        supplement = per_child * inputs.children
    total = capital + supplement
    shape = (status, inputs.ceiling is not None, inputs.contribution_base is not None, children, inputs.index_100_value, total > ZERO)
    return (total > ZERO, capital, supplement, total, shape, base, value, salary, per_child)


def notes(params: Any, shape: tuple[str, bool, bool, bool, Decimal | None, bool]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    status, ceiling, contribution_base, children, index_value, paid = shape
    texts = _texts(params, language())
    warnings = []
    reasons = []
    if status == "active":
        if not ceiling:
            warnings.append(texts["no_ceiling"])
    else:
        if ceiling:
            warnings.append(texts["ceiling_ignored"])
        if contribution_base:
            warnings.append(texts["base_ignored"])
        if status not in ("cta", "retired"):
            reasons.append(texts["none"])
    if children:
        if index_value is None:
            reasons.append(texts["index"])
        else:
            warnings.append(_override_text(params, index_value))
    if paid:
        reasons.append(texts["paid"])
    return tuple(warnings), tuple(reasons)


def compute(inputs: DeathCapitalInputs, params: Any) -> Result:
    c = constants(params)
    f = Figures._make(figures(c, inputs))
    status, _, _, children, _, _ = f.shape
    steps = []
    if status == "active":
        if inputs.ceiling is not None:
            steps.append(
                Step(
                    N_("Contribution base, capped at the base of the ceiling contribution"),
                    N_("min({contribution_base:money}, {ceiling:money})"),
                    {"contribution_base": _contribution_base(inputs), "ceiling": inputs.ceiling},
                    f.base,
                    SOURCE_ACTIVE,
                )
            )
        steps.append(
            Step(
                N_("Capital: a share of the annual contribution base"),
                N_("{rate:pct} x {base:money}"),
                {"rate": c.active_rate, "base": f.base},
                f.base_capital,
                SOURCE_ACTIVE,
            )
        )
    elif status == "cta":
        steps.append(
            Step(
                N_("Flat capital of a member maintained under the CTA"),
                N_("{capital:money}"),
                {"capital": f.base_capital},
                f.base_capital,
                SOURCE_FLAT,
            )
        )
    elif status == "retired":
        steps.append(
            Step(N_("Flat capital of a retired member"), N_("{capital:money}"), {"capital": f.base_capital}, f.base_capital, SOURCE_FLAT)
        )
    if children:
        steps.append(
            Step(
                N_("Annual gross salary at the increased index (INM)"),
                N_("{index} x {index_100_value:money} / 100"),
                {"index": c.child_index, "index_100_value": f.index_100_value},
                f.salary,
                SOURCE_CHILD,
            )
        )
        steps.append(
            Step(
                N_("Supplement per dependent child"),
                N_("{child_rate:pct} x {salary:money}"),
                {"child_rate": c.child_rate, "salary": f.salary},
                f.per_child,
                SOURCE_CHILD,
            )
        )
        steps.append(
            Step(
                N_("Supplement for all dependent children"),
                N_("{per_child:money} x {children}"),
                {"per_child": f.per_child, "children": inputs.children},
                f.child_supplement,
                SOURCE_CHILD,
            )
        )
    if f.total_amount:
        steps.append(
            Step(
                N_("Total"),
                N_("{capital:money} + {supplement:money}"),
                {"capital": f.base_capital, "supplement": f.child_supplement},
                f.total_amount,
                SOURCE_FLAT,
            )
        )
    warnings, reasons = notes(params, f.shape)
    return Result(
        kind=KIND,
        inputs=inputs._asdict(),
        eligible=f.eligible,
        outputs={"base_capital": f.base_capital, "child_supplement": f.child_supplement, "total_amount": f.total_amount},
        steps=tuple(steps),
        warnings=warnings,
        reasons=reasons,
    )


def _override_text(params: Any, value: Decimal) -> str:
    from esncli.parameters import format_value

    path = "death_capital.index_100_annual_value"
    return _("Index 100 taken at {value} as given, instead of the official {official} in force since {since}.").format(
        value=format_value(value, "EUR", "money"),
        official=format_value(params.value(path), "EUR", "money"),
        since=_date(params.since(path)),
    )


ESTIMATE = Estimate(
    kind=KIND,
    title=N_("Death or PTIA capital, with the supplement per dependent child"),
    input_type=DeathCapitalInputs,
    specs=SPECS,
    compute=compute,
    outputs=("base_capital", "child_supplement", "total_amount"),
    validate=validate,
    constants=constants,
    figures=figures,
    notes=notes,
)
