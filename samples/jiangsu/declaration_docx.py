"""The 江苏省智能工厂梯度建设申报书 as a Word file.

Layout (the contract with the field and table readers): title; heading 一、企业基本情况 with a
two-column label/value table (申报等级 as ☑/□ options); heading 二、数字化投入规模 with a
label/value table (总额, 2024年, as seed 001 asks) and a sentence itemising the total into
软件系统、解决方案、硬件设备; heading 三、企业数字化转型自评价 with the 5-column self-assessment
table (or a line pointing to the separate file); heading 四、智能工厂建设场景清单 with a note and the
4-column scenario table; heading 五、真实性承诺.
"""
from __future__ import annotations

import io
from datetime import datetime

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from docx.table import Table

from samples.render.docx import a4_document, add_heading, add_title
from samples.jiangsu.form import LEVELS, NOT_APPLICABLE, DeclarationData, SelfRow
from samples.render.archive import normalize_zip

TITLE = "江苏省智能工厂梯度建设申报书"
SCENARIO_NOTE = ("注：“环节”填写工厂建设、研发设计、生产作业、生产管理、运营管理之一；场景名称按《江苏省智能工厂"
                 "梯度建设典型场景企业自评价参考（2025年版）》填写，并简要说明建设内容。")
SELF_ASSESSMENT_NOTE = ("按《江苏省企业数字化转型通用评估指标体系（2025年版）》逐项自评：等级填写题目中的等级序号，"
                        "符合程度填写基本符合、比较符合或非常符合，自评分在表3对应分段内填写。")
SEPARATE_SELF_ASSESSMENT = "企业数字化转型自评价表见附件《江苏省企业数字化转型自评价表》。"
PLEDGE = ("本企业承诺：所填报内容及提供的材料真实、准确、完整，近三年未发生重大及以上安全、环保、质量事故（事件），"
          "未被列入严重失信主体名单。如有不实，愿承担相应责任。")


def _options(ticked: str) -> str:
    return "   ".join(("☑" if level == ticked else "□") + level for level in LEVELS)


def _label_table(doc: DocxDocument, rows: list[tuple[str, str]], widths_mm: tuple[int, int]) -> Table:
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for r, (label, value) in enumerate(rows):
        cells = table.rows[r].cells
        cells[0].text = label
        cells[1].text = value
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for c, w in zip(cells, widths_mm):
            c.width = Mm(w)
    return table


def _grid_table(doc: DocxDocument, header: tuple[str, ...], rows: list[tuple[str, ...]],
                widths_mm: tuple[int, ...]) -> Table:
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for r, values in enumerate([header, *rows]):
        cells = table.rows[r].cells
        for c, (cell, value) in enumerate(zip(cells, values)):
            cell.text = value
            cell.width = Mm(widths_mm[c])
            if r == 0:
                cell.paragraphs[0].runs[0].bold = True
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    return table


def self_assessment_cells(row: SelfRow) -> tuple[str, str, str, str, str]:
    if not row.applicable:
        return (str(row.seq), row.indicator, NOT_APPLICABLE, "—", "—")
    return (str(row.seq), row.indicator, str(row.level), row.degree or "—", str(row.score))


def render_docx(data: DeclarationData) -> bytes:
    doc = a4_document("宋体")

    add_title(doc, TITLE)
    sub = doc.add_paragraph("（2025年）")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER

    add_heading(doc, "一、企业基本情况")
    company = data.applicant
    _label_table(doc, [
        ("企业名称", data.company_name),
        ("统一社会信用代码", data.uscc),
        ("注册地址", company.company.address),
        ("联系人", company.contact_name),
        ("联系电话", company.contact_phone),
        ("申报等级", _options(data.target_level)),
        ("智能制造能力成熟度自评价等级", data.maturity),
        ("数字化转型自评价得分", data.score),
    ], (62, 108))

    add_heading(doc, "二、数字化投入规模")
    doc.add_paragraph("数字化投入规模指企业自2014年以来，在数字化改造方面采购软件系统、解决方案和硬件设备的总金额"
                      "（不含研发人员费用）。")
    inv = data.investment
    _label_table(doc, [
        ("数字化投入总额(万元)", inv.total),
        ("2024年数字化投入(万元)", inv.y2024),
    ], (80, 90))
    doc.add_paragraph(f"自2014年以来数字化投入总金额{inv.total}万元，其中软件系统{inv.software}万元、"
                      f"解决方案{inv.solutions}万元、硬件设备{inv.hardware}万元。")

    add_heading(doc, "三、企业数字化转型自评价")
    if data.self_assessment_inline:
        doc.add_paragraph(SELF_ASSESSMENT_NOTE)
        _grid_table(doc, ("序号", "二级指标", "等级", "符合程度", "自评分"),
                    [self_assessment_cells(r) for r in data.self_assessment], (14, 62, 34, 30, 30))
    else:
        doc.add_paragraph(SEPARATE_SELF_ASSESSMENT)

    add_heading(doc, "四、智能工厂建设场景清单")
    doc.add_paragraph(SCENARIO_NOTE)
    _grid_table(doc, ("序号", "环节", "场景名称", "建设内容/说明"),
                [(str(s.seq), s.stage, s.name, s.content) for s in data.scenarios], (12, 24, 36, 98))

    add_heading(doc, "五、真实性承诺")
    doc.add_paragraph(PLEDGE)
    doc.add_paragraph(f"申报单位（盖章）：{data.company_name}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph(data.filled_on).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    props = doc.core_properties
    props.author = company.contact_name
    props.last_modified_by = company.contact_name
    props.title = ""
    props.comments = ""
    props.created = datetime(2025, 9, 12, 10, 4, 0)
    props.modified = datetime(2025, 9, 15, 17, 21, 0)
    props.revision = 4
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())
