"""Keyword rules on passages: all/any, synonyms and glossary, negation window, near
misses, token boundaries (no ``\\b``)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from criteria.schema import IndicatorSpec, KeywordSpec
from matchers.evidence import keywords as kw
from matchers.evidence.keywords import evaluate, load_glossary, negated_clauses, spec_for

NO_GLOSSARY: dict[str, tuple[str, ...]] = {}
ROOT = Path(__file__).resolve().parents[3]


def test_all_terms_are_required_and_any_terms_accumulate() -> None:
    spec = KeywordSpec(all=["数字孪生"], any=["产线", "实时映射"])
    both = evaluate(spec, "公司构建产线级数字孪生模型，实现物理产线的实时映射。", NO_GLOSSARY)
    one = evaluate(spec, "公司构建产线级数字孪生模型。", NO_GLOSSARY)
    no_all = evaluate(spec, "公司对产线进行实时映射。", NO_GLOSSARY)
    assert both.terms_hit == ["数字孪生", "产线", "实时映射"]
    assert both.score == pytest.approx(0.75)
    assert one.score == pytest.approx(0.5)
    assert no_all.score == 0.0 and no_all.missing_all == ["数字孪生"]
    half = evaluate(KeywordSpec(all=["APS", "MES"]), "车间已上线MES系统。", NO_GLOSSARY)
    assert half.score == pytest.approx(0.5) and half.missing_all == ["APS"]


def test_spec_synonym_aps_equals_chinese_name() -> None:
    spec = KeywordSpec(any=["APS"], synonyms={"APS": ["高级计划排程"]})
    res = evaluate(spec, "公司上线了高级计划排程系统，订单自动排产。", NO_GLOSSARY)
    assert res.terms_hit == ["APS"]
    assert res.synonyms_used == [{"term": "APS", "matched": "高级计划排程"}]


def test_a_term_and_its_synonym_listed_together_count_once() -> None:
    spec = KeywordSpec(any=["MES", "制造执行系统", "生产执行"])
    res = evaluate(spec, "车间上线MES，工单自动下发。")
    assert res.terms_hit == ["MES"] and res.score == pytest.approx(0.5)


def test_glossary_gives_synonyms_in_both_directions() -> None:
    gl = load_glossary()
    assert gl["MES"][0] == "制造执行系统"
    by_abbr = evaluate(KeywordSpec(any=["MES"]), "车间部署了制造执行系统。")
    by_name = evaluate(KeywordSpec(any=["制造执行系统"]), "车间部署了MES，工单自动下发。")
    assert by_abbr.terms_hit == ["MES"] and by_abbr.hits[0].via == "synonym"
    assert by_name.terms_hit == ["制造执行系统"] and by_name.hits[0].matched == "MES"


@pytest.mark.parametrize("text, cue, position", [
    ("公司尚未建设数字孪生平台，计划于明年启动。", "尚未", "before"),
    ("公司计划于2025年引入数字孪生技术。", "计划", "before"),
    ("公司拟建设数字孪生工厂。", "拟", "before"),
    ("数字孪生平台尚在规划中。", "尚在", "after"),
])
def test_negation_within_the_window_turns_a_hit_into_a_non_hit(text: str, cue: str,
                                                               position: str) -> None:
    res = evaluate(KeywordSpec(any=["数字孪生"]), text, NO_GLOSSARY)
    assert res.terms_hit == [] and res.score == 0.0
    assert [(n.term, n.cue, n.position) for n in res.negated] == [("数字孪生", cue, position)]


def test_negation_does_not_reach_across_clauses_or_fire_on_lookalikes() -> None:
    spec = KeywordSpec(any=["数字孪生", "APS"])
    other_clause = evaluate(spec, "近三年尚未发生安全事故，已建成数字孪生平台。", NO_GLOSSARY)
    assert other_clause.terms_hit == ["数字孪生"] and not other_clause.negated
    # 未来 is not 未; 生产计划 is not 计划(于); 模拟 is not 拟.
    lookalikes = evaluate(spec, "面向未来的车间，生产计划部署APS排程，模拟数字孪生场景。", NO_GLOSSARY)
    assert lookalikes.terms_hit == ["数字孪生", "APS"] and not lookalikes.negated
    far = evaluate(spec, "公司尚未" + "，" + "经多年努力建成了完善的数字孪生平台", NO_GLOSSARY)
    assert far.terms_hit == ["数字孪生"]


def test_mixed_claim_keeps_the_positive_term_and_reports_the_negated_one() -> None:
    spec = KeywordSpec(any=["MES", "APS"])
    res = evaluate(spec, "公司已上线MES系统，APS系统尚在选型中。", NO_GLOSSARY)
    assert res.terms_hit == ["MES"]
    assert [(n.term, n.cue) for n in res.negated] == [("APS", "尚在")]
    assert res.score == pytest.approx(0.5)


def test_spec_negations_are_added_to_the_defaults() -> None:
    spec = KeywordSpec(any=["数字孪生"], negations=["筹划"])
    res = evaluate(spec, "公司正筹划数字孪生平台建设。", NO_GLOSSARY)
    assert res.score == 0.0 and res.negated[0].cue == "筹划"


def test_fuzzy_near_miss_counts_for_less_than_an_exact_hit() -> None:
    spec = KeywordSpec(any=["高级计划与排程"])
    res = evaluate(spec, "公司上线了高级计划排程系统。", NO_GLOSSARY)
    assert res.terms_hit == []
    assert len(res.fuzzy) == 1 and res.fuzzy[0].score >= 80
    assert 0.0 < res.score < evaluate(spec, "公司上线了高级计划与排程系统。", NO_GLOSSARY).score
    # Different words that share a suffix are not near misses.
    assert evaluate(KeywordSpec(any=["质量管理系统"]), "公司建设了能源管理系统。",
                    NO_GLOSSARY).fuzzy == []


def test_fuzzy_near_miss_is_negated_too() -> None:
    res = evaluate(KeywordSpec(any=["高级计划与排程"]), "高级计划排程系统尚未建设。", NO_GLOSSARY)
    assert res.fuzzy == [] and res.negated and res.score == 0.0


@pytest.mark.parametrize("text, term, found", [
    ("采用MES系统实现车间管控", "MES", True),    # \bMES\b would fail here: CJK is \w
    ("部署MESSAGE消息队列", "MES", False),
    ("推行5S管理", "5S", True),
    ("第25S号产线", "5S", False),
    ("安排产品生产", "排产", False),             # substring, but not on token boundaries
    ("系统自动排产", "排产", True),
    ("采用三维CAD软件", "CAD", True),
])
def test_terms_match_on_token_boundaries_not_word_boundaries(text: str, term: str,
                                                             found: bool) -> None:
    assert (evaluate(KeywordSpec(any=[term]), text, NO_GLOSSARY).terms_hit == [term]) is found


def test_latin_terms_match_case_insensitively_and_report_the_text_as_written() -> None:
    res = evaluate(KeywordSpec(any=["wms"]), "仓库上线WMS系统", NO_GLOSSARY)
    assert res.hits[0].matched == "WMS"


def test_keywords_derived_from_the_title_when_the_catalogue_has_none() -> None:
    spec, derived = spec_for(IndicatorSpec(id="x", title="智能排产调度"))
    assert derived
    assert spec.any[0] == "智能排产调度" and "排产" in spec.any and "智能" not in spec.any
    declared, derived2 = spec_for(IndicatorSpec(id="y", title="t",
                                                keywords=KeywordSpec(any=["APS"])))
    assert not derived2 and declared.any == ["APS"]


def test_negated_clauses_share() -> None:
    share, cues = negated_clauses("公司已建成MES；APS尚未上线，WMS计划于明年建设。")
    assert share == pytest.approx(2 / 3) and "尚未" in cues
    assert negated_clauses("公司已建成MES系统。")[0] == 0.0


def test_jieba_is_private_initialised_once_and_quiet() -> None:
    first = kw._jieba()
    assert kw._jieba() is first
    import jieba

    assert first is not jieba.dt  # programme words never leak into the global dictionary
    kw.add_words(["示例智造专用词"])
    assert "示例智造专用词" in first.FREQ
    jieba.setLogLevel(30)
    jieba.dt.initialize()
    assert "示例智造专用词" not in jieba.dt.FREQ
    code = ("from criteria.schema import KeywordSpec; from matchers.evidence.keywords import evaluate; "
            "evaluate(KeywordSpec(any=['APS']), '上线APS')")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "" and run.stdout == ""
