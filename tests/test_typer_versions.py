"""esn runs correctly on typer 0.29 and later, although pyproject pins typer below 0.29 for start-up
time (docs/design-notes.md): the CLI uses only Typer's public API, so lifting the pin must not
break a command.

The checkout is installed (a regular install, without dependencies) in a fresh venv with the
latest typer 0.29.x and the other runtime dependencies from the index, and real commands run there
as processes, with no terminal. The project's own venv (typer < 0.29) is covered by the rest of
the suite. Skipped, with pip's reason, only when the index cannot be reached.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[1]
TYPER = "typer==0.29.*"
RUNTIME = ["rich", "questionary", "pyyaml"]  # pyproject's other dependencies; typer's own come with it


def _clean_env() -> dict[str, str]:
    """This process's environment without what would make the venv's esn read the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ESN_DATA_DIR", "VIRTUAL_ENV")}
    env["COLUMNS"] = "200"  # help and tables unwrapped, whatever the terminal pytest runs in
    return env


class Venv(NamedTuple):
    root: Path
    esn: Path
    elsewhere: Path  # a working directory outside the checkout
    typer_version: str


@pytest.fixture(scope="module")
def typer029(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    tmp = tmp_path_factory.mktemp("typer029")
    env = _clean_env()
    # Can pip reach the index at all? Only this may skip the test: any failure after it is a failure.
    probe = subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--timeout", "30", "--retries", "1", "-d", str(tmp / "probe"), TYPER],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if probe.returncode != 0:
        lines = [line for line in probe.stderr.splitlines() if line.strip()]
        pytest.skip(f"pip cannot reach the index for {TYPER}: {lines[-1] if lines else f'exit {probe.returncode}'}")

    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # The dependencies first, then the checkout without its own (whose pin would refuse typer 0.29).
    subprocess.run([str(python), "-m", "pip", "install", "-q", TYPER, *RUNTIME], check=True, env=env, timeout=600)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(ROOT)], check=True, env=env, timeout=600)
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('typer'))"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return Venv(venv, venv / "bin" / "esn", elsewhere, version)


@pytest.mark.external
def test_the_venv_has_typer_029(typer029: Venv) -> None:
    assert typer029.typer_version.startswith("0.29."), typer029.typer_version


class Run(NamedTuple):
    code: int
    out: str
    err: str


def _json(text: str) -> dict[str, object]:
    data = json.loads(text, parse_float=Decimal)
    assert isinstance(data, dict)
    return data


def check_help(run: Run, _venv: Venv) -> None:
    assert "Usage: esn [OPTIONS] COMMAND" in run.out
    for command in ("zone", "contact", "estimate", "guarantees", "data", "--version", "--lang", "--data-dir"):
        assert command in run.out


def check_version(run: Run, _venv: Venv) -> None:
    from test_package import VERSION_TEXT

    assert run.out == VERSION_TEXT


def check_kenya(run: Run, _venv: Venv) -> None:
    assert run.out.startswith("Kenya\n")
    assert "1 (Europe / Africa / Asia / Oceania column of the zonier)" in run.out
    assert "MGEN Ambre" in run.out
    assert "IMA" in run.out
    assert "KE / KEN" in run.out


def check_kenya_fr(run: Run, _venv: Venv) -> None:
    assert run.out.startswith("Kenya\n")
    assert "1 (colonne Europe / Afrique / Asie / Océanie du zonier)" in run.out
    assert "Offre" in run.out
    assert "MGEN Ambre" in run.out


def check_korea_json(run: Run, _venv: Venv) -> None:
    data = _json(run.out)
    assert data["query"] == "Korea"
    assert data["error"] == "ambiguous"
    candidates = data["candidates"]
    assert isinstance(candidates, list)
    assert {c["iso2"] for c in candidates} == {"KP", "KR"}
    assert run.err.startswith("esn: ")


def check_brazil(run: Run, _venv: Venv) -> None:
    assert "Brazil" in run.out
    assert "HEALTH CASE Services (HCS)" in run.out
    assert "https://healthcaseservices.com" in run.out


def check_estimate_help(run: Run, _venv: Venv) -> None:
    assert "Usage: esn estimate [OPTIONS] COMMAND" in run.out
    for command in ("daily-allowance", "invalidity", "autonomy", "dependency", "death-capital", "social-loan", "batch"):
        assert command in run.out


def check_invalidity_help(run: Run, _venv: Venv) -> None:
    assert "Usage: esn estimate invalidity [OPTIONS]" in run.out
    for option in ("--base-salary", "--bonuses", "--pension", "--rate", "--category", "--recalculation", "--json", "--lang"):
        assert option in run.out
    assert "€360" in run.out  # a figure of the guide, written into the help from the data


def check_invalidity_json(run: Run, _venv: Venv) -> None:
    data = _json(run.out)
    assert data["kind"] == "invalidity"
    assert data["eligible"] is True
    assert data["category"] == "IPP"
    assert data["annual_amount"] == Decimal("5658.60")
    assert data["monthly_amount"] == Decimal("471.55")


def check_missing_inputs(run: Run, _venv: Venv) -> None:
    assert run.out == ""
    assert run.err.startswith("esn: missing --base-salary")


def check_retired(run: Run, _venv: Venv) -> None:
    assert "Retired member" in run.out
    assert "Death or PTIA capital" in run.out
    assert "€3,500" in run.out


def check_data(run: Run, venv: Venv) -> None:
    lines = run.out.splitlines()
    assert [line.split()[0] for line in lines] == ["ok", "ok", "ok"]
    for line, name in zip(lines, ("zones.yaml", "contacts.yaml", "guarantees.yaml"), strict=True):
        path = Path(line.split()[1])
        assert path.name == name
        assert path.is_relative_to(venv.root)  # the installed copy of the data, not the checkout's


BATCH_INPUT = "id,kind,base_salary,bonuses,pension,rate,country\n1,invalidity,2140,600,8123,37,\n2,zone,,,,,Kenya\n"


def check_batch(run: Run, _venv: Venv) -> None:
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert [row["id"] for row in rows] == ["1", "2"]
    assert rows[0]["annual_amount"] == "5658.60"
    assert rows[0]["error"] == ""
    assert rows[1]["zone"] == "1"
    assert rows[1]["offer"] == "MGEN Ambre"
    assert "2 rows read, 2 estimated, 0 failed" in run.err


def check_bad_language(run: Run, _venv: Venv) -> None:
    assert run.out == ""
    assert run.err.startswith("esn: ")
    assert "--lang" in run.err


def check_help_fr(run: Run, _venv: Venv) -> None:
    """Click's and typer's own help texts in French (esncli.cli.clickfr) on this typer too."""
    assert "Utilisation : esn zone lookup [OPTIONS]" in run.out
    assert "Afficher ce message et quitter." in run.out
    assert "[obligatoire]" in run.out
    for english in ("Usage", "Show this message", "[required]"):
        assert english not in run.out


def check_missing_argument_fr(run: Run, _venv: Venv) -> None:
    assert run.out == ""
    assert run.err == "esn: Argument 'COUNTRY' manquant.\nEssayez 'esn zone lookup -h' pour l'aide.\n"


def check_unknown_option_fr(run: Run, _venv: Venv) -> None:
    assert run.err.startswith("esn: Option inconnue : --jsn (vouliez-vous dire --json ?)\n")


INVALIDITY = ["estimate", "invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "8123", "--rate", "37"]
# (arguments, stdin, exit code, what the output must hold)
COMMANDS: list[tuple[list[str], str | None, int, Callable[[Run, Venv], None]]] = [
    (["--help"], None, 0, check_help),
    (["--version"], None, 0, check_version),
    (["zone", "lookup", "Kenya"], None, 0, check_kenya),
    (["zone", "lookup", "Kenya", "--lang", "fr"], None, 0, check_kenya_fr),
    (["zone", "lookup", "--json", "Korea"], None, 2, check_korea_json),
    (["contact", "Brazil"], None, 0, check_brazil),
    (["estimate", "--help"], None, 0, check_estimate_help),
    (["estimate", "invalidity", "--help"], None, 0, check_invalidity_help),
    ([*INVALIDITY, "--json"], None, 0, check_invalidity_json),
    (["estimate", "invalidity"], None, 2, check_missing_inputs),
    (["guarantees", "--status", "retired"], None, 0, check_retired),
    (["data", "check"], None, 0, check_data),
    (["estimate", "batch", "-"], BATCH_INPUT, 0, check_batch),
    (["--lang", "de", "zone", "lookup", "Kenya"], None, 2, check_bad_language),
    (["--lang", "fr", "zone", "lookup", "-h"], None, 0, check_help_fr),
    (["--lang", "fr", "zone", "lookup"], None, 2, check_missing_argument_fr),
    (["--lang", "fr", "zone", "lookup", "Kenya", "--jsn"], None, 2, check_unknown_option_fr),
]


@pytest.mark.external
@pytest.mark.parametrize(("args", "stdin", "code", "check"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_esn_runs_on_typer_029(typer029: Venv, args: list[str], stdin: str | None, code: int, check: Callable[[Run, Venv], None]) -> None:
    result = subprocess.run(
        [str(typer029.esn), *args],
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        cwd=typer029.elsewhere,
        env=_clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    run = Run(result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in run.out + run.err
    assert "internal error" not in run.err
    assert run.code == code, f"exit {run.code}, stderr:\n{run.err}"
    check(run, typer029)
