"""Which check interprets which rule kind, plus the checks that every programme gets."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checks.attachments import check_attachments, check_declaration_present
from checks.consistency import check_equals
from checks.context import CheckContext
from checks.date_coverage import check_covers_recent_months, check_covers_years
from checks.eligibility import check_region
from checks.expiry import check_not_expired
from checks.identifiers import check_identifier
from checks.ocr_quality import check_ocr_confidence
from checks.option_groups import check_option_groups
from checks.required_fields import check_required_fields
from checks.unreadable import check_unreadable
from checks.word_range import check_word_range
from models import Finding

RULE_CHECKS: dict[str, Callable[[Any, CheckContext], list[Finding]]] = {
    "word_range": check_word_range,
    "equals": check_equals,
    "identifier": check_identifier,
    "not_expired": check_not_expired,
    "covers_years": check_covers_years,
    "covers_recent_months": check_covers_recent_months,
    "region": check_region,
    "ocr_confidence": check_ocr_confidence,
}

ALWAYS: tuple[Callable[[CheckContext], list[Finding]], ...] = (
    check_unreadable,
    check_declaration_present,
    check_required_fields,
    check_option_groups,
    check_attachments,
)


def run_checks(ctx: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    for check in ALWAYS:
        findings.extend(check(ctx))
    for rule in ctx.programme.rules:
        findings.extend(RULE_CHECKS[rule.kind](rule, ctx))
    return findings
