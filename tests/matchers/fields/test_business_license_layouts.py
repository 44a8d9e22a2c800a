"""Licence layouts beyond the printed two-column grid: letter-spaced labels with the value
on the next line, branch licences, a term whose end date wrapped into the other column."""
from matchers.fields.business_license import read_business_licence
from tests.builders import document, ocr_page


def _fields(*lines):
    return {o.key: o for o in read_business_licence(document("执照.pdf", pages=[ocr_page(list(lines))]))}


def test_letter_spaced_labels_with_the_value_on_the_next_line() -> None:
    f = _fields(
        ("名 称", (100, 100, 200, 130)),
        ("甲智能装备有限公司", (100, 135, 500, 165)),
        ("类 型", (100, 200, 200, 230)),
        ("有限责任公司(自然人投资或控股)", (100, 235, 600, 265)),
        ("法 定 代 表 人", (100, 300, 300, 330)),
        ("张建国", (100, 335, 200, 365)),
    )
    assert f["company_name"].value == "甲智能装备有限公司"
    assert f["company_name"].label == "名称"
    assert f["licence_company_type"].value == "有限责任公司(自然人投资或控股)"
    assert f["legal_representative"].value == "张建国"


def test_a_distant_line_is_not_the_value_of_a_bare_label() -> None:
    f = _fields(("名 称", (100, 100, 200, 130)), ("2023年05月06日", (100, 400, 400, 430)))
    assert "company_name" not in f


def test_branch_licence_responsible_person_and_business_premises() -> None:
    f = _fields(
        ("营业执照", (800, 20, 1200, 80)),
        ("名称", (100, 100, 180, 140)), ("甲智能装备有限公司济南分公司", (260, 100, 800, 140)),
        ("负责人", (100, 180, 220, 220)), ("李明", (260, 180, 400, 220)),
        ("营业场所", (100, 260, 240, 300)), ("山东省济南市历城区工业北路8号", (260, 260, 900, 300)),
    )
    assert f["legal_representative"].value == "李明"
    assert f["legal_representative"].label == "负责人"
    assert f["address"].value == "山东省济南市历城区工业北路8号"
    assert f["company_name"].value.endswith("分公司")


def test_term_end_date_on_the_next_row_in_the_other_column() -> None:
    f = _fields(
        ("名称", (100, 100, 180, 140)), ("甲智能装备有限公司", (260, 100, 800, 140)),
        ("营业期限", (1000, 100, 1150, 140)), ("2015年06月01日至", (1200, 100, 1500, 140)),
        ("住所", (100, 150, 180, 190)), ("山东省济南市历下区经十路1号", (260, 150, 800, 190)),
        ("2045年05月31日", (1200, 150, 1500, 190)),
    )
    term = f["business_term_end"]
    assert term.normalized == "2045-05-31"
    assert term.extra["term_start"] == "2015-06-01"
    assert f["address"].value == "山东省济南市历下区经十路1号"


def test_term_end_date_alone_on_the_next_row() -> None:
    f = _fields(
        ("营业期限", (1000, 100, 1150, 140)), ("2015年06月01日至", (1200, 100, 1500, 140)),
        ("2045年05月31日", (1200, 150, 1500, 190)),
    )
    assert f["business_term_end"].normalized == "2045-05-31"
