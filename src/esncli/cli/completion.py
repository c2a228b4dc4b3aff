"""Shell completion of countries and choices (issue 10, "Completion").

Typer's ``autocompletion=`` keeps only the candidates that start with the typed text, case and
accents included (``ken`` found nothing, only ``Ken`` found Kenya), and bash inserts a candidate
as it is (``Côte d'Ivoire`` left bash waiting for the closing quote). A parameter's type completes
instead (Click asks ``ParamType.shell_complete`` when no ``autocompletion`` is set; Typer takes the
type as ``click_type``, its public API): the candidates are matched on folded text and, for bash,
inserted quoted as bash reads them back. zsh and fish quote what they insert themselves.

The type derives from the Click that typer vendors (``typer._click``, typer 0.24-0.29: typer
takes only its own Click's types as ``click_type`` and re-exports no ParamType): the one place
esn names it, tested through the real completion protocol by tests/test_completion.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from typer import _click as click
from typer._click.shell_completion import CompletionItem

COMPLETE_VAR = "_ESN_COMPLETE"  # Click's name for the program esn: how the shell asks


class Completing(click.types.StringParamType):
    """A text parameter (converted as Click's STRING) whose completion is ``candidates``: the
    names whose folded form (``fold``) starts with the folded typed text."""

    name = "text"

    def __init__(self, candidates: Callable[[], Iterable[str]], fold: Callable[[str], str]) -> None:
        self.candidates = candidates
        self.fold = fold

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        # A name of several words typed without quotes (esn zone lookup Costa R): the words
        # before this one are the parameter's values so far; the candidate completes them, and
        # what the shell inserts is the rest of its words.
        before = ctx.params.get(param.name or "") if param.nargs == -1 else None
        before = list(before) if isinstance(before, (list, tuple)) else []
        typed = self.fold(" ".join([*before, incomplete]))
        words = []
        for name in self.candidates():
            if self.fold(name).startswith(typed):
                rest = name.split(" ")[len(before) :]
                if rest:
                    words.append(" ".join(rest))
        bash = os.environ.get(COMPLETE_VAR, "").endswith("_bash")  # complete_bash, source_bash
        return [CompletionItem(_bash_word(word) if bash else word) for word in sorted(set(words), key=self.fold)]


def _bash_word(name: str) -> str:
    """``name`` as one bash word: Côte d'Ivoire -> Côte\\ d\\'Ivoire (bash puts the word on the
    command line as it is, so that its quoting must be bash's own; shlex.quote's '...' forms
    read the same but show oddly in a list of candidates)."""
    return "".join("\\" + c if not (c.isalnum() or c in "-_./,:@%+=") else c for c in name)


def countries() -> Completing:
    """Every zonier and other place's French and English names."""

    def names() -> list[str]:
        from esncli import catalog

        zones: dict[str, Any] = catalog.load("zones")
        return [name for place in zones["places"] for name in (place["name_en"], place["name_fr"])]

    def fold(text: str) -> str:
        from esncli.countries import normalise  # here: completion's cost, not start-up's

        return normalise(text)

    return Completing(names, fold)


def choices(values: Iterable[str]) -> Completing:
    """A choice's values (``--status``, ``--need``, ``--lang``...), matched with case and accents
    folded."""
    from esncli.i18n import fold

    listed = tuple(values)
    return Completing(lambda: listed, fold)
