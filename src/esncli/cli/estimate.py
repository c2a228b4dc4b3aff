"""``esn estimate ...``: one command per estimate kind, derived from its declaration
(``rules.kinds.ESTIMATES``), and ``esn estimate batch``.

A command's options are its inputs (``--base-salary`` for ``base_salary``), taken as text so that
"1 354,50" is read as a CSV cell would be; its help and each option's help are the declaration's,
with the guide's figures in force written in. Every command then does the same: collect the raw
values, ask what is missing (in a terminal only), run the rule, print JSON or the explanation.

Start-up: imported only when ``esn estimate`` runs (cli.COMMANDS), and the group is built then,
in the reader's language; rich, questionary and yaml are imported inside ``estimate()``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from esncli.cli import common, completion
from esncli.i18n import N_, _
from esncli.rules.fields import Choice, Field, Flag, Money
from esncli.rules.kinds import ESTIMATES
from esncli.rules.model import Estimate

GROUP_HELP = N_(
    "Estimate what the guide's prévoyance guarantees and social aids would pay, step by step. "
    "Missing inputs are asked for in a terminal; amounts accept 1234.5, 1 234,50 or 1234,50."
)
JSON_HELP = N_("Print the result as JSON (kind, inputs, eligible, the amounts, steps, warnings, reasons).")


def register(root: typer.Typer) -> None:
    root.add_typer(build(), name="estimate")


def build() -> typer.Typer:
    """The ``estimate`` group: a command per kind, then ``batch``."""
    from esncli.cli import batch

    describe = common.HelpFigures()
    app = typer.Typer(help=_(GROUP_HELP) + describe.notice, no_args_is_help=True)
    common.group_options(app)
    for estimate in ESTIMATES:
        app.command(estimate.kind, help=describe(estimate.help) + describe.notice)(command_for(estimate, describe))
    batch.register(app)
    return app


def command_for(estimate: Estimate[Any, Any, Any], describe: Callable[[str], str]) -> Callable[..., None]:
    """The command of one estimate: a keyword parameter (an option) per input, and ``--json``."""
    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [
        inspect.Parameter(spec.name, keyword, default=False if isinstance(spec, Flag) else None, annotation=_option(spec, describe))
        for spec in estimate.input_fields
    ]
    parameters.append(
        inspect.Parameter("json", keyword, default=False, annotation=Annotated[bool, typer.Option("--json", help=_(JSON_HELP))])
    )

    def command(**options: Any) -> None:
        as_json = options.pop("json")
        given = {}
        for spec in estimate.input_fields:
            value = options.get(spec.name)
            if isinstance(spec, Money) and spec.summed:
                value = sum_several(spec, value)
            elif isinstance(spec, Flag):
                value = value or None  # a flag not given is an input not given (its default)
            given[spec.name] = value
        run_estimate(estimate, as_json, given)

    command.__name__ = command.__qualname__ = estimate.function_name
    command.__doc__ = estimate.title
    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    return common.with_common_options(command)


def _option(spec: Field, describe: Callable[[str], str]) -> Any:
    text = describe(spec.help)
    if isinstance(spec, Flag):
        return Annotated[bool, typer.Option(spec.option, help=text)]
    if isinstance(spec, Money) and spec.summed:
        example = f"{spec.option} 1354 {spec.option} 1051.50"
        text += " " + _("Repeat it to add several: {example}.").format(example=example)
        return Annotated[list[str] | None, typer.Option(spec.option, help=text, metavar=spec.metavar, show_default=False)]
    if isinstance(spec, Choice):
        complete = completion.choices(spec.values)
        return Annotated[str | None, typer.Option(spec.option, help=text, metavar=spec.metavar, show_default=False, **complete)]
    return Annotated[str | None, typer.Option(spec.option, help=text, metavar=spec.metavar, show_default=False)]


def sum_several(spec: Field, values: list[str] | None) -> Any:
    """An input given several times (half pay, maintained bonuses...): their sum, each read by
    the input's own parser so that a bad one is refused with the usual message."""
    if not values or len(values) == 1:
        return values[0] if values else None
    return sum(spec.parse(value) for value in values)


def run_estimate(estimate: Estimate[Any, Any, Any], as_json: bool, given: dict[str, Any]) -> None:
    """Ask what is missing (terminal only), compute and print one estimate."""
    from esncli import prompts, terminal
    from esncli.errors import EsnError, InputError
    from esncli.rules import kinds

    raw = {name: value for name, value in given.items() if value is not None}
    interactive = terminal.current().interactive
    groups = prompts.missing(estimate, raw)
    if groups and not interactive:
        raise EsnError(
            _("missing {options}; give them as options, or run in a terminal to be asked").format(options=prompts.describe_missing(groups))
        )
    if groups:
        raw = prompts.ask_missing(estimate, raw)
    while True:
        try:
            result = kinds.run(estimate.kind, raw)
            break
        except InputError as error:
            # A check across fields may ask for an optional input (an active member's contribution
            # base): in a terminal, ask for it rather than fail, once; a given value is never re-asked.
            spec = next((s for s in estimate.input_fields if s.name == error.field), None)
            if not interactive or spec is None or raw.get(error.field) is not None:
                raise
            raw[error.field] = prompts.ask(spec, required=True)
    if as_json:
        from esncli.present.render import out_json

        out_json(result.to_json())
        return
    from esncli.present import explain

    explain.show(result, estimate)
