"""The sample dossiers of js-smart-factory-2025: which files each holds and what a checker
must find in it.

Each defective dossier is a consistent one with the stated defect(s). Expected findings are
the exact multiset of errors and warnings (infos not listed). Findings of rules with an id
carry it as ``requirement``; field-keyed rules (equals, identifier, region) carry the field.
"""
from __future__ import annotations

import dataclasses

from samples.chenxing.license_image import licence_jpeg
from samples.chenxing.uscc import corrupt_check_char, make_uscc, org_code
from samples.jiangsu import scenarios as sc
from samples.jiangsu.company import CHENGRUI, HECHEN, XILAN, Applicant
from samples.jiangsu.declaration_docx import render_docx
from samples.jiangsu.form import DeclarationData, Investment, overall_score, self_rows, with_row
from samples.jiangsu.self_assessment import self_assessment_scan_pdf, self_assessment_xlsx
from samples.model import Dossier, ExpectedFinding, SampleFile
from samples.memo import cached as _cached, seed as _seed

PROGRAM = "js-smart-factory-2025"
AS_OF = "2025-09-30"

DECLARATION = "申报书.docx"
LICENCE = "IMG_20250912_1034.jpg"
SELF_XLSX = "附件1-自评价表.xlsx"
SELF_SCAN = "扫描全能王 2025-09-15 16.12.pdf"

# (level, score) per 二级指标; None = 不涉及此环节 (only questions 1, 5, 6 may be).
# 先进级 company, question 5 (营销服务) not applicable: mean of the other nine = 72.2.
ADVANCED_ANSWERS = self_rows(((6, 82), (5, 71), (6, 85), (5, 72), None, (4, 58), (5, 68), (5, 66), (5, 64),
                              (6, 84)))
# Every question answered; mean 68.0 — consistent, but not above 先进级's 70.
BELOW_70_ANSWERS = self_rows(((5, 70), (5, 68), (5, 72), (5, 66), (4, 58), (4, 56), (5, 65), (5, 70), (5, 67),
                              (6, 88)))
# 卓越级 company, question 5 not applicable: mean 82.6.
EXCELLENT_ANSWERS = self_rows(((6, 86), (6, 84), (6, 88), (6, 82), None, (5, 78), (6, 81), (6, 83), (5, 76),
                               (6, 85)))
# 卓越级 attempt scoring 77.9 (not above 80).
EXCELLENT_LOW_ANSWERS = self_rows(((5, 76), (6, 80), (5, 79), (5, 77), None, (5, 73), (6, 81), (5, 78), (5, 75),
                                   (6, 82)))
# 领航级 attempt scoring 88.1 (not above 90).
LEADING_LOW_ANSWERS = self_rows(((6, 90), (6, 88), (6, 91), (6, 87), (6, 86), (6, 85), (6, 89), (6, 88), (6, 87),
                                 (6, 90)))
# 基础级 attempt scoring 52.4, with a level-1 answer scored 0 (in band).
BASIC_LOW_ANSWERS = self_rows(((4, 55), (4, 57), (5, 62), (5, 64), (4, 50), (1, 0), (4, 56), (5, 61), (4, 53),
                               (5, 66)))

INVESTMENT = Investment(total="2860", y2024="450", software="1180", solutions="640", hardware="1040")
XILAN_INVESTMENT = Investment(total="6420.5", y2024="1030", software="2650.5", solutions="1320", hardware="2450")


def _licence(applicant: Applicant) -> SampleFile:
    c = applicant.company
    return SampleFile(LICENCE, "licence_jpg", _cached("licence", c, lambda: licence_jpeg(c, _seed("licence", c.key))))


def _files(decl: DeclarationData, *, self_file: str | None = None,
           licence_of: Applicant | None = None) -> list[SampleFile]:
    """The declaration, the licence (of ``licence_of``, by default the declared company) and,
    when the declaration does not carry it, the self-assessment as 'xlsx' or 'scan'."""
    files = [SampleFile(DECLARATION, "declaration_docx", _cached("decl", decl, lambda: render_docx(decl)))]
    files.append(_licence(licence_of or decl.applicant))
    name = decl.company_name
    if self_file == "xlsx":
        files.append(SampleFile(SELF_XLSX, "self_assessment_xlsx", _cached(
            "xlsx", (name, decl.self_assessment), lambda: self_assessment_xlsx(name, decl.self_assessment))))
    elif self_file == "scan":
        files.append(SampleFile(SELF_SCAN, "self_assessment_scan_pdf", _cached(
            "scan", (name, decl.self_assessment), lambda: self_assessment_scan_pdf(name, decl.self_assessment))))
    return files


def _eligibility(rule: str, field: str | None = None, severity: str = "error") -> ExpectedFinding:
    return ExpectedFinding("ELIGIBILITY_FAILED", field, rule, severity)  # type: ignore[arg-type]


def _too_few(rule: str) -> ExpectedFinding:
    """建设场景数不低于…个场景: a minimum number of items (COUNT_BELOW_MINIMUM)."""
    return ExpectedFinding("COUNT_BELOW_MINIMUM", None, rule)


def _advice(rule: str) -> ExpectedFinding:
    """The 70/80/90 score thresholds: the 自评价参考 words them as advice (建议…), a warning."""
    return _eligibility(rule, "digital_transformation_score", "warning")


def _build() -> list[Dossier]:
    dossiers: list[Dossier] = []

    def add(name: str, description: str, files: list[SampleFile], *expected: ExpectedFinding) -> None:
        dossiers.append(Dossier(name, description, tuple(files), tuple(expected), program=PROGRAM, as_of=AS_OF))

    clean = DeclarationData.build(CHENGRUI, "先进级", 3, ADVANCED_ANSWERS, sc.ADVANCED_16, INVESTMENT)
    add("clean", "先进级，16个场景覆盖生产作业、生产管理、运营管理，成熟度3级，自评价表第5题不涉及，得分72.2与表一致",
        _files(clean))
    add("clean_xlsx", "同基准样例，自评价表另以Excel文件提交（申报书中只写见附件）",
        _files(dataclasses.replace(clean, self_assessment_inline=False), self_file="xlsx"))
    add("scanned_self_assessment", "同基准样例，自评价表为盖章后扫描的PDF页面",
        _files(dataclasses.replace(clean, self_assessment_inline=False), self_file="scan"))

    # 第6题 等级4、非常符合 的分段为 [54, 60)，填了 50；综合得分按含 50 的表重算，仍一致。
    off_band = with_row(ADVANCED_ANSWERS, 6, score=50)
    add("score_out_of_band", "自评价表第6题等级4、非常符合却打50分（应在54–60分段）",
        _files(dataclasses.replace(clean, self_assessment=off_band, score=str(overall_score(off_band)))),
        ExpectedFinding("VALUE_OUT_OF_RANGE", None, "self_assessment_band"))

    add("total_mismatch", "申报书填写的数字化转型自评价得分76.5，按自评价表（不含不涉及此环节的题）应为72.2",
        _files(dataclasses.replace(clean, score="76.5")),
        ExpectedFinding("CALCULATION_MISMATCH", "digital_transformation_score", "self_assessment_total"))

    add("too_few_scenarios", "申报先进级，场景清单只有12个场景（要求不少于15个）",
        _files(DeclarationData.build(CHENGRUI, "先进级", 3, ADVANCED_ANSWERS, sc.ADVANCED_12, INVESTMENT)),
        _too_few("advanced_scenario_count"))

    add("missing_stage", "申报先进级，16个场景但没有运营管理环节的场景",
        _files(DeclarationData.build(CHENGRUI, "先进级", 3, ADVANCED_ANSWERS, sc.ADVANCED_NO_BUSINESS, INVESTMENT)),
        _eligibility("advanced_stage_coverage"))

    add("maturity_too_low", "申报卓越级，21个场景覆盖五个环节、得分82.6，但智能制造能力成熟度自评价仅2级",
        _files(DeclarationData.build(XILAN, "卓越级", 2, EXCELLENT_ANSWERS, sc.EXCELLENT_21, XILAN_INVESTMENT)),
        _eligibility("excellent_maturity", "maturity_level"))

    add("score_below_threshold", "申报先进级，数字化转型自评价得分68（与自评价表一致），未高于70分",
        _files(DeclarationData.build(CHENGRUI, "先进级", 3, BELOW_70_ANSWERS, sc.ADVANCED_16, INVESTMENT)),
        _advice("advanced_score"))

    add("investment_sum_mismatch", "数字化投入总金额2860万元，但软件系统、解决方案、硬件设备三项合计2930万元",
        _files(dataclasses.replace(clean, investment=dataclasses.replace(INVESTMENT, hardware="1110"))),
        ExpectedFinding("CALCULATION_MISMATCH", None, "investment_statement"))

    add("maturity_level_1", "申报先进级，智能制造能力成熟度自评价仅1级（要求二级及以上）",
        _files(dataclasses.replace(clean, maturity="1级")),
        _eligibility("advanced_maturity", "maturity_level"))

    add("basic_level_unmet", "申报基础级：6个场景且无生产作业环节，成熟度1级，得分52.4（一题为1级0分）",
        _files(DeclarationData.build(CHENGRUI, "基础级", 1, BASIC_LOW_ANSWERS, sc.BASIC_6_NO_OPERATION, INVESTMENT)),
        _too_few("basic_scenario_count"), _eligibility("basic_stage_coverage"),
        _eligibility("basic_maturity", "maturity_level"), _eligibility("basic_score", "digital_transformation_score"))

    add("excellent_level_unmet", "申报卓越级：18个场景且无运营管理环节，得分77.9（成熟度3级符合）",
        _files(DeclarationData.build(XILAN, "卓越级", 3, EXCELLENT_LOW_ANSWERS, sc.EXCELLENT_18_NO_BUSINESS,
                                     XILAN_INVESTMENT)),
        _too_few("excellent_scenario_count"), _eligibility("excellent_stage_coverage"),
        _advice("excellent_score"))

    add("leading_level_unmet", "申报领航级：22个场景且无研发设计环节，成熟度3级，得分88.1",
        _files(DeclarationData.build(XILAN, "领航级", 3, LEADING_LOW_ANSWERS, sc.LEADING_22_NO_RD, XILAN_INVESTMENT)),
        _too_few("leading_scenario_count"), _eligibility("leading_stage_coverage"),
        _eligibility("leading_maturity", "maturity_level"), _advice("leading_score"))

    # The declaration names a sister company and its code; the licence is the applicant's own.
    # Seed 001 asks for no licence: when one is supplied the comparison is a warning.
    add("licence_mismatch", "申报书企业名称和统一社会信用代码与营业执照不一致",
        _files(dataclasses.replace(clean, company_name="常州澄瑞精密传动科技有限公司",
                                   uscc=make_uscc("91", "320412", org_code("MA1XK9R6"))), licence_of=CHENGRUI),
        ExpectedFinding("INCONSISTENT_VALUE", "company_name", severity="warning"),
        ExpectedFinding("INCONSISTENT_VALUE", "uscc", severity="warning"))

    bad = dataclasses.replace(CHENGRUI, company=dataclasses.replace(
        CHENGRUI.company, uscc=corrupt_check_char(CHENGRUI.company.uscc)))
    add("invalid_uscc", "统一社会信用代码校验位错误（申报书与营业执照一致）",
        _files(dataclasses.replace(clean, applicant=bad, uscc=bad.company.uscc)),
        ExpectedFinding("INVALID_IDENTIFIER", "uscc", severity="warning"))

    # The row names a scenario the enterprise has only planned: the claim is not borne out.
    planned = tuple(dataclasses.replace(x, content=sc.PLANNED_ONLY[x.name]) if x.name in sc.PLANNED_ONLY else x
                    for x in sc.ADVANCED_16)
    add("unevidenced_scenario", "场景清单列了“工艺动态优化”，但其建设内容只写了明年的计划，材料中没有已建成的佐证",
        _files(DeclarationData.build(CHENGRUI, "先进级", 3, ADVANCED_ANSWERS, planned, INVESTMENT)),
        ExpectedFinding("MISSING_EVIDENCE", None, "dynamic_process_optimization", severity="warning"))

    add("not_jiangsu", "浙江嘉兴注册企业（代码行政区划3304、住所浙江省），材料本身一致",
        _files(DeclarationData.build(HECHEN, "先进级", 3, ADVANCED_ANSWERS, sc.ADVANCED_16, INVESTMENT)),
        # The 要素条件 state no place of registration: a company outside Jiangsu is a warning.
        ExpectedFinding("ELIGIBILITY_FAILED", "uscc", severity="warning"))
    return dossiers


DOSSIERS: tuple[Dossier, ...] = tuple(_build())
BY_NAME: dict[str, Dossier] = {d.name: d for d in DOSSIERS}
