"""The printable report (issue 12), without a browser: ``--report FILE.html`` on `esn estimate`,
`esn contact` and `esn zone lookup` writes one self-contained page, in the reader's language,
with the explanation's own steps; hostile texts are escaped; nothing is fetched; the name is
checked before any work and the file is written atomically. tests/test_report_browser.py prints
the pages in a real browser.

Expected figures come from the guide's worked examples (tests/cases), not from the code.
"""

from __future__ import annotations

import html
import os
import shutil
import signal
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esncli import i18n, terminal
from esncli.cli import app, report
from esncli.present import explain
from esncli.present import html as page_html
from esncli.rules import kinds
from kinds import CHANTAL, MATTHIEU, MATTHIEU_INPUT, PIERRE, PIERRE_INPUT

runner = CliRunner()
NOT_A_TERMINAL = terminal.Terminal(stdin_tty=False, stdout_tty=False, stderr_tty=False, no_color=True)
DATA = Path(__file__).resolve().parents[1] / "data"
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _no_terminal() -> None:
    terminal.override(NOT_A_TERMINAL)  # nothing is asked: every input is an option


def run(args: list[str], code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    return result.stdout, result.stderr


def written(path: Path) -> str:
    """The page's text, entities decoded (French amounts keep their no-break spaces)."""
    return html.unescape(path.read_text(encoding="utf-8"))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


class _Resources(HTMLParser):
    """Every tag name and every attribute value of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.values += [value or "" for _name, value in attrs]


def resources(text: str) -> _Resources:
    parser = _Resources()
    parser.feed(text)
    return parser


# --- what the page says ------------------------------------------------------------------


def test_pierre_in_english_has_who_when_inputs_steps_result_contact_and_the_disclaimer(tmp_path: Path) -> None:
    out = tmp_path / "pierre.html"
    stdout, stderr = run(["estimate", *PIERRE, "--report", str(out)])
    page = written(out)
    assert '<html lang="en">' in page
    assert "<title>Invalidity allowance (IPT or IPP)</title>" in page
    # who and when: the date, the guide, the figures' dates, lines to fill in by hand
    for text in (
        "Date",
        "Figures in force on",
        "Guide MGEN International Santé Prévoyance",
        "the guide's: its current edition, which dates none of them",
        "Member",
        "Counsellor",
    ):
        assert text in page
    # the inputs with their units
    assert "€2,140.00 a month" in page and "€8,123.00 a year" in page and "37%" in page
    # the steps as the guide's example writes them, and the result
    assert "min(600, 15% x 2,140) = 321" in page
    assert "2/3 x (2,461 x 70%) x 12 = 13,781.60" in page
    assert "13,781.60 - 8,123 = 5,658.60" in page
    assert "€5,658.60" in page and "€471.55" in page and "IPP" in page
    # conditions in plain words, whom to contact, and what the page is not
    assert "Règlement mutualiste MISP" in page
    assert "Whom to contact" in page and "+33 (0)2 49 79 00 05" in page
    assert "An estimate, not a decision." in page
    assert stderr.startswith("esn: report written to ")
    assert "Invalidity allowance (IPT or IPP)" in stdout  # the explanation still goes to stdout


def test_matthieu_in_french(tmp_path: Path) -> None:
    out = tmp_path / "matthieu.html"
    run(["estimate", *MATTHIEU, "--report", str(out), "--lang", "fr"])
    page = written(out)
    assert '<html lang="fr">' in page
    assert f"4{NBSP}431 x 77{NBSP}% = 3{NBSP}411,87" in page
    assert f"3{NBSP}411,87 - 2{NBSP}405,50 = 1{NBSP}006,37" in page
    assert f"1{NBSP}006,37{NBSP}€" in page
    assert f"4{NBSP}431,00{NBSP}€ par mois" in page
    assert "Une estimation, pas une décision." in page
    assert "Qui contacter" in page and "Montants en vigueur le" in page
    assert "An estimate" not in page and "Whom to contact" not in page  # nothing left in English
    assert "net_salary" in page  # the warning: the ceiling was not checked


def test_the_steps_are_the_explanations_own(tmp_path: Path) -> None:
    """The page shows the explanation's texts (present.explain.explained), not a second copy."""
    for lang in ("en", "fr"):
        out = tmp_path / f"{lang}.html"
        run(["estimate", *PIERRE, "--report", str(out), "--lang", lang])
        i18n.set_language(lang)
        from esncli.rules.kinds import REGISTRY

        said = explain.explained(kinds.run("invalidity", PIERRE_INPUT), REGISTRY["invalidity"])
        page = written(out)
        for step in said.steps:
            assert step.label in page and step.formula in page and step.source in page
        for row in said.outputs:
            assert row.label in page and row.value in page
        for reason in said.reasons:
            assert reason in page


def test_stdout_is_the_same_with_or_without_a_report(tmp_path: Path) -> None:
    for args in (PIERRE, [*CHANTAL, "--json"], [*MATTHIEU, "--lang", "fr"]):
        plain, _ = run(["estimate", *args])
        with_report, _ = run(["estimate", *args, "--report", str(tmp_path / "r.html")])
        assert with_report == plain


def test_death_capital_names_the_outside_figures_date(tmp_path: Path) -> None:
    out = tmp_path / "death.html"
    run(["estimate", "death-capital", "--status", "cta", "--children", "1", "--report", str(out), "--lang", "fr"])
    page = written(out)
    assert "Décret n° 2023-519" in page and "01/07/2023" in page  # the index 100 value's date
    assert "ceux du guide : son édition actuelle, qui n'en date aucun" in page
    assert f"15{NBSP}855" in page


def test_contact_report_gives_the_members_country_contacts_and_deadline(tmp_path: Path) -> None:
    out = tmp_path / "kenya.html"
    run(["contact", "Kenya", "--admission", "2026-12-20", "--report", str(out)])
    page = written(out)
    assert "Kenya" in page and "+33 (0)5 49 76 66 76" in page and "mgen.international@ima.eu" in page
    assert "Send it by 2026-12-10 at the latest" in page
    assert "Information, not a decision." in page


def test_zone_report_gives_the_zone_and_whom_to_contact_for_care(tmp_path: Path) -> None:
    out = tmp_path / "bresil.html"
    stdout, _ = run(["zone", "lookup", "Brésil", "--report", str(out), "--lang", "fr"])
    page = written(out)
    assert "Brésil (Brazil)" in page and "MGEN Magenta" in page
    assert "HEALTH CASE Services" in page and "+1 305 893 9433" in page
    assert "healthcaseservices.com" in page  # the registration the guide requires, as text
    assert stdout.startswith("Brésil (Brazil)\n")


# --- self-contained and escaped ----------------------------------------------------------


def test_no_resource_to_fetch(tmp_path: Path) -> None:
    pages = {
        "estimate": ["estimate", *PIERRE],
        "contact": ["contact", "Brazil", "--need", "maternity"],
        "zone": ["zone", "lookup", "Japan"],
    }
    for name, args in pages.items():
        out = tmp_path / f"{name}.html"
        run([*args, "--report", str(out)])
        text = out.read_text(encoding="utf-8")
        found = resources(text)
        assert set(found.tags) <= {"html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "p", "div"} | {
            "section", "table", "tr", "th", "td", "ul", "ol", "li", "span", "br", "footer"
        }  # fmt: skip
        assert not [value for value in found.values if "http" in value or "//" in value], name
        css = text[text.index("<style>") : text.index("</style>")]
        assert "url(" not in css and "@import" not in css and "@font-face" not in css
        assert "default-src 'none'" in text  # and the browser is told to fetch nothing


def test_hostile_texts_are_escaped() -> None:
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&"
    page = page_html.Page(
        lang='en" onload="alert(3)',
        title=hostile,
        tagline=hostile,
        about=(((hostile, hostile),),),
        sections=(
            page_html.Section(
                hostile, (page_html.Block(title=hostile, strong=(hostile,), rows=((hostile, hostile),), items=(hostile,)),), hostile
            ),
            page_html.Section(hostile, (page_html.Block(steps=(explain.ShownStep(1, hostile, hostile, hostile),), small=(hostile,)),)),
        ),
        closing=(hostile,),
    )
    text = page_html.render(page)
    found = resources(text)
    assert "script" not in found.tags and "img" not in found.tags
    assert "<script>" not in text and "<img" not in text and 'lang="en" onload' not in text
    assert text.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 12


def test_hostile_data_is_escaped_in_the_report(tmp_path: Path) -> None:
    """A data edition (--data-dir) whose texts hold markup: shown as text, never run."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    contacts = data / "contacts.yaml"
    source = contacts.read_text(encoding="utf-8")
    source = source.replace(
        'en: "questions, reimbursements, forms, your contract"', 'en: "<script src=https://evil.example/x.js></script>"'
    )
    contacts.write_text(source, encoding="utf-8")
    out = tmp_path / "r.html"
    run(["estimate", *PIERRE, "--report", str(out), "--data-dir", str(data)])
    text = out.read_text(encoding="utf-8")
    assert "&lt;script src=https://evil.example/x.js&gt;&lt;/script&gt;" in text
    assert "script" not in resources(text).tags


def test_print_and_phone_css() -> None:
    css = page_html.CSS
    assert "@page { size: A4;" in css and "@media print" in css
    assert css.count("break-inside: avoid") >= 3  # tables, list items, blocks: never cut across pages
    assert "@media (max-width: 40rem)" in css  # one column on a phone
    page = page_html.render(page_html.Page("en", "t", "t", (), ()))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


# --- the file ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("estimate.pdf", "esn writes the report as a web page; name it {folder}/estimate.html, open it in a browser"),
        ("estimate.txt", "the report is a web page; give a name ending in .html"),
        ("estimate", "the report is a web page; give a name ending in .html"),
        ("missing/estimate.html", "no folder '{folder}/missing'"),
        (".", "it is a folder"),
    ],
)
def test_a_name_that_cannot_be_written_is_refused_before_any_work(tmp_path: Path, name: str, message: str) -> None:
    target = tmp_path / name
    stdout, stderr = run(["estimate", *PIERRE, "--report", str(target)], code=2)
    assert stdout == ""  # refused before anything is computed or printed
    assert stderr.startswith("esn: ") and message.format(folder=tmp_path) in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_refusals_in_french_and_on_every_command(tmp_path: Path) -> None:
    _, stderr = run(["zone", "lookup", "Kenya", "--report", str(tmp_path), "--lang", "fr"], code=2)
    assert stderr == f"esn: impossible d'écrire {tmp_path} : c'est un dossier\n"
    _, stderr = run(["contact", "Kenya", "--report", str(tmp_path / "x.pdf"), "--lang", "fr"], code=2)
    assert "esn écrit le rapport sous forme de page web" in stderr and "Ctrl+P" in stderr
    _, stderr = run(["estimate", "invalidity", "--report", "/proc/esn-report.html"], code=2)  # root cannot write there either
    assert stderr.startswith("esn: cannot write /proc/esn-report.html: ")


def test_an_empty_name_is_not_the_current_folder() -> None:
    _, stderr = run(["estimate", *PIERRE, "--report", ""], code=2)
    assert stderr == "esn: --report : the report is a web page; give a name ending in .html\n"


def test_the_name_is_checked_before_a_missing_input_is_reported(tmp_path: Path) -> None:
    _, stderr = run(["estimate", "invalidity", "--report", str(tmp_path / "x.pdf")], code=2)
    assert "web page" in stderr and "missing" not in stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder")
def test_a_folder_without_write_permission_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        _, stderr = run(["estimate", *PIERRE, "--report", str(folder / "r.html")], code=2)
        assert "cannot write" in stderr and "Permission denied" in stderr
    finally:
        folder.chmod(0o700)


def test_a_file_is_replaced_whole_keeping_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    link = tmp_path / "link.html"
    link.symlink_to(out)
    run(["estimate", *PIERRE, "--report", str(link)])
    assert link.is_symlink() and "5,658.60" in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")

    def full(self: Path, target: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", full)
    stdout, stderr = run(["estimate", *PIERRE, "--report", str(out)], code=2)
    assert stderr == f"esn: cannot write {out}: No space left on device\n"
    assert stdout == ""
    assert out.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("how", "code"), [("ctrl-c", 130), ("sigterm", 143), ("sighup", 129)])
def test_an_interruption_while_writing_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str, code: int
) -> None:
    out = tmp_path / "r.html"

    def interrupted(path: Path) -> int:
        assert leftovers(tmp_path), "the temporary file is there while the page is written"
        if how == "ctrl-c":
            raise KeyboardInterrupt
        os.kill(os.getpid(), signal.SIGTERM if how == "sigterm" else signal.SIGHUP)  # the handler raises at once
        raise AssertionError("not interrupted")

    from esncli.batch import writers

    monkeypatch.setattr(writers, "new_file_mode", interrupted)  # the report's file mode, as the batch's
    run(["estimate", *PIERRE, "--report", str(out)], code=code)
    assert not out.exists()
    assert leftovers(tmp_path) == []
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # the handlers are given back


def test_a_report_after_the_walkthrough_has_its_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The estimate a walkthrough computes is the one in the report (prompts replaced)."""
    from esncli import prompts

    answers = dict(MATTHIEU_INPUT)
    answers["resources"] = "2405.50"
    monkeypatch.setattr(prompts, "ask_missing", lambda estimate, raw, **io: {**raw, **answers})
    terminal.override(terminal.Terminal(stdin_tty=True, stdout_tty=False, stderr_tty=False, no_color=True))
    out = tmp_path / "w.html"
    run(["estimate", "daily-allowance", "--report", str(out)])
    assert "3,411.87 - 2,405.50 = 1,006.37" in written(out)


def test_figures_dates_for_every_kind() -> None:
    from esncli import parameters
    from esncli.rules.kinds import ESTIMATES

    params = parameters.current()
    for estimate in ESTIMATES:
        text = report.figures_dates(estimate, params)
        assert text.startswith("the guide's: its current edition, which dates none of them"), (estimate.kind, text)


def test_a_report_on_another_day_says_the_guides_figures_apply_as_they_are(tmp_path: Path) -> None:
    out = tmp_path / "death.html"
    run(["estimate", "death-capital", "--status", "cta", "--children", "1", "--on", "2023-06-30", "--report", str(out)])
    page = written(out)
    assert "Figures in force on" in page and "2023-06-30" in page
    assert "Parameters in force on 2023-06-30: the guide's figures are those of its current edition" in page
    assert "5,820.04" in page  # the value of index 100 on that day, not today's
