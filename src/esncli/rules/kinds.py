"""The estimate kinds, in the order the CLI lists them and the batch writes their columns: the one
list every front door and the tests read. Adding a kind is adding its module here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from esncli.errors import InputError
from esncli.i18n import _
from esncli.rules.autonomy import AUTONOMY
from esncli.rules.daily_allowance import DAILY_ALLOWANCE
from esncli.rules.death_capital import DEATH_CAPITAL
from esncli.rules.dependency import DEPENDENCY
from esncli.rules.invalidity import INVALIDITY
from esncli.rules.model import Estimate, Result
from esncli.rules.social_loan import SOCIAL_LOAN

ESTIMATES: tuple[Estimate[Any, Any, Any], ...] = (DAILY_ALLOWANCE, INVALIDITY, AUTONOMY, DEPENDENCY, DEATH_CAPITAL, SOCIAL_LOAN)
REGISTRY: dict[str, Estimate[Any, Any, Any]] = {estimate.kind: estimate for estimate in ESTIMATES}


def estimate_of(kind: str) -> Estimate[Any, Any, Any]:
    """The estimate ``kind`` names; InputError listing the kinds otherwise."""
    try:
        return REGISTRY[kind]
    except KeyError:
        raise InputError("kind", _("unknown estimate {kind!r} (one of {kinds})").format(kind=kind, kinds=", ".join(REGISTRY))) from None


def run(kind: str, raw: Mapping[str, Any], params: Any = None) -> Result[Any, Any]:
    """Parse ``raw`` for estimate ``kind`` and compute it (with the parameters in force today
    when ``params`` is None), steps recorded."""
    estimate = estimate_of(kind)
    if params is None:
        from esncli import parameters

        params = parameters.current()
    return estimate.compute(estimate.parse(raw, params), params)
