"""Language choice and the reader's conventions for money, numbers and dates (issue 6)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from esncli import i18n
from esncli.cli import app

runner = CliRunner()
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL wins, as in POSIX
        ({"LC_MESSAGES": "fr_BE", "LANG": "en_US"}, "fr"),
        ({"ESN_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"ESN_LANG": "fr"}, "fr"),
        ({"ESN_LANG": "de", "LANG": "fr_FR"}, "fr"),  # an unknown ESN_LANG is ignored
    ],
)
def test_language_from_the_environment(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert i18n.language() == expected


def test_explicit_language_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESN_LANG", "en")
    i18n.set_language("fr")
    assert i18n.language() == "fr"


@pytest.mark.parametrize(
    ("lang", "value", "money", "number"),
    [
        ("fr", Decimal("5658.6"), f"5{NBSP}658,60{NBSP}€", f"5{NBSP}658,60"),
        ("en", Decimal("5658.6"), "€5,658.60", "5,658.60"),
        ("fr", Decimal("8520"), f"8{NBSP}520,00{NBSP}€", f"8{NBSP}520"),
        ("en", Decimal("8520"), "€8,520.00", "8,520"),
        ("fr", Decimal("1006.365"), f"1{NBSP}006,37{NBSP}€", f"1{NBSP}006,37"),  # half up, once
        ("en", Decimal("-12.5"), "-€12.50", "-12.50"),
        ("fr", Decimal("1234567.891"), f"1{NBSP}234{NBSP}567,89{NBSP}€", f"1{NBSP}234{NBSP}567,89"),
    ],
)
def test_money_and_numbers(lang: str, value: Decimal, money: str, number: str) -> None:
    i18n.set_language(lang)
    assert i18n.money(value) == money
    assert i18n.number(value) == number


def test_percent_and_dates() -> None:
    day = dt.date(2026, 12, 31)
    i18n.set_language("fr")
    assert (i18n.percent(Decimal("0.70")), i18n.percent(Decimal("0.15")), i18n.date(day)) == (f"70{NBSP}%", f"15{NBSP}%", "31/12/2026")
    i18n.set_language("en")
    assert (i18n.percent(Decimal("0.70")), i18n.percent(Decimal("0.025")), i18n.date(day)) == ("70%", "2.5%", "2026-12-31")


def test_pick_bilingual_data() -> None:
    text = {"en": "Note", "fr": "Remarque"}
    i18n.set_language("fr")
    assert i18n.pick(text) == "Remarque"
    assert i18n.pick(None) is None


@pytest.mark.parametrize("position", ["before", "after"])
def test_lang_option_anywhere_on_the_command_line(position: str) -> None:
    args = ["zone", "lookup", "Kenya"]
    args = ["--lang", "fr", *args] if position == "before" else [*args, "--lang", "fr"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert "Réseau" in result.stdout and "Network" not in result.stdout


def test_input_in_either_language_whatever_the_output_language() -> None:
    english = runner.invoke(app, ["zone", "lookup", "Germany", "--lang", "fr"]).stdout
    french = runner.invoke(app, ["zone", "lookup", "Allemagne", "--lang", "en"]).stdout
    assert english.splitlines()[0] == "Allemagne (Germany)"
    assert french.splitlines()[0] == "Germany (Allemagne)"


def test_unknown_language_is_a_usage_error() -> None:
    result = runner.invoke(app, ["zone", "lookup", "Kenya", "--lang", "de"])
    assert result.exit_code == 2
    assert "choose fr or en" in result.output


def test_json_is_language_neutral_in_keys_and_numbers() -> None:
    fr = json.loads(runner.invoke(app, ["contact", "Kenya", "--admission", "2026-12-20", "--json", "--lang", "fr"]).stdout)
    en = json.loads(runner.invoke(app, ["contact", "Kenya", "--admission", "2026-12-20", "--json", "--lang", "en"]).stdout)

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return type(value).__name__

    assert shape(fr) == shape(en)
    assert fr["deadline"]["date"] == en["deadline"]["date"] == "2026-12-10"


def test_zone_lookup_snapshots_in_both_languages() -> None:
    fr = runner.invoke(app, ["zone", "lookup", "Brazil", "--lang", "fr"]).stdout.splitlines()
    en = runner.invoke(app, ["zone", "lookup", "Brésil", "--lang", "en"]).stdout.splitlines()
    assert fr == [
        "Brésil (Brazil)",
        "Zone      3 (colonne Amériques du zonier)",
        "Offre     MGEN Magenta : Pays où les coûts de santé sont très élevés",
        "Réseau    HCS : prises en charge des soins, hospitalisations et maternités (esn contact)",
        "Code ISO  BR / BRA",
    ]
    assert en == [
        "Brazil (Brésil)",
        "Zone      3 (Americas column of the zonier)",
        "Offer     MGEN Magenta: Countries where health costs are very high",
        "Network   HCS: care, hospitalisation and maternity agreements (esn contact)",
        "ISO code  BR / BRA",
    ]


def test_contact_snapshots_in_both_languages() -> None:
    fr = runner.invoke(app, ["contact", "Kenya", "--admission", "20/12/2026", "--lang", "fr"]).stdout
    en = runner.invoke(app, ["contact", "Kenya", "--admission", "2026-12-20", "--lang", "en"]).stdout
    assert fr.splitlines()[0] == "Hospitalisation programmée — lieu de résidence de l'adhérent : Kenya"
    assert "À envoyer au plus tard le 10/12/2026 (hospitalisation prévue le 20/12/2026)." in fr
    assert "Téléphone" in fr and "+33 (0)5 49 76 66 76" in fr
    assert en.splitlines()[0] == "Scheduled hospitalisation: member living in Kenya"
    assert "Send it by 2026-12-10 at the latest (admission on 2026-12-20)." in en


def test_help_is_translated_when_the_language_is_set_before_start() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "esncli", "zone", "lookup", "--help", "--lang", "fr"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert result.returncode == 0
    assert "Zone, offre recommandée et réseau (IMA ou HCS)" in result.stdout


def test_zone_list_snapshots_in_both_languages() -> None:
    fr = runner.invoke(app, ["zone", "list", "--zone", "COM", "--lang", "fr"]).stdout.splitlines()
    en = runner.invoke(app, ["zone", "list", "--zone", "COM", "--lang", "en"]).stdout.splitlines()
    assert fr[0].split() == ["Nom", "(fr)", "Nom", "(en)", "Zone", "Offre", "Réseau", "ISO"]
    assert en[0].split() == ["Name", "(en)", "Name", "(fr)", "Zone", "Offer", "Network", "ISO"]
    assert fr[2].split()[:1] == ["Nouvelle-Calédonie"] and "MGEN Outremer" in fr[2]
    assert en[2].split()[:2] == ["New", "Caledonia"] and "MGEN Outremer" in en[2]


def test_data_check_snapshots_in_both_languages() -> None:
    fr = runner.invoke(app, ["data", "check", "--lang", "fr"]).stdout.splitlines()
    en = runner.invoke(app, ["data", "check", "--lang", "en"]).stdout.splitlines()
    assert fr[0].endswith("zones.yaml  238 lieux du zonier, 24 autres lieux, 1242 noms")
    assert en[0].endswith("zones.yaml  238 zonier places, 24 other places, 1242 names")
    assert fr[2].endswith("guarantees.yaml  36 paramètres") and en[2].endswith("guarantees.yaml  36 parameters")


def test_batch_in_both_languages_keeps_numbers_plain() -> None:
    source = "member,kind,base_salary,bonuses,pension,rate\nA,invalidity,2140,600,8123,37\nB,invalidity,-5,600,8123,37\n"
    for lang, error, summary in (
        ("fr", "base_salary: ne peut pas être négatif, reçu '-5'", "esn : batch : 2 lignes lues, 1 estimée, 1 en échec"),
        ("en", "base_salary: cannot be negative, got '-5'", "esn: batch: 2 rows read, 1 estimated, 1 failed"),
    ):
        result = runner.invoke(app, ["estimate", "batch", "-", "--format", "csv", "--lang", lang], input=source)
        assert result.exit_code == 3
        rows = result.stdout.splitlines()
        assert rows[0].startswith("member,kind,base_salary,bonuses,pension,rate,eligible,")
        assert ",5658.60," in rows[1] and ",13781.60," in rows[1]  # plain numbers in both languages
        assert rows[2].endswith(f'"{error}"') or rows[2].endswith(error)
        assert result.stderr.startswith(summary)


# (rows as (base_salary, ...) cells, language) -> the summary's counts as esn must write them: one
# plural per count (French: 0 and 1 singular, "lue(s)" / "estimée(s)" agreeing; English: only 1).
SUMMARY_PLURALS = [
    (["2140"], "fr", "esn : batch : 1 ligne lue, 1 estimée, 0 en échec en "),
    (["2140"], "en", "esn: batch: 1 row read, 1 estimated, 0 failed in "),
    (["-5"], "fr", "esn : batch : 1 ligne lue, 0 estimée, 1 en échec en "),
    (["-5", "-6"], "fr", "esn : batch : 2 lignes lues, 0 estimée, 2 en échec en "),
    (["2140", "2140", "-5", "-6"], "fr", "esn : batch : 4 lignes lues, 2 estimées, 2 en échec en "),
    (["2140", "2140", "-5", "-6"], "en", "esn: batch: 4 rows read, 2 estimated, 2 failed in "),
]


@pytest.mark.parametrize(("salaries", "lang", "summary"), SUMMARY_PLURALS)
def test_batch_summary_counts_take_their_plural(salaries: list[str], lang: str, summary: str) -> None:
    source = "kind,base_salary,bonuses,pension,rate\n" + "".join(f"invalidity,{s},600,8123,37\n" for s in salaries)
    result = runner.invoke(app, ["estimate", "batch", "-", "--format", "csv", "--lang", lang], input=source)
    first, *rest = result.stderr.splitlines()
    assert first.startswith(summary), first
    failed = sum(s.startswith("-") for s in salaries)
    if failed == 1:
        expected = {"fr": "esn : ligne en échec : ", "en": "esn: failed row: "}[lang]
        assert rest[0].startswith(expected), rest
    elif failed:
        expected = {"fr": "esn : lignes en échec : ", "en": "esn: failed rows: "}[lang]
        assert rest[0].startswith(expected), rest


@contextlib.contextmanager
def i18n_language(lang: str) -> Iterator[None]:
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(None)


def test_data_check_counts_take_their_plural() -> None:
    from esncli.cli import data

    with i18n_language("fr"):
        assert data.summary("guarantees", {"parameters": {"a": 1}}) == "1 paramètre"
        assert data.summary("contacts", {"contacts": [1], "needs": [1, 2]}) == "1 contact, 2 besoins"
    with i18n_language("en"):
        assert data.summary("guarantees", {"parameters": {"a": 1}}) == "1 parameter"
        assert data.summary("zones", {"places": [{"status": "zoned"}, {"status": "drom"}, {"status": "drom"}], "index": {"x": 1}}) == (
            "1 zonier place, 2 other places, 1 name"
        )
