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

import contextlib
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esncli.i18n import _
from esncli.rules.fields import Choice, Field, Flag, Money, Option
from esncli.rules.model import Estimate, OneOf, help_text

if TYPE_CHECKING:
    from esncli.terminal import Terminal

LONGEST_ANSWER = 200  # characters: an amount, a rate or a date is a few dozen at most


def missing(estimate: Estimate[Any, Any, Any], raw: Mapping[str, Any], params: Any = None) -> list[tuple[str, ...]]:
    """What still has to be given, in the declaration's order: one name, or a group of
    alternatives of which one is enough (``Estimate.one_of``). An input asked only when the
    inputs before it say so (``Field.asked_when``) is missing only then, or while those are not
    known: the CLI's check and the walkthrough read the same declaration."""
    given = {name for name, value in raw.items() if value is not None and value != ""}
    groups = {name: group for group in estimate.one_of for name in group.names}
    known = _known(estimate, raw)
    result: list[tuple[str, ...]] = []
    for spec in estimate.input_fields:
        group = groups.get(spec.name)
        if group is not None:
            if group.names[0] == spec.name and not given.intersection(group.names):
                result.append(group.names)
        elif spec.name not in given and estimate.needed(spec, known, params):
            result.append((spec.name,))
    return result


def _known(estimate: Estimate[Any, Any, Any], raw: Mapping[str, Any]) -> dict[str, Any]:
    """The values given so far, parsed (a value that does not parse is not known: its own
    check reports it)."""
    known = {}
    for spec in estimate.input_fields:
        value = raw.get(spec.name)
        if value is not None and value != "":
            try:
                known[spec.name] = spec.parse(value)
            except Exception:  # noqa: BLE001, S112 - InputError: reported when the estimate is parsed
                continue
    return known


def first_questions(estimate: Estimate[Any, Any, Any], raw: Mapping[str, Any]) -> list[Field]:
    """The optional inputs asked before the others (``Field.asked_first``) and not given."""
    return [spec for spec in estimate.input_fields if spec.asked_first and raw.get(spec.name) in (None, "")]


def describe_missing(groups: list[tuple[str, ...]]) -> str:
    """'--base-salary, --rate or --category' for the error shown when nobody can be asked."""
    either = " {} ".format(_("or"))
    return ", ".join(either.join("--" + name.replace("_", "-") for name in group) for group in groups)


def ask_missing(estimate: Estimate[Any, Any, Any], raw: Mapping[str, Any], **io: Any) -> dict[str, Any]:
    """Ask for what is missing and return ``raw`` completed: first the inputs that set the
    others' limits (``asked_first``), then each missing input in the declaration's order, what
    is missing read again after each answer (an answer may decide the rest: a retired member is
    not asked an age for the PTA).

    ``io`` (``input=``, ``output=``) goes to every questionary prompt: tests pass a
    prompt_toolkit pipe input and a ``DummyOutput``; ``conversation`` gives the terminal's."""
    answers = dict(raw)
    for spec in first_questions(estimate, answers):
        answers[spec.name] = ask(spec, **io)
    asked: set[str] = set()
    while groups := missing(estimate, answers):
        names = groups[0]
        name = names[0] if len(names) == 1 else choose_alternative(estimate, _group(estimate, names), **io)
        if name in asked:  # pragma: no cover - an answer is needed, so never empty: the parser says why
            break
        asked.add(name)
        answers[name] = ask(estimate.input(name), required=True, **io)
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
        _("Which do you have?"), choices=choices, default=choices[0], instruction=under(alternative_help(group), io), **io
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
    several = isinstance(spec, Money) and spec.summed  # half pay + maintained bonuses: "1354 + 1051,50"
    explained = help_text(spec.help) + (" " + _("Several: 1354 + 1051,50.") if several else "")
    if isinstance(spec, Choice):
        choices = [questionary.Choice(title(option), value=option.value) for option in spec.options]
        selected = next((c for c in choices if c.value == spec.default), None)
        instruction = under(explained, io)
        return questionary.select(message, choices=choices, default=selected, instruction=instruction, **io).unsafe_ask()
    if isinstance(spec, Flag):
        hint = _("(y/N)") if not spec.default else _("(Y/n)")
        return questionary.confirm(message, default=bool(spec.default), instruction=under(explained, io, hint), **io).unsafe_ask()
    instruction = under(explained, io, "> ")

    def parse(text: str) -> Any:
        if several and "+" in text:
            return sum(spec.parse(part) for part in text.split("+"))
        return spec.parse(text)

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


def under(text: str, io: Mapping[str, Any], answer: str | None = None) -> str:
    """``text`` as the lines under a question, indented and wrapped to the terminal's width at
    spaces only (no word cut; the French non-breaking spaces hold "500 €" together), then the
    start of the answer's line when the answer is typed there (a list shows its choices below)."""
    width = max(_columns(io) - 3, 20)  # the indent, and a column spare: a full line would wrap by itself
    lines = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    shown = "".join(f"\n  {line}" for line in lines)
    return shown if answer is None else f"{shown}\n  {answer}"


def _columns(io: Mapping[str, Any]) -> int:
    """The width of the terminal the questions are drawn on."""
    output = io.get("output")
    if output is None:
        from prompt_toolkit.application.current import get_app_session

        output = get_app_session().output
    try:
        return int(output.get_size().columns)
    except Exception:  # noqa: BLE001 - a terminal that cannot say: the usual width
        return 80


@contextlib.contextmanager
def conversation(term: Terminal) -> Iterator[dict[str, Any]]:
    """Where the questions are drawn: the terminal stdin is, so that a result sent to a pipe or a
    file (``esn estimate invalidity | tee estimate.txt``) is still asked for on the screen while
    stdout gets the result only. stdout when it is a terminal (prompt_toolkit's default); else
    the controlling terminal (/dev/tty), else stderr when that is one. Yields the ``io`` that
    ``ask`` and ``ask_missing`` pass to questionary."""
    if term.stdout_tty:
        yield {}
        return
    from prompt_toolkit.output import create_output

    try:
        tty = Path("/dev/tty").open("w", encoding=sys.stdout.encoding if sys.stdout else "utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        tty = None
    try:
        if tty is not None:
            yield {"output": create_output(stdout=tty)}
        elif sys.stderr is not None and term.stderr_tty:
            yield {"output": create_output(stdout=sys.stderr)}
        else:  # pragma: no cover - stdin a terminal, but none to draw on: prompt_toolkit's own choice
            yield {}
    finally:
        if tty is not None:
            tty.close()


def question(spec: Field) -> str:
    """The question for an input: its label, in the reader's language (as the explanation shows it)."""
    return _(spec.label)
