"""Claimed scenarios against the narrative: MISSING_EVIDENCE for a claim the narrative
does not bear out, UNCLAIMED_SCENARIO (info) for scenarios it evidences but the applicant
did not list."""
from __future__ import annotations

from rapidfuzz import fuzz

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from criteria.schema import ClaimedScenariosRule, IndicatorSpec
from domain.labels_text import normalize_label
from models import Finding, FindingCode, Location, Severity


def scenario_for_name(name: str, specs: list[IndicatorSpec], min_score: float
                      ) -> IndicatorSpec | None:
    """The indicator a claimed name refers to: exact title, else the closest title."""
    norm = normalize_label(name)
    if not norm:
        return None
    best: tuple[float, IndicatorSpec | None] = (0.0, None)
    for s in specs:
        t = normalize_label(s.title)
        score = 100.0 if t == norm else fuzz.ratio(norm, t)
        if score > best[0]:
            best = (score, s)
    return best[1] if best[0] >= min_score else None


@rule_check(ClaimedScenariosRule, codes=(FindingCode.MISSING_EVIDENCE,),
            own_requirement=True)
def check_claimed_scenarios(rule: ClaimedScenariosRule, ctx: CheckContext) -> list[Finding]:
    ev = ctx.evidence
    table = ctx.tables.get(rule.table)
    if table is None or not table.rows:
        return []
    if ev is None or ev.error is not None:
        return _undescribed_rows(rule, table)
    specs = [r.spec for r in ev.requirements if r.source == ctx.programme.id]
    out: list[Finding] = []
    claimed: set[str] = set()
    for row in table.rows:
        name = row.raw.get(rule.name_column, "").strip()
        spec = scenario_for_name(name, specs, rule.name_match)
        if spec is None:
            continue   # an unknown scenario name is the count rule's business
        claimed.add(spec.id)
        if ev.evidenced(spec.id, rule.min_status):
            continue
        m = ev.matches.get(spec.id)
        hit = ev.best_hit(spec.id)
        prob = hit.probability if hit is not None else 0.0
        out.append(Finding(
            code=FindingCode.MISSING_EVIDENCE,
            severity=RULE_SEVERITY, requirement=spec.id,
            message=f"{rule.title}：申报了场景“{name}”，但材料中未找到能证实该场景建设内容的"
                    f"文字说明（最佳匹配度 {prob:.2f}）。请补充该场景的建设内容、系统和成效。",
            expected=spec.description or spec.title,
            actual=f"未证实（{m.status if m is not None else 'missing'}）",
            locations=[row.location]))
    if not rule.report_unclaimed:
        return out
    unclaimed: list[tuple[IndicatorSpec, Location, float]] = []
    for spec in specs:
        hit = ev.best_hit(spec.id)
        # Only when the passage is about this scenario more than any other: a paragraph on
        # 智能排产 is also close to 生产计划优化, and that is not a second scenario.
        if spec.id in claimed or ev.status(spec.id) != "met" or hit is None \
                or not hit.fits_best(spec.id):
            continue
        unclaimed.append((spec, hit.passage.location, hit.probability))
    if unclaimed:
        names = "、".join(s.title for s, _l, _p in unclaimed)
        out.append(Finding(
            code=FindingCode.UNCLAIMED_SCENARIO, severity=Severity.info,
            message=f"{rule.title}：材料中的文字说明还佐证了未列入场景清单的场景：{names}。"
                    f"如确已建设，可考虑列入申报场景。",
            expected=None, actual=[s.id for s, _l, _p in unclaimed],
            locations=[loc for _s, loc, _p in unclaimed]))
    return out


def _undescribed_rows(rule: ClaimedScenariosRule, table) -> list[Finding]:
    """Without the evidence matcher: a claimed scenario whose own description (the table's
    narrative column) is empty is not borne out by anything the list says."""
    narrative = [c.key for c in table.spec.columns if c.narrative]
    if not narrative or not any(r.raw.get(k, "").strip() for r in table.rows for k in narrative):
        return []  # the list has no descriptions at all: judged on the narrative, not here
    out: list[Finding] = []
    for row in table.rows:
        name = row.raw.get(rule.name_column, "").strip()
        if not name or any(row.raw.get(k, "").strip() for k in narrative):
            continue
        out.append(Finding(
            code=FindingCode.MISSING_EVIDENCE,
            severity=RULE_SEVERITY,
            message=f"{rule.title}：申报了场景“{name}”，但其建设内容未填写，无法核对该场景的"
                    f"建设情况。请补充该场景的建设内容、系统和成效。",
            expected="场景建设内容", actual="未填写", locations=[row.location]))
    return out
