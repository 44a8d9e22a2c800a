"""A value that must not contain certain words (ELIGIBILITY_FAILED by default): a branch
(分公司) is not an independent legal person."""
from __future__ import annotations

import unicodedata

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.display import SOURCE_NAMES, field_name
from criteria.schema import ExcludesRule
from models import Finding, FindingCode


@rule_check(ExcludesRule, codes=(FindingCode.ELIGIBILITY_FAILED,))
def check_excludes(rule: ExcludesRule, ctx: CheckContext) -> list[Finding]:
    code = FindingCode.ELIGIBILITY_FAILED
    spec = ctx.spec(rule.field)
    for obs in ctx.observations_for(rule.field):
        if obs.is_empty:
            continue
        text = unicodedata.normalize("NFKC", obs.value or "")
        hit = next((t for t in rule.terms if t in text), None)
        if hit is None:
            continue
        return [Finding(
            code=code, severity=RULE_SEVERITY, field=rule.field,
            requirement=f"field.{rule.field}",
            message=f"{rule.title}：{SOURCE_NAMES[obs.source]}{field_name(spec)}为“{obs.value}”"
                    f"（含“{hit}”），不符合“{rule.expected}”的条件。",
            expected=rule.expected, actual=obs.value, locations=[obs.location])]
    return []
