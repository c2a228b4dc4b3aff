"""The estimates as Python functions, for scripts and notebooks: the same declarations, parser,
rules and zone policy as ``esn estimate ...``, ``esn zone lookup`` and ``esn estimate batch``.

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

The functions, their keyword arguments and docstrings are derived from the estimates'
declarations (``esncli.rules``); ``api.pyi`` describes them for type checkers (``python -m
esncli.stubs`` rewrites it; a test keeps it current).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from esncli.errors import EsnError, InputError, PlaceError
from esncli.rules.kinds import ESTIMATES, REGISTRY, estimate_of
from esncli.rules.model import Estimate, Result

__all__ = [  # noqa: PLE0604 - the per-kind functions are made on first use (__getattr__)
    "EsnError",
    "InputError",
    "PlaceError",
    "Result",
    "batch_rows",
    "estimate",
    "estimate_frame",
    "kinds",
    "zone",
    *(declared.function_name for declared in ESTIMATES),
]


def kinds() -> tuple[str, ...]:
    """The estimate kinds: ``daily-allowance``, ``invalidity``, ``autonomy``, ``dependency``,
    ``death-capital``, ``social-loan``."""
    return tuple(REGISTRY)


def estimate(kind: str, /, params: Any = None, *, on: Any = None, **fields: Any) -> Result[Any, Any]:
    """One estimate of ``kind`` from its inputs (snake_case keyword arguments).

    ``on``: the date of the event (a ``datetime.date`` or "2023-07-01"): the parameters in force
    that day (``--on``); ``params``: the parameters themselves (``esncli.parameters.current(on)``);
    today's by default. Returns the rule's ``Result`` (``outputs``, ``eligible``, ``steps``, ``warnings``,
    ``reasons``; ``to_json()`` gives the ``--json`` form). Raises ``InputError`` for an unknown
    kind or a missing, invalid or out-of-range input, ``TypeError`` for an unknown field (a
    typo must not silently drop an input)."""
    return _run(estimate_of(kind), fields, params, on)


def _run(declared: Estimate[Any, Any, Any], fields: Mapping[str, Any], params: Any, on: Any = None) -> Result[Any, Any]:
    known = [spec.name for spec in declared.input_fields]
    unknown = [name for name in fields if name not in known]
    if unknown:
        message = f"{declared.function_name}() got an unexpected keyword argument {unknown[0]!r} (inputs: {', '.join(sorted(known))})"
        raise TypeError(message)
    from esncli.rules import kinds as registry

    if on is not None:
        if params is not None:
            raise TypeError(f"{declared.function_name}() takes on= or params=, not both")
        from esncli import parameters

        params = parameters.current(parameters.event_date(on))

    return registry.run(declared.kind, fields, params)


def zone(country: str) -> dict[str, Any]:
    """The zone lookup of ``esn zone lookup --json``: name_fr, name_en, iso2, iso3, status, zone,
    column, offer, cost, network, group, note, plus ``warnings`` (a list: a fuzzy match is
    said there). Raises ``EsnError`` when the country is unknown or ambiguous (the message
    lists the candidates)."""
    from esncli.batch.writers import answer_values

    core = _core()
    return answer_values(core.zone(country), core.params)


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


# One row core keeps the zonier once loaded (and the lookups made) for every zone() call.
_cores: list[Any] = []


def _core() -> Any:
    if not _cores:
        from esncli.batch import RowCore

        _cores.append(RowCore())
    return _cores[0]


def _per_kind(declared: Estimate[Any, Any, Any]) -> Callable[..., Result[Any, Any]]:
    """``api.invalidity(...)``: the estimate's inputs as keyword arguments, its docstring from
    the declaration."""

    def function(params: Any = None, on: Any = None, **fields: Any) -> Result[Any, Any]:
        return _run(declared, fields, params, on)

    function.__name__ = function.__qualname__ = declared.function_name
    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [
        inspect.Parameter(s.name, keyword, default=inspect.Parameter.empty if s.required else s.default) for s in declared.input_fields
    ]
    parameters.append(inspect.Parameter("params", keyword, default=None))
    parameters.append(inspect.Parameter("on", keyword, default=None))
    function.__signature__ = inspect.Signature(parameters, return_annotation=Result)  # type: ignore[attr-defined]
    function.__doc__ = docstring(declared)
    return function


def docstring(declared: Estimate[Any, Any, Any]) -> str:
    """An estimate's API docstring, from its declaration (figures in force written in)."""
    lines = [f"{_english(declared.title)}: ``estimate({declared.kind!r}, ...)`` with keyword arguments.", "", "Inputs:"]
    for spec in declared.input_fields:
        extra = "" if spec.required else f" (optional, default {spec.default!r})"
        values = getattr(spec, "values", ())
        choices = f" One of: {', '.join(values)}." if values else ""
        lines.append(f"    {spec.name}: {_english(spec.help)}{extra}.{choices}".replace("..", "."))
    outputs = ", ".join(spec.name for spec in declared.output_fields)
    lines += ["", f"Outputs (``result.outputs``, a dict): {outputs}.", "Raises InputError for a missing or invalid input."]
    return "\n".join(lines)


def _english(message: str) -> str:
    """A declaration's text with the figures in force, or as declared when the data cannot be read."""
    from esncli.errors import DataError
    from esncli.rules.model import help_text

    try:
        return help_text(message)
    except DataError:
        return message


_functions: dict[str, Callable[..., Result[Any, Any]]] = {}


def __getattr__(name: str) -> Callable[..., Result[Any, Any]]:
    """``api.invalidity`` and the other estimates' functions, made on first use."""
    found = _functions.get(name)
    if found is None:
        declared = next((e for e in ESTIMATES if e.function_name == name), None)
        if declared is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        found = _functions[name] = _per_kind(declared)
    return found


def estimate_frame(df: Any, kind: str | None = None, *, kinds: Iterable[str] | None = None, on: Any = None, steps: bool = False) -> Any:
    """Estimate every row of a pandas DataFrame (or a polars one): a new frame with the same
    index and order, the input columns, the result columns and ``error``.

    ``kind``: every row is of this kind; otherwise the frame's ``kind`` column says, row by row
    (an estimate kind or ``zone`` with ``country``). The input columns are the single commands'
    options in snake_case; NaN, None and ``pd.NA`` mean "not given"; numbers may be numpy's,
    and a whole float (``2.0``, as pandas holds a category or a count in a column with missing
    values) is read as the whole number. The result columns are those of the kinds the rows
    name, or of ``kinds=[...]`` (so that every Dask partition has the same columns; a row of
    another kind fails), a result named like an input column being written ``result_<name>``:
    ``eligible`` (``boolean``), the amounts (``float64``, the rule's cents), counts (``Int64``),
    texts (``string``: warnings and reasons joined with `` | ``), ``steps`` when asked, and
    ``error`` (NA, or why the row failed: a bad row never raises). ``on``: the parameters in
    force on that date (a ``date``, a ``pd.Timestamp`` or text, as ``estimate(on=...)``),
    today's by default; a row's own ``on`` column, where it has a date, takes that day's.

    ``estimate_frame(df.iloc[:0], kind=K)`` is the empty frame with every column and dtype:
    Dask's ``meta`` (``ddf.map_partitions(estimate_frame, kind=K, meta=...)``). Raises
    ``InputError`` for an unknown ``kind``, no kind at all or a bad ``on``. Needs pandas (or
    polars): ``pip install 'esncli[dataframe]'``."""
    from esncli import frames

    return frames.estimate_frame(df, kind, kinds=kinds, on=on, steps=steps)
