"""Which check interprets which rule kind, plus the checks that every programme gets."""
from __future__ import annotations

import logging
import typing
from collections.abc import Callable

# The rule kinds' checks register themselves (checks.contract.rule_check) when imported.
import checks.amounts  # noqa: F401
import checks.any_of  # noqa: F401
import checks.claimed_scenarios  # noqa: F401
import checks.consistency  # noqa: F401
import checks.counts  # noqa: F401
import checks.date_coverage  # noqa: F401
import checks.date_window  # noqa: F401
import checks.eligibility  # noqa: F401
import checks.evidence  # noqa: F401
import checks.excludes  # noqa: F401
import checks.expiry  # noqa: F401
import checks.figures  # noqa: F401
import checks.identifiers  # noqa: F401
import checks.indicator_values  # noqa: F401
import checks.narrative_evidence  # noqa: F401
import checks.ocr_quality  # noqa: F401
import checks.referenced_files  # noqa: F401
import checks.star_level  # noqa: F401
import checks.table_totals  # noqa: F401
import checks.units  # noqa: F401
import checks.word_range  # noqa: F401
from checks.attachments import check_attachments, check_declaration_present
from checks.causes import fold_unreadable_causes
from checks.conditions import condition_met
from checks.context import CheckContext
from checks.contract import REGISTERED, RuleCheck, rule_kind
from checks.declaration_agreement import check_declaration_agrees
from checks.evidence_availability import check_evidence_matching_ran
from checks.indicator_values import check_files_agree
from checks.invalid_values import check_invalid_values
from checks.limits import check_limits
from checks.option_groups import check_option_groups
from checks.required_fields import check_required_fields
from checks.table_units import check_table_units
from checks.unreadable import check_unreadable
from criteria.rules import RuleBase
from criteria.schema import Rule
from models import Finding, FindingCode, Severity

log = logging.getLogger(__name__)


def _schema_rule_types() -> list[type[RuleBase]]:
    """The rule classes of the schema's ``Rule`` union (Annotated[Union[...], Field])."""
    union = typing.get_args(Rule)[0]
    return list(typing.get_args(union))


def _rule_checks() -> dict[str, RuleCheck[typing.Any]]:
    """kind → check, verified against the schema: every kind of the ``Rule`` union has
    exactly one check, registered for that very rule class."""
    types = {rule_kind(t): t for t in _schema_rule_types()}
    missing = sorted(set(types) - set(REGISTERED))
    unknown = sorted(set(REGISTERED) - set(types))
    wrong = sorted(k for k, c in REGISTERED.items() if k in types and c.rule_type is not types[k])
    if missing or unknown or wrong:
        raise TypeError(f"rule checks do not match criteria.rules.Rule: no check for {missing}, "
                        f"check for an unknown kind {unknown}, registered for another class {wrong}")
    return {kind: REGISTERED[kind] for kind in types}


# Which check interprets which rule kind (each applies the rule's code:, severity: and id,
# see checks.contract).
RULE_CHECKS: dict[str, RuleCheck[typing.Any]] = _rule_checks()

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


def rule_key(rule: Rule) -> str:
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
        findings.extend(found)
    return fold_unreadable_causes(findings, ctx)
