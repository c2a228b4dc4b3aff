"""Under --lang fr (or a French locale) every line esn prints is French, Click's and Typer's own
messages included (issue 10, "French everywhere"; the adapter is esncli.cli.clickfr).

Every help and every usage error of every command is run in French, two ways (--lang fr, and
LANG=fr_FR.UTF-8 with no option), and searched for Click's English (CLICK_ENGLISH). The same runs
in English must show that English: the word list finds what it is looking for, and a message the
adapter does not know (a new Click release rewording one) fails here rather than printing English
to a French reader."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
import typer
from typer.testing import CliRunner

from esncli.cli import COMMANDS, app, clickfr

runner = CliRunner()

# Click's and Typer's English, as they print it (word boundaries, case kept): "Options" and
# "Arguments" are French words too and are checked by the panels' presence instead.
CLICK_ENGLISH = (
    "Usage",
    "Missing",
    "No such",
    "Got unexpected",
    "Show this message",
    "required",
    "Invalid value",
    "Try",
    "Did you mean",
    "Error",
    "requires",
    "does not take",
    "Possible options",
    "Install completion",
    "Show completion",
    "Commands",
    "COMMAND",
    "default:",
    "env var",
    "Aborted",
    "for help",
)
STRAY = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in CLICK_ENGLISH) + r")\b")


def _tree() -> Iterator[list[str]]:
    """Every command path esn has, from the app itself: [], ["zone"], ["zone", "lookup"], ..."""
    root = typer.main.get_command(app)
    with clickfr.Context(root, info_name="esn") as ctx:
        yield []
        stack: list[tuple[list[str], Any]] = []
        for name in COMMANDS:
            stack.append(([name], root.get_command(ctx, name)))
        while stack:
            path, command = stack.pop(0)
            yield path
            for sub, child in sorted((getattr(command, "commands", None) or {}).items()):
                stack.append(([*path, sub], child))


PATHS = list(_tree())
LEAVES = [path for path in PATHS if path not in ([], ["zone"], ["estimate"], ["data"])]


class Case(NamedTuple):
    args: list[str]
    code: int


def _cases() -> list[Case]:
    cases = [Case([*path, "-h"], 0) for path in PATHS]
    cases += [Case(path, 0) for path in ([], ["zone"], ["estimate"], ["data"])]  # a group alone: its help
    for path in LEAVES:
        cases.append(Case([*path, "--bogus"], 2))  # No such option
        cases.append(Case([*path, "--data-dir"], 2))  # Option requires an argument
        cases.append(Case([*path, "--jsn"], 2))  # No such option, with a close one where there is a --json
    cases += [
        Case(["zonee"], 2),  # No such command
        Case(["zone", "lokup"], 2),  # No such command, did you mean
        Case(["estimate", "invalidty"], 2),
        Case(["zone", "lookup"], 2),  # Missing argument
        Case(["contact"], 2),
        Case(["estimate", "batch"], 2),
        Case(["zone", "list", "extra"], 2),  # Got unexpected extra argument
        Case(["data", "check", "extra", "words"], 2),
        Case(["zone", "lookup", "--json=yes", "Kenya"], 2),  # does not take a value
        Case(["guarantees", "--json=1"], 2),
        Case(["--version=1"], 2),
    ]
    return cases


CASES = _cases()


def _run(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    result = runner.invoke(app, args, env=env)
    return result.exit_code, result.stdout + result.stderr


def _french_ways(args: list[str]) -> list[tuple[list[str], dict[str, str]]]:
    return [([*args, "--lang", "fr"] if "--lang" not in args else args, {}), (args, {"LANG": "fr_FR.UTF-8"})]


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c.args) or "(nothing)" for c in CASES])
def test_every_help_and_usage_error_is_french(case: Case) -> None:
    for args, env in _french_ways(case.args):
        code, text = _run(args, env)
        assert code == case.code, (args, env, text)
        assert text.strip(), (args, env)
        assert "Traceback" not in text
        stray = sorted(set(STRAY.findall(text)))
        assert not stray, f"English left in esn {' '.join(args)} ({env or '--lang'}): {stray}\n{text}"
        if code == 0:
            assert "Utilisation : esn" in text and "Afficher ce message et quitter." in text
        else:
            assert text.startswith("esn: "), text


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c.args) or "(nothing)" for c in CASES])
def test_the_same_runs_in_english_show_the_words_looked_for(case: Case) -> None:
    """The word list is Click's English: each run finds some in English (so a French run that
    kept one would be caught), and the English is Click's own, unchanged."""
    code, text = _run(case.args, {})
    assert code == case.code, text
    assert STRAY.search(text), text
    if code == 0:
        assert "Usage: esn" in text and "Show this message and exit." in text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["zone", "lookup"], "esn: Argument 'COUNTRY' manquant.\nEssayez 'esn zone lookup -h' pour l'aide.\n"),
        (["zone", "lookup", "--bogus"], "esn: Option inconnue : --bogus\nEssayez 'esn zone lookup -h' pour l'aide.\n"),
        (
            ["zone", "lookup", "--jsn"],
            "esn: Option inconnue : --jsn (vouliez-vous dire --json ?)\nEssayez 'esn zone lookup -h' pour l'aide.\n",
        ),
        (["zone", "lokup"], "esn: Commande inconnue : 'lokup'. Vouliez-vous dire 'lookup' ?\nEssayez 'esn zone -h' pour l'aide.\n"),
        (["zonee"], "esn: Commande inconnue : 'zonee'.\nEssayez 'esn -h' pour l'aide.\n"),
        (["zone", "list", "extra"], "esn: En trop sur la ligne de commande : extra\nEssayez 'esn zone list -h' pour l'aide.\n"),
        (["contact", "Kenya", "--need"], "esn: L'option '--need' demande une valeur.\n"),
        (["zone", "lookup", "--json=1", "Kenya"], "esn: L'option '--json' ne prend pas de valeur.\n"),
    ],
)
def test_usage_errors_read_as_french_sentences(args: list[str], expected: str) -> None:
    result = runner.invoke(app, ["--lang", "fr", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == expected


def test_an_invalid_value_keeps_esns_own_french_reason() -> None:
    result = runner.invoke(app, ["zone", "lookup", "Kenya", "--lang", "de"], env={"LANG": "fr_FR.UTF-8"})
    assert result.exit_code == 2
    assert (
        result.stderr == "esn: Valeur invalide pour '--lang' : choisissez fr ou en, pas 'de'\nEssayez 'esn zone lookup -h' pour l'aide.\n"
    )


def test_help_panels_and_marks_are_french() -> None:
    text = runner.invoke(app, ["zone", "lookup", "-h", "--lang", "fr"]).stdout
    assert re.search(r"─ Arguments ─", text) and re.search(r"─ Options ─", text)
    assert "[obligatoire]" in text and "[required]" not in text
    text = runner.invoke(app, ["estimate", "batch", "-h", "--lang", "fr"]).stdout
    assert "[par défaut : -]" in text
    text = runner.invoke(app, ["--lang", "fr"]).stdout
    assert "Utilisation : esn [OPTIONS] COMMANDE [ARGS]..." in text and "─ Commandes ─" in text
    assert "Installer la complétion" in text and "Afficher la complétion" in text


def test_english_after_french_in_one_process_is_english_again() -> None:
    """typer's help constants are module globals: a French help must not leave them French."""
    assert "[obligatoire]" in runner.invoke(app, ["zone", "lookup", "-h", "--lang", "fr"]).stdout
    text = runner.invoke(app, ["zone", "lookup", "-h"]).stdout
    assert "[required]" in text and "Usage: esn zone lookup" in text and "obligatoire" not in text
    text = runner.invoke(app, []).stdout
    assert "COMMAND [ARGS]..." in text and "COMMANDE" not in text


def test_an_unknown_english_form_is_left_as_it_is() -> None:
    """A message that is none of Click's forms (esn's own, already translated) is not touched."""
    from esncli import i18n

    i18n.set_language("fr")
    assert clickfr.translate("choisir fr ou en, pas 'de'") == "choisir fr ou en, pas 'de'"
    assert clickfr.translate("Invalid value for '--x': Missing argument 'Y'.") == "Valeur invalide pour '--x' : Argument 'Y' manquant."


@pytest.mark.parametrize(
    ("args", "env", "stream", "expected"),
    [
        (["zone", "lookup"], {"LANG": "fr_FR.UTF-8"}, "stderr", "esn: Argument 'COUNTRY' manquant.\n"),
        (["zone", "lookup", "--bogus", "--lang", "fr"], {}, "stderr", "esn: Option inconnue : --bogus\n"),
        (["--lang", "fr"], {}, "stdout", "Utilisation : esn [OPTIONS] COMMANDE [ARGS]..."),
    ],
)
def test_the_console_script_speaks_french_too(args: list[str], env: dict[str, str], stream: str, expected: str) -> None:
    """The real program, as a shell runs it (not CliRunner): the same adapter, the same French."""
    base = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "ESN_LANG")}
    done = subprocess.run(
        [sys.executable, "-m", "esncli", *args],
        env={**base, "NO_COLOR": "1", "COLUMNS": "100", **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    text = done.stdout if stream == "stdout" else done.stderr
    assert expected in text, done.stdout + done.stderr
    assert not STRAY.findall(done.stdout + done.stderr)
