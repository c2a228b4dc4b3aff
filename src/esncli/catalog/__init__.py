"""The data store: each source loaded once, validated, read-only afterwards.

The YAML files under ``data/`` are the sources. Parsing YAML costs 50-240 ms and PyYAML's import
another 10-60 ms, too much for a command run in shell loops, so the compiled (validated, indexed)
form of the shipped sources is kept in ``snapshot.jsonl`` beside this module: a first line that
indexes it (for each source, the CRC-32 of the YAML it came from and the CRC-32 of its compiled
data's line), then one line of compiled data per source. At run time:

* with the shipped data, a source's line is used when the YAML's CRC and the line's own CRC
  both match, and the YAML is compiled in memory otherwise: a checkout whose YAML was edited is
  never served stale data, and a snapshot whose content was altered (a figure changed by hand)
  is never served at all (``esn data check`` reports it). A CRC, not a SHA: both catch an edit
  that does not also rewrite the checksum beside it, neither stops a forger who can write the
  file, and hashlib's OpenSSL would add 4 ms to every command;
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
import stat
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from esncli.errors import DataError
from esncli.i18n import _

SOURCES = ("zones", "contacts", "guarantees")
SNAPSHOT = Path(__file__).with_name("snapshot.jsonl")
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
        found = snapshot_data(name, zlib.crc32(raw))
        if found is not None:
            return found
    return compile_source(name, raw, str(path))


MAX_SOURCE_BYTES = 8 << 20  # the shipped sources are under 200 KB each


def read_source(path: Path) -> bytes:
    """A data source's bytes: a regular file (a FIFO would block, /dev/zero never end) of at most
    MAX_SOURCE_BYTES; DataError naming the file otherwise."""
    try:
        # O_NONBLOCK: opening a FIFO returns at once (to be refused below) instead of waiting.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DataError(str(path), "", _("file not found")) from None
    except OSError as exc:
        raise DataError(str(path), "", _("cannot read: {reason}").format(reason=exc.strerror)) from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise DataError(str(path), "", _("not a regular file (a data source is a YAML file)"))
        try:
            raw = file.read(MAX_SOURCE_BYTES + 1) if info.st_size <= MAX_SOURCE_BYTES else b""
        except OSError as exc:
            raise DataError(str(path), "", _("cannot read: {reason}").format(reason=exc.strerror)) from None
    if info.st_size > MAX_SOURCE_BYTES or len(raw) > MAX_SOURCE_BYTES:  # too large, or it grew while read
        raise DataError(str(path), "", _("larger than {limit} MiB: not one of esn's data files").format(limit=MAX_SOURCE_BYTES >> 20))
    return raw


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


def snapshot_data(name: str, source_crc: int) -> dict[str, Any] | None:
    """Source ``name``'s compiled data from the shipped snapshot, if it was compiled from a YAML
    whose CRC is ``source_crc`` and its line is intact; None otherwise (the YAML is compiled)."""
    try:
        entry, line = _snapshot_line(name)
        if entry["source_crc32"] != source_crc or entry["data_crc32"] != zlib.crc32(line):
            return None
        data = json.loads(line)
    except (OSError, ValueError, LookupError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def snapshot_state(name: str, raw: bytes, compiled: dict[str, Any]) -> str:
    """What ``esn data check`` says of the shipped snapshot's line for source ``name`` (its YAML's
    bytes ``raw``, compiled to ``compiled``): "ok"; "stale" (the YAML was edited since: the YAML
    is used until ``python -m esncli.catalog``); or "altered" (the line does not hold what its
    YAML compiles to, or not what was written: it is never used)."""
    try:
        entry, line = _snapshot_line(name)
        if entry["source_crc32"] != zlib.crc32(raw):
            return "stale"
        intact = entry["data_crc32"] == zlib.crc32(line) and json.loads(line) == compiled
    except (OSError, ValueError, LookupError, TypeError):
        intact = False
    return "ok" if intact else "altered"


def _snapshot_line(name: str) -> tuple[dict[str, Any], bytes]:
    """Source ``name``'s index entry and its line of data, as the snapshot file holds them."""
    index, *lines = SNAPSHOT.read_bytes().split(b"\n")
    entry = json.loads(index)["sources"][name]
    return entry, lines[entry["line"]]


def build_snapshot(directory: Path | None = None) -> dict[str, Any]:
    """Each source's compiled data and the CRC-32 of the YAML it came from."""
    directory = directory or shipped_data_dir()
    snapshot: dict[str, Any] = {}
    for name in SOURCES:
        path = directory / f"{name}.yaml"
        raw = read_source(path)
        snapshot[name] = {"crc32": zlib.crc32(raw), "data": compile_source(name, raw, f"data/{path.name}")}
    return snapshot


def snapshot_text(snapshot: dict[str, Any]) -> str:
    """The snapshot file: its index line, then one line of compiled data per source."""
    lines = [json.dumps(snapshot[name]["data"], ensure_ascii=False, sort_keys=True, separators=(",", ":")) for name in SOURCES]
    index = {
        "sources": {
            name: {"source_crc32": snapshot[name]["crc32"], "data_crc32": zlib.crc32(line.encode()), "line": number}
            for number, (name, line) in enumerate(zip(SOURCES, lines, strict=True))
        }
    }
    return "\n".join([json.dumps(index, sort_keys=True, separators=(",", ":")), *lines]) + "\n"


def main() -> None:
    """``python -m esncli.catalog``: rewrite the snapshot from data/*.yaml."""
    SNAPSHOT.write_text(snapshot_text(build_snapshot()), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
