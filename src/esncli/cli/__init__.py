"""The ``esn`` command: one Typer app per command group, joined here, and the one place where
errors become messages and exit codes (0 ok, 1 internal error, 2 usage / not found / invalid
input, 3 batch rows failed, 130 interrupted)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from esncli import __version__, i18n
from esncli.errors import EsnError, ExitCode
from esncli.i18n import _


def err(text: str) -> None:
    sys.stderr.write(text + "\n")


# Command name -> the modules whose register(root) builds it, loaded only when that command runs
# (or for --help): typer builds the click parameters of every registered command at start-up,
# which the estimate commands' many options would add to every `esn zone lookup`.
COMMANDS: dict[str, tuple[str, ...]] = {
    "zone": ("zone",),
    "contact": ("contact",),
    "estimate": ("estimate", "batch"),
    "guarantees": ("guarantees",),
    "data": ("data",),
}


class EsnGroup(TyperGroup):
    """Runs the command and turns every failure into a message on stderr and an exit code, so
    that ``esn``, ``python -m esncli`` and ``CliRunner`` behave the same; builds subcommands
    lazily (see COMMANDS)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_common_options(self)  # the root takes --lang and --data-dir like every command

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        # The language and the data are chosen before any command is built, so that help texts
        # (some quote the guide's figures), prompts and messages agree; the --lang and --data-dir
        # options below validate and document them. A run in the same process (CliRunner, an
        # embedding) starts afresh.
        i18n.set_language(_language_in(args))
        from esncli import catalog

        data_dir = _option_in(args, "--data-dir")
        catalog.set_data_dir(Path(data_dir) if data_dir else None)
        code = _run(lambda: super(EsnGroup, self).main(args, prog_name or "esn", complete_var, False, windows_expand_args, **extra))
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: Any) -> Any:
        # typer's own main turns Ctrl-C into a silent Exit(130) and a broken pipe into exit 1;
        # hand both to _run instead, which reports them in one place.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise typer.Abort() from None
        except BrokenPipeError:
            raise _ReaderGone() from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        modules = COMMANDS.get(cmd_name)
        if modules is None:
            return None
        import importlib

        holder = typer.Typer()
        for module in modules:
            importlib.import_module(f"esncli.cli.{module}").register(holder)
        command = typer.main.get_group(holder).get_command(ctx, cmd_name)
        _add_common_options(command)
        return command


def _option_in(args: Sequence[str], name: str) -> str | None:
    """The value of the last ``--name X`` / ``--name=X`` before a ``--``."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == name and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith(name + "="):
            found = arg.partition("=")[2]
    return found


def _language_in(args: Sequence[str]) -> str | None:
    found = _option_in(args, "--lang")
    return found if found in i18n.LANGUAGES else None


def _check_language(ctx: Any, param: Any, value: str | None) -> str | None:
    if value is not None and value not in i18n.LANGUAGES:
        raise typer.BadParameter(_("choose fr or en, not {value!r}").format(value=value))
    return value


def _set_data_dir(ctx: Any, param: Any, value: str | Path | None) -> Path | None:
    if value is None:
        return None
    from esncli import catalog

    catalog.set_data_dir(Path(value))
    return Path(value)


def _common_options() -> list[Any]:
    """Options every command accepts wherever they are written (`esn zone lookup Kenya --lang fr`)."""
    return [
        typer.core.TyperOption(
            param_decls=["--lang"],
            metavar="fr|en",
            expose_value=False,
            is_eager=True,
            callback=_check_language,
            help=_("Language of the output: fr or en (also ESN_LANG, else the locale)."),
        ),
        typer.core.TyperOption(
            param_decls=["--data-dir"],
            metavar="DIR",
            expose_value=False,
            is_eager=True,
            callback=_set_data_dir,
            help=_("Read zones.yaml, contacts.yaml and guarantees.yaml from DIR (also ESN_DATA_DIR)."),
        ),
    ]


def _add_common_options(command: Any) -> None:
    if command is None:
        return
    present = {opt for p in command.params for opt in getattr(p, "opts", ())}
    command.params.extend(option for option in _common_options() if option.opts[0] not in present)
    for sub in getattr(command, "commands", {}).values():
        _add_common_options(sub)


class _ReaderGone(Exception):
    """The reader of stdout went away (`esn zone list | head -1`)."""


def _run(invoke: Any) -> int:
    try:
        result = invoke()
        return result if isinstance(result, int) else 0
    except EsnError as exc:
        err(f"esn: {exc.message}")
        return int(exc.code)
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        err(_("esn: interrupted"))
        return int(ExitCode.INTERRUPTED)
    except typer.TyperException as exc:  # click's usage errors, vendored by typer
        err(f"esn: {exc.format_message()}")
        context = getattr(exc, "ctx", None)
        if context is not None:
            err(_("Try '{command} -h' for help.").format(command=context.command_path))
        return int(getattr(exc, "exit_code", ExitCode.USAGE))
    except (BrokenPipeError, _ReaderGone):
        # The reader went away (`esn zone list | head -1`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return int(ExitCode.OK)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback, no locals
        if os.environ.get("ESN_DEBUG"):
            import traceback

            traceback.print_exception(type(exc), exc, exc.__traceback__)
        err(
            _("esn: internal error: {error}\n(this is a bug in esn; set ESN_DEBUG=1 to see where)").format(
                error=f"{type(exc).__name__}: {exc}"
            )
        )
        return int(ExitCode.ERROR)


# The root's own help is built at import: take the language from the command line already (main
# sets it again for every run, as CliRunner does not go through sys.argv).
i18n.set_language(_language_in(sys.argv[1:]))

app = typer.Typer(
    cls=EsnGroup,
    name="esn",
    help=_(
        "Member assistant for MGEN's international offers: zones and offers, whom to contact, "
        "and prévoyance estimates, from the member guide."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # tracebacks would show members' figures in local variables
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"esn {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", help=_("Show the version and exit."), is_eager=True, callback=_version)] = False,
) -> None:
    """--lang and --data-dir are added to this group as to every command (_add_common_options)."""


def main() -> None:
    app()
