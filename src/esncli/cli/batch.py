"""``esn estimate batch``: many estimates from CSV / JSON Lines (issue 4). Being written."""

from __future__ import annotations

import typer


def register(root: typer.Typer) -> None:
    """Attaches ``batch`` to the ``estimate`` group (registered before this module)."""
