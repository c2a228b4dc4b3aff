"""``--report FILE.html`` on ``esn estimate KIND``, ``esn contact`` and ``esn zone lookup``
(issue 12): the page a counsellor prints, or saves as PDF, from a browser and hands to the member.

This module gathers what the page says, in the reader's language, from what the command already
computed (the Result and its explanation, the contact routing, the zonier record) and the data
(the guide's title, the dates of the figures, MGEN's contact); ``present.html`` draws it.

The file is written as the batch writes its output: to a temporary file beside it, renamed at the
end; an error, Ctrl-C, SIGTERM, SIGHUP or SIGQUIT removes the temporary file and leaves any file
of that name as it was. The name is checked before anything is computed or asked (``target``):
a folder, a missing folder, a folder esn cannot write in or a name that is not .html is refused
with exit 2. A .pdf is refused too, with the way to get one: esn writes no PDF itself (no light
library renders this page well; a browser's print does, see docs/design-notes.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from esncli.errors import EsnError
from esncli.i18n import N_, _

if TYPE_CHECKING:
    from esncli.present.html import Block, Page, Section
    from esncli.rules.model import Estimate, Result

HELP = N_(
    "Also write a printable page to FILE (.html): the inputs, the steps, the result, whom to contact; "
    "print it, or save it as PDF, from a browser."
)
SUFFIXES = (".html", ".htm")


def option() -> Any:
    """The ``--report`` option (``Annotated[str | None, report.option()]``), its help in the
    reader's language."""
    return typer.Option("--report", help=_(HELP), metavar="FILE", show_default=False)


# --------------------------------------------------------------------------------------------
# The file.


def target(path: str | None) -> Path | None:
    """The file ``--report`` names, checked before any work: a name ending in .html (or .htm),
    not a folder, in a folder esn can create a file in (tried: a temporary file is made and
    removed, which root's permissions cannot fool). EsnError (exit 2) otherwise."""
    if path is None:
        return None
    given = Path(path)
    suffix = given.suffix.lower()
    if suffix == ".pdf":
        raise EsnError(
            _(
                "--report {path}: esn writes the report as a web page; name it {html}, open it in a browser "
                "and print it or save it as PDF (Ctrl+P)"
            ).format(path=path, html=str(given.with_suffix(".html")))
        )
    if path.strip() and given.is_dir():  # "" would be the current folder
        raise EsnError(_("cannot write {path}: it is a folder").format(path=path))
    if suffix not in SUFFIXES:
        raise EsnError(_("--report {path}: the report is a web page; give a name ending in .html").format(path=path))
    import stat

    found = given.resolve()  # a symbolic link keeps pointing at the new file
    if found.exists() and not stat.S_ISREG(found.stat().st_mode):
        raise EsnError(_("cannot write {path}: not a regular file").format(path=path))
    with _temporary(found, path):
        pass
    return found


def write(path: Path, text: str) -> None:
    """``text`` into ``path``, atomically: a temporary file beside it, renamed over it (with the
    mode of the file it replaces, or the umask's); removed on an error or a signal."""
    from esncli.batch.writers import new_file_mode
    from esncli.cli import common

    with common.signals_interrupt(), _temporary(path, str(path)) as (stream, temporary):
        stream.write(text)
        stream.close()
        Path(temporary).chmod(new_file_mode(path))
        Path(temporary).replace(path)


@contextlib.contextmanager
def _temporary(path: Path, shown: str) -> Iterator[tuple[Any, str]]:
    """A temporary file beside ``path``, open for writing; removed afterwards unless renamed."""
    import tempfile

    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix="." + path.name[:200] + ".", suffix=".part")
    except OSError as exc:
        if not path.parent.is_dir():
            raise EsnError(_("cannot write {path}: no folder {folder!r}").format(path=shown, folder=str(Path(shown).parent))) from None
        raise EsnError(_("cannot write {path}: {problem}").format(path=shown, problem=exc.strerror or exc)) from None
    stream = open(fd, "w", encoding="utf-8", newline="\n")  # noqa: SIM115, PTH123 - a descriptor, closed below
    try:
        yield stream, temporary
    except OSError as exc:  # a full disk, a folder that refuses the rename
        raise EsnError(_("cannot write {path}: {problem}").format(path=shown, problem=exc.strerror or exc)) from None
    finally:
        with contextlib.suppress(OSError, ValueError):
            stream.close()
        with contextlib.suppress(OSError):
            Path(temporary).unlink()  # gone already once renamed


def done(path: Path) -> None:
    from esncli.terminal import err

    err(_("esn: report written to {path}: open it in a browser to print it or save it as PDF.").format(path=str(path)))


# --------------------------------------------------------------------------------------------
# What the pages say.


ESTIMATE_TAGLINE = N_("An estimate made with the rules and figures of the MGEN member guide.")
ESTIMATE_CLOSING = (
    N_("An estimate, not a decision."),
    N_(
        "It applies the member guide to the figures above, as given. MGEN decides what is paid, on the documents in "
        "the member's file; the amounts may differ if the figures or the member's situation do."
    ),
)
INFORMATION_TAGLINE = N_("Information from the MGEN member guide.")
INFORMATION_CLOSING = (
    N_("Information, not a decision."),
    N_("It is what the member guide says for this place. MGEN, IMA or HCS decide on the member's file; check with them before acting."),
)


def estimate(path: Path, result: Result[Any, Any], estimate: Estimate[Any, Any, Any], params: Any = None) -> None:
    """The report of an estimate: ``params``, the figures it used (by default those of the
    result's date, ``--on``, or today's)."""
    from esncli import catalog, contacts, i18n
    from esncli.present import contacts as said_contacts
    from esncli.present import explain, html

    if params is None:
        from esncli import parameters

        params = parameters.current(result.parameters_on)
    said = explain.explained(result, estimate)
    about = (
        (
            (_("Date"), i18n.date(dt.date.today())),
            (_("Figures in force on"), i18n.date(params.on)),
            (_("Guide"), params.data["source"]["title"]),
            (_("Dates of the figures"), figures_dates(estimate, params)),
        ),
        _who(),
    )
    # Prévoyance and social aid are MGEN's, wherever the member lives: its general contact.
    data = catalog.load("contacts")
    routing = contacts.route({}, "general", data)
    found = said_contacts.contacts_json(routing)
    whom = _contact_section(
        said_contacts.route_sentence("general", routing.network, data), found, [i18n.pick(s) or "" for s in routing.procedure]
    )
    page = html.Page(
        lang=i18n.language(),
        title=said.title,
        tagline=_(ESTIMATE_TAGLINE),
        about=about,
        sections=(*html.estimate_sections(said), whom),
        closing=tuple(_(text) for text in ESTIMATE_CLOSING),
    )
    _write(path, page)


def contact_page(path: Path, result: dict[str, Any], data: dict[str, Any]) -> None:
    """The report of ``esn contact``: the place, whom to contact and how, the deadline."""
    from esncli import catalog, i18n
    from esncli.places import title as place_title
    from esncli.present import contacts as said_contacts
    from esncli.present import html
    from esncli.present import zones as said_zones

    place = result["place"]
    need = i18n.pick(data["needs"][result["need"]]["title"]) or result["need"]
    sections: list[Section | html.Columns] = [html.Section(place_title(place), (html.Block(rows=tuple(said_zones.rows(place))),), "place")]
    sections.append(
        _contact_section(said_contacts.route_sentence(result["need"], result["network"], data), result["contacts"], result["procedure"])
    )
    if result["deadline"]:
        rule, by, passed, note = said_contacts.deadline_lines(result)
        strong = ((by[0] + " " + by[1],) if by else ()) + ((passed,) if passed else ())
        blocks = (html.Block(paragraphs=(rule,)), html.Block(strong=strong, small=(note,) if note else ()))
        sections.append(html.Section(_("Deadline"), blocks, "deadline"))
    spec = data["needs"][result["need"]]
    if result["services"]:
        sections.append(html.Section(i18n.pick(spec["services_title"]) or "", (html.Block(items=tuple(result["services"])),)))
    if result["situations"]:  # social aid: the situations that qualify
        sections.append(html.Section(_("When to ask"), (html.Block(items=tuple(result["situations"])),)))
    if result["note"]:
        sections.append(html.Section(_("Note"), (html.Block(paragraphs=(result["note"],)),)))
    page = html.Page(
        lang=i18n.language(),
        title=_("{need}: member living in {place}").format(need=need, place=place_title(place)),
        tagline=_(INFORMATION_TAGLINE),
        about=_information_about(catalog.load("contacts")["source"]["title"]),
        sections=tuple(sections),
        closing=tuple(_(text) for text in INFORMATION_CLOSING),
    )
    _write(path, page)


def zone_page(path: Path, record: dict[str, Any], place: dict[str, Any]) -> None:
    """The report of ``esn zone lookup``: the zone and offer, and whom the member contacts for
    care where they live (IMA, HCS, or MGEN)."""
    from esncli import catalog, contacts, i18n
    from esncli.places import title as place_title
    from esncli.present import contacts as said_contacts
    from esncli.present import html
    from esncli.present import zones as said_zones

    data = catalog.load("contacts")
    routing = contacts.route(place, "care", data)
    procedure = [i18n.pick(step) or "" for step in routing.procedure]
    whom = _contact_section(said_contacts.route_sentence("care", routing.network, data), said_contacts.contacts_json(routing), procedure)
    page = html.Page(
        lang=i18n.language(),
        title=place_title(record),
        tagline=_(INFORMATION_TAGLINE),
        about=_information_about(catalog.load("zones")["source"]["title"]),
        sections=(html.Section(_("Zone and offer"), (html.Block(rows=tuple(said_zones.rows(record))),), "place"), whom),
        closing=tuple(_(text) for text in INFORMATION_CLOSING),
    )
    _write(path, page)


def _write(path: Path, page: Page) -> None:
    from esncli.present import html

    write(path, html.render(page))
    done(path)


def _who() -> tuple[tuple[str, str], ...]:
    """Lines to fill in by hand: esn keeps no name (members' figures are personal data; the
    page names nobody unless the counsellor writes it)."""
    from esncli import __version__

    return ((_("Member"), ""), (_("Member number"), ""), (_("Counsellor"), ""), (_("Prepared with"), f"esn {__version__}"))


def _information_about(guide: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    from esncli import i18n

    return (((_("Date"), i18n.date(dt.date.today())), (_("Guide"), guide)), _who())


def _contact_section(sentence: str | None, found: list[dict[str, Any]], procedure: list[str]) -> Section:
    from esncli.present import contacts as said_contacts
    from esncli.present import html

    blocks: list[Block] = [html.Block(paragraphs=(sentence,))] if sentence else []
    blocks += [html.Block(title=said_contacts.contact_title(c), rows=tuple(said_contacts.contact_rows(c))) for c in found]
    if procedure:
        blocks.append(html.Block(title=_("How"), items=tuple(procedure)))
    return html.Section(_("Whom to contact"), tuple(blocks), "contact")


def figures_dates(estimate: Estimate[Any, Any, Any], params: Any) -> str:
    """When the figures an estimate reads took effect: the guide's (most of them) and each
    outside figure's with its reference (the index 100 value: décret n° 2023-519)."""
    import typing

    from esncli import i18n
    from esncli.rules.model import Parameter

    hints = typing.get_type_hints(estimate.parameters, include_extras=True)
    paths = [m.path for hint in hints.values() for m in getattr(hint, "__metadata__", ()) if isinstance(m, Parameter)]
    since = {path: params.since(path) for path in paths}
    if not since:
        return ""
    # "": a figure of the guide, which dates none (data: guide:); an outside figure has its date.
    parts = [_("the guide's: its current edition, which dates none of them")] if "" in since.values() else []
    others = sorted({(day, params.reference(path)) for path, day in since.items() if day})
    parts += [
        _("{reference}: in force since {date}").format(reference=ref, date=i18n.date(dt.date.fromisoformat(day))) for day, ref in others
    ]
    return "; ".join(parts)
