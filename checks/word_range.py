"""WORD_LIMIT_EXCEEDED / WORD_COUNT_BELOW_MINIMUM, counted as Microsoft Word's 字数."""
from __future__ import annotations

from checks.context import CheckContext
from checks.display import field_name
from criteria.schema import WordRangeRule
from models import Finding, FindingCode, Severity


def check_word_range(rule: WordRangeRule, ctx: CheckContext) -> list[Finding]:
    from domain.word_count import word_count

    obs = ctx.best(rule.field, "declaration")
    if obs is None or obs.is_empty:
        return []  # emptiness is MISSING_FIELD's business
    spec = ctx.spec(rule.field)
    n = word_count(obs.value or "")
    severity = Severity(rule.severity)
    if rule.max is not None and n > rule.max:
        return [Finding(code=FindingCode.WORD_LIMIT_EXCEEDED, severity=severity,
                        field=rule.field, requirement=f"field.{rule.field}",
                        message=f"{field_name(spec)}超出字数限制：实际{n}字 / 上限{rule.max}字"
                                f"（按 Word 字数统计口径），请精简{n - rule.max}字以上。",
                        expected=f"≤{rule.max}字", actual=f"{n}字", locations=[obs.location])]
    if rule.min is not None and n < rule.min:
        return [Finding(code=FindingCode.WORD_COUNT_BELOW_MINIMUM, severity=severity,
                        field=rule.field, requirement=f"field.{rule.field}",
                        message=f"{field_name(spec)}字数不足：实际{n}字 / 下限{rule.min}字"
                                f"（按 Word 字数统计口径），请补充。",
                        expected=f"≥{rule.min}字", actual=f"{n}字", locations=[obs.location])]
    return []
