"""Every printed step, evaluated as printed, gives its printed amount.

A step's ``formula_text()`` is what the member reads ("2/3 x (2461 x 70 %) x 12"). Where it is
arithmetic (numbers, ``x``, ``/``, ``+``, ``-``, parentheses, ``%``, ``min(...)``, ``max(...)``),
it is evaluated here as a reader would (``x`` and ``/`` before ``+`` and ``-``, ``a %`` is a/100,
2/3 a division), with Decimal, rounded to the cent half up (down when the formula ends ", rounded
down to the cent", as it then says), and compared with the step's amount rounded to the cent.
Steps with words ("category 2", "rate 37 % < 60 %", "8 months at home (needs 6)") or without an
amount are not arithmetic and are left out.

Each money step is rounded half up to the cent and the next step computes from the rounded figure
(issue 10), so every amount a step shows is to the cent: what is printed is what was used.

The same holds for the explanation the member reads, in English and in French ("2 462,28",
"70 %", "min(600 ; 15 % x 2 141,11)"): its numbers are read back as printed and evaluated.

Run on every case of tests/cases and on inputs generated per kind (hypothesis, amounts to the
cent), and on the input that once printed 13 788,75 for 13 788,77."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esncli import i18n, parameters
from esncli.money import plain_number, plain_percent
from esncli.present.explain import step_formula
from esncli.rules import kinds as rules
from esncli.rules.formulas import formula_pieces
from esncli.rules.model import Step
from kinds import CASES, CENT, KINDS, Case, python_values

PARAMS = parameters.current(dt.date(2024, 1, 1))


# --- evaluating a formula as printed --------------------------------------------------------------

_ARITHMETIC = re.compile(r"^(?:[\d.\s x/+\-()%,]|min\(|max\()*$")
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|(min\(|max\()|([x/+\-(),%]))")


def arithmetic(formula: str) -> bool:
    """Whether ``formula`` is numbers and operators only (no word but min and max)."""
    return bool(_ARITHMETIC.match(formula)) and any(c.isdigit() for c in formula)


def tokens(formula: str) -> list[str]:
    found, at = [], 0
    formula = formula.rstrip()
    while at < len(formula):
        match = _TOKEN.match(formula, at)
        assert match and match.end() > at, f"cannot read {formula!r} at {at}"
        found.append(next(group for group in match.groups() if group is not None))
        at = match.end()
    return found


class _Reader:
    """expression := term (("+" | "-") term)*; term := factor (("x" | "/") factor)*;
    factor := "-" factor | primary "%"*; primary := number | "(" expression ")" |
    ("min(" | "max(") expression ("," expression)* ")"."""

    def __init__(self, formula: str) -> None:
        self.formula, self.tokens, self.at = formula, tokens(formula), 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        assert token is not None and (expected is None or token == expected), f"{self.formula!r}: expected {expected!r} at token {self.at}"
        self.at += 1
        return token

    def whole(self) -> Decimal:
        value = self.expression()
        assert self.peek() is None, f"{self.formula!r}: left over from token {self.at}"
        return value

    def expression(self) -> Decimal:
        value = self.term()
        while self.peek() in ("+", "-"):
            value = value + self.term() if self.take() == "+" else value - self.term()
        return value

    def term(self) -> Decimal:
        value = self.factor()
        while self.peek() in ("x", "/"):
            value = value * self.factor() if self.take() == "x" else value / self.factor()
        return value

    def factor(self) -> Decimal:
        if self.peek() == "-":
            self.take()
            return -self.factor()
        value = self.primary()
        while self.peek() == "%":
            self.take()
            value /= 100
        return value

    def primary(self) -> Decimal:
        token = self.take()
        if token == "(":
            value = self.expression()
            self.take(")")
            return value
        if token in ("min(", "max("):
            values = [self.expression()]
            while self.peek() == ",":
                self.take()
                values.append(self.expression())
            self.take(")")
            return min(values) if token == "min(" else max(values)
        assert token[0].isdigit(), f"{self.formula!r}: a number expected, got {token!r}"
        return Decimal(token)


def evaluate(formula: str) -> Decimal:
    """``formula`` evaluated as printed, exactly enough (50 digits) for its cents."""
    with localcontext() as context:
        context.prec = 50
        return _Reader(formula).whole()


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


ROUNDED_DOWN = ", rounded down to the cent"


@dataclass(frozen=True)
class Printed:
    """One arithmetic step as printed, its evaluation and its amount, to the cent."""

    label: str
    formula: str
    exact: Decimal  # as evaluated, before rounding
    amount: Decimal
    down: bool = False  # the formula says it is rounded down

    @property
    def evaluated(self) -> Decimal:
        return self.exact.quantize(CENT, ROUND_DOWN) if self.down else cents(self.exact)

    @property
    def holds(self) -> bool:
        return self.evaluated == self.amount


def printed_steps(steps: tuple[Step, ...]) -> Iterator[Printed]:
    for step in steps:
        formula = step.formula_text()
        down = formula.endswith(ROUNDED_DOWN)
        arithmetic_part = formula.removesuffix(ROUNDED_DOWN)
        if step.amount is None or not arithmetic(arithmetic_part):
            continue
        yield Printed(step.label, formula, evaluate(arithmetic_part), cents(step.amount), down)


def test_the_evaluator_reads_the_guide_as_printed() -> None:
    assert evaluate("2/3 x (2461 x 70 %) x 12") == Decimal("13781.6")
    assert evaluate("100 - 14.28 x 6") == Decimal("14.32")  # x before -
    assert evaluate("821 x 5907.34 / 100") == Decimal("48499.2614")
    assert evaluate("min(600, 15 % x 2140)") == 321
    assert evaluate("max(100, 360)") == 360
    assert evaluate("3411.87 - 1354 - 1051.50") == Decimal("1006.37")  # left to right
    assert evaluate("4431 x 77 %") == Decimal("3411.87")
    for words in ("category 2", "rate 37 % < 60 %", "8 months at home (needs 6)", "1199.99 < 1200", "rate 70 % >= 60 %; category 1"):
        assert not arithmetic(words), words
    for formula in ("2/3 x (2461 x 70 %) x 12", "min(600, 15 % x 2140)", "120", "400 x 0"):
        assert arithmetic(formula), formula


def money_values(step: Step) -> Iterator[tuple[str, Decimal]]:
    """The values a step prints as money ("{name:money}")."""
    for _literal, name, format_value, _numeric in formula_pieces(step.formula, plain_number, plain_percent):
        if name is not None and format_value is plain_number:
            yield name, Decimal(step.values[name])


@contextmanager
def using(lang: str) -> Iterator[None]:
    """The explanation in ``lang``, then back to the language the test started in."""
    before = i18n.language()
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(before)


def unprinted(text: str, lang: str) -> str:
    """A formula the explanation printed, in ``lang``, back to the plain numbers the evaluator
    reads: English "2,462.28" and "70%", French "2 462,28", "70 %" and "min(a ; b)"."""
    if lang == "fr":
        text = re.sub(r"(?<=\d)[\u00a0\u202f](?=\d)", "", text)  # thousands
        text = re.sub(r"(?<=\d),(?=\d)", ".", text)  # the decimal comma
        return text.replace("\u00a0", " ").replace(" ; ", ", ")
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def check_explained(steps: tuple[Step, ...], about: str) -> None:
    """The explanation as the member reads it, in each language: every arithmetic formula,
    its numbers read as printed, gives the amount printed after its "="."""
    for lang in ("en", "fr"):
        with using(lang):
            for step in steps:
                printed = step_formula(step)
                if lang == "fr":
                    # "min(600, 15 %)" would read as 600,15: French separates arguments with ";"
                    assert not re.search(r"\d, \d", printed), f"{about} ({lang}): {printed!r}"
                formula, equals, amount = printed.rpartition(" = ")
                if not equals or step.amount is None:
                    continue
                plain = unprinted(formula, lang)
                if not arithmetic(plain):
                    continue
                down = plain.endswith(ROUNDED_DOWN)
                exact = evaluate(plain.removesuffix(ROUNDED_DOWN))
                evaluated = exact.quantize(CENT, ROUND_DOWN) if down else cents(exact)
                assert evaluated == Decimal(unprinted(amount, lang)), f"{about} ({lang}): {printed!r} evaluates to {evaluated}"


def check_steps(steps: tuple[Step, ...], about: str) -> None:
    """Every arithmetic step gives its amount; every amount shown, in a formula or as a step's
    result, is to the cent (rounded where computed, so the next step uses what is printed)."""
    wrong = [printed for printed in printed_steps(steps) if not printed.holds]
    assert not wrong, f"{about}: {wrong}"
    for step in steps:
        assert step.amount is None or step.amount == cents(step.amount), f"{about}: {step.label}: {step.amount} is not to the cent"
        for name, value in money_values(step):
            assert value == cents(value), f"{about}: {step.label}: {name}={value} is printed rounded but used unrounded"


# --- the cases -------------------------------------------------------------------------------------

STEPPED = [case for case in CASES if not case.error]


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in STEPPED])
def test_case_steps_as_printed(case: Case) -> None:
    result = rules.run(case.kind, python_values(case.input), case.params)
    check_steps(result.steps, case.id)
    check_explained(result.steps, case.id)


# --- generated inputs ------------------------------------------------------------------------------


def money(high: int, low: str = "0") -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal(low), max_value=high, places=2, allow_nan=False, allow_infinity=False)


STATUSES = st.sampled_from(parameters.STATUSES)


@st.composite
def invalidity_inputs(draw: st.DrawFn) -> dict[str, Any]:
    """The amounts, then a rate, a category or both (one of them is needed)."""
    inputs = draw(
        st.fixed_dictionaries(
            {"base_salary": money(20_000, low="0.01"), "bonuses": money(10_000), "pension": money(100_000), "recalculation": st.booleans()},
            optional={"cost_of_living_bonus": money(3_000)},
        )
    )
    given = draw(st.sampled_from(("rate", "category", "both")))
    if given != "category":
        inputs["rate"] = draw(money(100))
    if given != "rate":
        inputs["category"] = draw(st.sampled_from(("1", "2", "3")))
    return inputs


INPUTS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "daily-allowance": st.fixed_dictionaries(
        {"reference_salary": money(20_000, low="0.01"), "resources": money(20_000)},
        optional={"net_salary": money(20_000), "net_resources": money(20_000)},
    ),
    "invalidity": invalidity_inputs(),
    "autonomy": st.fixed_dictionaries({"status": STATUSES, "age": st.integers(0, 130), "quarters": st.integers(0, 400)}),
    "dependency": st.fixed_dictionaries(
        {"status": STATUSES, "gir": st.integers(1, 6), "membership_months": st.integers(0, 1500), "home_months": st.integers(0, 12)}
    ),
    "death-capital": st.fixed_dictionaries(
        {"status": STATUSES, "children": st.integers(0, 30), "contribution_base": money(500_000, low="0.01")},
        optional={"ceiling": money(500_000), "index_100_value": st.decimals(min_value="0.01", max_value=20_000, places=2)},
    ),
    "social-loan": st.sampled_from(("social", "special")).flatmap(
        lambda kind: st.fixed_dictionaries(
            {
                "type": st.just(kind),
                "amount": st.decimals(min_value="0.01", max_value=6000 if kind == "social" else 3000, places=2),
                "months": st.integers(1, 48 if kind == "social" else 4),
            }
        )
    ),
}
assert set(INPUTS) == set(KINDS)


# The bonuses counted at 15 % of 2 141,11 = 321,1665 were kept unrounded and printed 321,17: the
# guarantee printed "2/3 x (2 462,28 x 70 %) x 12 = 13 788,75", whose numbers give 13 788,77.
ISSUE_10 = {"base_salary": Decimal("2141.11"), "bonuses": Decimal(600), "pension": Decimal(5000), "rate": Decimal(37)}


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_steps_as_printed(kind: str, data: st.DataObject) -> None:
    inputs = data.draw(INPUTS[kind], label="inputs")
    result = rules.run(kind, inputs, PARAMS)
    check_steps(result.steps, f"{kind} {inputs}")
    check_explained(result.steps, f"{kind} {inputs}")


def test_the_issue_10_example_as_printed() -> None:
    result = rules.run("invalidity", ISSUE_10, PARAMS)
    check_steps(result.steps, "2141.11")
    check_explained(result.steps, "2141.11")
    with using("fr"):
        printed = [step_formula(step) for step in result.steps]
    assert "2/3 x (2\u00a0462,28 x 70\u00a0%) x 12 = 13\u00a0788,77" in printed
    assert "min(600 ; 15\u00a0% x 2\u00a0141,11) = 321,17" in printed


def test_the_checks_catch_a_figure_used_unrounded() -> None:
    """The checks fail on the step the rule printed before issue 10 (321,1665 used, 321,17 shown)."""
    reference = Decimal("2141.11") + Decimal("2141.11") * Decimal("0.15")
    guarantee = (Decimal(2) / 3 * (reference * Decimal("0.70")) * 12).quantize(CENT, ROUND_HALF_UP)
    assert guarantee == Decimal("13788.75")
    step = Step(
        "Guarantee",
        "{factor} x ({reference:money} x {rate:pct}) x 12",
        {"factor": "2/3", "reference": reference, "rate": Decimal("0.70")},
        guarantee,
        "",
    )
    with pytest.raises(AssertionError, match=r"2462\.28 x 70 %\) x 12', exact=Decimal\('13788\.768"):
        check_steps((step,), "before issue 10")
    with pytest.raises(AssertionError, match=r"evaluates to 13788\.77"):
        check_explained((step,), "before issue 10")


# --- an ineligible case shows why, in text, --json and --steps CSV -----------------------------------

NOT_ELIGIBLE = {
    "dependency": (
        ["--status", "active", "--gir", "2", "--membership-months", "40", "--home-months", "8"],
        "GIR 2; total dependency means GIR 1",
    ),
    "autonomy": (
        ["--status", "retired", "--age", "60", "--quarters", "2"],
        "retired member (MP retraité); the PTA allowance is for active member (MP actif) or spouse beneficiary (bénéficiaire conjoint)",
    ),
}


@pytest.mark.parametrize("kind", list(NOT_ELIGIBLE))
def test_not_eligible_shows_the_condition_in_every_output(kind: str, tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from esncli.cli import app

    args, condition = NOT_ELIGIBLE[kind]
    runner = CliRunner()
    text = runner.invoke(app, ["estimate", kind, *args])
    assert text.exit_code == 0, text.stderr
    flat = " ".join(text.stdout.split())
    assert condition in flat
    assert "nothing is due: a condition above is not met = 0" in flat
    assert "120 = 0" not in flat and "400 x 0" not in flat and "not due (see why below)" not in flat

    as_json = runner.invoke(app, ["estimate", kind, *args, "--json"])
    steps = json.loads(as_json.stdout)["steps"]
    assert {"formula": condition, "amount": None} in [{"formula": s["formula"], "amount": s["amount"]} for s in steps]
    assert steps[-1]["formula"] == "nothing is due: a condition above is not met" and steps[-1]["amount"] == 0

    names = [name.removeprefix("--").replace("-", "_") for name in args[::2]]
    rows = tmp_path / "in.csv"
    rows.write_text("kind," + ",".join(names) + "\n" + kind + "," + ",".join(args[1::2]) + "\n", encoding="utf-8")
    batch = runner.invoke(app, ["estimate", "batch", str(rows), "--steps"])
    assert batch.exit_code == 0, batch.stderr
    (row,) = csv.DictReader(io.StringIO(batch.stdout))
    assert condition in row["steps"] and "nothing is due: a condition above is not met = 0.00" in row["steps"]
