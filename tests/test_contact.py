"""`esn contact`: IMA or HCS by where the member lives, assistance always IMA, deadlines."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from esncli import contacts
from esncli.cli import app

runner = CliRunner()

CONTACT_KEYS = {"organisation", "purpose", "phone", "phone_note", "email", "web"}


def contact_json(*args: str) -> dict:
    result = runner.invoke(app, ["contact", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_brazil_care_goes_to_hcs_with_registration() -> None:
    data = contact_json("Brazil")
    assert data["need"] == "care"
    assert data["network"] == "HCS"
    (hcs,) = data["contacts"]
    assert set(hcs) == CONTACT_KEYS
    assert (hcs["organisation"], hcs["phone"], hcs["email"]) == ("HCS", "+1 305 893 9433", "hcserv@healthcaseservices.com")
    assert "healthcaseservices.com" in hcs["web"]
    assert any("register at https://healthcaseservices.com" in step for step in data["procedure"])


@pytest.mark.parametrize("need", ["care", "hospitalisation", "maternity"])
def test_kenya_health_needs_go_to_ima(need: str) -> None:
    data = contact_json("Kenya", "--need", need)
    assert data["network"] == "IMA"
    ima = data["contacts"][0]
    assert (ima["organisation"], ima["phone"], ima["email"]) == ("IMA", "+33 (0)5 49 76 66 76", "mgen.international@ima.eu")


def test_cuba_is_ima_although_in_the_americas() -> None:
    assert contact_json("Cuba", "--need", "maternity")["network"] == "IMA"


@pytest.mark.parametrize("country", ["Brazil", "Kenya", "Cuba"])
def test_assistance_is_always_ima_24_7(country: str) -> None:
    data = contact_json(country, "--need", "assistance")
    assert data["network"] == "IMA"
    phones = {c["phone"] for c in data["contacts"]}
    assert {"05 49 76 66 76", "+33 5 49 76 66 76"} <= phones
    assert any(c["web"] == "https://mygs.ima.eu" for c in data["contacts"])
    services = " ".join(data["services"])
    assert "€10,000" in services and "€3,000" in services
    assert any("identity" in step for step in data["procedure"])


def test_general_is_mgen() -> None:
    data = contact_json("Kenya", "--need", "general")
    assert data["network"] == "MGEN"
    assert data["contacts"][0]["phone"] == "+33 (0)2 49 79 00 05"


def test_places_without_manager_say_so() -> None:
    data = contact_json("Antarctica")
    assert data["network"] is None
    assert data["contacts"][0]["organisation"] == "MGEN"
    human = runner.invoke(app, ["contact", "Martinique"]).stdout
    assert "No IMA / HCS manager applies" in human


@pytest.mark.parametrize(
    ("place", "network"), [("Macao", "IMA"), ("Jersey", "IMA"), ("Saint-Barthélemy", "HCS"), ("US Virgin Islands", "HCS")]
)
def test_a_place_the_zonier_does_not_name_still_has_its_manager(place: str, network: str) -> None:
    """The IMA / HCS rule is about where the member lives: it applies where the zonier names no
    place; only the zone and the offer are asked of MGEN."""
    data = contact_json(place)
    assert data["network"] == network
    assert data["contacts"][0]["organisation"] == network
    human = runner.invoke(app, ["contact", place]).stdout
    assert "No IMA / HCS manager" not in human
    assert "ask MGEN which zone and offer apply" in human


def test_hospitalisation_deadline_is_10_days_before_admission() -> None:
    data = contact_json("Kenya", "--admission", "2026-12-20")
    assert data["need"] == "hospitalisation"
    assert data["deadline"]["date"] == "2026-12-10"
    human = runner.invoke(app, ["contact", "Kenya", "--admission", "20/12/2026"]).stdout
    assert "Send it by 2026-12-10 at the latest" in human


@pytest.mark.parametrize(
    ("start", "deadline"),
    [("2026-01-15", "2026-04-14"), ("2026-11-01", "2027-01-31"), ("2026-11-30", "2027-02-27"), ("2027-11-30", "2028-02-28")],
)
def test_pregnancy_declaration_before_end_of_3rd_month(start: str, deadline: str) -> None:
    data = contact_json("Brazil", "--pregnancy-start", start)
    assert data["need"] == "maternity"
    assert data["deadline"]["date"] == deadline


def test_deadline_rules_directly() -> None:
    days = {"kind": "days-before", "count": 10}
    months = {"kind": "end-of-month", "count": 3}
    assert contacts.deadline_for(days, dt.date(2026, 3, 5)) == dt.date(2026, 2, 23)
    assert contacts.deadline_for(months, dt.date(2026, 1, 1)) == dt.date(2026, 3, 31)
    assert contacts.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Kenya", "--need", "dentist"], "unknown need"),
        (["Kenya", "--need", "care", "--admission", "2026-01-01"], "--admission goes with --need hospitalisation"),
        (["Kenya", "--admission", "2026-01-01", "--pregnancy-start", "2026-01-01"], "not both"),
        (["Kenya", "--admission", "next week"], "is not a date"),
        (["Kenya", "--pregnancy-start", "2026-02-30"], "is not a day of the calendar"),
        (["Korea"], "Did you mean"),
    ],
)
def test_bad_input_exits_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["contact", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_human_output_lists_numbers_and_procedure() -> None:
    result = runner.invoke(app, ["contact", "Brazil"])
    assert result.exit_code == 0
    out = result.stdout
    assert "HEALTH CASE Services (HCS)" in out
    assert "+1 305 893 9433" in out and "hcserv@healthcaseservices.com" in out
    assert "How" in out


def test_a_deadline_already_past_says_so() -> None:
    """--admission 2020-01-01 (issue 10): the deadline is given and said to be past."""
    from typer.testing import CliRunner

    from esncli.cli import app

    past = CliRunner().invoke(app, ["contact", "Kenya", "--admission", "2020-01-01"])
    assert past.exit_code == 0 and "That date has passed" in past.stdout
    future = CliRunner().invoke(app, ["contact", "Kenya", "--admission", "2099-01-01"])
    assert future.exit_code == 0 and "That date has passed" not in future.stdout


def test_the_organisation_is_named_once() -> None:
    from typer.testing import CliRunner

    from esncli.cli import app

    result = CliRunner().invoke(app, ["contact", "Japan", "--need", "general"])
    assert "MGEN: questions, reimbursements" in result.stdout and "MGEN: MGEN:" not in result.stdout


def test_assistance_is_imas_wherever_the_member_lives() -> None:
    """`esn contact Brazil --need assistance` (issue 10): not IMA's residence rule, which would
    tell a member in Brazil that IMA serves Europe, Africa, Asia, Oceania and Cuba."""
    from typer.testing import CliRunner

    from esncli.cli import app

    result = CliRunner().invoke(app, ["contact", "Brazil", "--need", "assistance"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "Contact IMA (IMA Assurances — MGEN International), wherever the member lives."
