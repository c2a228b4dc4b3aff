"""``esn estimate batch``: many estimates from CSV / JSON Lines (issue 4); the engine is
``esncli.batch``. Imported by ``esn`` on every run: csv, rich and the rules are imported inside
the command only."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Annotated, Any

import typer

from esncli.cli import common
from esncli.i18n import N_, _

# One line per paragraph: the help formatter wraps them to the terminal.
HELP = N_("""Estimate many rows at once, from CSV or JSON Lines, in the same order.

INPUT and OUTPUT are CSV (.csv) or JSON Lines (.jsonl, .ndjson) by extension; '-' (stdin, and stdout, the default output) or another extension takes --format, and without it the input is sniffed and the output follows the input (so CSV in, JSON Lines out works).

Each row has a 'kind' column: daily-allowance, invalidity, autonomy, dependency, death-capital, social-loan, or zone (with a 'country' column). The other columns are the estimate's options in snake_case (base_salary, bonuses, pension, rate...); an empty cell means "not given"; columns a row does not use pass through untouched.

Every input row is written, in order, then the result columns of all kinds (eligible, the amounts, the zone lookup keys, warnings, reasons) and 'error', which tells why a row failed; a result column named like an input column is written 'result_<name>'. Lists are joined with ' | ' in CSV. In CSV output, a text cell starting with = + - @ tab or carriage return gets a leading apostrophe so a spreadsheet does not run it as a formula; plain numbers such as -12.50 are kept as they are.

OUTPUT is written to a temporary file renamed at the end: an interrupted or failed run leaves no file under its name. Exit 0 when every row was estimated, 3 when some rows failed, 2 when the input cannot be read, 128 + the signal when interrupted (130 for Ctrl-C). A summary goes to stderr.""")


def register(estimate: typer.Typer) -> None:
    """Attaches ``batch`` to the ``estimate`` group, its texts in the reader's language (the
    annotations below are read now)."""
    estimate.command("batch", help=_(HELP))(common.with_common_options(batch))


def batch(
    input: Annotated[str, typer.Argument(help=_("CSV or JSON Lines file; '-' for stdin."), metavar="INPUT", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help=_("Where to write the rows; '-' for stdout."), metavar="OUTPUT")] = "-",
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=_("csv or jsonl, for stdin / stdout or a name without a .csv / .jsonl extension."),
            metavar="FORMAT",
            show_default=False,
        ),
    ] = None,
    steps: Annotated[bool, typer.Option("--steps", help=_("Add a 'steps' column: how each amount was computed."))] = False,
) -> None:
    from esncli import batch as engine
    from esncli import terminal
    from esncli.errors import EsnError, ExitCode
    from esncli.i18n import _
    from esncli.terminal import err

    if format is not None:
        format = format.strip().lower()
        if format == "ndjson":
            format = "jsonl"
        if format not in engine.FORMATS:
            raise EsnError(_("unknown --format {format!r}: use csv or jsonl").format(format=format))
    source = engine.open_input(input, format)
    show_progress = terminal.current().stderr_tty
    # INPUT may also be OUTPUT: the output goes to a temporary file, renamed once all is read.
    try:
        with _signals_interrupt():
            if show_progress:
                with _progress_bar(source.size) as progress:
                    summary = engine.run(source, output, format, steps=steps, progress=progress)
            else:
                summary = engine.run(source, output, format, steps=steps)
    except KeyboardInterrupt:  # Ctrl-C, or Interrupted by another signal
        if output == "-":
            err(_("esn: batch interrupted"))
        else:
            err(_("esn: batch interrupted; {output} was not written").format(output=output))
        raise
    if not err(summary.text()):
        # stderr closed or gone: the output is complete, but the summary (and the failed rows'
        # numbers) could not be given: say so the only way left.
        raise typer.Exit(int(ExitCode.USAGE))
    if summary.failed:
        raise typer.Exit(int(summary.exit_code))


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """While the batch runs, SIGTERM (``timeout``, ``kill``), SIGHUP (a closed terminal) and
    SIGQUIT (Ctrl-\\) raise ``Interrupted``, a KeyboardInterrupt: the temporary file is removed
    as on Ctrl-C, and esn exits 128 + the signal (``cli._run``). The previous handlers come back
    after it. (Other commands write no file: the signals' default action ends them, which the
    shell reports as 128 + the signal too.)"""
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


class _progress_bar:
    """A rich bar on stderr: by bytes read for a file, a row counter for a pipe."""

    def __init__(self, size: int | None) -> None:
        import sys

        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        from esncli.present.render import console

        self.size = size
        columns = [TextColumn("batch"), BarColumn(), TextColumn("{task.percentage:>3.0f}%")] if size else [TextColumn("batch")]
        self.bar = Progress(*columns, TextColumn("{task.fields[rows]}"), TimeElapsedColumn(), console=console(sys.stderr), transient=True)
        self.task = self.bar.add_task("batch", total=size or None, rows=0)

    def __enter__(self) -> _progress_bar:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def __call__(self, rows: int, position: int | None) -> None:
        completed = position if self.size and position is not None else rows
        from esncli.i18n import ngettext, number

        self.bar.update(self.task, completed=completed, rows=ngettext("{rows} row", "{rows} rows", rows).format(rows=number(rows)))
