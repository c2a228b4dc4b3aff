"""Pieces every command shares: the options each takes wherever it is written (``--lang``,
``--data-dir``), and finding the place a member named.

``--lang`` and ``--data-dir`` are read once, from the command line, by ``EsnGroup.main`` before
any command is built (help texts are in the reader's language and quote the data's figures); the
options declared here document and validate them, through Typer's public API only."""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import typer

from esncli import i18n
from esncli.cli import completion
from esncli.i18n import N_, _


def _check_language(value: str | None) -> str | None:
    if value is not None and value.strip().lower() not in i18n.LANGUAGES:  # FR, Fr, " fr" too
        raise typer.BadParameter(_("choose fr or en, not {value!r}").format(value=value))
    return value


HELP = {
    "lang": N_("Language of the output: fr or en (also ESN_LANG, else the locale)."),
    "data_dir": N_("Read zones.yaml, contacts.yaml and guarantees.yaml from DIR (also ESN_DATA_DIR)."),
}


def common_parameters() -> list[inspect.Parameter]:
    """``--lang`` and ``--data-dir`` as keyword parameters, their help in the reader's language."""
    lang = Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="fr|en",
            callback=_check_language,
            **completion.choices(("fr", "en")),
            show_default=False,
            help=_(HELP["lang"]),
        ),
    ]
    data_dir = Annotated[
        str | None,
        typer.Option(
            "--data-dir",
            metavar="DIR",
            show_default=False,
            help=_(HELP["data_dir"]),
        ),
    ]
    keyword = inspect.Parameter.KEYWORD_ONLY
    return [
        inspect.Parameter("lang", keyword, default=None, annotation=lang),
        inspect.Parameter("data_dir", keyword, default=None, annotation=data_dir),
    ]


COMMON = ("lang", "data_dir")


def with_common_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a command (or group callback) that also takes ``--lang`` and ``--data-dir``
    (already applied by ``EsnGroup.main``: the command does not receive them)."""
    signature = inspect.signature(function, eval_str=True)
    own = signature.parameters  # `esn data check` has a --data-dir of its own: the same option
    parameters = [*own.values(), *(p for p in common_parameters() if p.name not in own)]

    def command(*args: Any, **kwargs: Any) -> Any:
        for name in COMMON:
            if name not in own:
                kwargs.pop(name, None)
        return function(*args, **kwargs)

    command.__name__ = function.__name__
    command.__qualname__ = function.__qualname__
    command.__doc__ = function.__doc__
    command.__module__ = function.__module__
    command.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    return command


def group_options(app: typer.Typer) -> None:
    """Let a command group take ``--lang`` and ``--data-dir`` too (``esn zone --lang fr lookup Kenya``)."""

    def group() -> None:
        """--lang and --data-dir, on the group."""

    app.callback()(with_common_options(group))


def find_place(query: str, zones: Any, *, json: bool) -> Any:
    """The place a member named (``places.lookup``); a fuzzy pick is announced on stderr; with
    ``--json``, a query that names no single place prints {query, error, candidates} before the
    error (exit 2)."""
    from esncli import places
    from esncli.errors import PlaceError
    from esncli.present.render import Style, out_json
    from esncli.terminal import err

    try:
        found = places.lookup(query, zones)
    except PlaceError as error:
        if json:
            out_json(places.error_json(error))
        raise
    if found.warning:
        err(Style.for_stderr().warn(f"esn: {found.warning}."))
    return found


class HelpFigures:
    """Help texts in the reader's language with the guide's figures in force written in
    ({invalidity.annual_cap:money} -> €20,000). Help is still shown when the data cannot be read
    (``esn estimate --help --data-dir BROKEN``): each figure is then a "?" and ``notice`` says why."""

    def __init__(self) -> None:
        from esncli import parameters
        from esncli.errors import DataError

        self.params: Any = None
        self.problem: str | None = None
        try:
            self.params = parameters.current()
        except DataError as error:
            self.problem = error.message

    def __call__(self, message: str) -> str:
        if self.params is not None:
            from esncli.rules.model import help_text

            return help_text(message, self.params)
        import string

        parts = string.Formatter().parse(_(message))
        return "".join(literal + ("?" if name is not None else "") for literal, name, _spec, _conversion in parts)

    @property
    def notice(self) -> str:
        """A paragraph for a help whose figures could not be read ("" when they were)."""
        if self.problem is None:
            return ""
        return "\n\n" + _("The guide's figures are shown as ? because the data cannot be read: {problem}").format(problem=self.problem)


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """While a file is written (the batch's output, a printable report), SIGTERM (``timeout``,
    ``kill``), SIGHUP (a closed terminal) and SIGQUIT (Ctrl-\\) raise ``Interrupted``, a
    KeyboardInterrupt: the temporary file is removed as on Ctrl-C, and esn exits 128 + the signal
    (``cli._run``). The previous handlers come back after it. (Commands that write no file leave
    the signals' default action, which the shell reports as 128 + the signal too.)"""
    import signal

    from esncli.errors import Interrupted

    def interrupt(signum: int, _frame: object) -> None:
        raise Interrupted(signum)

    previous: list[tuple[int, Any]] = []
    with contextlib.suppress(ValueError):  # not the main thread (an embedding): leave signals alone
        for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):  # not every system has all of them
            if hasattr(signal, name):
                signum = getattr(signal, name)
                previous.append((signum, signal.signal(signum, interrupt)))
    try:
        yield
    finally:
        for signum, handler in previous:
            signal.signal(signum, handler)


def date_option(text: str, option: str) -> Any:
    """A date given as an option (``--on``, ``--admission``...), by the one parser
    (``dates.parse_date`` through the ``Date`` field: ISO or day/month/year, never month first;
    a date both orders read differently is refused as ambiguous for an English reader), or the
    refusal named by its option: "--on: ..."."""
    from esncli.errors import EsnError, InputError
    from esncli.rules.fields import Date

    try:
        return Date(option, name=option).parse(text)
    except InputError as error:
        raise EsnError(_("{option}: {problem}").format(option=option, problem=error.problem)) from None
