"""Compile data/contacts.yaml: the organisations, their contacts and, for each need, the route,
the contacts and procedure by organisation, the deadline, the services (what is provided, under
its own heading), the situations that qualify and a note."""

from __future__ import annotations

from typing import Any

from esncli.catalog.checks import Checker
from esncli.contacts import NEEDS, ORGANISATIONS, ROUTES
from esncli.i18n import _

_CONTACT_KEYS = ("organisation", "purpose", "phone", "phone_note", "email", "web")


def compile_contacts(document: dict[str, Any], file: str) -> dict[str, Any]:
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
        check.keys(
            entry, where, ("title", "route", "contacts", "procedure"), ("deadline", "services", "services_title", "situations", "note")
        )
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
        if services and entry.get("services_title") is None:
            raise check.fail(f"{where}.services_title", _("services need a services_title (en, fr) to show them under"))
        situations = [
            check.bilingual(s, f"{where}.situations[{i}]")
            for i, s in enumerate(check.sequence(entry.get("situations") or [], f"{where}.situations"))
        ]
        needs[need] = {
            "title": check.bilingual(entry["title"], f"{where}.title"),
            "route": route,
            "contacts": by_group,
            "procedure": procedure,
            "deadline": deadline,
            "services": services,
            "services_title": check.bilingual(entry["services_title"], f"{where}.services_title")
            if entry.get("services_title") is not None
            else None,
            "situations": situations,
            "note": check.bilingual(entry["note"], f"{where}.note") if entry.get("note") is not None else None,
        }
    return {"source": check.mapping(document["source"], "source"), "organisations": organisations, "contacts": contacts, "needs": needs}
