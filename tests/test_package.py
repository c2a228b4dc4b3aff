"""The package as an index shows it and as pip installs it: the licence the metadata names, the
README's links, the extras, ``esn --version`` with the data's edition (issue 14). The wheel's
contents are checked where one is built (tests/test_install.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from typer.testing import CliRunner

from esncli import __version__
from esncli.cli import app

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

# What `esn --version` prints: the version, the guide's sections each data source is read from
# (data/*.yaml, `source: title`), and the date the latest parameter values took effect.
VERSION_TEXT = (
    f"esn {__version__}\n"
    "zones: Guide MGEN — Vos garanties Santé à l'international et dans les COM\n"
    "contacts: Guide MGEN — Vos garanties Santé à l'international et dans les COM; Assistance médicale internationale\n"
    "guarantees: Guide MGEN International Santé Prévoyance — Vos garanties Prévoyance; Vos aides solidaires\n"
    "parameters: the latest values took effect on 2023-07-01\n"
)


def test_version_names_the_data_edition() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, VERSION_TEXT)
    french = CliRunner().invoke(app, ["--version", "--lang", "fr"])
    assert french.output.endswith("paramètres : les dernières valeurs s'appliquent depuis le 01/07/2023\n")


def test_the_licence_file_is_the_one_the_metadata_names() -> None:
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the esn authors\n")
    assert "Permission is hereby granted, free of charge" in text
    assert "License :: OSI Approved :: MIT License" not in PROJECT["classifiers"]  # PEP 639: the expression says it
    assert "Programming Language :: Python :: 3.10" in PROJECT["classifiers"]


def test_the_readme_links_work_on_a_package_index() -> None:
    """An index shows the README without the repository around it: a relative link would lead
    nowhere; a section of the README itself (#development) still works."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", readme)
    assert targets, "the README has links"
    relative = [t for t in targets if not t.startswith(("https://", "#"))]
    assert not relative, relative


def test_the_extras() -> None:
    extras = PROJECT["optional-dependencies"]
    assert {"dataframe", "dev", "test"} <= set(extras)
    assert any(r.startswith("pandas>=2") for r in extras["dataframe"])
    assert {r.split(">")[0].split("[")[0] for r in extras["dev"]} >= {"ruff", "mypy", "types-PyYAML", "pandas-stubs"}
    # The suite runs the lint and type gates' tools (mypy --strict on a user script) and the frames' tests.
    assert "esncli[dev,dataframe]" in extras["test"]
    assert not any(r.startswith(("ruff", "mypy")) for r in extras["test"])
