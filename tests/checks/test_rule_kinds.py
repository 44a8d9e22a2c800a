"""The generic rule kinds on a small programme defined here (not a shipped catalogue)."""
from datetime import date

import yaml

from checks.context import CheckContext
from checks.registry import RULE_CHECKS, run_checks
from criteria.schema import Programme, Rule
from models import Block, DocumentKind, Location, Mark, Page
from models.readings import SectionText, StructuredTable, TableRow
from tests.builders import document
from tests.checks.helpers import obs

PROG = Programme.model_validate(yaml.safe_load("""
id: mini
title: 小型测试项目
year: 2024
source: 测试
declaration: {title_keywords: [测试申报书]}
fields:
  - {key: rate, label: 装备联网率(%), type: percent}
  - {key: invest, label: 累计投入(万元), type: money, unit: 万元}
  - {key: total, label: 投入合计(万元), type: money, unit: 万元}
  - {key: y1, label: 2023年投入(万元), type: money, unit: 万元}
  - {key: y2, label: 2024年投入(万元), type: money, unit: 万元}
  - {key: target, label: 申报等级, type: options, options: [基础级, 先进级]}
  - {key: gdp, label: 产业规模, type: number, unit: 亿元}
  - {key: score, label: 自评得分, type: number}
  - {key: product, label: 产品名称}
  - {key: founded, label: 成立日期, type: date}
tables:
  - id: equipment
    title: 设备清单
    kinds: [equipment_list]
    columns:
      - {key: price, labels: [单价], type: money, unit: 万元}
      - {key: qty, labels: [台套数], type: number}
      - {key: net, labels: [是否联网], type: bool}
  - id: scenarios
    title: 场景清单
    columns:
      - {key: stage, labels: [环节]}
      - {key: name, labels: [场景名称]}
  - id: selfeval
    title: 自评表
    columns:
      - {key: level, labels: [等级], type: level}
      - {key: degree, labels: [符合程度]}
      - {key: score, labels: [自评分], type: number}
sections:
  - {key: cases, heading: 赋能案例}
  - {key: mes, heading: 生产管控}
rules:
  - {kind: ratio, id: net_rate, title: 装备联网率, stated: {field: rate},
     numerator: {table: equipment, aggregate: sum, column: qty, where: {net: true}},
     denominator: {table: equipment, aggregate: sum, column: qty}, tolerance_points: 2}
  - {kind: sum, id: invest_sum, title: 累计投入, total: {field: invest},
     parts: [{table: equipment, aggregate: sum_product, columns: [price, qty]}], rel_tolerance: 0.01}
  - {kind: sum, id: yearly, title: 投入合计, total: {field: total}, parts: [{field: y1}, {field: y2}]}
  - {kind: band, id: bands, title: 自评分段, table: selfeval, level_column: level, degree_column: degree,
     score_column: score, bands: {"1": {"": [0, 0]}, "2": {基本符合: [0, 7], 比较符合: [7, 14], 非常符合: [14, 20]}},
     skip_levels: [不涉及此环节]}
  - {kind: count_at_least, id: adv_count, title: 先进级场景数, when: {field: target, equals: 先进级},
     count: {table: scenarios, aggregate: count}, min: 3, group_column: stage, item_column: name,
     groups: [生产作业, 运营管理], group_of_item: {智能排产: 生产管理, 精准营销: 运营管理}, code: ELIGIBILITY_FAILED}
  - {kind: count_at_least, id: cases_count, title: 赋能案例数, count: {section: cases, aggregate: items}, min: 3}
  - {kind: unit, fields: [gdp], units: [亿元]}
  - {kind: value_range, id: rate_range, title: 百分比, value: {field: rate}, min: 0, max: 100}
  - {kind: value_range, id: score_min, title: 自评得分门槛, value: {field: score}, min: 70, min_exclusive: true}
  - {kind: date_window, id: founded_win, field: founded, relative_to: programme_year, not_after_years: -1}
  - {kind: evidence_attached, id: mes_shot, title: 生产管控截图, section: mes, trigger_terms: [截图], kinds: [screenshot]}
  - {kind: seal, id: pledge_seal, page_keywords: [真实性承诺]}
  - {kind: signature, id: pledge_sign, page_keywords: [真实性承诺], signature_labels: [法人代表(签字)]}
  - {kind: single_value, field: product, code: MULTIPLE_PRODUCTS, item_endings: [平台, 系统, 网关, 软件],
     counter: 款产品}
"""))

WAN = lambda v: {"amount_wan": v, "currency": "CNY"}  # noqa: E731


def _row(**values):
    return TableRow(values=values, raw={k: str(v) for k, v in values.items()},
                    location=Location(path="t.xlsx", page=1))


def _table(tid, rows):
    spec = next(t for t in PROG.tables if t.id == tid)
    return StructuredTable(spec=spec, rows=rows, sources=[Location(path="t.xlsx", page=1)])


def _ctx(observations=(), tables=None, sections=None, docs=None):
    docs = docs if docs is not None else [document("d.docx", kind=DocumentKind.declaration)]
    return CheckContext(programme=PROG, as_of=date(2024, 6, 30), documents=docs,
                        observations=list(observations), tables=tables or {}, sections=sections or {})


def _codes(findings):
    return sorted((f.code.value, f.requirement or f.field) for f in findings)


EQUIPMENT = _table("equipment", [_row(price=10.0, qty=4.0, net=True), _row(price=20.0, qty=1.0, net=False),
                                 _row(price=5.0, qty=5.0, net=True)])  # net 9/10 = 90%; Σ = 85 万元


def test_every_rule_kind_has_a_check() -> None:
    import typing
    kinds = {a.model_fields["kind"].annotation.__args__[0]
             for a in typing.get_args(typing.get_args(Rule)[0])}
    assert kinds == set(RULE_CHECKS)


def test_ratio_within_and_beyond_tolerance() -> None:
    ok = _ctx([obs("rate", "89%", normalized=89.0)], {"equipment": EQUIPMENT})
    assert not [f for f in run_checks(ok) if f.requirement == "net_rate"]
    bad = _ctx([obs("rate", "95%", normalized=95.0)], {"equipment": EQUIPMENT})
    [f] = [f for f in run_checks(bad) if f.requirement == "net_rate"]
    assert f.code.value == "CALCULATION_MISMATCH" and "90" in f.message and f.field == "rate"


def test_sum_product_and_sum_of_fields() -> None:
    c = _ctx([obs("invest", "85.5", normalized=WAN(85.5)), obs("total", "300", normalized=WAN(300.0)),
              obs("y1", "100", normalized=WAN(100.0)), obs("y2", "150", normalized=WAN(150.0))],
             {"equipment": EQUIPMENT})
    got = _codes(run_checks(c))
    assert ("CALCULATION_MISMATCH", "yearly") in got  # 300 ≠ 250
    assert ("CALCULATION_MISMATCH", "invest_sum") not in got  # 85.5 vs 85 within 1%


def test_band_rows_and_not_applicable_skipped() -> None:
    t = _table("selfeval", [_row(level=2, degree="比较符合", score=10.0), _row(level=2, degree="非常符合", score=8.0),
                            _row(level="不涉及此环节", degree="", score=None), _row(level=1, degree="", score=3.0)])
    found = [f for f in run_checks(_ctx(tables={"selfeval": t})) if f.requirement == "bands"]
    assert len(found) == 2 and all(f.code.value == "VALUE_OUT_OF_RANGE" for f in found)


def test_count_with_groups_only_when_target_ticked() -> None:
    t = _table("scenarios", [_row(stage="生产作业", name="在线检测"), _row(stage="", name="智能排产")])
    adv = _ctx([obs("target", "先进级", options=["先进级"])], {"scenarios": t})
    found = [f for f in run_checks(adv) if f.requirement == "adv_count"]
    assert len(found) == 2 and {f.code.value for f in found} == {"ELIGIBILITY_FAILED"}
    assert "运营管理" in found[1].message
    basic = _ctx([obs("target", "基础级", options=["基础级"])], {"scenarios": t})
    assert not [f for f in run_checks(basic) if f.requirement == "adv_count"]


def test_cases_counted_in_section() -> None:
    sec = SectionText("cases", "案例一：甲钢厂\n效果显著\n案例二：乙化工", Location(path="d.docx"))
    [f] = [f for f in run_checks(_ctx(sections={"cases": sec})) if f.requirement == "cases_count"]
    assert f.code.value == "COUNT_BELOW_MINIMUM" and "实际 2 个" in f.message


def test_unit_value_range_date_window() -> None:
    # 万吨 is another quantity (a 万元 amount of a 亿元 field converts and is right).
    c = _ctx([obs("gdp", "12.5万吨"), obs("rate", "135", normalized=135.0), obs("score", "70", normalized=70.0),
              obs("founded", "2024-01-01", normalized="2024-01-01")])
    got = _codes(run_checks(c))
    assert ("INVALID_UNIT", "gdp") in got and ("VALUE_OUT_OF_RANGE", "rate_range") in got
    assert ("VALUE_OUT_OF_RANGE", "score_min") in got  # 70 is not > 70
    assert ("DATE_OUT_OF_RANGE", "founded_win") in got
    ok = _ctx([obs("gdp", "12.5亿元"), obs("founded", "2020-05-01", normalized="2020-05-01")])
    assert not {r for _, r in _codes(run_checks(ok))} & {"gdp", "founded_win"}


def test_promised_screenshot_missing_then_supplied() -> None:
    sec = SectionText("mes", "MES 系统界面见截图3。", Location(path="d.docx"))
    [f] = [f for f in run_checks(_ctx(sections={"mes": sec})) if f.requirement == "mes_shot"]
    assert f.code.value == "MISSING_EVIDENCE" and "截图" in f.locations[0].excerpt
    docs = [document("d.docx", kind=DocumentKind.declaration), document("a.png", kind=DocumentKind.screenshot)]
    assert not [f for f in run_checks(_ctx(sections={"mes": sec}, docs=docs)) if f.requirement == "mes_shot"]


def test_seal_and_signature_on_pledge_page() -> None:
    page = Page(number=2, ocr=True, blocks=[Block(text="真实性承诺"), Block(text="法人代表(签字)：")])
    docs = [document("d.docx", kind=DocumentKind.declaration), document("p.pdf", pages=[page])]
    got = _codes(run_checks(_ctx(docs=docs)))
    assert ("MISSING_SEAL", "pledge_seal") in got and ("MISSING_SIGNATURE", "pledge_sign") in got
    page.marks = [Mark(kind="seal", bbox=(0, 0, 10, 10)), Mark(kind="handwriting", label="法人代表(签字)")]
    got = _codes(run_checks(_ctx(docs=docs)))
    assert ("MISSING_SEAL", "pledge_seal") not in got and ("MISSING_SIGNATURE", "pledge_sign") not in got


def test_one_product_per_form() -> None:
    two = _ctx([obs("product", "数据采集网关及边缘计算平台")])
    assert ("MULTIPLE_PRODUCTS", "product") in _codes(run_checks(two))
    one = _ctx([obs("product", "工业数据采集及分析平台")])
    assert ("MULTIPLE_PRODUCTS", "product") not in _codes(run_checks(one))
