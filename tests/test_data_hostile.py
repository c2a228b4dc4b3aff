"""Data that cannot lie (issue 11): a compiled snapshot whose content was altered is never served
and `esn data check` reports it; a --data-dir holding a FIFO, a device, a huge file or a figure
no rule can compute with is refused at once, naming the file, exit 2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esncli import catalog
from esncli.cli import app

pytestmark = pytest.mark.timeout(60)
DATA = Path(__file__).resolve().parents[1] / "data"
AUTONOMY = ["estimate", "autonomy", "--status", "active", "--age", "45", "--quarters", "6"]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def altered_snapshot(tmp_path: Path, keep_crc: bool) -> Path:
    """The shipped snapshot with the PTA's quarterly amount set to -400 (its line's CRC left as it
    was, or written anew as a forger would)."""
    index, zones, contacts, guarantees, end = catalog.SNAPSHOT.read_bytes().split(b"\n")
    assert b'"","400"' in guarantees
    changed = guarantees.replace(b'"","400"', b'"","-400"', 1)
    if not keep_crc:
        index = index.replace(str(zlib.crc32(guarantees)).encode(), str(zlib.crc32(changed)).encode())
    path = tmp_path / "snapshot.jsonl"
    path.write_bytes(b"\n".join([index, zones, contacts, changed, end]))
    return path


def test_the_shipped_snapshot_is_what_esn_serves(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the shipped data, the snapshot's lines are used: no YAML is compiled."""
    catalog.set_data_dir(None)

    def refuse(*args: object) -> None:
        raise AssertionError("compiled the YAML")

    monkeypatch.setattr(catalog, "compile_source", refuse)
    assert catalog.load("guarantees")["parameters"]["autonomy.quarterly_amount"]["values"] == [["", "400"]]


def test_an_altered_snapshot_is_never_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "SNAPSHOT", altered_snapshot(tmp_path, keep_crc=True))
    catalog.set_data_dir(None)
    assert catalog.load("guarantees")["parameters"]["autonomy.quarterly_amount"]["values"] == [["", "400"]]
    code, output = invoke(*AUTONOMY, "--json")
    assert code == 0 and '"quarterly_amount": 400.00' in output


@pytest.mark.parametrize("keep_crc", [True, False], ids=["crc-left", "crc-rewritten"])
def test_data_check_reports_an_altered_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_crc: bool) -> None:
    monkeypatch.setattr(catalog, "SNAPSHOT", altered_snapshot(tmp_path, keep_crc))
    code, output = invoke("data", "check")
    assert code == 2
    assert "snapshot.jsonl: its guarantees data is not what guarantees.yaml compiles to" in output


def copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def test_a_fifo_in_place_of_a_source_is_refused_at_once(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    (folder / "guarantees.yaml").unlink()
    os.mkfifo(folder / "guarantees.yaml")
    # A real process: if esn waited on the FIFO (it has no writer), the timeout would say so.
    done = subprocess.run(
        [sys.executable, "-m", "esncli", *AUTONOMY, "--data-dir", str(folder)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 2
    assert "guarantees.yaml: not a regular file" in done.stderr


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    (folder / "zones.yaml").unlink()
    (folder / "zones.yaml").symlink_to("/dev/zero")
    code, output = invoke("zone", "lookup", "Kenya", "--data-dir", str(folder))
    assert code == 2 and "zones.yaml: not a regular file" in output


def test_a_huge_source_is_refused_without_being_read(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    with (folder / "contacts.yaml").open("ab") as f:
        f.truncate(catalog.MAX_SOURCE_BYTES + 1)  # sparse: no disk, no time
    code, output = invoke("data", "check", "--data-dir", str(folder))
    assert code == 2 and "contacts.yaml: larger than 8 MiB" in output


@pytest.mark.parametrize("figure", ["1e400", '"1e400"', "123456789012.5", "0.1234567890123456"])
def test_a_figure_no_rule_can_compute_with_is_refused(tmp_path: Path, figure: str) -> None:
    folder = copy_data(tmp_path)
    text = (folder / "guarantees.yaml").read_text(encoding="utf-8")
    (folder / "guarantees.yaml").write_text(text.replace("        guide: 400\n", f"        guide: {figure}\n", 1), encoding="utf-8")
    code, output = invoke("data", "check", "--data-dir", str(folder))
    assert code == 2 and "autonomy.quarterly_amount.values.guide" in output, output
    code, output = invoke(*AUTONOMY, "--data-dir", str(folder))
    assert code == 2 and "invalid data" in output and "internal error" not in output
