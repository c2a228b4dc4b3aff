"""``esn estimate batch``: many estimates from CSV / JSON Lines (issue 4); the engine is
``esncli.batch``. Imported by ``esn`` on every run: csv, rich and the rules are imported inside
the command only."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from esncli.cli import common
from esncli.i18n import N_, _

# One line per paragraph: the help formatter wraps them to the terminal.
HELP = N_("""Estimate many rows at once, from CSV, JSON Lines or an .xlsx workbook, in the same order.

INPUT and OUTPUT are CSV (.csv), JSON Lines (.jsonl, .ndjson) or a workbook (.xlsx) by extension; '-' (stdin, and stdout, the default output) takes --format, and without it the input is sniffed and the output follows the input (so CSV in, .xlsx out works). An OUTPUT named with another extension is refused. OUTPUT may not be INPUT itself (nor a link to it).

Each row has a 'kind' column: daily-allowance, invalidity, autonomy, dependency, death-capital, social-loan, or zone (with a 'country' column). The other columns are the estimate's options in snake_case (base_salary, bonuses, pension, rate...); an empty cell means "not given"; columns a row does not use pass through untouched. --template KIND writes the columns a kind needs, with an example row.

CSV is read as Excel and LibreOffice write it: UTF-8 (with or without a byte-order mark) or, when it is not UTF-8, Windows-1252 (--encoding forces one); separated by commas, semicolons or tabs; decimal commas; VRAI / FAUX. Empty rows are written back empty. The output follows the input's convention (its separator, decimal commas, a byte-order mark, CRLF) unless --dialect says excel-fr, excel or plain.

Every input row is written, in order, then the result columns of the kinds the file holds (eligible, the amounts, the zone lookup keys, warnings) and 'error', which tells why a row failed; a result column named like an input column is written 'result_<name>'. esn's own result columns, in a file it wrote, are computed again, not read. Lists are joined with ' | ' in CSV. In CSV output, a text cell starting with = + - @ tab or carriage return gets a leading apostrophe so a spreadsheet does not run it as a formula; plain numbers such as -12.50 are kept as they are.

OUTPUT is written to a temporary file renamed at the end: an interrupted or failed run leaves no file under its name. Exit 0 when every row was estimated, 3 when some rows failed (numbered as the spreadsheet numbers them, the header being row 1), 2 when the input cannot be read, 128 + the signal when interrupted (130 for Ctrl-C). A summary goes to stderr.""")


def register(estimate: typer.Typer) -> None:
    """Attaches ``batch`` to the ``estimate`` group, its texts in the reader's language (the
    annotations below are read now)."""
    estimate.command("batch", help=_(HELP))(common.with_common_options(batch))


def batch(
    input: Annotated[
        str | None, typer.Argument(help=_("CSV, JSON Lines or .xlsx file; '-' for stdin."), metavar="INPUT", show_default=False)
    ] = None,
    output: Annotated[str, typer.Option("--output", "-o", help=_("Where to write the rows; '-' for stdout."), metavar="OUTPUT")] = "-",
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=_("csv, jsonl or xlsx, for stdin / stdout or a name without a .csv / .jsonl / .xlsx extension."),
            metavar="FORMAT",
            show_default=False,
        ),
    ] = None,
    steps: Annotated[
        bool, typer.Option("--steps", help=_("Add a 'steps' column: how each amount was computed (--explain steps)."))
    ] = False,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            help=_(
                "results (the default: what differs between rows), notes (and the 'reasons', the guide's conditions), steps (and the steps)."
            ),
            metavar="LEVEL",
            show_default=False,
        ),
    ] = None,
    dialect: Annotated[
        str | None,
        typer.Option(
            "--dialect",
            help=_(
                "CSV output: excel-fr (; decimal commas, VRAI/FAUX, BOM, CRLF), excel (, TRUE/FALSE, BOM, CRLF) or plain; by default, the input's own."
            ),
            metavar="DIALECT",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help=_("The input's encoding (utf-8, cp1252...); by default UTF-8, else cp1252."),
            metavar="ENCODING",
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help=_("The sheet of an .xlsx input (by default, the first)."), metavar="NAME", show_default=False),
    ] = None,
    kinds: Annotated[
        str | None,
        typer.Option(
            "--kinds",
            help=_("Only the result columns of these kinds (K1,K2); by default those the file holds (every kind's from stdin)."),
            metavar="K1,K2",
            show_default=False,
        ),
    ] = None,
    errors: Annotated[
        str | None,
        typer.Option(
            "--errors", help=_("Also write every failed row (its number and error) to this CSV file."), metavar="FILE", show_default=False
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            help=_("Write the columns KIND needs, with an example row, instead of estimating."),
            metavar="KIND",
            show_default=False,
        ),
    ] = None,
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
            raise EsnError(_("unknown --format {format!r}: use csv, jsonl or xlsx").format(format=format))
    if dialect is not None:
        dialect = dialect.strip().lower()
        if dialect not in engine.DIALECTS:
            raise EsnError(_("unknown --dialect {dialect!r}: use excel-fr, excel or plain").format(dialect=dialect))
    if explain is not None:
        explain = explain.strip().lower()
        if explain not in engine.EXPLAIN:
            raise EsnError(_("unknown --explain {level!r}: use results, notes or steps").format(level=explain))
    if template is not None:
        if input is not None:
            raise EsnError(_("--template writes a file to start from: give no INPUT with it"))
        kind = engine.write_template(template, output, format, dialect)
        if output != "-":
            err(_("esn: {path}: the columns of {kind}, with an example row").format(path=output, kind=kind))
        return
    if input is None:
        raise EsnError(_("Missing argument 'INPUT': a CSV, JSON Lines or .xlsx file, or '-' for stdin (or --template KIND)."))
    kinds_given = [k for k in (part.strip() for part in kinds.split(",")) if k] if kinds is not None else None
    source = engine.open_input(input, format, encoding)
    notice = engine.encoding_notice(source)
    if notice is not None:
        err(notice)
    show_progress = terminal.current().stderr_tty
    options: dict[str, Any] = {
        "steps": steps,
        "explain": explain,
        "dialect": dialect,
        "kinds_given": kinds_given,
        "sheet": sheet,
        "errors": errors,
    }
    try:
        with common.signals_interrupt():
            if show_progress:
                with _progress_bar(source.size) as progress:
                    summary = engine.run(source, output, format, progress=progress, **options)
            else:
                summary = engine.run(source, output, format, **options)
    except KeyboardInterrupt:  # Ctrl-C, or Interrupted by another signal
        if output == "-":
            err(_("esn: batch interrupted"))
        else:
            err(_("esn: batch interrupted; {output} was not written").format(output=output))
        raise
    if not err(summary.text(errors)):
        # stderr closed or gone: the output is complete, but the summary (and the failed rows'
        # numbers) could not be given: say so the only way left.
        raise typer.Exit(int(ExitCode.USAGE))
    if summary.failed:
        raise typer.Exit(int(summary.exit_code))


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
