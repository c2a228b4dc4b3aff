"""Who to contact for what (IMA, HCS or MGEN): route a need, date a deadline. Pure.

``esncli.catalog.contacts`` compiles data/contacts.yaml (with the vocabulary below) into the
form read here; this module never imports the catalog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from esncli.i18n import fold

NEEDS = ("care", "hospitalisation", "maternity", "assistance", "general", "prevoyance", "social-aid")
# What members type for each need, folded (case and accents, hyphens as spaces: ``_key``):
# French and English.
NEED_NAMES = {
    **{need.replace("-", " "): need for need in NEEDS},
    "soins": "care",
    "soin": "care",
    "medical care": "care",
    "hospitalization": "hospitalisation",
    "hopital": "hospitalisation",
    "maternite": "maternity",
    "grossesse": "maternity",
    "pregnancy": "maternity",
    "general": "general",
    "generale": "general",
    # How to claim a prévoyance benefit (guide, "Quand et comment activer mes garanties Prévoyance ?").
    "garanties prevoyance": "prevoyance",
    "garantie prevoyance": "prevoyance",
    "prestation prevoyance": "prevoyance",
    "prestations prevoyance": "prevoyance",
    # How to ask for social aid (guide, "Vos aides solidaires", "L'Action Sociale, comment en bénéficier ?").
    "aide sociale": "social-aid",
    "aides sociales": "social-aid",
    "action sociale": "social-aid",
    "aide solidaire": "social-aid",
    "aides solidaires": "social-aid",
    "social aids": "social-aid",
}


def _key(text: str) -> str:
    """ "Aide-Sociale ", "aide  sociale" -> "aide sociale"."""
    return " ".join(fold(text).replace("-", " ").replace("_", " ").split())


def need_of(text: str) -> str | None:
    """The need a member typed ("Maternité", "soins", "Action sociale"), or None."""
    return NEED_NAMES.get(_key(text))


ORGANISATIONS = ("IMA", "HCS", "MGEN")
ROUTES = ("by-residence", "IMA", "MGEN")


@dataclass(frozen=True)
class Routing:
    """What a member living in ``place`` should do for ``need``."""

    need: str
    network: str | None  # the organisation that handles the need for this member, if any
    contacts: list[dict[str, Any]]
    procedure: list[dict[str, str]]
    services: list[dict[str, str]]
    deadline: dict[str, Any] | None
    deadline_date: dt.date | None = None
    notes: list[dict[str, str]] = field(default_factory=list)
    situations: list[dict[str, str]] = field(default_factory=list)  # when to ask (social aid)
    note: dict[str, str] | None = None  # the need's own note: what the guide leaves open


def route(place: dict[str, Any], need: str, data: dict[str, Any], event_date: dt.date | None = None) -> Routing:
    """Route ``need`` for a member living in ``place`` (a compiled zonier place)."""
    spec = data["needs"][need]
    if spec["route"] == "by-residence":
        network = place["network"]
        group = network if network is not None else "none"
    else:
        network = spec["route"]
        group = network
    contacts = [{"key": key, **data["contacts"][key]} for key in spec["contacts"].get(group, [])]
    procedure = spec["procedure"].get("all", []) + spec["procedure"].get(group, [])
    deadline = spec["deadline"]
    deadline_date = None
    if deadline is not None and event_date is not None and network is not None:
        deadline_date = deadline_for(deadline, event_date)
    notes = [place["note"]] if spec["route"] == "by-residence" and place.get("note") else []
    return Routing(need, network, contacts, procedure, spec["services"], deadline, deadline_date, notes, spec["situations"], spec["note"])


def deadline_for(deadline: dict[str, Any], event: dt.date) -> dt.date:
    """The last day to send the form: ``days`` before admission, or the end of month N of pregnancy.

    An event at the edge of the calendar (0001-01-05, 9999-12-01) has no such day: an EsnError."""
    try:
        if deadline["kind"] == "days-before":
            return event - dt.timedelta(days=deadline["count"])
        return add_months(event, deadline["count"]) - dt.timedelta(days=1)
    except (OverflowError, ValueError):
        from esncli.errors import EsnError
        from esncli.i18n import _

        raise EsnError(_("{date}: the deadline would fall outside the calendar; check the date").format(date=event.isoformat())) from None


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
