"""Figures stated in sentences (matchers.fields.stated_figures)."""
from criteria.schema import FieldSpec, Programme
from matchers.fields.stated_figures import read_stated_figures, stated_figures
from tests.builders import document, text_page

RATE = FieldSpec(key="network_rate", label="装备联网率", type="percent", unit="%")
INVEST = FieldSpec(key="invest", label="智能制造软硬件累计投入(万元)", type="money", unit="万元")
STAFF = FieldSpec(key="staff", label="工厂级员工总人数", type="number", unit="人")
MATURITY = FieldSpec(key="maturity_score", label="成熟度评估得分", type="number")

PROG = Programme.model_validate({
    "id": "t", "title": "t", "year": 2024, "source": "test",
    "declaration": {"title_keywords": ["申报书"]},
    "fields": [RATE.model_dump(), INVEST.model_dump(), STAFF.model_dump(),
               {"key": "name", "label": "企业名称"}],
})


def _figures(text: str, spec: FieldSpec) -> list[str]:
    return [f for f, _s, _e in stated_figures(text, spec)]


def test_the_figure_arrived_at_is_the_one_stated() -> None:
    assert _figures("装备联网率由2020年的45%提升至76.5%。", RATE) == ["76.5%"]
    obs = read_stated_figures(document(pages=[text_page(["装备联网率由2020年的45%提升至76.5%。"])]),
                              PROG)
    rate = [o for o in obs if o.key == "network_rate"]
    assert len(rate) == 1 and rate[0].normalized == 76.5 and rate[0].via == "prose"


def test_a_money_field_needs_a_money_unit() -> None:
    assert _figures("智能制造软硬件累计投入8,215.6万元。", INVEST) == ["8,215.6万元"]
    assert _figures("智能制造软硬件累计投入设备326台，覆盖12条产线。", INVEST) == []
    assert _figures("智能制造软硬件累计投入占比达12%。", INVEST) == []


def test_a_standard_number_is_not_a_figure() -> None:
    assert _figures("成熟度评估得分依据GB/T39116-2020标准。", MATURITY) == []
    assert _figures("成熟度评估得分依据GB/T39116标准为3.2分。", MATURITY) == ["3.2"]


def test_a_year_is_not_a_count() -> None:
    assert _figures("工厂级员工总人数2023年为1260人。", STAFF) == ["1260人"]


def test_every_distinct_statement_is_kept_with_its_year() -> None:
    doc = document(pages=[text_page([
        "截至2022年底，企业装备联网率达70%。",
        "截至2023年底，企业装备联网率达76.5%。",
        "如前所述，装备联网率达76.5%。",  # the same figure again: not a new statement
    ])])
    rate = [o for o in read_stated_figures(doc, PROG) if o.key == "network_rate"]
    assert [o.value for o in rate] == ["70%", "76.5%"]
    assert [o.extra.get("year") for o in rate] == [2022, 2023]
    assert rate[1].extra["statement"].startswith("装备联网率达76.5%")


def test_only_figure_typed_fields_are_read_from_sentences() -> None:
    doc = document(pages=[text_page(["企业名称为甲公司，装备联网率达80%。"])])
    assert {o.key for o in read_stated_figures(doc, PROG)} == {"network_rate"}
