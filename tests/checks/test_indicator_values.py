"""Indicator figures of the 产业大脑 index (seed 003 附件1) as applicants write them: units
that convert, counts, subsets, shares and totals recomputed from what is written beside
them, periods, and one figure stated differently by two files."""
from datetime import date

from checks.context import CheckContext
from checks.registry import run_checks
from criteria.loader import load_programme
from dossier.pipeline import read_observations
from models import Block, DocumentKind, Page
from tests.builders import document, table

PROG = load_programme("sd-industry-brain")
HEAD = ["编号", "指标名称", "填报值", "单位", "说明"]


def _sheet(rows, path="指标表.docx", pages=None):
    return document(path, tables=[table([HEAD, *rows])], pages=pages,
                    kind=DocumentKind.declaration)


def _paragraphs(lines, path="报告.docx"):
    return document(path, pages=[Page(number=1, blocks=[Block(text=t, page=1) for t in lines])],
                    kind=DocumentKind.declaration)


def _findings(*docs, as_of=date(2023, 7, 1)):
    observations, _, _ = read_observations(list(docs), PROG)
    ctx = CheckContext(programme=PROG, as_of=as_of, documents=list(docs),
                       observations=observations)
    return [(f.code.value, f.field, f.severity.value) for f in run_checks(ctx)]


def _codes_for(found, field):
    return {code for code, key, _ in found if key == field}


def test_units_convert_or_not() -> None:
    found = _findings(_sheet([
        ["L1P1", "产业规模", "5,237,000万元", "", "2022年"],      # = 523.7亿元: right
        ["L1P8", "链主企业产值", "586万吨", "", "2022年"],         # another quantity
        ["L2P3", "行业数据仓", "45", "", "兼容协议19种"],           # no unit anywhere
        ["L2P2", "产业数据仓", "337", "TB", ""],                   # unit in its own column
        ["L5P5", "安全防护水平", "三级", "", ""],                   # a level is its own unit
    ]))
    assert "INVALID_UNIT" not in _codes_for(found, "l1p1_industry_scale")
    assert "INVALID_UNIT" in _codes_for(found, "l1p8_chain_leader_output")
    assert "INVALID_UNIT" in _codes_for(found, "l2p3_sector_data_warehouse")
    assert "INVALID_UNIT" not in _codes_for(found, "l2p2_industry_data_warehouse")
    assert "INVALID_UNIT" not in _codes_for(found, "l5p5_security_level")


def test_a_unit_cell_contradicted_by_the_same_figure_elsewhere() -> None:
    # 88.5 with 单位 “万元”, while the text says 88.5亿元: the unit cell is a slip.
    sheet = _sheet([["L1P8", "链主企业产值", "88.5", "万元", "2022年链主企业产值"]],
                   pages=[Page(number=1, blocks=[Block(text="链主企业2022年产值88.5亿元。")])])
    assert "INVALID_UNIT" in _codes_for(_findings(sheet), "l1p8_chain_leader_output")


def test_counts_are_whole_and_a_subset_is_not_larger() -> None:
    found = _findings(_sheet([
        ["L1P4", "产业链企业数量", "582", "家", "上游157家、中游193家、下游232家"],
        ["L1P5", "产业链规上企业数量", "656", "家", ""],
        ["L3P3", "数字人才数量", "547.5人", "", "按全年平均在岗人数折算"],
    ]))
    assert "INCONSISTENT_VALUE" in _codes_for(found, "l1p5_above_scale_enterprises")
    assert "VALUE_OUT_OF_RANGE" in _codes_for(found, "l3p3_digital_talents")
    assert "CALCULATION_MISMATCH" not in _codes_for(found, "l1p4_chain_enterprises")


def test_share_recomputed_from_its_note() -> None:
    wrong = _findings(_sheet([
        ["L1P1", "产业规模", "379.8", "亿元", "2022年"],
        ["L1P10", "产业集聚度", "59.6", "%", "产业链主营收入379.8亿元÷区2022年工业总产值760亿元"],
    ]))
    assert "CALCULATION_MISMATCH" in _codes_for(wrong, "l1p10_industry_concentration")
    # Only the denominator written: L1P1 is the numerator (612.9 ÷ 1295.8 = 47.3 %).
    right = _findings(_paragraphs([
        "L1P1 产业规模：612.9亿元。2022年产业链主营业务收入总和。",
        "L1P10 产业集聚度：47.3%。2022年高新区工业总产值1295.8亿元，占比按此计算。"]))
    assert not _codes_for(right, "l1p10_industry_concentration")
    # A fraction written for a percentage (0.297 for 29.7 %): the unit, a warning.
    fraction = _findings(_paragraphs([
        "L1P1 产业规模：198.6亿元。2022年。",
        "L1P10 产业集聚度：0.297。2022年禹城市工业总产值668.7亿元。"]))
    assert ("INVALID_UNIT", "l1p10_industry_concentration", "warning") in fraction
    assert "CALCULATION_MISMATCH" not in _codes_for(fraction, "l1p10_industry_concentration")


def test_total_against_its_breakdown_and_the_table_it_cites() -> None:
    found = _findings(_paragraphs([
        "L1P7 优势企业数量：86家。其中山东省（准）独角兽企业2家、瞪羚企业23家、“专精特新”中小企业41家、"
        "制造业单项冠军4家、隐形冠军企业12家。"]))
    assert "CALCULATION_MISMATCH" in _codes_for(found, "l1p7_leading_enterprises")
    annex = document("附表.xlsx", kind=DocumentKind.other, tables=[table([
        ["优势企业统计表", "优势企业统计表", "优势企业统计表"],
        ["序号", "类别", "数量"], ["1", "瞪羚企业", "4家"], ["2", "隐形冠军企业", "7家"],
        ["", "合计", "11家"]], spans={(0, 0): (1, 3)})])
    cited = _findings(_sheet([["L1P7", "优势企业数量", "14", "家", "详见附表《优势企业统计表》"]]), annex)
    assert "CALCULATION_MISMATCH" in _codes_for(cited, "l1p7_leading_enterprises")
    same = _findings(_sheet([["L1P7", "优势企业数量", "11", "家", "详见附表《优势企业统计表》"]]), annex)
    assert "CALCULATION_MISMATCH" not in _codes_for(same, "l1p7_leading_enterprises")


def test_periods_last_year_and_recent_three_years() -> None:
    found = _findings(_sheet([
        ["L1P1", "产业规模", "132.3", "亿元", "2021年度产业链范围内企业主营业务收入合计"],
        ["L1P9", "近三年获得奖励", "5", "项", "2018年省级数字经济园区；2021年省级特色产业集群"],
        ["L1P8", "链主企业产值", "62.4", "亿元", "2022年链主企业产值，较2021年增长5%"],
    ]), as_of=date(2023, 9, 1))
    assert "DATE_OUT_OF_RANGE" in _codes_for(found, "l1p1_industry_scale")
    assert "DATE_OUT_OF_RANGE" in _codes_for(found, "l1p9_awards_3y")
    assert "DATE_OUT_OF_RANGE" not in _codes_for(found, "l1p8_chain_leader_output")


def test_report_and_sheet_state_one_figure_differently() -> None:
    sheet = _sheet([["L1P4", "产业链企业数量", "648", "家", ""],
                    ["L1P5", "产业链规上企业数量", "421", "家", ""],
                    ["L1P8", "链主企业产值", "128.6", "亿元", ""]], path="数据表.xlsx")
    report = _paragraphs(["产业链范围内规上企业共计412家，占产业链企业总数的63.6%。",
                          "L1P8 链主企业产值：1286000万元。"])
    found = _findings(sheet, report)
    assert ("INCONSISTENT_VALUE", "l1p5_above_scale_enterprises", "warning") in found
    assert "INCONSISTENT_VALUE" not in _codes_for(found, "l1p8_chain_leader_output")
