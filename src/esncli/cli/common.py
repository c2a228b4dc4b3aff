"""Pieces shared by several commands."""

from __future__ import annotations

from typing import Any

from esncli import countries
from esncli.exits import EsnError
from esncli.render import Style, dump_json, err, out


def resolve_place(query: str, zones: dict[str, Any], *, json: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """The place a user meant, and how it was matched; exit 2 with candidates otherwise.

    A fuzzy pick is announced on stderr (and in the JSON ``match`` object)."""
    resolution = countries.resolve(query, zones)
    places = zones["places"]
    if resolution.place is not None:
        place = places[resolution.place]
        match: dict[str, Any] = {"how": resolution.how, "key": resolution.matched_key}
        if resolution.how == "fuzzy":
            match["score"] = resolution.score
            err(
                Style.for_stderr().warn(
                    f"esn: no place is called {query!r}; using the closest match: {place['name_en']} ({place['name_fr']})."
                )
            )
        return place, match
    candidates = [places[i] for i in resolution.candidates]
    if resolution.how == "empty":
        message = "give a country or territory name or code"
    elif candidates:
        shown = "; ".join(f"{c['name_en']} ({c['name_fr']})" for c in candidates)
        message = f"{query!r} is ambiguous or unknown. Did you mean: {shown}?"
    else:
        message = f"no country or territory matches {query!r} (try its French or English name, or its ISO code)"
    if json:
        out(
            dump_json(
                {
                    "query": query,
                    "error": "ambiguous" if candidates else "not-found",
                    "candidates": [
                        {"name_fr": c["name_fr"], "name_en": c["name_en"], "iso2": c["iso2"], "zone": c["zone"]} for c in candidates
                    ],
                }
            )
        )
    raise EsnError(message)
