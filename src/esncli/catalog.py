"""Load the data sources once, validated, read-only afterwards.

The YAML files under ``data/`` are the sources. Parsing YAML costs 50-240 ms and PyYAML's import
another 10-60 ms, too much for a command run in shell loops, so the compiled (validated, indexed)
form of the shipped sources is kept in ``catalog_snapshot.json`` beside this module, with the
CRC-32 of each source it came from. At run time:

* with the shipped data, the snapshot is used when every CRC matches, and the YAML is compiled
  in memory otherwise (a checkout whose YAML was edited is never served stale data);
* with ``--data-dir`` / ``ESN_DATA_DIR``, the YAML there is compiled and validated in memory.

Nothing is ever written at run time; ``python -m esncli.catalog`` rewrites the snapshot and a
test checks that the committed snapshot matches the sources.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from esncli.exits import EsnError, ExitCode

SOURCES = ("zones", "contacts", "guarantees")
SNAPSHOT = Path(__file__).with_name("catalog_snapshot.json")
ENV_DATA_DIR = "ESN_DATA_DIR"


class DataError(EsnError):
    """A data file is missing, unreadable or invalid."""

    def __init__(self, file: str, where: str, problem: str) -> None:
        location = f"{file}: {where}: " if where else f"{file}: "
        super().__init__(f"invalid data: {location}{problem}", ExitCode.USAGE)
        self.file = file
        self.where = where
        self.problem = problem


def shipped_data_dir() -> Path:
    """``esncli/data`` inside an installed wheel, ``data/`` at the root of a checkout."""
    packaged = Path(__file__).with_name("data")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


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
    from esncli import contacts, parameters, zonier

    return {
        "zones": zonier.compile_zones,
        "contacts": contacts.compile_contacts,
        "guarantees": parameters.compile_guarantees,
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
        raise DataError(str(path), "", "file not found") from None
    except OSError as exc:
        raise DataError(str(path), "", f"cannot read: {exc.strerror}") from None


def parse_yaml(raw: bytes, file: str) -> tuple[Any, dict[str, int]]:
    """The document, and the line of each mapping key and list item by path ("places[3].zone")."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe: builds no Python objects
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(file, "", f"not UTF-8 text (byte {exc.start})") from None
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        document = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(file, where, f"invalid YAML: {problem}") from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if node is not None:
        _index_lines(node, "", lines)
    return document, lines


def _index_lines(node: Any, path: str, lines: dict[str, int]) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            lines[child] = key.start_mark.line + 1
            _index_lines(value, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            child = f"{path}[{i}]"
            lines[child] = item.start_mark.line + 1
            _index_lines(item, child, lines)


def line_of(where: str, lines: dict[str, int]) -> int | None:
    """The line of the longest known path that ``where`` starts with.

    ``where`` is a checker location such as "places[12] (Kenya).zone": the label in
    parentheses is dropped before matching."""
    import re

    path = re.sub(r" \([^)]*\)", "", where)
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            return None
        path = path[:cut]
    return None


def compile_source(name: str, raw: bytes, file: str) -> dict[str, Any]:
    document, lines = parse_yaml(raw, file)
    if not isinstance(document, dict):
        raise DataError(file, "", "expected a mapping at the top level" if document is not None else "the file is empty")
    try:
        return _compilers()[name](document, file)
    except DataError as exc:
        line = line_of(exc.where, lines)
        if line is None or exc.where.startswith("line "):
            raise
        raise DataError(exc.file, f"line {line}: {exc.where}", exc.problem) from None


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


if __name__ == "__main__":
    main()
