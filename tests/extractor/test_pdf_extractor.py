"""PDF extractor on generated files: text layer with positions, ruled tables with merged
cells, scanned and garbled pages through OCR (with cache), encrypted and corrupt files."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractor.base import ExtractContext, UnreadableFileError
from extractor.ocr.base import OcrLine
from extractor.ocr.rapid_engine import RapidOcrEngine
from extractor.ocr.service import CachingOcrService
from extractor.pdf_extractor import PdfExtractor

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
PAGE_W, PAGE_H = A4


class CountingEngine:
    """Wraps the real engine and counts how often it runs."""

    name = "counting"

    def __init__(self, inner: RapidOcrEngine) -> None:
        self.inner = inner
        self.calls = 0

    @property
    def version(self) -> str:
        return self.inner.version

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        self.calls += 1
        return self.inner.recognize(image)

    def upside_down_share(self, image: np.ndarray, lines: list[OcrLine]) -> float:
        return self.inner.upside_down_share(image, lines)


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


def ctx_for(engine: RapidOcrEngine, cache: Path, **kw: object) -> tuple[ExtractContext,
                                                                          CountingEngine]:
    counting = CountingEngine(engine)
    return ExtractContext(ocr=CachingOcrService(counting, cache_dir=cache), **kw), counting


def text_pdf(path: Path) -> Path:
    """A typed application page with a ruled table holding merged cells."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("WQY", 16)
    c.drawString(72, PAGE_H - 72, "山东省晨星工厂申报书")
    c.setFont("WQY", 11)
    c.drawString(72, PAGE_H - 100, "申报单位（盖章）：济南晨星智能制造有限公司")
    xs = [72, 200, 330, 420, 523]
    ys = [PAGE_H - 140 - i * 25 for i in range(5)]
    for i, y in enumerate(ys):
        c.line(xs[1] if i == 3 else xs[0], y, xs[-1], y)  # 联系方式 spans two rows
    for x in (xs[0], xs[1], xs[-1]):
        c.line(x, ys[0], x, ys[-1])
    c.line(xs[2], ys[1], xs[2], ys[4])
    c.line(xs[3], ys[1], xs[3], ys[2])

    def cell(col: int, row: int, s: str) -> None:
        c.drawString(xs[col] + 4, ys[row] - 17, s)

    cell(0, 0, "企业名称")
    cell(1, 0, "济南晨星智能制造有限公司")
    cell(0, 1, "成立日期")
    cell(1, 1, "2015-03-18")
    cell(2, 1, "注册资本")
    cell(3, 1, "5000 万元")
    c.drawString(xs[0] + 4, ys[3] - 5, "联系方式")
    cell(1, 2, "电话")
    cell(2, 2, "0531-88886666")
    cell(1, 3, "邮箱")
    cell(2, 3, "cx@example.com")
    c.showPage()
    c.setFont("WQY", 11)
    c.drawString(72, PAGE_H - 72, "第二页")  # a short page keeps its text layer
    c.showPage()
    c.save()
    return path


def form_scan(size: tuple[int, int] = (1400, 560)) -> Image.Image:
    img = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(FONT, 30)
    xs, ys = [60, 380, 1340], [60, 140, 220, 300]
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill="black", width=3)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill="black", width=3)
    rows = [("企业名称", "济南晨星智能制造有限公司"), ("统一社会信用代码", "91370100MA3C8X2B4K"),
            ("注册资本", "伍仟万元整")]
    for r, (label, value) in enumerate(rows):
        d.text((xs[0] + 14, ys[r] + 22), label, font=f, fill="black")
        d.text((xs[1] + 14, ys[r] + 22), value, font=f, fill="black")
    d.text((60, 360), "是否高新技术企业：", font=f, fill="black")
    x = 340
    for label, ticked in (("是", True), ("否", False)):
        d.rectangle((x, 364, x + 28, 392), outline="black", width=3)
        if ticked:
            d.line([(x + 5, 378), (x + 12, 388), (x + 26, 366)], fill="black", width=4)
        d.text((x + 42, 360), label, font=f, fill="black")
        x += 140
    return img


def scanned_pdf(path: Path, pua_text_layer: bool = False) -> Path:
    """The form image as a 200 dpi scan; optionally with a garbled text layer (a font
    without a Unicode map shows up as private-use characters)."""
    img = form_scan()
    png = path.with_suffix(".png")
    img.save(png)
    w_pt, h_pt = img.width * 72 / 200, img.height * 72 / 200
    c = canvas.Canvas(str(path), pagesize=(w_pt, h_pt))
    c.drawImage(str(png), 0, 0, width=w_pt, height=h_pt)
    if pua_text_layer:
        c.setFont("WQY", 10)
        c.drawString(20, h_pt - 20, "".join(chr(0xE000 + i) for i in range(30)))
    c.showPage()
    c.save()
    return path


# --- text layer ---------------------------------------------------------------------

def test_text_layer_lines_with_top_left_point_boxes(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "decl.pdf")
    doc = PdfExtractor().extract(path, "申报书/decl.pdf", ExtractContext())
    assert doc.path == "申报书/decl.pdf" and doc.media_type == "application/pdf"
    assert len(doc.pages) == 2 and doc.ocr_pages == 0
    p1 = doc.pages[0]
    assert p1.width == pytest.approx(PAGE_W, abs=0.5) and p1.height == pytest.approx(PAGE_H, abs=0.5)
    title = p1.blocks[0]
    assert title.text == "山东省晨星工厂申报书" and title.kind == "line" and title.source == "text"
    x0, y0, x1, y1 = title.bbox
    # Baseline at 72 pt from the top; 16 pt glyphs sit just above it.
    assert x0 == pytest.approx(72, abs=1) and 52 <= y0 < y1 <= 78 and x1 == pytest.approx(232, abs=2)
    texts = [b.text for b in p1.blocks]
    assert "申报单位（盖章）：济南晨星智能制造有限公司" in texts
    assert doc.pages[1].text == "第二页"
    assert doc.pages[1].blocks[0].bbox[1] < 80


def test_ruled_table_with_merged_cells(tmp_path: Path) -> None:
    doc = PdfExtractor().extract(text_pdf(tmp_path / "t.pdf"), "t.pdf", ExtractContext())
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert (t.source, t.page, t.n_rows, t.n_cols) == ("text", 1, 4, 4)
    assert t.rows_text() == [
        ["企业名称", "济南晨星智能制造有限公司", "济南晨星智能制造有限公司", "济南晨星智能制造有限公司"],
        ["成立日期", "2015-03-18", "注册资本", "5000 万元"],
        ["联系方式", "电话", "0531-88886666", "0531-88886666"],
        ["联系方式", "邮箱", "cx@example.com", "cx@example.com"],
    ]
    g = t.grid()
    assert (g[0][1].col_span, g[0][2].merged_from, g[0][3].merged_from) == (3, (0, 1), (0, 1))
    assert (g[2][0].row_span, g[3][0].merged_from) == (2, (2, 0))
    assert g[1][0].bbox == pytest.approx((72, 165, 200, 190), abs=0.6)
    # Lines inside the table point back at their cell; the title does not.
    by_text = {b.text: b for b in doc.pages[0].blocks}
    assert (by_text["注册资本"].table_index, by_text["注册资本"].row, by_text["注册资本"].col) == (0, 1, 2)
    assert by_text["山东省晨星工厂申报书"].table_index is None
    # Table text appears once in the document text.
    assert doc.text.count("0531-88886666") == 1


def test_rotated_page_boxes_are_in_the_displayed_frame(tmp_path: Path) -> None:
    path = tmp_path / "rot.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, 400))
    c.setPageRotation(90)
    c.setFont("WQY", 14)
    c.drawString(50, 300, "旋转页面上的文字内容")
    c.save()
    doc = PdfExtractor().extract(path, "rot.pdf", ExtractContext())
    page = doc.pages[0]
    assert [b.text for b in page.blocks] == ["旋转页面上的文字内容"]
    x0, y0, x1, y1 = page.blocks[0].bbox
    assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height
    # The box holds the ink of the page as pdfium displays it.
    pdf = pdfium.PdfDocument(str(path))
    shown = np.asarray(pdf[0].render(scale=1).to_pil().convert("L"))
    assert shown.shape == (round(page.height), round(page.width))
    ys, xs = np.nonzero(shown < 128)
    assert x0 - 2 <= xs.min() and xs.max() <= x1 + 2 and y0 - 2 <= ys.min() and ys.max() <= y1 + 2
    pdf.close()


# --- scans --------------------------------------------------------------------------

def test_scanned_page_is_ocred_with_tables_checkboxes_and_cache(
        engine: RapidOcrEngine, tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "scan.pdf")
    pages_dir = tmp_path / "pages"
    ctx, counting = ctx_for(engine, tmp_path / "cache", page_image_dir=pages_dir)
    doc = PdfExtractor().extract(path, "scan.pdf", ctx)
    assert counting.calls == 1
    page = doc.pages[0]
    assert page.ocr and doc.ocr_pages == 1 and doc.metadata["ocr_pages"] == "1:no_text"
    # Pixels of the 200 dpi render.
    assert page.width == pytest.approx(1400, abs=1) and page.height == pytest.approx(560, abs=1)
    assert page.ocr_confidence is not None and page.ocr_confidence > 0.9
    assert all(b.source == "ocr" and b.confidence is not None for b in page.blocks)
    assert "91370100MA3C8X2B4K" in page.text
    assert [t.rows_text() for t in doc.tables] == [[
        ["企业名称", "济南晨星智能制造有限公司"], ["统一社会信用代码", "91370100MA3C8X2B4K"],
        ["注册资本", "伍仟万元整"]]]
    assert doc.tables[0].source == "ocr"
    assert [(c.label, c.checked, c.source) for c in doc.checkboxes] == [
        ("是", True, "image"), ("否", False, "image")]
    assert page.image_path and Path(page.image_path).parent == pages_dir
    assert Image.open(page.image_path).size == (page.width, page.height)
    assert ctx.stats["pages_ocr"] == 1

    # Second run: same result from the cache, the engine is not called.
    ctx2, counting2 = ctx_for(engine, tmp_path / "cache")
    again = PdfExtractor().extract(path, "scan.pdf", ctx2)
    assert counting2.calls == 0
    assert again.pages[0].blocks == page.blocks
    assert again.tables == doc.tables and again.checkboxes == doc.checkboxes


def test_garbled_text_layer_is_replaced_by_ocr(engine: RapidOcrEngine, tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "pua.pdf", pua_text_layer=True)
    ctx, _ = ctx_for(engine, tmp_path / "cache")
    doc = PdfExtractor().extract(path, "pua.pdf", ctx)
    assert doc.metadata["ocr_pages"] == "1:garbled"
    assert doc.pages[0].ocr and "济南晨星智能制造有限公司" in doc.text
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in doc.text)


def test_scan_without_ocr_service_is_flagged(tmp_path: Path) -> None:
    doc = PdfExtractor().extract(scanned_pdf(tmp_path / "s.pdf"), "s.pdf", ExtractContext())
    assert doc.metadata["ocr_skipped_pages"] == "1"
    assert doc.pages[0].blocks == [] and not doc.pages[0].ocr
    # A garbled layer is not passed on as text when it cannot be replaced.
    doc = PdfExtractor().extract(scanned_pdf(tmp_path / "g.pdf", pua_text_layer=True),
                                 "g.pdf", ExtractContext())
    assert doc.metadata["ocr_skipped_pages"] == "1" and doc.text == ""


def test_blank_page_is_not_ocred(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.showPage()
    c.save()

    class Refuse:
        def read(self, image: np.ndarray) -> list[OcrLine]:
            raise AssertionError("blank page sent to OCR")

    doc = PdfExtractor().extract(path, "blank.pdf", ExtractContext(ocr=Refuse()))
    assert len(doc.pages) == 1 and doc.pages[0].blocks == []


# --- unreadable files ---------------------------------------------------------------

def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "enc.pdf"
    c = canvas.Canvas(str(path), encrypt="pw")
    c.drawString(100, 700, "secret")
    c.save()
    with pytest.raises(UnreadableFileError) as err:
        PdfExtractor().extract(path, "enc.pdf", ExtractContext())
    assert err.value.reason == "PDF 已加密，无法读取"


def test_owner_password_only_pdf_is_readable(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = tmp_path / "owner.pdf"
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("", ownerPassword="owner"))
    c.setFont("WQY", 12)
    c.drawString(100, 700, "仅限制编辑的申报书正文内容")
    c.save()
    doc = PdfExtractor().extract(path, "owner.pdf", ExtractContext())
    assert doc.text == "仅限制编辑的申报书正文内容"


@pytest.mark.parametrize("cut", [0.3, 0.9])
def test_truncated_pdf_is_corrupt(tmp_path: Path, cut: float) -> None:
    data = text_pdf(tmp_path / "ok.pdf").read_bytes()
    path = tmp_path / "bad.pdf"
    path.write_bytes(data[:int(len(data) * cut)])
    with pytest.raises(UnreadableFileError) as err:
        PdfExtractor().extract(path, "bad.pdf", ExtractContext())
    assert err.value.reason == "PDF 文件已损坏"


def test_sniff() -> None:
    ex = PdfExtractor()
    assert ex.sniff(b"%PDF-1.7\n...", ".pdf")
    assert ex.sniff(b"\xef\xbb\xbf  %PDF-1.4", "")
    assert not ex.sniff(b"PK\x03\x04", ".pdf")


def test_electronic_seal_on_a_page_that_only_carries_the_date(tmp_path: Path) -> None:
    """The last page of a Word-exported declaration: the seal picture above the date,
    no 盖章/承诺 wording on that page: the seal is still found."""
    from reportlab.lib.utils import ImageReader

    from samples.render.seal import seal_mask, stamp

    seal = Image.new("RGB", (300, 300), "white")
    stamp(seal, seal_mask(280, "滨州宝利纸业有限公司", np.random.default_rng(1)), (150, 150))
    seal_png = tmp_path / "seal.png"
    seal.save(seal_png)
    path = tmp_path / "last_page.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(str(seal_png)), PAGE_W - 200, PAGE_H - 200, 120, 120)
    c.setFont("WQY", 11)
    c.drawString(PAGE_W - 190, PAGE_H - 220, "2022年12月9日")
    c.showPage()
    c.save()
    doc = PdfExtractor().extract(path, path.name, ExtractContext())
    [mark] = doc.pages[0].marks
    assert mark.kind == "seal" and mark.origin == "embedded"
    x0, y0, x1, y1 = mark.bbox
    assert abs((x0 + x1) / 2 - (PAGE_W - 140)) < 15 and abs((y0 + y1) / 2 - 140) < 15
