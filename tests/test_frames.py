"""``api.estimate_frame``: pandas in, pandas out (polars too), as an analyst's notebook and a Dask
cluster use it (issue 14): every case of tests/cases as one frame, the analyst's frame (NaN,
numpy scalars, floats for whole numbers), the dtypes pinned, the empty frame's schema (Dask's
meta), the errors, and the same result through Dask partitions on a local cluster."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from esncli import api
from esncli.batch.columns import result_types
from esncli.errors import InputError
from esncli.present.serialise import steps_cell
from esncli.rules.kinds import ESTIMATES, REGISTRY
from kinds import CASES, CENT, KINDS, Case, python_values

# The dtype of every result column (issue 14): amounts float64, eligible the nullable boolean,
# counts Int64, texts string.
DTYPES = {
    "eligible": "boolean",
    "guarantee_level": "float64",
    "monthly_amount": "float64",
    "allowance_start": "datetime64[ns]",
    "allowance_end": "datetime64[ns]",
    "timeline": "string",  # a leave's periods, as the CSV cell writes them
    "category": "string",
    "reference_salary": "float64",
    "guarantee": "float64",
    "annual_amount": "float64",
    "payment": "string",
    "annuity_until": "Int64",
    "capital_year": "Int64",
    "quarters_paid": "Int64",
    "payment_start": "datetime64[ns]",
    "waiting_period_end": "datetime64[ns]",
    "first_payment": "datetime64[ns]",
    "quarterly_amount": "float64",
    "total_amount": "float64",
    "home_support_amount": "float64",
    "base_capital": "float64",
    "child_supplement": "float64",
    "monthly_installment": "float64",
    "last_installment": "float64",
    "total_repaid": "float64",
    **dict.fromkeys(
        ("name_fr", "name_en", "iso2", "iso3", "status", "zone", "column", "offer", "cost", "network", "group", "note"), "string"
    ),
    "warnings": "string",
    "reasons": "string",
    "steps": "string",
    "error": "string",
}

ANALYST = pd.DataFrame(
    {
        "member": ["P-1", "C-2", "X-3", "P-4", "B-5"],
        "base_salary": [2140.0, 2500.0, np.nan, 2140.0, 2140.0],
        "bonuses": [600, 300, 300, 600, 600],
        "pension": [8123.0, 15000.0, 15000.0, 8123.0, -1.0],
        "rate": [37.0, np.nan, np.nan, 37.0, 37.0],
        "category": [np.nan, 2.0, 2.0, np.nan, np.nan],  # floats: pandas' column of a category with gaps
    },
    index=pd.Index([30, 10, 20, 30, 40], name="row"),  # not 0..n, not sorted, one label twice
)


def dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {str(name): str(dtype) for name, dtype in frame.dtypes.items()}


def test_the_analysts_frame() -> None:
    out = api.estimate_frame(ANALYST, kind="invalidity")
    assert out.index.equals(ANALYST.index)
    assert_frame_equal(out[list(ANALYST.columns)], ANALYST)  # the input columns as they were
    assert list(out.columns[len(ANALYST.columns) :]) == [
        "eligible",
        "result_category",
        "reference_salary",
        "guarantee",
        "annual_amount",
        "monthly_amount",
        "payment",
        "annuity_until",
        "capital_year",
        "warnings",
        "reasons",
        "error",
    ]
    pierre, chantal, missing, again, negative = (out.iloc[i] for i in range(5))
    assert (pierre["result_category"], pierre["annual_amount"], pierre["monthly_amount"]) == ("IPP", 5658.60, 471.55)
    assert (chantal["result_category"], chantal["annual_amount"]) == ("IPT", 8520.0)
    assert pierre["eligible"] is np.True_ and pd.isna(pierre["error"])
    assert missing["error"].startswith("base_salary: missing") and pd.isna(missing["eligible"]) and np.isnan(missing["annual_amount"])
    assert again["annual_amount"] == pierre["annual_amount"]
    assert negative["error"].startswith("pension: cannot be negative")
    assert out["annual_amount"].sum() == pytest.approx(5658.60 * 2 + 8520.0)  # amounts are numbers: describe(), sum(), parquet
    assert "Invalidity allowances are for active members" in pierre["reasons"]


def test_the_amounts_are_the_rules_cents() -> None:
    result = api.invalidity(base_salary=2140, bonuses=600, pension=8123, rate=37)
    row = api.estimate_frame(ANALYST.iloc[:1], kind="invalidity").iloc[0]
    for name, value in result.outputs.items():
        if isinstance(value, Decimal):
            assert row[name] == float(value.quantize(CENT)), name


def test_numpy_scalars_and_mixed_object_columns() -> None:
    frame = pd.DataFrame(
        {
            "kind": ["invalidity", "Invalidité", "autonomy", "social-loan", "zone", "pension-fund", np.nan],
            "base_salary": [np.float64(2140), "2 140,00", None, None, None, None, None],
            "bonuses": [np.int64(600), "600", pd.NA, None, None, None, None],
            "pension": [Decimal("8123"), 8123, None, None, None, None, None],
            "rate": [np.int32(37), "37 %", None, None, None, None, None],
            "status": [None, None, "active", None, None, None, None],
            "age": [None, None, 45.0, None, None, None, None],
            "quarters": [None, None, np.float64(6), None, None, None, None],
            "amount": [None, None, None, 6000, None, None, None],
            "months": [None, None, None, 48.0, None, None, None],
            "country": [None, None, None, None, "Brésil", None, None],
        },
        dtype=object,
    )
    out = api.estimate_frame(frame)
    assert list(out["annual_amount"][:2]) == [5658.60, 5658.60]
    assert out["quarters_paid"][2] == 4 and out["total_amount"][2] == 1600.0  # 6 quarters claimed, 4 paid at most
    assert out["monthly_installment"][3] == 125.0
    assert (out["name_en"][4], out["zone"][4], out["result_status"][4]) == ("Brazil", "3", "zoned")
    assert out["error"][5].startswith("unknown kind 'pension-fund'") and out["error"][6].startswith("no kind given")
    assert out["error"][:5].isna().all()


def test_the_dtypes_are_pinned() -> None:
    frame = pd.DataFrame({"kind": [*KINDS, "zone"], "country": [None] * len(KINDS) + ["Kenya"]})
    out = api.estimate_frame(frame, steps=True)
    assert dtypes(out) == {"kind": str(frame["kind"].dtype), "country": str(frame["country"].dtype), **DTYPES}
    # Every kind's columns, from the declarations: a money output is float64 whatever its kind.
    for estimate in ESTIMATES:
        for spec in estimate.output_fields:
            want = {"money": "float64", "count": "Int64", "year": "Int64", "text": "string", "periods": "string", "date": "datetime64[ns]"}
            assert DTYPES[spec.name] == want[spec.kind], spec.name


@pytest.mark.parametrize("kind", [*KINDS, "zone"])
def test_the_empty_frame_has_every_column_and_dtype(kind: str) -> None:
    """``estimate_frame(df.iloc[:0], kind=K)`` is what Dask's meta needs: the columns and dtypes
    of any non-empty result of that kind."""
    inputs = {spec.name for spec in REGISTRY[kind].input_fields} if kind != "zone" else {"country"}
    frame = pd.DataFrame({"member": ["M-1", "M-2"], **{name: [None, None] for name in sorted(inputs)}})
    full = api.estimate_frame(frame, kind=kind)
    empty = api.estimate_frame(frame.iloc[:0], kind=kind)
    assert len(empty) == 0 and list(empty.columns) == list(full.columns)
    assert dtypes(empty) == dtypes(full)
    assert full["error"].notna().all() or kind == "zone"  # every input missing: every row failed, and kept its place
    for name in result_types([kind], False):
        column = f"result_{name}" if name in frame.columns else name
        assert str(empty[column].dtype) == DTYPES[name]


def test_kinds_fixes_the_columns_and_a_row_of_another_kind_fails() -> None:
    frame = pd.DataFrame({"kind": ["social-loan", "autonomy"], "amount": [6000, None], "months": [48, None], "status": [None, "active"]})
    out = api.estimate_frame(frame, kinds=["social-loan"])
    assert "quarters_paid" not in out.columns and "monthly_installment" in out.columns
    assert out["monthly_installment"][0] == 125.0
    assert out["error"][1] == "kind 'autonomy' is not among the kinds asked (social-loan)"
    assert list(api.estimate_frame(frame.iloc[:0], kinds=["social-loan"]).columns) == list(out.columns)


def test_on_takes_the_parameters_in_force_that_day() -> None:
    """The index-100 value changed on 2023-07-01 (data/guarantees.yaml): the child supplement follows."""
    from esncli import parameters

    frame = pd.DataFrame({"status": ["retired"], "children": [1]})
    for day in ("2023-06-30", "2024-01-01"):
        want = api.death_capital(status="retired", children=1, params=parameters.current(pd.Timestamp(day).date()))
        for on in (day, pd.Timestamp(day), pd.Timestamp(day).date()):
            got = api.estimate_frame(frame, kind="death-capital", on=on)
            assert got["child_supplement"][0] == float(want.outputs["child_supplement"])
    assert api.estimate_frame(frame, kind="death-capital", on="2023-06-30")["child_supplement"][0] != got["child_supplement"][0]
    with pytest.raises(InputError, match=r"^on: '2023-02-29' is not a day of the calendar"):
        api.estimate_frame(frame, kind="death-capital", on="2023-02-29")


def test_steps_are_the_batchs_steps_cell() -> None:
    out = api.estimate_frame(ANALYST.iloc[:2], kind="invalidity", steps=True)
    pierre = api.invalidity(base_salary=2140, bonuses=600, pension=8123, rate=37)
    assert out["steps"].iloc[0] == steps_cell(pierre.steps)


def test_what_raises_is_the_call_not_a_row() -> None:
    with pytest.raises(InputError, match=r"^kind: unknown kind 'pension'"):
        api.estimate_frame(ANALYST, kind="pension")
    with pytest.raises(InputError, match=r"^kind: no kind: give kind= or a kind column"):
        api.estimate_frame(ANALYST)
    with pytest.raises(InputError, match=r"several columns named rate"):
        api.estimate_frame(pd.concat([ANALYST, ANALYST[["rate"]]], axis=1), kind="invalidity")
    with pytest.raises(TypeError, match="pandas or polars DataFrame"):
        api.estimate_frame([{"kind": "invalidity"}])  # type: ignore[call-overload]


def test_every_case_as_one_frame() -> None:
    """tests/cases through one more front door: every case of a date in one frame (mixed kinds,
    amounts as floats, missing inputs NaN), ``on=`` the case's date."""
    for day in sorted({case.on for case in CASES}):
        dated = [case for case in CASES if case.on == day]
        rows = [{"case": case.id, "kind": case.kind, **{k: _analyst(v) for k, v in python_values(case.input).items()}} for case in dated]
        out = api.estimate_frame(pd.DataFrame(rows), on=day).set_index("case")
        for case in dated:
            _check(case, out.loc[case.id], out.columns)


def _analyst(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _check(case: Case, row: pd.Series, columns: pd.Index) -> None:
    def column(name: str) -> str:
        return f"result_{name}" if f"result_{name}" in columns else name

    if case.error:
        assert row["error"].startswith(case.error), (case.id, row["error"])
        assert pd.isna(row[column("eligible")])
        return
    assert pd.isna(row["error"]), (case.id, row["error"])
    for name, want in case.output.items():
        got = row[column(name)]
        spec = case.estimate.field(name)
        if name == "eligible":
            assert bool(got) is want, case.id
        elif spec is not None and spec.kind == "money":
            assert got == float(Decimal(want).quantize(CENT)), (case.id, name, got, want)
        else:
            assert got == want, (case.id, name, got, want)
    warnings, reasons = (row[column(name)].split(" | ") if row[column(name)] else [] for name in ("warnings", "reasons"))
    from test_cases import check_notes

    check_notes(case, warnings, reasons)


def test_polars_in_polars_out() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.from_dict({name: ANALYST[name].tolist() for name in ANALYST.columns}, strict=False)
    out = api.estimate_frame(frame, kind="invalidity")
    assert isinstance(out, pl.DataFrame) and out.columns == list(api.estimate_frame(ANALYST, kind="invalidity").columns)
    assert out.schema["eligible"] == pl.Boolean and out.schema["annual_amount"] == pl.Float64 and out.schema["error"] == pl.String
    assert out["annual_amount"].to_list() == [5658.60, 8520.0, None, 5658.60, None]
    assert out["error"][2].startswith("base_salary: missing")
    assert api.estimate_frame(frame.head(0), kind="invalidity").schema == out.schema


def test_importing_the_api_imports_neither_pandas_nor_numpy() -> None:
    code = "import sys; from esncli import api, frames; api.invalidity; print(sorted({'pandas', 'numpy', 'polars'} & set(sys.modules)))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert found.stdout.strip() == "[]"


@pytest.mark.external
@pytest.mark.timeout(120)
def test_dask_partitions_on_a_local_cluster_give_the_pandas_result() -> None:
    """The README's example: the same function on each partition, the empty frame as meta (a
    cluster in this process: its scheduler and one worker with two threads)."""
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    frame = pd.concat([ANALYST.reset_index(drop=True)] * 4, ignore_index=True)
    frame["kind"] = ["invalidity", "social-loan"] * 10
    frame["amount"], frame["months"] = 6000.0, 48
    with (
        dask.config.set({"dataframe.convert-string": False}),  # the partitions keep the frame's own dtypes
        distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as cluster,
        distributed.Client(cluster),
    ):
        ddf = dd.from_pandas(frame, npartitions=3)
        by_kind = ddf.map_partitions(api.estimate_frame, kind="invalidity", meta=api.estimate_frame(frame.iloc[:0], kind="invalidity"))
        assert_frame_equal(by_kind.compute(), api.estimate_frame(frame, kind="invalidity"))
        kinds = ["invalidity", "social-loan"]
        by_row = ddf.map_partitions(api.estimate_frame, kinds=kinds, meta=api.estimate_frame(frame.iloc[:0], kinds=kinds))
        assert_frame_equal(by_row.compute(), api.estimate_frame(frame, kinds=kinds))


def test_the_readme_example_runs_as_written() -> None:
    import contextlib
    import io
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    code = readme.split("### DataFrames", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README-frames", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert [line.split() for line in lines[:4]] == [
        ["member", "result_category", "annual_amount"],
        ["0", "P-1", "IPP", "5658.6"],
        ["1", "C-2", "IPT", "8520.0"],
        ["2", "X-3", "<NA>", "NaN"],
    ]
    assert lines[4].startswith("base_salary: missing (")
    assert lines[5] == "14178.6"


FRAME_SCRIPT = """\
import datetime
import numpy as np
import pandas as pd
import polars as pl
from esncli import api

df = pd.DataFrame({"base_salary": [2140.0], "bonuses": [600], "pension": [8123.0], "rate": [37.0]})
out: pd.DataFrame = api.estimate_frame(df, kind="invalidity", on=datetime.date(2024, 1, 1))
total: float = float(out["annual_amount"].sum())
meta: pd.DataFrame = api.estimate_frame(df.iloc[:0], kinds=["invalidity"], on="2024-01-01", steps=True)
same: pl.DataFrame = api.estimate_frame(pl.from_pandas(df), kind="invalidity")
row = df.iloc[0]
pierre = api.invalidity(base_salary=np.float64(2140), bonuses=np.int64(600), pension=8123, rate=37.0, category=np.int64(2))
chantal = api.autonomy(status="active", age=45.0, quarters=np.int32(6))
"""
TYPO_SCRIPT = """\
import pandas as pd
from esncli import api

df = pd.DataFrame({"base_salary": [2140.0]})
typo = api.estimate_frame(df, knd="invalidity")
number = api.estimate_frame(df, kind="invalidity", on=20240101)
rows = api.estimate_frame([{"kind": "invalidity"}])
"""


def test_a_notebooks_frame_code_type_checks(tmp_path) -> None:
    """``mypy --strict`` on a user's script: a pandas frame in is a pandas frame out (polars:
    polars), numpy scalars and whole floats are inputs, a misspelt argument, an ``on`` that is
    no date or a list for a frame is an error.
    One mypy run for both scripts (pandas' stubs are long to read; the API's stub imports
    neither pandas nor polars, so a script that uses neither does not pay for them)."""
    mypy_api = pytest.importorskip("mypy.api")
    good, bad = tmp_path / "good.py", tmp_path / "bad.py"
    good.write_text(FRAME_SCRIPT, encoding="utf-8")
    bad.write_text(TYPO_SCRIPT, encoding="utf-8")
    out, err, status = mypy_api.run(["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(good), str(bad)])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1, out + err
    assert not [line for line in errors if "good.py" in line], out
    assert any('bad.py:5: error: Unexpected keyword argument "knd"' in line for line in errors), out
    assert any('bad.py:6: error: Argument "on" to "estimate_frame" has incompatible type "int"' in line for line in errors), out
    assert any('bad.py:7: error: Value of type variable "_F" of "estimate_frame" cannot be' in line for line in errors), out


def test_the_column_types_a_rule_could_give() -> None:
    """An amount past the cent (a rule's bug: the contract rounds each) is rounded half up as the
    JSON writer rounds it, not cut by the float; a date output (none yet) is datetime64 in
    pandas, Date in polars."""
    import datetime as dt

    from esncli import frames
    from esncli.batch.columns import DATE, MONEY, Column

    money = Column("annual_amount", "annual_amount", MONEY, 4)
    money.values = [Decimal("1.005"), Decimal("5658.60"), None, Decimal("8520")]
    floats = frames._pandas_values(pd, money)
    assert floats.dtype == np.float64 and list(floats[[0, 1, 3]]) == [1.01, 5658.6, 8520.0] and np.isnan(floats[2])
    dates = Column("end", "end", DATE, 2)
    dates.values = [dt.date(2026, 12, 31), None]
    typed = pd.Series(frames._pandas_values(pd, dates))
    assert str(typed.dtype) == "datetime64[ns]" and typed[0] == pd.Timestamp("2026-12-31") and pd.isna(typed[1])
    pl = pytest.importorskip("polars")
    out = frames.estimate_frame(pl.DataFrame({"member": ["M-1"]}), kind="autonomy")
    assert out.schema["quarters_paid"] == pl.Int64 and out["error"][0].startswith("status: missing")


def test_dates_in_and_out_and_a_rows_on() -> None:
    """Date inputs from a datetime64 column (NaT: not given), date outputs as datetime64, a
    leave's timeline as its CSV cell, a row's ``on`` cell for the parameters of its day: each
    row as the API gives it."""
    from esncli.present.serialise import cell_text

    frame = pd.DataFrame(
        {
            "kind": ["daily-allowance", "autonomy", "dependency", "death-capital", "death-capital"],
            "reference_salary": [4431.0, None, None, None, None],
            "resources": [2405.5, None, None, None, None],
            "leave": ["cmo", None, None, None, None],
            "staff": ["civil-servant", None, None, None, None],
            "leave_start": pd.to_datetime(["2024-01-10", None, None, None, None]),
            "status": [None, "active", "retired", "retired", "retired"],
            "age": [None, 45, None, None, None],
            "quarters": [None, 2, None, None, None],
            "stoppage_start": pd.to_datetime([None, "2024-03-01", None, None, None]),
            "gir": [None, None, 1, None, None],
            "membership_months": [None, None, None, None, None],
            "home_months": [None, None, 8, None, None],
            "membership_start": pd.to_datetime([None, None, "2020-01-01", None, None]),
            "dependency_start": pd.to_datetime([None, None, "2024-02-15", None, None]),
            "children": [None, None, None, 1, 1],
            "on": [None, None, None, "2023-06-30", None],
        }
    )
    out = api.estimate_frame(frame)
    assert out["error"].isna().all(), list(out["error"])
    assert str(out["allowance_start"].dtype) == "datetime64[ns]" and str(out["payment_start"].dtype) == "datetime64[ns]"
    from esncli import parameters

    for at, row in enumerate(frame.to_dict("records")):
        inputs = {k: v for k, v in row.items() if k not in ("kind", "on") and not pd.isna(v)}
        day = row["on"] if isinstance(row["on"], str) else None  # NaN where none (pandas 3 holds texts as str)
        params = parameters.current(parameters.event_date(day)) if day else None
        result = api.estimate(row["kind"], params, **{k: v.date() if isinstance(v, pd.Timestamp) else v for k, v in inputs.items()})
        for name, value in result.outputs.items():
            column = f"result_{name}" if name in frame.columns else name
            got = out[column][at]
            if value is None:
                assert pd.isna(got), (at, name, got)
            elif isinstance(value, Decimal):
                assert got == float(value), (at, name)
            elif isinstance(value, (int, str)):
                assert got == value, (at, name)
            elif isinstance(value, tuple):  # the timeline
                assert got == cell_text(value), (at, name)
            else:
                assert got == pd.Timestamp(value), (at, name)
    assert out["child_supplement"][3] != out["child_supplement"][4]  # the index-100 value of 2023-06-30, and today's
