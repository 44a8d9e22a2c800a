"""Verdict rules of matchers.evidence.requirement_evidence: a passage filed under another
indicator's heading cannot make a requirement met, and an indicator reported as a figure
is evidenced by that figure."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from criteria.loader import load_programme
from criteria.schema import Programme
from matchers.evidence.requirement_evidence import (_mark_fits, _withheld, credit_reported_values,
                                                    evidence_requirements)
from models import Location
from models.evidence import EvidenceHit, EvidenceResult, Passage, RequirementMatch
from tests.checks.helpers import obs

T_MET = 0.55
T_PARTIAL = 0.25

PROG = Programme.model_validate({
    "id": "t", "title": "t", "year": 2024, "source": "test",
    "declaration": {"title_keywords": ["申报书"]},
    "fields": [{"key": "name", "label": "企业名称"}],
    "indicators": [{"id": "A1", "title": "智能排产"}, {"id": "A2", "title": "质量追溯"}],
})


def _passage(text: str, *heads: str) -> Passage:
    return Passage(text=text, kind="paragraph", heading_path=tuple(heads),
                   location=Location(path="申报书.docx", page=1))


def _hit(p: Passage, prob: float = 0.9, **explanation) -> EvidenceHit:
    return EvidenceHit(p, prob, {"terms_hit": ["排产"], **explanation})


def test_withheld_reasons() -> None:
    p = _passage("系统根据订单交期自动生成排产计划。")
    ok = _hit(p, passage_fits_best_in_source="A1")
    assert _withheld(ok, "A1", "t", T_MET) is None
    assert "阈值" in _withheld(_hit(p, 0.4, passage_fits_best_in_source="A1"), "A1", "t", T_MET)
    under_other = _hit(p, filed_under=["A2"], passage_fits_best_in_source="A1")
    assert "其他指标（A2）的标题下" in _withheld(under_other, "A1", "t", T_MET)
    # Filed under its own heading: met even if another indicator scores higher.
    own = _hit(p, filed_under=["A1"], passage_fits_best_in_source="A2")
    assert _withheld(own, "A1", "t", T_MET) is None
    # Nothing about it in absolute terms: no keyword, no heading, no semantic lead.
    vague = EvidenceHit(p, 0.9, {"terms_hit": [], "rule_score": 0.0, "embedding_margin": 0.001,
                                 "passage_fits_best_in_source": "A1"})
    assert "关键词" in _withheld(vague, "A1", "t", T_MET)
    led = EvidenceHit(p, 0.9, {"terms_hit": [], "rule_score": 0.0, "embedding_margin": 0.05,
                               "passage_fits_best_in_source": "A1"})
    assert _withheld(led, "A1", "t", T_MET) is None


def test_a_passage_filed_under_another_indicators_heading_does_not_make_met() -> None:
    reqs = evidence_requirements(PROG)
    # Written under the 质量追溯 heading, but scoring best on 智能排产.
    p = _passage("通过MES系统自动排产并追溯每批次质量。", "二、质量追溯")
    matches = [RequirementMatch("A1", "智能排产", "met", 0.9, [_hit(p)]),
               RequirementMatch("A2", "质量追溯", "met", 0.8, [_hit(p, 0.8)])]
    matcher = SimpleNamespace(last_probabilities=np.array([[0.9], [0.8]]),
                              calibration=SimpleNamespace(t_met=T_MET, t_partial=T_PARTIAL))
    _mark_fits(matches, reqs, [p], matcher)
    a1, a2 = matches
    assert a1.status == "partial" and "A2" in a1.best[0].explanation["met_withheld"]
    assert a2.status == "met" and a2.best[0].explanation["filed_under"] == ["A2"]


def test_partial_only_from_another_indicators_section_without_its_terms_is_missing() -> None:
    """The 设备运维 section holds a copy of the 质量管控 text: its best passages sit under
    the other heading and name none of its terms, so nothing was written for it."""
    reqs = evidence_requirements(PROG)
    other = _passage("实验室应用LIMS系统，检测数据自动采集。", "二、质量追溯")
    stray = _passage("系统设置数据来源刷新周期。")
    plain = {"terms_hit": [], "rule_score": 0.0}
    matcher = SimpleNamespace(last_probabilities=np.array([[0.3, 0.1], [0.8, 0.2]]),
                              calibration=SimpleNamespace(t_met=T_MET, t_partial=T_PARTIAL))

    def a1_match(hits: list[EvidenceHit]) -> RequirementMatch:
        return RequirementMatch("A1", "智能排产", "partial", hits[0].probability, hits)

    # Below the partial threshold, the stray caption does not count either way.
    m = a1_match([EvidenceHit(other, 0.3, dict(plain)), EvidenceHit(stray, 0.1, dict(plain))])
    _mark_fits([m], reqs, [other, stray], matcher)
    assert m.status == "missing" and "A2" in m.best[0].explanation["partial_withheld"]
    # With one of its own terms the passage is partial evidence after all.
    m = a1_match([EvidenceHit(other, 0.3, {"terms_hit": ["排产"], "rule_score": 0.5})])
    _mark_fits([m], reqs, [other, stray], matcher)
    assert m.status == "partial"
    # Under no heading (or its own), it stays partial.
    m = a1_match([EvidenceHit(stray, 0.3, dict(plain))])
    _mark_fits([m], reqs, [other, stray], matcher)
    assert m.status == "partial"


# ----- reported values -----------------------------------------------------------------------

BRAIN = load_programme("sd-industry-brain")


def _brain_result(status: str = "missing") -> EvidenceResult:
    reqs = evidence_requirements(BRAIN)
    matches = {r.spec.id: RequirementMatch(r.spec.id, r.spec.title, status, 0.1, [])
               for r in reqs}
    return EvidenceResult(requirements=reqs, matches=matches, t_met=T_MET, t_partial=0.3)


def test_a_reported_value_for_a_coded_indicator_makes_it_met() -> None:
    result = _brain_result()
    credit_reported_values(result, BRAIN, [obs("l1p1_industry_scale", "612.4", normalized=612.4)])
    m = result.matches["L1P1"]
    assert m.status == "met" and m.score >= T_MET
    assert m.best[0].explanation["reported_value"] == "612.4"
    assert result.matches["L1P2"].status == "missing"


def test_a_reported_zero_or_an_empty_value_is_not_evidence() -> None:
    result = _brain_result()
    credit_reported_values(result, BRAIN, [
        obs("l1p1_industry_scale", "0", normalized=0.0),
        obs("l1p2_industry_layout", "", normalized=None)])
    assert result.matches["L1P1"].status == "missing"
    assert result.matches["L1P2"].status == "missing"


def test_a_value_from_another_source_is_not_reported_evidence() -> None:
    result = _brain_result()
    credit_reported_values(result, BRAIN, [obs("l1p1_industry_scale", "612.4", normalized=612.4,
                                               source="business_license")])
    assert result.matches["L1P1"].status == "missing"
