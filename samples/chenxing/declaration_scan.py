"""The declaration printed, stamped and scanned: an image-only PDF at 200 dpi.

Same :class:`DeclarationForm` as the DOCX, drawn with ruled tables and drawn checkboxes,
the company seal on the cover next to 申报单位, slight skew and scanner noise.
"""
from __future__ import annotations

from datetime import datetime

import numpy as np
from PIL import Image, ImageDraw

from samples.chenxing.company_profile import Company
from samples.chenxing.form import DeclarationData, DeclarationForm, FormTable, Options, build_form
from samples.render.scan import image_pdf_bytes, scanned_look
from samples.render.seal import seal_mask, stamp
from samples.render.table import Box, CellSpec, PageFlow, RowSpec, RuledTable
from samples.render.text import draw_centered, draw_text, text_width

DPI = 200
PAGE_W, PAGE_H = 1654, 2339  # A4 at 200 dpi
BODY = 32  # px; about 11.5 pt at 200 dpi, comfortably above what OCR needs
PX_PER_MM = DPI / 25.4


def _content(value: str | Options) -> str | tuple[Box, ...]:
    if isinstance(value, str):
        return value
    return tuple(
        Box(label, value.ticked(label), value.other_text if label.endswith("：") else "",
            newline=label in value.break_before)
        for label in value.labels
    )


def _rows(spec: FormTable) -> list[RowSpec]:
    rows = []
    for row in spec.rows:
        cells: list[CellSpec] = []
        if row.span_label:
            cells.append(CellSpec(0, 2, _content(row.cells[0]), "center"))
            cells.append(CellSpec(2, spec.n_cols - 2, _content(row.cells[1])))
        elif len(row.cells) == 2:
            cells.append(CellSpec(1, 1, _content(row.cells[0]), "center"))
            cells.append(CellSpec(2, spec.n_cols - 2, _content(row.cells[1])))
        else:
            for k, value in enumerate(row.cells):
                cells.append(CellSpec(1 + k, 1, _content(value), "center" if k % 2 == 0 else "left"))
        rows.append(RowSpec(tuple(cells), row.group))
    return rows


def render_pages(form: DeclarationForm, company: Company, seed: int) -> list[Image.Image]:
    rng = np.random.default_rng(seed)
    flow = PageFlow(PAGE_W, PAGE_H, margin_x=130, margin_top=150, margin_bottom=180)
    draw_centered(flow.draw, PAGE_W / 2, flow.y + 30, form.title, 52, bold=True)
    flow.y += 185
    seal_at: tuple[int, int] | None = None
    for i, line in enumerate(form.cover):
        draw_text(flow.draw, (flow.margin_x + 40, flow.y), line, 36)
        if i == 0:
            end = flow.margin_x + 40 + text_width(line, 36)
            # Over the end of the company name, clear of the code line below it.
            seal_at = (int(end + 90 + rng.integers(-15, 15)), int(flow.y + 40 + rng.integers(-10, 10)))
        flow.y += 68
    flow.y += 40

    for heading, spec in form.sections:
        if flow.room() < 300:
            flow.new_page()
        draw_text(flow.draw, (flow.margin_x, flow.y), heading, 36, bold=True)
        flow.y += 70
        widths = [round(w * PX_PER_MM) for w in spec.widths_mm]
        RuledTable(widths, font_size=BODY).paint(flow, _rows(spec))
        flow.y += 40
    if flow.room() < 200:
        flow.new_page()
    draw_text(flow.draw, (flow.margin_x, flow.y), form.closing_heading, 36, bold=True)
    flow.y += 70
    for line in form.closing_lines:
        flow.paragraph(line, BODY, indent=40)

    pages = flow.pages
    for n, page in enumerate(pages, start=1):
        draw_centered(ImageDraw.Draw(page),
                      PAGE_W / 2, PAGE_H - 120, f"— {n} —", 28)
    if seal_at is not None:
        mask = seal_mask(315, company.name, rng, code_text=company.seal_code)
        stamp(pages[0], mask, seal_at, rotation=float(rng.uniform(-18, 18)))
    return [scanned_look(p, rng, max_skew_deg=0.5) for p in pages]


def declaration_scan_pdf(data: DeclarationData, company: Company, seed: int) -> bytes:
    pages = render_pages(build_form(data), company, seed)
    return image_pdf_bytes(pages, datetime(2022, 12, 16, 10, 21, 7), dpi=DPI, quality=82)
