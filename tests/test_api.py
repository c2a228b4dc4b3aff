"""The Python API: the README example runs, one function per kind, zone(), batch_rows()."""

from __future__ import annotations

import contextlib
import inspect
import io
from decimal import Decimal

import pytest

from esncli import api
from esncli.errors import EsnError, InputError
from esncli.rules.kinds import REGISTRY, run


def test_the_docstring_example_runs_as_written() -> None:
    code = api.__doc__.split("Example::")[1].split("\nInputs are")[0]
    code = "\n".join(line[4:] for line in code.splitlines())
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "api-example", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert lines[0] == "IPP 5658.60"  # the guide's example of Pierre
    assert any("x" in line and "13781.60" in line for line in lines)  # the step 2/3 x (2461 x 70 %) x 12
    assert lines[-4] in {"1", "2", "3", "COM"}  # Kenya's zone
    assert lines[-3] == "A-1 ok"
    assert lines[-2].startswith("A-2 amount:")
    assert lines[-1] == "A-3 ok"


def test_one_function_per_kind_with_the_specs_as_keyword_parameters() -> None:
    for kind, estimate in REGISTRY.items():
        function = getattr(api, kind.replace("-", "_"))
        parameters = inspect.signature(function).parameters
        assert list(parameters) == [spec.name for spec in estimate.input_fields] + ["params", "on"]
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())
        required = [name for name, p in parameters.items() if p.default is inspect.Parameter.empty]
        assert required == [spec.name for spec in estimate.input_fields if spec.required]
        assert estimate.title in function.__doc__
    assert set(api.kinds()) == set(REGISTRY)


def test_chantal_ipt_through_estimate_and_the_kind_function() -> None:
    by_kind = api.estimate("invalidity", base_salary=2500, bonuses=300, pension=Decimal("15000"), rate="60")
    direct = api.invalidity(base_salary="2 500", bonuses="300", pension=15000, rate=60.0)
    assert by_kind.outputs["category"] == direct.outputs["category"] == "IPT"
    assert by_kind.outputs["annual_amount"] == direct.outputs["annual_amount"] == Decimal("8520")
    assert by_kind.to_json() == run("invalidity", {"base_salary": "2500", "bonuses": "300", "pension": "15000", "rate": "60"}).to_json()


def test_bad_inputs_raise_input_error_naming_the_field() -> None:
    with pytest.raises(InputError, match=r"^rate:"):
        api.invalidity(base_salary=2500, bonuses=300, pension=1, rate=150)
    with pytest.raises(TypeError, match="'rat'"):
        api.invalidity(base_salary=2500, bonuses=300, pension=1, rat=50)  # a typo is caught
    with pytest.raises(TypeError, match="'rat'"):
        api.estimate("invalidity", base_salary=2500, bonuses=300, pension=1, rat=50)
    with pytest.raises(InputError):
        api.estimate("pension-fund", x=1)


def test_zone_lookup_and_its_errors() -> None:
    record = api.zone("Brésil")
    assert record["name_en"] == "Brazil" and record["iso2"] == "BR" and record["warnings"] == []
    assert api.zone("Kenia")["warnings"]  # fuzzy match said
    with pytest.raises(EsnError, match="North Korea"):
        api.zone("Korea")
    with pytest.raises(EsnError):
        api.zone("Atlantis")


def test_batch_rows_is_lazy_ordered_and_never_raises_for_a_bad_row() -> None:
    consumed = []

    def source():
        for n, row in enumerate(
            [
                {"id": 1, "kind": "social-loan", "amount": 1000, "months": 10},
                {"id": 2, "kind": "nope"},
                {"id": 3, "kind": "zone", "country": "Cuba", "status": "mine"},
            ]
        ):
            consumed.append(n)
            yield row

    rows = api.batch_rows(source())
    assert consumed == []
    first = next(rows)
    assert consumed == [0]
    assert first["monthly_installment"] == Decimal("100.00") and first["error"] is None and first["eligible"] is True
    second, third = list(rows)
    assert second["id"] == 2 and second["error"].startswith("unknown kind 'nope'")
    assert third["status"] == "mine" and third["result_status"] == "zoned" and third["error"] is None


def test_the_type_stub_is_what_the_declarations_give() -> None:
    """api.pyi is written by `python -m esncli.stubs`: run it after changing an estimate's inputs or outputs."""
    from esncli import stubs

    assert stubs.STUB.read_text(encoding="utf-8") == stubs.text()


USER_SCRIPT = """\
from decimal import Decimal
from esncli import api

result = api.invalidity(base_salary="2 140", bonuses=600, pension=8123, rate=37)
annual: Decimal = result.outputs["annual_amount"]
category: str = result.outputs["category"]
by_kind = api.estimate("invalidity", base_salary=2140, bonuses=600, pension=8123, rate=37)
monthly: Decimal = by_kind.outputs["monthly_amount"]
zone: str = api.zone("Kenya")["zone"]
"""


def test_a_user_script_type_checks_against_the_api(tmp_path) -> None:
    """The API's types as a notebook user's mypy sees them: outputs typed per kind, a typo in an
    input or an output caught."""
    mypy_api = pytest.importorskip("mypy.api")
    good, bad = tmp_path / "good.py", tmp_path / "bad.py"
    good.write_text(USER_SCRIPT, encoding="utf-8")
    bad.write_text(USER_SCRIPT.replace("rate=37)", "rat=37)", 1).replace('["annual_amount"]', '["annual"]'), encoding="utf-8")
    options = ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache")]
    out, err, status = mypy_api.run([*options, str(good)])
    assert status == 0, out + err
    out, _err, status = mypy_api.run([*options, str(bad)])
    assert status == 1
    assert 'Unexpected keyword argument "rat" for "invalidity"' in out
    assert '"InvalidityOutputs" has no key "annual"' in out


def test_an_analysts_values_numpy_scalars_nan_and_whole_floats() -> None:
    """What a DataFrame hands the API (issue 14): numpy scalars (numpy 2's repr,
    ``np.float64(2140.0)``, is no number), NaN and pandas' NA for "not given", a category or a
    count held as a float (2.0) in a column with missing values."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    pierre = api.invalidity(
        base_salary=np.float64(2140), bonuses=np.int64(600), pension=np.float32(8123), rate=np.int32(37), category=np.nan
    )
    assert pierre.outputs["annual_amount"] == Decimal("5658.60") and pierre.inputs["category"] is None
    chantal = api.invalidity(base_salary=2500.0, bonuses=300, pension=15000, rate=float("nan"), category=2.0, recalculation=np.bool_(False))
    assert chantal.outputs["category"] == "IPT" and chantal.outputs["annual_amount"] == Decimal("8520")
    assert api.invalidity(base_salary=2500, bonuses=300, pension=15000, rate=pd.NA, category=np.float64(2.0)).outputs == chantal.outputs
    autonomy = api.autonomy(status="active", age=45.0, quarters=np.float64(6))
    assert autonomy.inputs["age"] == 45 and autonomy.inputs["quarters"] == 6
    with pytest.raises(InputError, match=r"^category: expected one of 1, 2, 3, got 2\.5"):
        api.invalidity(base_salary=2500, bonuses=300, pension=15000, category=2.5)
    with pytest.raises(InputError, match=r"^bonuses: missing"):  # a NaN for a required input is a missing one
        api.invalidity(base_salary=2500, bonuses=np.nan, pension=15000, rate=37)
    with pytest.raises(InputError, match=r"^base_salary: "):  # a Series is no value: refused, not read
        api.invalidity(base_salary=pd.Series([2140.0]), bonuses=300, pension=15000, rate=37)
    # The texts "nan" and Decimal NaN stay refused: someone wrote them.
    with pytest.raises(InputError, match="finite"):
        api.invalidity(base_salary=2500, bonuses="nan", pension=15000, rate=37)
    with pytest.raises(InputError, match="finite"):
        api.invalidity(base_salary=2500, bonuses=Decimal("NaN"), pension=15000, rate=37)


def test_batch_rows_reads_a_frames_records() -> None:
    """``api.batch_rows(df.to_dict("records"))``: NaN and NA are not given, whole floats whole."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    row = {"kind": "invalidity", "base_salary": np.float64(2500), "bonuses": 300.0, "pension": 15000, "rate": np.nan, "category": 2.0}
    (chantal,) = api.batch_rows([row])
    assert chantal["error"] is None and chantal["result_category"] == "IPT" and chantal["annual_amount"] == Decimal("8520.00")
    assert chantal["rate"] is row["rate"]  # the row's own values pass through as given
    (missing,) = api.batch_rows([{**row, "pension": pd.NA}])
    assert missing["error"].startswith("pension: missing")
