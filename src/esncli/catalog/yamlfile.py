"""Data files read as YAML, safely and with line numbers.

Only the safe loader (the C one when available): no tag builds a Python object. The document
comes back with the line of every mapping key and list item, so that a check that fails deep in
a compiler still names its line. Refused here, each with its line: bytes that are not UTF-8, a
key written twice in one mapping, an alias inside itself and aliases that expand the document
past ``MAX_EXPANDED_NODES``. PyYAML is imported only when a file is parsed (start-up time).
"""

from __future__ import annotations

import re
from typing import Any

from esncli.errors import DataError
from esncli.i18n import _

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
