"""`esn estimate ...` through CliRunner and a real subprocess: the guide's worked examples to the
cent, the JSON contract, the human explanation, and exit 2 for missing or invalid inputs.

Expected figures come from the guide ("Vos garanties Prévoyance"), not from the code's output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from esncli import terminal
from esncli.cli import app
from kinds import CHANTAL, EXAMPLES, MATTHIEU, PIERRE  # the guide's worked examples, one example per kind (tests/cases)

runner = CliRunner()

NOT_A_TERMINAL = terminal.Terminal(stdin_tty=False, stdout_tty=False, stderr_tty=False, no_color=True)

COMMANDS = ("daily-allowance", "invalidity", "autonomy", "dependency", "death-capital", "social-loan")

OUTPUTS = {
    "daily-allowance": {"guarantee_level", "monthly_amount"},
    "invalidity": {"category", "reference_salary", "guarantee", "annual_amount", "monthly_amount", "payment"},
    "autonomy": {"quarters_paid", "quarterly_amount", "total_amount"},
    "dependency": {"monthly_amount", "home_support_amount"},
    "death-capital": {"base_capital", "child_supplement", "total_amount"},
    "social-loan": {"monthly_installment", "last_installment", "total_repaid"},
}


def estimate(args: list[str]) -> dict:
    result = runner.invoke(app, ["estimate", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal)


def fail(args: list[str]) -> str:
    """Run without a terminal; expect exit 2 and return stderr."""
    terminal.override(NOT_A_TERMINAL)
    result = runner.invoke(app, ["estimate", *args])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return result.stderr


# --- the guide's worked examples -------------------------------------------------------------


def test_matthieu_daily_allowance() -> None:
    data = estimate(MATTHIEU)
    assert data["guarantee_level"] == Decimal("3411.87")  # 4 431 x 77 %
    assert data["monthly_amount"] == Decimal("1006.37")  # 3 411,87 - 1 354 - 1 051,50
    assert data["eligible"] is True


def test_matthieu_with_french_numbers() -> None:
    data = estimate(["daily-allowance", "--reference-salary", "4 431", "--resources", "1 354", "--resources", "1 051,50"])
    assert data["monthly_amount"] == Decimal("1006.37")


def test_matthieu_resources_summed_once() -> None:
    data = estimate(["daily-allowance", "--reference-salary", "4431", "--resources", "2405.50"])
    assert data["monthly_amount"] == Decimal("1006.37")


def test_pierre_ipp() -> None:
    data = estimate(PIERRE)
    assert data["category"] == "IPP"
    assert data["reference_salary"] == Decimal("2461.00")  # 2 140 + 321 (bonuses capped at 15 %)
    assert data["guarantee"] == Decimal("13781.60")  # 2/3 x (2 461 x 70 %) x 12
    assert data["annual_amount"] == Decimal("5658.60")  # 13 781,60 - 8 123
    assert data["monthly_amount"] == Decimal("471.55")  # paid monthly: 5 658,60 / 12
    assert data["payment"] == "annuity"
    # The bonus-cap step of the guide: "limité à 15 % du TIB, soit 321 €".
    assert Decimal("321.00") in [step["amount"] for step in data["steps"]]


def test_pierre_json_keeps_two_decimals() -> None:
    result = runner.invoke(app, ["estimate", *PIERRE, "--json"])
    assert '"annual_amount": 5658.60' in result.stdout


def test_chantal_ipt() -> None:
    data = estimate(CHANTAL)
    assert data["category"] == "IPT"
    assert data["reference_salary"] == Decimal("2800.00")  # bonuses under 15 % of the TIB
    assert data["guarantee"] == Decimal("23520.00")  # 2 800 x 70 % x 12
    assert data["annual_amount"] == Decimal("8520.00")  # 23 520 - 15 000
    assert data["payment"] == "annuity"


def test_chantal_by_social_security_category() -> None:
    args = [a for a in CHANTAL if a not in ("--rate", "60")] + ["--category", "2"]
    data = estimate(args)
    assert (data["category"], data["annual_amount"]) == ("IPT", Decimal("8520.00"))


# --- the other estimates, from the guide's figures ----------------------------------------------


def test_autonomy_pays_four_quarters_at_most() -> None:
    data = estimate(["autonomy", "--status", "active", "--age", "40", "--quarters", "6"])
    assert data["quarters_paid"] == 4
    assert data["total_amount"] == Decimal("1600.00")  # 4 x 400


def test_dependency_gir1_at_home() -> None:
    data = estimate(EXAMPLES["dependency"])
    assert data["monthly_amount"] == Decimal("120.00")
    assert data["home_support_amount"] == Decimal("500.00")


def test_death_capital_cta_with_one_child() -> None:
    data = estimate(["death-capital", "--status", "cta", "--children", "1"])
    assert data["base_capital"] == Decimal("15855.00")
    # 25 % x 821 x 5 907,34 / 100 = 12 124,815...
    assert data["child_supplement"] == Decimal("12124.82")
    assert data["total_amount"] == Decimal("27979.82")


def test_death_capital_retired() -> None:
    data = estimate(EXAMPLES["death-capital"])
    assert (data["base_capital"], data["total_amount"]) == (Decimal("3500.00"), Decimal("3500.00"))


def test_social_loan() -> None:
    data = estimate(EXAMPLES["social-loan"])
    assert data["monthly_installment"] == Decimal("125.00")  # 6 000 / 48, no interest
    assert data["total_repaid"] == Decimal("6000.00")


# --- the JSON contract -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", COMMANDS)
def test_json_keys_contract(kind: str) -> None:
    data = estimate(EXAMPLES[kind])
    assert data["kind"] == kind
    assert {"kind", "inputs", "eligible", "steps", "warnings"} | OUTPUTS[kind] <= set(data)
    assert isinstance(data["inputs"], dict) and data["inputs"]
    assert isinstance(data["eligible"], bool)
    assert isinstance(data["warnings"], list)
    assert data["steps"], "every estimate explains itself"
    for step in data["steps"]:
        assert set(step) >= {"label", "formula", "amount", "source"}
        assert step["label"] and step["source"]


# --- human output ----------------------------------------------------------------------------


def test_pierre_explained_like_the_guide() -> None:
    result = runner.invoke(app, ["estimate", *PIERRE])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "321" in text  # the bonus cap: 15 % of 2 140
    assert "2,461" in text
    assert "13,781.60" in text
    assert "€5,658.60" in text
    assert "IPP" in text
    assert "\x1b[" not in text  # not a terminal: no escape codes
    # steps come before the result, as in the guide's example
    assert text.index("321") < text.index("€5,658.60")


def test_matthieu_explained() -> None:
    result = runner.invoke(app, ["estimate", *MATTHIEU])
    assert result.exit_code == 0, result.stderr
    assert "3,411.87" in result.stdout
    assert "€1,006.37" in result.stdout


def test_ineligible_status_explained_in_plain_words() -> None:
    result = runner.invoke(app, ["estimate", "autonomy", "--status", "retired", "--age", "70", "--quarters", "1"])
    assert result.exit_code == 0, result.stderr
    assert "Not eligible" in result.stdout
    data = estimate(["autonomy", "--status", "retired", "--age", "70", "--quarters", "1"])
    assert data["eligible"] is False
    assert data["total_amount"] == Decimal("0.00")


def test_money_is_formatted_in_one_place() -> None:
    from esncli.present import explain

    assert explain.money(Decimal("13781.6")) == "€13,781.60"
    assert explain.money(Decimal("0")) == "€0.00"
    assert explain.formula_money(Decimal("2461")) == "2,461"
    assert explain.formula_money(Decimal("5658.6")) == "5,658.60"
    assert explain.percent(Decimal("0.70")) == "70%"
    # ... and that one place is esncli.i18n: explain keeps no formatting of its own.
    assert not hasattr(explain, "format_number")


# --- missing and invalid inputs --------------------------------------------------------------


def test_missing_options_without_a_terminal() -> None:
    stderr = fail(["invalidity", "--bonuses", "600", "--rate", "37"])
    assert stderr.startswith("esn: missing --base-salary, --pension;")
    assert "run in a terminal" in stderr


def test_missing_rate_or_category() -> None:
    stderr = fail(["invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "8123"])
    assert "--rate or --category" in stderr


@pytest.mark.parametrize("kind", COMMANDS)
def test_every_command_names_what_is_missing(kind: str) -> None:
    stderr = fail([kind])
    assert stderr.startswith("esn: missing --")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["invalidity", "--base-salary", "-2140", "--bonuses", "600", "--pension", "8123", "--rate", "37"], "--base-salary"),
        (["invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "8123", "--rate", "101"], "rate"),
        (["invalidity", "--base-salary", "abc", "--bonuses", "600", "--pension", "8123", "--rate", "37"], "--base-salary"),
        (["invalidity", "--base-salary", "nan", "--bonuses", "600", "--pension", "8123", "--rate", "37"], "--base-salary"),
        (["invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "8123", "--category", "4"], "category"),
        (["daily-allowance", "--reference-salary", "4431", "--resources", "1354", "--resources", "-1"], "resources"),
        (["social-loan", "--amount", "6000.01", "--months", "48"], "amount"),
        (["social-loan", "--amount", "6000", "--months", "49"], "months"),
        (["social-loan", "--amount", "3001", "--months", "4", "--type", "special"], "amount"),
        (["social-loan", "--amount", "1000", "--months", "12", "--type", "gift"], "type"),
        (["autonomy", "--status", "boss", "--age", "40", "--quarters", "1"], "status"),
        (["death-capital", "--status", "emperor", "--children", "1"], "status"),
    ],
)
def test_invalid_values_exit_2(args: list[str], field: str) -> None:
    stderr = fail(args)
    assert stderr.startswith("esn: ")
    assert field in stderr
    assert len(stderr.splitlines()) == 1


def test_active_member_needs_the_contribution_base() -> None:
    stderr = fail(["death-capital", "--status", "active", "--children", "0"])
    assert "missing --contribution-base" in stderr  # known from the declaration (asked_when), before the rule runs


def test_unknown_option_is_a_usage_error() -> None:
    terminal.override(NOT_A_TERMINAL)
    result = runner.invoke(app, ["estimate", "invalidity", "--salary", "1"])
    assert result.exit_code == 2


# --- help ------------------------------------------------------------------------------------


CONTRACT_OPTIONS = {
    "daily-allowance": ["--reference-salary", "--resources", "--net-salary", "--net-resources"],
    "invalidity": ["--base-salary", "--bonuses", "--cost-of-living-bonus", "--pension", "--rate", "--category"],
    "autonomy": ["--status", "--age", "--quarters"],
    "dependency": ["--status", "--gir", "--membership-months", "--home-months"],
    "death-capital": ["--status", "--contribution-base", "--ceiling", "--children", "--index-100-value"],
    "social-loan": ["--amount", "--months", "--type"],
}


@pytest.mark.parametrize("kind", COMMANDS)
def test_every_command_has_help(kind: str) -> None:
    result = runner.invoke(app, ["estimate", kind, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "guide:" in result.stdout
    for option in [*CONTRACT_OPTIONS[kind], "--json"]:
        assert option in result.stdout


def test_resources_help_says_it_can_be_repeated() -> None:
    result = runner.invoke(app, ["estimate", "daily-allowance", "--help"], env={"COLUMNS": "200"})
    assert "Repeat it" in result.stdout


def test_group_help_lists_every_command() -> None:
    result = runner.invoke(app, ["estimate", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for kind in COMMANDS:
        assert kind in result.stdout


# --- a real process --------------------------------------------------------------------------


def run_esn(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "esncli", *args], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)


def test_subprocess_pierre_json() -> None:
    proc = run_esn("estimate", *PIERRE, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout, parse_float=Decimal)
    assert (data["category"], data["annual_amount"]) == ("IPP", Decimal("5658.60"))


def test_subprocess_missing_options_never_hangs() -> None:
    proc = run_esn("estimate", "invalidity")
    assert proc.returncode == 2
    assert proc.stderr.startswith("esn: missing --base-salary, --bonuses, --pension, --rate or --category;")
    assert "Traceback" not in proc.stderr


def test_help_is_shown_even_when_the_data_cannot_be_read(tmp_path) -> None:
    """Help quotes the guide's figures from the data; with a broken edition it is still shown
    (each figure a "?", and why), while an estimate refuses to run on it (exit 2)."""
    import shutil

    from esncli import catalog

    broken = tmp_path / "guide-2027"
    shutil.copytree(catalog.shipped_data_dir(), broken)
    (broken / "guarantees.yaml").write_text("parameters: [\n", encoding="utf-8")
    for args in (["estimate", "--help"], ["estimate", "invalidity", "--help"]):
        result = runner.invoke(app, [*args, "--data-dir", str(broken)], env={"COLUMNS": "200"})
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        text = " ".join(result.stdout.split())
        assert "figures are shown as ? because the data cannot be read" in text
        assert "guarantees.yaml" in text
    assert "? (IPT) or ? of ? (IPP)" in " ".join(
        runner.invoke(app, ["estimate", "invalidity", "--help", "--data-dir", str(broken)]).stdout.split()
    )
    terminal.override(NOT_A_TERMINAL)
    refused = runner.invoke(app, ["estimate", *PIERRE, "--data-dir", str(broken)])
    assert refused.exit_code == 2 and refused.stderr.startswith("esn: invalid data:")
