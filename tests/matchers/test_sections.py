from criteria.schema import Programme
from matchers.sections import count_items, read_sections
from models import Block, Page
from tests.builders import document, table

PROG = Programme.model_validate({
    "id": "t", "title": "t", "year": 2024, "source": "test",
    "declaration": {"title_keywords": ["申报书"]},
    "fields": [{"key": "name", "label": "企业名称"}],
    "sections": [{"key": "profile", "heading": "产品简介"}, {"key": "cases", "heading": "赋能案例"},
                 {"key": "twin", "heading": "数字孪生", "aliases": ["数字孪生场景描述"]}],
})


def test_section_from_table_label_cell() -> None:
    doc = document(tables=[table([["产品简介", "本产品是一套工业数据采集网关。"],
                                  ["赋能案例", "案例一：某钢厂\n案例二：某化工厂"]])])
    got = read_sections(doc, PROG)
    assert got["profile"].text == "本产品是一套工业数据采集网关。"
    assert count_items(got["cases"].text) == 2


def test_section_from_heading_paragraphs_stops_at_next_heading() -> None:
    blocks = [Block(text="1.1.2 数字孪生场景描述", kind="heading"), Block(text="我们建设了虚拟工厂。"),
              Block(text="实现以虚控实。"), Block(text="1.1.3 人工智能", kind="heading"),
              Block(text="别的内容")]
    got = read_sections(document(pages=[Page(number=1, blocks=blocks)]), PROG)
    assert got["twin"].text == "我们建设了虚拟工厂。\n实现以虚控实。"


def test_count_items_forms() -> None:
    text = "案例1：甲\n说明\n（2）乙\n3. 丙\n四、丁\n2021年产值增长"
    assert count_items(text) == 4
