"""Hostile inputs (samples.hostile) are bounded before the expensive step: each gives a
clear Chinese refusal or LimitHit, and a good file beside it is still read."""
from __future__ import annotations

import time
import zipfile
from pathlib import Path

import docx
import numpy as np
import pytest
from PIL import Image

import extractor.docx_extractor as docx_extractor
from extractor.archive import IntakeLimits, collect_files
from extractor.base import ExtractContext
from extractor.budget import cap_text, fit_render
from extractor.ocr.base import OcrLine
from extractor.registry import extract_file
from models import Block, Document, Page
from models.limits import Deadline, Limits
from samples.hostile import (huge_image_png, huge_page_pdf, inflated_docx, long_text_docx,
                             many_page_tiff, nested_zip_bomb)


class RecordingOcr:
    """Stands in for the OCR service: records the shape of every image it is given."""

    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []

    def read(self, image: np.ndarray) -> list[OcrLine]:
        self.shapes.append(image.shape)
        return [OcrLine(text="营业执照", bbox=(1, 1, 20, 10), confidence=0.99)]


def _good_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("企业名称：某某智能制造有限公司")
    d.save(path)
    return path


# --- 1. inflated packages ---------------------------------------------------------------

@pytest.fixture()
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths python-docx was asked to parse."""
    seen: list[str] = []
    original = docx_extractor._open_word

    def spy(path: Path):  # type: ignore[no-untyped-def]
        seen.append(Path(path).name)
        return original(path)
    monkeypatch.setattr(docx_extractor, "_open_word", spy)
    return seen


def test_inflated_docx_is_refused_before_python_docx(tmp_path: Path, opened: list[str]) -> None:
    bomb = inflated_docx(tmp_path / "申报书.docx", inflated_bytes=70 << 20)
    assert bomb.stat().st_size < 2 << 20
    good = _good_docx(tmp_path / "good.docx")
    ctx = ExtractContext()
    t0 = time.perf_counter()
    doc = extract_file(bomb, "申报书.docx", ctx)
    assert time.perf_counter() - t0 < 30
    assert doc.error == "文件内容解压后过大（超过 64 MB），可能是恶意构造的文件，未读取"
    assert opened == []  # the parser never saw it
    ok = extract_file(good, "good.docx", ctx)
    assert ok.error is None and "某某智能制造" in ok.text and opened == ["good.docx"]


def test_package_total_limit_and_env_override(tmp_path: Path, opened: list[str]) -> None:
    bomb = inflated_docx(tmp_path / "a.docx", inflated_bytes=3 << 20)
    limits = Limits.from_env({"DOSSIER_LIMIT_MAX_PACKAGE_BYTES": str(2 << 20)})
    doc = extract_file(bomb, "a.docx", ExtractContext(limits=limits))
    assert doc.error == "文件内容解压后过大（超过 2 MB），可能是恶意构造的文件，未读取"
    assert opened == []


def test_every_zip_based_format_is_guarded(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "营业收入" * 500
    wb.save(tmp_path / "t.xlsx")
    limits = Limits(max_xml_bytes=1000)
    doc = extract_file(tmp_path / "t.xlsx", "t.xlsx", ExtractContext(limits=limits))
    assert doc.error is not None and "解压后过大" in doc.error
    # An OFD package: the same guard, whatever the reader would make of it.
    with zipfile.ZipFile(tmp_path / "e.ofd", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
        zf.writestr("Doc_0/Document.xml", "<a>" + "<b/>" * 5000 + "</a>")
    doc = extract_file(tmp_path / "e.ofd", "e.ofd", ExtractContext(limits=limits))
    assert doc.error is not None and "解压后过大" in doc.error


# --- 2. text per document ---------------------------------------------------------------

def test_long_text_is_cut_with_a_hit(tmp_path: Path) -> None:
    path = long_text_docx(tmp_path / "长文.docx", chars=600_000)
    doc = extract_file(path, "长文.docx", ExtractContext())
    assert doc.error is None
    kept = sum(len(b.text) for p in doc.pages for b in p.blocks)
    assert 399_000 <= kept <= 400_000
    [hit] = doc.limit_hits
    assert hit.kind == "text_chars" and hit.limit == 400_000 and hit.found >= 600_000
    assert hit.message == f"文字内容过长（约 {hit.found:g} 字），仅核查前 400000 字"


def test_cap_text_cuts_pages_blocks_and_tables() -> None:
    doc = Document(path="x.pdf", sha256="", media_type="application/pdf", pages=[
        Page(number=n, blocks=[Block(text="字" * 40, page=n)] * 3) for n in range(1, 6)])
    cap_text(doc, Limits(max_text_chars=250))
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert sum(len(b.text) for p in doc.pages for b in p.blocks) == 250
    assert doc.limit_hits[0].found == 600


def test_label_prefix_matching_is_linear_on_a_long_document() -> None:
    from criteria.loader import load_programme
    from matchers.fields.labels import LabelIndex

    index = LabelIndex(load_programme("sd-chenxing-2022").fields)
    line = "统一社会信用代码：" + "某" * 400_000
    t0 = time.perf_counter()
    m = index.match_prefix(line)
    for _ in range(4000):  # 4,000 lines of 100 characters: 400,000 characters
        index.match_prefix("企业名称：" + "某" * 95)
    assert m is not None and len(m[1]) == 400_000
    assert time.perf_counter() - t0 < 5


# --- 3. page renders --------------------------------------------------------------------

def test_huge_pdf_page_is_rendered_scaled_down(tmp_path: Path) -> None:
    path = huge_page_pdf(tmp_path / "大页.pdf")
    good = _good_docx(tmp_path / "good.docx")
    ocr = RecordingOcr()
    ctx = ExtractContext(ocr=ocr, limits=Limits(max_page_pixels=2_000_000))
    doc = extract_file(path, "大页.pdf", ctx)
    assert doc.error is None and len(ocr.shapes) == 1
    h, w = ocr.shapes[0][:2]
    assert h * w <= 2_000_000 and min(h, w) > 1000  # scaled to the limit, not beyond
    [hit] = doc.limit_hits
    assert hit.kind == "page_pixels" and hit.page == 1 and hit.found == 20000 * 20000
    assert "第 1 页页面过大" in hit.message and "已降至约" in hit.message
    assert extract_file(good, "good.docx", ctx).error is None


def test_absurd_pdf_page_is_not_rendered(tmp_path: Path) -> None:
    path = huge_page_pdf(tmp_path / "巨页.pdf", inches=250)
    ocr = RecordingOcr()
    doc = extract_file(path, "巨页.pdf", ExtractContext(ocr=ocr))
    assert doc.error is None and ocr.shapes == []
    [hit] = doc.limit_hits
    assert hit.kind == "page_pixels" and hit.page == 1 and "未渲染识别" in hit.message
    assert doc.metadata["text_layer"] == "1:none(page too large)"


def test_fit_render() -> None:
    assert fit_render(595, 842, 200 / 72, 40_000_000).hit is None  # A4 at 200 dpi
    fit = fit_render(7200, 7200, 200 / 72, 40_000_000, page=3)
    assert fit.hit is not None and (7200 * fit.scale) ** 2 <= 40_000_000
    assert fit_render(7200 * 3, 100, 1.0, 40_000_000).refused


# --- 4. pages per file, 6. OCR pages per dossier, 7. time ---------------------------------

def test_many_page_tiff_reads_max_pages(tmp_path: Path) -> None:
    path = many_page_tiff(tmp_path / "多页.tif", pages=500)
    assert path.stat().st_size < 200_000
    ocr = RecordingOcr()
    ctx = ExtractContext(ocr=ocr, limits=Limits(max_ocr_pages=1000))
    doc = extract_file(path, "多页.tif", ctx)
    assert len(doc.pages) == 300 and len(ocr.shapes) == 300
    [hit] = doc.limit_hits
    assert hit.kind == "pages" and hit.message == "文件共 500 页，超过上限 300 页，仅读取前 300 页"


def test_ocr_pages_per_dossier(tmp_path: Path) -> None:
    a = many_page_tiff(tmp_path / "a.tif", pages=4)
    b = many_page_tiff(tmp_path / "b.tif", pages=4)
    c = many_page_tiff(tmp_path / "c.tif", pages=2)
    ocr = RecordingOcr()
    ctx = ExtractContext(ocr=ocr, limits=Limits(max_ocr_pages=5))
    docs = [extract_file(p, p.name, ctx) for p in (a, b, c)]
    assert len(ocr.shapes) == 5 and [len(d.pages) for d in docs] == [4, 4, 2]
    assert docs[1].metadata["ocr_skipped_pages"] == "2,3,4"
    [hit] = ctx.run_limit_hits  # one run-level hit, kept up to date
    assert hit.kind == "ocr_pages" and hit.found == 10
    assert hit.message == "整套材料已识别（OCR）5 页，达到上限，其余 5 页未识别：b.tif（3 页）、c.tif（2 页）"


def test_document_deadline_stops_the_page_loop(tmp_path: Path) -> None:
    path = many_page_tiff(tmp_path / "t.tif", pages=20)
    ctx = ExtractContext(ocr=RecordingOcr(), deadline=Deadline(0))
    doc = extract_file(path, "t.tif", ctx)
    assert len(doc.pages) == 1
    [hit] = doc.limit_hits
    assert hit.kind == "document_seconds"
    assert hit.message.startswith("读取超时，仅读取了前 1 页")


def test_pdf_pages_and_deadline(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "long.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for i in range(12):
        c.drawString(72, 720, f"page {i + 1} of a long report with enough text")
        c.showPage()
    c.save()
    doc = extract_file(path, "long.pdf", ExtractContext(limits=Limits(max_pages=5)))
    assert len(doc.pages) == 5
    assert doc.limit_hits[0].message == "文件共 12 页，超过上限 5 页，仅读取前 5 页"
    doc = extract_file(path, "long.pdf", ExtractContext(deadline=Deadline(0)))
    assert len(doc.pages) == 1 and doc.limit_hits[0].kind == "document_seconds"


# --- 5. image pixels --------------------------------------------------------------------

def test_huge_image_is_refused_with_its_size(tmp_path: Path) -> None:
    path = huge_image_png(tmp_path / "大图.png")
    assert path.stat().st_size < 200_000
    ocr = RecordingOcr()
    t0 = time.perf_counter()
    doc = extract_file(path, "大图.png", ExtractContext(ocr=ocr))
    assert time.perf_counter() - t0 < 10 and ocr.shapes == []
    assert doc.error == "图片尺寸过大（30000×30000 像素），未读取"


@pytest.mark.parametrize("size", [(1100, 1000), (3000, 3000)])  # Pillow warns / refuses
def test_image_limit_is_pillows_limit(tmp_path: Path, size: tuple[int, int]) -> None:
    path = tmp_path / "p.png"
    Image.new("L", size, 255).save(path)
    doc = extract_file(path, "p.png", ExtractContext(ocr=RecordingOcr(),
                                                     limits=Limits(max_image_pixels=1_000_000)))
    assert doc.error == f"图片尺寸过大（{size[0]}×{size[1]} 像素），未读取"
    assert Image.MAX_IMAGE_PIXELS == 1_000_000
    extract_file(path, "p.png", ExtractContext(ocr=RecordingOcr()))  # restores the default


# --- 8. nested zip bomb -----------------------------------------------------------------

def test_nested_zip_bomb_is_one_problem(tmp_path: Path) -> None:
    root = tmp_path / "dossier"
    nested_zip_bomb(root / "材料.zip")
    _good_docx(root / "申报书.docx")
    t0 = time.perf_counter()
    result = collect_files(root, tmp_path / "work")
    assert time.perf_counter() - t0 < 30
    assert [r for r, _ in result.files] == ["申报书.docx"]
    [(where, reason)] = result.problems
    assert where == "材料.zip"
    assert "压缩比异常" in reason and "已读取其中 0 个文件" in reason


def test_member_count_limit_over_nested_archives(tmp_path: Path) -> None:
    bomb = nested_zip_bomb(tmp_path / "b.zip", fan_out=4, members=8, member_bytes=1000)
    result = collect_files(bomb, tmp_path / "work", IntakeLimits(max_members=40))
    [(where, reason)] = result.problems
    assert where == "b.zip" and "文件过多" in reason and "合计上限 40 个" in reason
    assert 0 < len(result.files) <= 40


def test_folder_file_count_limit(tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    for i in range(12):
        (root / f"{i:02d}.txt").write_text("x")
    result = collect_files(root, tmp_path / "work", IntakeLimits(max_members=10))
    assert len(result.files) == 10
    assert result.problems == [("many", "材料文件数超过上限（10 个），其余 2 个文件未读取")]
