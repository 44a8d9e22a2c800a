"""WORD_LIMIT_EXCEEDED / WORD_COUNT_BELOW_MINIMUM, counted as Microsoft Word's 字数."""
from __future__ import annotations

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.display import field_name
from criteria.schema import WordRangeRule
from models import Finding, FindingCode


@rule_check(WordRangeRule,
            codes=(FindingCode.WORD_LIMIT_EXCEEDED, FindingCode.WORD_COUNT_BELOW_MINIMUM))
def check_word_range(rule: WordRangeRule, ctx: CheckContext) -> list[Finding]:
    from domain.word_count import word_count

    if rule.section is not None:
        sec = ctx.sections.get(rule.section)
        if sec is None or not sec.text.strip():
            return []  # an absent section is a required-section matter, not a word count
        if sec.declined:
            return []  # "本项暂不申报": the applicant leaves the indicator out (loses its points)
        spec_s = next(s for s in ctx.programme.sections if s.key == rule.section)
        text, location, name, key = sec.text, sec.location, f"“{spec_s.heading}”", rule.section
    else:
        field = rule.field
        assert field is not None  # WordRangeRule names exactly one of field or section
        obs = ctx.best(field, "declaration")
        if obs is None or obs.is_empty:
            return []  # emptiness is MISSING_FIELD's business
        text, location, name, key = obs.value or "", obs.location, field_name(ctx.spec(field)), field
    n = word_count(text)
    if rule.max is not None and n > rule.max:
        return [Finding(code=FindingCode.WORD_LIMIT_EXCEEDED, severity=RULE_SEVERITY,
                        field=key, requirement=f"field.{key}",
                        message=f"{name}超出字数限制：实际{n}字 / 上限{rule.max}字"
                                f"（按 Word 字数统计口径），请精简{n - rule.max}字以上。",
                        expected=f"≤{rule.max}字", actual=f"{n}字", locations=[location])]
    if rule.min is not None and n < rule.min:
        return [Finding(code=FindingCode.WORD_COUNT_BELOW_MINIMUM, severity=RULE_SEVERITY,
                        field=key, requirement=f"field.{key}",
                        message=f"{name}字数不足：实际{n}字 / 下限{rule.min}字"
                                f"（按 Word 字数统计口径），请补充。",
                        expected=f"≥{rule.min}字", actual=f"{n}字", locations=[location])]
    return []
