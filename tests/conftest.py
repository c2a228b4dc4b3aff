from __future__ import annotations

import pytest

from esncli import catalog, i18n, terminal


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with the shipped data, detected terminals, no colour, in English."""
    monkeypatch.delenv(catalog.ENV_DATA_DIR, raising=False)
    for variable in ("ESN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "ESN_DEBUG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    catalog.set_data_dir(None)
    terminal.override(None)
    i18n.set_language(None)
