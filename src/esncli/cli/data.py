"""``esn data check``: validate the data sources (the shipped ones, or a new edition's)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(help="Check the data sources (zonier, contacts, guarantees).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="data")


@app.command()
def check(
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Check the YAML files in DIR instead of the data esn uses (also ESN_DATA_DIR).", metavar="DIR"),
    ] = None,
) -> None:
    """Validate zones.yaml, contacts.yaml and guarantees.yaml: keys, types, ranges, dates,
    unique names and codes, units and references. Exit 2 on the first error of each file."""
    from esncli import catalog
    from esncli.exits import EsnError
    from esncli.render import err, out

    directory = data_dir or catalog.data_dir()
    failures = []
    for name in catalog.SOURCES:
        path = directory / f"{name}.yaml"
        try:
            data = catalog.compile_source(name, catalog.read_source(path), str(path))
        except catalog.DataError as exc:
            failures.append(exc.message)
            continue
        out(f"ok  {path}  {summary(name, data)}")
    for message in failures:
        err(f"esn: {message}")
    if failures:
        raise EsnError(f"{len(failures)} of {len(catalog.SOURCES)} data files are invalid")


def summary(name: str, data: dict[str, Any]) -> str:
    if name == "zones":
        zoned = sum(1 for p in data["places"] if p["status"] == "zoned")
        return f"{zoned} zonier places, {len(data['places']) - zoned} other places, {len(data['index'])} names"
    if name == "contacts":
        return f"{len(data['contacts'])} contacts, {len(data['needs'])} needs"
    return f"{len(data.get('parameters', {}))} parameter groups"
