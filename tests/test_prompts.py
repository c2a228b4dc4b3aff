"""The questionary prompts, driven through prompt_toolkit's pipe input with a DummyOutput, each
under a timeout: answers give the guide's results, invalid numbers are refused, Ctrl-C exits 130.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from esncli import prompts, terminal
from esncli.cli import app
from esncli.rules import kinds

pytestmark = pytest.mark.timeout(20)

runner = CliRunner()

ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"
BACKSPACE = "\x7f"
A_TERMINAL = terminal.Terminal(stdin_tty=True, stdout_tty=True, stderr_tty=True, no_color=True)


@pytest.fixture
def keys() -> Iterator:
    """A pipe the prompts read their keys from, and the app session every prompt uses."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def ask(kind: str, raw: dict, pipe) -> dict:
    return prompts.ask_missing(kinds.REGISTRY[kind], raw, input=pipe, output=DummyOutput())


def test_pierre_answers_give_the_guide_result(keys) -> None:
    # base salary, bonuses, pension, "which do you have?" (the rate is first), the rate
    keys.send_text("2140" + ENTER + "600" + ENTER + "8123" + ENTER + ENTER + "37" + ENTER)
    answers = ask("invalidity", {}, keys)
    result = kinds.run("invalidity", answers)
    assert result.outputs["category"] == "IPP"
    assert result.outputs["annual_amount"] == Decimal("5658.60")


def test_only_missing_inputs_are_asked(keys) -> None:
    keys.send_text("8123" + ENTER)
    answers = ask("invalidity", {"base_salary": "2140", "bonuses": "600", "rate": "37"}, keys)
    assert answers == {"base_salary": "2140", "bonuses": "600", "rate": "37", "pension": "8123"}


def test_category_instead_of_rate(keys) -> None:
    # Chantal: choose the Social Security category, then category 2 (second in the list).
    keys.send_text("2500" + ENTER + "300" + ENTER + "15000" + ENTER + DOWN + ENTER + DOWN + ENTER)
    answers = ask("invalidity", {}, keys)
    assert "rate" not in answers
    assert answers["category"] == "2"
    result = kinds.run("invalidity", answers)
    assert (result.outputs["category"], result.outputs["annual_amount"]) == ("IPT", Decimal("8520.00"))


def test_invalid_numbers_are_refused_by_the_validator(keys) -> None:
    # -5, "abc" and 120 % are refused and stay in the field; erased, 37 is accepted.
    erase = BACKSPACE * 5
    keys.send_text("-5" + ENTER + erase + "abc" + ENTER + erase + "120" + ENTER + erase + "37" + ENTER)
    spec = kinds.REGISTRY["invalidity"].input("rate")
    assert prompts.ask(spec, input=keys, output=DummyOutput()) == "37"


def test_negative_money_is_refused(keys) -> None:
    keys.send_text("-2140" + ENTER + BACKSPACE * 6 + "2 140,50" + ENTER)
    spec = kinds.REGISTRY["invalidity"].input("base_salary")
    assert prompts.ask(spec, input=keys, output=DummyOutput()) == "2 140,50"


def test_status_is_a_choice(keys) -> None:
    # autonomy: status (a list: active first), then age and quarters
    keys.send_text(ENTER + "40" + ENTER + "2" + ENTER)
    answers = ask("autonomy", {}, keys)
    assert answers["status"] == "active"
    assert kinds.run("autonomy", answers).outputs["total_amount"] == Decimal("800.00")


def test_cli_asks_an_active_members_contribution_base(keys) -> None:
    # status: active (first), 1 child; the rule then needs the contribution base: asked too.
    terminal.override(A_TERMINAL)
    keys.send_text(ENTER + "1" + ENTER + "40000" + ENTER)
    result = runner.invoke(app, ["estimate", "death-capital", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout, parse_float=Decimal)
    assert data["base_capital"] == Decimal("34000.00")  # 85 % of the annual contribution base


def test_missing_lists_groups_in_spec_order() -> None:
    groups = prompts.missing(kinds.REGISTRY["invalidity"], {"bonuses": "600"})
    assert groups == [("base_salary",), ("pension",), ("rate", "category")]
    assert prompts.describe_missing(groups) == "--base-salary, --pension, --rate or --category"


# --- through the whole command, with the prompts reading the pipe ------------------------------


def test_cli_asks_then_explains(keys) -> None:
    terminal.override(A_TERMINAL)
    keys.send_text("2140" + ENTER + "600" + ENTER + "8123" + ENTER + ENTER + "37" + ENTER)
    result = runner.invoke(app, ["estimate", "invalidity", "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout, parse_float=Decimal)["annual_amount"] == Decimal("5658.60")


def test_ctrl_c_exits_130_without_traceback(keys) -> None:
    terminal.override(A_TERMINAL)
    keys.send_text("2140" + ENTER + CTRL_C)
    result = runner.invoke(app, ["estimate", "invalidity"])
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    assert "5,658.60" not in result.stdout  # stopped before computing anything


def test_several_resources_at_one_prompt_are_added(keys) -> None:
    """daily-allowance's resources (half pay + maintained bonuses, issue 10): "1354 + 1051,50" at
    the prompt is their sum, each part read by the amount parser; a bad part is refused there."""
    keys.send_text("1354 + 10,500" + ENTER + BACKSPACE * 13 + "1354 + 1051,50" + ENTER)
    spec = kinds.REGISTRY["daily-allowance"].input("resources")
    assert prompts.ask(spec, input=keys, output=DummyOutput()) == Decimal("2405.50")
