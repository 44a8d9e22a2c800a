"""Comparative 利润表 (2021年度 | 2020年度) and letter-spaced titles."""
from matchers.fields.financial_statement import read_statements, statement_type, statement_years
from tests.builders import document, table, text_page


def _comparative(title: str = "利润表") -> object:
    t = table([["项目", "行次", "2021年度", "2020年度"],
               ["一、营业收入", "1", "56,780,000.00", "43,210,000.00"],
               ["减：营业成本", "2", "40,000,000.00", "30,000,000.00"]])
    return document("附件2.pdf", pages=[text_page([title, "编制单位：甲公司", "单位：元"])],
                    tables=[t])


def test_a_comparative_statement_gives_a_fact_for_each_year_with_its_revenue() -> None:
    facts = read_statements(_comparative())
    by_year = {f.year: f.revenue_wan for f in facts}
    assert set(by_year) == {2021, 2020}
    assert abs(by_year[2021] - 5678.0) < 1e-6
    assert abs(by_year[2020] - 4321.0) < 1e-6
    assert all(f.statement_type == "利润表" for f in facts)
    assert facts[0].year == 2021  # the year it leads with first


def test_a_letter_spaced_title_is_the_statement() -> None:
    assert statement_type("利 润 表") == "利润表"
    assert statement_type("资 产 负 债 表") == "资产负债表"
    facts = read_statements(_comparative("利  润  表"))
    assert {f.year for f in facts} == {2020, 2021}


def test_statement_years_lead_with_the_first_stated() -> None:
    assert statement_years("2021年度 2020年度") == [2021, 2020]
    assert statement_years("本期 2022年1-12月 上期 2021年1-12月")[:2] == [2022, 2021]
