"""The wheel carries the data: an `esn` installed with pip works from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.external
def test_installed_wheel_runs_from_another_directory(tmp_path: Path) -> None:
    # Without coverage's subprocess variables too: pip building and installing runs no code of
    # the checkout, and measuring it (under --cov) only slows it down.
    hidden = ("PYTHONPATH", "ESN_DATA_DIR", "VIRTUAL_ENV", "COVERAGE_PROCESS_CONFIG", "COVERAGE_PROCESS_START")
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        env=env,
        timeout=300,
    )
    (wheel,) = wheels.glob("esncli-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in (
        "esncli/data/zones.yaml",
        "esncli/data/guarantees.yaml",
        "esncli/data/contacts.yaml",
        "esncli/catalog/snapshot.jsonl",
        "esncli/locale/fr/LC_MESSAGES/esn.mo",
        "esncli/py.typed",
        "esncli/api.pyi",
        "esncli-0.1.0.dist-info/licenses/LICENSE",
    ):
        assert shipped in names
    # The catalogs' sources stay in the sdist: the wheel runs the compiled .mo (issue 14).
    assert not [name for name in names if name.endswith((".po", ".pot"))]
    # The wheel's snapshot is the build hook's (hatch_build.py), compiled from the YAML packaged.
    from esncli import catalog

    snapshot = zipfile.ZipFile(wheel).read("esncli/catalog/snapshot.jsonl").decode("utf-8")
    assert snapshot == catalog.snapshot_text(catalog.build_snapshot())
    assert names.count("esncli/catalog/snapshot.jsonl") == 1
    metadata = zipfile.ZipFile(wheel).read("esncli-0.1.0.dist-info/METADATA").decode("utf-8")
    assert "License-Expression: MIT\n" in metadata and "Classifier: Typing :: Typed\n" in metadata

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, env=env, timeout=600)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(venv / "bin" / "esn"), "zone", "lookup", "Kenya", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert '"zone": "1"' in result.stdout
    assert '"offer": "MGEN Ambre"' in result.stdout

    # The installed package reads its own copy of the data, not the checkout's.
    where = subprocess.run(
        [str(python), "-c", "from esncli import catalog; print(catalog.shipped_data_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)
