"""DATE_OUT_OF_RANGE for a stated date outside a window around --as-of or the programme
year."""
from __future__ import annotations

from datetime import date, timedelta

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.display import field_name
from criteria.schema import DateWindowRule
from models import Finding, FindingCode


@rule_check(DateWindowRule, codes=(FindingCode.DATE_OUT_OF_RANGE,))
def check_date_window(rule: DateWindowRule, ctx: CheckContext) -> list[Finding]:
    code = FindingCode.DATE_OUT_OF_RANGE
    obs = ctx.best(rule.field, "declaration") or ctx.best(rule.field)
    if obs is None or obs.is_empty or not obs.normalized:
        return []
    try:
        d = date.fromisoformat(str(obs.normalized)[:10])
    except ValueError:
        return []
    lo: date | None = None
    hi: date | None = None
    if rule.relative_to == "as_of":
        if rule.not_before_days is not None:
            lo = ctx.as_of + timedelta(days=rule.not_before_days)
        if rule.not_after_days is not None:
            hi = ctx.as_of + timedelta(days=rule.not_after_days)
    else:
        y = ctx.programme.year
        if rule.not_before_years is not None:
            lo = date(y + rule.not_before_years, 1, 1)
        if rule.not_after_years is not None:
            hi = date(y + rule.not_after_years, 12, 31)
    if (lo is None or d >= lo) and (hi is None or d <= hi):
        return []
    window = f"{lo.isoformat() if lo else '不限'} 至 {hi.isoformat() if hi else '不限'}"
    spec = ctx.spec(rule.field)
    return [Finding(code=code, severity=RULE_SEVERITY, field=rule.field,
                    message=f"{field_name(spec)}为 {d.isoformat()}，不在要求的时间范围（{window}）内。",
                    expected=window, actual=d.isoformat(), locations=[obs.location])]
