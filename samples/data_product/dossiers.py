"""The sample dossiers of sd-data-product-2022: which files each holds and what a checker
must find in it.

Each dossier is the clean one with one defect. Expected findings are the exact multiset of
error and warning findings (infos are not listed). ``requirement`` carries the rule id for
rule findings about documents (seal, signature, counts) and the attachment id for a
missing attachment; findings about a declaration field or section carry its key.

The declaration is a Word file without the 真实性承诺 page; the pledge comes as a separate
signed and stamped scan (``承诺书.pdf``), which is how applicants deliver it. The seal and
signature rules look at any page carrying 真实性承诺 in any document.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Literal

from samples.chenxing.license_image import licence_jpeg
from samples.chenxing.uscc import corrupt_check_char as corrupt_uscc
from samples.chenxing.uscc import make_uscc, org_code
from samples.data_product import contract_pdf, copyright_image, declaration_docx, id_card, pledge_scan
from samples.data_product import user_evaluation
from samples.data_product.declaration_docx import DeclarationData
from samples.data_product.id_number import corrupt_check_char as corrupt_id
from samples.data_product.vendor import LUSHU, PROFILE_TOO_LONG, TWO_PRODUCTS_NAME, WEIFANG, Vendor, licence_company
from samples.model import Dossier, ExpectedFinding, SampleFile
from samples.memo import cached as _cached, seed as _seed

PROGRAM = "sd-data-product-2022"
AS_OF = "2022-12-20"

FileKind = Literal[
    "declaration_docx", "pledge_pdf", "licence_jpg", "id_card_jpg", "copyright_jpg", "contract_pdf",
    "contract_xlsx", "evaluation_pdf",
]



@dataclass(frozen=True)
class Names:
    """As uploaded: only the declaration and the pledge say what they are."""

    declaration: str = "数据赋能优秀产品申报书.docx"
    pledge: str = "承诺书.pdf"
    licence: str = "IMG_20221208_1012.jpg"
    id_card: str = "微信图片_20221208102233.jpg"
    copyright: str = "附件4-1.jpg"
    contract: str = "附件5-1.pdf"
    contract_summary: str = "附件5-2.xlsx"
    evaluation: str = "扫描全能王 2022-12-12 09.41.pdf"


@dataclass(frozen=True)
class Variant:
    """What differs from the clean dossier."""

    decl: DeclarationData = DeclarationData.clean()
    vendor: Vendor = LUSHU  # what the licence and the other proofs show
    signed: bool = True
    sealed: bool = True
    id_card: bool = True
    id_number: str | None = None  # printed on the ID card instead of the true one
    evaluation_sealed: bool = True


def _files(x: Variant, names: Names = Names()) -> list[SampleFile]:
    c = x.vendor
    opts = pledge_scan.PledgeOptions(signed=x.signed, sealed=x.sealed)
    files = [
        SampleFile(names.declaration, "declaration_docx", _cached(
            "decl", x.decl, lambda: declaration_docx.declaration_docx(x.decl))),
        SampleFile(names.pledge, "pledge_pdf", _cached(
            "pledge", (c.key, c.name, c.seal_code, opts), lambda: pledge_scan.pledge_pdf(c, _seed("pledge", c.key), opts))),
        SampleFile(names.licence, "licence_jpg", _cached(
            "licence", c, lambda: licence_jpeg(licence_company(c), _seed("licence", c.key)))),
    ]
    if x.id_card:
        files.append(SampleFile(names.id_card, "id_card_jpg", _cached(
            "id", (c.legal_rep, x.id_number),
            lambda: id_card.id_card_jpeg(c.legal_rep, _seed("id", c.key), x.id_number))))
    files += [
        SampleFile(names.copyright, "copyright_jpg", _cached(
            "copyright", (c.key, c.name), lambda: copyright_image.copyright_jpeg(c, _seed("copyright", c.key)))),
        SampleFile(names.contract, "contract_pdf", _cached("contract", (c.key, c.name), lambda: contract_pdf.contract_pdf(c))),
        SampleFile(names.contract_summary, "contract_xlsx", _cached(
            "summary", (c.key, c.name, c.contact_name), lambda: contract_pdf.contract_summary_xlsx(c))),
        SampleFile(names.evaluation, "evaluation_pdf", _cached(
            "evaluation", (c.key, c.name, x.evaluation_sealed), lambda: user_evaluation.evaluation_pdf(
                c, WEIFANG, _seed("evaluation", c.key), x.evaluation_sealed))),
    ]
    return files


def _build() -> list[Dossier]:
    clean = DeclarationData.clean()
    dossiers: list[Dossier] = []

    def add(name: str, description: str, variant: Variant, *expected: ExpectedFinding) -> None:
        dossiers.append(Dossier(name, description, tuple(_files(variant)), tuple(expected),
                                program=PROGRAM, as_of=AS_OF))

    add("clean", "材料齐全、信息一致的基准样例（申报书DOCX＋签字盖章的真实性承诺扫描件）", Variant())

    add("no_seal", "真实性承诺已签字但未加盖申报单位公章", Variant(sealed=False),
        ExpectedFinding("MISSING_SEAL", None, "pledge_seal"))

    add("no_signature", "真实性承诺已盖章但法人代表签字处空白", Variant(signed=False),
        ExpectedFinding("MISSING_SIGNATURE", None, "pledge_signature"))

    add("two_products", "产品名称填写“数据采集网关及边缘计算平台”，一表填报两款产品",
        Variant(decl=dataclasses.replace(clean, product_name=TWO_PRODUCTS_NAME)),
        ExpectedFinding("MULTIPLE_PRODUCTS", "product_name"))

    add("too_few_cases", "赋能案例只列举两个（要求3个以上成功项目案例）",
        Variant(decl=dataclasses.replace(clean, cases=clean.cases[:2])),
        ExpectedFinding("COUNT_BELOW_MINIMUM", None, "enabling_cases_min_3"))

    add("profile_too_long", "产品简介超过500字",
        Variant(decl=dataclasses.replace(clean, profile=PROFILE_TOO_LONG)),
        ExpectedFinding("WORD_LIMIT_EXCEEDED", "product_profile"))

    add("missing_id_card", "缺少法人身份证（单位证明必要项）", Variant(id_card=False),
        ExpectedFinding("MISSING_ATTACHMENT", None, "legal_rep_id_card"))

    add("two_classes_ticked", "申报产品类别同时勾选数据采集类和数据应用类",
        Variant(decl=dataclasses.replace(clean, categories=frozenset({"数据采集类", "数据应用类"}))),
        ExpectedFinding("OPTION_CONFLICT", "product_category"))

    # The licence and the other proofs tell the truth; only the declaration differs.
    other_code = make_uscc("91", "370102", org_code("MA3QX7R5"))
    add("inconsistent", "申报书单位名称、统一社会信用代码、注册资本与营业执照不一致",
        Variant(decl=dataclasses.replace(clean, company_name="山东鲁数智联信息科技有限公司", uscc=other_code,
                                         registered_capital="1500")),
        ExpectedFinding("INCONSISTENT_VALUE", "company_name"),
        ExpectedFinding("INCONSISTENT_VALUE", "uscc"),
        ExpectedFinding("INCONSISTENT_VALUE", "registered_capital"))

    # Same wrong check character on the declaration and the licence: a warning (it may be
    # a historical mis-issue by the registration authority; see checks/identifiers.py).
    bad_vendor = dataclasses.replace(LUSHU, uscc=corrupt_uscc(LUSHU.uscc))
    add("invalid_uscc", "统一社会信用代码校验位错误（申报书与营业执照一致）",
        Variant(decl=dataclasses.replace(clean, uscc=bad_vendor.uscc, vendor=bad_vendor), vendor=bad_vendor),
        ExpectedFinding("INVALID_IDENTIFIER", "uscc", severity="warning"))

    add("invalid_id_number", "法人身份证公民身份号码校验位错误",
        Variant(id_number=corrupt_id(LUSHU.legal_rep.id_number)),
        ExpectedFinding("INVALID_IDENTIFIER", "legal_rep_id_number"))

    add("evaluation_unsealed", "用户使用意见未加盖用户单位公章", Variant(evaluation_sealed=False),
        ExpectedFinding("MISSING_SEAL", None, "user_evaluation_seal"))
    # The form's 成立日期 and 注册地址 typed differently from the licence (the licence proves
    # them: 单位统一社会信用代码注册登记证(照)); an address written loosely is a warning.
    moved = dataclasses.replace(LUSHU, established=date(2016, 4, 21),
                                address="山东省淄博市张店区华光路366号齐鲁软件园B座")
    add("licence_details_mismatch", "申报书成立日期、注册地址与营业执照不一致",
        Variant(decl=dataclasses.replace(clean, vendor=moved)),
        ExpectedFinding("INCONSISTENT_VALUE", "establishment_date"),
        ExpectedFinding("INCONSISTENT_VALUE", "address", severity="warning"))
    return dossiers


DOSSIERS: tuple[Dossier, ...] = tuple(_build())
BY_NAME: dict[str, Dossier] = {d.name: d for d in DOSSIERS}
