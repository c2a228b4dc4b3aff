"""``esn guarantees``: the summary table "Ma couverture Prévoyance, elle intègre quoi ?" as data,
whole or for one status ("what a member of that status is entitled to"), with amounts, rates and
the guide section of each guarantee (issue 3)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from esncli.cli import common, completion
from esncli.i18n import _
from esncli.rules.common import STATUS


def register(root: typer.Typer) -> None:
    """Attaches the ``guarantees`` command (its option texts are read now, in the reader's language)."""
    root.command(
        "guarantees", help=_("Which prévoyance guarantees and social aid each member status has, from the guide's summary table.")
    )(common.with_common_options(guarantees))


def status_help() -> str:
    return _("Only what a member of this status is entitled to.") + " " + _(STATUS.help)


def guarantees(
    status: Annotated[
        str | None,
        typer.Option("--status", help=status_help(), metavar="STATUS", show_default=False, **completion.choices(STATUS.values)),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help=_("Print JSON (a stable contract for scripts)."))] = False,
) -> None:
    from esncli import parameters
    from esncli.errors import EsnError, InputError
    from esncli.present.render import out_json

    wanted = None
    if status is not None:
        try:
            wanted = STATUS.parse(status)
        except InputError:
            message = _("--status: unknown status {status!r} (one of {choices})")
            raise EsnError(message.format(status=status, choices=", ".join(STATUS.values))) from None
    params = parameters.current()
    record = build(params, wanted)
    if json:
        out_json(record)
        return
    show(record, params)


def build(params: Any, status: str | None) -> dict[str, Any]:
    """The JSON contract: {date, status, statuses, guarantees: [{key, title, reference, estimate,
    statuses, by_status, beneficiaries, note}]}; texts in both languages, parameters written in."""
    from esncli.parameters import STATUSES

    items = []
    missing = []
    for entry in params.entitlements:
        # The snapshot's JSON sorts keys: put the statuses back in the summary table's order.
        by_status = {s: entry["by_status"][s] for s in STATUSES if s in entry["by_status"]}
        if status is not None and status not in by_status and entry["beneficiaries"] is None:
            missing.append(entry["key"])
            continue
        shown = by_status if status is None else {s: t for s, t in by_status.items() if s == status}
        items.append(
            {
                "key": entry["key"],
                "title": dict(entry["title"]),
                "reference": entry["reference"],
                "estimate": entry["estimate"],
                "statuses": list(by_status),
                "by_status": {s: _both(params, t) for s, t in shown.items()},
                "beneficiaries": dict(entry["beneficiaries"]) if entry["beneficiaries"] else None,
                "note": _both(params, entry["note"]) if entry["note"] else None,
            }
        )
    return {
        "date": params.on.isoformat(),
        "status": status,
        "statuses": {k: dict(params.statuses[k]) for k in STATUSES},
        "guarantees": items,
        "not_entitled": missing,
    }


def _both(params: Any, text: dict[str, str]) -> dict[str, str]:
    return {lang: params.fill(text[lang], lang) for lang in ("en", "fr")}


def show(record: dict[str, Any], params: Any) -> None:
    from rich.table import Table

    from esncli import i18n
    from esncli.present.render import console

    lang = i18n.language()

    def pick(text: Any) -> str:
        return i18n.pick(text) or ""

    def money(value: Any) -> str:
        return i18n.money(value, decimals=False)

    pct = i18n.percent
    status = record["status"]
    statuses = record["statuses"]
    title = _("Prévoyance guarantees and social aid by member status")
    if status is not None:
        title = _("What a member of this status is entitled to: {status}").format(status=pick(statuses[status]))
    table = Table(title=title, box=None, pad_edge=False, header_style="bold", title_justify="left", show_lines=False)
    table.add_column(_("Guarantee"), overflow="fold", ratio=3)
    if status is None:
        table.add_column(_("Who"), overflow="fold", ratio=2)
    table.add_column(_("Amount or rate"), overflow="fold", ratio=5)
    table.add_column(_("Guide"), overflow="fold", ratio=3)
    notes: list[str] = []

    def mark(text: str) -> int:
        """The note's number: one number for one text (the social aids share a note)."""
        if text not in notes:
            notes.append(text)
        return notes.index(text) + 1

    entries = {e["key"]: e for e in params.entitlements}
    for item in record["guarantees"]:
        entry = entries[item["key"]]
        marks = ""
        if entry["note"] is not None:  # a member reads the plain sentence; --json keeps the reading (issue 10)
            marks = f" [{mark(params.fill(pick(entry.get('member_note') or entry['note']), lang, money, pct))}]"
        if entry["beneficiaries"] is not None and not entry["by_status"]:
            who, what = pick(entry["beneficiaries"]), _("see note") if marks else "-"
            rows = [(who, what)]
        else:
            # Statuses with the same text share one line, in the table's order.
            groups: dict[str, list[str]] = {}
            for s, _text in item["by_status"].items():
                groups.setdefault(params.fill(pick(entry["by_status"][s]), lang, money, pct), []).append(s)
            rows = [(", ".join(pick(statuses[s]) for s in group), what) for what, group in groups.items()]
        for i, (who, what) in enumerate(rows):
            name = pick(item["title"]) + marks if i == 0 else ""
            reference = item["reference"] if i == 0 else ""
            table.add_row(name, who, what, reference) if status is None else table.add_row(name, what, reference)
    screen = console()
    screen.print(table)
    if record["not_entitled"]:
        names = ", ".join(pick(entries[key]["title"]) for key in record["not_entitled"])
        screen.print(_("Not for this status: {names}.").format(names=names), markup=False)
        for key in record["not_entitled"]:
            if entries[key]["note"] is not None:
                mark(params.fill(pick(entries[key].get("member_note") or entries[key]["note"]), lang, money, pct))
    for number, note in enumerate(notes, 1):
        screen.print(f"[{number}] {note}", markup=False, highlight=False)
    screen.print(
        _("Figures in force on {date}; source: {source}.").format(date=i18n.date(params.on), source=params.data["source"]["title"]),
        markup=False,
    )
