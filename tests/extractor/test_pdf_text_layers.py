"""PDF text layers that lie, on one small generated form and its twins made by
samples.variants.pdf_layers: a scan with a hidden OCR layer (right and 30 % wrong), the
form with its tick marks written last, garbled layers, and the form itself."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A5
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractor.base import ExtractContext
from extractor.ocr.base import OcrLine
from extractor.ocr.rapid_engine import RapidOcrEngine
from extractor.pdf.layer_check import mojibake_chars
from extractor.pdf.layer_compare import HiddenChar, reconcile
from extractor.pdf.objects import symbol_font_key
from extractor.pdf_extractor import PdfExtractor
from tests.extractor.test_pdf_extractor import ctx_for
from models import Document
from samples.render.fonts import reportlab_font
from samples.variants.pdf_layers import (
    garbled_text_layer,
    move_marks_last,
    printed_pdf_with_late_ticks,
    scanned_with_text_layer,
    wingdings_marks,
)

MARK_FONT = "DejaVuSansMarks"
pdfmetrics.registerFont(TTFont(MARK_FONT, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
PAGE_W, PAGE_H = A5
FIELDS = [("企业名称", "济南晨星智能制造有限公司"), ("统一社会信用代码", "91370100MA3C8X2B4K"),
          ("注册资本", "伍仟万元整")]
# (label, options, marks before labels?): 是☑ 否□ puts the mark after its label.
OPTIONS = [("高新技术企业", (("是", True), ("否", False)), False),
           ("企业规模", (("大型", False), ("中型", True), ("小型", False)), True)]
EXPECTED_BOXES = [(label, ticked) for _, opts, _ in OPTIONS for label, ticked in opts]
N_MARKS = len(EXPECTED_BOXES)


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ocr-cache")


def form_pdf(path: Path) -> Path:
    """An A5 form: title, a ruled table of labels and values, two option rows whose tick
    marks are DejaVu glyphs in their own text runs (as LibreOffice and Word write a
    symbol in another font), in reading order."""
    font = reportlab_font()
    c = canvas.Canvas(str(path), pagesize=A5, invariant=1)
    c.setFont(font, 16)
    c.drawString(40, PAGE_H - 60, "企业基本情况表")
    xs = (40, 150, PAGE_W - 40)
    rows = len(FIELDS) + len(OPTIONS)
    ys = [PAGE_H - 90 - 34 * i for i in range(rows + 1)]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for r, (label, value) in enumerate(FIELDS):
        c.setFont(font, 12)
        c.drawString(xs[0] + 6, ys[r] - 22, label)
        c.drawString(xs[1] + 6, ys[r] - 22, value)
    for k, (label, options, mark_first) in enumerate(OPTIONS):
        r = len(FIELDS) + k
        c.setFont(font, 12)
        c.drawString(xs[0] + 6, ys[r] - 22, label)
        x = xs[1] + 6
        for text, ticked in options:
            pieces = [("☑" if ticked else "□", MARK_FONT), (text, font)]
            for piece, face in pieces if mark_first else pieces[::-1]:
                c.setFont(face, 12)
                c.drawString(x, ys[r] - 22, piece)
                x += pdfmetrics.stringWidth(piece, face, 12)
            x += pdfmetrics.stringWidth("  ", font, 12)
    c.setFont(font, 11)
    c.drawString(40, ys[-1] - 30, "填表说明：以上信息由企业如实填写。")
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return form_pdf(tmp_path_factory.mktemp("form") / "form.pdf")


def boxes(doc: Document) -> list[tuple[str, bool]]:
    return [(b.label, b.checked) for b in doc.checkboxes]


def lines(doc: Document) -> list[str]:
    return [b.text for p in doc.pages for b in p.blocks]


def render(path: Path) -> np.ndarray:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return np.asarray(pdf[0].render(scale=2).to_pil().convert("L"), dtype=int)
    finally:
        pdf.close()


def stream_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()


# --- (d) a normal text PDF ----------------------------------------------------------

def test_text_form_is_read_from_its_text_layer(form: Path) -> None:
    doc = PdfExtractor().extract(form, "form.pdf", ExtractContext())
    assert doc.metadata["text_layer"] == "1:text" and doc.ocr_pages == 0
    assert len(doc.tables) == 1 and doc.tables[0].source == "text"
    rows = doc.tables[0].rows_text()
    assert rows[:3] == [list(f) for f in FIELDS]
    assert rows[3] == ["高新技术企业", "是☑ 否□"] and rows[4] == ["企业规模", "□大型 ☑中型 □小型"]
    assert boxes(doc) == EXPECTED_BOXES
    assert {(b.source, b.table_index, b.row) for b in doc.checkboxes} == {
        ("text", 0, 3), ("text", 0, 4)}


# --- (b) tick marks written after everything else ------------------------------------

@pytest.mark.parametrize("wingdings", [False, True])
def test_late_tick_marks_read_like_marks_in_order(form: Path, tmp_path: Path,
                                                  wingdings: bool) -> None:
    src = wingdings_marks(form, tmp_path / "wingdings") if wingdings else form
    if wingdings:
        # Word's Wingdings boxes: private-use codes that only the font name explains.
        assert "\uf0fe" in stream_text(src) and "☑" not in stream_text(src)
    late = tmp_path / "late.pdf"
    assert move_marks_last(src, late) == N_MARKS
    # Same picture, different stream: every mark now follows the last line of text.
    assert np.abs(render(form) - render(late)).max() == 0
    stream = stream_text(late)
    first_mark = min(stream.index(m) for m in ("☑", "□", "\uf0fe", "\uf0a8") if m in stream)
    assert stream.index("填表说明") < first_mark
    assert stream_text(form).index("☑") < stream_text(form).index("填表说明")

    in_order = PdfExtractor().extract(form, "form.pdf", ExtractContext())
    twin = PdfExtractor().extract(late, "late.pdf", ExtractContext())
    assert lines(twin) == lines(in_order)
    assert [b.bbox for p in twin.pages for b in p.blocks] == \
        [b.bbox for p in in_order.pages for b in p.blocks]
    assert [t.rows_text() for t in twin.tables] == [t.rows_text() for t in in_order.tables]
    assert [(b.label, b.checked, b.table_index, b.row, b.col) for b in twin.checkboxes] == \
        [(b.label, b.checked, b.table_index, b.row, b.col) for b in in_order.checkboxes]
    assert boxes(twin) == EXPECTED_BOXES
    assert "是☑ 否□" in lines(twin)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_word_printed_to_pdf_with_late_ticks(tmp_path: Path) -> None:
    import docx

    src = tmp_path / "申报表.docx"
    d = docx.Document()
    d.add_paragraph("企业基本情况")
    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text, table.cell(0, 1).text = "是否高新技术企业", "是☑  否□"
    table.cell(1, 0).text, table.cell(1, 1).text = "企业规模", "□大型  ☑中型  □小型"
    d.save(str(src))
    out = printed_pdf_with_late_ticks(src, tmp_path / "out")
    assert out.name == "申报表.pdf"
    stream = "".join(stream_text(out).split())
    # The marks are written after all the text in the file ...
    assert re.fullmatch(r"[^☑□]*小型[☑□]{5}", stream), stream
    doc = PdfExtractor().extract(out, out.name, ExtractContext())
    # ... and are read where they are drawn.
    assert doc.tables[0].rows_text() == [["是否高新技术企业", "是☑ 否□"],
                                         ["企业规模", "□大型 ☑中型 □小型"]]
    assert boxes(doc) == EXPECTED_BOXES


# --- (a) scans with a hidden OCR layer ----------------------------------------------

_CHOICE = re.compile(r"^1:ocr\(hidden layer (agrees|disagrees) (\d\.\d\d)\)$")


def test_scan_with_hidden_layer_is_laid_out_from_the_image(
        form: Path, tmp_path: Path, engine: RapidOcrEngine, cache: Path) -> None:
    scan = scanned_with_text_layer(form, tmp_path / "scan", seed=3)
    assert scan.name == "form.pdf"
    # The layer is there (a reader would trust it) but invisible.
    assert "济南晨星智能制造有限公司" in stream_text(scan).replace("\r\n", "")
    ctx, counting = ctx_for(engine, cache)
    doc = PdfExtractor().extract(scan, "scan.pdf", ctx)
    assert counting.calls == 1 and doc.metadata["ocr_pages"] == "1:hidden_layer"
    m = _CHOICE.match(doc.metadata["text_layer"])
    assert m and m.group(1) == "agrees" and float(m.group(2)) >= 0.8, doc.metadata
    page = doc.pages[0]
    assert page.ocr and all(b.source == "ocr" for b in page.blocks)
    # Table geometry and tick boxes come from the picture: the layer has neither.
    assert len(doc.tables) == 1 and doc.tables[0].source == "ocr"
    rows = doc.tables[0].rows_text()
    assert rows[0] == list(FIELDS[0]) and rows[1] == list(FIELDS[1])
    assert {b.source for b in doc.checkboxes} == {"image"}
    # Every drawn box is found with its state. (The image detector labels a box with
    # the text after it, so only the box-first group is checked by label here; "是☑ 否□"
    # from a picture is the OCR checkbox detector's business.)
    assert [b.checked for b in doc.checkboxes] == [t for _, t in EXPECTED_BOXES]
    assert boxes(doc)[2:] == EXPECTED_BOXES[2:]


def test_hidden_layer_with_wrong_characters_disagrees(
        form: Path, tmp_path: Path, engine: RapidOcrEngine, cache: Path) -> None:
    scan = scanned_with_text_layer(form, tmp_path / "bad", seed=3, error_rate=0.3)
    ctx, counting = ctx_for(engine, cache)
    doc = PdfExtractor().extract(scan, "scan.pdf", ctx)
    # Same page image as the right layer's twin: OCR comes from the cache.
    assert counting.calls == 0
    m = _CHOICE.match(doc.metadata["text_layer"])
    assert m and m.group(1) == "disagrees" and 0.4 <= float(m.group(2)) < 0.8, doc.metadata
    # What is read is OCR's reading, not the wrong layer.
    assert "济南晨星智能制造有限公司" in doc.text


def test_hidden_layer_without_ocr_is_used_and_said(form: Path, tmp_path: Path) -> None:
    scan = scanned_with_text_layer(form, tmp_path / "scan", seed=3)
    doc = PdfExtractor().extract(scan, "scan.pdf", ExtractContext())
    assert doc.metadata["text_layer"] == "1:hidden(no ocr service)"
    assert doc.metadata["ocr_skipped_pages"] == "1"
    assert "济南晨星智能制造有限公司" in doc.text and "91370100MA3C8X2B4K" in doc.text
    # The scan is the page, not a picture pasted into a document.
    assert "pictures" not in doc.metadata


def _image_page_with_text(path: Path, how: str) -> Path:
    """A page-sized picture and text hidden another way than render mode 3."""
    from PIL import Image, ImageDraw

    png = path.with_suffix(".png")
    img = Image.new("RGB", (600, 400), "white")
    ImageDraw.Draw(img).rectangle((40, 40, 560, 360), outline="black", width=3)
    img.save(png)
    c = canvas.Canvas(str(path), pagesize=(300, 200), invariant=1)
    font = reportlab_font()
    if how == "covered":
        c.setFont(font, 12)
        c.drawString(30, 150, "被扫描图像盖住的文字层内容")
        c.drawImage(str(png), 0, 0, 300, 200)
    else:
        c.drawImage(str(png), 0, 0, 300, 200)
        c.saveState()
        p = c.beginPath()
        p.rect(0, 0, 20, 20)
        c.clipPath(p, stroke=0, fill=0)
        c.setFont(font, 12)
        c.drawString(30, 150, "被裁剪路径裁掉的文字层内容")
        c.restoreState()
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("how", ["covered", "clipped"])
def test_text_under_the_scan_or_clipped_away_is_a_hidden_layer(tmp_path: Path, how: str) -> None:
    doc = PdfExtractor().extract(_image_page_with_text(tmp_path / f"{how}.pdf", how),
                                 "x.pdf", ExtractContext())
    assert doc.metadata["text_layer"] == "1:hidden(no ocr service)"


# --- (c) garbled layers -----------------------------------------------------------

@pytest.mark.parametrize("mode", ["no_tounicode", "mojibake"])
def test_garbled_layer_is_ocred(form: Path, tmp_path: Path, engine: RapidOcrEngine,
                                cache: Path, mode: str) -> None:
    bad = garbled_text_layer(form, tmp_path / mode, mode=mode)
    # Looks the same, reads wrong.
    assert np.abs(render(form) - render(bad)).max() == 0
    layer = stream_text(bad)
    assert "企业名称" not in layer
    if mode == "mojibake":
        assert "ÆóÒµÃû³Æ" in layer  # 企业名称 as GBK bytes read as Latin-1
    ctx, _ = ctx_for(engine, cache)
    doc = PdfExtractor().extract(bad, "bad.pdf", ctx)
    assert doc.metadata["text_layer"] == "1:ocr(garbled text layer)"
    assert doc.metadata["ocr_pages"] == "1:garbled" and doc.pages[0].ocr
    assert "济南晨星智能制造有限公司" in doc.text and "Æ" not in doc.text
    assert doc.tables[0].source == "ocr" and doc.tables[0].rows_text()[:3] == [list(f) for f in FIELDS]


def test_mojibake_among_digits_is_garbled(tmp_path: Path) -> None:
    """A statement page is mostly digits: its mojibake labels pass a share-of-good-
    characters test, yet the layer is junk and must not be read as text."""
    src = tmp_path / "利润表.pdf"
    c = canvas.Canvas(str(src), pagesize=A5, invariant=1)
    c.setFont(reportlab_font(), 10)
    for i, label in enumerate(["营业收入", "营业成本", "利润总额", "净利润"]):
        c.drawString(30, PAGE_H - 60 - 20 * i, f"{label}  198,765,4{i}0.00  187,654,3{i}0.00")
    c.showPage()
    c.save()
    assert PdfExtractor().extract(src, "a.pdf", ExtractContext()).metadata["text_layer"] == "1:text"
    bad = garbled_text_layer(src, tmp_path / "bad", mode="mojibake")
    layer = "".join(stream_text(bad).split())
    drawn = [ch for ch in layer if ch.isdigit() or ch in ",." or ch.isascii() and ch.isprintable()]
    assert len(drawn) > 0.7 * len(layer)  # looks mostly fine by character class
    doc = PdfExtractor().extract(bad, "bad.pdf", ExtractContext())
    assert doc.metadata["text_layer"] == "1:none(no ocr service)"
    assert doc.metadata["ocr_skipped_pages"] == "1" and doc.text == ""


def test_mojibake_is_told_from_latin_text() -> None:
    # 申请单位：2022年12月15日 in GBK read as Latin-1: digits make half of it "good".
    junk = "ÉêÇëµ¥Î»£º2022Äê12ÔÂ15ÈÕ"
    assert mojibake_chars(junk) == sum(1 for c in junk if ord(c) >= 0x80)
    assert mojibake_chars("温度 25°C ± 0.5，Müller café, 1×2 mm²") == 0


def test_symbol_font_names() -> None:
    assert symbol_font_key("ABCDEF+Wingdings2") == "wingdings 2"
    assert symbol_font_key("Wingdings-Regular") == "wingdings"
    assert symbol_font_key("SymbolMT") == "symbol"
    assert symbol_font_key("BAAAAA+DejaVuSans") is None


def test_unsure_ocr_lines_take_an_agreeing_layer() -> None:
    def hidden(text: str, x0: float, y0: float, w: float = 30, h: float = 30) -> list[HiddenChar]:
        return [(ch, (x0 + i * w, y0, x0 + (i + 1) * w, y0 + h)) for i, ch in enumerate(text)]

    ocr = [OcrLine(text="企业名称济南晨星", bbox=(100, 100, 340, 130), confidence=0.97),
           OcrLine(text="注册资本 伍仟万元整", bbox=(100, 200, 370, 230), confidence=0.55),
           OcrLine(text="成立日期", bbox=(100, 300, 220, 330), confidence=0.50)]
    layer = hidden("企业名称济南晨星", 101, 102) + hidden("注册资本伍仟万元正", 98, 199) \
        + hidden("成立日", 100, 300)
    out, cmp = reconcile(ocr, layer)
    # The unsure line of the same shape takes the layer's characters (OCR's space kept);
    # the sure line and the line of another shape keep OCR's.
    assert [ln.text for ln in out] == ["企业名称济南晨星", "注册资本 伍仟万元正", "成立日期"]
    assert cmp.lines_from_layer == 1 and 0.9 < cmp.agreement < 1.0
    assert reconcile(ocr, layer, prefer_layer=False)[0] == ocr
