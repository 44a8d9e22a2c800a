"""pdfplumber's table finder on a layout of the page's drawing only: no characters are
laid out, and the tables (cells, boxes, text from pdfium) are the same as with the full
layout, for a table drawn on the page and one drawn inside a form XObject; a page
pdfminer cannot parse keeps its text (from pdfium) and has no tables."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdfminer.psexceptions import PSEOF
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractor.pdf.ruled_tables import parse_drawing_only
from tests.extractor.test_pdf_extractor import text_pdf


def _form_table_pdf(path: Path) -> Path:
    """A 3×2 ruled table with text in its cells, drawn inside a form XObject, and a
    heading outside it."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("WQY", 12)
    c.drawString(72, 780, "设备清单")
    c.beginForm("grid")
    xs, ys = [72, 250, 420], [740, 710, 680, 650]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for r, (name, count) in enumerate([("设备名称", "数量"), ("数控机床", "12"), ("工业机器人", "8")]):
        c.drawString(xs[0] + 4, ys[r] - 20, name)
        c.drawString(xs[1] + 4, ys[r] - 20, count)
    c.endForm()
    c.doForm("grid")
    c.showPage()
    c.save()
    return path


def _tables(page: pdfplumber.page.Page) -> list[tuple]:
    return [(t.bbox, [r.cells for r in t.rows]) for t in page.find_tables()]


def test_drawing_only_layout_finds_the_same_tables_without_characters(tmp_path: Path) -> None:
    for path in (text_pdf(tmp_path / "text.pdf"), _form_table_pdf(tmp_path / "form.pdf")):
        with pdfplumber.open(path) as full, pdfplumber.open(path) as drawing:
            page = drawing.pages[0]
            parse_drawing_only(page)
            assert full.pages[0].chars and not page.chars
            assert page.edges == full.pages[0].edges
            found = _tables(page)
            assert found and found == _tables(full.pages[0])


def test_an_already_laid_out_page_is_left_as_it_is(tmp_path: Path) -> None:
    with pdfplumber.open(text_pdf(tmp_path / "text.pdf")) as pdf:
        page = pdf.pages[0]
        assert page.chars
        layout = page.layout
        parse_drawing_only(page)
        assert page.layout is layout and page.chars


def test_a_page_pdfminer_cannot_parse_keeps_its_text_without_tables(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.pdf_extractor as pdf_extractor
    from extractor.base import ExtractContext
    from extractor.registry import extract_file

    def broken(page: object) -> None:
        raise PSEOF("Unexpected EOF")

    monkeypatch.setattr(pdf_extractor, "parse_drawing_only", broken)
    doc = extract_file(text_pdf(tmp_path / "申报书.pdf"), "申报书.pdf", ExtractContext())
    assert doc.error is None and not doc.tables
    assert "济南晨星智能制造有限公司" in doc.pages[0].text
