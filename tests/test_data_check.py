"""`esn data check` and every command on deliberately broken copies of the data (issue 5).

Each case copies data/*.yaml to a temporary folder, breaks one thing with a text substitution
(or removes / rewrites a file), and asserts the exact message: the file, the line where YAML
gives it, the entry and the problem; exit 2; no traceback. Line numbers and list positions are
computed from the copy, so that an edit of the shipped data does not break these tests.
"""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from esncli.cli import app

pytestmark = pytest.mark.timeout(60)

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCES = ("zones", "contacts", "guarantees")
runner = CliRunner()

# The ordinary command that reads each source (a zone lookup reads only zones.yaml).
ORDINARY = {
    "zones": ["zone", "lookup", "Kenya"],
    "contacts": ["contact", "Kenya", "--need", "hospitalisation", "--admission", "2026-12-20"],
    "guarantees": ["guarantees"],
}


@functools.cache
def shipped(name: str) -> str:
    return (DATA / f"{name}.yaml").read_text(encoding="utf-8")


@functools.cache
def place_index(name_fr: str) -> int:
    places = yaml.safe_load(shipped("zones"))["places"]
    return next(i for i, p in enumerate(places) if p["name_fr"] == name_fr)


def line_of(text: str, marker: str, after: str | None = None) -> int:
    """The 1-based line of the first ``marker`` (after the first ``after``, if given)."""
    start = text.index(after) if after is not None else 0
    return text.count("\n", 0, text.index(marker, start)) + 1


def kenya_block(text: str) -> int:
    return text.index('- name_fr: "Kenya"')


def replace_after(text: str, anchor: str, old: str, new: str) -> str:
    """Replace the first ``old`` after ``anchor`` (the entry being broken)."""
    start = text.index(anchor)
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old) :]


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    # The broken text of the source (None: the file is removed), from the shipped text.
    breaks: Callable[[str], str | bytes | None]
    # The message after "invalid data: <path>: ", from the broken text.
    expect: Callable[[str], str]


KENYA = '- name_fr: "Kenya"'
KYRGYZ = '- name_fr: "Kirghizistan"'
ZONE_1, ZONE_3, ZONE_4 = 'zone: "1"', 'zone: "3"', 'zone: "4"'
KENYA_ISO3 = 'iso3: "KEN"'
QUOTED_KE, BAD_ISO = '"KE"', 'iso2: "ke"'


def round_trip(text: str, change: Callable[[dict], object]) -> str:
    """Load, change and dump the document (comments and layout are lost; the content stays)."""
    document = yaml.safe_load(text)
    change(document)
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def line_of_key(text: str, key: str) -> int:
    match = re.search(rf"^{re.escape(key)}:", text, flags=re.MULTILINE)
    assert match is not None
    return text.count("\n", 0, match.start()) + 1


def kenya(suffix: str) -> str:
    return f"places[{place_index('Kenya')}] (Kenya){suffix}"


GUYANE_ASKED = '- input: "Guyane"'


def guyane_asked(text: str) -> int:
    """The index of the "Guyane" entry among the ambiguous inputs."""
    return text.split("\nambiguous:\n", 1)[1].split(GUYANE_ASKED, 1)[0].count("  - input: ")


def kyrgyz(suffix: str) -> str:
    return f"places[{place_index('Kirghizistan')}] (Kirghizistan){suffix}"


def guarantee_value_line(text: str, value: str) -> int:
    return line_of(text, value, after="index_100_annual_value:")


CASES = [
    # ---- zones.yaml
    Case(
        "zone-missing-from-a-place",
        "zones",
        lambda t: replace_after(t, '- name_fr: "Kenya"', '    zone: "1"\n', ""),
        lambda t: f"line {line_of(t, KENYA)}: {kenya('')}: missing key 'zone'",
    ),
    Case(
        "zone-without-an-offer",
        "zones",
        lambda t: t.replace('  - zone: "3"\n    offer: MGEN Magenta\n', '  - zone: "2"\n    offer: MGEN Magenta\n', 1),
        lambda t: f"line {line_of(t, 'offer: MGEN Magenta') - 1}: offers[2].zone: zone 2 already has an offer (MGEN Cyan)",
    ),
    Case(
        "zone-offer-removed",
        "zones",
        lambda t: round_trip(t, lambda d: d["offers"].pop(2)),
        lambda t: f"line {line_of_key(t, 'offers')}: offers: no offer for zone 3",
    ),
    Case(
        "zone-outside-1-2-3-COM",
        "zones",
        lambda t: replace_after(t, '- name_fr: "Kenya"', 'zone: "1"', 'zone: "4"'),
        lambda t: f"line {line_of(t, ZONE_4)}: {kenya('.zone')}: expected one of 1, 2, 3, COM, got '4'",
    ),
    Case(
        "network-outside-IMA-HCS",
        "zones",
        lambda t: replace_after(t, '- name_fr: "Kenya"', "network: IMA", "network: AXA"),
        lambda t: f"line {line_of(t, 'network: AXA')}: {kenya('.network')}: expected one of IMA, HCS, null, got 'AXA'",
    ),
    Case(
        "duplicate-alias",
        "zones",
        lambda t: t.replace('aliases: ["Republic of Kenya"', 'aliases: ["Kyrgyz Republic", "Republic of Kenya"', 1),
        lambda t: (
            f"line {line_of(t, 'aliases:', after=KYRGYZ)}: {kyrgyz('.aliases')}: name or alias 'Kyrgyz Republic' already names 'Kenya'"
        ),
    ),
    Case(
        "ambiguous-input-that-names-a-place-without-saying-so",
        "zones",
        lambda t: t.replace("    overrides_name: true\n", "", 1),
        lambda t: f"line {line_of(t, GUYANE_ASKED)}: ambiguous[{guyane_asked(t)}]: 'Guyane' already names 'Guyane'",
    ),
    Case(
        "name-overridden-without-a-note",
        "zones",
        lambda t: re.sub(r"(    overrides_name: true\n)    note:\n      en: .*\n      fr: .*\n", r"\1", t, count=1),
        lambda t: (
            f"line {line_of(t, GUYANE_ASKED)}: ambiguous[{guyane_asked(t)}].note: "
            "an input that overrides a name needs a note saying why (en, fr)"
        ),
    ),
    Case(
        "duplicate-iso-code",
        "zones",
        lambda t: t.replace('iso2: "KG"', 'iso2: "KE"', 1),
        lambda t: f"line {line_of(t, 'iso2: ' + QUOTED_KE, after=KYRGYZ)}: {kyrgyz('.iso2')}: ISO code KE already belongs to 'Kenya'",
    ),
    Case(
        "duplicate-name",
        "zones",
        lambda t: t.replace('- name_fr: "Kirghizistan"', '- name_fr: "Kenya"', 1),
        lambda t: (
            f"line {line_of(t, KENYA, after=KENYA_ISO3)}: places[{place_index('Kirghizistan')}] (Kenya).name_fr: duplicate name_fr 'Kenya'"
        ),
    ),
    Case(
        "bad-iso-code",
        "zones",
        lambda t: t.replace('iso2: "KE"', 'iso2: "ke"', 1),
        lambda t: f"line {line_of(t, BAD_ISO)}: {kenya('.iso2')}: expected 2 capital letters or null, got 'ke'",
    ),
    Case(
        "unknown-key",
        "zones",
        lambda t: replace_after(t, '- name_fr: "Kenya"', '    iso3: "KEN"\n', '    iso3: "KEN"\n    currency: KES\n'),
        lambda t: (
            f"line {line_of(t, KENYA)}: {kenya('')}: unknown key 'currency' "
            "(allowed: aliases, column, iso2, iso3, name_en, name_fr, network, note, zone)"
        ),
    ),
    Case(
        "key-written-twice",
        "zones",
        lambda t: replace_after(t, '- name_fr: "Kenya"', '    zone: "1"\n', '    zone: "1"\n    zone: "3"\n'),
        lambda t: (
            f"line {line_of(t, ZONE_3, after=KENYA)}: places[{place_index('Kenya')}].zone: "
            f"duplicate key 'zone' (first on line {line_of(t, ZONE_1, after=KENYA)})"
        ),
    ),
    Case(
        "number-where-text-belongs",
        "zones",
        lambda t: t.replace('name_en: "Kenya"', "name_en: 42", 1),
        lambda t: f"line {line_of(t, 'name_en: 42')}: {kenya('.name_en')}: expected non-empty text, got a number (42)",
    ),
    Case(
        "empty-file",
        "zones",
        lambda t: "",
        lambda t: "the file is empty",
    ),
    Case(
        "only-comments",
        "zones",
        lambda t: "# the zonier, to be written\n",
        lambda t: "the file is empty",
    ),
    Case(
        "a-list-at-the-top",
        "zones",
        lambda t: "- Kenya\n- Brazil\n",
        lambda t: "expected a mapping at the top level",
    ),
    Case(
        "invalid-yaml",
        "zones",
        lambda t: replace_after(t, '- name_fr: "Kenya"', 'iso3: "KEN"', 'iso3: "KEN'),
        lambda t: f"line {line_of(t, ZONE_1, after=KENYA)}: invalid YAML: did not find expected key",
    ),
    Case(
        "not-utf-8",
        "zones",
        lambda t: t.encode("latin-1", errors="replace"),
        lambda t: f"line {line_of(t, 'é')}: not UTF-8 text (byte {len(t[: t.index('é')].encode('latin-1'))}, 0xe9); save the file as UTF-8",
    ),
    Case(
        "python-object-tag",
        "zones",
        lambda t: t.replace("\nsource:\n", "\nsource: !!python/object/apply:os.system ['touch PWNED']\nsource_was:\n", 1),
        lambda t: (
            f"line {line_of(t, 'source: !!python')}: the tag !!python/object/apply:os.system is not allowed "
            "(esn data holds plain text, numbers, lists and mappings)"
        ),
    ),
    Case(
        "alias-inside-itself",
        "zones",
        lambda t: t + "\nloop: &loop [*loop]\n",
        lambda t: f"line {line_of(t, '[*loop]')}: an alias refers to a value that contains it",
    ),
    Case(
        "billion-laughs",
        "zones",
        lambda t: (
            t
            + "\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + "".join(f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 9))
        ),
        lambda t: f"line {line_of(t, 'lol5: ')}: the aliases expand the document past 1000000 values",
    ),
    Case(
        "missing-file",
        "zones",
        lambda t: None,
        lambda t: "file not found",
    ),
    # ---- contacts.yaml
    Case(
        "text-where-a-number-belongs-contacts",
        "contacts",
        lambda t: t.replace("days: 10", "days: ten", 1),
        lambda t: f"line {line_of(t, 'days: ten')}: needs.hospitalisation.deadline.days: expected a whole number >= 0, got 'ten'",
    ),
    Case(
        "unknown-organisation",
        "contacts",
        lambda t: t.replace("    organisation: IMA\n", "    organisation: AXA\n", 1),
        lambda t: f"line {line_of(t, 'organisation: AXA')}: contacts.ima-health.organisation: expected one of IMA, HCS, MGEN, got 'AXA'",
    ),
    Case(
        "missing-need",
        "contacts",
        lambda t: t.replace("\n  maternity:\n", "\n  birth:\n", 1),
        lambda t: f"line {line_of(t, 'needs:')}: needs: missing need 'maternity'",
    ),
    Case(
        "invalid-yaml-contacts",
        "contacts",
        lambda t: t.replace('    phone: "+33 (0)5 49 76 66 76"\n', '    phone: "+33 (0)5 49 76 66 76\n', 1),
        lambda t: f"line {line_of(t, 'Cost of an international call')}: invalid YAML: did not find expected key",
    ),
    # ---- guarantees.yaml
    Case(
        "rate-of-7",
        "guarantees",
        lambda t: replace_after(t, "  invalidity:\n    guarantee_rate:", "guide: 0.70", "guide: 7"),
        lambda t: (
            f"line {line_of(t, 'guide: 7')}: parameters.invalidity.guarantee_rate.values.guide: a ratio must be between 0 and 1, got 7"
        ),
    ),
    Case(
        "negative-amount",
        "guarantees",
        lambda t: t.replace("2023-07-01: 5907.34", "2023-07-01: -5907.34", 1),
        lambda t: (
            f"line {guarantee_value_line(t, '2023-07-01: -5907.34')}: parameters.death_capital.index_100_annual_value.values.2023-07-01: "
            "an amount or a count cannot be negative, got -5907.34"
        ),
    ),
    Case(
        "text-where-a-number-belongs",
        "guarantees",
        lambda t: t.replace("2023-07-01: 5907.34", '2023-07-01: "five thousand"', 1),
        lambda t: (
            f"line {guarantee_value_line(t, '2023-07-01:')}: parameters.death_capital.index_100_annual_value.values.2023-07-01: "
            "expected a number, got 'five thousand'"
        ),
    ),
    Case(
        "comma-decimal-in-data",
        "guarantees",
        lambda t: t.replace("2023-07-01: 5907.34", '2023-07-01: "5907,34"', 1),
        lambda t: (
            f"line {guarantee_value_line(t, '2023-07-01:')}: parameters.death_capital.index_100_annual_value.values.2023-07-01: "
            "expected a number, got '5907,34'"
        ),
    ),
    Case(
        "malformed-date-month-13",
        "guarantees",
        lambda t: t.replace("2023-07-01: 5907.34", "2023-13-01: 5907.34", 1),
        lambda t: (
            f"line {line_of(t, 'values:', after='index_100_annual_value:')}: parameters.death_capital.index_100_annual_value.values: "
            "expected a date YYYY-MM-DD, got '2023-13-01': month must be in 1..12"
        ),
    ),
    Case(
        "malformed-date-french-order",
        "guarantees",
        lambda t: t.replace("2023-07-01: 5907.34", "01/07/2023: 5907.34", 1),
        lambda t: (
            f"line {line_of(t, 'values:', after='index_100_annual_value:')}: parameters.death_capital.index_100_annual_value.values: "
            "expected a date YYYY-MM-DD, got text '01/07/2023'"
        ),
    ),
    Case(
        "parameter-without-unit",
        "guarantees",
        lambda t: replace_after(t, "  daily_allowance:\n    guarantee_rate:", "      unit: ratio\n", ""),
        lambda t: f"line {line_of(t, 'guarantee_rate:')}: parameters.daily_allowance.guarantee_rate: missing key 'unit'",
    ),
    Case(
        "parameter-without-reference",
        "guarantees",
        lambda t: replace_after(t, "  daily_allowance:\n    guarantee_rate:", "      reference: {", "      ref: {"),
        lambda t: f"line {line_of(t, 'guarantee_rate:')}: parameters.daily_allowance.guarantee_rate: missing key 'reference'",
    ),
    Case(
        "unknown-unit",
        "guarantees",
        lambda t: replace_after(t, "  daily_allowance:\n    guarantee_rate:", "      unit: ratio\n", "      unit: percent\n"),
        lambda t: (
            f"line {line_of(t, 'unit: percent')}: parameters.daily_allowance.guarantee_rate.unit: expected one of "
            "ratio, EUR, EUR/month, EUR/quarter, EUR/year, months, quarters, days, years, hours, index, level, got 'percent'"
        ),
    ),
    Case(
        "python-object-tag-on-a-value",
        "guarantees",
        lambda t: t.replace("2023-07-01: 5907.34", "2023-07-01: !!python/object/new:decimal.Decimal ['5907.34']", 1),
        lambda t: (
            f"line {guarantee_value_line(t, '2023-07-01:')}: the tag !!python/object/new:decimal.Decimal is not allowed "
            "(esn data holds plain text, numbers, lists and mappings)"
        ),
    ),
    Case(
        "missing-file-guarantees",
        "guarantees",
        lambda t: None,
        lambda t: "file not found",
    ),
]


def broken_copy(tmp_path: Path, case: Case) -> tuple[Path, str]:
    """A data folder with ``case`` applied; the expected message after ``invalid data: ``."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in SOURCES:
        shutil.copy(DATA / f"{name}.yaml", folder / f"{name}.yaml")
    target = folder / f"{case.source}.yaml"
    broken = case.breaks(shipped(case.source))
    if broken is None:
        target.unlink()
        text = ""
    elif isinstance(broken, bytes):
        assert broken != shipped(case.source).encode("utf-8"), "the case changed nothing"
        target.write_bytes(broken)
        text = shipped(case.source)
    else:
        assert broken != shipped(case.source), "the case changed nothing"
        target.write_text(broken, encoding="utf-8")
        text = broken
    return folder, f"invalid data: {target}: {case.expect(text)}"


def assert_refused(result: object, message: str) -> None:
    stderr = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, (result.exit_code, stderr)  # type: ignore[attr-defined]
    assert "Traceback" not in stderr and "Traceback" not in result.stdout  # type: ignore[attr-defined]
    assert result.exception is None or isinstance(result.exception, SystemExit)  # type: ignore[attr-defined]
    assert f"esn: {message}\n" in stderr


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_data_check_names_file_line_entry_and_problem(tmp_path: Path, case: Case) -> None:
    folder, message = broken_copy(tmp_path, case)
    result = runner.invoke(app, ["data", "check", "--data-dir", str(folder)])
    assert_refused(result, message)
    # Exactly one error line per broken file, then the count.
    assert result.stderr == f"esn: {message}\nesn: 1 of 3 data files is invalid\n"
    # The two intact files are still checked and reported.
    for name in SOURCES:
        if name != case.source:
            assert f"ok  {folder / f'{name}.yaml'}  " in result.stdout


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_an_ordinary_command_refuses_the_broken_data_the_same_way(tmp_path: Path, case: Case) -> None:
    folder, message = broken_copy(tmp_path, case)
    result = runner.invoke(app, ["--data-dir", str(folder), *ORDINARY[case.source]])
    assert_refused(result, message)
    assert result.stderr == f"esn: {message}\n"
    assert result.stdout == ""


@pytest.mark.parametrize("case", [c for c in CASES if c.id in ("rate-of-7", "duplicate-alias", "not-utf-8")], ids=lambda c: c.id)
def test_esn_data_dir_variable_is_read_like_the_option(tmp_path: Path, case: Case) -> None:
    folder, message = broken_copy(tmp_path, case)
    for args in (["data", "check"], ORDINARY[case.source]):
        result = runner.invoke(app, args, env={"ESN_DATA_DIR": str(folder)})
        assert_refused(result, message)


def test_an_estimate_refuses_broken_guarantees(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == "rate-of-7")
    folder, message = broken_copy(tmp_path, case)
    result = runner.invoke(app, ["--data-dir", str(folder), "estimate", "social-loan", "--amount", "1000", "--months", "10"])
    assert_refused(result, message)


def test_the_python_tag_builds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The safe loader refuses the tag: os.system never runs (it would create PWNED in the cwd)."""
    monkeypatch.chdir(tmp_path)
    case = next(c for c in CASES if c.id == "python-object-tag")
    folder, _ = broken_copy(tmp_path, case)
    runner.invoke(app, ["data", "check", "--data-dir", str(folder)])
    runner.invoke(app, ["--data-dir", str(folder), "zone", "lookup", "Kenya"])
    assert not (tmp_path / "PWNED").exists()


def test_several_broken_files_are_all_reported(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "zones.yaml").write_text("", encoding="utf-8")
    (folder / "contacts.yaml").write_bytes(b"\xff\xfe")
    result = runner.invoke(app, ["data", "check", "--data-dir", str(folder)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"esn: invalid data: {folder / 'zones.yaml'}: the file is empty\n"
        f"esn: invalid data: {folder / 'contacts.yaml'}: line 1: not UTF-8 text (byte 0, 0xff); save the file as UTF-8\n"
        f"esn: invalid data: {folder / 'guarantees.yaml'}: file not found\n"
        "esn: 3 of 3 data files are invalid\n"
    )


def test_a_missing_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    result = runner.invoke(app, ["--data-dir", str(folder), "zone", "lookup", "Kenya"])
    assert_refused(result, f"invalid data: {folder / 'zones.yaml'}: file not found")


def test_the_shipped_data_passes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["data", "check"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["ok", "ok", "ok"]
    assert [Path(line.split()[1]).name for line in lines] == ["zones.yaml", "contacts.yaml", "guarantees.yaml"]


def test_an_intact_copy_passes_and_is_used(tmp_path: Path) -> None:
    """A counsellor's next edition: the same files elsewhere pass, and a changed figure is used."""
    folder = tmp_path / "next-edition"
    folder.mkdir()
    for name in SOURCES:
        shutil.copy(DATA / f"{name}.yaml", folder / f"{name}.yaml")
    result = runner.invoke(app, ["data", "check", "--data-dir", str(folder)])
    assert result.exit_code == 0, result.stderr
    zones = folder / "zones.yaml"
    zones.write_text(replace_after(zones.read_text(encoding="utf-8"), '- name_fr: "Kenya"', 'zone: "1"', 'zone: "2"'), encoding="utf-8")
    result = runner.invoke(app, ["--data-dir", str(folder), "zone", "lookup", "Kenya", "--json"])
    assert result.exit_code == 0, result.stderr
    assert '"zone": "2"' in result.stdout


def test_data_dir_after_the_command(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == "zone-outside-1-2-3-COM")
    folder, message = broken_copy(tmp_path, case)
    result = runner.invoke(app, ["zone", "lookup", "Kenya", "--data-dir", str(folder)])
    assert_refused(result, message)


@pytest.mark.parametrize(
    ("case_id", "french"),
    [
        ("zone-missing-from-a-place", lambda t: f"ligne {line_of(t, KENYA)} : {kenya('')} : clé manquante 'zone'"),
        (
            "number-where-text-belongs",
            lambda t: f"ligne {line_of(t, 'name_en: 42')} : {kenya('.name_en')} : texte non vide attendu, reçu un nombre (42)",
        ),
        ("missing-file-guarantees", lambda t: "fichier introuvable"),
    ],
)
def test_a_broken_file_is_reported_in_french(tmp_path: Path, case_id: str, french: Callable[[str], str]) -> None:
    case = next(c for c in CASES if c.id == case_id)
    folder, _english = broken_copy(tmp_path, case)
    target = folder / f"{case.source}.yaml"
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    message = f"données invalides : {target} : {french(text)}"
    result = runner.invoke(app, ["--lang", "fr", "data", "check", "--data-dir", str(folder)])
    assert_refused(result, message)
    assert result.stderr == f"esn: {message}\nesn: 1 fichier de données sur 3 est invalide\n"
    result = runner.invoke(app, ["--lang", "fr", "--data-dir", str(folder), *ORDINARY[case.source]])
    assert_refused(result, message)
    assert "invalid data" not in result.stderr
