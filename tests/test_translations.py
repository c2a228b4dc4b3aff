"""The French catalog is complete, current and faithful to the code's messages (issue 6).

Messages are extracted from the code with Babel, as `pybabel extract` does (docs/translating.md).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

babel_extract = pytest.importorskip("babel.messages.extract")
from babel.messages.mofile import read_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src" / "esncli"
PO = SRC / "locale" / "fr" / "LC_MESSAGES" / "esn.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{([^{}:!]*)[^{}]*\}")


def code_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in babel_extract.extract_from_dir(
        str(SRC), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.update(message if isinstance(message, tuple) else (message,))
    return found


def catalog_messages() -> dict[str, str]:
    with PO.open("rb") as f:
        catalog = read_po(f, locale="fr")
    entries: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue
        assert "fuzzy" not in message.flags, f"fuzzy translation: {message.id!r}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for i, msgid in enumerate(ids):
            entries[msgid] = strings[min(i, len(strings) - 1)]
    return entries


def test_every_message_in_the_code_has_a_french_translation() -> None:
    catalog = catalog_messages()
    missing = sorted(m for m in code_messages() if not catalog.get(m))
    assert not missing, f"{len(missing)} messages without French translation (run pybabel update, translate): {missing[:20]}"


def test_the_catalog_holds_no_message_the_code_no_longer_has() -> None:
    stale = sorted(set(catalog_messages()) - code_messages())
    assert not stale, f"stale entries in esn.po (run pybabel update --ignore-obsolete): {stale[:20]}"


def test_translations_keep_every_placeholder() -> None:
    wrong = {
        msgid: text for msgid, text in catalog_messages().items() if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(text))
    }
    assert not wrong, f"translations whose {{placeholders}} differ from the English: {wrong}"


def test_compiled_catalog_is_current() -> None:
    """esn reads esn.mo: it must be esn.po compiled (pybabel compile)."""
    with PO.open("rb") as f:
        source = read_po(f, locale="fr")
    with MO.open("rb") as f:
        compiled = read_mo(f)

    def entries(catalog: Any) -> dict[Any, Any]:
        # A plural entry (ngettext) is a pair: read_po gives tuples, read_mo lists.
        def key(value: Any) -> Any:
            return tuple(value) if isinstance(value, (list, tuple)) else value

        return {key(m.id): key(m.string) for m in catalog if m.id}

    assert entries(compiled) == entries(source)


def test_french_is_used_and_english_is_the_default() -> None:
    from esncli import i18n

    i18n.set_language("fr")
    try:
        assert i18n._("Network") == "Réseau"
    finally:
        i18n.set_language(None)
    assert i18n._("Network") == "Network"
