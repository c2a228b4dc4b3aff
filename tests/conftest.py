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


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (its own hook, in each worker)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A module's external tests share one xdist worker (``--dist loadgroup`` in pyproject), so
    that a module-scoped fixture starting a program (a venv, a browser, a cluster) starts once.
    Under xdist they also go first: the longest work starts while the others share what is left,
    instead of one worker finishing it alone at the end."""
    for item in items:
        if item.get_closest_marker("external") is not None and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group("external:" + item.nodeid.split("::")[0]))
    if hasattr(config, "workerinput"):  # an xdist worker: every worker sorts alike
        items.sort(key=lambda item: item.get_closest_marker("external") is None)
