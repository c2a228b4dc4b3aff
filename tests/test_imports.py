"""esncli's modules import one another in layers: no cycle, function-level imports included.

An import inside a function runs later than one at the top of a module, but it is a dependency
all the same: a cycle through it is a knot a reader has to untie to see which module is below
which. Read statically with ``ast``:

- every ``import`` and ``from ... import ...`` counts, wherever it is written (module level, in a
  function, in a class), except inside an ``if TYPE_CHECKING:`` block (never run);
- relative imports are resolved against the importing module's package;
- ``from esncli import catalog`` is an edge to ``esncli.catalog`` (a module), ``from
  esncli.catalog import load`` an edge to ``esncli.catalog`` (``load`` is not a module);
- importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` too: those packages are edges as
  well, unless they are packages of the importing module itself (the implicit edge from a
  submodule to its parent package is not counted).

Dynamic imports (``importlib.import_module`` of the lazy subcommands) are not read.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "esncli"


def module_files(root: Path = SRC / PACKAGE) -> dict[str, Path]:
    """Module name -> file, for every module under ``root`` (a package is its __init__.py)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:  # the else of `if TYPE_CHECKING:` does run
                yield from _import_nodes_of(other)
            continue
        yield from _import_nodes_of(child)


def _import_nodes_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node
    else:
        yield from _import_nodes(node)


def imported_names(source: str, module: str, is_package: bool) -> Iterator[tuple[str, int]]:
    """(dotted name that an import statement makes Python load, line): ``a.b`` for ``import a.b``,
    ``a.b`` and ``a.b.c`` for ``from a.b import c`` (c may be a module or a name in a.b)."""
    package = module if is_package else module.rpartition(".")[0]
    for node in _import_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
            continue
        if node.level:
            base_parts = package.split(".")
            base_parts = base_parts[: len(base_parts) - (node.level - 1)]
            base = ".".join([*base_parts, *([node.module] if node.module else [])])
        else:
            base = node.module or ""
        yield base, node.lineno
        for alias in node.names:
            if alias.name != "*":
                yield f"{base}.{alias.name}", node.lineno


def edges_of(module: str, source: str, modules: set[str], is_package: bool) -> dict[str, int]:
    """The esncli modules ``module`` imports -> the line of the first import of each."""
    own_packages = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
    if is_package:
        own_packages.add(module)
    edges: dict[str, int] = {}
    for name, line in imported_names(source, module, is_package):
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            target = ".".join(parts[:i])
            if target in modules and target not in own_packages and target != module:
                edges.setdefault(target, line)
    return edges


def import_graph() -> dict[str, dict[str, int]]:
    files = module_files()
    names = set(files)
    return {module: edges_of(module, path.read_text(encoding="utf-8"), names, path.name == "__init__.py") for module, path in files.items()}


def reachable(graph: dict[str, dict[str, int]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def cycles(graph: dict[str, dict[str, int]], limit: int = 100) -> list[list[str]]:
    """Every elementary cycle (up to ``limit``), each once, from its smallest module: [a, b, a]."""
    reach = {node: reachable(graph, node) for node in graph}
    found: list[list[str]] = []
    for start in sorted(graph):
        # Only the modules in a cycle with `start` (its strongly connected component), and only
        # the cycles whose smallest module is `start`: each cycle is found from one place only.
        knot = {node for node in reach[start] if start in reach[node] and node >= start}
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack and len(found) < limit:
            node, path = stack.pop()
            for target in sorted(graph[node], reverse=True):
                if target == start:
                    found.append([*path, start])
                elif target in knot and target not in path:
                    stack.append((target, [*path, target]))
    return sorted(found)


def describe(cycle: list[str], graph: dict[str, dict[str, int]], files: dict[str, Path]) -> str:
    steps = ", ".join(f"{files[a].relative_to(SRC).as_posix()}:{graph[a][b]} imports {b}" for a, b in itertools.pairwise(cycle))
    return f"{' -> '.join(cycle)}\n    ({steps})"


def test_no_import_cycle_among_esncli_modules() -> None:
    graph = import_graph()
    files = module_files()
    found = cycles(graph)
    assert not found, f"{len(found)} import cycles among esncli's modules:\n" + "\n".join(describe(c, graph, files) for c in found)


def test_errors_imports_nothing_of_esncli_but_i18n() -> None:
    """Every module may raise an EsnError: errors.py must stay at the bottom."""
    assert set(import_graph()["esncli.errors"]) <= {"esncli.i18n"}


def test_the_run_time_modules_never_import_the_store() -> None:
    """zonier, contacts and countries answer from data they are given; the compilers in
    esncli.catalog import their vocabulary, not the other way round."""
    graph = import_graph()
    for module in ("esncli.zonier", "esncli.contacts", "esncli.countries"):
        assert not [m for m in graph[module] if m == "esncli.catalog" or m.startswith("esncli.catalog.")], module


def test_the_graph_sees_imports_inside_functions_and_across_packages() -> None:
    """Not vacuous: edges known to exist are found."""
    graph = import_graph()
    assert "esncli.catalog" in graph["esncli.parameters"]  # in current(), a function
    assert "esncli.cli.zone" in graph["esncli.cli.contact"]  # module level, across the cli package
    assert "esncli.i18n" in graph["esncli.errors"]


def test_how_imports_are_read() -> None:
    modules = {"esncli", "esncli.a", "esncli.b", "esncli.c", "esncli.p", "esncli.p.q", "esncli.p.r", "esncli.t"}
    source = """
from typing import TYPE_CHECKING
from esncli import a
import esncli.p.q
from . import r
from .. import c
if TYPE_CHECKING:
    from esncli import t
else:
    import esncli.b

def later():
    from esncli.p.r import name
"""
    # In esncli.p.x: `from . import r` is esncli.p.r; `from .. import c` is esncli.c; esncli.p is
    # its own package (not counted), esncli.t only for the type checker.
    edges = edges_of("esncli.p.x", source, modules, is_package=False)
    assert set(edges) == {"esncli.a", "esncli.p.q", "esncli.p.r", "esncli.c", "esncli.b"}
    # From outside the package, `import esncli.p.q` runs esncli/p/__init__ too.
    assert set(edges_of("esncli.z", "import esncli.p.q\nfrom esncli.p import name\n", modules, is_package=False)) == {
        "esncli.p",
        "esncli.p.q",
    }
    # In a package's __init__, `from . import q` is its own submodule.
    assert set(edges_of("esncli.p", "from . import q\n", modules, is_package=True)) == {"esncli.p.q"}


def test_cycles_are_each_reported_once() -> None:
    graph = {"a": {"b": 1}, "b": {"a": 2, "c": 3}, "c": {"b": 4}, "d": {"d": 5}, "e": {}}
    assert cycles(graph) == [["a", "b", "a"], ["b", "c", "b"], ["d", "d"]]
    knot = {"x": {"y": 1, "z": 2}, "y": {"z": 3}, "z": {"x": 4}}
    assert cycles(knot) == [["x", "y", "z", "x"], ["x", "z", "x"]]
