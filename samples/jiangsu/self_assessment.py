"""The 江苏省企业数字化转型自评价表 delivered on its own: as an Excel workbook (as exported from
a spreadsheet the applicant kept) or as a stamped, scanned page."""
from __future__ import annotations

import io
import zlib
from datetime import datetime

import numpy as np
import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side

from samples.jiangsu.form import FIRST_LEVEL, NOT_APPLICABLE, SelfRow
from samples.render.archive import pin_core_dates
from samples.render.scan import image_pdf_bytes, scanned_look
from samples.render.seal import seal_mask, stamp
from samples.render.table import CellSpec, PageFlow, RowSpec, RuledTable
from samples.render.text import draw_centered, draw_text, text_width

TITLE = "江苏省企业数字化转型自评价表"
_FIXED_CORE_TIME = datetime(2025, 9, 15, 8, 30, 0)


def self_assessment_xlsx(company_name: str, rows: tuple[SelfRow, ...]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评价表"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.merge_cells("A1:F1")
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = f"填报单位：{company_name}"
    header = ("序号", "一级指标", "二级指标", "等级", "符合程度", "自评分")
    for c, text in enumerate(header, start=1):
        cell = ws.cell(row=3, column=c, value=text)
        cell.font = Font(bold=True)
        cell.border = box
        cell.alignment = Alignment(horizontal="center")
    for i, r in enumerate(rows):
        excel_row = 4 + i
        values: tuple[object, ...] = (
            r.seq, FIRST_LEVEL[r.indicator], r.indicator,
            r.level if r.applicable else NOT_APPLICABLE,
            r.degree or None, r.score,
        )
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=excel_row, column=c, value=v)
            cell.border = box
    # 一级指标 spans its rows, as in 表1 of the 评估指标体系.
    first = [FIRST_LEVEL[r.indicator] for r in rows]
    start = 0
    for k in range(1, len(first) + 1):
        if k == len(first) or first[k] != first[start]:
            if k - 1 > start:
                ws.merge_cells(start_row=4 + start, start_column=2, end_row=4 + k - 1, end_column=2)
            start = k
    for col, width in zip("ABCDEF", (6, 16, 30, 14, 12, 10)):
        ws.column_dimensions[col].width = width
    wb.properties.creator = "Microsoft Office User"
    wb.properties.created = datetime(2025, 9, 10, 9, 0, 0)
    buf = io.BytesIO()
    wb.save(buf)
    return pin_core_dates(buf.getvalue(), _FIXED_CORE_TIME, created=_FIXED_CORE_TIME)


PAGE_W, PAGE_H = 1654, 2339
BODY = 34
COLUMNS = (120, 480, 240, 260, 254)


def _cells(r: SelfRow) -> tuple[str, ...]:
    if not r.applicable:
        return (str(r.seq), r.indicator, NOT_APPLICABLE, "", "")
    return (str(r.seq), r.indicator, str(r.level), r.degree, str(r.score))


def self_assessment_scan_pdf(company_name: str, rows: tuple[SelfRow, ...]) -> bytes:
    rng = np.random.default_rng(zlib.crc32(("self-scan|" + company_name).encode()))
    flow = PageFlow(PAGE_W, PAGE_H, margin_x=150, margin_top=180, margin_bottom=200)
    draw = flow.draw
    draw_centered(draw, PAGE_W / 2, flow.y, TITLE, 52, bold=True, tracking=4)
    flow.y += 130
    draw_text(draw, (flow.margin_x, flow.y), f"填报单位（盖章）：{company_name}", BODY)
    flow.y += 80
    header = ("序号", "二级指标", "等级", "符合程度", "自评分")
    table_rows = [RowSpec(tuple(CellSpec(i, 1, t, "center") for i, t in enumerate(header)))]
    for r in rows:
        table_rows.append(RowSpec(tuple(CellSpec(i, 1, t, "left" if i == 1 else "center")
                                        for i, t in enumerate(_cells(r)))))
    RuledTable(list(COLUMNS), font_size=BODY).paint(flow, table_rows)
    flow.y += 40
    flow.paragraph("说明：等级填写题目中的等级序号；“不涉及此环节”仅第1、5、6题可选，"
                   "该题不计分，其权重平均分配到其他题目。", 28)
    right = PAGE_W - flow.margin_x
    y = flow.y + 120
    when = "2025年9月15日"
    draw_text(draw, (right - text_width(when, BODY) - 60, y), when, BODY)
    mask = seal_mask(300, company_name, rng)
    stamp(flow.page, mask, (int(right - 200 + rng.integers(-15, 15)), int(y - 20 + rng.integers(-10, 10))),
          rotation=float(rng.uniform(-12, 12)))
    pages = [scanned_look(p, rng, max_skew_deg=0.4) for p in flow.pages]
    return image_pdf_bytes(pages, datetime(2025, 9, 15, 16, 12, 5), quality=82)
