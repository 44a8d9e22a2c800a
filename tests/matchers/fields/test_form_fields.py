from criteria.loader import load_programme
from matchers.fields.form_fields import best_observation, read_form_fields
from models import Checkbox
from tests.builders import document, table, text_page

PROG = load_programme("sd-chenxing-2022")


def _form(rows, spans=None, checkboxes=None, pages=None):
    return document("申报书.docx", tables=[table(rows, spans=spans)], checkboxes=checkboxes,
                    pages=pages)


def test_label_left_of_value_and_pairs_on_one_row() -> None:
    doc = _form([
        ["企业基本信息", "企业全称", "山东鲁源智能装备有限公司", "山东鲁源智能装备有限公司", "山东鲁源智能装备有限公司"],
        ["企业基本信息", "注册日期", "2015年06月01日", "注册资金(万元)", "5000"],
    ], spans={(0, 0): (2, 1), (0, 2): (1, 3)})
    obs = read_form_fields(doc, PROG)
    name = best_observation(obs, "company_name")
    assert name.value == "山东鲁源智能装备有限公司" and name.via == "table"
    assert best_observation(obs, "establishment_date").normalized == "2015-06-01"
    cap = best_observation(obs, "registered_capital")
    assert cap.normalized == {"amount_wan": 5000.0, "currency": "CNY"}


def test_empty_value_followed_by_another_label_is_blank() -> None:
    doc = _form([["注册日期", "", "注册资金(万元)", "5000"]])
    obs = read_form_fields(doc, PROG)
    assert best_observation(obs, "establishment_date").is_empty
    assert not best_observation(obs, "registered_capital").is_empty


def test_label_above_value_when_label_ends_the_row() -> None:
    doc = _form([["企业简介"], ["本公司专注高端数控机床研发制造。"]])
    assert best_observation(read_form_fields(doc, PROG), "company_profile").value.startswith("本公司")


def test_instruction_hint_left_in_box_counts_as_empty() -> None:
    hint = "(包括但不限于以下内容：企业主营业务，主营产品，所从 事细分领域及从业时间，企业在细分领域的地位，企业经营 战略等；不超过 500 字)"
    doc = _form([["企业简介", hint]])
    assert best_observation(read_form_fields(doc, PROG), "company_profile").is_empty


def test_options_from_marks_in_cell_text() -> None:
    doc = _form([["企业规模", "□大型    ☑中型     □小型"], ["企业类型", "☑国有 □民营 ☑合资 □外资"]])
    obs = read_form_fields(doc, PROG)
    assert best_observation(obs, "company_size").options == ["中型"]
    assert best_observation(obs, "company_type").options == ["国有", "合资"]


def test_options_from_image_checkboxes_inside_value_cell() -> None:
    t = table([["企业规模", "大型 中型 小型"]])
    t.cells[0].bbox = (0, 0, 100, 40)
    t.cells[1].bbox = (100, 0, 500, 40)
    boxes = [Checkbox(label="大型", checked=False, bbox=(110, 10, 125, 25), source="image"),
             Checkbox(label="中型", checked=True, bbox=(210, 10, 225, 25), source="image"),
             Checkbox(label="小型", checked=False, bbox=(310, 10, 325, 25), source="image"),
             # Outside the cell: belongs to another row.
             Checkbox(label="大型", checked=True, bbox=(110, 60, 125, 75), source="image")]
    doc = document("scan.pdf", tables=[t], checkboxes=boxes)
    assert best_observation(read_form_fields(doc, PROG), "company_size").options == ["中型"]


def test_table_reading_outranks_cover_line() -> None:
    doc = _form([["企业全称", ""]], pages=[text_page(["申报单位（盖章）：山东鲁源智能装备有限公司",
                                                  "统一社会信用代码：91370100MA3C8X2B4K"])])
    obs = read_form_fields(doc, PROG)
    assert best_observation(obs, "company_name").is_empty
    uscc = best_observation(obs, "uscc")
    assert uscc.value == "91370100MA3C8X2B4K" and uscc.via == "text"


def test_cover_annotation_is_stripped() -> None:
    doc = document("d.docx", pages=[text_page(["法定代表人：张建国（签名）"])])
    assert best_observation(read_form_fields(doc, PROG), "legal_representative").value == "张建国"


def test_scanned_page_without_ruled_table_pairs_lines_on_a_row() -> None:
    from tests.builders import ocr_page
    page = ocr_page([("企业全称", (100, 100, 260, 140)), ("山东鲁源智能装备有限公司", (400, 100, 900, 140)),
                     ("注册日期", (100, 200, 260, 240)), ("2015年06月01日", (400, 200, 700, 240)),
                     ("注册资金(万元)", (800, 200, 1050, 240)), ("5000", (1100, 200, 1200, 240)),
                     ("企业规模", (100, 300, 260, 340)), ("大型", (440, 300, 520, 340)),
                     ("中型", (640, 300, 720, 340)), ("小型", (840, 300, 920, 340))])
    boxes = [Checkbox(label="大型", checked=False, bbox=(400, 305, 430, 335), source="image"),
             Checkbox(label="中型", checked=True, bbox=(600, 305, 630, 335), source="image"),
             Checkbox(label="小型", checked=False, bbox=(800, 305, 830, 335), source="image")]
    doc = document("scan.pdf", pages=[page], checkboxes=boxes)
    obs = read_form_fields(doc, PROG)
    assert best_observation(obs, "company_name").value == "山东鲁源智能装备有限公司"
    assert best_observation(obs, "establishment_date").normalized == "2015-06-01"
    assert best_observation(obs, "registered_capital").normalized["amount_wan"] == 5000.0
    assert best_observation(obs, "company_size").options == ["中型"]


def test_level_written_in_chinese_numerals() -> None:
    from criteria.schema import FieldSpec
    from matchers.fields.field_values import normalize_value
    spec = FieldSpec(key="maturity", label="智能制造能力成熟度", type="number")
    assert [normalize_value(spec, t) for t in ("三级", "3级", "成熟度四级", "未评估")] == [3.0, 3.0, 4.0, None]


def test_label_cell_with_a_long_bracketed_instruction_still_pairs_with_its_value() -> None:
    hint = ("（包括但不限于以下内容：企业主营业务，主营产品，所从事细分领域及从业时间，"
            "企业在细分领域的地位，企业经营战略等；不超过500字）")
    profile = "泰安鲁岳医药有限公司成立于2003年，是一家专业从事化学药品固体制剂研发的企业。"
    t = table([["企业简介\n" + hint, "企业简介\n" + hint, profile, profile, profile]],
              spans={(0, 0): (1, 2), (0, 2): (1, 3)})
    obs = [o for o in read_form_fields(document("申报书.docx", tables=[t]), PROG)
           if o.key == "company_profile"]
    assert obs and obs[0].value == profile
