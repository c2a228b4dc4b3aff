"""Shell completion (issue 10, "Completion"), through the real protocol: esn run as the shell
runs it (``_ESN_COMPLETE=complete_bash`` with COMP_WORDS and COMP_CWORD), and once in real bash
with the script esn gives (``_ESN_COMPLETE=source_bash``), so that the word bash inserts is
proved to read back as the name."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ESN = [sys.executable, "-m", "esncli"]
BIN = Path(sys.executable).parent


def complete(line: str) -> list[str]:
    """What esn answers when bash completes the last word of ``line`` (a trailing space: a new,
    empty word)."""
    words = line.split(" ")
    env = {**os.environ, "_ESN_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    done = subprocess.run(ESN, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.splitlines()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("esn zone lookup ken", ["Kenya"]),  # case: Typer's filter found nothing
        ("esn zone lookup KEN", ["Kenya"]),
        ("esn zone lookup cote", ["Côte\\ d\\'Ivoire"]),  # accents, quoted for bash
        ("esn zone lookup etats", ["États-Unis"]),
        ("esn contact bres", ["Brésil"]),
        ("esn zone lookup Costa R", ["Rica"]),  # the second word of a name typed without quotes
        ("esn zone lookup new z", ["Zealand"]),
    ],
)
def test_country_completion_ignores_case_and_accents_and_quotes_for_bash(line: str, expected: list[str]) -> None:
    assert complete(line) == expected


def test_several_candidates_are_all_offered() -> None:
    assert complete("esn zone lookup new") == ["New\\ Caledonia", "New\\ Zealand"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("esn contact Kenya --need ", ["assistance", "care", "general", "hospitalisation", "maternity", "prevoyance", "social-aid"]),
        ("esn estimate death-capital --status r", ["retired"]),
        ("esn estimate social-loan --type ", ["social", "special"]),
        ("esn estimate invalidity --category ", ["1", "2", "3"]),
        ("esn --lang ", ["en", "fr"]),
        ("esn guarantees --status A", ["active", "associate"]),
        ("esn zone list --offer c", ["Cyan"]),
        ("esn zone list --network ", ["HCS", "IMA"]),
    ],
)
def test_choices_complete_to_their_values_not_file_names(line: str, expected: list[str]) -> None:
    assert complete(line) == expected


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("typed", "name"),
    [(["cote"], "Côte d'Ivoire"), (["Costa", "R"], "Costa Rica"), (["ken"], "Kenya"), (["papouasie"], "Papouasie-Nouvelle-Guinée")],
)
def test_bash_reads_the_inserted_word_back_as_the_name(typed: list[str], name: str) -> None:
    """Real bash: esn's completion script, its function run as bash runs it on Tab, the line
    rebuilt with the word it inserts, and esn given that line: the name arrives whole (the
    apostrophe of Côte d'Ivoire left bash at a '>' prompt before)."""
    script = f"""
set -e
eval "$(_ESN_COMPLETE=source_bash esn)"
COMP_WORDS=(esn zone lookup {" ".join(typed)})
COMP_CWORD={2 + len(typed)}
_esn_completion esn
[ "${{#COMPREPLY[@]}}" = 1 ]
eval "esn zone lookup {" ".join(typed[:-1])} ${{COMPREPLY[0]}} --json"
"""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert name in (record["name_fr"], record["name_en"]), record
