"""``esn zone lookup`` and ``esn zone list``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from esncli.cli import common, completion, report
from esncli.i18n import _

app = typer.Typer(help=_("Which cost zone a country is in, and which offer fits."), no_args_is_help=True)
common.group_options(app)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="zone")


# Several words without quotes are one name (esn zone lookup Costa Rica): see place_name().
CountryArg = Annotated[
    list[str],
    typer.Argument(
        help=_("A country or territory: French or English name, ISO code, or a usual name (USA, UK, Ivory Coast...)."),
        **completion.countries(),
        show_default=False,
        metavar="COUNTRY",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help=_("Print JSON (a stable contract for scripts)."))]
ReportOpt = Annotated[str | None, report.option()]


@app.command(help=_("Zone, recommended offer and network (IMA or HCS) for the country where a member lives."))
@common.with_common_options
def lookup(country: CountryArg, json: JsonOpt = False, report_path: ReportOpt = None) -> None:
    # Imported here, not at module level: `esn` starts in every shell loop (docs/design-notes.md).
    from esncli import catalog, zonier
    from esncli.cli.common import find_place
    from esncli.present.render import out, out_json

    report_to = report.target(report_path)
    query = place_name(country)
    zones = catalog.load("zones")
    found = find_place(query, zones, json=json)
    record = zonier.record(found.place, zones, query, found.match)
    if report_to is not None:
        report.zone_page(report_to, record, found.place)
    if json:
        out_json(record)
        return
    out(describe(record))


def place_name(words: list[str]) -> str:
    """The words of COUNTRY as one name: "Costa Rica" typed without quotes arrives as two."""
    return " ".join(words)


def describe(record: dict[str, Any]) -> str:
    from esncli.places import title
    from esncli.present.render import Style, fields_block
    from esncli.present.zones import rows

    style = Style.for_stdout()
    return f"{style.bold(title(record))}\n{fields_block(rows(record), style)}"


@app.command("list", help=_("The zonier as a table, optionally filtered."))
@common.with_common_options
def list_(
    zone: Annotated[
        str | None,
        typer.Option("--zone", help=_("Only this zone: 1, 2, 3 or COM."), metavar="ZONE", **completion.choices(("1", "2", "3", "COM"))),
    ] = None,
    offer: Annotated[
        str | None,
        typer.Option(
            "--offer",
            help=_("Only this offer: Ambre, Cyan, Magenta or Outremer."),
            metavar="OFFER",
            **completion.choices(("Ambre", "Cyan", "Magenta", "Outremer")),
        ),
    ] = None,
    network: Annotated[
        str | None,
        typer.Option("--network", help=_("Only this network: IMA or HCS."), metavar="NETWORK", **completion.choices(("IMA", "HCS"))),
    ] = None,
    all_places: Annotated[
        bool, typer.Option("--all", help=_("Also list the places the zonier does not name (DROM, groups, not listed)."))
    ] = False,
    json: JsonOpt = False,
) -> None:
    from esncli import catalog, zonier
    from esncli.i18n import language
    from esncli.present.render import out_json
    from esncli.terminal import err

    zones = catalog.load("zones")
    places = zonier.select(zones, zone=zone, offer=offer, network=network, include_unlisted=all_places)
    records = [zonier.record(place, zones) for place in places]
    if json:
        out_json(records)
        return
    if not records:
        err(_("esn: no place matches these filters"))
        return
    from rich.table import Table

    from esncli.present.render import console

    table = Table(box=None, pad_edge=False, header_style="bold")
    names = ("name_fr", "name_en") if language() == "fr" else ("name_en", "name_fr")
    headings = {"name_fr": _("Name (fr)"), "name_en": _("Name (en)")}
    for heading in (headings[names[0]], headings[names[1]], _("Zone"), _("Offer"), _("Network"), "ISO"):
        table.add_column(heading, overflow="fold")
    for r in records:
        table.add_row(r[names[0]], r[names[1]], r["zone"] or "-", r["offer"] or "-", r["network"] or "-", r["iso2"] or "-")
    console().print(table)
