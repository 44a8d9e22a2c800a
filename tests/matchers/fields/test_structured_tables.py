from criteria.schema import Programme
from matchers.fields.structured_tables import read_structured_tables
from models import DocumentKind
from models.readings import NOT_APPLICABLE
from tests.builders import document, table

PROG = Programme.model_validate({
    "id": "t", "title": "t", "year": 2024, "source": "test",
    "declaration": {"title_keywords": ["申报书"]},
    "fields": [{"key": "name", "label": "企业名称"}],
    "tables": [
        {"id": "equipment", "title": "设备清单", "kinds": ["equipment_list"], "columns": [
            {"key": "name", "labels": ["设备名称", "设备/系统名称"]},
            {"key": "price", "labels": ["单价(万元)", "单价"], "type": "money", "unit": "万元"},
            {"key": "qty", "labels": ["台套数", "数量"], "type": "number"},
            {"key": "networked", "labels": ["是否联网"], "type": "bool"}]},
        {"id": "self", "title": "自评表", "columns": [
            {"key": "item", "labels": ["二级指标"]}, {"key": "level", "labels": ["等级"], "type": "level"},
            {"key": "score", "labels": ["自评分"], "type": "number"}]},
    ],
})


def test_equipment_rows_typed_and_total_row_skipped() -> None:
    t = table([["设备清单", "", "", "", ""],
               ["序号", "设备/系统名称", "单价（万元）", "台套数", "是否联网"],
               ["1", "数控车床", "35.5", "4", "是"],
               ["2", "AGV", "12", "2", "×"],
               ["3", "MES系统", "80", "1", "Y"],
               ["合计", "", "", "7", ""]])
    doc = document("设备.xlsx", tables=[t], kind=DocumentKind.equipment_list)
    rows = read_structured_tables([doc], PROG)["equipment"].rows
    assert [r.values for r in rows] == [
        {"name": "数控车床", "price": 35.5, "qty": 4.0, "networked": True},
        {"name": "AGV", "price": 12.0, "qty": 2.0, "networked": False},
        {"name": "MES系统", "price": 80.0, "qty": 1.0, "networked": True}]
    assert rows[0].location.path == "设备.xlsx"


def test_level_column_and_not_applicable() -> None:
    t = table([["序号", "二级指标", "等级", "符合程度", "自评分"],
               ["1", "研发设计", "4级", "比较符合", "50"], ["5", "营销服务", "不涉及此环节", "", ""],
               ["6", "供应链", "三", "基本符合", "41"]])
    rows = read_structured_tables([document(tables=[t], kind=DocumentKind.declaration)], PROG)["self"].rows
    assert [r.values["level"] for r in rows] == [4, NOT_APPLICABLE, 3]


def test_table_in_wrong_kind_of_document_is_ignored() -> None:
    t = table([["设备名称", "台套数"], ["车床", "1"]])
    assert read_structured_tables([document(tables=[t], kind=DocumentKind.contract)], PROG)["equipment"].rows == []


def test_table_cut_by_a_page_break_continues_on_the_next_page() -> None:
    """A Word table printed to PDF: its rows go on at the top of the next page without
    the header; they belong to the same declared table."""
    from criteria.loader import load_programme
    from matchers.fields.structured_tables import read_structured_tables
    from models import DocumentKind
    from tests.builders import document, table

    js = load_programme("js-smart-factory-2025")
    spec = next(s for s in js.tables if any("场景" in lab for c in s.columns for lab in c.labels))
    header = [c.labels[0] for c in spec.columns][:4]
    first = table([header, ["1", "研发设计", "产品数字化研发设计", "三维CAD"],
                   ["2", "研发设计", "工艺数字化设计", "CAPP"]], index=0, page=2)
    rest = table([["3", "生产作业", "产线柔性配置", "柔性产线"],
                  ["4", "生产管理", "生产计划优化", "APS"]], index=1, page=3)
    other = table([["附件", "说明"]], index=2, page=4)
    doc = document("申报书.pdf", tables=[first, rest, other], kind=DocumentKind.declaration)
    rows = read_structured_tables([doc], js)[spec.id].rows
    assert len(rows) == 4 and [r.location.page for r in rows] == [2, 2, 3, 3]


def test_table_goes_on_in_the_next_photo_of_the_declaration() -> None:
    """One image file per page: the scenario list runs from IMG_1000 into IMG_1001."""
    from criteria.loader import load_programme
    from matchers.fields.structured_tables import read_structured_tables
    from models import DocumentKind
    from tests.builders import document, table

    js = load_programme("js-smart-factory-2025")
    spec = next(s for s in js.tables if any("场景" in lab for c in s.columns for lab in c.labels))
    header = [c.labels[0] for c in spec.columns][:4]
    page1 = document("IMG_1000.jpg", kind=DocumentKind.declaration, tables=[table(
        [header, ["1", "研发设计", "产品数字化研发设计", "三维CAD"]])])
    page2 = document("IMG_1001.jpg", kind=DocumentKind.declaration, tables=[table(
        [["2", "生产作业", "产线柔性配置", "柔性产线"], ["3", "生产管理", "生产计划优化", "APS"]])])
    licence = document("IMG_0999.jpg", kind=DocumentKind.business_license, tables=[table(
        [["名称", "某公司"], ["类型", "有限责任公司"], ["住所", "某地"], ["法人", "张三"]])])
    for d in (page1, page2, licence):
        d.media_type = "image/jpeg"
    rows = read_structured_tables([licence, page1, page2], js)[spec.id].rows
    assert [r.location.path for r in rows] == ["IMG_1000.jpg", "IMG_1001.jpg", "IMG_1001.jpg"]
