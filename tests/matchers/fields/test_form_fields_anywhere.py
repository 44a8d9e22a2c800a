"""read_form_fields: values wherever the applicant wrote them (issue 9)."""
from datetime import date

from checks.context import CheckContext
from checks.required_fields import check_required_fields
from criteria.schema import Programme
from matchers.fields.form_fields import best_observation, read_form_fields
from extractor.checkmarks import checkboxes_in_text
from matchers.fields.option_marks import unboxed_options
from models import Block, DocumentKind, FindingCode, Page
from tests.builders import document, table, text_page

PROG = Programme.model_validate({
    "id": "t", "title": "t", "year": 2024, "source": "test",
    "declaration": {"title_keywords": ["申报书"]},
    "fields": [
        {"key": "company_name", "label": "企业全称", "aliases": ["企业名称"]},
        {"key": "uscc", "label": "统一社会信用代码", "type": "identifier"},
        {"key": "legal_rep", "label": "法定代表人"},
        {"key": "level", "label": "申报等级", "type": "options",
         "options": ["基础级", "先进级", "卓越级", "领航级"]},
        {"key": "company_type", "label": "企业类型", "type": "options",
         "options": ["国有", "民营", "合资", "外资"]},
        {"key": "contact_name", "label": "姓名"},
        {"key": "contact_title", "label": "职务"},
        {"key": "contact_phone", "label": "联系电话", "type": "phone"},
        {"key": "profile", "label": "企业简介", "type": "long_text"},
        {"key": "network_rate", "label": "装备联网率", "type": "percent", "unit": "%"},
    ],
})


def _read(doc):
    return read_form_fields(doc, PROG)


def test_bare_label_line_with_its_value_on_the_next_line() -> None:
    doc = document(pages=[text_page(["企业全称", "甲智能装备有限公司", "法定代表人", "张三"])])
    obs = _read(doc)
    assert best_observation(obs, "company_name").value == "甲智能装备有限公司"
    assert best_observation(obs, "legal_rep").value == "张三"


def test_a_cell_holding_label_then_value_on_the_next_line() -> None:
    doc = document(tables=[table([["企业全称\n泰安岱宗纺织有限公司", "法定代表人\n李四"]])])
    obs = _read(doc)
    name = best_observation(obs, "company_name")
    assert name.value == "泰安岱宗纺织有限公司" and name.via == "table"
    assert best_observation(obs, "legal_rep").value == "李四"


def test_a_cell_holding_label_colon_value() -> None:
    doc = document(tables=[table([["企业名称：乙科技有限公司", "法定代表人：王五"]])])
    obs = _read(doc)
    assert best_observation(obs, "company_name").value == "乙科技有限公司"
    assert best_observation(obs, "legal_rep").value == "王五"


def test_a_header_row_of_labels_with_values_in_the_row_below() -> None:
    doc = document(tables=[table([["企业全称", "统一社会信用代码", "法定代表人"],
                                  ["丙机械有限公司", "91370100MA3C8X2B4K", "赵六"]])])
    obs = _read(doc)
    assert best_observation(obs, "company_name").value == "丙机械有限公司"
    assert best_observation(obs, "uscc").value == "91370100MA3C8X2B4K"
    assert best_observation(obs, "legal_rep").value == "赵六"


def test_an_option_written_as_a_word() -> None:
    obs = _read(document(pages=[text_page(["申报等级：先进级"])]))
    assert best_observation(obs, "level").options == ["先进级"]
    obs = _read(document(tables=[table([["申报等级", "先进级"]])]))
    assert best_observation(obs, "level").options == ["先进级"]


def test_an_option_whose_ticked_glyph_was_lost() -> None:
    text = "国有□ 民营 合资□ 外资□"
    boxes = checkboxes_in_text(text)
    assert unboxed_options(text, boxes, ["国有", "民营", "合资", "外资"]) == ["民营"]
    obs = best_observation(_read(document(tables=[table([["企业类型", text]])])), "company_type")
    assert obs.options == ["民营"] and obs.extra["ticked_inferred"] is True


def test_unboxed_options_do_not_guess() -> None:
    opts = ["国有", "民营", "合资", "外资"]
    # A ticked box: nothing inferred.
    text = "国有☑ 民营 合资□ 外资□"
    assert unboxed_options(text, checkboxes_in_text(text), opts) == []
    # Two options without boxes: ambiguous.
    text = "国有□ 民营 合资 外资□"
    assert unboxed_options(text, checkboxes_in_text(text), opts) == []
    # Boxes on both sides of labels: no single convention.
    text = "□国有 民营 合资□ 外资□"
    assert unboxed_options(text, checkboxes_in_text(text), opts) == []


def test_contact_group_line_of_label_value_segments() -> None:
    doc = document(pages=[text_page(["（四）企业联系人：姓名 曲婷婷；职务 总经理助理；联系电话 0535-6612345"])])
    obs = _read(doc)
    assert best_observation(obs, "contact_name").value == "曲婷婷"
    assert best_observation(obs, "contact_title").value == "总经理助理"
    assert best_observation(obs, "contact_phone").value == "0535-6612345"


def test_a_heading_naming_a_long_text_field_takes_the_text_under_it() -> None:
    blocks = [Block(text="（二）企业简介", kind="heading"),
              Block(text="本公司成立于2010年，专注高端数控机床。"),
              Block(text="主营产品包括五轴加工中心。"),
              Block(text="（三）建设内容", kind="heading"), Block(text="别的内容。")]
    obs = _read(document(pages=[Page(number=1, blocks=blocks)]))
    profile = best_observation(obs, "profile")
    assert profile.value == "本公司成立于2010年，专注高端数控机床。\n主营产品包括五轴加工中心。"


def test_a_sentence_does_not_override_an_empty_labelled_box() -> None:
    doc = document("申报书.docx", kind=DocumentKind.declaration,
                   tables=[table([["企业全称", "甲公司"], ["装备联网率", ""]])],
                   pages=[text_page(["截至2023年底，企业装备联网率达76.5%。"])])
    obs = [o for o in _read(doc) if o.key == "network_rate"]
    # The box's (empty) reading comes first, the sentence's after it.
    assert [o.via for o in obs] == ["table", "prose"]
    assert obs[0].is_empty and obs[1].normalized == 76.5
    # And the required-field check reports the box as 未填写 despite the sentence.
    prog = PROG.model_copy(deep=True)
    for f in prog.fields:
        f.required = f.key in ("company_name", "network_rate")
    ctx = CheckContext(programme=prog, as_of=date(2024, 1, 1), documents=[doc],
                       observations=_read(doc))
    missing = [f for f in check_required_fields(ctx) if f.code == FindingCode.MISSING_FIELD]
    assert [(f.field, f.actual) for f in missing] == [("network_rate", "未填写")]


def test_a_sentence_states_a_figure_when_no_box_does() -> None:
    obs = _read(document(pages=[text_page(["截至2023年底，企业装备联网率达76.5%。"])]))
    rate = best_observation(obs, "network_rate")
    assert rate is not None and rate.via == "prose" and rate.normalized == 76.5
