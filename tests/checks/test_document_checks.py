from checks.attachments import check_attachments, check_declaration_present
from checks.consistency import check_equals
from checks.date_coverage import check_covers_recent_months, check_covers_years
from checks.eligibility import check_region
from checks.expiry import check_not_expired
from checks.identifiers import check_identifier
from checks.ocr_quality import check_ocr_confidence
from checks.unreadable import check_unreadable
from models import DocumentKind, FindingCode, Location, Severity
from models.readings import InsuranceFacts, StatementFacts
from tests.builders import document, ocr_page
from tests.checks.helpers import ctx, obs, rule

WAN = lambda v: {"amount_wan": v, "currency": "CNY"}  # noqa: E731


def test_capital_mismatch_between_declaration_and_licence() -> None:
    r = rule("equals", field="registered_capital")
    c = ctx([obs("registered_capital", "3000", normalized=WAN(3000.0)),
             obs("registered_capital", "伍仟万元整", "business_license", normalized=WAN(5000.0))])
    [f] = check_equals(r, c)
    assert f.code == FindingCode.INCONSISTENT_VALUE and "3000" in f.message and "5000" in f.message
    assert {loc.path for loc in f.locations} == {"declaration.pdf", "business_license.pdf"}


def test_capital_in_other_currency_is_not_compared() -> None:
    r = rule("equals", field="registered_capital")
    c = ctx([obs("registered_capital", "3000", normalized=WAN(3000.0)),
             obs("registered_capital", "500万美元", "business_license",
                 normalized={"amount_wan": 500.0, "currency": "USD"})])
    assert check_equals(r, c) == []


def test_names_compared_after_bracket_and_space_normalisation() -> None:
    r = rule("equals", field="company_name")
    same = ctx([obs("company_name", "山东鲁源（济南）智能装备有限公司"),
                obs("company_name", "山东鲁源(济南) 智能装备有限公司", "business_license")])
    assert check_equals(r, same) == []
    diff = ctx([obs("company_name", "山东鲁原智能装备有限公司"),
                obs("company_name", "山东鲁源智能装备有限公司", "business_license")])
    assert len(check_equals(r, diff)) == 1


def test_revenue_within_one_percent_agrees() -> None:
    r = rule("equals", field="revenue_last_year")
    ok = ctx([obs("revenue_last_year", "23456.78", normalized=WAN(23456.78)),
              obs("revenue_last_year", "23456.78", "financial_statement", normalized=WAN(23456.78))])
    assert check_equals(r, ok) == []
    bad = ctx([obs("revenue_last_year", "23456.78", normalized=WAN(23456.78)),
               obs("revenue_last_year", "19876.54", "financial_statement", normalized=WAN(19876.54))])
    assert len(check_equals(r, bad)) == 1


def test_bad_check_digit_identical_on_both_is_a_warning() -> None:
    # A programme whose form asks for the code makes a bad check character an error.
    r = rule("identifier", field="uscc").model_copy(update={"severity": "error"})
    bad = "91110000600037341K"
    [f] = check_identifier(r, ctx([obs("uscc", bad), obs("uscc", bad, "business_license")]))
    assert f.severity == Severity.warning and "一致" in f.message
    [f] = check_identifier(r, ctx([obs("uscc", bad)]))
    assert f.severity == Severity.error
    assert check_identifier(r, ctx([obs("uscc", "91110000600037341L")])) == []


def test_expired_term() -> None:
    r = rule("not_expired")
    [f] = check_not_expired(r, ctx([obs("business_term_end", "至2022年02月28日", "business_license",
                                        normalized="2022-02-28")]))
    assert f.code == FindingCode.DOCUMENT_EXPIRED and "2022年02月28日" in f.message
    assert check_not_expired(r, ctx([obs("business_term_end", "长期", "business_license",
                                         normalized="长期")])) == []


def _doc(kind, path):
    return document(path, kind=kind)


def test_statement_years() -> None:
    r = rule("covers_years")
    docs = [_doc(DocumentKind.financial_statement, "a.pdf"), _doc(DocumentKind.financial_statement, "b.pdf")]
    facts = [StatementFacts(2019, 1.0, "元", "利润表", Location(path="a.pdf", page=1)),
             StatementFacts(2020, 1.0, "元", "利润表", Location(path="b.pdf", page=1))]
    [f] = check_covers_years(r, ctx(docs=docs, statements=facts))
    assert f.code == FindingCode.DATE_OUT_OF_RANGE and "缺少 2021" in f.message
    facts[0].year = 2021
    assert check_covers_years(r, ctx(docs=docs, statements=facts)) == []


def test_recent_months_window() -> None:
    r = rule("covers_recent_months")
    docs = [_doc(DocumentKind.social_insurance, "s.pdf")]
    good = [InsuranceFacts([(2022, 9), (2022, 10), (2022, 11)], Location(path="s.pdf"))]
    assert check_covers_recent_months(r, ctx(docs=docs, insurance=good)) == []
    old = [InsuranceFacts([(2022, 3), (2022, 4), (2022, 5)], Location(path="s.pdf"))]
    [f] = check_covers_recent_months(r, ctx(docs=docs, insurance=old))
    assert "2022年09月—2022年11月" in f.message


def test_region_by_code_and_address() -> None:
    r = rule("region")
    [f] = check_region(r, ctx([obs("uscc", "91330100MA27XYZ12X", "business_license"),
                               obs("address", "浙江省杭州市西湖区文三路1号", "business_license")]))
    assert f.code == FindingCode.ELIGIBILITY_FAILED and "浙江" in f.message and "330100" in f.message
    assert check_region(r, ctx([obs("uscc", "91370100MA3C8X2B4K", "business_license"),
                                obs("address", "济南市历下区经十路1号", "business_license")])) == []


def test_missing_attachments_and_declaration() -> None:
    docs = [_doc(DocumentKind.declaration, "d.docx"), _doc(DocumentKind.business_license, "l.jpg")]
    missing = {f.requirement for f in check_attachments(ctx(docs=docs))}
    assert missing == {"attachment_2", "attachment_3", "attachment_5"}  # 4 and 6 are optional
    [f] = check_declaration_present(ctx(docs=[_doc(DocumentKind.business_license, "l.jpg")]))
    assert f.code == FindingCode.MISSING_ATTACHMENT and f.requirement == "declaration"


def test_unreadable_and_low_ocr() -> None:
    docs = [document("bad.pdf", error="PDF 已加密，无法读取"),
            document("scan.jpg", pages=[ocr_page([("模糊", (0, 0, 10, 10))], confidence=0.55)])]
    c = ctx(docs=docs)
    [u] = check_unreadable(c)
    assert u.code == FindingCode.UNREADABLE_FILE and u.locations[0].path == "bad.pdf"
    [o] = check_ocr_confidence(rule("ocr_confidence"), c)
    assert o.code == FindingCode.LOW_OCR_CONFIDENCE and o.locations[0].page == 1
