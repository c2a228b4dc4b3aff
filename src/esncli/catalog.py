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
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from esncli.errors import DataError
from esncli.i18n import _

SOURCES = ("zones", "contacts", "guarantees")
SNAPSHOT = Path(__file__).with_name("catalog_snapshot.json")
ENV_DATA_DIR = "ESN_DATA_DIR"


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
        raise DataError(str(path), "", _("file not found")) from None
    except OSError as exc:
        raise DataError(str(path), "", _("cannot read: {reason}").format(reason=exc.strerror)) from None


# A document may reuse a value with an anchor and aliases (&sad / *sad), but expanded it stays
# small: a "billion laughs" file, or an alias inside itself, would make every walk of it hang.
MAX_EXPANDED_NODES = 1_000_000


def parse_yaml(raw: bytes, file: str) -> tuple[Any, dict[str, int]]:
    """The document, and the line of each mapping key and list item by path ("places[3].zone")."""
    import yaml

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problem = _("not UTF-8 text (byte {offset}, {byte}); save the file as UTF-8").format(
            offset=exc.start, byte=f"0x{raw[exc.start]:02x}"
        )
        raise DataError(file, "", problem, line=line) from None
    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_expansion(node, file)
        document = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(file, "", _yaml_problem(exc), line=mark.line + 1 if mark is not None else None) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if node is not None:
        _index_lines(node, "", lines, file)
    return document, lines


_LOADER: Any = None


def _loader_class() -> Any:
    """The safe loader (the C one when available): it builds no Python object from a tag such as
    ``!!python/object``. Dates are left as text, so that a bad one (2023-13-01) is reported by the
    checks, with its line, rather than raised by PyYAML without one."""
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        _LOADER = type("EsnLoader", (base,), {})
        _LOADER.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    return _LOADER


def _yaml_problem(exc: Exception) -> str:
    problem = str(getattr(exc, "problem", None) or exc)
    tag = re.search(r"could not determine a constructor for the tag '([^']*)'", problem)
    if tag:
        name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
        return _("the tag {tag} is not allowed (esn data holds plain text, numbers, lists and mappings)").format(tag=name)
    return _("invalid YAML: {problem}").format(problem=problem)


def _check_expansion(root: Any, file: str) -> None:
    """Refuse an alias inside itself and a document whose aliases expand it past MAX_EXPANDED_NODES."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            open_nodes.discard(key)
            if sizes[key] > MAX_EXPANDED_NODES:
                problem = _("the aliases expand the document past {limit} values").format(limit=MAX_EXPANDED_NODES)
                raise DataError(file, "", problem, line=node.start_mark.line + 1)
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise DataError(file, "", _("an alias refers to a value that contains it"), line=node.start_mark.line + 1)
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def _children(node: Any) -> list[Any]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _index_lines(node: Any, path: str, lines: dict[str, int], file: str) -> None:
    """Index the line of every path; refuse a key written twice in one mapping (YAML would keep
    the last silently: a place that says ``zone`` twice is an error, not a choice)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            line = key.start_mark.line + 1
            if isinstance(key.value, str):
                if key.value in first:
                    problem = _("duplicate key {key!r} (first on line {line})").format(key=key.value, line=first[key.value])
                    raise DataError(file, child, problem, line=line)
                first[key.value] = line
            lines[child] = line
            _index_lines(value, child, lines, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            child = f"{path}[{i}]"
            lines[child] = item.start_mark.line + 1
            _index_lines(item, child, lines, file)


def line_of(where: str, lines: dict[str, int]) -> int | None:
    """The line of the longest known path that ``where`` starts with.

    ``where`` is a checker location such as "places[12] (Kenya).zone": the label in
    parentheses is dropped before matching."""
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


if __name__ == "__main__":
    main()
