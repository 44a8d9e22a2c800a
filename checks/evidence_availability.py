"""EVIDENCE_NOT_CHECKED: the evidence matcher could not run (no embedding model), so the
narrative checks were skipped — said once, with what to install."""
from __future__ import annotations

from checks.context import CheckContext
from models import Finding, FindingCode, Severity

_EVIDENCE_RULES = {"narrative_evidence", "star_level", "claimed_scenarios"}


def check_evidence_matching_ran(ctx: CheckContext) -> list[Finding]:
    ev = ctx.evidence
    if ev is None or ev.error is None:
        return []
    if not any(r.kind in _EVIDENCE_RULES for r in ctx.programme.rules) and not ev.requirements:
        return []
    return [Finding(
        code=FindingCode.EVIDENCE_NOT_CHECKED, severity=Severity.warning,
        message=f"未能进行指标佐证匹配，文字说明类检查已跳过：{ev.error}",
        expected="指标佐证匹配", actual="未运行", locations=ctx.declaration_location())]
