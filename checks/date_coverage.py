"""DATE_OUT_OF_RANGE: statements for the required years, insurance proof for the recent
months before --as-of."""
from __future__ import annotations

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from criteria.schema import CoversRecentMonthsRule, CoversYearsRule
from models import Finding, FindingCode, Location


@rule_check(CoversYearsRule, codes=(FindingCode.DATE_OUT_OF_RANGE,), own_requirement=True)
def check_covers_years(rule: CoversYearsRule, ctx: CheckContext) -> list[Finding]:
    docs = ctx.documents_for_attachment(rule.attachment)
    if not docs:
        return []  # MISSING_ATTACHMENT already says so
    paths = {d.path for d in docs}
    facts = [s for s in ctx.statements if s.location.path in paths]
    found = sorted({s.year for s in facts if s.year is not None})
    missing = [y for y in rule.years if y not in found]
    if not missing:
        return []
    att = ctx.programme.attachment(rule.attachment)
    extra = [y for y in found if y not in rule.years]
    extra_note = f"；另有非要求年度 {'、'.join(map(str, extra))} 年" if extra else ""
    locations = [s.location for s in facts] or [Location(path=d.path, page=1) for d in docs]
    return [Finding(
        code=FindingCode.DATE_OUT_OF_RANGE, severity=RULE_SEVERITY,
        requirement=rule.attachment,
        message=f"{att.title}年度不符：要求 {'、'.join(map(str, rule.years))} 年，"
                f"缺少 {'、'.join(map(str, missing))} 年{extra_note}。请补充对应年度的财务报表。",
        expected=rule.years, actual=found, locations=locations)]


def _shift(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


@rule_check(CoversRecentMonthsRule, codes=(FindingCode.DATE_OUT_OF_RANGE,),
            own_requirement=True)
def check_covers_recent_months(rule: CoversRecentMonthsRule, ctx: CheckContext) -> list[Finding]:
    docs = ctx.documents_for_attachment(rule.attachment)
    if not docs:
        return []
    paths = {d.path for d in docs}
    facts = [f for f in ctx.insurance if f.location.path in paths]
    covered = {m for f in facts for m in f.months}
    # The window: the as-of month and the months before it; the latest `grace_months` may be
    # missing because that month's proof is not issued yet.
    asof = (ctx.as_of.year, ctx.as_of.month)
    window = [_shift(*asof, -k) for k in range(rule.months + rule.grace_months)]
    hits = [m for m in window if m in covered]
    if len(hits) >= rule.months:
        return []
    required = sorted(_shift(*asof, -k) for k in range(rule.grace_months,
                                                        rule.months + rule.grace_months))
    fmt = lambda ym: f"{ym[0]}年{ym[1]:02d}月"  # noqa: E731
    att = ctx.programme.attachment(rule.attachment)
    shown = "、".join(fmt(m) for m in sorted(covered)[-6:]) or "未识别到缴费月份"
    return [Finding(
        code=FindingCode.DATE_OUT_OF_RANGE, severity=RULE_SEVERITY,
        requirement=rule.attachment,
        message=f"{att.title}未覆盖核查日期前近{rule.months}个月：应包含 "
                f"{fmt(required[0])}—{fmt(required[-1])}，实际为 {shown}。",
        expected=[fmt(m) for m in required], actual=[fmt(m) for m in sorted(covered)],
        locations=[f.location for f in facts])]
