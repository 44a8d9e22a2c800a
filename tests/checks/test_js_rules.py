"""Jiangsu 智能工厂梯度建设 rules on small documents: 表3 bands with missing levels and
conflicting 符合程度 ticks, the 数字化投入规模 sentence, 基础要求1 and figure readings."""
from datetime import date

from checks.amounts import check_amount_statement
from checks.any_of import check_any_of
from checks.context import CheckContext
from checks.figures import check_band, check_value_range
from criteria.loader import load_programme
from criteria.schema import FieldSpec
from matchers.fields.field_values import normalize_value
from matchers.fields.structured_tables import read_structured_tables
from models import Block, DocumentKind, Page
from tests.builders import document, table
from tests.checks.helpers import obs

JS = load_programme("js-smart-factory-2025")


def _rule(rule_id):
    return next(r for r in JS.rules if r.id == rule_id)


def _ctx(docs, observations=()):
    return CheckContext(programme=JS, as_of=date(2025, 6, 30), documents=docs,
                        observations=list(observations),
                        tables=read_structured_tables(docs, JS))


def _decl(*paragraphs, tables=()):
    page = Page(number=1, blocks=[Block(text=t, page=1) for t in paragraphs])
    return document("申报书.docx", pages=[page], tables=list(tables), kind=DocumentKind.declaration)


def test_band_missing_level_conflicting_degree_and_out_of_band() -> None:
    t = table([["序号", "二级指标", "等级", "符合程度", "自评分"],
               ["2", "生产作业数字化水平", "5", "☑基本符合 □比较符合 □非常符合", "61"],
               ["5", "营销服务数字化水平", "5", "☑基本符合 ☑比较符合 □非常符合", "63"],
               ["7", "数字化投入规模", "企业自2014年以来总金额386万元，其中：2024年投入72万元。", "", ""],
               ["8", "网络与安全", "4", "基本符合", "48"],
               ["9", "数据要素", "", "比较符合", "52"],
               ["10", "组织战略人才", "不涉及此环节", "", ""]])
    got = check_band(_rule("self_assessment_band"), _ctx([_decl(tables=[t])]))
    assert [(f.code.value, f.locations[0].excerpt.split(" | ")[1]) for f in got] == [
        ("OPTION_CONFLICT", "营销服务数字化水平"), ("VALUE_OUT_OF_RANGE", "网络与安全"),
        ("MISSING_FIELD", "数据要素")]
    assert "等级栏未填写" in got[2].message


def test_investment_statement_year_unit_and_parts() -> None:
    rule = _rule("investment_statement")
    clean = _decl("自2014年以来，公司在数字化改造方面采购软件系统、解决方案和硬件设备的总金额为1540万元"
                  "（不含研发人员费用），其中2024年投入420万元。")
    assert check_amount_statement(rule, _ctx([clean])) == []
    wrong_year = _decl("数字化投入规模：企业自2014年以来总金额1280 万元，其中：2023年投入236 万元。")
    assert [f.code.value for f in check_amount_statement(rule, _ctx([wrong_year]))] == ["DATE_OUT_OF_RANGE"]
    bare = _decl("数字化投入规模：企业自2014年以来总金额3856.5，其中：2024年投入612。")
    got = check_amount_statement(rule, _ctx([bare]))
    assert [f.code.value for f in got] == ["INVALID_UNIT"] and "3856.5" in got[0].message
    parts = _decl("自2014年以来，公司在数字化改造方面累计采购软件系统9650万元、解决方案4120万元、"
                  "硬件设备10680万元，合计24350万元（不含研发人员费用），其中2024年投入3880万元。")
    got = check_amount_statement(rule, _ctx([parts]))
    assert [f.code.value for f in got] == ["CALCULATION_MISMATCH"] and "24450" in got[0].message


def test_investment_figure_broken_over_pdf_lines_is_not_a_missing_unit() -> None:
    page = Page(number=1, blocks=[Block(text=t, kind="line", page=1) for t in [
        "（三）数字化投入",
        "自2014年以来，公司在数字化改造方面采购软件系统、解决方案和硬件设备的总金额为6",
        "820万元（不含研发人员费用），其中2024年投入1350万元。",
        "数字化投入规模：企业自2014年以来总金额1865 万元，其中：2024年投入342",
        "万元。"]])
    doc = document("申报书.pdf", pages=[page], kind=DocumentKind.declaration)
    assert check_amount_statement(_rule("investment_statement"), _ctx([doc])) == []


def test_scale_or_equivalent() -> None:
    rule = _rule("scale_or_equivalent")
    none_ticked = obs("enterprise_type", "", options=[])
    none_ticked.extra["boxes_recognised"] = 4
    got = check_any_of(rule, _ctx([_decl()], [none_ticked]))
    assert [f.code.value for f in got] == ["ELIGIBILITY_FAILED"] and "均未勾选" in got[0].message
    below_but_specialised = [obs("above_scale", "否"), obs("enterprise_qualification", "江苏省专精特新中小企业（2024年认定）")]
    assert check_any_of(rule, _ctx([_decl()], below_but_specialised)) == []
    assert check_any_of(rule, _ctx([_decl()], [obs("above_scale", "否")]))
    assert check_any_of(rule, _ctx([_decl()], [])) == []  # not answered: not judged


def test_score_read_from_the_figure_not_from_a_sentence_naming_it() -> None:
    sentence = obs("digital_transformation_score",
                   "按照《江苏省企业数字化转型通用评估指标体系(2025年版)》开展自评价，综合得分为60.00分",
                   normalized=2025.0)
    figure = obs("digital_transformation_score", "60.00分", normalized=60.0)
    level = obs("target_level", "基础级", options=["基础级"])
    got = check_value_range(_rule("basic_score"), _ctx([_decl()], [sentence, figure, level]))
    assert [f.code.value for f in got] == ["ELIGIBILITY_FAILED"] and got[0].actual == 60.0


def test_standard_designation_is_not_the_maturity_level() -> None:
    spec = FieldSpec(key="m", label="智能制造能力成熟度自评价等级", type="number")
    assert normalize_value(spec, "GB/T 39116-2020 二级（规范级）") == 2.0
    assert normalize_value(spec, "(GB/T39116-2020):三级(集成级)") == 3.0
    assert normalize_value(spec, "(GB/T39116-2020):") is None


def test_scenario_count_and_coverage_from_numbered_headings() -> None:
    from checks.counts import check_count_at_least

    names = [("产线柔性配置", "生产作业"), ("设备运行监控", "设备管理"), ("智能仓储", "仓储物流"),
             ("能源智能管控", "能碳管理"), ("先进工业网络应用", "信息基础设施"), ("智能排产调度", "计划调度"),
             ("在线智能检测", "质量管控")]
    blocks = []
    for i, (name, stage) in enumerate(names, 1):
        blocks += [Block(text=f"{i}. {name}（{stage}，自评先进级）", kind="heading", page=1),
                   Block(text=f"{name}已建成并投入使用。", page=1)]
    doc = document("申报书.docx", pages=[Page(number=1, blocks=blocks)], kind=DocumentKind.declaration)
    ctx = _ctx([doc], [obs("target_level", "先进级", options=["先进级"])])
    count = check_count_at_least(_rule("advanced_scenario_count"), ctx)
    assert [(f.code.value, f.actual) for f in count] == [("COUNT_BELOW_MINIMUM", 7)]
    coverage = check_count_at_least(_rule("advanced_stage_coverage"), ctx)
    assert [f.code.value for f in coverage] == ["ELIGIBILITY_FAILED"] and "运营管理" in coverage[0].message
    assert "生产管理" not in coverage[0].message.split("缺少")[1]
