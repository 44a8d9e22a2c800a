"""The sample dossiers of zj-future-factory (浙江省“未来工厂”评价指数（试行版）): which
files each holds and what a checker must find in it.

Each dossier is the clean one with one kind of defect (``sections_out_of_range`` is the
exception on purpose: every described scenario is outside its word range, so that every
word_range rule of the catalogue fires once). Expected findings are the exact multiset of
error and warning findings; infos are not listed. ``requirement`` is the rule id for rule
findings (ratio, sum, evidence_attached) and the attachment id for attachment findings.

Assumption about the checker (see the README table): a rule whose inputs are absent (no
equipment list, no licence) reports nothing at error/warning level; the missing attachment
itself is the finding.

Seed 002 is a scoring index (评价指数), not a form: what an applicant leaves out loses its
points ("未举证，该项不得分") and does not bar the application. So word ranges, missing
descriptions and screenshots, the figures it asks for and the equipment list are warnings;
the identity block (企业名称, 所属行业, 联系电话, 企业规模 …) is no seed's requirement and is
only compared with the licence when read, and the licence itself is optional (comparisons
with it, its expiry and the province are warnings).
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Literal

from samples.chenxing.company_profile import Company
from samples.chenxing.license_image import licence_jpeg
from samples.chenxing.uscc import corrupt_check_char
from samples.model import Dossier, ExpectedFinding, SampleFile
from samples.zhejiang import declaration_docx, equipment_list, narratives, screenshot
from samples.zhejiang.company import (
    EQUIPMENT, ORUI, ORUI_EXPIRED, SISTER_USCC, SUZHOU, Basics, EquipmentRow, investment_wan, money_text,
    networking_rate,
)
from samples.zhejiang.declaration_docx import OUTLINE, walk
from samples.memo import cached as _cached, seed as _seed

PROGRAM = "zj-future-factory"
AS_OF = "2024-06-30"

EquipmentFormat = Literal["xlsx", "docx", "pdf"]
Texts = tuple[tuple[str, tuple[str, ...]], ...]

# Rule ids of the catalogue used in expected findings.
RATE_RULE = "equipment_networking_rate"
INVESTMENT_RULE = "smart_manufacturing_investment_total"
EQUIPMENT_TOTAL_RULE = "equipment_total_matches_list"
SCREENSHOT_RULE = "screenshot_evidence"

# Word ranges of the sections (the catalogue's word_range rules), used to size the texts.
MAX_ONLY = {"s_1_3_a_digital_twin": 300, "s_1_3_b_artificial_intelligence": 300,
            "s_1_3_c_industrial_internet_platform": 300, "s_1_3_d_5g_network": 500}
MINIMUM = {
    "s_2_1_2_a_supply_sales_collaboration": 500, "s_2_1_2_b_adaptive_logistics": 500,
    "s_2_1_2_c_intelligent_scheduling": 500, "s_2_1_2_d_order_equipment_matching": 500,
    "s_3_1_1_product_design": 800, "s_3_1_2_process_design": 500, "s_3_1_3_test_design": 500,
    "s_3_2_1_planning_scheduling": 1000, "s_3_2_2_production_execution": 1000,
    "s_3_2_3_quality_control": 1000, "s_3_2_4_logistics": 800, "s_3_2_5_equipment_maintenance": 800,
    "s_3_3_1_production_safety": 500, "s_3_3_2_operation_safety": 500, "s_3_3_3_information_security": 500,
    "s_3_4_1_lean_manufacturing": 1000, "s_3_4_2_precision_service": 800, "s_3_4_3_risk_control": 500,
    "s_3_4_4_intelligent_decision": 500, "s_3_5_green_manufacturing": 1000,
}



def _ordered(texts: dict[str, tuple[str, ...]]) -> Texts:
    order = [n.key for n in walk(OUTLINE) if n.key]
    return tuple((k, texts[k]) for k in order if k in texts)


CLEAN_TEXTS: Texts = _ordered(dict(narratives.FULL))


def _with(texts: Texts, **changes: tuple[str, ...]) -> Texts:
    merged = dict(texts)
    merged.update(changes)
    return _ordered(merged)


def _too_long(key: str) -> tuple[str, ...]:
    return (*narratives.FULL[key], narratives.EXTENSIONS[key])


def _all_out_of_range() -> Texts:
    """Every catalogue section present and outside its range: the 1.3 descriptions (max
    only) grown past the limit, the clean ones cut to about half their minimum, and the
    other 2.x scenarios as stubs."""
    texts: dict[str, tuple[str, ...]] = {}
    for node in walk(OUTLINE):
        if not node.key:
            continue
        if node.key in MAX_ONLY:
            texts[node.key] = _too_long(node.key)
        elif node.key in narratives.FULL:
            texts[node.key] = narratives.truncated(narratives.FULL[node.key], MINIMUM[node.key] // 2)
        else:
            texts[node.key] = narratives.STUBS[node.key]
    return _ordered(texts)


def _files(
    company: Company,
    basics: Basics,
    texts: Texts = CLEAN_TEXTS,
    *,
    equipment: EquipmentFormat | None = "xlsx",
    rows: tuple[EquipmentRow, ...] = EQUIPMENT,
    screenshot_png: bool = True,
    licence: bool = True,
) -> list[SampleFile]:
    files = [SampleFile("未来工厂申报书.docx", "declaration_docx", _cached(
        "decl", (basics, texts), lambda: declaration_docx.declaration_docx(basics, dict(texts))))]
    if licence:
        files.append(SampleFile("IMG_20240605_0912.jpg", "licence_jpg", _cached(
            "licence", company, lambda: licence_jpeg(company, _seed("licence", company.key)))))
    if equipment == "xlsx":
        files.append(SampleFile("附件2.xlsx", "equipment_xlsx", _cached(
            "eq_xlsx", (company.name, rows), lambda: equipment_list.equipment_xlsx(company.name, rows))))
    elif equipment == "docx":
        files.append(SampleFile("附件2.docx", "equipment_docx", _cached(
            "eq_docx", (company.name, rows), lambda: equipment_list.equipment_docx(company.name, rows))))
    elif equipment == "pdf":
        files.append(SampleFile("附件2.pdf", "equipment_pdf", _cached(
            "eq_pdf", (company.name, rows), lambda: equipment_list.equipment_pdf(company.name, rows))))
    if screenshot_png:
        short = company.name[2:4]  # 浙江瓯瑞… → 瓯瑞, the name used on the UI
        files.append(SampleFile("Snipaste_2024-06-12_15-30-45.png", "screenshot_png", _cached(
            "screenshot", short, lambda: screenshot.mes_screenshot_png(short))))
    return files


def _build() -> list[Dossier]:
    clean = Basics.from_company(ORUI)
    dossiers: list[Dossier] = []

    def add(name: str, description: str, files: list[SampleFile], *expected: ExpectedFinding) -> None:
        dossiers.append(Dossier(name, description, tuple(files), tuple(expected), program=PROGRAM, as_of=AS_OF))

    add("clean", "材料齐全、数据一致的基准样例：申报书DOCX、设备清单XLSX（是/否、√/×、Y/N混用）、MES界面截图、营业执照",
        _files(ORUI, clean))
    add("equipment_in_pdf", "设备清单为从Excel导出的文本型PDF表格，其余同基准样例",
        _files(ORUI, clean, equipment="pdf"))
    add("equipment_in_docx", "设备清单为单独的Word表格文件，其余同基准样例",
        _files(ORUI, clean, equipment="docx"))

    add("rate_mismatch", f"申报书装备联网率填93.50%，设备清单计算为{networking_rate()}%（相差超过2个百分点）",
        _files(ORUI, dataclasses.replace(clean, rate="93.50")),
        ExpectedFinding("CALCULATION_MISMATCH", "equipment_networking_rate", RATE_RULE))

    overstated = money_text(Decimal("7260.00"))
    add("investment_mismatch",
        f"申报书智能制造软硬件累计投入填{overstated}万元，设备清单单价×台套数合计{money_text(investment_wan())}万元（相差超过1%）",
        _files(ORUI, dataclasses.replace(clean, investment=overstated)),
        ExpectedFinding("CALCULATION_MISMATCH", "smart_manufacturing_investment", INVESTMENT_RULE))

    add("equipment_count_mismatch", "申报书设备总数填186台套，设备清单中装备合计170台套（联网率本身与清单一致）",
        _files(ORUI, dataclasses.replace(clean, equipment_total="186")),
        ExpectedFinding("CALCULATION_MISMATCH", "equipment_total", EQUIPMENT_TOTAL_RULE, severity="warning"))

    short_key = "s_2_1_2_a_supply_sales_collaboration"
    add("section_too_short", "“产供销协同”场景描述约300字，低于“不少于500字”",
        _files(ORUI, clean, _with(CLEAN_TEXTS, **{short_key: narratives.truncated(narratives.FULL[short_key], 300)})),
        ExpectedFinding("WORD_COUNT_BELOW_MINIMUM", short_key, severity="warning"))

    long_key = "s_1_3_a_digital_twin"
    add("section_too_long", "“数字孪生”场景描述约420字，超过“不超过300字”",
        _files(ORUI, clean, _with(CLEAN_TEXTS, **{long_key: _too_long(long_key)})),
        ExpectedFinding("WORD_LIMIT_EXCEEDED", long_key, severity="warning"))

    all_texts = _all_out_of_range()
    add("sections_out_of_range",
        "全部45个有字数要求的场景描述均超出范围：1.3各项超过上限，其余不足下限（覆盖每条字数规则）",
        _files(ORUI, clean, all_texts),
        *[ExpectedFinding("WORD_LIMIT_EXCEEDED" if key in MAX_ONLY else "WORD_COUNT_BELOW_MINIMUM", key,
                          severity="warning")
          for key, _ in all_texts])

    add("missing_screenshot", "场景描述多处写明“界面截图见附件”，但未提供任何截图",
        _files(ORUI, clean, screenshot_png=False),
        ExpectedFinding("MISSING_EVIDENCE", None, SCREENSHOT_RULE, "warning"))

    # A copy-paste slip: the 设备运维 box holds the 物流配送 text again. Its word count is fine;
    # only reading it shows that 3.2.5 is not described anywhere.
    pasted = "s_3_2_5_equipment_maintenance"
    add("narrative_pasted_twice", "“设备运维”栏误粘贴了“物流配送”的文字（字数符合要求），全文没有设备运维的说明",
        _files(ORUI, clean, _with(CLEAN_TEXTS, **{pasted: narratives.FULL["s_3_2_4_logistics"]})),
        ExpectedFinding("MISSING_EVIDENCE", None, "3.2.5", "warning"))

    # 所属行业, 联系电话, 企业规模 are no seed's requirement (no finding when empty); the figures
    # seed 002 asks for (薪酬总支出 L30, 智能制造相关人员数 L11) are, as warnings.
    add("missing_fields", "薪酬总支出、智能制造相关人员数未填（评价指数所要求的数据）；所属行业、联系电话未填，"
        "企业规模未勾选（种子未要求，不报）；建设类型同时勾选两项",
        _files(ORUI, dataclasses.replace(clean, industry="", contact_phone="", size=frozenset(),
                                         payroll="", smart_staff="",
                                         construction_type=frozenset({"集群示范头雁型", "协同共生链主型"}))),
        ExpectedFinding("MISSING_FIELD", "payroll_total", severity="warning"),
        ExpectedFinding("MISSING_FIELD", "smart_mfg_staff", severity="warning"),
        ExpectedFinding("OPTION_CONFLICT", "construction_type"))

    # The licence is optional (seed 002 does not ask for it); the equipment list is the
    # evidence of 装备联网率 (L39), a warning when absent.
    add("missing_attachments", "未提供营业执照和设备清单（申报书和截图齐全）",
        _files(ORUI, clean, equipment=None, licence=False),
        ExpectedFinding("MISSING_ATTACHMENT", None, "equipment_list", "warning"))

    wrong_name = "浙江欧瑞电气科技有限公司"
    add("licence_mismatch", "申报书企业名称（欧瑞）和统一社会信用代码（关联公司的有效代码）与营业执照不一致",
        _files(ORUI, dataclasses.replace(clean, cover_name=wrong_name, company_name=wrong_name, uscc=SISTER_USCC)),
        ExpectedFinding("INCONSISTENT_VALUE", "company_name", severity="warning"),
        ExpectedFinding("INCONSISTENT_VALUE", "uscc", severity="warning"))

    bad_code = dataclasses.replace(ORUI, uscc=corrupt_check_char(ORUI.uscc))
    add("invalid_uscc", "统一社会信用代码校验位错误（申报书与营业执照一致）",
        _files(bad_code, Basics.from_company(bad_code)),
        ExpectedFinding("INVALID_IDENTIFIER", "uscc", severity="warning"))

    add("not_zhejiang", "江苏苏州注册企业（代码行政区划3205、住所江苏省），材料本身一致",
        _files(SUZHOU, Basics.from_company(SUZHOU)),
        ExpectedFinding("ELIGIBILITY_FAILED", "uscc", severity="warning"))

    add("expired_licence", "营业执照营业期限至2024年04月15日，已届满",
        _files(ORUI_EXPIRED, Basics.from_company(ORUI_EXPIRED)),
        ExpectedFinding("DOCUMENT_EXPIRED", "business_term_end", "business_license", "warning"))
    return dossiers


DOSSIERS: tuple[Dossier, ...] = tuple(_build())
BY_NAME: dict[str, Dossier] = {d.name: d for d in DOSSIERS}
