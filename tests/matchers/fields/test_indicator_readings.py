"""Indicator values wherever they are written: a code before or after the name, sentences
tagged with the code, a figure in the field's own unit among other counts, a description
that the table sends to a section below."""
from criteria.loader import load_programme
from matchers.fields.field_values import is_blank
from matchers.fields.form_fields import best_observation, read_form_fields
from matchers.fields.labels import LabelIndex
from models import Block, DocumentKind, Page
from tests.builders import document, table

PROG = load_programme("sd-industry-brain")


def _doc(lines, kind="line", tables=None):
    blocks = [Block(text=t, page=1, kind=kind) for t in lines]
    return document("报告.pdf", pages=[Page(number=1, blocks=blocks)], tables=tables,
                    kind=DocumentKind.declaration)


def test_indicator_code_before_or_after_the_name_is_ignored() -> None:
    index = LabelIndex(PROG.fields)
    for printed in ("L1P10 产业集聚度", "产业集聚度（L1P10）", "L1P10产业集聚度"):
        m = index.match(printed)
        assert m is not None and m.spec.key == "l1p10_industry_concentration", printed
    [(m, value, _)] = index.colon_pairs("产业规模（L1P1）：356.8亿元")
    assert m.spec.key == "l1p1_industry_scale" and value == "356.8亿元"


def test_sentences_tagged_with_the_code_across_pdf_lines() -> None:
    doc = _doc([
        "2021年，智能家电产业链范围内所有企业主营业务收入总和为612.4亿元（L1P1）。产",
        "业数据仓已建成，政务侧数据库14个、企业侧数据资源目录40个，存储量344TB（L2P2）。",
        "数字人才共470人，其中引进培育高层次人才52人、技能人才418人",
        "（L3P3）。平台通过网络安全等级保护三级测评（L5P5）。",
    ])
    obs = read_form_fields(doc, PROG)
    assert best_observation(obs, "l1p1_industry_scale").value == "612.4亿元"
    assert "2021年" in best_observation(obs, "l1p1_industry_scale").extra["statement"]
    assert best_observation(obs, "l2p2_industry_data_warehouse").value == "344TB"
    assert best_observation(obs, "l3p3_digital_talents").value == "470人"
    assert "三级" in best_observation(obs, "l5p5_security_level").value


def test_a_code_that_opens_its_paragraph_tags_what_follows() -> None:
    doc = _doc(["三、描述性指标", "（L2P1）存储与计算资源。已接入山东工业云区域中心，部署计算节点37个。"],
               kind="paragraph")
    got = best_observation(read_form_fields(doc, PROG), "l2p1_storage_computing")
    assert got is not None and "山东工业云" in got.value


def test_prose_figure_in_the_fields_own_unit_and_not_a_part() -> None:
    doc = _doc(["产业数据仓已建成，政务侧数据库9个、企业侧数据资源目录60个，存储量84TB。",
                "企业数据仓汇聚71家企业研发、生产数据，企业数据仓83个，存储量563TB。",
                "优势企业数量——统计口径：其中瞪羚企业29家、隐形冠军企业12家。"], kind="paragraph")
    obs = read_form_fields(doc, PROG)
    assert best_observation(obs, "l2p2_industry_data_warehouse").value == "84TB"
    assert best_observation(obs, "l2p4_enterprise_data_warehouse").value == "563TB"
    assert best_observation(obs, "l1p7_leading_enterprises") is None


def test_placeholders_are_blank() -> None:
    assert is_blank("（待补充）") and is_blank("待填写") and not is_blank("暂无，计划2024年建设")


def test_a_description_sent_to_a_section_is_read_there() -> None:
    rows = [["编号", "指标名称", "填报值", "单位", "说明"],
            ["L2P1", "存储与计算资源", "详见说明", "", "见定性指标说明"],
            ["L5P1", "组织领导机制", "—", "", "见定性指标说明"]]
    pages = [Page(number=1, blocks=[
        Block(text="L2P1 存储与计算资源", kind="heading", page=1),
        Block(text="（待补充）", page=1),
        Block(text="L5P1 组织领导机制", kind="heading", page=1),
        Block(text="区政府成立由区长任组长的产业大脑推进工作小组。", page=1)])]
    doc = document("表.docx", tables=[table(rows)], pages=pages, kind=DocumentKind.declaration)
    obs = read_form_fields(doc, PROG)
    assert best_observation(obs, "l2p1_storage_computing").is_empty
    assert "推进工作小组" in best_observation(obs, "l5p1_leadership_mechanism").value


def test_word_and_wps_prompts_left_in_a_box_are_blank() -> None:
    # The prompt survives printing to PDF or scanning, where no content control marks it.
    for prompt in ("单击或点击此处输入文字。", "单击此处输入文字", "点击或轻击此处输入文字。",
                   "单击或点击以输入日期。", "选择一项。", "Click or tap here to enter text.",
                   "请输入内容"):
        assert is_blank(prompt), prompt
    assert not is_blank("单击或点击此处输入文字后公司名称为鲁源")
    assert not is_blank("请见附件3")


def test_the_forms_shortened_instruction_is_not_a_value() -> None:
    from criteria.loader import load_programme

    spec = next(f for f in load_programme("sd-chenxing-2022").fields if f.key == "industry")
    assert is_blank("（按国民经济行业分类具体到中类）", spec)
    assert not is_blank("制造业-医药制造业-化学药品制剂制造", spec)
