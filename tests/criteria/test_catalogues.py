"""Shared catalogues and indicator tables encoded from the seeds: the 未来工厂建设导则 scenario
requirements (6.1–6.10 and their scenarios 6.N.M), its abbreviation glossary, and the
晨星工厂 reference indicators (附件5, ★ per level)."""
from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from criteria.loader import CATALOGUE_DIR, CRITERIA_DIR, CriteriaError, load_all, load_catalogues
from criteria.schema import Catalogue, IndicatorSpec

GUIDE_ID = "future-factory-guide-2023"
GLOSSARY = CRITERIA_DIR / "glossary" / "future-factory-abbreviations.yaml"
# Scenarios per area, as chapter 6 of the 导则 lists them.
SCENARIOS_PER_AREA = {"6.1": 3, "6.2": 5, "6.3": 4, "6.4": 3, "6.5": 4, "6.6": 3, "6.7": 3, "6.8": 3,
                      "6.9": 3, "6.10": 3}
AREA_TITLES = {"6.1": "数字化设计", "6.2": "智能化生产", "6.3": "绿色化制造", "6.4": "精益化管理",
               "6.5": "高端化产品", "6.6": "智慧供应链", "6.7": "模型化发展", "6.8": "网络化协同",
               "6.9": "个性化定制", "6.10": "服务化延伸"}


@pytest.fixture(scope="module")
def guide() -> Catalogue:
    return load_catalogues()[GUIDE_ID]


@pytest.fixture(scope="module")
def glossary() -> dict[str, list[str]]:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def chenxing() -> list[IndicatorSpec]:
    return load_all()["sd-chenxing-2022"].indicators


def _area(item_id: str) -> str:
    return item_id.rsplit(".", 1)[0] if item_id.count(".") == 2 else item_id


# -- 未来工厂建设导则 ------------------------------------------------------------------

def test_catalogues_load_with_programmes() -> None:
    cats = load_catalogues()
    assert GUIDE_ID in cats
    load_all()  # every programme's catalogues: references resolve


def test_guide_has_exactly_the_areas_and_their_scenarios(guide: Catalogue) -> None:
    ids = [i.id for i in guide.items]
    assert len(ids) == len(set(ids))
    areas = [i for i in ids if i.count(".") == 1]
    assert areas == [f"6.{n}" for n in range(1, 11)]
    scenarios = Counter(_area(i) for i in ids if i.count(".") == 2)
    assert scenarios == SCENARIOS_PER_AREA and sum(scenarios.values()) == 34
    assert all(re.fullmatch(r"6\.\d{1,2}(\.\d)?", i) for i in ids)
    # Areas come first, each followed by its own scenarios in order.
    order = [(_area(i), i) for i in ids]
    assert order == sorted(order, key=lambda p: (int(p[0].split(".")[1]),
                                                 0 if p[0] == p[1] else int(p[1].rsplit(".", 1)[1])))


def test_guide_items_carry_titles_groups_and_requirement_text(guide: Catalogue) -> None:
    by_id = {i.id: i for i in guide.items}
    for area, title in AREA_TITLES.items():
        item = by_id[area]
        assert item.title == item.group == title and not item.needs_narrative
        children = [i for i in guide.items if i.id.startswith(area + ".") and i.id.count(".") == 2]
        assert item.keywords is not None and item.keywords.any == [c.title for c in children]
        for c in children:
            assert c.group == title and c.needs_narrative
            assert c.description and len(c.description) >= 18
            # Lettered requirements a) b) …, except 6.5.4 which is one sentence in the 导则.
            assert c.description.count("\na) ") + c.description.startswith("a) ") == (c.id != "6.5.4")
            assert c.keywords is not None and c.keywords.any
    assert by_id["6.2.1"].title == "计划调度" and "APS" in by_id["6.2.1"].description
    assert by_id["6.10.3"].title == "数字化能力输出"
    # The conversion's “1.” auto-numbering is restored to the 导则's letters.
    assert not any(re.search(r"^1\.\s", i.description or "", re.M) for i in guide.items)


def test_guide_synonyms_come_from_the_glossary(guide: Catalogue, glossary: dict[str, list[str]]) -> None:
    for item in guide.items:
        syn = item.keywords.synonyms if item.keywords else {}
        for key, values in syn.items():
            if key.isascii():
                assert glossary[key] == values, (item.id, key)
        if item.id.count(".") != 2:
            continue
        text = f"{item.title}\n{item.description}"
        for abbr in glossary:
            used = re.search(rf"(?<![A-Za-z]){abbr}(?![A-Za-z])", text)
            assert bool(used) <= (abbr in syn), (item.id, abbr)
    by_id = {i.id: i for i in guide.items}
    assert {"APS"} <= set(by_id["6.2.1"].keywords.synonyms)
    assert {"MES", "WMS", "ERP", "SCM", "JIT", "RFID"} <= set(by_id["6.2.4"].keywords.synonyms)
    assert by_id["6.1"].keywords.synonyms["数字化设计"] == ["Digital design"]


def test_glossary_is_the_guides_abbreviation_list(glossary: dict[str, list[str]]) -> None:
    assert len(glossary) == 21  # 22 lines in chapter 4, MBSE listed twice
    for abbr, names in glossary.items():
        assert re.fullmatch(r"[A-Z]{2,5}", abbr)
        assert isinstance(names, list) and len(names) == 2
        cn, en = names
        assert re.search(r"[\u4e00-\u9fff]", cn) and en.isascii() and en[0].isupper()
    assert glossary["APS"] == ["高级计划与排程", "Advanced Planning and Scheduling"]
    assert glossary["WMS"] == ["仓库管理系统", "Warehouse Management System"]
    assert {"MES", "PLM", "ERP", "MBSE"} <= set(glossary)


def test_a_programme_can_refer_to_the_guide_by_id(tmp_path: Path) -> None:
    (tmp_path / "catalogues").mkdir()
    shutil.copy(CATALOGUE_DIR / "future-factory-guide-scenarios.yaml", tmp_path / "catalogues")
    prog = """
id: zj-test
title: 测试
year: 2023
source: 单元测试
declaration: {title_keywords: [未来工厂]}
fields: [{key: company_name, label: 企业名称}]
catalogues: [%s]
"""
    (tmp_path / "zj-test.yaml").write_text(prog % GUIDE_ID, encoding="utf-8")
    assert load_all(tmp_path)["zj-test"].catalogues == [GUIDE_ID]
    (tmp_path / "zj-test.yaml").write_text(prog % "future-factory-guide-2022", encoding="utf-8")
    load_all.cache_clear()
    with pytest.raises(CriteriaError, match="not found"):
        load_all(tmp_path)
    load_all.cache_clear()


# -- 晨星工厂建设参考指标 (附件5) ------------------------------------------------------------

def test_chenxing_has_star_items_at_every_level(chenxing: list[IndicatorSpec]) -> None:
    for level in range(1, 6):
        introduced = [i for i in chenxing if i.star and i.level == level]
        required = [i for i in chenxing if i.star and i.level is not None and i.level <= level]
        assert introduced, level
        assert len(required) > len([i for i in chenxing if i.star and i.level is not None
                                    and i.level < level])
    counts = Counter(i.level for i in chenxing if i.star)
    assert sum(counts.values()) == 78
    assert [counts[n] for n in range(1, 6)] == [13, 18, 20, 12, 15]


def test_chenxing_indicators_follow_the_table(chenxing: list[IndicatorSpec]) -> None:
    assert len(chenxing) == 79
    ids = [i.id for i in chenxing]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"cx-\d\.\d\.\d{1,2}", i) for i in ids)
    for i in chenxing:
        assert i.star == (i.level is not None)
        assert i.level is None or 1 <= i.level <= 5
        assert i.description and i.evidence and i.group and "/" in i.group
    assert [i.title for i in chenxing if not i.star] == ["研发时间/成本预测"]
    categories = list(dict.fromkeys(i.group.split("/")[0] for i in chenxing))
    assert categories == ["顶层规划", "工厂数据采集汇聚", "网络化升级", "工厂数据治理", "数字化应用",
                          "数字化双碳", "安全管控"]
    by_title = {i.title: i for i in chenxing}
    # Spot checks against the ★ columns of 附件5.
    assert by_title["精益化工厂布局规划"].level == 1
    assert by_title["业务信息系统数据采集"].level == 2
    assert by_title["数据管理能力"].level == 2  # 附件5; seed 003 附件2 has ★ from 3级
    assert by_title["资源规划"].level == 5 and by_title["设备数字化管理整体水平"].level == 5
    assert by_title["生产管控平台"].level == 4 and by_title["作业安全"].level == 1
    # 003 附件2's renamed rows are reachable as synonyms.
    syn = by_title["数据管理能力"].keywords
    assert syn is not None and syn.synonyms == {"数据管理能力": ["数据管理"]}
