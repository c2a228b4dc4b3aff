"""Property tests: a batch row gives what the single estimate gives (registry.run, the function
behind `esn estimate <kind> --json`) for the same inputs, good or bad, whatever the other rows."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esncli import api, batch
from esncli.errors import EsnError
from esncli.rules.kinds import REGISTRY, run

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def money_text(draw: Any) -> str:
    cents = draw(st.integers(min_value=0, max_value=9_000_000))
    euros, rest = divmod(cents, 100)
    style = draw(st.sampled_from(["plain", "comma", "spaced", "whole"]))
    if style == "whole":
        return str(euros)
    if style == "comma":
        return f"{euros},{rest:02d}"
    if style == "spaced":
        return f"{euros:,}".replace(",", " ") + f",{rest:02d}"
    return f"{euros}.{rest:02d}"


@st.composite
def value_for(draw: Any, spec: Any) -> str:
    """Mostly plausible values, sometimes empty or wrong, so both paths are exercised."""
    roll = draw(st.integers(0, 9))
    if roll == 0:
        return ""
    if roll == 1:
        return draw(st.sampled_from(["abc", "-5", "NaN", "1e9", "12.5.1", "oui", "7"]))
    if spec.kind == "money":
        return money_text(draw)
    if spec.kind == "percent":
        return str(draw(st.integers(0, 110)))
    if spec.kind == "count":
        return str(draw(st.integers(0, int(spec.maximum) + 2 if spec.maximum is not None else 500)))
    if spec.kind == "choice":
        return draw(st.sampled_from([*spec.values, spec.values[0].upper()]))
    if spec.kind == "flag":
        return draw(st.sampled_from(["yes", "no", "true", "0"]))
    return draw(st.sampled_from(["2024-01-01", "x"]))


@st.composite
def rows(draw: Any) -> dict[str, str]:
    kind = draw(st.sampled_from([*REGISTRY, "zone"]))
    if kind == "zone":
        return {"kind": kind, "country": draw(st.sampled_from(["Kenya", "Brésil", "kp", "Korea", "Atlantis", "martinique", ""]))}
    row = {"kind": kind}
    for spec in REGISTRY[kind].input_fields:
        row[spec.name] = draw(value_for(spec))
    return row


def expected(row: dict[str, str]) -> tuple[dict[str, str], str]:
    """The result cells and the error of the single estimate, formatted the documented way."""
    raw = {k: v for k, v in row.items() if k != "kind" and v != ""}
    try:
        answer = api.zone(row["country"]) if row["kind"] == "zone" else run(row["kind"], raw).to_json()
    except EsnError as exc:
        return {}, exc.message
    cells = {}
    for key, value in answer.items():
        if key in ("kind", "inputs", "steps", "parameters_on"):  # parameters_on: --json only (a row's own date is its on cell)
            continue
        if isinstance(value, bool):
            cells[key] = "true" if value else "false"
        elif isinstance(value, Decimal):
            cells[key] = f"{value:.2f}"
        elif isinstance(value, list):
            cells[key] = " | ".join(periods(value))
        else:
            cells[key] = "" if value is None else str(value)
    return cells, ""


def periods(values: list[Any]) -> list[str]:
    """A list's items as one CSV cell writes them; a timeline's periods as ISO intervals."""
    return [f"{v['from']}/{v['to'] or '..'} {v['pay']}" if isinstance(v, dict) else v for v in values]


@SETTINGS
@given(st.lists(rows(), min_size=1, max_size=12))
def test_batch_csv_rows_equal_single_estimates(tmp_path_factory: Any, generated: list[dict[str, str]]) -> None:
    folder: Path = tmp_path_factory.mktemp("prop")
    header = ["n", "kind", *sorted({k for row in generated for k in row} - {"kind"})]
    source = folder / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows({"n": str(i), **row} for i, row in enumerate(generated))
    summary = batch.run(batch.open_input(str(source), None), str(folder / "out.csv"), None, explain="notes")  # with the reasons
    reader = csv.DictReader(io.StringIO((folder / "out.csv").read_text(encoding="utf-8")))
    out = list(reader)
    assert [r["n"] for r in out] == [str(i) for i in range(len(generated))]
    failures = 0
    for row, got in zip(generated, out, strict=True):
        cells, error = expected(row)
        assert got["error"] == batch.neutralise(error)
        failures += bool(error)
        for key, value in cells.items():
            column = batch.output_name(key, header)
            assert got[column] == batch.neutralise(value), (row, key)
        produced = {k for k, v in got.items() if v and k not in header and k != "error"}
        assert produced <= {batch.output_name(k, header) for k in cells}
    assert (summary.read, summary.failed, summary.estimated) == (len(generated), failures, len(generated) - failures)


@SETTINGS
@given(st.lists(rows(), min_size=1, max_size=12))
def test_batch_rows_equal_single_estimates(generated: list[dict[str, str]]) -> None:
    for row, got in zip(generated, api.batch_rows(iter(generated)), strict=True):
        cells, error = expected(row)
        assert (got["error"] or "") == error
        for key, value in cells.items():
            result = got[batch.output_name(key, row)]
            if isinstance(result, list):
                result = " | ".join(periods(result))
            elif isinstance(result, bool):
                result = "true" if result else "false"
            elif isinstance(result, Decimal):
                result = f"{result:.2f}"
            assert ("" if result is None else str(result)) == value
