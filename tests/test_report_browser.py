"""The printable report in a real browser (issue 12): headless Chromium prints each of the guide's
worked examples (Matthieu, Pierre, Chantal), in English and in French, to PDF, as a counsellor's
"Save as PDF" does; the PDF's text (poppler's ``pdftotext``) holds the figures, and it is one A4
page (``pdfinfo``). The pages of ``esn contact`` and ``esn zone lookup`` too.

Needs Debian's ``chromium`` and ``poppler-utils`` (``.ci/run`` installs them when missing): the
tests are skipped, saying so, where they are absent, except under CI, where that is a failure.
Each browser run has its own profile folder, no network service, and a timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esncli import terminal
from esncli.cli import app
from kinds import CHANTAL, MATTHIEU, PIERRE

pytestmark = [pytest.mark.external, pytest.mark.timeout(300)]

runner = CliRunner()
NOT_A_TERMINAL = terminal.Terminal(stdin_tty=False, stdout_tty=False, stderr_tty=False, no_color=True)
PROGRAMS = ("chromium", "pdftotext", "pdfinfo")


@pytest.fixture(scope="module")
def browser() -> str:
    missing = [name for name in PROGRAMS if shutil.which(name) is None]
    if missing:
        reason = f"{', '.join(missing)} not installed (apt-get install chromium poppler-utils; .ci/run does it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return shutil.which("chromium") or "chromium"


def print_to_pdf(browser: str, page: Path, out: Path) -> None:
    """``page`` printed to ``out`` by headless Chromium, as "Save as PDF" with no header or footer."""
    with tempfile.TemporaryDirectory(prefix="esn-chromium-") as profile:
        done = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={out}",
                "--no-pdf-header-footer",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0 and out.exists(), done.stderr.decode(errors="replace")[-2000:]


def pdf_text(pdf: Path) -> str:
    """The PDF's text, its blanks made plain spaces (French amounts hold no-break spaces)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, timeout=60, check=True, text=True).stdout
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def pdf_info(pdf: Path) -> dict[str, str]:
    lines = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, timeout=60, check=True, text=True).stdout.splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def printed(browser: str, tmp_path: Path, args: list[str], name: str) -> tuple[str, dict[str, str]]:
    terminal.override(NOT_A_TERMINAL)
    page = tmp_path / f"{name}.html"
    result = runner.invoke(app, [*args, "--report", str(page)])
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / f"{name}.pdf"
    print_to_pdf(browser, page, pdf)
    return pdf_text(pdf), pdf_info(pdf)


EXAMPLES = {
    "matthieu-en": (
        [*MATTHIEU],
        ["4,431 x 77% = 3,411.87", "3,411.87 - 2,405.50 = 1,006.37", "€1,006.37", "€4,431.00 a month", "An estimate, not a decision."],
    ),
    "matthieu-fr": (
        [*MATTHIEU, "--lang", "fr"],
        [
            "4 431 x 77 % = 3 411,87",
            "3 411,87 - 2 405,50 = 1 006,37",
            "1 006,37 €",
            "4 431,00 € par mois",
            "Une estimation, pas une décision.",
        ],
    ),
    "pierre-en": (
        [*PIERRE],
        ["min(600, 15% x 2,140) = 321", "2/3 x (2,461 x 70%) x 12 = 13,781.60", "13,781.60 - 8,123 = 5,658.60", "€5,658.60", "€471.55"],
    ),
    "pierre-fr": (
        [*PIERRE, "--lang", "fr"],
        ["2/3 x (2 461 x 70 %) x 12 = 13 781,60", "13 781,60 - 8 123 = 5 658,60", "5 658,60 €", "471,55 €", "Qui contacter"],
    ),
    "chantal-en": (
        [*CHANTAL],
        ["2,800 x 70% x 12 = 23,520", "23,520 - 15,000 = 8,520", "€8,520.00", "€710.00", "IPT", "+33 (0)2 49 79 00 05"],
    ),
    "chantal-fr": (
        [*CHANTAL, "--lang", "fr"],
        ["2 800 x 70 % x 12 = 23 520", "23 520 - 15 000 = 8 520", "8 520,00 €", "710,00 €", "Une estimation, pas une décision."],
    ),
}


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_each_worked_example_prints_on_one_a4_page(browser: str, tmp_path: Path, name: str) -> None:
    args, figures = EXAMPLES[name]
    text, info = printed(browser, tmp_path, ["estimate", *args], name)
    for figure in figures:
        assert figure in text, (figure, text)
    assert info["Pages"] == "1", text
    assert info["Page size"].endswith("(A4)"), info["Page size"]  # the page's @page size, whatever the browser's default


@pytest.mark.parametrize(
    ("args", "figures"),
    [
        (["contact", "Kenya", "--admission", "2026-12-20"], ["+33 (0)5 49 76 66 76", "Send it by 2026-12-10 at the latest", "Kenya"]),
        (["zone", "lookup", "Brésil", "--lang", "fr"], ["MGEN Magenta", "+1 305 893 9433", "Une information, pas une décision."]),
    ],
    ids=["contact", "zone"],
)
def test_contact_and_zone_pages_print_on_one_page(browser: str, tmp_path: Path, args: list[str], figures: list[str]) -> None:
    text, info = printed(browser, tmp_path, args, args[0])
    for figure in figures:
        assert figure in text, (figure, text)
    assert info["Pages"] == "1"
