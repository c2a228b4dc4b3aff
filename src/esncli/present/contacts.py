"""Whom to contact, in words, for people: the pieces of ``esn contact``'s output that the
printable report (issue 12) shows too. Texts of the data in the reader's language (``pick``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from esncli.i18n import _, pick

if TYPE_CHECKING:
    from esncli.contacts import Routing


def contacts_json(routing: Routing) -> list[dict[str, Any]]:
    """The contacts of a routing as ``--json`` gives them, texts in the reader's language."""
    return [
        {
            "organisation": c["organisation"],
            "purpose": pick(c["purpose"]),
            "phone": c["phone"],
            "phone_note": pick(c["phone_note"]),
            "email": c["email"],
            "web": c["web"],
        }
        for c in routing.contacts
    ]


def route_sentence(need: str, network: str | None, data: dict[str, Any]) -> str | None:
    """Whom the need goes to, in one sentence (None: nothing to say)."""
    route = data["needs"][need]["route"]
    if network and route != "by-residence":  # assistance is IMA's, general questions MGEN's, wherever the member lives
        organisation = data["organisations"][network]
        return _("Contact {organisation}, wherever the member lives.").format(organisation=organisation["name"])
    if network:
        organisation = data["organisations"][network]
        return _("Contact {organisation}: {serves}.").format(organisation=organisation["name"], serves=pick(organisation["serves"]))
    if need in ("care", "hospitalisation", "maternity"):
        return _("No IMA / HCS manager applies to this place in the guide: ask MGEN.")
    return None


def contact_title(c: dict[str, Any]) -> str:
    return _("{organisation}: {purpose}").format(organisation=c["organisation"], purpose=c["purpose"])


def contact_rows(c: dict[str, Any]) -> list[tuple[str, str]]:
    """A contact's phone (with its note on the next line), e-mail and web, those it has."""
    rows = [(_("Phone"), c["phone"] + (f"\n{c['phone_note']}" if c["phone_note"] else ""))] if c["phone"] else []
    rows += [(_("E-mail"), c["email"])] if c["email"] else []
    rows += [(_("Web"), c["web"])] if c["web"] else []
    return rows


def deadline_lines(result: dict[str, Any]) -> tuple[str, tuple[str, str] | None, str | None, str | None]:
    """The deadline's rule; the last day and the event it is counted from; that the day has
    passed; the deadline's note."""
    import datetime as dt

    from esncli import i18n

    d = result["deadline"]
    by = passed = None
    if d["date"]:
        last, since = (i18n.date(dt.date.fromisoformat(d[key])) for key in ("date", "event_date"))
        event = _("(admission on {date}).") if result["need"] == "hospitalisation" else _("(pregnancy started on {date}).")
        by = (_("Send it by {date} at the latest").format(date=last), event.format(date=since))
        if dt.date.fromisoformat(d["date"]) < dt.date.today():
            passed = _("That date has passed (today is {today}): contact them at once.").format(today=i18n.date(dt.date.today()))
    return d["rule"], by, passed, d["note"]
