"""附录2 企业设备系统购置情况一览表 as an applicant delivers it: an Excel sheet (usual), a
Word table, or a text PDF exported from Excel.

Columns are the seed's (shared/seeds/002 L375), prices in 万元 as its header says. A 合计
row closes the table (台套数 summed over every row, as Excel's SUM would); yes/no cells are
written three ways in blocks of rows (是/否, √/×, Y/N), the way lists merged from several
departments look.
"""
from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from samples.render.docx import east_asian
from samples.render.archive import normalize_zip, pin_core_dates
from samples.render.fonts import reportlab_font
from samples.zhejiang.company import EquipmentRow, investment_wan, money_text

TITLE = "企业设备系统购置情况一览表"
HEADER = (
    "序号", "设备系统名称", "规格型号", "购置时间（按发票日期）", "设备系统一级分类名称", "设备系统二级分类名称",
    "设备系统三级分类名称", "设备系统单价（万元）", "设备系统台套数", "是否国产", "是否联网", "是否支持数据采集",
    "是否支持信息接收",
)
YES_NO_STYLES: tuple[tuple[str, str], ...] = (("是", "否"), ("√", "×"), ("Y", "N"))
FILL_DATE = "2024年06月18日"


def yes_no_style(index: int, n_rows: int) -> tuple[str, str]:
    """Rows split into three nearly equal blocks, one spelling each."""
    block = min(index * len(YES_NO_STYLES) // max(n_rows, 1), len(YES_NO_STYLES) - 1)
    return YES_NO_STYLES[block]


def row_cells(index: int, row: EquipmentRow, n_rows: int) -> list[str]:
    yes, no = yes_no_style(index, n_rows)

    def flag(value: bool) -> str:
        return yes if value else no

    return [
        str(index + 1), row.name, row.model, row.purchased.isoformat(), row.category_1, row.category_2,
        row.category_3, f"{row.unit_price_wan:.2f}", str(row.quantity), flag(row.domestic), flag(row.networked),
        flag(row.data_collection), flag(row.info_receiving),
    ]


def total_cells(rows: tuple[EquipmentRow, ...]) -> list[str]:
    return ["合计", "", "", "", "", "", "", "", str(sum(r.quantity for r in rows)), "", "", "", ""]


def note_line(rows: tuple[EquipmentRow, ...]) -> str:
    return f"注：设备系统购置金额合计{money_text(investment_wan(rows))}万元（按单价×台套数计）。"


# -- Excel ---------------------------------------------------------------------------------

def equipment_xlsx(company_name: str, rows: tuple[EquipmentRow, ...]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "设备清单"
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.cell(1, 1, TITLE).font = Font(name="宋体", size=16, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=7)
    ws.cell(2, 1, f"填报单位（盖章）：{company_name}")
    ws.merge_cells(start_row=2, start_column=8, end_row=2, end_column=len(HEADER))
    ws.cell(2, 8, f"填报日期：{FILL_DATE}").alignment = Alignment(horizontal="right")
    for c, label in enumerate(HEADER, start=1):
        cell = ws.cell(3, c, label)
        cell.font = Font(name="宋体", size=10, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
    for i, row in enumerate(rows):
        r = 4 + i
        texts = row_cells(i, row, len(rows))
        values: list[object] = [i + 1, row.name, row.model, datetime.combine(row.purchased, datetime.min.time()),
                                row.category_1, row.category_2, row.category_3, float(row.unit_price_wan),
                                row.quantity, *texts[9:]]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value)
            cell.border = box
            cell.font = Font(name="宋体", size=10)
            if c == 4:
                cell.number_format = "yyyy-mm-dd"
            elif c == 8:
                cell.number_format = "0.00"
            if c != 2:
                cell.alignment = Alignment(horizontal="center")
    total_row = 4 + len(rows)
    for c, value in enumerate(total_cells(rows), start=1):
        cell = ws.cell(total_row, c, int(value) if c == 9 else (value or None))
        cell.border = box
        cell.font = Font(name="宋体", size=10, bold=True)
    ws.cell(total_row + 2, 1, note_line(rows))
    for c, width in enumerate((6, 26, 14, 14, 20, 18, 26, 12, 10, 8, 8, 10, 10), start=1):
        ws.column_dimensions[chr(64 + c)].width = width
    ws.row_dimensions[3].height = 30
    props = wb.properties
    props.creator = "郑晓东"
    props.lastModifiedBy = "郑晓东"
    props.created = datetime(2024, 6, 14, 10, 20, 0)
    # openpyxl overwrites props.modified while saving: keep the time to pin it back.
    modified = props.modified = datetime(2024, 6, 18, 16, 5, 0)
    buf = io.BytesIO()
    wb.save(buf)
    return pin_core_dates(buf.getvalue(), modified)


# -- Word ----------------------------------------------------------------------------------

def equipment_docx(company_name: str, rows: tuple[EquipmentRow, ...]) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(12)
    section.top_margin = section.bottom_margin = Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(9)
    east_asian(normal.element, "宋体")
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(16)
    doc.add_paragraph(f"填报单位（盖章）：{company_name}        填报日期：{FILL_DATE}")
    table = doc.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, HEADER):
        cell.text = label
        cell.paragraphs[0].runs[0].bold = True
    for i, row in enumerate(rows):
        for cell, text in zip(table.add_row().cells, row_cells(i, row, len(rows))):
            cell.text = text
    for cell, text in zip(table.add_row().cells, total_cells(rows)):
        cell.text = text
    doc.add_paragraph(note_line(rows))
    props = doc.core_properties
    props.author = "郑晓东"
    props.last_modified_by = "郑晓东"
    props.title = ""
    props.comments = ""
    props.created = datetime(2024, 6, 14, 10, 20, 0)
    props.modified = datetime(2024, 6, 18, 16, 5, 0)
    props.revision = 4
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


# -- PDF (text layer, ruled table) -----------------------------------------------------------

def equipment_pdf(company_name: str, rows: tuple[EquipmentRow, ...]) -> bytes:
    """One landscape page: header cells wrap, data cells are sized not to (a continuation
    table on a second page is a different difficulty, not this sample's)."""
    font = reportlab_font()
    size = 6.5
    head = ParagraphStyle("h", fontName=font, fontSize=size, leading=8, alignment=TA_CENTER)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
        bottomMargin=12 * mm, invariant=1, title=TITLE, author="", creator="Microsoft Excel", subject="",
    )
    data: list[list[object]] = [[Paragraph(h, head) for h in HEADER]]
    data += [row_cells(i, row, len(rows)) for i, row in enumerate(rows)]
    data.append(total_cells(rows))
    widths_mm = (8, 37, 21, 17, 29, 30, 41, 15, 14, 11, 11, 14, 14)
    table = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (7, 1), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
    ]))
    title = ParagraphStyle("t", fontName=font, fontSize=15, leading=20, alignment=TA_CENTER)
    meta = ParagraphStyle("m", fontName=font, fontSize=9, leading=12)
    story = [
        Paragraph(TITLE, title), Spacer(1, 2 * mm),
        Paragraph(f"填报单位（盖章）：{company_name}　　　　填报日期：{FILL_DATE}", meta), Spacer(1, 2 * mm),
        table, Spacer(1, 3 * mm), Paragraph(note_line(rows), meta),
    ]
    doc.build(story)
    return buf.getvalue()
