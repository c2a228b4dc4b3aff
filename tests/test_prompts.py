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


# --- issue 10, the walkthrough: every input the rule needs, nothing once the answer is decided ---

UP = "\x1b[A"


def _status_keys(status: str) -> str:
    """The keys that pick ``status`` in the status list (the declaration's order)."""
    values = kinds.REGISTRY["autonomy"].input("status").values  # type: ignore[attr-defined]
    return DOWN * values.index(status) + ENTER


def test_a_retired_member_is_not_asked_age_and_quarters_for_the_pta(keys) -> None:
    """The status decides (the summary table entitles active members and spouses only): the
    declaration's asked_when, read by the walkthrough, asks nothing more."""
    keys.send_text(_status_keys("retired"))
    answers = ask("autonomy", {}, keys)
    assert answers == {"status": "retired"}
    result = kinds.run("autonomy", answers)
    assert not result.eligible
    assert result.reasons[0].startswith("The PTA allowance is for active members and spouse beneficiaries")
    assert not any("under" in reason for reason in result.reasons)  # no age was given: none is blamed


def test_an_age_at_the_limit_is_not_asked_the_quarters(keys) -> None:
    from esncli import parameters

    limit = parameters.current().value("autonomy.age_limit")
    keys.send_text(_status_keys("active") + str(limit) + ENTER)
    answers = ask("autonomy", {}, keys)
    assert answers == {"status": "active", "age": str(limit)}
    assert not kinds.run("autonomy", answers).eligible


def test_dependency_asks_only_while_the_answer_is_open(keys) -> None:
    """GIR 2 decides (the guarantee is for GIR 1): months of membership and at home are not asked."""
    keys.send_text(_status_keys("active") + "2" + ENTER)
    answers = ask("dependency", {}, keys)
    assert answers == {"status": "active", "gir": "2"}
    assert not kinds.run("dependency", answers).eligible


def test_death_capital_asks_no_children_where_they_add_nothing(keys) -> None:
    keys.send_text(_status_keys("associate"))
    assert ask("death-capital", {}, keys) == {"status": "associate"}


def test_social_loan_asks_the_loan_type_first(keys) -> None:
    """The type sets the amount's and the period's limits: asked before them, the social loan
    offered first (the default), so a special advance can be had from the walkthrough."""
    keys.send_text(DOWN + ENTER + "2000" + ENTER + "4" + ENTER)
    answers = ask("social-loan", {}, keys)
    assert list(answers) == ["type", "amount", "months"]
    assert answers["type"] == "special"
    assert kinds.run("social-loan", answers).outputs["monthly_installment"] == Decimal("500.00")


def test_the_cli_check_reads_the_same_declaration() -> None:
    """Without a terminal, what is missing is what the walkthrough would ask: nothing more for a
    retired member; age and quarters for an active one; no quarters past the age limit."""
    terminal.override(terminal.Terminal(stdin_tty=False, stdout_tty=False, stderr_tty=False, no_color=True))
    retired = runner.invoke(app, ["estimate", "autonomy", "--status", "retired", "--json"])
    assert retired.exit_code == 0, retired.stderr
    assert json.loads(retired.stdout)["eligible"] is False
    active = runner.invoke(app, ["estimate", "autonomy", "--status", "active"])
    assert active.exit_code == 2
    assert active.stderr.startswith("esn: missing --age, --quarters;")
    old = runner.invoke(app, ["estimate", "autonomy", "--status", "active", "--age", "90", "--json"])
    assert old.exit_code == 0, old.stderr


def test_a_bad_option_is_said_before_any_question(keys) -> None:
    terminal.override(A_TERMINAL)
    result = runner.invoke(app, ["estimate", "autonomy", "--status", "boss"])
    assert result.exit_code == 2
    assert result.stderr.startswith("esn: --status: expected one of")


def test_an_answer_the_rule_refuses_is_asked_again_with_the_reason(keys) -> None:
    """A special advance of 5 000 over 3 months: its ceiling is the rule's; the amount is asked
    again, with the reason, instead of the walkthrough failing after every answer."""
    terminal.override(A_TERMINAL)
    keys.send_text(DOWN + ENTER + "5000" + ENTER + "3" + ENTER + "3000" + ENTER)
    result = runner.invoke(app, ["estimate", "social-loan", "--json"])
    assert result.exit_code == 0, result.stderr
    assert "esn: --amount: a special advance is at most €3,000" in result.stderr
    assert json.loads(result.stdout, parse_float=Decimal)["inputs"]["amount"] == Decimal("3000")


def test_an_option_the_rule_refuses_is_not_asked_again(keys) -> None:
    terminal.override(A_TERMINAL)
    keys.send_text(DOWN + ENTER + "3" + ENTER)  # the type, then the months
    result = runner.invoke(app, ["estimate", "social-loan", "--amount", "5000"])
    assert result.exit_code == 2
    assert result.stderr == "esn: --amount: a special advance is at most €3,000\n"


# --- help under the question ---------------------------------------------------------------------


class NarrowOutput(DummyOutput):
    def __init__(self, columns: int) -> None:
        self.columns = columns

    def get_size(self):  # type: ignore[no-untyped-def]
        from prompt_toolkit.data_structures import Size

        return Size(rows=24, columns=self.columns)


@pytest.mark.parametrize("columns", [30, 50, 80])
def test_help_is_wrapped_to_the_terminal_without_cutting_a_word(columns: int) -> None:
    text = kinds.REGISTRY["invalidity"].input("pension").help
    from esncli.rules.model import help_text

    shown = prompts.under(help_text(text), {"output": NarrowOutput(columns)}, "> ")
    lines = shown.split("\n")
    assert lines[0] == ""  # under the question, not beside it
    assert lines[-1] == "  > "
    assert all(len(line) < columns for line in lines)
    assert " ".join(line.strip() for line in lines[1:-1]).split() == help_text(text).split()  # every word whole


def test_help_states_the_figures_in_force_with_their_units(tmp_path, keys) -> None:
    """Read from the parameters, never typed: with other figures in the data, other help."""
    import shutil

    from esncli import catalog
    from esncli.rules.model import help_text

    for name in ("zones.yaml", "contacts.yaml"):
        shutil.copy(catalog.shipped_data_dir() / name, tmp_path / name)
    text = (catalog.shipped_data_dir() / "guarantees.yaml").read_text(encoding="utf-8")
    start = text.index("    max_quarters:")
    value_at = text.index("guide: 4", start)
    text = text[:value_at] + "guide: 6" + text[value_at + len("guide: 4") :]
    start = text.index("    home_support_amount:")
    value_at = text.index("guide: 500", start)
    text = text[:value_at] + "guide: 650" + text[value_at + len("guide: 500") :]
    (tmp_path / "guarantees.yaml").write_text(text, encoding="utf-8")
    quarters, home = kinds.REGISTRY["autonomy"].input("quarters").help, kinds.REGISTRY["dependency"].input("home_months").help
    assert "(4 quarters at most are paid" in help_text(quarters)
    assert "lump sum, €500 a year)" in help_text(home)
    catalog.set_data_dir(tmp_path)
    assert "(6 quarters at most are paid" in help_text(quarters)
    assert "lump sum, €650 a year)" in help_text(home)
    from esncli import i18n

    i18n.set_language("fr")
    assert "(6\u00a0trimestres au plus sont versés" in help_text(quarters)
    assert "forfait de maintien à domicile, 650\u00a0€ par an)" in help_text(home)


# --- the answers before the result, the command after it ------------------------------------------


PIERRE = "2140" + ENTER + "600" + ENTER + "8123" + ENTER + ENTER + "37" + ENTER


def test_the_answers_then_the_result_then_the_command_to_run_it_again(keys) -> None:
    terminal.override(A_TERMINAL)
    keys.send_text(PIERRE)
    result = runner.invoke(app, ["estimate", "invalidity", "--json"])
    assert result.exit_code == 0, result.stderr
    summary, _, command = (part.strip("\n") for part in result.stderr.partition("\n\n"))
    assert summary.splitlines() == [
        "Your answers:",
        "  Base salary (TIB): €2,140.00 a month",
        "  Bonuses and allowances: €600.00 a month",
        "  Pensions and other resources deducted: €8,123.00 a year",
        "  Rate of invalidity: 37%",
    ]
    assert command.splitlines() == [
        "To run it again without the questions:",
        "  esn estimate invalidity --base-salary 2140 --bonuses 600 --pension 8123 --rate 37 --json",
    ]
    # The command gives the same result, without a question.
    import shlex

    terminal.override(terminal.Terminal(stdin_tty=False, stdout_tty=False, stderr_tty=False, no_color=True))
    again = runner.invoke(app, shlex.split(command.splitlines()[1])[1:])
    assert again.exit_code == 0, again.stderr
    assert (again.stdout, again.stderr) == (result.stdout, "")


def test_the_command_is_quoted_and_keeps_the_language_and_the_json(keys) -> None:
    """French: the summary in French money, the command with --lang fr; a value as read (the
    comma amount as its number), quoted for the shell when it must be."""
    terminal.override(A_TERMINAL)
    keys.send_text("2 140,50" + ENTER + "600" + ENTER + "8123" + ENTER + DOWN + ENTER + DOWN + ENTER)
    result = runner.invoke(app, ["estimate", "invalidity", "--json", "--lang", "fr"])
    assert result.exit_code == 0, result.stderr
    assert "  Traitement indiciaire brut (TIB) : 2\u00a0140,50\u00a0€ par mois\n" in result.stderr
    assert "  Catégorie : 2\n" in result.stderr
    assert result.stderr.endswith(
        "Pour la relancer sans les questions :\n"
        "  esn estimate invalidity --base-salary 2140.50 --bonuses 600 --pension 8123 --category 2 --json --lang fr\n"
    )
    json.loads(result.stdout)  # stdout is the JSON alone


def test_nothing_asked_no_summary_and_no_command(keys) -> None:
    terminal.override(A_TERMINAL)
    result = runner.invoke(app, ["estimate", "autonomy", "--status", "retired"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_the_rerun_command_quotes_what_the_shell_would_split() -> None:
    from esncli.cli.estimate import rerun_command

    spec = kinds.REGISTRY["social-loan"]
    inputs = {"amount": Decimal("3000"), "months": 4, "type": "special"}
    assert rerun_command(spec, inputs, {"amount": "3 000", "months": "4", "type": "special"}, False) == (
        "esn estimate social-loan --amount 3000 --months 4 --type special"
    )
    from esncli import catalog

    catalog.set_data_dir(__import__("pathlib").Path("/tmp/my data"))
    try:
        assert rerun_command(spec, inputs, {"amount": "3000"}, False).endswith("--amount 3000 --data-dir '/tmp/my data'")
    finally:
        catalog.set_data_dir(None)
