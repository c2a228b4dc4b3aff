"""Terminals and pipes that cannot write every character, TERM=dumb and FORCE_COLOR (issue 11):
every command answers, degrading what it cannot write ("EUR" for the euro sign, "e" for "é"),
its JSON escaped to ASCII and still exact; no escape codes where TERM says there are none."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from test_terminal_and_pipes import COMMANDS

pytestmark = pytest.mark.timeout(120)
ESCAPE = re.compile(r"\x1b|\x9b")
BASE = {
    k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "LC_ALL", "LANG", "PYTHONUTF8", "PYTHONIOENCODING")
}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "esncli", *args], capture_output=True, env={**BASE, **env}, timeout=60)


ENCODINGS = [
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "latin-1"},
    {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
]


SOME = [
    ["contact", "Brazil"],
    ["guarantees"],
    ["estimate", "invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "8123", "--rate", "37"],
]


@pytest.mark.parametrize(
    ("env", "lang", "commands"),
    [(ENCODINGS[0], "en", COMMANDS), (ENCODINGS[0], "fr", COMMANDS), (ENCODINGS[1], "fr", SOME), (ENCODINGS[2], "fr", SOME)],
    ids=["ascii-en", "ascii-fr", "latin-1-fr", "C-locale-fr"],
)
def test_every_command_answers_on_a_terminal_that_cannot_write_unicode(env: dict[str, str], lang: str, commands: list[list[str]]) -> None:
    for args in commands:
        done = run([*args, "--lang", lang], **env)
        assert done.returncode in (0, 2), (args, done.stderr)
        assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr, (args, done.stderr)
        if env.get("PYTHONIOENCODING") != "latin-1":
            done.stdout.decode("ascii")  # only what the stream can write
            done.stderr.decode("ascii")


def test_amounts_and_accents_degrade_to_their_nearest_ascii() -> None:
    done = run(
        ["estimate", "invalidity", "--base-salary", "2140", "--bonuses", "600", "--pension", "8123", "--rate", "37", "--lang", "fr"],
        PYTHONIOENCODING="ascii",
    )
    text = done.stdout.decode("ascii")
    assert done.returncode == 0
    assert "Allocation d'invalidite (IPT ou IPP)" in text and "5 658,60 EUR" in text


def test_json_on_an_ascii_stream_is_escaped_and_exact() -> None:
    done = run(["zone", "lookup", "Côte d'Ivoire", "--json"], PYTHONIOENCODING="ascii")
    assert done.returncode == 0
    assert "C\\u00f4te d'Ivoire" in done.stdout.decode("ascii")
    assert json.loads(done.stdout)["name_fr"] == "Côte d'Ivoire"


def test_term_dumb_means_no_escape_codes_even_on_a_terminal() -> None:
    pexpect = pytest.importorskip("pexpect")
    for args in (["zone", "lookup", "Kenya"], ["guarantees"], ["zone", "lookup", "Germny"]):
        child = pexpect.spawn(
            sys.executable, ["-m", "esncli", *args], env={**BASE, "TERM": "dumb"}, encoding="utf-8", dimensions=(40, 160), timeout=30
        )
        text = child.read()
        child.close()
        assert (child.exitstatus == 0 and "Kenya" in text) or "Germany" in text or "Garantie" in text or "Guarantee" in text
        assert not ESCAPE.search(text), (args, text[:200])


def test_force_color_colours_a_pipe_and_no_color_wins() -> None:
    coloured = run(["zone", "lookup", "Kenya"], FORCE_COLOR="1")
    assert ESCAPE.search(coloured.stdout.decode())
    plain = run(["zone", "lookup", "Kenya"], FORCE_COLOR="1", NO_COLOR="1")
    assert not ESCAPE.search(plain.stdout.decode())
