"""Under --lang fr, what esn prints for members is French (issue 10, "French everywhere"): the
answers, explanations, warnings, refusals and contacts, beyond Click's own texts (those are in
tests/test_french_everywhere.py). Each output is searched for common English words; the guide's
quoted words (« »), addresses, option names and organisations' names are set aside first.
``esn zone list`` is not here: it shows each place's English name beside its French one."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from esncli.cli import app

ENGLISH = re.compile(
    r"\b(the|and|of|to|is|are|not|for|with|from|this|that|which|when|your|you|paid|nothing|amount|member|members"
    r"|year|month|months|days|before|after|until|must|may|should|been|has|have|will|would|only|each|than|there"
    r"|their|was|were|given|asked)\b",
    re.IGNORECASE,
)
SET_ASIDE = [re.compile(p) for p in (r"https?://\S+", r"\S+@\S+", r"Health Case Services", r"«[^»]*»", r"--[a-z0-9-]+")]

COMMANDS = [
    "zone lookup Kenya",
    "zone lookup Chypre du Nord",
    "zone lookup Corée",
    "zone lookup Guyane",
    "zone lookup Nowhereland",
    "zone lookup Martinique",
    "zone lookup Nairobi",
    "zone lookup Macao",
    "contact Brazil",
    "contact Kenya --need hospitalisation --admission 2020-01-01",
    "contact Kenya --need maternity --pregnancy-start 2026-06-01",
    "contact Brazil --need assistance",
    "contact Brazil --need prevoyance",
    "contact Kenya --need social-aid",
    "contact Kenya --need dentist",
    "contact France",
    "contact Jersey",
    "guarantees",
    "guarantees --status retraité",
    "estimate invalidity --base-salary 2140 --bonuses 600 --pension 5000 --rate 37",
    "estimate invalidity --base-salary 2141.11 --bonuses 600 --pension 5000 --rate 37",
    "estimate invalidity --base-salary 1000 --bonuses 0 --pension 7500 --rate 70",
    "estimate invalidity --base-salary 1000 --bonuses 0 --pension 80000 --rate 30",
    "estimate invalidity --base-salary 2,500 --bonuses 0 --pension 0 --rate 70",
    "estimate invalidity --base-salary 2140.555 --bonuses 0 --pension 0 --rate 70",
    "estimate invalidity --base-salary 2140 --bonuses 0 --pension 0",
    "estimate invalidity --base-salary 2140 --bonuses 0 --pension 0 --rate 70 --category 1",
    "estimate dependency --gir 2 --status active --membership-months 40",
    "estimate dependency --gir 1 --status active --membership-months 40",
    "estimate autonomy --status retired",
    "estimate autonomy --status active --age 40 --quarters 2",
    "estimate death-capital --status active --contribution-base 30000 --children 2",
    "estimate death-capital --status retired --children 0",
    "estimate death-capital --status associate --children 0",
    "estimate social-loan --type loan --amount 6000 --months 48",
    "estimate social-loan --type loan --amount 9000 --months 48",
    "estimate social-loan --type advance --amount 3000 --months 4",
    "data check",
]


def english_in(text: str) -> list[str]:
    for pattern in SET_ASIDE:
        text = pattern.sub(" ", text)
    return sorted({word.lower() for word in ENGLISH.findall(text)})


def test_the_search_finds_english() -> None:
    result = CliRunner().invoke(
        app, ["estimate", "invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "5000", "--rate", "37"]
    )
    assert {"the", "of"} <= set(english_in(result.stdout + result.stderr))


@pytest.mark.parametrize("command", COMMANDS)
def test_what_esn_says_in_french_is_french(command: str) -> None:
    result = CliRunner().invoke(app, ["--lang", "fr", *command.split()])
    text = result.stdout + result.stderr
    assert result.exit_code in (0, 2), text
    assert text.strip()
    assert english_in(text) == [], text
