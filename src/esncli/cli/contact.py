"""``esn contact``: the organisation, numbers, e-mails and procedure for a need."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from esncli.cli import common, completion, report
from esncli.cli.zone import CountryArg, JsonOpt, ReportOpt, place_name
from esncli.contacts import NEEDS, need_of
from esncli.errors import EsnError
from esncli.i18n import _, pick

if TYPE_CHECKING:
    import datetime as dt

    from esncli.contacts import Routing


def register(root: typer.Typer) -> None:
    root.command("contact", help=_("Whom to contact (IMA, HCS or MGEN), how, and what to send when, for a member living in COUNTRY."))(
        common.with_common_options(contact)
    )


def contact(
    country: CountryArg,
    need: Annotated[
        str | None,
        typer.Option(
            "--need",
            help=_(
                "What for: care (default), hospitalisation, maternity, assistance, general, "
                "prevoyance (claiming a benefit) or social-aid (Action Sociale)."
            ),
            metavar="NEED",
            show_default=False,
            **completion.choices(NEEDS),
        ),
    ] = None,
    pregnancy_start: Annotated[
        str | None,
        typer.Option("--pregnancy-start", help=_("Start of pregnancy (YYYY-MM-DD): print the declaration deadline."), metavar="DATE"),
    ] = None,
    admission: Annotated[
        str | None,
        typer.Option("--admission", help=_("Planned admission date (YYYY-MM-DD): print the request deadline."), metavar="DATE"),
    ] = None,
    json: JsonOpt = False,
    report_path: ReportOpt = None,
) -> None:
    report_to = report.target(report_path)
    implied = "maternity" if pregnancy_start else "hospitalisation" if admission else None
    if pregnancy_start and admission:
        raise EsnError(_("give --pregnancy-start or --admission, not both"))
    chosen = (need_of(need) or "") if need is not None else implied or "care"
    if chosen not in NEEDS:
        raise EsnError(_("unknown need {value!r}: choose one of {choices}").format(value=need, choices=", ".join(NEEDS)))
    if implied and chosen != implied:
        option = "--pregnancy-start" if pregnancy_start else "--admission"
        raise EsnError(_("{option} goes with --need {implied}, not --need {chosen}").format(option=option, implied=implied, chosen=chosen))
    option = "--pregnancy-start" if pregnancy_start else "--admission"
    event = common.date_option(pregnancy_start or admission or "", option) if implied else None

    # Imported here, not at module level: `esn` starts in every shell loop (docs/design-notes.md).
    from esncli import catalog, contacts
    from esncli.cli.common import find_place
    from esncli.present.render import out, out_json

    query = place_name(country)
    zones = catalog.load("zones")
    data = catalog.load("contacts")
    found = find_place(query, zones, json=json)
    routing = contacts.route(found.place, chosen, data, event)
    result = to_json(query, found.place, zones, routing, found.match, event)
    if report_to is not None:
        report.contact_page(report_to, result, data)
    if json:
        out_json(result)
    else:
        out(describe(result, data))


def to_json(
    query: str, place: dict[str, Any], zones: dict[str, Any], routing: Routing, match: dict[str, Any], event: dt.date | None
) -> dict[str, Any]:
    """The JSON contract of ``esn contact``: texts in the reader's language, dates in ISO form."""
    from esncli import zonier
    from esncli.present.contacts import contacts_json

    deadline = None
    if routing.deadline is not None:
        deadline = {
            "rule": pick(routing.deadline["explanation"]),
            "event_date": event.isoformat() if event else None,
            "date": routing.deadline_date.isoformat() if routing.deadline_date else None,
            "note": pick(routing.deadline["note"]),
        }
    return {
        "query": query,
        "place": zonier.record(place, zones, match=match),
        "need": routing.need,
        "network": routing.network,
        "contacts": contacts_json(routing),
        "procedure": [pick(step) for step in routing.procedure],
        "services": [pick(service) for service in routing.services],
        "situations": [pick(situation) for situation in routing.situations],
        "deadline": deadline,
        "note": pick(routing.note),
    }


def describe(result: dict[str, Any], data: dict[str, Any]) -> str:
    from esncli.places import title as place_title
    from esncli.present.contacts import contact_rows, contact_title, deadline_lines, route_sentence
    from esncli.present.render import Style, fields_block

    style = Style.for_stdout()
    place = result["place"]
    title = pick(data["needs"][result["need"]]["title"])
    lines = [style.bold(_("{need}: member living in {place}").format(need=title, place=place_title(place)))]
    route = data["needs"][result["need"]]["route"]
    sentence = route_sentence(result["need"], result["network"], data)
    lines += [sentence] if sentence else []
    for c in result["contacts"]:
        rows = contact_rows(c)  # the departmental agency: no number in the guide
        lines += ["", style.bold(contact_title(c))] + ([fields_block(rows, style)] if rows else [])
    if result["deadline"]:
        rule, by, passed, note = deadline_lines(result)
        lines += ["", style.bold(_("Deadline")), rule]
        if by:
            lines.append(style.bold(by[0]) + " " + by[1])
        if passed:
            lines.append(style.bold(passed))
        if note:
            lines.append(style.dim(note))
    if result["procedure"]:
        # The guide's numbered steps (social aid's four) keep their numbers instead of a dash.
        lines += ["", style.bold(_("How"))] + [step if step[:1].isdigit() else f"- {step}" for step in result["procedure"]]
    spec = data["needs"][result["need"]]
    if result["services"]:
        lines += ["", style.bold(pick(spec["services_title"]) or "")] + [f"- {s}" for s in result["services"]]
    if result["situations"]:
        lines += ["", style.bold(_("When to ask"))] + [f"- {s}" for s in result["situations"]]
    if result["note"]:
        lines += ["", _("{label}: {text}").format(label=style.bold(_("Note")), text=result["note"])]
    if place["note"] and route == "by-residence":
        lines += ["", style.bold(_("Note")) + f" ({place_title(place)}): {place['note']}"]
    return "\n".join(lines)
