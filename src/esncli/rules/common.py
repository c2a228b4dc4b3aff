"""Inputs that several estimates share, described once."""

from __future__ import annotations

from esncli.i18n import N_
from esncli.parameters import STATUSES
from esncli.rules.model import InputSpec

# The statuses of the guide's summary table (MP actif, MP maintenus CTA, MP associés, MP retraité,
# bénéficiaire conjoint); who is entitled to what is data (guarantees.yaml, entitlements).
STATUS_SPEC = InputSpec(
    "status",
    "choice",
    N_("Member status: active (MP actif), cta (maintained under the CTA), associate, retired, or spouse (spouse beneficiary)."),
    choices=STATUSES,
)
