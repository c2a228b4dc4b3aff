"""Choices in the member's language (issue 10): statuses, loan types, needs, batch kinds and
--lang accept their French and English names and the usual spellings, from the declarations."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from esncli.batch.core import RowCore
from esncli.cli import app
from esncli.rules.common import STATUS
from esncli.rules.kinds import REGISTRY


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("actif", "active"),
        ("Retraité", "retired"),
        ("retraite", "retired"),
        ("associé", "associate"),
        ("conjoint", "spouse"),
        ("CTA", "cta"),
        ("Active", "active"),
    ],
)
def test_statuses_in_french_and_english(typed: str, status: str) -> None:
    assert STATUS.parse(typed) == status


@pytest.mark.parametrize(
    ("typed", "kind"), [("prêt", "social"), ("Pret social", "social"), ("avance", "special"), ("Avance spéciale", "special")]
)
def test_loan_types_in_french(typed: str, kind: str) -> None:
    assert REGISTRY["social-loan"].input("type").parse(typed) == kind


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("invalidité", "invalidity"),
        ("Invalidite ", "invalidity"),
        ("autonomie", "autonomy"),
        ("allocation journalière", "daily-allowance"),
        ("daily_allowance", "daily-allowance"),
        ("capital décès", "death-capital"),
        ("dépendance", "dependency"),
        ("prêt social", "social-loan"),
        ("Zone", "zone"),
    ],
)
def test_batch_kinds_in_french(cell: str, kind: str) -> None:
    assert RowCore().kind(cell) == kind


def test_the_cli_takes_french_choices() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["guarantees", "--status", "retraité"]).exit_code == 0
    assert "Retired member" in runner.invoke(app, ["guarantees", "--status", "retraité"]).stdout
    need = runner.invoke(app, ["contact", "Brazil", "--need", "Maternité"])
    assert need.exit_code == 0 and need.stdout.startswith("Pregnancy and maternity")
    autonomy = runner.invoke(app, ["estimate", "autonomy", "--status", "actif", "--age", "45", "--quarters", "6", "--json"])
    assert autonomy.exit_code == 0, autonomy.output


@pytest.mark.parametrize("lang", ["FR", "Fr", "fr"])
def test_lang_in_any_case(lang: str) -> None:
    result = CliRunner().invoke(app, ["zone", "lookup", "Kenya", "--lang", lang])
    assert result.exit_code == 0 and "colonne" in result.stdout


@pytest.mark.parametrize(
    "args",
    [[], ["zone"], ["estimate"], ["--lang", "fr"], ["zone", "--lang", "fr"]],
    ids=["esn", "zone", "estimate", "lang-fr", "zone-lang-fr"],
)
def test_a_group_alone_prints_its_help_and_exits_0(args: list[str]) -> None:
    """`esn`, `esn zone`, `esn estimate` and `esn --lang fr` alone (issue 10): the help, in the
    chosen language, exit 0; no empty `esn: ` line, no "Missing command."."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "esncli", *args], capture_output=True, text=True, timeout=60, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    if "fr" in args:
        assert "Utilisation : esn" in done.stdout and "Langue des résultats" in done.stdout
    else:
        assert "Usage: esn" in done.stdout
