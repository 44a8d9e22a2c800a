"""Which check interprets which rule kind, plus the checks that every programme gets."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from checks.amounts import check_amount_statement
from checks.any_of import check_any_of
from checks.attachments import check_attachments, check_declaration_present
from checks.claimed_scenarios import check_claimed_scenarios
from checks.evidence_availability import check_evidence_matching_ran
from checks.narrative_evidence import check_narrative_evidence
from checks.star_level import check_star_level
from checks.conditions import condition_met
from checks.counts import check_count_at_least
from checks.date_window import check_date_window
from checks.declaration_agreement import check_declaration_agrees
from checks.evidence import check_evidence_attached, check_seal, check_signature, check_single_value
from checks.excludes import check_excludes
from checks.figures import check_band, check_ratio, check_sum, check_value_range
from checks.referenced_files import check_referenced_files
from checks.table_totals import check_table_totals
from checks.table_units import check_table_units
from checks.units import check_unit
from checks.indicator_values import (check_at_most_field, check_breakdown_sum,
                                     check_files_agree, check_period_years,
                                     check_stated_share, check_whole_number)
from checks.consistency import check_equals
from checks.context import CheckContext
from checks.date_coverage import check_covers_recent_months, check_covers_years
from checks.eligibility import check_region
from checks.expiry import check_not_expired
from checks.identifiers import check_identifier
from checks.ocr_quality import check_ocr_confidence
from checks.option_groups import check_option_groups
from checks.required_fields import check_required_fields
from checks.causes import fold_unreadable_causes
from checks.invalid_values import check_invalid_values
from checks.limits import check_limits
from checks.unreadable import check_unreadable
from checks.word_range import check_word_range
from models import Finding, FindingCode, Severity

log = logging.getLogger(__name__)

RULE_CHECKS: dict[str, Callable[[Any, CheckContext], list[Finding]]] = {
    "word_range": check_word_range,
    "equals": check_equals,
    "identifier": check_identifier,
    "not_expired": check_not_expired,
    "covers_years": check_covers_years,
    "covers_recent_months": check_covers_recent_months,
    "region": check_region,
    "ocr_confidence": check_ocr_confidence,
    "sum": check_sum,
    "ratio": check_ratio,
    "band": check_band,
    "count_at_least": check_count_at_least,
    "unit": check_unit,
    "value_range": check_value_range,
    "date_window": check_date_window,
    "evidence_attached": check_evidence_attached,
    "seal": check_seal,
    "signature": check_signature,
    "single_value": check_single_value,
    "narrative_evidence": check_narrative_evidence,
    "star_level": check_star_level,
    "claimed_scenarios": check_claimed_scenarios,
    "whole_number": check_whole_number,
    "at_most_field": check_at_most_field,
    "stated_share": check_stated_share,
    "breakdown_sum": check_breakdown_sum,
    "period_years": check_period_years,
    "excludes": check_excludes,
    "table_totals": check_table_totals,
    "referenced_files": check_referenced_files,
    "any_of": check_any_of,
    "amount_statement": check_amount_statement,
}

ALWAYS: tuple[Callable[[CheckContext], list[Finding]], ...] = (
    check_unreadable,
    check_limits,
    check_invalid_values,
    check_declaration_present,
    check_required_fields,
    check_declaration_agrees,
    check_files_agree,
    check_option_groups,
    check_table_units,
    check_attachments,
    check_evidence_matching_ran,
)


# What a reviewer reads when one of the checks above raises (CHECK_FAILED names it).
ALWAYS_TITLES: dict[str, str] = {
    "check_unreadable": "文件可读性", "check_limits": "资源上限",
    "check_invalid_values": "取值可读性", "check_declaration_present": "申报书是否提交",
    "check_required_fields": "必填项", "check_declaration_agrees": "申报书与证照一致性",
    "check_files_agree": "各文件填报一致性", "check_option_groups": "勾选项",
    "check_table_units": "表格单位", "check_attachments": "附件齐全",
    "check_evidence_matching_ran": "指标佐证匹配",
}


def rule_key(rule: Any) -> str:
    """A rule's id, or kind:target for rules written without one."""
    if rule.id:
        return rule.id
    target = getattr(rule, "field", None) or getattr(rule, "section", None) or \
        getattr(rule, "attachment", None) or ",".join(getattr(rule, "fields", []) or [])
    return f"{rule.kind}:{target}" if target else rule.kind


def _failed(what: str, requirement: str | None, exc: Exception) -> Finding:
    """One rule that raises is one finding; the other rules still run."""
    log.exception("check %s failed", what)
    return Finding(code=FindingCode.CHECK_FAILED, severity=Severity.warning,
                   requirement=requirement,
                   message=f"核查规则“{what}”执行出错，该项未能自动核查，请人工核对"
                           f"（{type(exc).__name__}: {str(exc)[:120]}）。",
                   expected="规则正常执行", actual=type(exc).__name__)


def run_checks(ctx: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    for check in ALWAYS:
        try:
            findings.extend(check(ctx))
        except Exception as exc:  # noqa: BLE001 - reported as a finding, see _failed
            name = check.__name__
            findings.append(_failed(f"{ALWAYS_TITLES.get(name, name)}（{name}）", None, exc))
    for rule in ctx.programme.rules:
        try:
            if rule.when is not None and not condition_met(ctx, rule.when):
                continue
            found = RULE_CHECKS[rule.kind](rule, ctx)
        except Exception as exc:  # noqa: BLE001 - reported as a finding, see _failed
            findings.append(_failed(rule_key(rule), rule.id, exc))
            continue
        if found:
            key = rule_key(rule)
            ctx.fired[key] = ctx.fired.get(key, 0) + len(found)
        if rule.id:
            for f in found:
                f.requirement = f.requirement or rule.id
        findings.extend(found)
    return fold_unreadable_causes(findings, ctx)
