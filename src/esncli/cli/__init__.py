"""The ``esn`` command: one Typer app per command group, joined here, and the one place where
errors become messages and exit codes (0 ok, 1 internal error, 2 usage / not found / invalid
input / a stream that cannot be used, 3 batch rows failed, 128 + the signal when interrupted:
129 SIGHUP, 130 SIGINT, 131 SIGQUIT, 143 SIGTERM)."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from esncli import __version__, i18n, terminal
from esncli.cli import clickfr, common
from esncli.errors import EsnError, ExitCode, Interrupted
from esncli.i18n import N_, _
from esncli.terminal import err

# Command name -> the module whose register(root) builds it, loaded only when that command runs
# (or for --help): typer builds the click parameters of every registered command at start-up,
# which the estimate commands' many options would add to every `esn zone lookup`.
COMMANDS: dict[str, str] = {
    "zone": "zone",
    "contact": "contact",
    "estimate": "estimate",
    "guarantees": "guarantees",
    "data": "data",
}

ROOT_HELP = N_(
    "Member assistant for MGEN's international offers: zones and offers, whom to contact, and prévoyance estimates, from the member guide."
)


VERSION_HELP = N_("Show the version and exit.")
ROOT_OPTIONS_HELP = {"version": VERSION_HELP, **common.HELP}


class EsnGroup(TyperGroup):
    """Runs the command and turns every failure into a message on stderr and an exit code, so
    that ``esn``, ``python -m esncli`` and ``CliRunner`` behave the same; builds subcommands
    lazily (see COMMANDS). Click's own texts are in the reader's language (``clickfr``)."""

    context_class = clickfr.Context

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
        # The one place --lang and --data-dir are read: before any command is built, so that
        # help texts (some quote the guide's figures), prompts and messages agree. The options
        # every command declares (cli.common) document and validate them. A run in the same
        # process (CliRunner, an embedding) starts afresh.
        i18n.set_language(_language_in(args))
        terminal.degrade_what_cannot_be_written()  # an ASCII or Latin-1 terminal: "EUR", not a crash
        from esncli import catalog

        data_dir = _option_in(args, "--data-dir")
        catalog.set_data_dir(Path(data_dir) if data_dir else None)
        # The root group is built when esncli.cli is imported: its texts are translated now.
        self.help = _(ROOT_HELP)
        for param in self.params:
            if param.name in ROOT_OPTIONS_HELP:
                param.help = _(ROOT_OPTIONS_HELP[param.name])  # type: ignore[attr-defined]
            clickfr.root_help(param)
        clickfr.localise(self)
        code = _run(lambda: super(EsnGroup, self).main(args, prog_name or "esn", complete_var, False, windows_expand_args, **extra))
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: Any) -> Any:
        # typer's own main turns Ctrl-C into a silent Exit(130) and a broken pipe into exit 1;
        # hand both to _run instead, which reports them in one place.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise typer.Abort() from exc  # the cause says which signal
        except BrokenPipeError:
            raise _ReaderGone() from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        import importlib

        holder = typer.Typer()
        importlib.import_module(f"esncli.cli.{module}").register(holder)
        command = typer.main.get_group(holder).get_command(ctx, cmd_name)
        if command is not None:
            clickfr.localise(command)
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
    found = found.strip().lower() if found is not None else None
    return found if found in i18n.LANGUAGES else None


class _ReaderGone(Exception):
    """The reader of stdout went away (`esn zone list | head -1`)."""


def _only_help_wanted(exc: typer.TyperException) -> bool:
    """A group run with nothing to do: no arguments at all, or only options such as --lang (the
    group's "Missing command.", which only a group without a subcommand says)."""
    return type(exc).__name__ == "NoArgsIsHelpError" or exc.format_message() == "Missing command."


def _stdout_to_devnull() -> None:
    """What stdout still holds goes nowhere: the interpreter's own flush at exit must not fail
    again (it would print a traceback-like warning and exit 120)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    if sys.stdout is not None:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()


SIGINT = 2  # signal.SIGINT, the same on every system Python runs on
_STREAM_ERRORS = frozenset(getattr(errno, name) for name in ("EBADF", "ENOSPC", "EIO", "EDQUOT", "EFBIG") if hasattr(errno, name))


def _signal_of(exc: BaseException) -> int:
    """The signal that interrupted the run (SIGINT unless ``Interrupted`` says another)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, Interrupted):
            return seen.signum
        seen = seen.__cause__ or seen.__context__
    return SIGINT


def _run(invoke: Callable[[], Any]) -> int:
    try:
        result = invoke()
        if sys.stdout is not None:
            sys.stdout.flush()  # here, not at exit, where a full disk would be a silent exit 120
        return result if isinstance(result, int) else 0
    except EsnError as exc:
        err(f"esn: {exc.message}")
        return int(exc.code)
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt) as exc:
        signum = _signal_of(exc)
        if signum == SIGINT:
            err(_("esn: interrupted"))
        else:
            import signal  # here: its enums cost 2 ms of every start-up

            err(_("esn: interrupted ({signal})").format(signal=signal.Signals(signum).name))
        return 128 + signum
    except typer.TyperException as exc:  # click's usage errors, vendored by typer
        context = getattr(exc, "ctx", None)
        if context is not None and _only_help_wanted(exc):
            # `esn`, `esn zone`, `esn --lang fr`: the help, in the reader's language, and exit 0
            # (rich prints it as it is made; plain help comes back as text).
            try:
                text = exc.format_message() if type(exc).__name__ == "NoArgsIsHelpError" else context.get_help()
                if text:
                    print(text)
            except BrokenPipeError:  # `esn | head`
                _stdout_to_devnull()
            return int(ExitCode.OK)
        err(f"esn: {clickfr.message(exc)}")
        if context is not None:
            err(_("Try '{command} -h' for help.").format(command=context.command_path))
        return int(getattr(exc, "exit_code", ExitCode.USAGE))
    except (BrokenPipeError, _ReaderGone):
        # The reader went away (`esn zone list | head -1`): stop quietly.
        _stdout_to_devnull()
        return int(ExitCode.OK)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback, no locals
        if isinstance(exc, OSError) and exc.errno in _STREAM_ERRORS:
            # A standard stream esn cannot use: stdout closed (">&-") or full ("> /dev/full"), a
            # terminal gone. (Files esn opens report their own errors as EsnError.)
            _stdout_to_devnull()
            err(_("esn: cannot write the output: {problem}").format(problem=exc.strerror or exc))
            return int(ExitCode.USAGE)
        if os.environ.get("ESN_DEBUG"):
            import traceback

            traceback.print_exception(type(exc), exc, exc.__traceback__)
        err(
            _("esn: internal error: {error}\n(this is a bug in esn; set ESN_DEBUG=1 to see where)").format(
                error=f"{type(exc).__name__}: {exc}"
            )
        )
        return int(ExitCode.ERROR)


app = typer.Typer(
    cls=EsnGroup,
    name="esn",
    help=ROOT_HELP,  # translated by EsnGroup.main, once the language is known
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # tracebacks would show members' figures in local variables
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    """The version, then the data's edition: the guide's sections each source is read from, and the date
    the latest parameter values took effect (``--data-dir``'s data when given)."""
    if value:
        from esncli import catalog

        print(f"esn {__version__}", flush=True)
        for name in catalog.SOURCES:  # the guide's sections each source is read from
            print(f"{name}: {catalog.load(name)['source']['title']}")
        latest = max(since for meta in catalog.load("guarantees")["parameters"].values() for since, _value in meta["values"])
        print(_("parameters: the latest values took effect on {date}").format(date=i18n.date(dt.date.fromisoformat(latest))))
        raise typer.Exit()


def root(
    version: Annotated[bool, typer.Option("--version", help=VERSION_HELP, is_eager=True, callback=_version)] = False,
) -> None:
    """The root group's options; --lang and --data-dir as on every command (cli.common)."""


app.callback()(common.with_common_options(root))


def main() -> None:
    app()
