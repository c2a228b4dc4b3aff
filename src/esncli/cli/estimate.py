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

from esncli.cli import common, completion, report
from esncli.errors import EsnError, InputError
from esncli.i18n import N_, _
from esncli.rules.fields import Choice, Field, Flag, Money
from esncli.rules.kinds import ESTIMATES
from esncli.rules.model import Estimate

GROUP_HELP = N_(
    "Estimate what the guide's prévoyance guarantees and social aids would pay, step by step. "
    "Missing inputs are asked for in a terminal; amounts accept 1234.5, 1 234,50 or 1234,50."
)
JSON_HELP = N_("Print the result as JSON (kind, inputs, eligible, the amounts, steps, warnings, reasons).")
ON_HELP = N_(
    "The date of the event (the death, the invalidity, the start of the leave), YYYY-MM-DD or DD/MM/YYYY: the parameters "
    "in force that day (default: today). The guide's figures apply to any date; the value of index 100 changes by decree."
)


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
    on_option = typer.Option("--on", help=_(ON_HELP), metavar="DATE", show_default=False)
    parameters.append(inspect.Parameter("on", keyword, default=None, annotation=Annotated[str | None, on_option]))
    parameters.append(inspect.Parameter("report", keyword, default=None, annotation=Annotated[str | None, report.option()]))

    def command(**options: Any) -> None:
        as_json = options.pop("json")
        params = event_parameters(options.pop("on"))
        report_to = report.target(options.pop("report"))  # a bad name is said before any question
        given = {}
        for spec in estimate.input_fields:
            value = options.get(spec.name)
            if isinstance(spec, Money) and spec.summed:
                value = sum_several(spec, value)
            elif isinstance(spec, Flag):
                value = value or None  # a flag not given is an input not given (its default)
            given[spec.name] = value
        try:
            run_estimate(estimate, as_json, given, params, report_to)
        except InputError as error:  # named as the member typed it: --base-salary, not base_salary
            raise EsnError(option_message(estimate, error)) from None

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


def event_parameters(on: str | None) -> Any:
    """The parameters in force on ``--on`` (None: today's, read when the estimate runs)."""
    if on is None:
        return None
    from esncli import parameters

    return parameters.current(common.date_option(on, "--on"))


def option_message(estimate: Estimate[Any, Any, Any], error: InputError) -> str:
    """An input's refusal as the command line reads it: "--base-salary: ..." (a file's column
    keeps the field's name: the batch's messages)."""
    spec = next((s for s in estimate.input_fields if s.name == error.field), None)
    if spec is None:
        return error.message
    return _("{option}: {problem}").format(option=spec.option, problem=error.problem)


def sum_several(spec: Field, values: list[str] | None) -> Any:
    """An input given several times (half pay, maintained bonuses...): their sum, each read by
    the input's own parser so that a bad one is refused with the usual message."""
    if not values or len(values) == 1:
        return values[0] if values else None
    return sum(spec.parse(value) for value in values)


def run_estimate(
    estimate: Estimate[Any, Any, Any], as_json: bool, given: dict[str, Any], params: Any = None, report_to: Any = None
) -> None:
    """Ask what is missing (stdin a terminal only), compute and print one estimate; after a
    walkthrough, the answers before the result and the command that runs it again after it."""
    from esncli import prompts, terminal
    from esncli.rules import kinds

    raw = {name: value for name, value in given.items() if value is not None}
    for name, value in raw.items():  # a bad option is said first: never after a walkthrough, never as "missing"
        estimate.input(name).parse(value)
    term = terminal.current()
    groups = prompts.missing(estimate, raw)
    if groups and not term.interactive:
        raise EsnError(
            _("missing {options}; give them as options, or run in a terminal to be asked").format(options=prompts.describe_missing(groups))
        )
    if not term.interactive or not (groups or prompts.first_questions(estimate, raw)):
        show(estimate, kinds.run(estimate.kind, raw, params), as_json, report_to)
        return
    with prompts.conversation(term) as io:
        answers = prompts.ask_missing(estimate, raw, **io)
        result = _run_asking_again(estimate, answers, set(raw), io, params)
    for line in [*answers_summary(estimate, result.inputs, answers), ""]:
        terminal.err(line)
    show(estimate, result, as_json, report_to)
    terminal.err("\n" + _("To run it again without the questions:"))
    terminal.err("  " + rerun_command(estimate, result.inputs, answers, as_json, None if params is None else params.on))


def _run_asking_again(
    estimate: Estimate[Any, Any, Any], answers: dict[str, Any], options: set[str], io: dict[str, Any], params: Any = None
) -> Any:
    """The estimate on the walkthrough's answers; an answer the estimate refuses (a special
    advance over its ceiling) is asked again, with the reason, never one given as an option."""
    from esncli import prompts, terminal
    from esncli.rules import kinds

    while True:
        try:
            return kinds.run(estimate.kind, answers, params)
        except InputError as error:
            spec = next((s for s in estimate.input_fields if s.name == error.field), None)
            if spec is None or error.field in options:
                raise
            terminal.err("esn: " + option_message(estimate, error))  # as the shell writes an error, then asked again
            answers[error.field] = prompts.ask(spec, required=True, **io)


def show(estimate: Estimate[Any, Any, Any], result: Any, as_json: bool, report_to: Any = None) -> None:
    """The result on stdout: JSON, or the explanation; and the printable report when asked."""
    if report_to is not None:
        report.estimate(report_to, result, estimate)
    if as_json:
        from esncli.present.render import out_json

        out_json(result.to_json())
        return
    from esncli.present import explain

    explain.show(result, estimate)


def answers_summary(estimate: Estimate[Any, Any, Any], inputs: dict[str, Any], answers: dict[str, Any]) -> list[str]:
    """ "Your answers", one "label: value" line per input given, in the reader's language and
    money convention, an amount with its period (the explanation's own formatting)."""
    from esncli.present import explain

    lines = [_("Your answers:")]
    for spec in estimate.input_fields:
        value = inputs.get(spec.name)
        if answers.get(spec.name) in (None, "") or value is None:
            continue
        text = explain.with_period(spec, explain.shown(spec, value))
        lines.append("  " + _("{label}: {value}").format(label=_(spec.label), value=text))
    return lines


def rerun_command(estimate: Estimate[Any, Any, Any], inputs: dict[str, Any], answers: dict[str, Any], as_json: bool, on: Any = None) -> str:
    """The command line that gives the same result without a question, quoted for a POSIX
    shell: each input given as its option with the value as read (plain digits, a choice's
    value), then --json, --lang when not English and --data-dir when not the shipped data."""
    import shlex

    from esncli import catalog, i18n

    words = ["esn", "estimate", estimate.kind]
    for spec in estimate.input_fields:
        value = inputs.get(spec.name)
        if answers.get(spec.name) in (None, "") or value is None:
            continue
        if isinstance(spec, Flag):
            words += [spec.option] if value else []
        else:
            words += [spec.option, str(value)]
    if as_json:
        words.append("--json")
    if on is not None:
        words += ["--on", on.isoformat()]
    if i18n.language() != "en":
        words += ["--lang", i18n.language()]
    if catalog.data_dir() != catalog.shipped_data_dir():
        words += ["--data-dir", str(catalog.data_dir())]
    return shlex.join(words)
