"""The one zone-resolution policy: what a member typed -> one place of the zonier, or a clear
refusal. The CLI (``esn zone lookup``, ``esn contact``), the batch (``zone`` rows) and the API
(``api.zone``) all ask here, so a place is found, announced or refused the same way everywhere.

- an exact name, alias or ISO code: the place;
- a typo close to one name only (``countries.resolve``): the place, with a warning that says
  which name was taken;
- several places, or none: ``PlaceError`` with the candidates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from esncli.errors import PlaceError
from esncli.i18n import _, language


@dataclass(frozen=True)
class Found:
    """The place a query names (a compiled zonier place), how it was matched (``match``: the
    ``--json`` object: ``how`` exact or fuzzy, ``key``, ``score`` for a fuzzy match) and, for a
    fuzzy match, the warning that says so."""

    place: Mapping[str, Any]
    match: dict[str, Any]
    warning: str | None = None


LONGEST_NAME = 100  # characters: no place's name comes near; a longer query is no place's name


def lookup(query: str, zones: Mapping[str, Any]) -> Found:
    """The place ``query`` names in ``zones`` (``catalog.load("zones")``); PlaceError otherwise."""
    from esncli import countries

    if len(query) > LONGEST_NAME:
        raise _not_found(query)
    resolution = countries.resolve(query, zones)
    places = zones["places"]
    if resolution.place is not None:
        place = places[resolution.place]
        match: dict[str, Any] = {"how": resolution.how, "key": resolution.matched_key}
        warning = None
        if resolution.how == "fuzzy":
            match["score"] = resolution.score
            warning = _("no place is called {query!r}; using the closest match: {place}").format(query=query, place=title(place))
        elif resolution.how == "within":
            warning = _("{query} is in {place}").format(query=query.strip(), place=title(place))
        return Found(place, match, warning)
    candidates = [places[i] for i in resolution.candidates]
    if resolution.how == "empty":
        raise PlaceError(query, "empty", (), _("give a country or territory name or code"))
    if candidates:
        shown = "; ".join(title(c) for c in candidates)
        message = _("{query!r} is ambiguous or unknown. Did you mean: {candidates}?").format(query=query, candidates=shown)
        raise PlaceError(query, "ambiguous", candidates, message)
    raise _not_found(query)


def _not_found(query: str) -> PlaceError:
    cut = query if len(query) <= LONGEST_NAME else query[:LONGEST_NAME] + "…"
    message = _("no country or territory matches {query!r} (try its French or English name, or its ISO code)").format(query=cut)
    return PlaceError(query, "not-found", (), message)


def title(place: Mapping[str, Any]) -> str:
    """ "Kenya", "Brazil (Brésil)" in English, "Brésil (Brazil)" in French."""
    first, second = (place["name_fr"], place["name_en"]) if language() == "fr" else (place["name_en"], place["name_fr"])
    return str(first) if first == second else f"{first} ({second})"


def error_json(error: PlaceError) -> dict[str, Any]:
    """``--json`` when no single place answers: {query, error, candidates}."""
    return {
        "query": error.query,
        "error": "ambiguous" if error.candidates else "not-found",
        "candidates": [{"name_fr": c["name_fr"], "name_en": c["name_en"], "iso2": c["iso2"], "zone": c["zone"]} for c in error.candidates],
    }
