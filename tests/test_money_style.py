"""One style for money and percentages in each language (issue 10, "French everywhere"): English
writes €1,200 and 70%, French 1 200 € and 70 % (i18n.money, i18n.percent). The code formats its
figures through i18n; the texts the data carries are written by hand, so they are checked here,
and so is what esn prints in both languages. The guide's own words, quoted between « », keep its
French style."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from esncli.cli import app

DATA = Path(__file__).resolve().parent.parent / "data"
QUOTED = re.compile(r"«[^»]*»")
# The other language's style: "1 200 EUR", "1 200 €", "70 %" in English; "€1,200", "EUR", "70%" in French.
WRONG = {
    "en": re.compile(r"\d[\d\u00a0\u202f ]*(?:[\u00a0\u202f ]?€|\s?EUR\b)|\d[\u00a0\u202f ]%"),
    "fr": re.compile(r"€\s?\d|\d\s?EUR\b|\bEUR\s?\d|\d%"),
}


def _texts(node: Any) -> Iterator[tuple[str, str]]:
    """Every (language, text) pair of a YAML tree: the {en: ..., fr: ...} mappings."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in WRONG and isinstance(value, str):
                yield key, value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)


def _wrong(language: str, text: str) -> list[str]:
    return WRONG[language].findall(QUOTED.sub("", text))


@pytest.mark.parametrize("name", ["contacts.yaml", "guarantees.yaml", "zones.yaml"])
def test_data_texts_write_money_and_percentages_in_their_language_s_style(name: str) -> None:
    texts = list(_texts(yaml.safe_load((DATA / name).read_text(encoding="utf-8"))))
    assert {language for language, _ in texts} == {"en", "fr"}  # the walk finds both languages
    offenders = [(language, text) for language, text in texts if _wrong(language, text)]
    assert offenders == []


@pytest.mark.parametrize(
    ("language", "text"), [("en", "up to 10 000 EUR"), ("en", "60 % IPT"), ("en", "3 500 €"), ("fr", "€3,500"), ("fr", "60%")]
)
def test_the_check_finds_the_other_language_s_style(language: str, text: str) -> None:
    assert _wrong(language, text)


@pytest.mark.parametrize(("language", "text"), [("en", "€10,000 and 60%"), ("fr", "10 000 € et 60 %"), ("en", "« 360 € »")])
def test_the_check_accepts_each_language_s_own_style(language: str, text: str) -> None:
    assert not _wrong(language, text)


COMMANDS = [
    ["guarantees"],
    ["contact", "Kenya", "--need", "assistance"],
    ["contact", "Brazil", "--need", "hospitalisation"],
    ["contact", "Kenya", "--need", "social-aid"],
    ["estimate", "invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "5000", "--rate", "37"],
    ["estimate", "invalidity", "--base-salary", "1000", "--bonuses", "0", "--pension", "7500", "--rate", "70"],
    ["estimate", "social-loan", "--type", "loan", "--amount", "6000", "--months", "48"],
    ["estimate", "death-capital", "--status", "active", "--contribution-base", "30000", "--children", "1"],
]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_esn_prints_money_and_percentages_in_one_style(args: list[str], language: str) -> None:
    result = CliRunner().invoke(app, ["--lang", language, *args])
    assert result.exit_code == 0, result.output
    assert re.search(r"\d", result.stdout)  # figures were printed and checked
    assert _wrong(language, result.stdout) == []
