"""Evaluates "如是，…" conditions: the dependent field applies only when the governing
option was ticked (or written)."""
from __future__ import annotations

from checks.context import CheckContext
from criteria.schema import Condition


def condition_met(ctx: CheckContext, cond: Condition) -> bool:
    obs = ctx.best(cond.field, "declaration")
    if obs is None or obs.is_empty:
        return False
    if obs.options is not None:
        return cond.equals in obs.options
    return (obs.value or "").strip() == cond.equals
