"""CALCULATION_MISMATCH and VALUE_OUT_OF_RANGE: stated figures against what the dossier's
own tables and parts compute (sum, ratio, band, value_range)."""
from __future__ import annotations

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.display import not_met
from checks.quantities import evaluate, fmt
from criteria.schema import BandRule, RatioRule, SumRule, ValueRangeRule
from models import Finding, FindingCode
from models.readings import NOT_APPLICABLE


@rule_check(SumRule, codes=(FindingCode.CALCULATION_MISMATCH,))
def check_sum(rule: SumRule, ctx: CheckContext) -> list[Finding]:
    total = evaluate(rule.total, ctx)
    parts = [evaluate(p, ctx) for p in rule.parts]
    if total.value is None or any(p.value is None for p in parts):
        return []  # missing inputs are MISSING_FIELD / MISSING_ATTACHMENT's business
    computed = sum(p.value for p in parts)  # type: ignore[misc]
    tol = max(rule.abs_tolerance, rule.rel_tolerance * max(abs(total.value), abs(computed)))
    if abs(total.value - computed) <= tol + 1e-9:
        return []
    how = " + ".join(f"{p.label} {fmt(p.value)}" for p in parts)
    return [Finding(
        code=FindingCode.CALCULATION_MISMATCH, severity=RULE_SEVERITY,
        field=rule.total.field,
        message=f"{not_met(rule.title)}：{total.label}为 {fmt(total.value)}，按{how}计算应为 "
                f"{fmt(computed)}（允许误差 {fmt(tol)}）。请核对。",
        expected=round(computed, 4), actual=total.value,
        locations=total.locations + [loc for p in parts for loc in p.locations])]


@rule_check(RatioRule, codes=(FindingCode.CALCULATION_MISMATCH,))
def check_ratio(rule: RatioRule, ctx: CheckContext) -> list[Finding]:
    stated, num, den = (evaluate(q, ctx) for q in (rule.stated, rule.numerator, rule.denominator))
    if stated.value is None or num.value is None or not den.value:
        return []
    computed = num.value / den.value * 100
    if abs(stated.value - computed) <= rule.tolerance_points + 1e-9:
        return []
    return [Finding(
        code=FindingCode.CALCULATION_MISMATCH, severity=RULE_SEVERITY,
        field=rule.stated.field,
        message=f"{not_met(rule.title)}：申报值 {fmt(stated.value)}%，按{num.label} {fmt(num.value)} ÷ "
                f"{den.label} {fmt(den.value)} 计算为 {fmt(computed)}%，相差 "
                f"{fmt(abs(stated.value - computed))} 个百分点（允许 {fmt(rule.tolerance_points)}）。",
        expected=round(computed, 2), actual=stated.value,
        locations=stated.locations + num.locations)]


def _in_band(score: float, band: tuple[float, float], top: bool) -> bool:
    low, high = band
    if low == high:
        return score == low
    return low <= score < high or (top and score == high)


@rule_check(BandRule, codes=(FindingCode.VALUE_OUT_OF_RANGE,),
            also_rule_severity=(FindingCode.MISSING_FIELD, FindingCode.OPTION_CONFLICT))
def check_band(rule: BandRule, ctx: CheckContext) -> list[Finding]:
    table = ctx.tables.get(rule.table)
    if table is None:
        return []
    top = max((b[1] for d in rule.bands.values() for b in d.values()), default=100.0)
    out: list[Finding] = []
    for row in table.rows:
        level = row.values.get(rule.level_column)
        score = row.values.get(rule.score_column)
        if level == NOT_APPLICABLE or str(level) in rule.skip_levels:
            continue
        value = float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) \
            else None
        level_text = row.raw.get(rule.level_column, "").strip()
        score_text = row.raw.get(rule.score_column, "").strip()
        name = _row_name(row)
        if level is None and value is not None and not _filled(level_text):
            # 表2: "在等级栏和打分栏分别填入…等级序号和该等级的自评分数" — a score without its level.
            out.append(Finding(
                code=FindingCode.MISSING_FIELD, severity=RULE_SEVERITY,
                message=f"{rule.title}：{name}填写了自评分 {fmt(value)}，但等级栏未填写，"
                        f"无法按表3核对分段。请填写所选等级序号。",
                expected="等级序号（1–6）", actual="未填写", locations=[row.location]))
            continue
        if isinstance(level, int) and value is None and not _filled(score_text):
            out.append(Finding(
                code=FindingCode.MISSING_FIELD, severity=RULE_SEVERITY,
                message=f"{rule.title}：{name}选择了等级 {level}，但自评分未填写。"
                        f"请按表3在该等级分段内打分。",
                expected="自评分", actual="未填写", locations=[row.location]))
            continue
        if level is None or value is None:
            continue
        degree = row.values.get(rule.degree_column) if rule.degree_column else ""
        if isinstance(degree, list):
            # 表3 divides each level into 3 小分段 by one 符合程度: ticking two is a conflict.
            out.append(Finding(
                code=FindingCode.OPTION_CONFLICT, severity=RULE_SEVERITY,
                message=f"{rule.title}：{name}的符合程度勾选了{len(degree)}项"
                        f"（{'、'.join(degree)}），只能选择一项。",
                expected="只勾选一项", actual=degree, locations=[row.location]))
            continue
        degree = degree or ""
        degrees = rule.bands.get(str(level))
        if degrees is None:
            continue
        band = degrees.get(str(degree)) or (degrees.get("") if len(degrees) == 1 else None)
        if band is None:
            # No degree given: any band of the level is acceptable.
            lows = [b[0] for b in degrees.values()]
            highs = [b[1] for b in degrees.values()]
            band, degree = (min(lows), max(highs)), "任一符合程度"
        if _in_band(value, band, top=band[1] == top):
            continue
        shown = f"[{fmt(band[0])}, {fmt(band[1])})" if band[0] != band[1] else fmt(band[0])
        out.append(Finding(
            code=FindingCode.VALUE_OUT_OF_RANGE, severity=RULE_SEVERITY,
            message=f"{rule.title}：等级 {level}、{degree or '（未填符合程度）'} 对应的分段为 "
                    f"{shown}，自评分 {fmt(value)} 不在其内。",
            expected=shown, actual=score, locations=[row.location]))
    return out


def _filled(text: str) -> bool:
    """Anything written in the cell other than a dash (— marks a cell left out on purpose)."""
    return bool(text.strip(" \t\n—–-/／_"))


def _row_name(row) -> str:
    """How a self-assessment row is named in messages: its indicator, else its number."""
    for key in ("indicator", "name", "item"):
        v = row.values.get(key)
        if v:
            return f"“{v}”"
    seq = row.values.get("seq")
    return f"第{fmt(seq)}题" if isinstance(seq, (int, float)) else "一行"


@rule_check(ValueRangeRule, codes=(FindingCode.VALUE_OUT_OF_RANGE,))
def check_value_range(rule: ValueRangeRule, ctx: CheckContext) -> list[Finding]:
    v = evaluate(rule.value, ctx)
    if v.value is None:
        return []
    low_ok = rule.min is None or (v.value > rule.min if rule.min_exclusive else v.value >= rule.min)
    high_ok = rule.max is None or v.value <= rule.max
    if low_ok and high_ok:
        return []
    parts = []
    if rule.min is not None:
        parts.append(f"{'高于' if rule.min_exclusive else '不低于'} {fmt(rule.min)}")
    if rule.max is not None:
        parts.append(f"不高于 {fmt(rule.max)}")
    want = "、".join(parts)
    return [Finding(
        code=FindingCode.VALUE_OUT_OF_RANGE, severity=RULE_SEVERITY,
        field=rule.value.field,
        message=f"{rule.title}：{v.label}为 {fmt(v.value)}，要求{want}。",
        expected=want, actual=v.value, locations=v.locations)]
