"""The estimates as Python functions, for scripts and notebooks: the same rules, parser and
zone lookup as ``esn estimate ...``, ``esn zone lookup`` and ``esn estimate batch``.

Example::

    from esncli import api

    result = api.invalidity(base_salary="2 140", bonuses=600, pension=8123, rate=37)
    print(result.outputs["category"], result.outputs["annual_amount"])  # IPP and a Decimal
    for step in result.steps:
        print(step.label, step.formula_text(), step.amount)

    print(api.zone("Kenya")["zone"])  # the cost zone: "1", "2", "3" or "COM"

    rows = [
        {"member": "A-1", "kind": "invalidity", "base_salary": 2140, "bonuses": 600, "pension": 8123, "rate": 37},
        {"member": "A-2", "kind": "social-loan", "amount": "-5"},
        {"member": "A-3", "kind": "zone", "country": "Brésil"},
    ]
    for row in api.batch_rows(rows):
        print(row["member"], row["error"] or "ok")

Inputs are the single commands' options in snake_case, as numbers (``int``, ``Decimal``; a
``float`` is read through its shortest text) or text (``"1 234,50"``). A bad input raises
``InputError`` (an ``EsnError``) whose message names the field; ``batch_rows`` never raises for
a bad row: it puts the message in the row's ``error`` key instead.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from esncli.errors import EsnError
from esncli.rules.model import Result
from esncli.rules.registry import REGISTRY, InputError, run

__all__ = [
    "EsnError",
    "InputError",
    "Result",
    "autonomy",
    "batch_rows",
    "daily_allowance",
    "death_capital",
    "dependency",
    "estimate",
    "invalidity",
    "kinds",
    "social_loan",
    "zone",
]


def kinds() -> tuple[str, ...]:
    """The estimate kinds: ``daily-allowance``, ``invalidity``, ``autonomy``, ``dependency``,
    ``death-capital``, ``social-loan``."""
    return tuple(REGISTRY)


def estimate(kind: str, /, params: Any = None, **fields: Any) -> Result:
    """One estimate of ``kind`` from its inputs (snake_case keyword arguments).

    ``params``: the parameters to use (``esncli.parameters.current(on=date)``), today's by
    default. Returns the rule's ``Result`` (``outputs``, ``eligible``, ``steps``, ``warnings``,
    ``reasons``; ``to_json()`` gives the ``--json`` form). Raises ``InputError`` for an unknown
    kind or a missing, invalid or out-of-range input, ``TypeError`` for an unknown field (a
    typo must not silently drop an input)."""
    if kind in REGISTRY:
        _check_names(kind.replace("-", "_"), kind, fields)
    return run(kind, fields, params)


def _check_names(function: str, kind: str, fields: Mapping[str, Any]) -> None:
    known = {spec.name for spec in REGISTRY[kind].specs}
    unknown = [name for name in fields if name not in known]
    if unknown:
        raise TypeError(f"{function}() got an unexpected keyword argument {unknown[0]!r} (inputs: {', '.join(sorted(known))})")


def zone(country: str) -> dict[str, Any]:
    """The zone lookup of ``esn zone lookup --json``: name_fr, name_en, iso2, iso3, status, zone,
    column, offer, cost, network, group, note, plus ``warnings`` (a list: a fuzzy match is
    said there). Raises ``EsnError`` when the country is unknown or ambiguous (the message
    lists the candidates)."""
    from esncli.batch import ZONE_KIND

    record: dict[str, Any] = _engine().results(ZONE_KIND, {"country": country})
    return record


def batch_rows(rows: Iterable[Mapping[str, Any]], *, steps: bool = False) -> Iterator[dict[str, Any]]:
    """Estimate each mapping like a batch row, lazily and in order (a generator: it holds one
    row at a time, so it can stream a large CSV read with ``csv.DictReader``).

    Each row needs a ``kind`` (an estimate kind or ``zone`` with ``country``); empty strings and
    ``None`` mean "not given". Yields a new dict: the row's keys, then the result keys of its kind
    (``eligible``, the amounts as ``Decimal`` rounded to the cent, ``warnings`` and ``reasons``
    as lists; the zone lookup keys for ``zone``; ``steps`` when asked) and ``error``: ``None``,
    or why the row failed. A result key already used by the row is renamed ``result_<key>``."""
    from esncli.batch import rows as batch

    return batch(rows, steps=steps)


# One engine keeps the zonier once loaded (and cached lookups) for every zone() call.
_shared: list[Any] = []


def _engine() -> Any:
    if not _shared:
        from esncli.batch import Engine

        _shared.append(Engine())
    return _shared[0]


def _per_kind(kind: str) -> Callable[..., Result]:
    spec = REGISTRY[kind]

    name = kind.replace("-", "_")

    def function(params: Any = None, **fields: Any) -> Result:
        _check_names(name, kind, fields)
        return run(kind, fields, params)

    function.__name__ = function.__qualname__ = name
    parameters = [
        inspect.Parameter(s.name, inspect.Parameter.KEYWORD_ONLY, default=inspect.Parameter.empty if s.required else s.default)
        for s in spec.specs
    ]
    parameters.append(inspect.Parameter("params", inspect.Parameter.KEYWORD_ONLY, default=None))
    function.__signature__ = inspect.Signature(parameters, return_annotation=Result)  # type: ignore[attr-defined]
    lines = [f"{spec.title}: ``estimate({kind!r}, ...)`` with keyword arguments.", "", "Inputs:"]
    for s in spec.specs:
        extra = "" if s.required else f" (optional, default {s.default!r})"
        choices = f" One of: {', '.join(s.choices)}." if s.choices else ""
        lines.append(f"    {s.name}: {s.help}{extra}.{choices}".replace("..", "."))
    lines += ["", f"Outputs (``result.outputs``): {', '.join(spec.outputs)}.", "Raises InputError for a missing or invalid input."]
    function.__doc__ = "\n".join(lines)
    return function


daily_allowance = _per_kind("daily-allowance")
invalidity = _per_kind("invalidity")
autonomy = _per_kind("autonomy")
dependency = _per_kind("dependency")
death_capital = _per_kind("death-capital")
social_loan = _per_kind("social-loan")
