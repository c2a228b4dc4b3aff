"""A place's zonier record in words, for people: ``esn zone lookup``'s lines and the printable
report's (issue 12)."""

from __future__ import annotations

from typing import Any

from esncli.i18n import _


def rows(record: dict[str, Any]) -> list[tuple[str, str]]:
    """A place's zone, offer, network, codes and note: the lines of ``describe`` (and of the
    printable report)."""
    rows: list[tuple[str, str]] = []
    status = record["status"]
    if record["zone"] is not None:
        column = _("Americas") if record["column"] == "americas" else _("Europe / Africa / Asia / Oceania")
        zone = _("{zone} ({column} column of the zonier)").format(zone=record["zone"], column=column)
        if status == "group":
            zone += _(", as part of {group!r}").format(group=record["group"])
        rows.append((_("Zone"), zone))
        rows.append((_("Offer"), _("{offer}: {cost}").format(offer=record["offer"], cost=record["cost"])))
    else:
        rows.append((_("Zone"), _("not zoned (DROM)") if status == "drom" else _("not listed in the guide's zonier")))
        if record["offer"]:
            rows.append((_("Offer"), record["offer"]))
    if record["network"]:
        rows.append(
            (_("Network"), _("{network}: care, hospitalisation and maternity agreements (esn contact)").format(network=record["network"]))
        )
    codes = " / ".join(code for code in (record["iso2"], record["iso3"]) if code)
    if codes:
        rows.append((_("ISO code"), codes))
    if record["note"]:
        rows.append((_("Note"), record["note"]))
    return rows
