from matchers.fields.id_card import read_id_card
from tests.builders import document, ocr_page


def test_name_and_number_from_id_front() -> None:
    page = ocr_page([("姓名 张建国", (100, 100, 400, 140)), ("性别男 民族汉", (100, 160, 500, 200)),
                     ("公民身份号码 11010519491231002X", (100, 500, 900, 540))])
    got = {o.key: o for o in read_id_card(document("IMG_2.jpg", pages=[page]))}
    assert got["legal_rep_id_number"].normalized == "11010519491231002X"
    assert got["legal_representative"].value == "张建国" and got["legal_representative"].source == "id_card"
