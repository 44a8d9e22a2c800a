"""Documents cut into passages with provenance."""
from __future__ import annotations

from models import Block, Page
from matchers.passages import MAX_CHARS, document_passages, split_sentences
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
