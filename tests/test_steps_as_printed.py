"""Every printed step, evaluated as printed, gives its printed amount.

A step's ``formula_text()`` is what the member reads ("2/3 x (2461 x 70 %) x 12"). Where it is
arithmetic (numbers, ``x``, ``/``, ``+``, ``-``, parentheses, ``%``, ``min(...)``, ``max(...)``),
it is evaluated here as a reader would (``x`` and ``/`` before ``+`` and ``-``, ``a %`` is a/100,
2/3 a division), with Decimal, rounded to the cent half up (down when the formula ends ", rounded
down to the cent", as it then says), and compared with the step's amount rounded to the cent.
Steps with words ("category 2", "rate 37 % < 60 %", "8 months at home (needs 6)") or without an
amount are not arithmetic and are left out.

Run on every case of tests/cases and on inputs generated per kind (hypothesis, amounts to the
cent)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esncli import parameters
from esncli.rules import kinds as rules
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


def check_steps(steps: tuple[Step, ...], about: str) -> None:
    """Every arithmetic step gives its amount."""
    wrong = [printed for printed in printed_steps(steps) if not printed.holds]
    assert not wrong, f"{about}: {wrong}"


# --- the cases -------------------------------------------------------------------------------------

STEPPED = [case for case in CASES if not case.error]


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in STEPPED])
def test_case_steps_as_printed(case: Case) -> None:
    result = rules.run(case.kind, python_values(case.input), case.params)
    check_steps(result.steps, case.id)


# --- generated inputs ------------------------------------------------------------------------------


def money(high: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=high, places=2, allow_nan=False, allow_infinity=False)


STATUSES = st.sampled_from(parameters.STATUSES)


@st.composite
def invalidity_inputs(draw: st.DrawFn) -> dict[str, Any]:
    """The amounts, then a rate, a category or both (one of them is needed)."""
    inputs = draw(
        st.fixed_dictionaries(
            {"base_salary": money(20_000), "bonuses": money(10_000), "pension": money(100_000), "recalculation": st.booleans()},
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
        {"reference_salary": money(20_000), "resources": money(20_000)},
        optional={"net_salary": money(20_000), "net_resources": money(20_000)},
    ),
    "invalidity": invalidity_inputs(),
    "autonomy": st.fixed_dictionaries({"status": STATUSES, "age": st.integers(0, 130), "quarters": st.integers(0, 400)}),
    "dependency": st.fixed_dictionaries(
        {"status": STATUSES, "gir": st.integers(1, 6), "membership_months": st.integers(0, 1500), "home_months": st.integers(0, 12)}
    ),
    "death-capital": st.fixed_dictionaries(
        {"status": STATUSES, "children": st.integers(0, 30), "contribution_base": money(500_000)},
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


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_steps_as_printed(kind: str, data: st.DataObject) -> None:
    inputs = data.draw(INPUTS[kind], label="inputs")
    result = rules.run(kind, inputs, PARAMS)
    check_steps(result.steps, f"{kind} {inputs}")
