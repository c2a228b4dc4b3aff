"""``esn estimate ...``: one command per estimate (issue 3). Being written."""

from __future__ import annotations

import typer

app = typer.Typer(help="Estimate what the guide's prévoyance and social aids would pay, step by step.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="estimate")
