"""`esn estimate invalidity` in a real pseudo-terminal (pexpect makes its own, so this runs in CI
too): the whole walkthrough for Pierre, and Ctrl-C at a prompt."""

from __future__ import annotations

import os
import shlex
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


def spawn_shell(command: str, columns: int = 160):
    """``command`` run by sh in a real pseudo-terminal (stdin, stderr and the controlling
    terminal are the pty; the command redirects stdout itself)."""
    env = dict(os.environ)
    env.update(NO_COLOR="1", TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    env.pop("ESN_DATA_DIR", None)
    return pexpect.spawn("/bin/sh", ["-c", command], env=env, encoding="utf-8", dimensions=(40, columns), timeout=20)


def _esn() -> str:
    return f"{shlex.quote(sys.executable)} -m esncli"


@pytest.mark.parametrize("redirect", ["file", "pipe"])
def test_output_redirected_still_asks_on_the_terminal(tmp_path, redirect: str) -> None:
    """`esn estimate autonomy > estimate.txt` and `esn estimate autonomy | cat > estimate.txt`
    (issue 10): stdin is the terminal, so the questions are asked there (on /dev/tty); stdout,
    a file or a pipe, gets the result only; the answers and the command go to stderr."""
    target = tmp_path / "estimate.txt"
    into = f"> {target}" if redirect == "file" else f"| cat > {target}"
    child = spawn_shell(f"{_esn()} estimate autonomy --json {into}")
    try:
        child.expect("Status")
        child.send(ENTER)  # active (the first)
        child.expect("Age")
        child.expect("under 65 years")  # the help, under the question, from the parameters
        child.send("40" + ENTER)
        child.expect("Quarters claimed")
        child.send("2" + ENTER)
        child.expect("Your answers:")
        child.expect("To run it again without the questions:")
        child.expect("esn estimate autonomy --status active --age 40 --quarters 2 --json")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    import json

    data = json.loads(target.read_text(encoding="utf-8"))  # the result alone: no question, no summary
    assert (data["eligible"], data["quarters_paid"]) == (True, 2)


def test_help_wraps_at_spaces_in_a_narrow_terminal() -> None:
    """44 columns: the amount's help goes on lines under the question, cut at spaces by esn,
    never by the terminal inside a word (as a too-long line would be)."""
    import re

    child = spawn_shell(f"{_esn()} estimate social-loan", columns=44)
    try:
        child.expect("Type")
        child.send(ENTER)  # social loan
        child.expect(r"\?[^\n]{0,20} Amount borrowed")
        child.expect(r"advance\)\.")
        shown = child.before + child.after
        child.send("\x03")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown).replace("\r", "")
    lines = plain.split("\n")
    help_lines = lines[lines.index(next(line for line in lines if "Amount borrowed," in line)) :]
    assert len(help_lines) >= 2  # wrapped
    assert all(len(line) <= 44 for line in help_lines)
    words = " ".join(help_lines).split()
    for word in ("Amount", "borrowed,", "EUR:", "€6,000", "(social", "loan)", "€3,000", "(special", "advance)."):
        assert word in words  # each whole, on one line


def test_output_to_a_pipe_still_asks_on_the_terminal(tmp_path) -> None:
    """`esn estimate social-loan | tee estimate.txt`: the questions are drawn on the terminal
    (stdin's), the file gets the result and nothing of the questions; the loan type is asked
    first (it sets the limits), then the summary and the command to run it again."""
    saved = tmp_path / "estimate.txt"
    child = spawn_shell(f"{_esn()} estimate social-loan | tee {shlex.quote(str(saved))} > /dev/null")
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
