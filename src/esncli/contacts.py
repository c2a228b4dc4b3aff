"""Who to contact for what (IMA, HCS or MGEN): compile data/contacts.yaml; route a need. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

NEEDS = ("care", "hospitalisation", "maternity", "assistance", "general")
ORGANISATIONS = ("IMA", "HCS", "MGEN")
ROUTES = ("by-residence", "IMA", "MGEN")
_CONTACT_KEYS = ("organisation", "purpose", "phone", "phone_note", "email", "web")


def compile_contacts(document: dict[str, Any], file: str) -> dict[str, Any]:
    from esncli.catalog.checks import Checker
    from esncli.i18n import _

    check = Checker(file)
    check.keys(document, _("top level"), ("source", "organisations", "contacts", "needs"))
    organisations = {}
    for name, raw in check.mapping(document["organisations"], "organisations").items():
        where = f"organisations.{name}"
        check.choice(name, where, ORGANISATIONS)
        entry = check.mapping(raw, where)
        check.keys(entry, where, ("name", "serves"))
        organisations[name] = {
            "name": check.text(entry["name"], f"{where}.name"),
            "serves": check.bilingual(entry["serves"], f"{where}.serves"),
        }

    contacts = {}
    for key, raw in check.mapping(document["contacts"], "contacts").items():
        where = f"contacts.{key}"
        entry = check.mapping(raw, where)
        check.keys(entry, where, _CONTACT_KEYS)
        contacts[key] = {
            "organisation": check.choice(entry["organisation"], f"{where}.organisation", list(organisations)),
            "purpose": check.bilingual(entry["purpose"], f"{where}.purpose"),
            "phone": check.text(entry["phone"], f"{where}.phone", optional=True),
            "phone_note": check.bilingual(entry["phone_note"], f"{where}.phone_note") if entry["phone_note"] is not None else None,
            "email": check.text(entry["email"], f"{where}.email", optional=True),
            "web": check.text(entry["web"], f"{where}.web", optional=True),
        }

    needs = {}
    raw_needs = check.mapping(document["needs"], "needs")
    for need in NEEDS:
        if need not in raw_needs:
            raise check.fail("needs", _("missing need '{need}'").format(need=need))
    for need, raw in raw_needs.items():
        where = f"needs.{need}"
        check.choice(need, where, NEEDS)
        entry = check.mapping(raw, where)
        check.keys(entry, where, ("title", "route", "contacts", "procedure"), ("deadline", "services"))
        route = check.choice(entry["route"], f"{where}.route", ROUTES)
        groups = [*organisations, "none"]
        by_group = {}
        for group, keys in check.mapping(entry["contacts"], f"{where}.contacts").items():
            check.choice(group, f"{where}.contacts", groups)
            for contact in check.sequence(keys, f"{where}.contacts.{group}"):
                check.choice(contact, f"{where}.contacts.{group}", list(contacts))
            by_group[group] = list(keys)
        procedure = {}
        for group, steps in check.mapping(entry["procedure"], f"{where}.procedure").items():
            check.choice(group, f"{where}.procedure", [*groups, "all"])
            procedure[group] = [
                check.bilingual(s, f"{where}.procedure.{group}[{i}]")
                for i, s in enumerate(check.sequence(steps, f"{where}.procedure.{group}"))
            ]
        deadline = None
        if entry.get("deadline") is not None:
            d = check.mapping(entry["deadline"], f"{where}.deadline")
            check.keys(d, f"{where}.deadline", ("kind", "explanation"), ("days", "months", "note"))
            kind = check.choice(d["kind"], f"{where}.deadline.kind", ("days-before", "end-of-month"))
            count_key = "days" if kind == "days-before" else "months"
            count = d.get(count_key)
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                problem = _("expected a whole number >= 0, got {value!r}").format(value=count)
                raise check.fail(f"{where}.deadline.{count_key}", problem)
            deadline = {
                "kind": kind,
                "count": count,
                "explanation": check.bilingual(d["explanation"], f"{where}.deadline.explanation"),
                "note": check.bilingual(d["note"], f"{where}.deadline.note") if d.get("note") is not None else None,
            }
        services = [
            check.bilingual(s, f"{where}.services[{i}]")
            for i, s in enumerate(check.sequence(entry.get("services") or [], f"{where}.services"))
        ]
        needs[need] = {
            "title": check.bilingual(entry["title"], f"{where}.title"),
            "route": route,
            "contacts": by_group,
            "procedure": procedure,
            "deadline": deadline,
            "services": services,
        }
    return {"source": check.mapping(document["source"], "source"), "organisations": organisations, "contacts": contacts, "needs": needs}


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
    return Routing(need, network, contacts, procedure, spec["services"], deadline, deadline_date, notes)


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
