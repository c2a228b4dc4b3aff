"""Every text an estimate shows is in the French catalog: step labels, formula templates and
sources are constant msgids; warnings and reasons come out in French (issue 6).

The inputs walk each rule's branches (eligible or not, caps, thresholds, capital, minimum...)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from esncli import i18n, parameters
from esncli.errors import InputError
from esncli.rules.formulas import Words
from esncli.rules.kinds import REGISTRY, run

PO = Path(__file__).resolve().parents[1] / "src" / "esncli" / "locale" / "fr" / "LC_MESSAGES" / "esn.po"
STATUSES = ("active", "cta", "associate", "retired", "spouse")


def grid(**values: tuple[Any, ...]) -> Iterator[dict[str, Any]]:
    names = list(values)
    for combination in itertools.product(*values.values()):
        yield dict(zip(names, combination, strict=True))


CASES: dict[str, list[dict[str, Any]]] = {
    "daily-allowance": list(
        grid(
            reference_salary=("4431", "1000"),
            resources=("2405.50", "5000"),
            net_salary=(None, "3945.02", "2000"),
            net_resources=(None, "1972.51"),
        )
    ),
    "invalidity": [
        *grid(
            base_salary=("2140", "2500"),
            bonuses=("600", "300"),
            pension=("8123", "15000", "30000", "19500", "0"),
            rate=("37", "60", None),
            category=(None, "1", "2"),
            cost_of_living_bonus=("0", "400"),
            recalculation=(False, True),
        ),
        {"base_salary": "9000", "bonuses": "0", "pension": "0", "rate": "80"},  # the 20 000 cap
    ],
    "autonomy": list(grid(status=STATUSES, age=("40", "65", "70"), quarters=("0", "2", "6"))),
    "dependency": list(grid(status=STATUSES, gir=("1", "2"), membership_months=("12", "36", "40"), home_months=("3", "6", "8"))),
    "death-capital": list(
        grid(
            status=STATUSES, contribution_base=("40000", None), ceiling=(None, "30000"), children=("0", "2"), index_100_value=(None, "6000")
        )
    ),
    "social-loan": list(grid(amount=("6000", "1000", "3000", "100"), months=("48", "4", "7", "1"), type=("social", "special"))),
}


def catalog() -> set[str]:
    with PO.open("rb") as f:
        return {m.id for m in read_po(f, locale="fr") if m.id and m.string}


def results(kind: str) -> Iterator[Any]:
    for case in CASES[kind]:
        raw = {k: v for k, v in case.items() if v is not None}
        try:
            yield run(kind, raw)
        except InputError:
            continue  # out-of-range combinations of the grid (a loan over its ceiling...)


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_step_texts_are_catalog_messages(kind: str) -> None:
    known = catalog()
    seen = 0
    missing: set[str] = set()
    for result in results(kind):
        for step in result.steps:
            seen += 1
            missing.update(text for text in (step.label, step.formula, step.source) if text and text not in known)
            # words a formula shows (a status, the statuses a guarantee is for) are message ids too
            missing.update(word for value in step.values.values() if isinstance(value, Words) for word in value if word not in known)
    assert seen, "the grid produced no estimate"
    assert not missing, f"step texts not marked for translation: {sorted(missing)}"


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_warnings_and_reasons_come_out_in_french(kind: str) -> None:
    english: set[str] = set()
    for result in results(kind):
        english.update(result.warnings)
        english.update(result.reasons)
    i18n.set_language("fr")
    french: set[str] = set()
    for result in results(kind):
        french.update(result.warnings)
        french.update(result.reasons)
    untranslated = english & french
    assert not untranslated, f"still English in French output: {sorted(untranslated)}"


def readings_with_a_member_sentence(lang: str) -> set[str]:
    """The data's readings (analyst notes) that have a plain member sentence beside them."""
    params = parameters.current()
    found = set()
    for path in params.paths():
        if params.member_note(path):
            found.add(params.note(path)[lang])
    for entry in params.entitlements:
        if entry.get("member_note"):
            found.add(params.fill(entry["note"][lang], lang))
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_explanation_gives_member_sentences_and_json_keeps_the_readings(lang: str) -> None:
    """issue 10: "the summary table shows four cells for five statuses" is a reading for whoever
    checks the data; a member reads the plain sentence in front of it, --json keeps both."""
    i18n.set_language(lang)
    readings = readings_with_a_member_sentence(lang)
    assert len(readings) >= 5
    kept: set[str] = set()
    for kind in sorted(REGISTRY):
        for result in results(kind):
            shown = " ".join((*result.member_reasons, *result.member_warnings))
            assert not [reading for reading in readings if reading in shown], f"{kind}: a reading in the explanation"
            full = " ".join((*result.reasons, *result.warnings))
            kept.update(reading for reading in readings if reading in full)
    used = {
        parameters.current().note(path)[lang]
        for path in ("invalidity.annual_minimum", "invalidity.total_rate_threshold", "dependency.waiting_period_months")
    }
    assert used <= kept  # the readings the rules quote are still in the full texts (--json, batch, API)
    assert any("four cells for five statuses" in reading or "quatre cases pour cinq statuts" in reading for reading in kept)


# Inputs each estimate refuses, one per validation (the field's parser, the checks across fields,
# the rule's refusal): issue 10 found the invalidity and death-capital ones still English.
REFUSED: dict[str, list[dict[str, Any]]] = {
    "invalidity": [
        {"base_salary": "2140", "bonuses": "600", "pension": "8123"},  # neither rate nor category
        {"base_salary": "2140", "bonuses": "600", "pension": "8123", "rate": "120"},
        {"base_salary": "2140", "bonuses": "600", "pension": "8123", "category": "4"},
        {"base_salary": "-1", "bonuses": "600", "pension": "8123", "rate": "37"},
        {"base_salary": "2140.555", "bonuses": "600", "pension": "8123", "rate": "37"},
        {"base_salary": "2,500", "bonuses": "600", "pension": "8123", "rate": "37"},
        {"base_salary": "abc", "bonuses": "600", "pension": "8123", "rate": "37"},
        {"base_salary": "2140", "bonuses": "600", "pension": "8123", "rate": "37", "recalculation": "maybe"},
        {"bonuses": "600", "pension": "8123", "rate": "37"},  # a required input missing
    ],
    "death-capital": [
        {"status": "active", "children": "0"},  # the contribution base needed for an active member
        {"status": "retired", "children": "31"},
        {"status": "retired", "children": "1.5"},
        {"status": "retired", "children": "1", "index_100_value": "0"},
        {"status": "member", "children": "1"},
        {"status": "active", "children": "0", "contribution_base": "1e400"},
    ],
    "social-loan": [
        {"amount": "7000", "months": "4"},
        {"amount": "1000", "months": "49"},
        {"amount": "100", "months": "5", "type": "special"},
    ],
}


def refusals(kind: str) -> list[str]:
    messages = []
    for raw in REFUSED[kind]:
        with pytest.raises(InputError) as refused:
            run(kind, raw)
        messages.append(refused.value.problem)
    return messages


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_validation_messages_come_out_in_french(kind: str) -> None:
    english = refusals(kind)
    i18n.set_language("fr")
    french = refusals(kind)
    known_english = catalog() | set(english)  # the msgids are English
    for en, fr in zip(english, french, strict=True):
        assert en != fr, f"still English under --lang fr: {fr!r}"
        assert fr not in known_english
