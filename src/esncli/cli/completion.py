"""Shell completion of countries and choices (issue 10, "Completion").

Typer's ``autocompletion=`` keeps only the candidates that start with the typed text, case and
accents included (``ken`` found nothing, only ``Ken`` found Kenya), and bash inserts a candidate
as it is (``Côte d'Ivoire`` left bash waiting for the closing quote). A parameter's type completes
instead (Click asks ``ParamType.shell_complete`` when no ``autocompletion`` is set; Typer takes the
type as ``click_type``, its public API): the candidates are matched on folded text and, for bash,
inserted quoted as bash reads them back. zsh and fish quote what they insert themselves.

The type derives from the Click that typer vendors (``typer._click``, typer 0.24-0.28: typer
takes only its own Click's types as ``click_type`` and re-exports no ParamType): the one place
esn names it, tested through the real completion protocol by tests/test_completion.py. Typer 0.29
removed ``click_type`` and Click's types: there esn runs with Typer's own completion (``complete``
gives no keyword), as tests/test_typer_versions.py checks.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from typing import Any

COMPLETE_VAR = "_ESN_COMPLETE"  # Click's name for the program esn: how the shell asks


class Candidates:
    """What completes a parameter: the names ``candidates`` gives whose folded form (``fold``)
    starts with the folded typed text."""

    def __init__(self, candidates: Callable[[], Iterable[str]], fold: Callable[[str], str]) -> None:
        self.candidates = candidates
        self.fold = fold

    def words(self, params: dict[str, Any], param: Any, incomplete: str) -> list[str]:
        """The words the shell may insert for ``incomplete`` (``params``: the values parsed so far)."""
        # A name of several words typed without quotes (esn zone lookup Costa R): the words
        # before this one are the parameter's values so far; the candidate completes them, and
        # what the shell inserts is the rest of its words.
        before = params.get(param.name or "") if param.nargs == -1 else None
        before = list(before) if isinstance(before, (list, tuple)) else []
        typed = self.fold(" ".join([*before, incomplete]))
        words = []
        for name in self.candidates():
            if self.fold(name).startswith(typed):
                rest = name.split(" ")[len(before) :]
                if rest:
                    words.append(" ".join(rest))
        bash = os.environ.get(COMPLETE_VAR, "").endswith("_bash")  # complete_bash, source_bash
        return [_bash_word(word) if bash else word for word in sorted(set(words), key=self.fold)]


def complete(candidates: Candidates) -> dict[str, Any]:
    """The keyword arguments of ``typer.Option`` / ``typer.Argument`` that complete with
    ``candidates`` (none on a typer without ``click_type``)."""
    try:
        from typer._click.types import StringParamType
    except ImportError:  # typer 0.29
        return {}
    return {"click_type": _completing(StringParamType)(candidates)}


@functools.cache
def _completing(base: Any) -> Any:
    """A text type (converted as Click's STRING) completed by its ``Candidates``."""
    from typer._click.shell_completion import CompletionItem

    class Completing(base):  # type: ignore[misc]
        name = "text"

        def __init__(self, candidates: Candidates) -> None:
            self.candidates = candidates

        def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[Any]:
            return [CompletionItem(word) for word in self.candidates.words(ctx.params, param, incomplete)]

    return Completing


def _bash_word(name: str) -> str:
    """``name`` as one bash word: Côte d'Ivoire -> Côte\\ d\\'Ivoire (bash puts the word on the
    command line as it is, so that its quoting must be bash's own; shlex.quote's '...' forms
    read the same but show oddly in a list of candidates)."""
    return "".join("\\" + c if not (c.isalnum() or c in "-_./,:@%+=") else c for c in name)


def countries() -> dict[str, Any]:
    """Every zonier and other place's French and English names."""

    def names() -> list[str]:
        from esncli import catalog

        zones: dict[str, Any] = catalog.load("zones")
        return [name for place in zones["places"] for name in (place["name_en"], place["name_fr"])]

    def fold(text: str) -> str:
        from esncli.countries import normalise  # here: completion's cost, not start-up's

        return normalise(text)

    return complete(Candidates(names, fold))


def choices(values: Iterable[str]) -> dict[str, Any]:
    """A choice's values (``--status``, ``--need``, ``--lang``...), matched with case and accents
    folded."""
    from esncli.i18n import fold

    listed = tuple(values)
    return complete(Candidates(lambda: listed, fold))
