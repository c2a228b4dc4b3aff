"""`esn zone lookup` / `esn zone list` through CliRunner and a real subprocess: output, JSON
contract, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from esncli.cli import app

runner = CliRunner()

LOOKUP_KEYS = {
    "query",
    "name_fr",
    "name_en",
    "iso2",
    "iso3",
    "status",
    "zone",
    "column",
    "offer",
    "cost",
    "network",
    "group",
    "note",
    "match",
}


def lookup_json(query: str) -> dict:
    result = runner.invoke(app, ["zone", "lookup", query, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_lookup_kenya_human() -> None:
    result = runner.invoke(app, ["zone", "lookup", "Kenya"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Kenya"
    assert "1 (Europe / Africa / Asia / Oceania column of the zonier)" in result.stdout
    assert "MGEN Ambre: Countries where health costs remain reasonable" in result.stdout
    assert "IMA" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no escape codes


def test_lookup_json_contract() -> None:
    data = lookup_json("Brésil")
    assert set(data) == LOOKUP_KEYS
    assert data["query"] == "Brésil"
    assert (data["name_fr"], data["name_en"], data["iso2"], data["iso3"]) == ("Brésil", "Brazil", "BR", "BRA")
    assert (data["zone"], data["column"], data["offer"], data["network"]) == ("3", "americas", "MGEN Magenta", "HCS")
    assert data["cost"] == "Countries where health costs are very high"
    assert data["status"] == "zoned"
    assert data["match"]["how"] == "exact"


@pytest.mark.parametrize(
    ("query", "zone", "offer", "network"),
    [
        ("Kenya", "1", "MGEN Ambre", "IMA"),
        ("Cuba", "2", "MGEN Cyan", "IMA"),  # the one place in the Americas served by IMA
        ("South Korea", "2", "MGEN Cyan", "IMA"),
        ("BR", "3", "MGEN Magenta", "HCS"),
        ("kor", "2", "MGEN Cyan", "IMA"),
    ],
)
def test_lookup_zone_offer_network(query: str, zone: str, offer: str, network: str) -> None:
    data = lookup_json(query)
    assert (data["zone"], data["offer"], data["network"]) == (zone, offer, network)


def test_note_is_shown_to_the_user() -> None:
    result = runner.invoke(app, ["zone", "lookup", "Cuba"])
    assert "Note" in result.stdout and "IMA" in result.stdout


def test_unlisted_places_get_an_explicit_answer() -> None:
    drom = lookup_json("Martinique")
    assert (drom["status"], drom["zone"], drom["offer"]) == ("drom", None, "MGEN Référence")
    macao = lookup_json("Macao")
    assert (macao["status"], macao["zone"], macao["offer"]) == ("not-listed", None, None)
    assert "ask MGEN" in macao["note"]
    aruba = lookup_json("Aruba")
    assert (aruba["status"], aruba["zone"], aruba["group"]) == ("group", "2", "Territoires néerlandais d'outre-mer")
    human = runner.invoke(app, ["zone", "lookup", "Macao"]).stdout
    assert "not listed in the guide's zonier" in human


def test_fuzzy_pick_is_announced_on_stderr() -> None:
    result = runner.invoke(app, ["zone", "lookup", "Brazl", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["match"]["how"] == "fuzzy"
    assert "using the closest match: Brazil (Brésil)" in result.stderr


def test_ambiguous_exits_2_with_candidates() -> None:
    result = runner.invoke(app, ["zone", "lookup", "Korea"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Did you mean" in result.stderr
    assert "North Korea" in result.stderr and "South Korea" in result.stderr


def test_ambiguous_json_object_on_stdout() -> None:
    result = runner.invoke(app, ["zone", "lookup", "Korea", "--json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["error"] == "ambiguous"
    assert {c["name_en"] for c in data["candidates"]} == {"North Korea", "South Korea"}


@pytest.mark.parametrize("query", ["Qwertyuiop", "zz", "   "])
def test_not_found_exits_2(query: str) -> None:
    result = runner.invoke(app, ["zone", "lookup", query, "--json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"] == "not-found"
    assert result.stderr.startswith("esn: ")
    assert "Traceback" not in result.output


def test_list_filters_and_json() -> None:
    result = runner.invoke(app, ["zone", "list", "--zone", "3", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows and all(r["zone"] == "3" and r["offer"] == "MGEN Magenta" for r in rows)
    assert "Brazil" in {r["name_en"] for r in rows}

    rows = json.loads(runner.invoke(app, ["zone", "list", "--offer", "ambre", "--network", "ima", "--json"]).stdout)
    assert rows and all(r["offer"] == "MGEN Ambre" and r["network"] == "IMA" for r in rows)

    rows = json.loads(runner.invoke(app, ["zone", "list", "--json"]).stdout)
    assert all(r["status"] == "zoned" for r in rows)
    everything = json.loads(runner.invoke(app, ["zone", "list", "--all", "--json"]).stdout)
    assert {"drom", "not-listed", "group"} <= {r["status"] for r in everything}


def test_list_table() -> None:
    result = runner.invoke(app, ["zone", "list", "--zone", "COM"])
    assert result.exit_code == 0
    assert "Name (fr)" in result.stdout


@pytest.mark.parametrize(("option", "value"), [("--zone", "4"), ("--offer", "Platinum"), ("--network", "AXA")])
def test_list_rejects_unknown_filters(option: str, value: str) -> None:
    result = runner.invoke(app, ["zone", "list", option, value])
    assert result.exit_code == 2
    assert "unknown" in result.stderr


def test_real_subprocess_and_module_entry_point() -> None:
    result = subprocess.run([sys.executable, "-m", "esncli", "zone", "lookup", "KE", "--json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name_en"] == "Kenya"
    result = subprocess.run([sys.executable, "-m", "esncli", "zone", "lookup", "Korea"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_list_into_closed_pipe_exits_quietly() -> None:
    """`esn zone list | head -1`: no BrokenPipeError trace (the JSON of every place is larger
    than a pipe buffer, so the write does fail)."""
    assert len(runner.invoke(app, ["zone", "list", "--all", "--json"]).stdout) > 65536
    proc = subprocess.Popen(
        [sys.executable, "-m", "esncli", "zone", "list", "--all", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_long_notes_wrap_under_their_column_on_a_narrow_terminal() -> None:
    from esncli.present.render import Style, fields_block

    text = fields_block([("Zone", "1"), ("Note", "word " * 30)], Style(False), columns=40)
    lines = text.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert len(lines) > 3
    assert all(line.startswith("      ") for line in lines[2:])  # continuation under the value column
    assert len(fields_block([("Note", "word " * 30)], Style(False)).splitlines()) == 1  # a pipe: whole lines


def test_shell_completion_through_the_lazy_commands() -> None:
    """Typer's completion (bash here) reaches the country argument of a lazily built command."""
    env = {"PATH": "/usr/bin:/bin", "_ESN_COMPLETE": "complete_bash", "COMP_WORDS": "esn zone lookup Ke", "COMP_CWORD": "3"}
    result = subprocess.run([sys.executable, "-m", "esncli"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0
    assert "Kenya" in result.stdout.split()


def test_several_words_without_quotes_are_one_name() -> None:
    """`esn zone lookup Costa Rica` and `esn contact New Caledonia`, as people type them (issue 10)."""
    from typer.testing import CliRunner

    from esncli.cli import app

    found = CliRunner().invoke(app, ["zone", "lookup", "Costa", "Rica", "--json"])
    assert found.exit_code == 0 and '"name_en": "Costa Rica"' in found.stdout and '"query": "Costa Rica"' in found.stdout
    contact = CliRunner().invoke(app, ["contact", "New", "Caledonia"])
    assert contact.exit_code == 0 and "New Caledonia" in contact.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["zone", "lookup", "Nairobi"], "esn: Nairobi is in Kenya.\n"),
        (["--lang", "fr", "zone", "lookup", "Corse"], "esn: Corse fait partie de France.\n"),
        (["contact", "Tahiti"], "esn: Tahiti is in French Polynesia (Polynésie française).\n"),
    ],
)
def test_a_city_or_region_is_answered_for_its_country_and_announced(args: list[str], said: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stderr == said


def test_a_city_s_json_says_how_it_matched() -> None:
    result = runner.invoke(app, ["zone", "lookup", "Nairobi", "--json"])
    record = json.loads(result.stdout)
    assert (record["iso2"], record["match"]) == ("KE", {"how": "within", "key": "nairobi"})
