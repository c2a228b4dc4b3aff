"""Click's and Typer's own texts in the reader's language: the one adapter (issue 10).

Click, as typer vendors it (``typer._click``, typer 0.24-0.29), writes its messages as English
f-strings: there is no gettext call to hand a catalog to (upstream Click's ``gettext`` calls were
removed by the vendoring), and typer's own few ``gettext`` calls use the process's default domain
and the system locale, not ``--lang``. So esn translates them itself, at three points, all here:

- **usage errors** (``message``): the text ``format_message()`` gives, matched against the
  English forms of the installed Click (``_FORMS``), its parts kept (option names, the user's
  words) and the sentence rebuilt from an esn msgid. A form nobody listed stays English; the test
  ``tests/test_french_everywhere.py`` runs every usage error esn can meet and fails on one.
- **help and usage lines** (``Context``): a Click context subclass (``context_class``, Click's
  documented way to change the context) whose formatter writes "Utilisation :" and the section
  titles, and which, before a help is drawn, gives the help option its help and sets typer's
  ``rich_utils`` module constants (the panel titles, "[required]", ...: typer reads them when
  drawing).
- **the commands' metavars** (``localise``): "COMMAND [ARGS]..." in each command's usage.

Tested against the installed typer by tests/test_french_everywhere.py and against typer 0.29 by
tests/test_typer_versions.py."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

import typer

from esncli import i18n
from esncli.i18n import N_, _

if TYPE_CHECKING:
    import re

HELP_OPTION = N_("Show this message and exit.")
USAGE = N_("Usage: ")
OPTIONS_METAVAR = ("[OPTIONS]", N_("[OPTIONS]"))
SUBCOMMAND_METAVAR = ("COMMAND [ARGS]...", N_("COMMAND [ARGS]..."))

# The options typer adds to the root group.
PARAM_HELP = {
    "install_completion": N_("Install completion for the current shell."),
    "show_completion": N_("Show completion for the current shell, to copy it or customize the installation."),
}

# typer.rich_utils constants (read when a help is drawn) -> their English text, an esn msgid.
RICH = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
# Click's plain (non-rich) help sections: typer titles them in English too.
SECTIONS = {title: title for title in (N_("Arguments"), N_("Options"), N_("Commands"))}


# Click's usage errors, as the installed Click writes them (``format_message()``): a regular
# expression over the whole text, then the esn msgid it becomes (its {names} are the groups).
# "inner" groups are messages themselves (an option's own error): translated in turn.
_FORMS: tuple[tuple[str, str], ...] = (
    (r"Missing argument (?P<name>'.*?'(?: / '.*?')*)\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>'.*?'(?: / '.*?')*)\.", N_("Missing option {name}.")),
    (r"Missing parameter (?P<name>'.*?'(?: / '.*?')*)\.", N_("Missing parameter {name}.")),
    (r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)", N_("No such option: {name} (did you mean {options}?)")),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"No such command (?P<name>'.*?')\. Did you mean (?P<options>.*)\?", N_("No such command {name}. Did you mean {options}?")),
    (r"No such command (?P<name>'.*')\.", N_("No such command {name}.")),
    (r"Missing command\.", N_("Missing command.")),
    (r"Got unexpected extra arguments? ?(?:\(s\) )?\((?P<words>.*)\)", N_("Got unexpected extra argument(s) ({words})")),
    (r"Option (?P<name>'.*') requires an argument\.", N_("Option {name} requires an argument.")),
    (r"Option (?P<name>'.*') requires (?P<count>\d+) arguments\.", N_("Option {name} requires {count} arguments.")),
    (r"Option (?P<name>'.*') does not take a value\.", N_("Option {name} does not take a value.")),
    (r"Argument (?P<name>'.*') takes (?P<count>\d+) values\.", N_("Argument {name} takes {count} values.")),
    (r"Invalid value for (?P<name>'.*?'(?: / '.*?')*): (?P<inner>.*)", N_("Invalid value for {name}: {inner}")),
    (r"Invalid value: (?P<inner>.*)", N_("Invalid value: {inner}")),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    import re  # here: only an error in French needs it

    return tuple((re.compile(pattern, re.DOTALL), msgid) for pattern, msgid in _FORMS)


def translate(text: str) -> str:
    """A message Click wrote in English, in the reader's language (unchanged in English, and
    unchanged when it is not one of Click's: esn's own messages are translated already)."""
    if i18n.language() == "en":
        return text
    for pattern, msgid in _compiled():
        found = pattern.fullmatch(text)
        if found is not None:
            parts = {name: (translate(value) if name == "inner" else value) for name, value in found.groupdict().items()}
            return _(msgid).format(**parts)
    return text


def message(error: typer.TyperException) -> str:
    """A usage error's message (``format_message()``) in the reader's language."""
    return translate(error.format_message())


def root_help(param: Any) -> None:
    """The help of an option typer adds to the root (``--install-completion``...), translated."""
    if param.name in PARAM_HELP:
        param.help = _(PARAM_HELP[param.name])


def _set_rich_texts() -> None:
    """typer's rich help constants in the reader's language (set back to English in English:
    CliRunner runs several languages in one process)."""
    from typer import rich_utils

    for name, text in RICH.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, _(text))


class Context(typer.Context):
    """A context whose help and usage lines are in the reader's language (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.formatter_class = _formatter(self.formatter_class)

    def get_help(self) -> str:
        _set_rich_texts()
        option = self.command.get_help_option(self)  # the command keeps the one it made: its help is drawn
        if option is not None:
            option.help = _(HELP_OPTION)
        return super().get_help()


_formatters: dict[type[Any], type[Any]] = {}


def _formatter(base: type[Any]) -> type[Any]:
    """Click's help formatter (``base``), writing "Usage:" and the section titles translated
    (made once per base class; a base that is already one of these is kept)."""
    if base in _formatters.values():
        return base
    if base not in _formatters:

        class Formatter(base):  # type: ignore[misc]
            def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
                super().write_usage(prog, args, _(USAGE) if prefix is None else prefix)

            def section(self, name: str) -> Any:
                return super().section(_(SECTIONS[name]) if name in SECTIONS else name)

        _formatters[base] = Formatter
    return _formatters[base]


_produced: set[str] = set()  # the metavars localise wrote (the root group lives across CliRunner runs)


def localise(command: Any) -> None:
    """``command`` and its subcommands draw their help in the reader's language: this module's
    Context, and the usage metavars ("COMMAND [ARGS]...") translated."""
    if isinstance(command.context_class, type) and issubclass(Context, command.context_class):
        command.context_class = Context
    for attribute, (english, msgid) in (("options_metavar", OPTIONS_METAVAR), ("subcommand_metavar", SUBCOMMAND_METAVAR)):
        if getattr(command, attribute, None) in {english, *_produced}:  # Click's default, or ours: not a command's own
            text = _(msgid)
            _produced.add(text)
            setattr(command, attribute, text)
    for sub in (getattr(command, "commands", None) or {}).values():
        localise(sub)
