"""The data store: each source loaded once, validated, read-only afterwards.

The YAML files under ``data/`` are the sources. Parsing YAML costs 50-240 ms and PyYAML's import
another 10-60 ms, too much for a command run in shell loops, so the compiled (validated, indexed)
form of the shipped sources is kept in ``snapshot.json`` beside this module, with the CRC-32 of
each source it came from. At run time:

* with the shipped data, the snapshot is used when every CRC matches, and the YAML is compiled
  in memory otherwise (a checkout whose YAML was edited is never served stale data);
* with ``--data-dir`` / ``ESN_DATA_DIR``, the YAML there is compiled and validated in memory.

Nothing is ever written at run time; ``python -m esncli.catalog`` rewrites the snapshot and a
test checks that the committed snapshot matches the sources.

The rest of the package compiles a source; the store imports it only when one is compiled:
``yamlfile`` (safe YAML with line numbers), ``checks`` (``Checker``, shared by the compilers),
and one compiler per source (``zones``, ``contacts``, ``guarantees``). A compiler imports the
run-time module that shares its vocabulary (``zonier``, ``contacts``), never the reverse;
``guarantees`` holds its own, which ``esncli.parameters`` imports, since ``parameters.current``
reads the store.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from esncli.errors import DataError
from esncli.i18n import _

SOURCES = ("zones", "contacts", "guarantees")
SNAPSHOT = Path(__file__).with_name("snapshot.json")
ENV_DATA_DIR = "ESN_DATA_DIR"


def shipped_data_dir() -> Path:
    """``esncli/data`` inside an installed wheel, ``data/`` at the root of a checkout."""
    packaged = Path(__file__).parents[1] / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


_data_dir_override: Path | None = None
_cache: dict[str, dict[str, Any]] = {}


def set_data_dir(path: Path | None) -> None:
    """Use the sources in ``path`` (the ``--data-dir`` option); None: back to the default."""
    global _data_dir_override
    _data_dir_override = path
    _cache.clear()


def data_dir() -> Path:
    if _data_dir_override is not None:
        return _data_dir_override
    env = os.environ.get(ENV_DATA_DIR)
    return Path(env) if env else shipped_data_dir()


def _compilers() -> dict[str, Callable[[Any, str], dict[str, Any]]]:
    # Imported here: each compiler is needed only when a snapshot is rebuilt or stale.
    from esncli.catalog import contacts, guarantees, zones

    return {
        "zones": zones.compile_zones,
        "contacts": contacts.compile_contacts,
        "guarantees": guarantees.compile_guarantees,
    }


def load(name: str) -> dict[str, Any]:
    """The compiled form of source ``name`` (one of SOURCES)."""
    if name not in _cache:
        _cache[name] = _load(name)
    return _cache[name]


def _load(name: str) -> dict[str, Any]:
    directory = data_dir()
    path = directory / f"{name}.yaml"
    raw = read_source(path)
    if _data_dir_override is None and ENV_DATA_DIR not in os.environ:
        snapshot = _read_snapshot()
        entry = snapshot.get(name) if snapshot else None
        if entry is not None and entry.get("crc32") == zlib.crc32(raw):
            return entry["data"]  # type: ignore[no-any-return]
    return compile_source(name, raw, str(path))


def read_source(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(str(path), "", _("file not found")) from None
    except OSError as exc:
        raise DataError(str(path), "", _("cannot read: {reason}").format(reason=exc.strerror)) from None


def compile_source(name: str, raw: bytes, file: str) -> dict[str, Any]:
    """Parse, validate and index one source (``file`` names it in error messages)."""
    from esncli.catalog.yamlfile import line_of, parse_yaml

    document, lines = parse_yaml(raw, file)
    if not isinstance(document, dict):
        raise DataError(file, "", _("expected a mapping at the top level") if document is not None else _("the file is empty"))
    try:
        return _compilers()[name](document, file)
    except DataError as exc:
        line = line_of(exc.entry, lines)
        if line is None or exc.line is not None:
            raise
        raise DataError(exc.file, exc.entry, exc.problem, line=line) from None


def _read_snapshot() -> dict[str, Any] | None:
    try:
        return json.loads(SNAPSHOT.read_bytes())  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def build_snapshot(directory: Path | None = None) -> dict[str, Any]:
    directory = directory or shipped_data_dir()
    snapshot: dict[str, Any] = {}
    for name in SOURCES:
        path = directory / f"{name}.yaml"
        raw = read_source(path)
        snapshot[name] = {"crc32": zlib.crc32(raw), "data": compile_source(name, raw, f"data/{path.name}")}
    return snapshot


def snapshot_text(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main() -> None:
    """``python -m esncli.catalog``: rewrite the snapshot from data/*.yaml."""
    SNAPSHOT.write_text(snapshot_text(build_snapshot()), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
