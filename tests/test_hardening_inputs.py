"""Property tests over every command's inputs (issue 5, "Input that cannot break it").

Whatever is typed (random Unicode, control characters, NUL, right-to-left marks, lone
surrogates as Python makes them from undecodable bytes; huge, tiny, NaN, infinite, exponent,
comma-decimal, empty or blank amounts; any date), a command ends with exit 0 and an answer, or
exit 2 and a message starting "esn: " on stderr: never a traceback, never exit 1, never a hang.

The number of inputs each command was tried with is printed at the end of the module (and kept
in ``TRIED``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from esncli.cli import app

runner = CliRunner()
TRIED: Counter[str] = Counter()

# A budget per property, so that the whole module stays under a minute.
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module", autouse=True)
def _report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    lines = [f"  {command}: {count}" for command, count in sorted(TRIED.items())]
    text = "\ngenerated inputs tried per command:\n" + "\n".join(lines) + f"\n  total: {sum(TRIED.values())}"
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(text)


# ---- strategies

# Everything Unicode has, control characters and lone surrogates included (CliRunner passes them
# as they are; a real argv brings undecodable bytes in as surrogates \udc80-\udcff).
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
SPECIAL_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "Kenya\x00",
        "\u200fKenya\u200e",  # RTL / LTR marks
        "\u202eaynek",  # right-to-left override
        "\udcff\udcfe",  # surrogate-escaped bytes
        "Ke\u0301nya",
        "ＫＥＮＹＡ",
        "KE\n",
        "\t\r\n",
        "\x1b[31mKenya",
        "'; DROP TABLE places; --",
        "%s%n{0}{place}",
        "x" * 5000,
        "Korea",
        "كينيا",
        "Côte d’Ivoire",
    ]
)
COUNTRY = st.one_of(SPECIAL_TEXT, ANY_TEXT, ANY_TEXT.map(lambda s: "Kenya" + s), ANY_TEXT.map(lambda s: s + "Brazil"))

SPECIAL_AMOUNTS = [
    "",
    " ",
    "nan",
    "NaN",
    "-nan",
    "sNaN",
    "inf",
    "-inf",
    "Infinity",
    "∞",
    "1e3",
    "1E+308",
    "1e-308",
    "1e999999999",
    "2,5e3",
    "0x10",
    "1_000",
    "1,5",
    "1.5",
    "1 234,50",
    "1.234,50",
    "1,234.50",
    "1,234,567",
    "1 234 567,891",
    "12,345",
    ",5",
    "5,",
    ".",
    ",",
    "-0",
    "+5",
    "--5",
    "-1",
    "0",
    "0.001",
    "0.005",
    "4431€",
    "4431 EUR",
    "60%",
    "٣٠",  # Arabic-Indic digits
    "１２",  # full-width digits
    "9" * 400,
    "9" * 5000,
    "0." + "0" * 400 + "1",
    "1/3",
    "true",
    "\x00",
    "\u200f12",
    "12\udcff",
]
AMOUNT = st.one_of(
    st.sampled_from(SPECIAL_AMOUNTS),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats(min_value=0, max_value=1e7).map(lambda x: f"{x:,.2f}".replace(",", " ").replace(".", ",")),
    st.text(st.sampled_from("0123456789 ,.-+eE_'\u00a0\u202f"), max_size=15),
    ANY_TEXT,
)
DATE = st.one_of(
    st.dates().map(str),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(
        ["", " ", "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "31/12/9999", "1/1/1", "//", "1/2/3/4", "2026-W01-1"]
    ),
    st.sampled_from(["20261220", "2026-12-20T10:00", "2026-12-20 ", "٢٠٢٦-١٢-٢٠", "99999999999999999999/1/1", "1/1/-5"]),
    ANY_TEXT,
)
OPTIONAL_AMOUNT = st.one_of(st.none(), AMOUNT)


# ---- the invariant


def invoke(args: list[str]) -> Any:
    return runner.invoke(app, args)


def run(command: str, args: list[str]) -> None:
    TRIED[command] += 1
    result = invoke(args)
    stdout, stderr = result.stdout, result.stderr
    assert "Traceback" not in stdout + stderr, (args, stderr)
    assert result.exit_code in (0, 2), (args, result.exit_code, stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    if result.exit_code == 0:
        # An answer, or an empty selection said on stderr (`esn zone list` with filters nothing matches).
        assert stdout.strip() or stderr.startswith("esn: "), (args, stderr)
        if "--json" in args:
            json.loads(stdout)
    else:
        assert stderr.startswith("esn: "), (args, stderr)
        if "--json" in args and stdout:
            assert set(json.loads(stdout)) == {"query", "error", "candidates"}


def options(pairs: dict[str, str | None]) -> list[str]:
    """``--name=value`` for each given value (the = keeps a value starting with "-" a value)."""
    return [f"{name}={value}" for name, value in pairs.items() if value is not None]


# ---- zone, contact, guarantees


@SETTINGS
@given(country=COUNTRY, as_json=st.booleans())
def test_zone_lookup(country: str, as_json: bool) -> None:
    run("zone lookup", ["zone", "lookup", *(["--json"] if as_json else []), "--", country])


@SETTINGS
@given(
    zone=st.one_of(st.none(), st.sampled_from(["1", "2", "3", "COM", "com", " 3 ", "4", ""]), ANY_TEXT),
    offer=st.one_of(st.none(), st.sampled_from(["Ambre", "mgen cyan", "MAGENTA", "Outremer", "Référence", ""]), ANY_TEXT),
    network=st.one_of(st.none(), st.sampled_from(["IMA", "hcs", "AXA", ""]), ANY_TEXT),
    all_places=st.booleans(),
    as_json=st.booleans(),
)
def test_zone_list(zone: str | None, offer: str | None, network: str | None, all_places: bool, as_json: bool) -> None:
    args = ["zone", "list", *options({"--zone": zone, "--offer": offer, "--network": network})]
    args += (["--all"] if all_places else []) + (["--json"] if as_json else [])
    run("zone list", args)


@SETTINGS
@given(
    country=COUNTRY,
    need=st.one_of(
        st.none(),
        st.sampled_from(
            ["care", "hospitalisation", "maternity", "assistance", "general", "prevoyance", "social-aid", "Aide-Sociale ", "Care ", ""]
        ),
        ANY_TEXT,
    ),
    date=st.one_of(st.none(), DATE),
    which=st.sampled_from(["--admission", "--pregnancy-start"]),
    as_json=st.booleans(),
)
def test_contact(country: str, need: str | None, date: str | None, which: str, as_json: bool) -> None:
    args = ["contact", *options({"--need": need, which: date})] + (["--json"] if as_json else [])
    run("contact", [*args, "--", country])


@SETTINGS
@given(
    country=st.sampled_from(["Kenya", "Brazil", "Martinique", "Japan"]),
    date=DATE,
    which=st.sampled_from(["--admission", "--pregnancy-start"]),
)
def test_contact_dates(country: str, date: str, which: str) -> None:
    run("contact (dates)", ["contact", f"{which}={date}", "--json", "--", country])


@SETTINGS
@given(
    status=st.one_of(st.none(), st.sampled_from(["active", "CTA", " retired ", "spouse", "Associate", "", "child"]), ANY_TEXT),
    as_json=st.booleans(),
)
def test_guarantees(status: str | None, as_json: bool) -> None:
    run("guarantees", ["guarantees", *options({"--status": status})] + (["--json"] if as_json else []))


@settings(max_examples=30, deadline=None, database=None)
@given(lang=st.one_of(st.sampled_from(["fr", "en", "FR", "de", ""]), ANY_TEXT))
def test_lang_option(lang: str) -> None:
    run("--lang", ["zone", "lookup", "Kenya", f"--lang={lang}"])


# ---- estimates: every option of every kind

STATUS = st.one_of(st.none(), st.sampled_from(["active", "cta", "associate", "retired", "spouse", "RETIRED", "", "ghost"]), ANY_TEXT)


@SETTINGS
@given(
    reference_salary=OPTIONAL_AMOUNT,
    resources=st.lists(AMOUNT, max_size=3),
    net_salary=OPTIONAL_AMOUNT,
    net_resources=OPTIONAL_AMOUNT,
    as_json=st.booleans(),
)
def test_estimate_daily_allowance(
    reference_salary: str | None, resources: list[str], net_salary: str | None, net_resources: str | None, as_json: bool
) -> None:
    args = ["estimate", "daily-allowance"]
    args += options({"--reference-salary": reference_salary, "--net-salary": net_salary, "--net-resources": net_resources})
    args += [f"--resources={value}" for value in resources]
    run("estimate daily-allowance", args + (["--json"] if as_json else []))


@SETTINGS
@given(
    base_salary=OPTIONAL_AMOUNT,
    bonuses=OPTIONAL_AMOUNT,
    cost_of_living_bonus=OPTIONAL_AMOUNT,
    pension=OPTIONAL_AMOUNT,
    rate=OPTIONAL_AMOUNT,
    category=st.one_of(st.none(), st.sampled_from(["1", "2", "3", "0", "4", "2.0", " 2 ", ""]), AMOUNT),
    recalculation=st.booleans(),
    as_json=st.booleans(),
)
def test_estimate_invalidity(
    base_salary: str | None,
    bonuses: str | None,
    cost_of_living_bonus: str | None,
    pension: str | None,
    rate: str | None,
    category: str | None,
    recalculation: bool,
    as_json: bool,
) -> None:
    args = ["estimate", "invalidity"]
    args += options(
        {
            "--base-salary": base_salary,
            "--bonuses": bonuses,
            "--cost-of-living-bonus": cost_of_living_bonus,
            "--pension": pension,
            "--rate": rate,
            "--category": category,
        }
    )
    args += ["--recalculation"] if recalculation else []
    run("estimate invalidity", args + (["--json"] if as_json else []))


@SETTINGS
@given(status=STATUS, age=OPTIONAL_AMOUNT, quarters=OPTIONAL_AMOUNT, as_json=st.booleans())
def test_estimate_autonomy(status: str | None, age: str | None, quarters: str | None, as_json: bool) -> None:
    args = ["estimate", "autonomy", *options({"--status": status, "--age": age, "--quarters": quarters})]
    run("estimate autonomy", args + (["--json"] if as_json else []))


@SETTINGS
@given(
    status=STATUS,
    gir=st.one_of(st.none(), st.sampled_from(["1", "6", "0", "7", "1.5"]), AMOUNT),
    membership_months=OPTIONAL_AMOUNT,
    home_months=OPTIONAL_AMOUNT,
    as_json=st.booleans(),
)
def test_estimate_dependency(
    status: str | None, gir: str | None, membership_months: str | None, home_months: str | None, as_json: bool
) -> None:
    args = ["estimate", "dependency"]
    args += options({"--status": status, "--gir": gir, "--membership-months": membership_months, "--home-months": home_months})
    run("estimate dependency", args + (["--json"] if as_json else []))


@SETTINGS
@given(
    status=STATUS,
    contribution_base=OPTIONAL_AMOUNT,
    ceiling=OPTIONAL_AMOUNT,
    children=OPTIONAL_AMOUNT,
    index_100_value=OPTIONAL_AMOUNT,
    as_json=st.booleans(),
)
def test_estimate_death_capital(
    status: str | None, contribution_base: str | None, ceiling: str | None, children: str | None, index_100_value: str | None, as_json: bool
) -> None:
    args = ["estimate", "death-capital"]
    args += options(
        {
            "--status": status,
            "--contribution-base": contribution_base,
            "--ceiling": ceiling,
            "--children": children,
            "--index-100-value": index_100_value,
        }
    )
    run("estimate death-capital", args + (["--json"] if as_json else []))


@SETTINGS
@given(
    amount=OPTIONAL_AMOUNT,
    months=OPTIONAL_AMOUNT,
    loan_type=st.one_of(st.none(), st.sampled_from(["social", "special", "SPECIAL", "", "payday"]), ANY_TEXT),
    as_json=st.booleans(),
)
def test_estimate_social_loan(amount: str | None, months: str | None, loan_type: str | None, as_json: bool) -> None:
    args = ["estimate", "social-loan", *options({"--amount": amount, "--months": months, "--type": loan_type})]
    run("estimate social-loan", args + (["--json"] if as_json else []))


# ---- the special values one by one, for every amount option (not left to chance)

AMOUNT_OPTIONS = [
    (
        "daily-allowance",
        ["--reference-salary=4431", "--resources=1354"],
        ["--reference-salary", "--resources", "--net-salary", "--net-resources"],
    ),
    (
        "invalidity",
        ["--base-salary=2140", "--bonuses=600", "--pension=8123", "--rate=37"],
        ["--base-salary", "--bonuses", "--cost-of-living-bonus", "--pension", "--rate"],
    ),
    ("autonomy", ["--status=active", "--age=45", "--quarters=6"], ["--age", "--quarters"]),
    (
        "dependency",
        ["--status=retired", "--gir=1", "--membership-months=40", "--home-months=8"],
        ["--gir", "--membership-months", "--home-months"],
    ),
    ("death-capital", ["--status=cta", "--children=1"], ["--contribution-base", "--ceiling", "--children", "--index-100-value"]),
    ("social-loan", ["--amount=6000", "--months=48"], ["--amount", "--months"]),
]


@pytest.mark.parametrize(("kind", "base", "names"), AMOUNT_OPTIONS, ids=[k for k, _, _ in AMOUNT_OPTIONS])
@pytest.mark.parametrize("value", SPECIAL_AMOUNTS, ids=range(len(SPECIAL_AMOUNTS)))
def test_every_special_amount_in_every_option(kind: str, base: list[str], names: list[str], value: str) -> None:
    for name in names:
        args = [a for a in base if not a.startswith(name + "=")] + [f"{name}={value}"]
        run(f"estimate {kind} (special amounts)", ["estimate", kind, *args, "--json"])


# ---- the bugs these properties found, one example each, kept as regression tests


def test_regression_surrogate_in_json_output() -> None:
    result = invoke(["zone", "lookup", "--json", "Kenya\udcff"])
    assert result.exit_code in (0, 2), result.stderr


def test_regression_huge_amount() -> None:
    result = invoke(["estimate", "daily-allowance", "--reference-salary=" + "9" * 30, "--resources=0", "--json"])
    assert result.exit_code == 2 and result.stderr.startswith("esn: "), result.stderr


def test_regression_huge_date_part() -> None:
    result = invoke(["contact", "Kenya", "--admission=99999999999999999999/1/1"])
    assert result.exit_code == 2 and result.stderr.startswith("esn: "), result.stderr


def test_regression_usage_errors_start_with_esn() -> None:
    result = invoke(["zone", "lookup", "Kenya", "--lang=de"])
    assert result.exit_code == 2
    assert result.stderr.startswith("esn: "), result.stderr


def test_regression_estimate_group_does_not_grow_on_every_run() -> None:
    from esncli.cli import estimate as estimate_cli

    runner.invoke(app, ["estimate", "social-loan", "--amount=1000", "--months=4"])
    before = [command.name for command in estimate_cli.build().registered_commands]
    for _ in range(3):
        runner.invoke(app, ["estimate", "social-loan", "--amount=1000", "--months=4"])
    assert [command.name for command in estimate_cli.build().registered_commands] == before
