"""DataFrames in and out: ``api.estimate_frame`` for pandas (and polars) frames.

pandas and polars are optional (``pip install 'esncli[dataframe]'``): this module imports
neither at its top, and imports pandas only for a pandas frame, polars only for a polars one.
The work is the row core's over columns (``batch.columns``); here, a frame's columns become
Python lists (``tolist``: numpy scalars become Python numbers, missing values NaN, None or
``pd.NA``) and the result columns typed columns:

| result | pandas | polars |
|---|---|---|
| amounts (``money``) | ``float64``, to the cent, NaN where none | ``Float64``, null where none |
| ``eligible`` | ``boolean`` (nullable) | ``Boolean`` |
| counts (``quarters_paid``) | ``Int64`` (nullable) | ``Int64`` |
| texts (``category``, ``payment``, the zone's, ``warnings``, ``reasons``, ``steps``, ``error``) | ``string`` | ``String`` |
| dates | ``datetime64[ns]`` | ``Date`` |

Several warnings or reasons in one cell are joined with `` | `` as in the batch's CSV; a row
that failed has no result (NA) and its message in ``error`` (NA when it succeeded).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from esncli.batch.columns import COUNT, DATE, FLAG, MONEY, TEXT, Column, estimate_columns
from esncli.batch.core import RowCore
from esncli.errors import InputError
from esncli.i18n import _
from esncli.money import to_cents
from esncli.present.serialise import cell_text


def estimate_frame(df: Any, kind: str | None = None, *, kinds: Iterable[str] | None = None, on: Any = None, steps: bool = False) -> Any:
    """See ``api.estimate_frame``."""
    if type(df).__module__.split(".")[0] == "polars":
        return _polars(df, kind, kinds, on, steps)
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"estimate_frame() takes a pandas or polars DataFrame, not {type(df).__name__}")
    if not df.columns.is_unique:
        duplicated = sorted({str(name) for name in df.columns[df.columns.duplicated()]})
        raise InputError(
            "df", _("the frame has several columns named {names}: give each column one name").format(names=", ".join(duplicated))
        )
    results = estimate_columns(core(on, steps), _Columns(df.columns, lambda name: df[name].tolist()), len(df), kind=kind, kinds=kinds)
    typed = pd.DataFrame({column.name: _pandas_values(pd, column) for column in results}, index=df.index)
    return pd.concat([df, typed], axis=1)


def core(on: Any, steps: bool) -> RowCore:
    """The row core for the parameters in force ``on`` a date (``parameters.event_date``: a date,
    a midnight datetime such as a ``pd.Timestamp``, ISO or day-first text), today's by default;
    a row's own ``on`` cell takes that day's instead."""
    if on is None:
        return RowCore(steps=steps)
    from esncli import parameters

    return RowCore(parameters.current(parameters.event_date(on)), steps=steps)


class _Columns(Mapping[Any, Sequence[Any]]):
    """A frame's columns by name, each made a list when first read (a frame's other columns,
    a member id, a name, are never converted)."""

    def __init__(self, names: Iterable[Any], read: Any) -> None:
        self.names = list(names)
        self.known = set(self.names)
        self.read = read
        self.lists: dict[Any, list[Any]] = {}

    def __getitem__(self, name: Any) -> list[Any]:
        if name not in self.known:
            raise KeyError(name)
        found = self.lists.get(name)
        if found is None:
            found = self.lists[name] = self.read(name)
        return found

    def __contains__(self, name: object) -> bool:
        return name in self.known

    def __iter__(self) -> Iterator[Any]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def _pandas_values(pd: Any, column: Column) -> Any:
    values = column.values
    if column.type == MONEY:
        import numpy as np

        nan = float("nan")
        floats = np.array([nan if a is None else float(a) for a in values], dtype=np.float64)
        # The rule's amounts are to the cent (its contract), so float() gives the double nearest
        # the cents; one that is not (a rule's bug) is rounded as the JSON and CSV writers round it.
        cents = floats * 100
        for at in np.flatnonzero(np.abs(cents - np.rint(cents)) > 1e-3):
            floats[at] = float(to_cents(values[at]))
        return floats
    if column.type == FLAG:
        return pd.array(values, dtype="boolean")
    if column.type == COUNT:
        return pd.array(values, dtype="Int64")
    if column.type == DATE:
        return pd.array(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[ns]")
    return pd.array(_texts(values), dtype="string")


def _polars(df: Any, kind: str | None, kinds: Iterable[str] | None, on: Any, steps: bool) -> Any:
    import polars as pl

    results = estimate_columns(
        core(on, steps), _Columns(df.columns, lambda name: df.get_column(name).to_list()), df.height, kind=kind, kinds=kinds
    )
    types = {MONEY: pl.Float64, FLAG: pl.Boolean, COUNT: pl.Int64, DATE: pl.Date}
    series = []
    for column in results:
        values = column.values
        if column.type == MONEY:
            values = _floats(values, None)
        elif column.type == TEXT:
            values = _texts(values)
        series.append(pl.Series(column.name, values, dtype=types.get(column.type, pl.String)))
    return df.hstack(series)


def _floats(amounts: list[Decimal | None], none: float | None) -> list[float | None]:
    """The rule's amounts as floats rounded to the cent (``money.to_cents``, as the JSON and CSV
    writers round them), ``none`` where a row has none."""
    return [none if a is None else float(to_cents(a)) for a in amounts]


def _texts(values: list[Any]) -> list[str | None]:
    """A text column's values: words as they are; a value that is not one (a leave's timeline)
    as its CSV cell (``serialise.cell_text``)."""
    return [v if v is None or type(v) is str else cell_text(v) for v in values]
