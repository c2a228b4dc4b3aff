"""The one place the tests learn the estimate kinds and the guide's examples from.

- ``KINDS``: the estimate kinds, in ``esncli.rules.kinds`` order.
- ``CASES``: every case of ``tests/cases/<kind>.yaml``, loaded and checked (``Case``).
- ``MATTHIEU``, ``PIERRE``, ``CHANTAL``: the guide's three worked examples as ``esn estimate``
  arguments, made from their cases' inputs (``MATTHIEU_INPUT``...); ``EXAMPLES``: one
  representative example per kind, the same way; ``EXPLAINED_EXAMPLES``: the set the language
  snapshots use (the death capital with a child, so that its supplement's steps are shown).

The cases (OpenFisca's YAML tests, as ``docs/design.md`` asks): a file per kind, a list of::

    - name: pierre                  # unique in its file; the test id is "<kind>-<name>"
      source: "Guide, ..."          # where the figures come from; "boundary: ..." with the arithmetic
      example: true                 # one of the guide's worked examples (optional)
      on: 2023-06-30                # the parameters in force on that date (default 2024-01-01)
      input: {base_salary: 2140, bonuses: 600, pension: 8123, rate: 37}
      output: {category: IPP, annual_amount: 5658.60, eligible: true}   # only what the guide or the boundary gives
      warnings_contain: [...]       # substrings of some warning (optional)
      warnings_absent: [...]        # substrings of no warning (optional)
      no_warnings: true             # no warning at all (optional)
      reasons_contain: [...]        # substrings of some reason (optional)
      error: rate                   # instead of output: refused, InputError naming this field

Inputs are the estimate's input names; a money input the CLI takes several times (``summed``) may
be a list (Matthieu's half pay and maintained bonuses). Numbers with a decimal point are read as
``Decimal`` from their text (``1051.50`` stays 1051.50), whole numbers as ``int``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from esncli import parameters
from esncli.rules.kinds import ESTIMATES, REGISTRY
from esncli.rules.model import Estimate

KINDS: tuple[str, ...] = tuple(estimate.kind for estimate in ESTIMATES)
CASES_DIR = Path(__file__).parent / "cases"
DEFAULT_ON = dt.date(2024, 1, 1)
CENT = Decimal("0.01")


# --- reading the YAML -------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """YAML with numbers as the guide writes them: ``1051.50`` a Decimal from its text (a float
    would lose the cents' meaning), and only ``true`` / ``false`` as booleans (YAML 1.1 also takes
    ``on``, ``yes``, ``no``: ``on:`` is a key here)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_Loader.add_constructor("tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node)))

_KEYS = {
    "name",
    "source",
    "example",
    "on",
    "input",
    "output",
    "warnings_contain",
    "warnings_absent",
    "no_warnings",
    "reasons_contain",
    "error",
}


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    source: str
    input: Mapping[str, Any]
    output: Mapping[str, Any] = field(default_factory=dict)
    on: dt.date = DEFAULT_ON
    example: bool = False
    warnings_contain: tuple[str, ...] = ()
    warnings_absent: tuple[str, ...] = ()
    no_warnings: bool = False
    reasons_contain: tuple[str, ...] = ()
    error: str | None = None

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.name}"

    @property
    def estimate(self) -> Estimate[Any, Any, Any]:
        return REGISTRY[self.kind]

    @cached_property
    def params(self) -> parameters.Parameters:
        return parameters.current(self.on)

    def __repr__(self) -> str:
        return f"<case {self.id}>"


def load_cases(folder: Path = CASES_DIR) -> tuple[Case, ...]:
    """Every case, in kind order then file order; AssertionError for a file that says something
    the estimate does not know (a misspelt input must not silently drop out)."""
    files = {path.stem for path in folder.glob("*.yaml")}
    assert files == set(KINDS), f"one case file per kind: {sorted(files ^ set(KINDS))}"
    cases = []
    for kind in KINDS:
        path = folder / f"{kind}.yaml"
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        names = set()
        for entry in entries:
            case = _case(kind, entry, path)
            assert case.name not in names, f"{path.name}: {case.name} twice"
            names.add(case.name)
            cases.append(case)
    return tuple(cases)


def _case(kind: str, entry: Mapping[str, Any], path: Path) -> Case:
    where = f"{path.name}: {entry.get('name')!r}"
    assert set(entry) <= _KEYS, f"{where}: unknown keys {sorted(set(entry) - _KEYS)}"
    assert entry.get("name") and entry.get("source"), f"{where}: a name and a source"
    estimate = REGISTRY[kind]
    inputs = {spec.name: spec for spec in estimate.input_fields}
    outputs = {spec.name for spec in estimate.output_fields} | {"eligible"}
    given = dict(entry.get("input") or {})
    assert set(given) <= set(inputs), f"{where}: not inputs of {kind}: {sorted(set(given) - set(inputs))}"
    for name, value in given.items():
        assert not isinstance(value, list) or getattr(inputs[name], "summed", False), f"{where}: {name} is given once"
    expected = dict(entry.get("output") or {})
    assert set(expected) <= outputs, f"{where}: not outputs of {kind}: {sorted(set(expected) - outputs)}"
    error = entry.get("error")
    if error is None:
        assert expected, f"{where}: an output, or an error"
    else:
        assert not expected and error in inputs, f"{where}: an error names an input of {kind}, and no output"
    on = entry.get("on", DEFAULT_ON)
    assert isinstance(on, dt.date), f"{where}: on is an ISO date"
    return Case(
        kind=kind,
        name=str(entry["name"]),
        source=str(entry["source"]),
        input=given,
        output=expected,
        on=on,
        example=bool(entry.get("example", False)),
        warnings_contain=tuple(entry.get("warnings_contain", ())),
        warnings_absent=tuple(entry.get("warnings_absent", ())),
        no_warnings=bool(entry.get("no_warnings", False)),
        reasons_contain=tuple(entry.get("reasons_contain", ())),
        error=error,
    )


CASES: tuple[Case, ...] = load_cases()


def case(kind: str, name: str) -> Case:
    return next(c for c in CASES if c.kind == kind and c.name == name)


# --- a case's inputs at each front door --------------------------------------------------------


def text(value: Any) -> str:
    """A value as one types it: 2140, 1051.50, true."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def python_values(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs as a Python caller gives them (numbers; a list given several times, summed
    as the CLI sums it)."""
    return {name: sum(Decimal(text(v)) for v in value) if isinstance(value, list) else value for name, value in inputs.items()}


def cells(inputs: Mapping[str, Any]) -> dict[str, str]:
    """The inputs as a CSV row's cells (a list given several times: its sum, one cell)."""
    return {name: text(value) for name, value in python_values(inputs).items()}


def cli_args(kind: str, inputs: Mapping[str, Any]) -> list[str]:
    """``esn estimate`` arguments: the kind, then each input's option in the order given, a flag
    without a value (left out when false), a list as the option repeated."""
    estimate = REGISTRY[kind]
    args = [kind]
    for name, value in inputs.items():
        spec = estimate.input(name)
        if spec.kind == "flag":
            args += [spec.option] if value else []
        else:
            for one in value if isinstance(value, list) else [value]:
                args += [spec.option, text(one)]
    return args


# --- the guide's worked examples, and one example per kind --------------------------------------

MATTHIEU_INPUT = case("daily-allowance", "matthieu").input  # reference 4 431, resources 1 354 + 1 051,50
PIERRE_INPUT = case("invalidity", "pierre").input  # TIB 2 140, bonuses 600, pension 8 123, rate 37 %: IPP
CHANTAL_INPUT = case("invalidity", "chantal").input  # TIB 2 500, bonuses 300, pension 15 000, rate 60 %: IPT

MATTHIEU = cli_args("daily-allowance", MATTHIEU_INPUT)
PIERRE = cli_args("invalidity", PIERRE_INPUT)
CHANTAL = cli_args("invalidity", CHANTAL_INPUT)

# As CSV cells: Pierre as typed; Chantal as a French spreadsheet writes the same figures.
PIERRE_CELLS = cells(PIERRE_INPUT)
CHANTAL_FRENCH_CELLS = {"base_salary": "2 500", "bonuses": "300", "pension": "15000,00", "rate": "60"}

_REPRESENTATIVE = {
    "daily-allowance": "matthieu",
    "invalidity": "pierre",
    "autonomy": "active-two-quarters",
    "dependency": "retired-gir-1-48-months-8-at-home",
    "death-capital": "retired-no-child",
    "social-loan": "social-loan-by-default",
}
EXAMPLES: dict[str, list[str]] = {kind: cli_args(kind, case(kind, name).input) for kind, name in _REPRESENTATIVE.items()}
EXPLAINED_EXAMPLES: dict[str, list[str]] = {
    **EXAMPLES,
    "death-capital": cli_args("death-capital", case("death-capital", "cta-one-child").input),
}
assert list(EXAMPLES) == list(KINDS)
