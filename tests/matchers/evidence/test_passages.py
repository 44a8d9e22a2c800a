"""Documents cut into passages with provenance."""
from __future__ import annotations

from models import Block, Page
from matchers.evidence.passages import MAX_CHARS, document_passages, split_sentences
from tests.builders import document, table

SENT = "系统根据订单交期、设备产能和物料齐套情况自动生成排产计划，并实时调整。"  # 35 chars


def test_paragraphs_are_grouped_under_their_headings() -> None:
    doc = document(path="申报书.docx", pages=[Page(number=1, blocks=[
        Block(text="一、企业基本情况", kind="heading"),
        Block(text="公司成立于2005年，主要从事汽车零部件制造。"),
        Block(text="现有员工860人，其中研发人员120人。"),
        Block(text="二、智能制造场景", kind="heading"),
        Block(text="1.1 智能排产"),
        Block(text="公司上线APS系统，自动生成排产计划。"),
        Block(text="1.2 生产执行"),
        Block(text="车间部署MES系统，工单自动下发到工位。"),
    ])])
    ps = document_passages(doc)
    assert [(p.kind, p.heading_path) for p in ps] == [
        ("paragraph", ("企业基本情况",)),
        ("paragraph", ("智能制造场景", "智能排产")),
        ("paragraph", ("智能制造场景", "生产执行")),
    ]
    assert ps[0].text == "公司成立于2005年，主要从事汽车零部件制造。\n现有员工860人，其中研发人员120人。"
    assert ps[1].scoring_text == "智能排产：公司上线APS系统，自动生成排产计划。"
    assert ps[2].location.path == "申报书.docx" and ps[2].location.page == 1
    assert ps[2].location.excerpt == "车间部署MES系统，工单自动下发到工位。"


def test_long_paragraphs_are_split_at_sentence_ends() -> None:
    text = SENT * 20   # 700 chars
    chunks = split_sentences(text)
    assert len(chunks) == 3
    assert all(len(c) <= MAX_CHARS for c in chunks)
    assert all(c.endswith("。") for c in chunks)
    assert "".join(chunks) == text
    doc = document(pages=[Page(number=2, blocks=[Block(text=text)])])
    ps = document_passages(doc)
    assert [len(p.text) for p in ps] == [len(c) for c in chunks]
    assert all(p.location.page == 2 for p in ps)


def test_sentence_longer_than_the_limit_is_cut_hard() -> None:
    chunks = split_sentences("甲" * 700)
    assert [len(c) for c in chunks] == [300, 300, 100]


def test_tiny_passages_are_skipped() -> None:
    doc = document(pages=[Page(number=1, blocks=[
        Block(text="第 3 页"), Block(text="（盖章）"),
        Block(text="附件四", kind="heading"),
        Block(text="公司已建成数字孪生车间，物理产线实时映射到虚拟模型。"),
    ])])
    assert [p.text for p in document_passages(doc)] == ["公司已建成数字孪生车间，物理产线实时映射到虚拟模型。"]


def test_pdf_lines_are_joined_into_passages_and_table_lines_left_to_the_table() -> None:
    lines = [("公司建成12层高位立体仓库，配置堆垛机", (50, 100, 500, 112)),
             ("和穿梭车，并上线WMS仓库管理系统。", (50, 114, 400, 126)),
             ("2021年库存周转率提升30%，仓储人员减少", (50, 128, 500, 140)),
             ("15人。", (50, 142, 100, 154))]
    blocks = [Block(text=t, bbox=b, kind="line", page=1) for t, b in lines]
    blocks.append(Block(text="场景名称", bbox=(50, 300, 100, 312), kind="line", page=1,
                        table_index=0, row=0, col=0))
    ps = document_passages(document(path="a.pdf", pages=[Page(number=1, blocks=blocks)]))
    assert len(ps) == 1
    # The line starting "2021年" is running text, not a numbered heading.
    assert ps[0].text == ("公司建成12层高位立体仓库，配置堆垛机和穿梭车，并上线WMS仓库管理系统。"
                          "2021年库存周转率提升30%，仓储人员减少15人。")
    assert ps[0].heading_path == ()
    assert ps[0].location.bbox == (50, 100, 500, 154)


def test_table_rows_become_passages_with_header_labels() -> None:
    t = table([["场景名称", "实施内容", "成效"],
               ["智能仓储", "建设立体仓库与WMS系统，实现物料自动出入库", "库存周转提升20%"],
               ["", "", ""]])
    t.name = "表2 场景建设情况"
    ps = document_passages(document(path="b.xlsx", tables=[t]))
    assert len(ps) == 1
    assert ps[0].kind == "table_row"
    assert ps[0].text == "场景名称：智能仓储 | 实施内容：建设立体仓库与WMS系统，实现物料自动出入库 | 成效：库存周转提升20%"
    assert ps[0].heading_path == ("表2 场景建设情况",)


def test_merged_cells_are_read_once_per_row_and_long_cells_become_cell_passages() -> None:
    long = SENT * 12   # 420 chars
    t = table([["场景描述", long, long]], spans={(0, 1): (1, 2)})
    ps = document_passages(document(tables=[t]))
    assert {p.kind for p in ps} == {"cell"}
    assert "".join(p.text for p in ps) == long          # once, not twice
    assert all(p.heading_path == ("场景描述",) for p in ps)


def test_unreadable_document_gives_no_passages() -> None:
    assert document_passages(document(error="损坏的文件")) == []


# ----- form answers and form boilerplate ----------------------------------------------------

from criteria.loader import load_programme  # noqa: E402
from matchers.evidence.passages import is_form_boilerplate, is_header_row, ticked_only  # noqa: E402
from models import DocumentKind  # noqa: E402


def test_tick_box_cells_keep_only_the_ticked_options() -> None:
    assert ticked_only("☑5G   □F5G   ☑PON全光网络") == "5G PON全光网络"
    assert ticked_only("□是   □否") is None
    assert ticked_only("建设了APS系统") == "建设了APS系统"
    # Labels written before their boxes, as the extractors read option groups.
    assert ticked_only("是☑ 否□") == "是"


def test_rows_answered_no_unanswered_or_figure_only_are_not_evidence() -> None:
    t = table([["企业数据安全防护情况", "是否部署态势感知系统", "☑是   □否"],
               ["企业数据安全防护情况", "是否部署数据库安全管理系统", "□是   ☑否"],
               ["企业数据解析情况", "如是，填写数据解析注册量", ""],
               ["企业边缘云应用情况", "服务器数量（台）", "12"],
               ["企业联系人", "姓名", "王磊"],
               ["企业生产网络建设情况", "新型网络技术使用情况", "☑5G   □F5G   ☑WiFi6"]])
    texts = [p.text for p in document_passages(document(tables=[t]))]
    assert texts == ["企业数据安全防护情况 | 是否部署态势感知系统 | 是",
                     "企业生产网络建设情况 | 新型网络技术使用情况 | 5G WiFi6"]


def test_a_form_table_first_row_is_not_taken_for_a_header() -> None:
    assert not is_header_row(["企业名称", "浙江瓯瑞电气科技有限公司"])
    assert is_header_row(["场景名称", "实施内容"])
    assert is_header_row(["序号", "环节", "场景名称", "建设内容"])
    t = table([["企业名称", "浙江瓯瑞电气科技有限公司"],
               ["数字化转型情况", "公司建成MES系统，覆盖全部12条装配线，实现工单电子化下发。"]])
    ps = document_passages(document(tables=[t]))
    assert [p.text for p in ps] == ["数字化转型情况 | 公司建成MES系统，覆盖全部12条装配线，实现工单电子化下发。"]


def test_instructions_and_cover_blocks_are_form_boilerplate() -> None:
    assert is_form_boilerplate("注：“环节”填写工厂建设、研发设计之一；场景名称按参考逐项填写。", "paragraph")
    assert is_form_boilerplate("申报单位（盖章）：山东某公司\n统一社会信用代码：91370112MA3C00000X", "paragraph")
    assert not is_form_boilerplate("公司上线APS系统：排产由人工改为系统自动生成。\n插单响应时间缩短至2小时。",
                                   "paragraph")
    doc = document(pages=[Page(number=1, blocks=[
        Block(text="申报单位（盖章）：山东鲁原智能装备有限公司"), Block(text="统一社会信用代码：913701122671"),
        Block(text="一、建设情况", kind="heading"),
        Block(text="公司建成设备物联平台，实时采集186台设备运行数据。")])])
    assert [p.text for p in document_passages(doc)] == ["公司建成设备物联平台，实时采集186台设备运行数据。"]


def test_declared_tables_give_only_their_narrative_cells_with_the_row_as_label() -> None:
    prog = load_programme("js-smart-factory-2025")
    t = table([["序号", "环节", "场景名称", "建设内容/说明"],
               ["1", "生产管理", "智能仓储", "建设立体仓库和WMS，实现库位分配、出入库和移库管理。"],
               ["2", "生产作业", "工艺动态优化", ""]])
    score = table([["序号", "二级指标", "等级", "符合程度", "自评分"],
                   ["1", "研发设计数字化水平", "6", "基本符合", "62"]], index=1)
    doc = document(path="申报书.docx", tables=[t, score], kind=DocumentKind.declaration)
    ps = document_passages(doc, programme=prog)
    assert [(p.kind, p.text) for p in ps] == [("cell", "建设立体仓库和WMS，实现库位分配、出入库和移库管理。")]
    # The claimed name is shown with the passage but is not part of what is scored.
    assert "智能仓储" in (ps[0].label or "") and "智能仓储" not in ps[0].scoring_text


def test_long_paragraphs_are_scored_without_their_heading() -> None:
    long = ("公司通过ERP、MES、WMS和TMS系统的集成应用，实现了生产、仓储配送和运输管理多系统的集成。"
            "物流各环节的作业效率、准时率和成本在物流监控平台上统一展示，每月据此分析改进。")
    doc = document(pages=[Page(number=1, blocks=[
        Block(text="3.2.5 设备运维", kind="heading"), Block(text=long)])])
    (p,) = document_passages(doc)
    assert p.heading_path == ("设备运维",) and p.scoring_text == long
