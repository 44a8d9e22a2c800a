"""Table rows written as numbered headings naming catalogue items, and self-assessment
sheets with two-row headers and tick-box cells."""
from criteria.loader import load_programme
from matchers.fields.structured_tables import read_structured_tables
from models import Block, DocumentKind, Page
from models.readings import NOT_APPLICABLE
from tests.builders import document, table

JS = load_programme("js-smart-factory-2025")


def _page(items: list[tuple[str, str]]) -> Page:
    return Page(number=1, blocks=[Block(text=t, kind=k, page=1) for k, t in items])  # type: ignore[arg-type]


def test_scenarios_read_from_numbered_headings() -> None:
    page = _page([
        ("heading", "（二）典型场景建设情况"),
        ("paragraph", "对照《自评价参考》，公司已建成典型场景3个，涉及产线柔性配置等环节。"),
        ("paragraph", "1. 产线柔性配置（生产作业，自评基础级）"),
        ("paragraph", "前处理—染色连续生产线采用自动化产线。"),
        ("paragraph", "实现上料、加工、下料的自动化作业。"),
        ("heading", "2．设备运行监控（设备管理，自评基础级）"),
        ("paragraph", "对关键设备的温度、电流等基本数据进行采集。"),
        ("paragraph", "（3）人机协同制造"),
        ("paragraph", "部署协作机器人。"),
        ("heading", "三、自评价情况"),
        ("paragraph", "智慧营销管理方面，计划于2026年建设CRM系统。"),
    ])
    doc = document("申报书.docx", pages=[page], kind=DocumentKind.declaration)
    st = read_structured_tables([doc], JS)["scenarios"]
    assert [r.values["scenario"] for r in st.rows] == ["产线柔性配置", "设备运行监控", "人机协同制造"]
    assert [r.values.get("stage") for r in st.rows] == ["生产作业", "设备管理", None]
    assert st.rows[0].values["content"] == "前处理—染色连续生产线采用自动化产线。\n实现上料、加工、下料的自动化作业。"
    assert st.rows[1].location.excerpt.startswith("2．设备运行监控")
    assert st.sources and "编号标题" in (st.sources[0].excerpt or "")


def test_a_sentence_that_begins_with_a_scenario_name_is_not_a_row() -> None:
    page = _page([("paragraph", "1. 产线柔性配置方面，公司计划于2026年改造总装线。"),
                  ("paragraph", "设备运行监控：已部署采集系统。")])
    doc = document("申报书.docx", pages=[page], kind=DocumentKind.declaration)
    assert read_structured_tables([doc], JS)["scenarios"].rows == []


def test_headings_are_not_read_when_the_list_is_a_table() -> None:
    t = table([["序号", "场景名称", "环节", "建设内容/说明"], ["1", "智能仓储", "仓储物流", "建设立体库"]])
    page = _page([("heading", "1. 产线柔性配置（生产作业）"), ("paragraph", "自动化产线。")])
    doc = document("申报书.docx", pages=[page], tables=[t], kind=DocumentKind.declaration)
    rows = read_structured_tables([doc], JS)["scenarios"].rows
    assert [r.values["scenario"] for r in rows] == ["智能仓储"]


def test_self_assessment_sheet_with_merged_two_row_header() -> None:
    title = "江苏省企业数字化转型自评价表"
    group = "企业等级和自主打分"
    remark = "自2014年以来投入规模为1540万元，其中：2024年投入420万元"
    total = "综合得分（=自评分合计÷满分合计×100）"
    rows = [[title] * 8,
            ["企业名称：某公司    统一社会信用代码：91320902MA1Q5E7L21"] * 8,
            ["序号", "一级指标", "二级指标", group, group, group, "满分", "备注"],
            ["序号", "一级指标", "二级指标", "等级", "符合程度", "自评分（分）", "满分", "备注"],
            ["1", "数字化应用能力", "研发设计数字化水平", "不涉及此环节", "—", "—", "—", "权重平均分配"],
            ["2", "数字化应用能力", "生产作业数字化水平", "5", "基本符合", "61", "100", ""],
            ["7", "数字化支撑能力", "数字化投入规模", "—", "—", "—", "—", remark],
            ["8", "数字化支撑能力", "网络与安全", "", "比较符合", "52", "100", ""],
            ["合计"] * 5 + ["113", "200", ""],
            [total] * 5 + ["56.5", "", ""]]
    spans = {(0, 0): (1, 8), (1, 0): (1, 8), (2, 0): (2, 1), (2, 1): (2, 1), (2, 2): (2, 1),
             (2, 3): (1, 3), (2, 6): (2, 1), (2, 7): (2, 1), (8, 0): (1, 5), (9, 0): (1, 5)}
    doc = document("表2.xlsx", tables=[table(rows, spans=spans)], kind=DocumentKind.other)
    got = [r.values for r in read_structured_tables([doc], JS)["self_assessment"].rows]
    assert [(v.get("seq"), v.get("level"), v.get("degree"), v.get("score")) for v in got] == [
        (1.0, NOT_APPLICABLE, "—", None), (2.0, 5, "基本符合", 61.0), (7.0, None, "—", None),
        (8.0, None, "比较符合", 52.0)]


def test_degree_answered_with_tick_boxes() -> None:
    t = table([["序号", "二级指标", "等级", "符合程度", "自评分"],
               ["4", "经营管理数字化水平", "5", "□基本符合  ☑比较符合  □非常符合", "67"],
               ["5", "营销服务数字化水平", "5", "☑基本符合  ☑比较符合  □非常符合", "63"],
               ["6", "产业链供应链协同数字化水平", "4", "□基本符合  □比较符合  □非常符合", "58"],
               ["8", "网络与安全", "GB/T 39116-2020 二级", "非常符合", "15"]])
    doc = document("申报书.docx", tables=[t], kind=DocumentKind.declaration)
    rows = read_structured_tables([doc], JS)["self_assessment"].rows
    assert [r.values["degree"] for r in rows] == ["比较符合", ["基本符合", "比较符合"], None, "非常符合"]
    assert rows[3].values["level"] == 2
