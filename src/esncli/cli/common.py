"""Pieces shared by several commands."""

from __future__ import annotations

from typing import Any

from esncli import countries
from esncli.errors import EsnError
from esncli.i18n import _, language
from esncli.render import Style, dump_json, err, out


def place_title(place: dict[str, Any]) -> str:
    """ "Kenya", "Brazil (Brésil)" in English, "Brésil (Brazil)" in French."""
    first, second = (place["name_fr"], place["name_en"]) if language() == "fr" else (place["name_en"], place["name_fr"])
    return first if first == second else f"{first} ({second})"


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
            message = _("esn: no place is called {query!r}; using the closest match: {place}.")
            err(Style.for_stderr().warn(message.format(query=query, place=place_title(place))))
        return place, match
    candidates = [places[i] for i in resolution.candidates]
    if resolution.how == "empty":
        message = _("give a country or territory name or code")
    elif candidates:
        shown = "; ".join(place_title(c) for c in candidates)
        message = _("{query!r} is ambiguous or unknown. Did you mean: {candidates}?").format(query=query, candidates=shown)
    else:
        message = _("no country or territory matches {query!r} (try its French or English name, or its ISO code)").format(query=query)
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
