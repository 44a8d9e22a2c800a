"""LabelIndex.colon_pairs: "label：value" wherever it stands in a line or a cell."""
from criteria.schema import FieldSpec
from matchers.fields.labels import LabelIndex

SPECS = [
    FieldSpec(key="name", label="企业名称", aliases=["申报单位"]),
    FieldSpec(key="legal_rep", label="法定代表人"),
    FieldSpec(key="capital", label="注册资本", unit="万元"),
    FieldSpec(key="founded", label="成立日期"),
    FieldSpec(key="maturity", label="成熟度自评价等级"),
    FieldSpec(key="invest", label="企业改造拟投入的资金总额(万元)", unit="万元"),
]


def _pairs(text: str) -> dict[str, str]:
    return {m.spec.key: value for m, value, _ in LabelIndex(SPECS).colon_pairs(text)}


def test_several_pairs_on_one_line_each_run_to_the_next_label() -> None:
    got = _pairs("企业名称：甲智能装备有限公司    法定代表人：张三")
    assert got == {"name": "甲智能装备有限公司", "legal_rep": "张三"}
    got = _pairs("注册资本：5000万元；成立日期：2015-06-01")
    assert got == {"capital": "5000万元", "founded": "2015-06-01"}


def test_offsets_point_at_each_label() -> None:
    text = "企业名称：甲公司 法定代表人：张三"
    offs = {m.spec.key: off for m, _, off in LabelIndex(SPECS).colon_pairs(text)}
    assert text[offs["name"]:].startswith("企业名称")
    assert text[offs["legal_rep"]:].startswith("法定代表人")


def test_letter_spaced_label_matches() -> None:
    got = _pairs("申  报  单  位：乙科技股份有限公司")
    assert got == {"name": "乙科技股份有限公司"}


def test_value_is_cut_at_an_unknown_label_after_a_gap() -> None:
    got = _pairs("企业名称：甲智能装备有限公司    推荐单位：济南市工业和信息化局")
    assert got == {"name": "甲智能装备有限公司"}


def test_a_bracketed_note_between_label_and_colon() -> None:
    got = _pairs("成熟度自评价等级（GB/T39116-2020）：二级")
    assert got == {"maturity": "二级"}


def test_label_without_its_unit_suffix_is_the_same_field() -> None:
    got = _pairs("企业改造拟投入的资金总额：1200")
    assert got == {"invest": "1200"}
    m = LabelIndex(SPECS).match("企业改造拟投入的资金总额")
    assert m is not None and m.spec.key == "invest"


def test_a_label_inside_a_word_is_not_a_pair() -> None:
    # "名称" would not be a label here; 企业名称 glued after other characters is not one either.
    assert _pairs("本公司企业名称变更于2019年") == {}
