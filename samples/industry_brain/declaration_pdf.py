"""The 产业大脑 declaration as a text PDF (reportlab, real text layer): the same form with
the figures bare and the unit in a 单位 column, as an applicant exports it from Excel/WPS."""
from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from samples.industry_brain.form import NOTE, PLEDGE, SUBTITLE, TITLE, BrainDeclaration
from samples.render.fonts import reportlab_font

INDICATOR_HEADER = ("编号", "指标名称", "指标值", "单位")


class _Styles:
    def __init__(self) -> None:
        font = reportlab_font()
        self.font = font
        self.title = ParagraphStyle("t", fontName=font, fontSize=18, leading=26, alignment=TA_CENTER)
        self.subtitle = ParagraphStyle("st", fontName=font, fontSize=13, leading=20, alignment=TA_CENTER)
        self.heading = ParagraphStyle("h", fontName=font, fontSize=14, leading=22, spaceBefore=6, spaceAfter=4)
        self.body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
        self.cell = ParagraphStyle("c", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
        self.cell_c = ParagraphStyle("cc", parent=self.cell, alignment=TA_CENTER)


def _grid(st: _Styles) -> list[tuple]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), st.font),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]


def _cover(st: _Styles, decl: BrainDeclaration, width: float) -> Table:
    data: list[list[object]] = []
    spans: list[tuple] = []
    for r, pairs in enumerate(decl.cover_rows()):
        if len(pairs) == 1:
            label, value = pairs[0]
            data.append([Paragraph(label, st.cell_c), Paragraph(value, st.cell), "", ""])
            spans.append(("SPAN", (1, r), (3, r)))
        else:
            data.append([Paragraph(pairs[0][0], st.cell_c), Paragraph(pairs[0][1], st.cell),
                         Paragraph(pairs[1][0], st.cell_c), Paragraph(pairs[1][1], st.cell)])
    w = [0.22, 0.3, 0.16, 0.32]
    return Table(data, colWidths=[width * k for k in w], style=TableStyle(_grid(st) + spans))


def _indicators(st: _Styles, decl: BrainDeclaration, width: float) -> Table:
    data: list[list[object]] = [[Paragraph(h, st.cell_c) for h in INDICATOR_HEADER]]
    extra: list[tuple] = [("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]
    group = None
    for ind in decl.indicator_rows():
        if ind.group != group:
            group = ind.group
            r = len(data)
            data.append([Paragraph(group, st.cell), "", "", ""])
            extra.append(("SPAN", (0, r), (3, r)))
        value, unit = decl.value_cells(ind, "unit_column")
        data.append([Paragraph(ind.id, st.cell_c), Paragraph(ind.name, st.cell_c),
                     Paragraph(value, st.cell), Paragraph(unit, st.cell_c)])
    w = [0.11, 0.3, 0.47, 0.12]
    return Table(data, colWidths=[width * k for k in w], repeatRows=1, style=TableStyle(_grid(st) + extra))


def declaration_pdf(decl: BrainDeclaration) -> bytes:
    st = _Styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm, bottomMargin=22 * mm,
        invariant=1, title=TITLE, author="", creator="WPS 文字", subject="",
    )
    story: list[Flowable] = [
        Paragraph(TITLE, st.title), Paragraph(SUBTITLE, st.subtitle), Spacer(1, 4 * mm),
        Paragraph("一、基本信息", st.heading), _cover(st, decl, doc.width),
        Paragraph("二、评价指标", st.heading), Paragraph(NOTE, st.body), Spacer(1, 2 * mm),
        _indicators(st, decl, doc.width),
        Paragraph("三、承诺", st.heading), Paragraph(PLEDGE, st.body),
        Paragraph(f"填报日期：{decl.fill_date}", st.body),
    ]
    doc.build(story)
    return buf.getvalue()
