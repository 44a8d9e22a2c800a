"""MISSING_EVIDENCE for indicators whose written description the dossier lacks."""
from __future__ import annotations

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from criteria.schema import NarrativeEvidenceRule
from models import Finding, FindingCode
from models.evidence import EvidenceResult


def _targets(rule: NarrativeEvidenceRule, ev: EvidenceResult, programme_id: str) -> list[str]:
    source = rule.catalogue or programme_id
    if rule.indicators:
        return list(rule.indicators)
    return [r.spec.id for r in ev.requirements if r.source == source and r.spec.needs_narrative]


@rule_check(NarrativeEvidenceRule, codes=(FindingCode.MISSING_EVIDENCE,),
            own_requirement=True)
def check_narrative_evidence(rule: NarrativeEvidenceRule, ctx: CheckContext) -> list[Finding]:
    ev = ctx.evidence
    if ev is None or ev.error is not None or not ctx.declarations:
        return []
    code = FindingCode.MISSING_EVIDENCE
    out: list[Finding] = []
    for rid in _targets(rule, ev, ctx.programme.id):
        spec = ev.spec(rid)
        if spec is None or ev.evidenced(rid, rule.min_status):
            continue
        closest = ev.best_hit(rid)
        locations = ctx.declaration_location()
        found = "未找到相关文字说明"
        if closest is not None:
            loc = closest.passage.location
            locations.append(loc)
            found = f"最接近的段落匹配度仅 {closest.probability:.2f}：“{loc.excerpt or ''}”"
        wanted = "、".join(spec.evidence[:3]) if spec.evidence else "文字说明"
        out.append(Finding(
            code=code, severity=RULE_SEVERITY, requirement=rid,
            message=f"{rule.title}：未找到指标“{spec.id} {spec.title}”的文字说明"
                    f"（应包括：{spec.description or spec.title}）。请在申报材料中补充{wanted}。",
            expected=spec.description or spec.title, actual=found, locations=locations))
    return out
