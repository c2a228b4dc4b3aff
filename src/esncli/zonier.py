"""The zonier (guide page "Zonier géographique"): the places of data/zones.yaml and their look-ups.

Every place is either *zoned* (one of the guide's 238 names, zone 1/2/3/COM), or an ISO 3166-1
place the guide does not list, answered explicitly: ``drom`` (metropolitan / DROM offer, not
zoned), ``group`` (covered by one of the guide's group entries, which gives the zone) or
``not-listed`` (ask MGEN).

``esncli.catalog.zones`` compiles the YAML (with the vocabulary below) into the places and the
index read here; this module never imports the catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ZONES = ("1", "2", "3", "COM")
COLUMNS = ("americas", "europe-africa-asia-oceania")
NETWORKS = ("IMA", "HCS")
UNLISTED_STATUSES = ("drom", "group", "not-listed")


def record(
    place: Mapping[str, Any], zones: Mapping[str, Any], query: str | None = None, match: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON contract of one place (``esn zone lookup --json``); texts in the reader's language."""
    from esncli.i18n import pick

    zone = place["zone"]
    note = pick(place["note"])
    if place["status"] == "not-listed":
        not_listed = pick(zones["answers"]["not-listed"]["note"])
        note = f"{not_listed} {note}" if note else not_listed
    result: dict[str, Any] = {}
    if query is not None:
        result["query"] = query
    result.update(
        {
            "name_fr": place["name_fr"],
            "name_en": place["name_en"],
            "iso2": place["iso2"],
            "iso3": place["iso3"],
            "status": place["status"],
            "zone": zone,
            "column": place["column"],
            "offer": place["offer"],
            "cost": pick(zones["offers"][zone]["cost"]) if zone else None,
            "network": place["network"],
            "group": place["group"],
            "note": note,
        }
    )
    if match is not None:
        result["match"] = match
    return result


def select(
    zones: dict[str, Any], *, zone: str | None = None, offer: str | None = None, network: str | None = None, include_unlisted: bool = False
) -> list[dict[str, Any]]:
    """Places filtered by zone, offer (``Ambre`` or ``MGEN Ambre``, any case) and network."""
    from esncli.errors import EsnError
    from esncli.i18n import _

    if zone is not None:
        zone = zone.strip().upper()
        if zone not in ZONES:
            raise EsnError(_("unknown zone {value!r}: choose one of {choices}").format(value=zone, choices=", ".join(ZONES)))
    if offer is not None:
        wanted = offer.strip().casefold().removeprefix("mgen ").strip()
        offers = {o["offer"].casefold().removeprefix("mgen "): o["offer"] for o in zones["offers"].values()}
        if wanted not in offers:
            choices = ", ".join(o["offer"] for o in zones["offers"].values())
            raise EsnError(_("unknown offer {value!r}: choose one of {choices}").format(value=offer, choices=choices))
        offer = offers[wanted]
    if network is not None:
        network = network.strip().upper()
        if network not in NETWORKS:
            raise EsnError(_("unknown network {value!r}: choose one of {choices}").format(value=network, choices=", ".join(NETWORKS)))
    return [
        p
        for p in zones["places"]
        if (include_unlisted or p["status"] == "zoned")
        and (zone is None or p["zone"] == zone)
        and (offer is None or p["offer"] == offer)
        and (network is None or p["network"] == network)
    ]
