"""The sample dossiers of sd-industry-brain: which files each holds and what a checker must
find in it (judged as of 2023-06-30).

Each dossier is one declaration: the clean DOCX (unit written with every figure), the same
form as a text PDF (figures bare, units in a 单位 column), or the DOCX with one kind of
defect. Expected findings follow samples/README.md: the exact multiset of errors and
warnings; field findings carry the field key, rule findings the rule id.
"""
from __future__ import annotations

import functools

from collections.abc import Callable

from samples.industry_brain.declaration_docx import declaration_docx
from samples.industry_brain.declaration_pdf import declaration_pdf
from samples.industry_brain.form import BrainDeclaration
from samples.industry_brain.indicators import Answer
from samples.model import Dossier, ExpectedFinding, SampleFile
from samples.memo import cached

PROGRAM = "sd-industry-brain"
AS_OF = "2023-06-30"

CLEAN = BrainDeclaration()
# 产业规模 written in 万元 instead of 亿元; 产业链企业数量 with no unit at all.
# A 万元 figure that converts to the 亿元 the seed prints is right (domain facts: amounts in
# 元/万元/亿元 that convert exactly); a unit of another quantity (万吨) is not.
WRONG_UNITS = CLEAN.replace_answers(L1P1=Answer("3,486.2", "万吨"), L1P4=Answer("1,268", None))
# Totals written with their breakdown in the cell, the parts not adding up (L1P4: 上中下游;
# L3P3: 高层次人才 + 专业技能人才, the seed's own two parts).
BREAKDOWN_MISMATCH = CLEAN.replace_answers(
    L1P4=Answer("1,268", "家", inline="1,268家（其中上游企业300家、中游企业500家、下游企业400家）"),
    L3P3=Answer("5,600", "人", inline="5,600人（其中高层次人才600人、专业技能人才4,800人）"))
# 产业集聚度 above 100%.
PERCENT_OUT_OF_RANGE = CLEAN.replace_answers(L1P10=Answer("135", "%"))
# 行业数据仓 and DCMM认证企业数量 left blank.
MISSING_VALUES = CLEAN.replace_answers(L2P3=Answer("", None), L4P4=Answer("", None))

def _cached(kind: str, decl: BrainDeclaration, fn: Callable[[BrainDeclaration], bytes]) -> Callable[[], bytes]:
    # BrainDeclaration holds a dict, so it is not hashable: the memo keys on its repr.
    return cached(kind, decl, functools.partial(fn, decl))


def _docx(decl: BrainDeclaration) -> SampleFile:
    return SampleFile("申报书.docx", "declaration_docx", _cached("docx", decl, declaration_docx))


def _build() -> list[Dossier]:
    out: list[Dossier] = []

    def add(name: str, description: str, files: list[SampleFile], *expected: ExpectedFinding) -> None:
        out.append(Dossier(name, description, tuple(files), tuple(expected), program=PROGRAM, as_of=AS_OF))

    add("clean", "32项指标齐全、单位随数值填写的基准申报书（DOCX）", [_docx(CLEAN)])
    add("text_pdf", "同一申报书导出为文本型PDF，数值与单位分列（单位栏）",
        [SampleFile("申报书.pdf", "declaration_pdf", _cached("pdf", CLEAN, declaration_pdf))])
    add("wrong_units", "产业规模填为“3,486.2万吨”（应为亿元），产业链企业数量未注明单位",
        [_docx(WRONG_UNITS)],
        ExpectedFinding("INVALID_UNIT", "l1p1_industry_scale"),
        ExpectedFinding("INVALID_UNIT", "l1p4_chain_enterprises"))
    add("percent_out_of_range", "产业集聚度填为135%，超出0–100%",
        [_docx(PERCENT_OUT_OF_RANGE)],
        ExpectedFinding("VALUE_OUT_OF_RANGE", "l1p10_industry_concentration", "l1p10_percent_range"))
    add("breakdown_mismatch", "产业链企业数量、数字人才数量与括注的分项之和不符",
        [_docx(BREAKDOWN_MISMATCH)],
        ExpectedFinding("CALCULATION_MISMATCH", "l1p4_chain_enterprises", "l1p4_sum_of_stages"),
        ExpectedFinding("CALCULATION_MISMATCH", "l3p3_digital_talents", "l3p3_sum_of_talents"))
    add("missing_values", "行业数据仓、DCMM认证企业数量两项指标未填写",
        [_docx(MISSING_VALUES)],
        # An evaluation index: an indicator without its figure loses its score (warning).
        ExpectedFinding("MISSING_FIELD", "l2p3_sector_data_warehouse", severity="warning"),
        ExpectedFinding("MISSING_FIELD", "l4p4_dcmm_enterprises", severity="warning"))
    return out


DOSSIERS: tuple[Dossier, ...] = tuple(_build())
BY_NAME: dict[str, Dossier] = {d.name: d for d in DOSSIERS}
