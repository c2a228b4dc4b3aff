"""The prévoyance and social-aid parameters (data/guarantees.yaml). Placeholder: see issue 3."""

from __future__ import annotations

from typing import Any

from esncli.validation import Checker


def compile_guarantees(document: dict[str, Any], file: str) -> dict[str, Any]:
    Checker(file).keys(document, "top level", ("source",), ("parameters",))
    return {"source": document["source"], "parameters": document.get("parameters") or {}}
