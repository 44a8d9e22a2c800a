"""The sample dossiers of sd-chenxing-2022: which files each holds and what a checker
must find in it.

Each dossier is the clean one with one kind of defect. The expected findings are the
exact multiset of error and warning findings; infos are not listed. Convention for the
``requirement`` key: it names the attachment requirement (attachment_1 … attachment_6)
when a finding is about an attachment document as such (missing, wrong period, expired);
findings about a declaration field carry the field key and requirement null.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from samples.chenxing import (attachments, construction_narrative, declaration_docx, declaration_scan,
                              insurance_scan, statements_pdf)
from samples.chenxing.company_profile import HENGRUI, HONGSHENG, LUYUAN, LUYUAN_PROFILE_TOO_LONG, Company
from samples.chenxing.form import DeclarationData
from samples.chenxing.license_image import LicenceOptions, licence_jpeg
from samples.chenxing.uscc import corrupt_check_char, uscc_check_char
from samples.model import Dossier, ExpectedFinding, SampleFile
from samples.memo import cached as _cached, seed as _seed

PROGRAM = "sd-chenxing-2022"
AS_OF = "2022-12-20"
RECENT_MONTHS = ((2022, 9), (2022, 10), (2022, 11))  # 近3个月 before 2022-12-20

FileKind = Literal[
    "declaration_docx", "declaration_scan_pdf", "licence_jpg", "statement_pdf", "insurance_pdf",
    "honour_jpg", "equity_docx", "encrypted_pdf", "truncated_pdf", "empty_file", "narrative_docx",
]




@dataclass(frozen=True)
class Names:
    """File names as an applicant leaves them: nothing says which document is which."""

    declaration_docx: str = "申报书.docx"
    declaration_scan: str = "申报书（盖章版）.pdf"
    licence: str = "IMG_20221201_0931.jpg"
    statement_late: str = "附件2.pdf"
    statement_early: str = "新建文件夹/附件2 (1).pdf"
    insurance: str = "scan001.pdf"
    honour: str = "IMG_20221201_0945.jpg"
    equity: str = "附件5.docx"


PHONE_NAMES = Names(
    licence="微信图片_20221205143012.jpg",
    statement_late="附件2-2.pdf",
    statement_early="附件2-1.pdf",
    insurance="扫描全能王 2022-12-06 10.15.pdf",
    honour="微信图片_20221205143047.jpg",
    equity="doc20221206.docx",
)
_DEFAULT_LICENCE = LicenceOptions()  # frozen: one shared default is safe


def _files(
    company: Company,
    decl: DeclarationData,
    *,
    names: Names = Names(),
    declaration: Literal["docx", "scan"] = "docx",
    checkbox_style: declaration_docx.CheckboxStyle = "text",
    statement_years: tuple[int, int] = (2020, 2021),
    period_style: str = "annual",
    insurance_months: tuple[tuple[int, int], ...] = RECENT_MONTHS,
    insurance: bool = True,
    equity: bool = True,
    honour: bool = True,
    licence: LicenceOptions = _DEFAULT_LICENCE,
) -> list[SampleFile]:
    files: list[SampleFile] = []
    if declaration == "docx":
        files.append(SampleFile(names.declaration_docx, "declaration_docx", _cached(
            "decl_docx", (decl, checkbox_style), lambda: declaration_docx.declaration_docx(decl, checkbox_style))))
    else:
        files.append(SampleFile(names.declaration_scan, "declaration_scan_pdf", _cached(
            "decl_scan", (decl, company), lambda: declaration_scan.declaration_scan_pdf(
                decl, company, _seed("decl", company.key)))))
    files.append(SampleFile(names.licence, "licence_jpg", _cached(
        "licence", (company, licence), lambda: licence_jpeg(company, _seed("licence", company.key), licence))))
    early, late = sorted(statement_years)
    files.append(SampleFile(names.statement_late, "statement_pdf", _cached(
        "statement", (company, late, True, period_style),
        lambda: statements_pdf.statements_pdf(company, late, True, period_style))))
    files.append(SampleFile(names.statement_early, "statement_pdf", _cached(
        "statement", (company, early, False, period_style),
        lambda: statements_pdf.statements_pdf(company, early, False, period_style))))
    if insurance:
        files.append(SampleFile(names.insurance, "insurance_pdf", _cached(
            "insurance", (company, insurance_months), lambda: insurance_scan.insurance_pdf(
                company, list(insurance_months), _seed("insurance", company.key)))))
    if honour:
        files.append(SampleFile(names.honour, "honour_jpg", _cached(
            "honour", company, lambda: attachments.honour_jpeg(company, _seed("honour", company.key)))))
    if equity:
        files.append(SampleFile(names.equity, "equity_docx", _cached(
            "equity", company, lambda: attachments.equity_docx(company))))
    return files


def _truncated(make: Callable[[], bytes]) -> Callable[[], bytes]:
    def cut() -> bytes:
        data = make()
        return data[: len(data) * 2 // 5]  # an interrupted upload: header and part of one image
    return cut


def _build() -> list[Dossier]:
    clean_decl = DeclarationData.from_company(LUYUAN)
    dossiers: list[Dossier] = []

    def add(name: str, description: str, files: list[SampleFile], *expected: ExpectedFinding, **kw) -> None:
        # 将盖章后的电子申报材料提报: a Word declaration carries the company's electronic seal
        # (a picture), which the checker reports as a seal to verify (EMBEDDED_SEAL, warning);
        # the scanned declaration is stamped on paper and needs nothing.
        if any(f.kind == "declaration_docx" for f in files):
            expected = (*expected, ExpectedFinding("EMBEDDED_SEAL", None, "declaration_seal", "warning"))
        dossiers.append(Dossier(name, description, tuple(files), tuple(expected), program=PROGRAM,
                                as_of=AS_OF, **kw))

    add("clean", "材料齐全、各文件信息一致的基准样例（文本勾选框 ☑/□）", _files(LUYUAN, clean_decl))
    add("scanned_declaration", "申报书为盖章后扫描的图片型 PDF，其余同基准样例",
        _files(LUYUAN, clean_decl, declaration="scan"))
    add("checkbox_wingdings", "申报书勾选框使用 Wingdings 2 符号（w:sym），其余同基准样例",
        _files(LUYUAN, clean_decl, checkbox_style="wingdings"))
    add("checkbox_content_control", "申报书勾选框使用 Word 复选框内容控件（w14:checkbox），其余同基准样例",
        _files(LUYUAN, clean_decl, checkbox_style="content_control"))

    add("missing_fields", "企业全称未填、企业规模未勾选、企业类型同时勾选民营和合资",
        _files(LUYUAN, dataclasses.replace(clean_decl, company_name="", size=frozenset(),
                                           ownership=frozenset({"民营", "合资"}))),
        ExpectedFinding("MISSING_FIELD", "company_name"),
        ExpectedFinding("OPTION_NOT_SELECTED", "company_size"),
        ExpectedFinding("OPTION_CONFLICT", "company_type"))

    add("word_limit", "企业简介约590字，超过“不超过500字”的限制",
        _files(LUYUAN, dataclasses.replace(clean_decl, profile=LUYUAN_PROFILE_TOO_LONG)),
        ExpectedFinding("WORD_LIMIT_EXCEEDED", "company_profile"))

    # The statements, licence and other proofs tell the truth; only the declaration differs.
    truth = dataclasses.replace(LUYUAN, revenue_fen={**LUYUAN.revenue_fen, 2021: 19_876_540_000})
    wrong_name = "山东鲁源智能装备有限公司"
    add("inconsistent", "申报书注册资金、企业名称、上年度营收与营业执照和2021年财务报表不一致",
        _files(truth, dataclasses.replace(clean_decl, cover_name=wrong_name, company_name=wrong_name,
                                          registered_capital="3000")),
        ExpectedFinding("INCONSISTENT_VALUE", "registered_capital"),
        ExpectedFinding("INCONSISTENT_VALUE", "company_name"),
        ExpectedFinding("INCONSISTENT_VALUE", "revenue_last_year"))

    # A valid code of another company: only the mismatch is wrong, not the check digit.
    other_code = LUYUAN.uscc[:10] + ("5" if LUYUAN.uscc[10] != "5" else "6") + LUYUAN.uscc[11:17]
    other_code += uscc_check_char(other_code)
    add("licence_details_mismatch",
        "申报书统一社会信用代码、法定代表人、注册日期与营业执照不一致，通讯地址写成另一处厂区",
        _files(LUYUAN, dataclasses.replace(clean_decl, uscc=other_code, legal_rep="张建华",
                                          registered_date="2016年06月01日",
                                          address="山东省淄博市张店区华光路366号")),
        # 附件1 prints no 信用代码 / 法定代表人 box: a cover line that disagrees is a warning.
        ExpectedFinding("INCONSISTENT_VALUE", "uscc", severity="warning"),
        ExpectedFinding("INCONSISTENT_VALUE", "legal_representative", severity="warning"),
        ExpectedFinding("INCONSISTENT_VALUE", "establishment_date"),
        ExpectedFinding("INCONSISTENT_VALUE", "address", severity="warning"))

    bad_code = dataclasses.replace(LUYUAN, uscc=corrupt_check_char(LUYUAN.uscc))
    add("invalid_uscc", "统一社会信用代码校验位错误（申报书与营业执照一致）",
        _files(bad_code, DeclarationData.from_company(bad_code)),
        ExpectedFinding("INVALID_IDENTIFIER", "uscc", severity="warning"))

    add("expired_license", "营业执照营业期限至2022年02月28日，已届满；复印件上公章压住注册资本",
        _files(HONGSHENG, DeclarationData.from_company(HONGSHENG), period_style="date",
               licence=LicenceOptions(seal_over_capital=True)),
        ExpectedFinding("DOCUMENT_EXPIRED", "business_term_end", "attachment_1"))

    add("wrong_years", "财务报表为2019、2020年度（缺2021年度），社保证明为2022年3-5月",
        _files(LUYUAN, clean_decl, statement_years=(2019, 2020),
               insurance_months=((2022, 3), (2022, 4), (2022, 5))),
        ExpectedFinding("DATE_OUT_OF_RANGE", None, "attachment_2"),
        ExpectedFinding("DATE_OUT_OF_RANGE", None, "attachment_3"))

    add("not_shandong", "浙江杭州注册企业（代码行政区划3301、住所浙江省），材料本身一致",
        _files(HENGRUI, DeclarationData.from_company(HENGRUI), names=PHONE_NAMES, period_style="months"),
        ExpectedFinding("ELIGIBILITY_FAILED", "uscc"))

    add("missing_attachments", "缺少社保缴纳证明（附件3）和股权结构（附件5）",
        _files(LUYUAN, clean_decl, insurance=False, equity=False),
        ExpectedFinding("MISSING_ATTACHMENT", None, "attachment_3"),
        ExpectedFinding("MISSING_ATTACHMENT", None, "attachment_5"))

    add("conditional_options", "加装数据采集设备选“是”但未选设备类型；DCMM贯标选“是”但未选等级",
        _files(LUYUAN, dataclasses.replace(clean_decl, data=dataclasses.replace(
            LUYUAN.data, collection_types=frozenset(), collection_other="", dcmm_level=frozenset()))),
        ExpectedFinding("OPTION_NOT_SELECTED", "data_collection_device_type"),
        ExpectedFinding("OPTION_NOT_SELECTED", "dcmm_level"))

    clean_files = _files(LUYUAN, clean_decl)
    insurance_make = next(f.make for f in clean_files if f.kind == "insurance_pdf")
    add("unreadable_files", "基准样例外加三个无法读取的文件：截断的PDF、加密的PDF、0字节的docx",
        clean_files + [
            SampleFile("scan002.pdf", "truncated_pdf", _truncated(insurance_make)),
            SampleFile("附件6.pdf", "encrypted_pdf", _cached(
                "tax_proof", LUYUAN, lambda: attachments.tax_proof_pdf(LUYUAN, password="123"))),
            SampleFile("empty.docx", "empty_file", lambda: b""),
        ],
        ExpectedFinding("UNREADABLE_FILE"),
        ExpectedFinding("UNREADABLE_FILE"),
        ExpectedFinding("UNREADABLE_FILE"))

    add("zipped_gbk", "基准样例打包为一个zip，中文文件名为GBK编码且未设UTF-8标志（Windows压缩工具风格）",
        _files(LUYUAN, clean_decl), zipped=True, zip_root=f"{LUYUAN.name}申报材料")

    # ★ level estimate (info only, so the errors and warnings are the clean one's: none).
    def with_narrative(planned: frozenset[str]) -> list[SampleFile]:
        return _files(LUYUAN, clean_decl) + [SampleFile(
            construction_narrative.FILE_NAME, "narrative_docx", _cached(
                "narrative", (LUYUAN, planned),
                lambda: construction_narrative.construction_narrative_docx(LUYUAN, planned)))]

    add("star_narrative", "基准样例外加晨星工厂建设情况说明，文字佐证全部一级、二级★指标及少量三级指标（★等级估计为二级）",
        with_narrative(frozenset()))
    gap = construction_narrative.GAP_INDICATOR
    add("star_gap", f"同star_narrative，但建设情况说明把一级★指标{gap}写为尚未建设、计划实施（★等级估计为零级）",
        with_narrative(frozenset({gap})))
    return dossiers


DOSSIERS: tuple[Dossier, ...] = tuple(_build())
BY_NAME: dict[str, Dossier] = {d.name: d for d in DOSSIERS}
