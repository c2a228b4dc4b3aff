"""`esn estimate invalidity` in a real pseudo-terminal (pexpect makes its own, so this runs in CI
too): the whole walkthrough for Pierre, and Ctrl-C at a prompt."""

from __future__ import annotations

import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(60)]

ENTER = "\r"  # what the Enter key sends in raw mode


def spawn(*args: str):
    env = dict(os.environ)
    env.update(
        NO_COLOR="1",
        TERM="xterm",
        # pexpect does not answer prompt_toolkit's cursor-position requests: do not send them.
        PROMPT_TOOLKIT_NO_CPR="1",
    )
    env.pop("ESN_DATA_DIR", None)
    return pexpect.spawn(sys.executable, ["-m", "esncli", *args], env=env, encoding="utf-8", dimensions=(40, 160), timeout=20)


def test_pierre_walkthrough() -> None:
    child = spawn("estimate", "invalidity")
    try:
        for question, answer in (("Base salary", "2140"), ("Bonuses", "600"), ("Pension", "8123")):
            child.expect(question)
            child.send(answer + ENTER)
        child.expect("Which do you have")
        child.send(ENTER)  # an invalidity rate (the first choice)
        child.expect("Rate")
        child.send("37" + ENTER)
        child.expect(r"€5,658\.60")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_ctrl_c_at_a_prompt() -> None:
    child = spawn("estimate", "invalidity")
    try:
        child.expect("Base salary")
        child.send("\x03")
        child.expect(pexpect.EOF)
        shown = child.before
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert "esn: interrupted" in shown  # said once, by the one handler (cli/__init__.py)
    assert "Traceback" not in shown
    assert "internal error" not in shown


@pytest.mark.parametrize("paste", ["bracketed", "typed"])
def test_a_huge_paste_is_refused_and_the_question_asked_again(paste: str) -> None:
    """100 000 characters pasted into a prompt (issue 11): refused on the spot; Ctrl-U clears the
    answer and the walkthrough goes on. A terminal without bracketed paste sends the characters
    one by one: past the limit they are dropped as they come (5 000 here, to keep the test short)."""
    child = spawn("estimate", "invalidity")
    try:
        child.expect("Base salary")
        child.send("\x1b[200~" + "1" * 100_000 + "\x1b[201~" if paste == "bracketed" else "1" * 5_000)
        child.send(ENTER)
        child.expect("too long: an answer here is at most 200 characters")
        child.send("\x15" + "2140" + ENTER)  # Ctrl-U: the line cleared
        child.expect("Bonuses")
    finally:
        child.close(force=True)


def test_output_to_a_pipe_still_asks_on_the_terminal(tmp_path) -> None:
    """`esn estimate social-loan | tee estimate.txt`: the questions are drawn on the terminal
    (stdin's), the file gets the result and nothing of the questions; the loan type is asked
    first (it sets the limits), then the summary and the command to run it again."""
    saved = tmp_path / "estimate.txt"
    env = dict(os.environ, NO_COLOR="1", TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    env.pop("ESN_DATA_DIR", None)
    command = f"'{sys.executable}' -m esncli estimate social-loan | tee '{saved}' > /dev/null"
    child = pexpect.spawn("bash", ["-c", command], env=env, encoding="utf-8", dimensions=(40, 160), timeout=20)
    try:
        child.expect("Type")
        child.send(ENTER)  # social loan, the default
        child.expect("Amount")
        child.send("6000" + ENTER)
        child.expect("48 at most")  # the help states the data's figure
        child.send("48" + ENTER)
        child.expect("Your answers:")
        child.expect("esn estimate social-loan --amount 6000 --months 48 --type social")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    text = saved.read_text(encoding="utf-8")
    assert "Monthly installment  €125.00" in text
    assert "Amount" not in text.split("Inputs")[0] and "Your answers" not in text and "?" not in text
