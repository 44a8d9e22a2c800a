"""INVALID_IDENTIFIER: USCC (GB 32100-2015) and resident ID (GB 11643-1999) check digits."""
from __future__ import annotations

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from checks.display import SOURCE_NAMES, field_name
from criteria.schema import IdentifierRule
from models import Finding, FindingCode, Severity


@rule_check(IdentifierRule, codes=(FindingCode.INVALID_IDENTIFIER,), own_requirement=True)
def check_identifier(rule: IdentifierRule, ctx: CheckContext) -> list[Finding]:
    from domain.id_number import validate_id_number
    from domain.uscc import normalize_uscc, validate_uscc

    spec = ctx.spec(rule.field)
    readings = [o for o in ctx.observations_for(rule.field) if not o.is_empty]
    by_code: dict[str, list] = {}
    for o in readings:
        code = normalize_uscc(o.value or "") if rule.scheme == "uscc" else (o.value or "").strip().upper()
        by_code.setdefault(code, []).append(o)
    out: list[Finding] = []
    for code, obs in by_code.items():
        result = validate_uscc(code) if rule.scheme == "uscc" else validate_id_number(code)
        if result.valid:
            continue
        sources = sorted({o.source for o in obs})
        # domain-facts.md: a few genuine codes were issued with a bad check digit; when the
        # licence and the declaration carry the identical code, warn instead of failing.
        identical_everywhere = len(by_code) == 1 and len(sources) >= 2
        severity = Severity.warning if identical_everywhere else RULE_SEVERITY
        where = "、".join(SOURCE_NAMES[s] for s in sources)
        valid_elsewhere = [c for c, o2 in by_code.items() if c != code and (
            validate_uscc(c) if rule.scheme == "uscc" else validate_id_number(c)).valid]
        if identical_everywhere:
            note = ("；该代码在申报书与营业执照上完全一致，可能是登记机关赋码时的历史错误，"
                    "请人工核实（可在国家企业信用信息公示系统查询）")
        elif valid_elsewhere:
            # One typo, one finding: the mismatch with the licence is this same mistake.
            other = by_code[valid_elsewhere[0]][0]
            note = (f"；{SOURCE_NAMES[other.source]}上为“{valid_elsewhere[0]}”（校验通过），"
                    f"应为填写错误，请按{SOURCE_NAMES[other.source]}更正")
        else:
            note = "，请核对是否填写或识别有误"
        out.append(Finding(
            code=FindingCode.INVALID_IDENTIFIER, severity=severity, field=rule.field,
            requirement=f"field.{rule.field}",
            message=f"{field_name(spec)}“{code}”校验未通过（{result.reason}），见{where}{note}。",
            expected="校验位正确", actual=code,
            locations=[o.location for o in obs] + [by_code[c][0].location for c in valid_elsewhere[:1]]))
    return out
