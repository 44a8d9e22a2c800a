"""The 产业大脑 declaration as a Word file (unit written with each figure)."""
from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from samples.render.docx import a4_document, add_heading, east_asian
from samples.industry_brain.form import NOTE, PLEDGE, SUBTITLE, TITLE, BrainDeclaration
from samples.render.archive import normalize_zip

COVER_WIDTHS_MM = (38, 52, 28, 52)
INDICATOR_WIDTHS_MM = (30, 16, 52, 72)
INDICATOR_HEADER = ("类型", "编号", "指标名称", "指标值")


def _put(cell: _Cell, text: str, centre: bool = False, bold: bool = False) -> None:
    p = cell.paragraphs[0]
    if text:
        run = p.add_run(text)
        run.bold = bold
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _widths(table: Table, widths: tuple[int, ...]) -> None:
    table.autofit = False
    for row in table.rows:
        for c, w in enumerate(widths):
            row.cells[c].width = Mm(w)
    for c, w in enumerate(widths):
        table.columns[c].width = Mm(w)


def _cover_table(doc: Document, decl: BrainDeclaration) -> None:
    rows = decl.cover_rows()
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    _widths(table, COVER_WIDTHS_MM)
    for r, pairs in enumerate(rows):
        if len(pairs) == 1:
            table.cell(r, 1).merge(table.cell(r, 3))
            _put(table.cell(r, 0), pairs[0][0], centre=True)
            _put(table.cell(r, 1), pairs[0][1])
            continue
        for k, (label, value) in enumerate(pairs):
            _put(table.cell(r, 2 * k), label, centre=True)
            _put(table.cell(r, 2 * k + 1), value)


def _indicator_table(doc: Document, decl: BrainDeclaration) -> None:
    inds = decl.indicator_rows()
    table = doc.add_table(rows=len(inds) + 1, cols=4)
    table.style = "Table Grid"
    _widths(table, INDICATOR_WIDTHS_MM)
    for c, text in enumerate(INDICATOR_HEADER):
        _put(table.cell(0, c), text, centre=True, bold=True)
    for r, ind in enumerate(inds, start=1):
        value, _ = decl.value_cells(ind, "unit_in_value")
        _put(table.cell(r, 1), ind.id, centre=True)
        _put(table.cell(r, 2), ind.name, centre=True)
        _put(table.cell(r, 3), value)
    # 类型 merged down over its indicators (w:vMerge), as the seed's table prints it.
    r = 1
    while r <= len(inds):
        end = r
        while end < len(inds) and inds[end].group == inds[r - 1].group:
            end += 1
        merged = table.cell(r, 0).merge(table.cell(end, 0)) if end > r else table.cell(r, 0)
        _put(merged, inds[r - 1].group, centre=True)
        r = end + 1


def declaration_docx(decl: BrainDeclaration) -> bytes:
    doc = a4_document("宋体")

    for text, size in ((TITLE, 18), (SUBTITLE, 14)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold = size == 18
        run.font.size = Pt(size)
        east_asian(run._r, "黑体")

    add_heading(doc, "一、基本信息")
    _cover_table(doc, decl)
    add_heading(doc, "二、评价指标")
    doc.add_paragraph(NOTE)
    _indicator_table(doc, decl)
    add_heading(doc, "三、承诺")
    doc.add_paragraph(PLEDGE)
    doc.add_paragraph(f"填报日期：{decl.fill_date}")

    props = doc.core_properties
    props.author = decl.contact_name
    props.last_modified_by = decl.contact_name
    props.title = ""
    props.comments = ""
    props.created = datetime(2023, 6, 19, 9, 5, 0)
    props.modified = datetime(2023, 6, 20, 15, 12, 0)
    props.revision = 2
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue(), date_time=(2023, 6, 20, 15, 12, 0))
