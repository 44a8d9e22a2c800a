from criteria.schema import Programme
from matchers.fields.sections import read_sections
from models import Block, Page
from models.readings import count_items
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


ZJ = Programme.model_validate({
    "id": "t", "title": "t", "year": 2024, "source": "test",
    "declaration": {"title_keywords": ["申报书"]},
    "fields": [{"key": "name", "label": "企业名称"}],
    "sections": [{"key": "modular", "heading": "模块化设计"},
                 {"key": "demand", "heading": "需求精准识别"},
                 {"key": "quality", "heading": "质量管控"},
                 {"key": "twin", "heading": "数字孪生"}],
})


def _doc(*lines: str | tuple[str, int]) -> object:
    blocks = [Block(text=x[0], kind="heading", level=x[1]) if isinstance(x, tuple)
              else Block(text=x) for x in lines]
    return document(pages=[Page(number=1, blocks=blocks)])


def test_numbered_plain_paragraph_headings_with_a_prefix_are_sections() -> None:
    got = read_sections(_doc("3.2.3 智能化生产——质量管控", "建立了SPC在线监控。", "3.2.4 物流配送",
                             "AGV配送。"), ZJ)
    assert got["quality"].text == "建立了SPC在线监控。"


def test_a_lettered_item_inside_a_numbered_heading_line() -> None:
    got = read_sections(_doc("1.3 新一代信息技术", "a) 数字孪生", "构建了虚拟工厂。", "b) 人工智能",
                             "视觉检测。"), ZJ)
    assert got["twin"].text == "构建了虚拟工厂。"


def test_a_parent_section_includes_its_sub_items_and_each_sub_item_is_its_own() -> None:
    got = read_sections(_doc("2.1.1 模块化设计", "总述。", "a) 需求精准识别", "需求平台。",
                             "b) 模块通用化", "模块库。", "2.1.2 模块化生产", "别的"), ZJ)
    assert got["modular"].text == "总述。\na) 需求精准识别\n需求平台。\nb) 模块通用化\n模块库。"
    assert got["demand"].text == "需求平台。"


def test_word_heading_levels_without_numbers() -> None:
    got = read_sections(_doc(("模块化设计", 2), "总述。", ("需求精准识别", 3), "需求平台。",
                             ("模块化生产", 2), "别的"), ZJ)
    assert got["modular"].text == "总述。\n需求精准识别\n需求平台。"
    assert got["demand"].text == "需求平台。"


def test_a_lead_phrase_before_a_colon_opens_a_section() -> None:
    got = read_sections(_doc("质量管控：本企业建立了质量追溯系统。", "实现全过程追溯。", "（二）物流配送"), ZJ)
    assert got["quality"].text == "本企业建立了质量追溯系统。\n实现全过程追溯。"


def test_sections_are_found_in_a_second_document() -> None:
    first = _doc("1.3 新一代信息技术", "概述。")
    second = _doc("3.2.3 质量管控", "SPC。")
    assert read_sections([first, second], ZJ)["quality"].text == "SPC。"
