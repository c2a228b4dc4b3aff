"""``esn data check``: validate the data sources (the shipped ones, or a new edition's)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from esncli.cli import common
from esncli.i18n import _, ngettext

app = typer.Typer(help=_("Check the data sources (zonier, contacts, guarantees)."), no_args_is_help=True)
common.group_options(app)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="data")


@app.command(
    help=_(
        "Validate zones.yaml, contacts.yaml and guarantees.yaml: keys, types, ranges, dates, unique names and codes, "
        "units and references. Exit 2 if any file is invalid."
    )
)
@common.with_common_options
def check(
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help=_("Check the YAML files in DIR instead of the data esn uses (also ESN_DATA_DIR)."), metavar="DIR"),
    ] = None,
) -> None:
    from esncli import catalog
    from esncli.errors import DataError, EsnError
    from esncli.present.render import out
    from esncli.terminal import err

    directory = data_dir or catalog.data_dir()
    shipped = directory.resolve() == catalog.shipped_data_dir().resolve()
    failures = []
    for name in catalog.SOURCES:
        path = directory / f"{name}.yaml"
        try:
            raw = catalog.read_source(path)
            data = catalog.compile_source(name, raw, str(path))
        except DataError as exc:
            failures.append(exc.message)
            continue
        out(f"ok  {path}  {summary(name, data)}")
        state = catalog.snapshot_state(name, raw, data) if shipped else "ok"
        if state == "stale":
            err(
                _(
                    "esn: {snapshot}: compiled from an earlier {file}: esn reads the YAML until `python -m esncli.catalog` rewrites it"
                ).format(snapshot=catalog.SNAPSHOT, file=path.name)
            )
        elif state == "altered":
            failures.append(
                _(
                    "{snapshot}: its {name} data is not what {file} compiles to (edited by hand or damaged): it is never used; rewrite it with `python -m esncli.catalog`"
                ).format(snapshot=catalog.SNAPSHOT, name=name, file=path.name)
            )
    for message in failures:
        err(f"esn: {message}")
    if failures:
        raise EsnError(
            ngettext("{failed} of {total} data files is invalid", "{failed} of {total} data files are invalid", len(failures)).format(
                failed=len(failures), total=len(catalog.SOURCES)
            )
        )


def summary(name: str, data: dict[str, Any]) -> str:
    if name == "zones":
        zoned = sum(1 for p in data["places"] if p["status"] == "zoned")
        other = len(data["places"]) - zoned
        names = len(data["index"])
        return _("{zoned}, {other}, {names}").format(
            zoned=ngettext("{count} zonier place", "{count} zonier places", zoned).format(count=zoned),
            other=ngettext("{count} other place", "{count} other places", other).format(count=other),
            names=ngettext("{count} name", "{count} names", names).format(count=names),
        )
    if name == "contacts":
        contacts, needs = len(data["contacts"]), len(data["needs"])
        return _("{contacts}, {needs}").format(
            contacts=ngettext("{count} contact", "{count} contacts", contacts).format(count=contacts),
            needs=ngettext("{count} need", "{count} needs", needs).format(count=needs),
        )
    count = len(data.get("parameters", {}))
    return ngettext("{count} parameter", "{count} parameters", count).format(count=count)
