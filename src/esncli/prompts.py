"""Asking for the inputs an estimate still needs, in a terminal, with questionary; every question is
derived from the estimate's declaration (``rules.model.Estimate``): its label is the question,
its help the instruction, a choice's options the list, the input's own parser the validator.

Only the CLI calls this, and only when ``terminal.current().interactive``. Every question uses
``unsafe_ask()``: Ctrl-C raises ``KeyboardInterrupt``, which the one handler in ``esncli.cli``
turns into exit 130 (``ask()`` would swallow it and return None). A typed answer is checked as
it is typed, by the parser ``--option`` and the batch use, so a bad answer is asked again on the
spot.

questionary and prompt_toolkit are imported inside the functions (about 250 ms).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from esncli.i18n import _
from esncli.rules.fields import Choice, Field, Flag, Money, Option
from esncli.rules.model import Estimate, OneOf, help_text

LONGEST_ANSWER = 200  # characters: an amount, a rate or a date is a few dozen at most


def missing(estimate: Estimate[Any, Any, Any], raw: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """What still has to be given, in the declaration's order: one name, or a group of
    alternatives of which one is enough (``Estimate.one_of``)."""
    given = {name for name, value in raw.items() if value is not None and value != ""}
    groups = {name: group for group in estimate.one_of for name in group.names}
    result: list[tuple[str, ...]] = []
    for spec in estimate.input_fields:
        group = groups.get(spec.name)
        if group is not None:
            if group.names[0] == spec.name and not given.intersection(group.names):
                result.append(group.names)
        elif spec.required and spec.name not in given:
            result.append((spec.name,))
    return result


def describe_missing(groups: list[tuple[str, ...]]) -> str:
    """'--base-salary, --rate or --category' for the error shown when nobody can be asked."""
    either = " {} ".format(_("or"))
    return ", ".join(either.join("--" + name.replace("_", "-") for name in group) for group in groups)


def ask_missing(estimate: Estimate[Any, Any, Any], raw: Mapping[str, Any], **io: Any) -> dict[str, Any]:
    """Ask for each missing input in the declaration's order; return ``raw`` completed.

    ``io`` (``input=``, ``output=``) goes to every questionary prompt: tests pass a
    prompt_toolkit pipe input and a ``DummyOutput``."""
    answers = dict(raw)
    for names in missing(estimate, answers):
        name = names[0] if len(names) == 1 else choose_alternative(estimate, _group(estimate, names), **io)
        answers[name] = ask(estimate.input(name), **io)
    return answers


def _group(estimate: Estimate[Any, Any, Any], names: tuple[str, ...]) -> OneOf:
    return next(group for group in estimate.one_of if group.names == names)


def choose_alternative(estimate: Estimate[Any, Any, Any], group: OneOf, **io: Any) -> str:
    """ "Which do you have?" between inputs of which one is enough (the first is the default)."""
    import questionary

    choices = [
        questionary.Choice(_(spec.choose) if spec.choose else spec.name, value=spec.name) for spec in map(estimate.input, group.names)
    ]
    chosen: str = questionary.select(
        _("Which do you have?"), choices=choices, default=choices[0], instruction=alternative_help(group), **io
    ).unsafe_ask()
    return chosen


def alternative_help(group: OneOf) -> str:
    """The instruction under "which do you have?", with the figures in force."""
    return help_text(group.help) if group.help else ""


def choice_title(spec: Choice, value: str) -> str:
    """How a choice is offered, in the reader's language, with its figures in force."""
    option = spec.option_of(value)
    if option is None:
        return value
    return title(option)


def title(option: Option) -> str:
    if option.title:
        return help_text(option.title)
    if option.label:
        return _("{value}: {label}").format(value=option.value, label=_(option.label))
    return option.value


def ask(spec: Field, *, required: bool | None = None, **io: Any) -> Any:
    """One question for one input: a list for choices, a yes/no for flags, else text checked as
    it is typed.

    Returns the raw answer (text or choice value; None for an optional input left empty); the
    estimate parses it with the rest. ``required`` overrides the declaration's (an optional input
    that a check across fields asks for)."""
    needed = spec.required if required is None else required
    import questionary

    message = question(spec)
    instruction = f"({help_text(spec.help)})"
    if isinstance(spec, Choice):
        choices = [questionary.Choice(title(option), value=option.value) for option in spec.options]
        selected = next((c for c in choices if c.value == spec.default), None)
        return questionary.select(message, choices=choices, default=selected, instruction=instruction, **io).unsafe_ask()
    if isinstance(spec, Flag):
        return questionary.confirm(message, default=bool(spec.default), instruction=instruction + " ", **io).unsafe_ask()

    several = isinstance(spec, Money) and spec.summed  # half pay + maintained bonuses: "1354 + 1051,50"

    def parse(text: str) -> Any:
        if several and "+" in text:
            return sum(spec.parse(part) for part in text.split("+"))
        return spec.parse(text)

    if several:
        instruction = f"({help_text(spec.help)} " + _("Several: 1354 + 1051,50.") + ")"

    def validate(text: str) -> bool | str:
        if len(text) > LONGEST_ANSWER:  # a paste gone wrong: refused before any parsing
            return _("too long: an answer here is at most {limit} characters").format(limit=LONGEST_ANSWER)
        if not text.strip():
            return _("an answer is needed") if needed else True
        try:
            parse(text)
        except Exception as exc:  # noqa: BLE001 - InputError: shown under the prompt, asked again
            return getattr(exc, "message", None) or str(exc)
        return True

    answer = questionary.text(
        message,
        default="" if spec.default is None else str(spec.default),
        validate=validate,
        instruction=instruction,
        key_bindings=_no_typing_past_the_limit(),
        **io,
    ).unsafe_ask()
    if not answer.strip():
        return None
    return parse(answer) if several and "+" in answer else answer


def _no_typing_past_the_limit() -> Any:
    """Key bindings that drop what is typed once the answer is past LONGEST_ANSWER: 100 000
    characters sent by a terminal without bracketed paste would otherwise each copy the whole
    answer (minutes). A bracketed paste arrives whole and is refused by ``validate``."""
    from prompt_toolkit.application.current import get_app
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    bindings = KeyBindings()

    @bindings.add(Keys.Any, filter=Condition(lambda: len(get_app().current_buffer.text) > LONGEST_ANSWER))
    def _drop(event: Any) -> None:
        """Nothing: the answer is already too long (validate says so at Enter)."""

    return bindings


def question(spec: Field) -> str:
    """The question for an input: its label, in the reader's language (as the explanation shows it)."""
    return _(spec.label)
