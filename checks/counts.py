"""COUNT_BELOW_MINIMUM: at least N items (cases, scenarios), covering named groups."""
from __future__ import annotations

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.quantities import evaluate, filtered_rows, fmt
from criteria.schema import CountAtLeastRule
from models import Finding, FindingCode


@rule_check(CountAtLeastRule, codes=(FindingCode.COUNT_BELOW_MINIMUM,))
def check_count_at_least(rule: CountAtLeastRule, ctx: CheckContext) -> list[Finding]:
    code = FindingCode.COUNT_BELOW_MINIMUM
    v = evaluate(rule.count, ctx)
    out: list[Finding] = []
    if v.value is None:
        return []
    if rule.waived_by and any(term in d.text for d in ctx.readable for term in rule.waived_by):
        return []
    if v.value < rule.min:
        out.append(Finding(
            code=code, severity=RULE_SEVERITY,
            message=f"{rule.title}：要求至少 {rule.min} 个，实际 {fmt(v.value)} 个（{v.label}）。",
            expected=f"≥{rule.min}", actual=int(v.value), locations=v.locations))
    if rule.groups and rule.group_column and rule.count.table:
        covered: set[str] = set()
        known = set(rule.groups) | set(rule.group_of_item.values())
        for row in filtered_rows(rule.count, ctx):
            group = str(row.values.get(rule.group_column) or "").strip()
            if group not in known:
                # No group, or another classification's name: the item's own group first
                # (在线智能检测 is 生产作业 although the 指引 files it under 质量管控).
                item = str(row.values.get(rule.item_column) or "").strip() \
                    if rule.item_column else ""
                group = rule.group_of_item.get(item) or rule.group_aliases.get(group) or ""
            if group:
                covered.add(group)
        missing = [g for g in rule.groups if g not in covered]
        if missing:
            out.append(Finding(
                code=code, severity=RULE_SEVERITY,
                message=f"{rule.title}：须覆盖 {'、'.join(rule.groups)}，缺少 {'、'.join(missing)}。",
                expected=rule.groups, actual=sorted(covered), locations=v.locations))
    return out
