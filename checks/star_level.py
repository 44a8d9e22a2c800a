"""LEVEL_ESTIMATE: the highest level whose ★ indicators the narrative evidences."""
from __future__ import annotations

from checks.context import CheckContext
from checks.contract import RULE_SEVERITY, rule_check
from criteria.schema import IndicatorSpec, StarLevelRule
from models import Finding, FindingCode, Location

_CN = "零一二三四五六七八九十"


def level_name(rule: StarLevelRule, level: int) -> str:
    if level in rule.level_names:
        return rule.level_names[level]
    return f"{_CN[level]}级" if 0 <= level < len(_CN) else f"{level}级"


def estimate_level(stars: list[IndicatorSpec], evidenced: set[str]
                   ) -> tuple[int, int | None, list[IndicatorSpec]]:
    """(reached level, next level or None at the top, next level's unevidenced ★ items).
    A level counts only when it and every lower level have all their ★ items evidenced."""
    levels = sorted({s.level for s in stars if s.level is not None})
    reached = 0
    for lvl in levels:
        gaps = [s for s in stars if s.level == lvl and s.id not in evidenced]
        if gaps:
            return reached, lvl, gaps
        reached = lvl
    return reached, None, []


@rule_check(StarLevelRule, codes=(FindingCode.LEVEL_ESTIMATE,))
def check_star_level(rule: StarLevelRule, ctx: CheckContext) -> list[Finding]:
    ev = ctx.evidence
    if ev is None or ev.error is not None or not ctx.declarations:
        return []
    stars = [r.spec for r in ev.requirements
             if r.source == ctx.programme.id and r.spec.star and r.spec.level is not None]
    if not stars:
        return []
    evidenced = {s.id for s in stars
                 if (ev.evidenced_exclusively(s.id, rule.min_status) if rule.exclusive
                     else ev.evidenced(s.id, rule.min_status))}
    reached, nxt, gaps = estimate_level(stars, evidenced)
    shown = "、".join(f"{g.id} {g.title}" for g in gaps[:12]) + ("等" if len(gaps) > 12 else "")
    if nxt is None:
        msg = (f"{rule.title}：依据材料中的文字说明，全部 {len(stars)} 项★指标均有佐证，"
               f"可证实至{level_name(rule, reached)}（最高级）。")
    elif reached == 0:
        msg = (f"{rule.title}：依据材料中的文字说明，{level_name(rule, nxt)}★指标尚有 {len(gaps)} 项"
               f"未见佐证（{shown}），尚不能证实达到{level_name(rule, nxt)}。")
    else:
        msg = (f"{rule.title}：依据材料中的文字说明，★指标可证实至{level_name(rule, reached)}；"
               f"{level_name(rule, nxt)}尚缺 {len(gaps)} 项★指标的佐证：{shown}。")
    # Where: the passages that carried the reached levels' evidence, then the documents.
    locations: list[Location] = []
    for s in stars:
        hit = ev.best_hit(s.id)
        if s.id in evidenced and hit is not None and len(locations) < 5:
            locations.append(hit.passage.location)
    locations = locations or ctx.declaration_location()
    return [Finding(
        code=FindingCode.LEVEL_ESTIMATE,
        severity=RULE_SEVERITY,
        message=msg,
        expected={"next_level": nxt, "missing_star_indicators": [g.id for g in gaps]},
        actual={"estimated_level": reached, "evidenced_star_indicators": len(evidenced),
                "star_indicators": len(stars)},
        locations=locations)]
