"""DOCUMENT_EXPIRED: a document's validity (营业期限) ended before --as-of."""
from __future__ import annotations

from datetime import date

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from criteria.schema import NotExpiredRule
from models import Finding, FindingCode


@rule_check(NotExpiredRule, codes=(FindingCode.DOCUMENT_EXPIRED,), own_requirement=True)
def check_not_expired(rule: NotExpiredRule, ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for obs in ctx.observations_for(rule.field):
        end = obs.normalized
        if not end or end == "长期":
            continue
        try:
            end_date = date.fromisoformat(str(end))
        except ValueError:
            continue
        if end_date < ctx.as_of:
            out.append(Finding(
                code=FindingCode.DOCUMENT_EXPIRED, severity=RULE_SEVERITY,
                field=rule.field, requirement=f"field.{rule.field}",
                message=f"营业执照营业期限已于{end_date:%Y年%m月%d日}届满（核查日期 "
                        f"{ctx.as_of:%Y年%m月%d日}），请提供换发后的有效营业执照。",
                expected=f"不早于 {ctx.as_of.isoformat()}", actual=end_date.isoformat(),
                locations=[obs.location]))
    return out
