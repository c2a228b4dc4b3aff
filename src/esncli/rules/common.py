"""Inputs that several estimates share, declared once."""

from __future__ import annotations

from esncli.i18n import N_
from esncli.parameters import STATUSES
from esncli.rules.fields import Choice, Option

# The statuses of the guide's summary table (MP actif, MP maintenus CTA, MP associés, MP retraité,
# bénéficiaire conjoint); who is entitled to what is data (guarantees.yaml, entitlements).
STATUS_OPTIONS = (
    Option("active", N_("active member (MP actif)")),
    Option("cta", N_("member maintained under the CTA (MP maintenu CTA)")),
    Option("associate", N_("associate member (MP associé)")),
    Option("retired", N_("retired member (MP retraité)")),
    Option("spouse", N_("spouse beneficiary (bénéficiaire conjoint)")),
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
