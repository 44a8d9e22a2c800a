"""The declaration as a Word file, in three checkbox dialects.

``text``: ☑/□ characters typed into the cell; ``wingdings``: Word's Insert-Symbol boxes
(w:sym, Wingdings 2, F052 ticked / F0A3 empty); ``content_control``: Word 2010+ checkbox
content controls (w14:checkbox inside w:sdt). Readers meet all three in real uploads.
"""
from __future__ import annotations

import io
from datetime import datetime
from itertools import count
from typing import Literal

from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm
import numpy as np
from PIL import Image
from docx.document import Document as DocxDocument
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from samples.render.docx import a4_document, add_heading, add_title
from samples.chenxing.form import DeclarationData, DeclarationForm, FormTable, Options, build_form
from samples.render.archive import normalize_zip
from samples.render.seal import SEAL_RED, seal_mask

CheckboxStyle = Literal["text", "wingdings", "content_control"]

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
OPTION_GAP = "   "




class _CheckboxWriter:
    def __init__(self, style: CheckboxStyle) -> None:
        self.style = style
        self._ids = count(-1_734_560_001, -7919)  # w:id values as Word would assign: negative, unique

    def write(self, p: Paragraph, opts: Options) -> None:
        for i, label in enumerate(opts.labels):
            if label in opts.break_before:
                p.add_run().add_break()
            elif i:
                p.add_run(OPTION_GAP)
            ticked = opts.ticked(label)
            tail = label + (opts.other_text if label.endswith("：") else "")
            if self.style == "text":
                p.add_run(("☑" if ticked else "□") + tail)
                continue
            if self.style == "wingdings":
                run = p.add_run()
                sym = OxmlElement("w:sym")
                sym.set(qn("w:font"), "Wingdings 2")
                sym.set(qn("w:char"), "F052" if ticked else "F0A3")
                run._r.append(sym)
            else:
                p._p.append(self._content_control(ticked))
            p.add_run(tail)

    def _content_control(self, ticked: bool) -> BaseOxmlElement:
        glyph = "☒" if ticked else "☐"
        return parse_xml(
            f'<w:sdt xmlns:w="{_W_NS}" xmlns:w14="{_W14_NS}">'
            f"<w:sdtPr><w:id w:val=\"{next(self._ids)}\"/>"
            f'<w14:checkbox><w14:checked w14:val="{1 if ticked else 0}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
            '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" '
            f'w:hAnsi="MS Gothic" w:hint="eastAsia"/></w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>'
        )


def _set_cell(cell: _Cell, value: str | Options, boxes: _CheckboxWriter, label: bool) -> None:
    p = cell.paragraphs[0]
    if isinstance(value, Options):
        boxes.write(p, value)
    elif value:
        p.add_run(value)
    if label:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _add_table(doc: DocxDocument, spec: FormTable, boxes: _CheckboxWriter) -> None:
    table = doc.add_table(rows=len(spec.rows), cols=spec.n_cols)
    table.style = "Table Grid"
    table.autofit = False
    for r in range(len(spec.rows)):
        for c, w in enumerate(spec.widths_mm):
            table.cell(r, c).width = Mm(w)
    for c, w in enumerate(spec.widths_mm):
        table.columns[c].width = Mm(w)

    for r, row in enumerate(spec.rows):
        if row.span_label:
            table.cell(r, 0).merge(table.cell(r, 1))
            _set_cell(table.cell(r, 0), row.cells[0], boxes, label=True)
            table.cell(r, 2).merge(table.cell(r, spec.n_cols - 1))
            _set_cell(table.cell(r, 2), row.cells[1], boxes, label=False)
            continue
        if len(row.cells) == 2 and spec.n_cols > 3:
            table.cell(r, 2).merge(table.cell(r, spec.n_cols - 1))
        for k, value in enumerate(row.cells):
            _set_cell(table.cell(r, 1 + k), value, boxes, label=(k % 2 == 0))

    # Group labels: column 0 merged down over consecutive rows of one group (w:vMerge).
    r = 0
    while r < len(spec.rows):
        group = spec.rows[r].group
        end = r
        while end + 1 < len(spec.rows) and spec.rows[end + 1].group == group:
            end += 1
        if group is not None:
            merged = table.cell(r, 0).merge(table.cell(end, 0)) if end > r else table.cell(r, 0)
            _set_cell(merged, group, boxes, label=True)
        r = end + 1


def electronic_seal_png(name: str, seed: int = 2022) -> bytes:
    """The company's electronic seal (电子印章) as a transparent PNG: red ink, alpha = ink."""
    mask = seal_mask(315, name, np.random.default_rng(seed))
    img = Image.new("RGBA", mask.size, (*SEAL_RED, 0))
    img.putalpha(mask)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def render_docx(form: DeclarationForm, style: CheckboxStyle, author: str, seal_name: str = "") -> bytes:
    """``seal_name``: the company whose electronic seal is pasted after the 申报单位（盖章）
    line (the seed: 将盖章后的电子申报材料提报); empty: no seal."""
    doc = a4_document("宋体")  # 小四

    add_title(doc, form.title)
    for line in form.cover:
        p = doc.add_paragraph(line)
        if seal_name and "（盖章）" in line:
            p.add_run().add_picture(io.BytesIO(electronic_seal_png(seal_name)), width=Mm(40))

    boxes = _CheckboxWriter(style)
    for heading, spec in form.sections:
        add_heading(doc, heading)
        _add_table(doc, spec, boxes)
    add_heading(doc, form.closing_heading)
    for line in form.closing_lines:
        doc.add_paragraph(line)

    props = doc.core_properties
    props.author = author
    props.last_modified_by = author
    props.title = ""
    props.comments = ""
    props.created = datetime(2022, 12, 14, 9, 12, 0)
    props.modified = datetime(2022, 12, 15, 16, 38, 0)
    props.revision = 3
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


def declaration_docx(data: DeclarationData, style: CheckboxStyle = "text", sealed: bool = True) -> bytes:
    """The declaration as submitted: with the company's electronic seal unless ``sealed`` is
    False. The seal carries the name on the cover (申报单位（盖章）)."""
    return render_docx(build_form(data), style, author=data.contact_name,
                       seal_name=(data.cover_name or data.company_name) if sealed else "")
