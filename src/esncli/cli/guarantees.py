"""``esn guarantees``: what a member of a given status is entitled to (issue 3). Being written."""

from __future__ import annotations

import typer


def register(root: typer.Typer) -> None:
    """Attaches the ``guarantees`` command."""
