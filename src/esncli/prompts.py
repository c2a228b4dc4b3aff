"""Asking for the inputs an estimate still needs, in a terminal, with questionary.

Only the CLI calls this, and only when ``terminal.current().interactive``. Every question uses
``unsafe_ask()``: Ctrl-C raises ``KeyboardInterrupt``, which the one handler in ``esncli.cli``
turns into exit 130 (``ask()`` would swallow it and return None). Answers are checked with the
registry's own parser, so a prompt refuses exactly what ``--option`` and the batch refuse.

questionary and prompt_toolkit are imported inside the functions (about 250 ms).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from esncli.i18n import N_, _
from esncli.rules.model import Estimate, InputSpec

# Inputs of which the member must give at least one (contract: invalidity takes a rate and/or a
# Social Security category). The first one is the default answer of "which do you have?".
ALTERNATIVES: dict[str, tuple[tuple[str, ...], ...]] = {
    "invalidity": (("rate", "category"),),
}

# What each choice means, in the guide's words (the summary table's column headings). English
# msgids, translated where shown; figures are parameters, filled in the reader's convention.
CHOICE_TITLES: dict[str, dict[str, str]] = {
    "status": {
        "active": N_("active: MP actif (active member)"),
        "cta": N_("cta: MP maintenu CTA (member maintained under the CTA)"),
        "associate": N_("associate: MP associé (associate member)"),
        "retired": N_("retired: MP retraité (retired member)"),
        "spouse": N_("spouse: bénéficiaire conjoint (spouse beneficiary)"),
    },
    "category": {
        "1": N_("1: Social Security invalidity category 1 (IPP)"),
        "2": N_("2: Social Security invalidity category 2 (IPT)"),
        "3": N_("3: Social Security invalidity category 3 (IPT)"),
    },
    "type": {
        "social": N_("social: social loan, up to {amount} over {months} months at most"),
        "special": N_("special: special advance, up to {amount} over {months} months at most"),
    },
}

# The parameters a choice title shows ({amount}, {months}), by choice value.
CHOICE_PARAMETERS: dict[str, dict[str, str]] = {
    "type": {"social": "social_aid.social_loan", "special": "social_aid.special_advance"},
}

ALTERNATIVE_HELP: dict[tuple[str, ...], str] = {
    ("rate", "category"): N_(
        "(a rate of {threshold} or more, or category 2 or 3, is total invalidity, IPT; below, or category 1, partial, IPP)"
    ),
}

ALTERNATIVE_TITLES = {
    "rate": N_("an invalidity rate (%), set by the pension fund or the consulting doctor"),
    "category": N_("a Social Security invalidity category (1, 2 or 3)"),
}


def option(name: str) -> str:
    """The CLI option of an input: base_salary -> --base-salary."""
    return "--" + name.replace("_", "-")


def missing(estimate: Estimate, raw: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """What still has to be given: one name, or a group of alternatives of which one is enough."""
    given = {name for name, value in raw.items() if value is not None and value != ""}
    alternatives = ALTERNATIVES.get(estimate.kind, ())
    grouped = {name for group in alternatives for name in group}
    result: list[tuple[str, ...]] = []
    for spec in estimate.specs:
        if spec.name in grouped:
            group = next(g for g in alternatives if spec.name in g)
            if group[0] == spec.name and not given.intersection(group):
                result.append(group)
        elif spec.required and spec.name not in given:
            result.append((spec.name,))
    return result


def describe_missing(groups: list[tuple[str, ...]]) -> str:
    """'--base-salary, --rate or --category' for the error shown when nobody can be asked."""
    either = " {} ".format(_("or"))
    return ", ".join(either.join(option(name) for name in group) for group in groups)


def ask_missing(
    estimate: Estimate,
    raw: Mapping[str, Any],
    parse: Callable[[InputSpec, str], Any],
    **io: Any,
) -> dict[str, Any]:
    """Ask for each missing input in the order of the estimate's specs; return ``raw`` completed.

    ``parse(spec, text)`` is the registry's parser of one value (raises ``InputError``), used to
    validate typed numbers. ``io`` (``input=``, ``output=``) goes to every questionary prompt:
    tests pass a prompt_toolkit pipe input and a ``DummyOutput``."""
    answers = dict(raw)
    specs = {spec.name: spec for spec in estimate.specs}
    for group in missing(estimate, answers):
        name = group[0] if len(group) == 1 else choose_alternative(group, **io)
        answers[name] = ask(specs[name], parse, **io)
    return answers


def choose_alternative(group: tuple[str, ...], **io: Any) -> str:
    import questionary

    choices = [questionary.Choice(_(ALTERNATIVE_TITLES[name]) if name in ALTERNATIVE_TITLES else name, value=name) for name in group]
    chosen: str = questionary.select(
        _("Which do you have?"), choices=choices, default=choices[0], instruction=alternative_help(group), **io
    ).unsafe_ask()
    return chosen


def alternative_help(group: tuple[str, ...]) -> str:
    """The instruction under "which do you have?", with the rate threshold in force."""
    template = ALTERNATIVE_HELP.get(group)
    if template is None:
        return ""
    from esncli import i18n, parameters

    threshold = parameters.current().value("invalidity.total_rate_threshold")
    return _(template).format(threshold=i18n.percent(threshold))


def choice_title(name: str, value: str) -> str:
    """What a choice means, in the reader's language, with its figures in force."""
    template = CHOICE_TITLES.get(name, {}).get(value)
    if template is None:
        return value
    prefix = CHOICE_PARAMETERS.get(name, {}).get(value)
    if prefix is None:
        return _(template)
    from esncli import i18n, parameters

    params = parameters.current()
    amount = params.value(f"{prefix}_max_amount")
    months = params.value(f"{prefix}_max_months")
    return _(template).format(amount=i18n.money(amount, decimals=False), months=i18n.number(months))


def ask(spec: InputSpec, parse: Callable[[InputSpec, str], Any], *, required: bool | None = None, **io: Any) -> Any:
    """One question for one input: a list for choices, a yes/no for booleans, else validated text.

    Returns the raw answer (text or choice value; None for an optional input left empty); the
    registry parses it with the rest. ``required`` overrides the spec's (an optional input that
    a check across fields asks for)."""
    needed = spec.required if required is None else required
    import questionary

    message = question(spec)
    instruction = f"({_(spec.help)})"
    if spec.kind == "choice" or spec.choices:
        choices = [questionary.Choice(choice_title(spec.name, str(c)), value=str(c)) for c in spec.choices]
        selected = next((c for c in choices if c.value == str(spec.default)), None)
        return questionary.select(message, choices=choices, default=selected, instruction=instruction, **io).unsafe_ask()
    if spec.kind == "bool":
        return questionary.confirm(message, default=bool(spec.default), instruction=instruction + " ", **io).unsafe_ask()

    def validate(text: str) -> bool | str:
        if not text.strip():
            return _("an answer is needed") if needed else True
        try:
            parse(spec, text)
        except Exception as exc:  # noqa: BLE001 - InputError: shown under the prompt, asked again
            return getattr(exc, "message", None) or str(exc)
        return True

    answer = questionary.text(
        message, default="" if spec.default is None else str(spec.default), validate=validate, instruction=instruction, **io
    ).unsafe_ask()
    return answer if answer.strip() else None


def question(spec: InputSpec) -> str:
    """The question for an input: its label, in the reader's language (shared with the explanation)."""
    from esncli.explain import label

    return label(spec.name)
