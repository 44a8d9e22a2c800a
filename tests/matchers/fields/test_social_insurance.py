from matchers.fields.social_insurance import covered_months


def test_months_listed_and_issue_date_ignored() -> None:
    text = "缴费月份 2022年09月 2022年10月 2022年11月\n开具日期：2022年12月15日"
    assert covered_months(text) == [(2022, 9), (2022, 10), (2022, 11)]


def test_month_range_expands() -> None:
    assert covered_months("参保缴费期间：2022年08月至2022年11月") == [
        (2022, 8), (2022, 9), (2022, 10), (2022, 11)]


def test_dash_forms() -> None:
    assert covered_months("2022-10 2022-11") == [(2022, 10), (2022, 11)]
