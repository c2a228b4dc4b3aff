"""``esn zone lookup`` and ``esn zone list``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

app = typer.Typer(help="Which cost zone a country is in, and which offer fits.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="zone")


def complete_country(incomplete: str) -> list[str]:
    from esncli import catalog
    from esncli.countries import normalise

    zones = catalog.load("zones")
    prefix = normalise(incomplete)
    names = {name for place in zones["places"] for name in (place["name_en"], place["name_fr"])}
    return sorted(name for name in names if normalise(name).startswith(prefix))


CountryArg = Annotated[
    str,
    typer.Argument(
        help="A country or territory: French or English name, ISO code, or a usual name (USA, UK, Ivory Coast...).",
        autocompletion=complete_country,
        show_default=False,
        metavar="COUNTRY",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (a stable contract for scripts).")]


@app.command()
def lookup(country: CountryArg, json: JsonOpt = False) -> None:
    """Zone, recommended offer and network (IMA or HCS) for the country where a member lives."""
    # Imported here, not at module level: `esn` starts in every shell loop (docs/design-notes.md).
    from esncli import catalog, zonier
    from esncli.cli.common import resolve_place
    from esncli.render import dump_json, out

    zones = catalog.load("zones")
    place, match = resolve_place(country, zones, json=json)
    record = zonier.record(place, zones, country, match)
    if json:
        out(dump_json(record))
        return
    out(describe(record))


def describe(record: dict[str, Any]) -> str:
    from esncli.render import Style, fields_block

    style = Style.for_stdout()
    title = record["name_en"] if record["name_en"] == record["name_fr"] else f"{record['name_en']} ({record['name_fr']})"
    rows: list[tuple[str, str]] = []
    status = record["status"]
    if record["zone"] is not None:
        column = "Americas" if record["column"] == "americas" else "Europe / Africa / Asia / Oceania"
        zone = f"{record['zone']} ({column} column of the zonier)"
        if status == "group":
            zone += f", as part of {record['group']!r}"
        rows.append(("Zone", zone))
        rows.append(("Offer", f"{record['offer']}: {record['cost']}"))
    else:
        rows.append(("Zone", "not zoned (DROM)" if status == "drom" else "not listed in the guide's zonier"))
        if record["offer"]:
            rows.append(("Offer", record["offer"]))
    if record["network"]:
        rows.append(("Network", f"{record['network']}: care, hospitalisation and maternity agreements (esn contact)"))
    codes = " / ".join(code for code in (record["iso2"], record["iso3"]) if code)
    if codes:
        rows.append(("ISO code", codes))
    if record["note"]:
        rows.append(("Note", record["note"]))
    return f"{style.bold(title)}\n{fields_block(rows, style)}"


@app.command("list")
def list_(
    zone: Annotated[str | None, typer.Option("--zone", help="Only this zone: 1, 2, 3 or COM.", metavar="ZONE")] = None,
    offer: Annotated[
        str | None, typer.Option("--offer", help="Only this offer: Ambre, Cyan, Magenta or Outremer.", metavar="OFFER")
    ] = None,
    network: Annotated[str | None, typer.Option("--network", help="Only this network: IMA or HCS.", metavar="NETWORK")] = None,
    all_places: Annotated[
        bool, typer.Option("--all", help="Also list the places the zonier does not name (DROM, groups, not listed).")
    ] = False,
    json: JsonOpt = False,
) -> None:
    """The zonier as a table, optionally filtered."""
    from esncli import catalog, zonier
    from esncli.render import dump_json, err, out

    zones = catalog.load("zones")
    places = zonier.select(zones, zone=zone, offer=offer, network=network, include_unlisted=all_places)
    records = [zonier.record(place, zones) for place in places]
    if json:
        out(dump_json(records))
        return
    if not records:
        err("esn: no place matches these filters")
        return
    from rich.table import Table

    from esncli.render import console

    table = Table(box=None, pad_edge=False, header_style="bold")
    for heading in ("Name (fr)", "Name (en)", "Zone", "Offer", "Network", "ISO"):
        table.add_column(heading, overflow="fold")
    for r in records:
        table.add_row(r["name_fr"], r["name_en"], r["zone"] or "-", r["offer"] or "-", r["network"] or "-", r["iso2"] or "-")
    console().print(table)
