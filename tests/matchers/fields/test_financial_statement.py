from matchers.fields.financial_statement import read_statements, statement_year
from tests.builders import document, table, text_page


def test_revenue_from_current_column_in_yuan() -> None:
    t = table([["项目", "行次", "本期金额", "上期金额"],
               ["一、营业收入", "1", "234,567,800.00", "201,000,000.00"],
               ["减：营业成本", "2", "180,000,000.00", "150,000,000.00"]])
    doc = document("附件2.pdf", pages=[text_page(["利润表", "编制单位：山东鲁源智能装备有限公司",
                                                 "2021年度", "单位：元"])], tables=[t])
    [facts] = read_statements(doc)
    assert facts.year == 2021 and facts.statement_type == "利润表"
    assert abs(facts.revenue_wan - 23456.78) < 1e-6


def test_unit_wan_and_row_label_variants() -> None:
    t = table([["项目", "本年累计金额", "上年金额"], ["营业总收入", "8,800.50", "7,000"]])
    doc = document(pages=[text_page(["利润表", "2020年12月31日", "单位：万元"])], tables=[t])
    assert read_statements(doc)[0].revenue_wan == 8800.5


def test_year_forms() -> None:
    assert statement_year("2021年1-12月") == 2021
    assert statement_year("编制日期 2020-12-31") == 2020
    assert statement_year("无日期") is None


def test_balance_sheet_has_no_revenue() -> None:
    doc = document(pages=[text_page(["资产负债表", "2021年12月31日", "资产总计 100"])])
    [facts] = read_statements(doc)
    assert facts.statement_type == "资产负债表" and facts.revenue_wan is None


def test_year_in_the_preamble_row_heads_no_column() -> None:
    """编制单位 row carries "2021年度" over the 行次 column: revenue is 本期金额, not 行次 1."""
    t = table([["利润表", "利润表", "利润表", "利润表"],
               ["编制单位：烟台海川汽车零部件有限公司", "2021年度", "", "单位：元"],
               ["项目", "行次", "本期金额", "上期金额"],
               ["一、营业收入", "1", "246180000", "206701400"],
               ["减：营业成本", "2", "182111998.87", "155288160.32"]])
    d = document("2021年财务报表.xlsx", pages=[text_page(["利润表"])], tables=[t])
    [fact] = read_statements(d)
    assert fact.year == 2021 and fact.revenue_wan == 24618.0, fact
