"""``esn estimate ...``: one command per estimate of the guide's "Vos garanties Prévoyance" pages
and social aids.

Each command only declares its options; ``estimate()`` does the rest the same way for all:
collect the raw strings, ask what is missing (terminal only), run the rule through the registry
(the one parser and validator, shared with the prompts and the batch), print JSON or the
explanation. Options are taken as strings so that "1 354,50" is read like the CSV would be.

Start-up: imported by ``esn`` on every run, so rich, questionary, yaml and the rules are imported
inside ``estimate()`` only.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from esncli import i18n
from esncli.i18n import _


def _figures() -> dict[str, str]:
    """The guide's figures the help texts quote, from the data in force (no figure lives in the
    code), in the reader's convention. Read once, when `esn estimate` is built."""
    from esncli import parameters

    p = parameters.current()

    def money(path: str) -> str:
        return i18n.money(p.value(path), decimals=False)

    def pct(path: str) -> str:
        return i18n.percent(p.value(path))

    def count(path: str) -> str:
        return i18n.number(p.value(path))

    return {
        "aj_rate": pct("daily_allowance.guarantee_rate"),
        "guarantee_rate": pct("invalidity.guarantee_rate"),
        "ipp_factor": p.text("invalidity.partial_factor"),
        "ipt_threshold": i18n.number(p.value("invalidity.total_rate_threshold") * 100),
        "bonus_cap": pct("invalidity.bonus_cap_rate"),
        "annual_minimum": money("invalidity.annual_minimum"),
        "pta_amount": money("autonomy.quarterly_amount"),
        "pta_quarters": count("autonomy.max_quarters"),
        "pta_age": count("autonomy.age_limit"),
        "dependency_amount": money("dependency.monthly_amount"),
        "gir": count("dependency.gir_level"),
        "waiting_months": count("dependency.waiting_period_months"),
        "home_amount": money("dependency.home_support_amount"),
        "home_months": count("dependency.home_months_required"),
        "active_rate": pct("death_capital.active_rate"),
        "cta_amount": money("death_capital.cta_amount"),
        "retired_amount": money("death_capital.retired_amount"),
        "child_rate": pct("death_capital.child_rate"),
        "child_index": count("death_capital.child_index"),
        "index_value": i18n.money(p.value("death_capital.index_100_annual_value")),
        "index_since": i18n.date(dt.date.fromisoformat(p.since("death_capital.index_100_annual_value"))),
        "loan_amount": money("social_aid.social_loan_max_amount"),
        "loan_months": count("social_aid.social_loan_max_months"),
        "advance_amount": money("social_aid.special_advance_max_amount"),
        "advance_months": count("social_aid.special_advance_max_months"),
    }


FIGURES = _figures()


def _f(message: str) -> str:
    """A translated help text with the guide's figures filled in."""
    return message.format_map(FIGURES)


# Help texts are translated here, at import: the language is chosen (--lang, ESN_LANG, the
# locale) before the command modules are imported (esncli.cli.EsnGroup).
app = typer.Typer(
    help=_(
        "Estimate what the guide's prévoyance guarantees and social aids would pay, step by step. "
        "Missing inputs are asked for in a terminal; amounts accept 1234.5, 1 234,50 or 1234,50."
    ),
    no_args_is_help=True,
)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="estimate")


def _money(name: str, help: str) -> Any:
    return typer.Option(name, help=help, metavar="EUR", show_default=False)


def _number(name: str, help: str, metavar: str = "N") -> Any:
    return typer.Option(name, help=help, metavar=metavar, show_default=False)


Json = Annotated[
    bool, typer.Option("--json", help=_("Print the result as JSON (kind, inputs, eligible, the amounts, steps, warnings, reasons)."))
]
Status = Annotated[
    str | None,
    typer.Option(
        "--status",
        help=_(
            "Member status: active (MP actif), cta (MP maintenus CTA), associate (MP associé), "
            "retired (MP retraité) or spouse (bénéficiaire conjoint)."
        ),
        metavar="STATUS",
        show_default=False,
    ),
]


def estimate(kind: str, as_json: bool, given: dict[str, Any]) -> None:
    """Parse, ask what is missing, compute and print one estimate (every command ends here)."""
    from esncli import prompts, terminal
    from esncli.errors import EsnError
    from esncli.rules import registry

    spec = registry.REGISTRY[kind]
    raw = {name: value for name, value in given.items() if value is not None}
    interactive = terminal.current().interactive
    groups = prompts.missing(spec, raw)
    if groups and not interactive:
        raise EsnError(
            _("missing {options}; give them as options, or run in a terminal to be asked").format(options=prompts.describe_missing(groups))
        )
    if groups:
        raw = prompts.ask_missing(spec, raw, registry.parse_value)
    while True:
        try:
            result = registry.run(kind, raw)
            break
        except registry.InputError as error:
            # A check across fields may ask for an optional input (an active member's contribution
            # base): in a terminal, ask for it rather than fail, once; a given value is never re-asked.
            known = {s.name: s for s in spec.specs}
            if not interactive or error.field not in known or raw.get(error.field) is not None:
                raise
            raw[error.field] = prompts.ask(known[error.field], registry.parse_value, required=True)
    if as_json:
        from esncli.render import dump_json, out

        out(dump_json(result.to_json()))
        return
    from esncli import explain

    explain.show(result, spec.title, spec.specs)


def sum_resources(values: list[str] | None) -> Any:
    """--resources may be given several times (half pay, maintained bonuses...): their sum,
    each read by the registry's parser so that a bad one is refused with the usual message."""
    if not values or len(values) == 1:
        return values[0] if values else None
    from esncli.rules import registry

    field = next(s for s in registry.REGISTRY["daily-allowance"].specs if s.name == "resources")
    return sum(registry.parse_value(field, value) for value in values)


@app.command(
    "daily-allowance",
    help=_f(
        _(
            "Daily allowances during sick leave at half pay (guide: 1. Allocations Journalières).\n\n"
            "{aj_rate} of the reference salary, minus the gross resources still paid; resources plus allowance may not "
            "exceed the net salary before the leave."
        )
    ),
)
def daily_allowance(
    reference_salary: Annotated[
        str | None,
        _money(
            "--reference-salary",
            _("Reference salary: the average monthly contribution base (assiette de cotisations) of the 12 months before half pay."),
        ),
    ] = None,
    resources: Annotated[
        list[str] | None,
        _money(
            "--resources",
            _(
                "Gross monthly resources still paid during the leave (half pay, maintained bonuses, a primary insurer's daily "
                "benefits). Repeat it to add several: --resources 1354 --resources 1051.50."
            ),
        ),
    ] = None,
    net_salary: Annotated[
        str | None,
        _money("--net-salary", _("Optional: net monthly salary before the leave (resources plus allowance may not exceed it).")),
    ] = None,
    net_resources: Annotated[
        str | None,
        _money("--net-resources", _("Optional: net monthly resources paid during the leave, to check the net-salary ceiling.")),
    ] = None,
    json: Json = False,
) -> None:
    estimate(
        "daily-allowance",
        json,
        {
            "reference_salary": reference_salary,
            "resources": sum_resources(resources),
            "net_salary": net_salary,
            "net_resources": net_resources,
        },
    )


@app.command(
    help=_f(
        _(
            "Invalidity allowance, IPT or IPP (guide: 2. Allocations d'invalidité).\n\n"
            "{guarantee_rate} (IPT) or {ipp_factor} of {guarantee_rate} (IPP) of the reference salary x 12, minus the annual "
            "resources; worked examples of Pierre (IPP) and Chantal (IPT)."
        )
    )
)
def invalidity(
    base_salary: Annotated[
        str | None, _money("--base-salary", _("Monthly base salary: traitement indiciaire brut (TIB) or gross base salary."))
    ] = None,
    bonuses: Annotated[
        str | None,
        _money(
            "--bonuses", _f(_("Monthly bonuses and allowances maintained by the employer (counted up to {bonus_cap} of the base salary)."))
        ),
    ] = None,
    cost_of_living_bonus: Annotated[
        str | None,
        _money(
            "--cost-of-living-bonus",
            _("Optional: monthly cost-of-living bonus paid overseas (prime de vie chère), counted in full. Default 0."),
        ),
    ] = None,
    pension: Annotated[
        str | None, _money("--pension", _("Annual gross resources deducted: invalidity or old-age pensions, other earned income."))
    ] = None,
    rate: Annotated[
        str | None,
        _number("--rate", _f(_("Invalidity rate in percent ({ipt_threshold} or more: IPT, below: IPP). Give it or --category.")), "PCT"),
    ] = None,
    category: Annotated[
        str | None, _number("--category", _("Social Security invalidity category: 1 (IPP), 2 or 3 (IPT). Give it or --rate."), "1|2|3")
    ] = None,
    recalculation: Annotated[
        bool,
        typer.Option(
            "--recalculation", help=_f(_("The yearly recalculation of an annuity already paid (no capital; {annual_minimum} minimum)."))
        ),
    ] = False,
    json: Json = False,
) -> None:
    estimate(
        "invalidity",
        json,
        {
            "base_salary": base_salary,
            "bonuses": bonuses,
            "cost_of_living_bonus": cost_of_living_bonus,
            "pension": pension,
            "rate": rate,
            "category": category,
            "recalculation": recalculation or None,
        },
    )


@app.command(
    help=_f(
        _(
            "Temporary loss of autonomy allowance (guide: 3. Allocation Perte Temporaire d'Autonomie).\n\n"
            "{pta_amount} a quarter, {pta_quarters} quarters at most, for active members and spouses under {pta_age}."
        )
    )
)
def autonomy(
    status: Status = None,
    age: Annotated[str | None, _number("--age", _f(_("Age in years (the allowance is for members under {pta_age}).")))] = None,
    quarters: Annotated[
        str | None, _number("--quarters", _f(_("Number of quarters of loss of autonomy claimed ({pta_quarters} at most are paid).")))
    ] = None,
    json: Json = False,
) -> None:
    estimate("autonomy", json, {"status": status, "age": age, "quarters": quarters})


@app.command(
    help=_f(
        _(
            "Total dependency annuity and home-support lump sum (guide: 4. Rente et forfait dépendance totale).\n\n"
            "{dependency_amount} a month for GIR {gir} after a {waiting_months}-month waiting period, plus {home_amount} a year "
            "after {home_months} months at home."
        )
    )
)
def dependency(
    status: Status = None,
    gir: Annotated[
        str | None, _number("--gir", _f(_("GIR dependency group, 1 (most dependent) to 6; the guarantee is for GIR {gir}.")), "1-6")
    ] = None,
    membership_months: Annotated[
        str | None, _number("--membership-months", _f(_("Months of membership so far ({waiting_months}-month waiting period).")))
    ] = None,
    home_months: Annotated[
        str | None,
        _number(
            "--home-months",
            _f(_("Months spent at home in the past year ({home_months} or more: the {home_amount} home-support lump sum).")),
        ),
    ] = None,
    json: Json = False,
) -> None:
    estimate("dependency", json, {"status": status, "gir": gir, "membership_months": membership_months, "home_months": home_months})


@app.command(
    "death-capital",
    help=_f(
        _(
            "Death or PTIA capital by member status (guide: 5 & 6. Capital Décès ou PTIA).\n\n"
            "Active: {active_rate} of the annual contribution base; CTA-maintained: {cta_amount}; retired: {retired_amount}; "
            "plus {child_rate} of the annual salary at index {child_index} per dependent child."
        )
    ),
)
def death_capital(
    status: Status = None,
    contribution_base: Annotated[
        str | None,
        _money(
            "--contribution-base",
            _("Optional (active members): annual contribution base (assiette de cotisations) before the death or PTIA."),
        ),
    ] = None,
    ceiling: Annotated[
        str | None,
        _money(
            "--ceiling",
            _(
                "Optional: annual base of the ceiling contribution (cotisation plafond), which caps an active member's "
                "capital; the guide does not publish it."
            ),
        ),
    ] = None,
    children: Annotated[
        str | None,
        _number("--children", _f(_("Number of dependent children ({child_rate} of the annual salary at index {child_index} each)."))),
    ] = None,
    index_100_value: Annotated[
        str | None,
        _money(
            "--index-100-value",
            _f(
                _(
                    "Optional: annual value of the civil-service index 100 (default: the dated parameter, {index_value} since {index_since})."
                )
            ),
        ),
    ] = None,
    json: Json = False,
) -> None:
    estimate(
        "death-capital",
        json,
        {
            "status": status,
            "contribution_base": contribution_base,
            "ceiling": ceiling,
            "children": children,
            "index_100_value": index_100_value,
        },
    )


@app.command(
    "social-loan",
    help=_f(
        _(
            "Interest-free social loan or special advance (guide: Vos aides solidaires).\n\n"
            "Social loan up to {loan_amount} over {loan_months} months at most; special advance up to {advance_amount} over "
            "{advance_months} months at most."
        )
    ),
)
def social_loan(
    amount: Annotated[
        str | None, _money("--amount", _f(_("Amount borrowed: up to {loan_amount} (social loan) or {advance_amount} (special advance).")))
    ] = None,
    months: Annotated[
        str | None,
        _number(
            "--months", _f(_("Repayment period in months: {loan_months} at most (social loan) or {advance_months} (special advance)."))
        ),
    ] = None,
    loan_type: Annotated[
        str | None,
        typer.Option("--type", help=_("social (prêt social, default) or special (avance spéciale)."), metavar="TYPE", show_default=False),
    ] = None,
    json: Json = False,
) -> None:
    estimate("social-loan", json, {"amount": amount, "months": months, "type": loan_type})
