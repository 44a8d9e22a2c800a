"""ELIGIBILITY_FAILED: registered outside the programme's province, judged by the USCC's
division code (positions 3–4) and the registered address."""
from __future__ import annotations

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from criteria.schema import RegionRule
from models import Finding, FindingCode


@rule_check(RegionRule, codes=(FindingCode.ELIGIBILITY_FAILED,), own_requirement=True)
def check_region(rule: RegionRule, ctx: CheckContext) -> list[Finding]:
    from domain.divisions import province_name, province_of_address
    from domain.uscc import normalize_uscc

    code_obs = ctx.best(rule.uscc_field, "business_license") or ctx.best(rule.uscc_field)
    addr_obs = ctx.best(rule.address_field, "business_license") or ctx.best(rule.address_field)
    reasons: list[str] = []
    actual: dict[str, str] = {}
    locations = []
    if code_obs is not None and not code_obs.is_empty:
        code = normalize_uscc(code_obs.value or "")
        if len(code) == 18 and code[2:4].isdigit() and code[2:4] != rule.province_code:
            prov = province_name(code[2:4]) or f"代码{code[2:4]}"
            reasons.append(f"统一社会信用代码 {code} 的行政区划码 {code[2:8]} 属于{prov}")
            actual["uscc_division"] = code[2:8]
            locations.append(code_obs.location)
    if addr_obs is not None and not addr_obs.is_empty:
        addr_code = province_of_address(addr_obs.value or "")
        if addr_code is not None and addr_code != rule.province_code:
            prov = province_name(addr_code) or addr_code
            reasons.append(f"住所“{addr_obs.value}”位于{prov}")
            actual["address_province"] = prov
            locations.append(addr_obs.location)
    if not reasons:
        return []
    return [Finding(
        code=FindingCode.ELIGIBILITY_FAILED, severity=RULE_SEVERITY,
        field=rule.uscc_field, requirement="eligibility.region",
        message=f"申报条件不符：须在{rule.province_name}行政区域内注册，但"
                f"{'；'.join(reasons)}。",
        expected=rule.province_name, actual=actual, locations=locations)]
