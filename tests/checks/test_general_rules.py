"""Rules added for dossiers written independently (issue 9): 合计 rows, cited files,
branch licences, header units, one figure written twice, seals and signatures."""
from __future__ import annotations

from datetime import date

from checks.context import CheckContext
from checks.declaration_agreement import check_declaration_agrees
from checks.evidence import check_seal, check_signature
from checks.excludes import check_excludes
from checks.referenced_files import check_referenced_files, cited_files
from checks.table_totals import check_table_totals
from checks.table_units import check_table_units
from criteria.loader import load_programme
from criteria.schema import (ExcludesRule, ReferencedFilesRule, SealRule, SignatureRule,
                             TableTotalsRule)
from matchers.fields.structured_tables import read_structured_tables
from models import Block, DocumentKind, FindingCode, Mark, Page, Severity
from tests.builders import document, table, text_page
from tests.checks.helpers import PROG, ctx, obs

ZJ = load_programme("zj-future-factory")


# ----- table totals --------------------------------------------------------------------------

TOTALS = TableTotalsRule(kind="table_totals", id="totals", kinds=["contract", "declaration"])


def _totals(rows, kind=DocumentKind.contract):
    doc = document("合同汇总表.pdf", tables=[table(rows)], kind=kind)
    return check_table_totals(TOTALS, ctx(docs=[doc]))


def test_a_total_row_that_does_not_add_up() -> None:
    [f] = _totals([["序号", "合同名称", "合同金额(万元)"],
                   ["1", "甲合同", "120.5"], ["2", "乙合同", "80"], ["3", "丙合同", "99.5"],
                   ["合计", "", "310"]])
    assert f.code == FindingCode.CALCULATION_MISMATCH and f.severity == Severity.warning
    assert f.expected == "300" and f.actual == "310" and f.requirement == "totals"
    assert "合同金额" in f.message


def test_a_total_that_adds_up_is_no_finding() -> None:
    assert _totals([["序号", "合同名称", "合同金额(万元)", "数量"],
                    ["1", "甲合同", "120.5", "2"], ["2", "乙合同", "80", "3"],
                    ["合 计", "", "200.5", "5"]]) == []


def test_tables_with_subtotals_are_skipped() -> None:
    assert _totals([["序号", "合同名称", "合同金额(万元)"],
                    ["1", "甲合同", "100"], ["2", "乙合同", "80"], ["小计", "", "180"],
                    ["3", "丙合同", "50"], ["合计", "", "230"]]) == []


def test_totals_only_in_documents_of_the_rules_kinds() -> None:
    assert _totals([["名称", "金额"], ["甲", "1"], ["乙", "2"], ["合计", "9"]],
                   kind=DocumentKind.financial_statement) == []


# ----- cited files ---------------------------------------------------------------------------

CITED = ReferencedFilesRule(kind="referenced_files", id="cited", severity="warning")


def _cited(*paths: str, cite: str = "APS排产界面截图，见截图/3-2-1APS排产界面.png。"):
    decl = document("举证材料.docx", kind=DocumentKind.declaration, pages=[text_page([cite])])
    others = [document(p, kind=DocumentKind.screenshot) for p in paths]
    return check_referenced_files(CITED, ctx(docs=[decl, *others]))


def test_a_cited_picture_missing_from_the_dossier() -> None:
    [f] = _cited("截图/其他截图.png")
    assert f.code == FindingCode.MISSING_ATTACHMENT and f.severity == Severity.warning
    assert f.expected == "截图/3-2-1APS排产界面.png" and f.requirement == "cited"


def test_a_cited_picture_present_under_its_name_or_as_a_copy() -> None:
    assert _cited("截图/3-2-1APS排产界面.png") == []
    assert _cited("3-2-1APS排产界面(1).png") == []
    assert _cited("3-2-1 APS排产界面.PNG") == []


def test_a_short_cited_name_is_found_as_a_numbered_copy_but_not_as_another_file() -> None:
    assert _cited("截图/截图1(1).png", cite="系统界面：见截图1.png。") == []
    [f] = _cited("截图2.png", cite="系统界面：见截图1.png。")
    assert f.expected == "截图1.png"


def test_a_cited_name_with_a_space_matches_the_file_of_that_name() -> None:
    assert _cited("附件3-1 APS排产界面截图.png", cite="系统界面见附件3-1 APS排产界面截图.png。") == []


def test_cited_files_reads_names_with_their_lead_words_dropped() -> None:
    assert cited_files("详见截图1.png和截图2.jpg，另见报告.pdf") == ["截图1.png", "截图2.jpg"]


# ----- excludes ------------------------------------------------------------------------------

BRANCH = next(r for r in PROG.rules if isinstance(r, ExcludesRule))


def test_a_branch_licence_is_not_an_independent_legal_person() -> None:
    [f] = check_excludes(BRANCH, ctx([obs("licence_company_type", "有限责任公司分公司(自然人投资或控股)",
                                          source="business_license")]))
    assert f.code == FindingCode.ELIGIBILITY_FAILED and f.field == "licence_company_type"
    assert "分公司" in f.message


def test_a_company_licence_passes_excludes() -> None:
    assert check_excludes(BRANCH, ctx([obs("licence_company_type", "有限责任公司(自然人投资或控股)",
                                           source="business_license")])) == []


# ----- header units --------------------------------------------------------------------------

def _equipment(price_header: str):
    head = ["序号", "设备系统名称", "规格型号", "购置时间", price_header, "设备系统台套数", "是否联网"]
    doc = document("设备清单.xlsx", kind=DocumentKind.equipment_list, tables=[table([
        head, ["1", "五轴加工中心", "DMU50", "2022-03", "1250000", "2", "是"],
        ["2", "AGV小车", "AGV-1", "2022-05", "85000", "4", "否"]])])
    tables = read_structured_tables([doc], ZJ)
    return tables, CheckContext(programme=ZJ, as_of=date(2024, 1, 1), documents=[doc],
                                tables=tables)


def test_a_price_column_headed_in_yuan_is_converted_and_flagged() -> None:
    tables, c = _equipment("单价(元)")
    rows = tables["equipment_list"].rows
    assert [r.values["unit_price"] for r in rows] == [125.0, 8.5]
    [f] = check_table_units(c)
    assert f.code == FindingCode.INVALID_UNIT and f.severity == Severity.warning
    assert f.expected == "万元" and f.actual == "元" and f.field == "unit_price"


def test_a_price_column_in_the_prescribed_unit_is_not_flagged() -> None:
    tables, c = _equipment("设备系统单价（万元）")
    assert [r.values["unit_price"] for r in tables["equipment_list"].rows] == [1250000.0, 85000.0]
    assert check_table_units(c) == []


# ----- one figure written twice in one file -------------------------------------------------

def _agree(*readings):
    return check_declaration_agrees(ctx(list(readings)))


def _stated(value, normalized, year=None, via="prose", path="申报书.docx"):
    o = obs("revenue_last_year", value, normalized=normalized, path=path)
    o.via = via
    if year is not None:
        o.extra["year"] = year
    return o


def test_two_different_figures_in_one_file_disagree() -> None:
    box = _stated("5000", {"amount_wan": 5000.0, "currency": "CNY"}, via="table")
    prose = _stated("6200万元", {"amount_wan": 6200.0, "currency": "CNY"})
    [f] = _agree(box, prose)
    assert f.code == FindingCode.INCONSISTENT_VALUE and f.severity == Severity.warning
    assert f.field == "revenue_last_year" and len(f.locations) == 2


def test_statements_of_different_years_do_not_disagree() -> None:
    a = _stated("5000万元", {"amount_wan": 5000.0, "currency": "CNY"}, year=2021)
    b = _stated("6200万元", {"amount_wan": 6200.0, "currency": "CNY"}, year=2020)
    assert _agree(a, b) == []


def test_rounding_and_other_files_are_not_disagreements() -> None:
    box = _stated("23456", {"amount_wan": 23456.0, "currency": "CNY"}, via="table")
    rounded = _stated("2.3亿元", {"amount_wan": 23000.0, "currency": "CNY"})
    assert _agree(box, rounded) == []
    other_file = _stated("6200万元", {"amount_wan": 6200.0, "currency": "CNY"}, path="附件.docx")
    assert _agree(box, other_file) == []


# ----- seals and signatures ------------------------------------------------------------------

def _page(n, text, marks=(), ocr=True):
    return Page(number=n, ocr=ocr, blocks=[Block(text=text, page=n)], marks=list(marks))


SEAL = Mark(kind="seal", bbox=(10, 10, 60, 60))
E_SEAL = Mark(kind="seal", origin="embedded", bbox=(10, 10, 60, 60))


def _seal(rule, *docs):
    return check_seal(rule, ctx(docs=list(docs)))


def test_every_page_scope_needs_a_seal_on_each_matching_page() -> None:
    rule = SealRule(kind="seal", id="eval_seal", page_keywords=["用户单位（盖章）"],
                    scope="every_page", kinds=["user_evaluation"])
    doc = document("用户评价.pdf", kind=DocumentKind.user_evaluation, pages=[
        _page(1, "用户评价一 用户单位（盖章）", [SEAL]), _page(2, "用户评价二 用户单位（盖章）")])
    [f] = _seal(rule, doc)
    assert f.code == FindingCode.MISSING_SEAL and "第2页" in f.message
    assert [loc.page for loc in f.locations] == [2]
    doc.pages[1].marks.append(SEAL)
    assert _seal(rule, doc) == []


def test_any_page_scope_is_met_by_one_sealed_page() -> None:
    rule = SealRule(kind="seal", id="s", page_keywords=["用户单位（盖章）"])
    doc = document("用户评价.pdf", kind=DocumentKind.user_evaluation, pages=[
        _page(1, "用户单位（盖章）", [SEAL]), _page(2, "用户单位（盖章）")])
    assert _seal(rule, doc) == []


def test_seal_rule_looks_only_at_documents_of_its_kinds() -> None:
    rule = SealRule(kind="seal", id="s", page_keywords=["用户单位（盖章）"], kinds=["user_evaluation"])
    unsealed_other = document("其他.pdf", kind=DocumentKind.other, pages=[_page(1, "用户单位（盖章）")])
    assert _seal(rule, unsealed_other) == []
    unsealed_eval = document("评价.pdf", kind=DocumentKind.user_evaluation,
                             pages=[_page(1, "用户单位（盖章）")])
    [f] = _seal(rule, unsealed_eval)
    assert f.code == FindingCode.MISSING_SEAL and "未检测到红色印章" in f.message


def test_only_an_embedded_seal_is_a_warning_to_verify() -> None:
    rule = SealRule(kind="seal", id="pledge_seal", page_keywords=["真实性承诺"], page_required=True)
    doc = document("承诺书.docx", kind=DocumentKind.declaration,
                   pages=[_page(1, "真实性承诺 申报单位（公章）", [E_SEAL], ocr=False)])
    [f] = _seal(rule, doc)
    assert f.code == FindingCode.EMBEDDED_SEAL and f.severity == Severity.warning
    assert f.locations[0].bbox == E_SEAL.bbox
    # A scanned seal beside it settles it.
    doc.pages[0].marks.append(SEAL)
    assert _seal(rule, doc) == []


SIGN = SignatureRule(kind="signature", id="pledge_signature", page_keywords=["真实性承诺"],
                     signature_labels=["法人代表（签字）"], page_required=True)


def _sign(marks):
    doc = document("承诺书.docx", kind=DocumentKind.declaration,
                   pages=[_page(1, "真实性承诺 法人代表（签字）", marks, ocr=False)])
    return check_signature(SIGN, ctx(docs=[doc]))


def test_only_an_embedded_signature_is_a_warning_to_verify() -> None:
    [f] = _sign([Mark(kind="handwriting", origin="embedded", bbox=(1, 2, 3, 4))])
    assert f.code == FindingCode.EMBEDDED_SIGNATURE and f.severity == Severity.warning
    assert _sign([Mark(kind="handwriting", bbox=(1, 2, 3, 4))]) == []
    [f] = _sign([])
    assert f.code == FindingCode.MISSING_SIGNATURE


def test_a_missing_pledge_page_is_the_finding() -> None:
    doc = document("申报书.docx", kind=DocumentKind.declaration, pages=[_page(1, "申报书正文")])
    [f] = check_seal(SealRule(kind="seal", id="p", page_keywords=["真实性承诺"], page_required=True),
                     ctx(docs=[doc]))
    assert f.code == FindingCode.MISSING_SEAL and f.actual == "未找到"


def test_seal_on_the_short_page_after_the_keyword_page_counts() -> None:
    """The declaration's end spilt over: seal and date alone on the next page."""
    rule = SealRule(kind="seal", id="declaration_seal", page_keywords=["申报单位（盖章）"])
    doc = document("申报书.pdf", kind=DocumentKind.declaration, pages=[
        _page(1, "晨星工厂申报书 企业全称……", ocr=False),
        _page(2, "申报单位（盖章）", ocr=False),
        _page(3, "2022年12月9日", [E_SEAL], ocr=False)])
    [f] = _seal(rule, doc)
    assert f.code == FindingCode.EMBEDDED_SEAL and f.locations[0].page == 3
    # A seal on a full page elsewhere (a cover) does not stamp the keyword page.
    doc.pages[2] = _page(3, "用户评价 " + "使用情况良好，" * 20, [E_SEAL], ocr=False)
    [f] = _seal(rule, doc)
    assert f.code == FindingCode.MISSING_SEAL
