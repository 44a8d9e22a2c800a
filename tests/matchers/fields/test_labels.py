from criteria.loader import load_programme
from matchers.fields.labels import LabelIndex, normalize_label


def _index() -> LabelIndex:
    return LabelIndex(load_programme("sd-chenxing-2022").fields)


def test_capital_label_variants_land_on_registered_capital() -> None:
    idx = _index()
    for printed in ("注册资金(万元)", "注册资本（万元）", "注册资金\n(万元)", "注册资金 ( 万元 ) ："):
        m = idx.match(printed)
        assert m is not None and m.spec.key == "registered_capital", printed


def test_instruction_text_is_not_part_of_label() -> None:
    assert normalize_label("企业简介\n(包括但不限于以下内容：企业主营业务，主营产品)") == "企业简介"


def test_short_labels_need_exact_match() -> None:
    idx = _index()
    assert idx.match("姓名").spec.key == "contact_name"
    assert idx.match("姓名称") is None


def test_ocr_slip_still_matches_long_label() -> None:
    m = _index().match("是否部署态势感知系銃")  # one character misread
    assert m is not None and m.spec.key == "has_situational_awareness" and m.score < 100


def test_unrelated_text_is_not_a_label() -> None:
    assert _index().match("山东鲁源智能装备有限公司") is None


def test_prefix_match_splits_cover_line() -> None:
    m, rest = _index().match_prefix("统一社会信用代码：91370100MA3C8X2B4K")
    assert m.spec.key == "uscc" and rest == "91370100MA3C8X2B4K"
