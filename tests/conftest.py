from __future__ import annotations

import pytest

from esncli import catalog, terminal


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with the shipped data, detected terminals and no colour."""
    monkeypatch.delenv(catalog.ENV_DATA_DIR, raising=False)
    monkeypatch.delenv("ESN_LANG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    catalog.set_data_dir(None)
    terminal.override(None)
