"""Inputs that several estimates share, declared once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from esncli.i18n import N_
from esncli.parameters import STATUSES
from esncli.rules.fields import Choice, Option
from esncli.rules.formulas import Words

if TYPE_CHECKING:
    from esncli.rules.model import Trace

# The statuses of the guide's summary table (MP actif, MP maintenus CTA, MP associés, MP retraité,
# bénéficiaire conjoint); who is entitled to what is data (guarantees.yaml, entitlements).
STATUS_OPTIONS = (
    Option("active", N_("active member (MP actif)"), aliases=("actif", "active member", "mp actif", "membre actif", "en activite")),
    Option("cta", N_("member maintained under the CTA (MP maintenu CTA)"), aliases=("maintenu", "maintenu cta", "mp maintenu cta")),
    Option("associate", N_("associate member (MP associé)"), aliases=("associé", "associate member", "mp associé", "membre associé")),
    Option("retired", N_("retired member (MP retraité)"), aliases=("retraité", "retraite", "retiree", "mp retraité", "membre retraité")),
    Option("spouse", N_("spouse beneficiary (bénéficiaire conjoint)"), aliases=("conjoint", "conjointe", "bénéficiaire conjoint")),
)
assert tuple(o.value for o in STATUS_OPTIONS) == STATUSES


STATUS = Choice(
    N_("Status"),
    N_(
        "Member status: active (MP actif), cta (MP maintenu CTA), associate (MP associé), retired (MP retraité) "
        "or spouse (bénéficiaire conjoint)."
    ),
    options=STATUS_OPTIONS,
)


def status_words(*statuses: str) -> Words:
    """Statuses as a step shows them, in the reader's language ("retired member (MP retraité)";
    several: "a, b or c")."""
    return Words(_STATUS_LABELS[status] for status in statuses)


_STATUS_LABELS = {option.value: option.label for option in STATUS_OPTIONS}


def status_not_met(t: Trace, formula: str, status: str, entitled: Iterable[str], source: str) -> None:
    """The step that says a member's status is not one the summary table entitles (``formula``:
    "{status}; ... is for {entitled}", each estimate's own sentence): no amount, the reason."""
    t.step(
        N_("Condition not met: the member's status"),
        formula,
        None,
        source=source,
        status=status_words(status),
        entitled=status_words(*entitled),
    )
