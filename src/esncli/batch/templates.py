"""``esn estimate batch --template KIND``: the header a kind needs and one example row, so that a
counsellor starts from the right columns (issue 12).

The examples are the guide's worked examples (Matthieu, Pierre) and, for the kinds the guide
gives no member for, a case of its own figures; each is a case of ``tests/cases/<kind>.yaml``
(``tests/test_batch_templates.py`` checks that each one still gives the case's results), so they
cannot drift from the rules.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from esncli.rules.kinds import REGISTRY

from .core import ZONE

# kind -> (the member column's example, the inputs: the case named beside it)
EXAMPLES: dict[str, tuple[str, dict[str, Any]]] = {
    # tests/cases/daily-allowance.yaml, matthieu-resources-as-one-sum (Matthieu, p. 12-13)
    "daily-allowance": ("Matthieu", {"reference_salary": 4431, "resources": Decimal("2405.50")}),
    # tests/cases/invalidity.yaml, pierre (p. 15)
    "invalidity": ("Pierre", {"base_salary": 2140, "bonuses": 600, "pension": 8123, "rate": 37}),
    # tests/cases/autonomy.yaml, active-two-quarters
    "autonomy": ("A-1", {"status": "active", "age": 40, "quarters": 2}),
    # tests/cases/dependency.yaml, retired-gir-1-48-months-8-at-home
    "dependency": ("A-1", {"status": "retired", "gir": 1, "membership_months": 48, "home_months": 8}),
    # tests/cases/death-capital.yaml, cta-one-child
    "death-capital": ("A-1", {"status": "cta", "children": 1}),
    # tests/cases/social-loan.yaml, social-loan-by-default
    "social-loan": ("A-1", {"amount": 6000, "months": 48}),
    ZONE: ("A-1", {"country": "Kenya"}),
}


def template(kind: str) -> tuple[list[str], list[Any]]:
    """The header (member, kind, then every input of the kind in its declaration's order) and the
    example row, typed (numbers as numbers)."""
    member, inputs = EXAMPLES[kind]
    names = ["country"] if kind == ZONE else [spec.name for spec in REGISTRY[kind].input_fields]
    return ["member", "kind", *names], [member, kind, *(inputs.get(name) for name in names)]
