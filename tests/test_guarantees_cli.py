"""`esn guarantees [--status S] [--json]` through CliRunner: the summary table by status, the
JSON contract and the exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from esncli.cli import app

runner = CliRunner()

# "Vos aides solidaires" (issue 13): the aid and loans, the disability or dependency allowance and
# the carers' allowance, for the four member statuses.
SOCIAL_AID = ["social_aid", "disability_allowance", "carer_allowance"]
ENTITLED = {
    "active": [
        "daily_allowance",
        "invalidity_total",
        "invalidity_partial",
        "death_capital",
        "child_supplement",
        "autonomy",
        "dependency",
        "home_help",
        "orphan_allowance",
        *SOCIAL_AID,
    ],
    "cta": ["death_capital", "child_supplement", "home_help", "orphan_allowance", *SOCIAL_AID],
    "associate": ["home_help", "orphan_allowance", *SOCIAL_AID],
    "retired": ["death_capital", "child_supplement", "dependency", "home_help", "orphan_allowance", *SOCIAL_AID],
    "spouse": ["autonomy", "dependency", "home_help", "orphan_allowance"],
}


def guarantees_json(*args: str) -> dict:
    result = runner.invoke(app, ["guarantees", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_whole_table_json_contract() -> None:
    record = guarantees_json()
    assert list(record) == ["date", "status", "statuses", "guarantees", "not_entitled"]
    assert record["status"] is None and record["not_entitled"] == []
    assert list(record["statuses"]) == ["active", "cta", "associate", "retired", "spouse"]
    for item in record["guarantees"]:
        assert list(item) == ["key", "title", "reference", "estimate", "statuses", "by_status", "beneficiaries", "note"]
    keys = [item["key"] for item in record["guarantees"]]
    assert keys == ENTITLED["active"]


@pytest.mark.parametrize(("status", "keys"), ENTITLED.items())
def test_filtered_by_status(status, keys) -> None:
    record = guarantees_json("--status", status)
    assert record["status"] == status
    assert [item["key"] for item in record["guarantees"]] == keys
    for item in record["guarantees"]:
        assert set(item["by_status"]) <= {status}
    assert set(record["not_entitled"]) | set(keys) == set(ENTITLED["active"])


def test_amounts_from_the_guide_are_written_in() -> None:
    by_key = {item["key"]: item for item in guarantees_json()["guarantees"]}
    # Each language in its own convention (docs/translating.md): French 15 855 €, English €15,855.
    nbsp = "\u00a0"
    assert by_key["death_capital"]["by_status"]["cta"] == {"en": "€15,855", "fr": f"15{nbsp}855{nbsp}€"}
    assert by_key["death_capital"]["by_status"]["retired"]["fr"] == f"3{nbsp}500{nbsp}€"
    assert by_key["daily_allowance"]["by_status"]["active"]["en"].startswith("77%")
    assert "€20,000" in by_key["invalidity_total"]["by_status"]["active"]["en"]
    assert "€400 a quarter" in by_key["autonomy"]["by_status"]["spouse"]["en"]
    assert "821" in by_key["child_supplement"]["by_status"]["retired"]["en"]
    assert "12 hours" in by_key["home_help"]["by_status"]["associate"]["en"]
    assert "€6,000" in by_key["social_aid"]["note"]["en"] and "48 months" in by_key["social_aid"]["note"]["en"]
    assert by_key["death_capital"]["note"]["fr"]


def test_table_for_a_status() -> None:
    result = runner.invoke(app, ["guarantees", "--status", "retired"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Retired member" in out
    assert "3 500" in out or "3,500" in out
    assert "Not for this status" in out and "Daily allowances (AJ)" in out.split("Not for this status")[1]


def test_whole_table() -> None:
    result = runner.invoke(app, ["guarantees"])
    assert result.exit_code == 0, result.output
    for text in ("Daily allowances (AJ)", "Spouse beneficiary", "SAD", "RMA", "[1]"):
        assert text in result.stdout


def test_status_case_and_spaces_tolerated() -> None:
    assert guarantees_json("--status", " CTA ")["status"] == "cta"


@pytest.mark.parametrize("status", ["member", "", "pensionné"])  # "retraite" is a status since issue 10
def test_unknown_status_exits_2(status) -> None:
    result = runner.invoke(app, ["guarantees", "--status", status])
    assert result.exit_code == 2
    assert "unknown status" in result.stderr
    assert "active, cta, associate, retired, spouse" in result.stderr
    assert result.stdout == ""


def test_help() -> None:
    result = runner.invoke(app, ["guarantees", "--help"])
    assert result.exit_code == 0
    assert "--status" in result.stdout and "--json" in result.stdout
