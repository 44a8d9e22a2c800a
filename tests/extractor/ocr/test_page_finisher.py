"""Pages finished on the dossier's second thread: the same documents as finishing each
page in line (tables numbered in page order across text and scanned pages), every page
finished off the reading thread, and a page whose finishing fails makes only its own
file unreadable."""
from __future__ import annotations

import threading
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import extractor.ocr.page_ocr as page_ocr
from dossier.pipeline import extract_dossier
from extractor.base import ExtractContext
from extractor.ocr.page_finisher import PageFinisher
from extractor.ocr.rapid_engine import RapidOcrEngine
from extractor.ocr.service import CachingOcrService
from extractor.registry import extract_file
from models import Document
from tests.extractor.test_pdf_extractor import scanned_pdf, text_pdf


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


def _mixed_pdf(tmp_path: Path) -> Path:
    """Text page with a ruled table, scanned form (table and tick boxes), the text page
    again, the scan again: tables on pages 1, 2, 3 and 4."""
    text = pdfium.PdfDocument(str(text_pdf(tmp_path / "text.pdf")))
    scan = pdfium.PdfDocument(str(scanned_pdf(tmp_path / "scan.pdf")))
    out = pdfium.PdfDocument.new()
    for src in (text, scan, text, scan):
        out.import_pages(src, [0])
    path = tmp_path / "混合.pdf"
    out.save(str(path))
    for d in (out, text, scan):
        d.close()
    return path


def _without_image_paths(doc: Document) -> dict:
    data = doc.model_dump()
    for page in data["pages"]:
        page["image_path"] = None
    return data


def test_finished_beside_the_next_page_gives_the_same_document(
        engine: RapidOcrEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _mixed_pdf(tmp_path)
    ocr = CachingOcrService(engine, cache_dir=tmp_path / "cache")
    inline = extract_file(path, "混合.pdf", ExtractContext(ocr=ocr))

    threads: list[str] = []
    finish = page_ocr.finish_page

    def recording(*args: object, **kw: object) -> object:
        threads.append(threading.current_thread().name)
        return finish(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(page_ocr, "finish_page", recording)
    with PageFinisher() as finisher:
        late = extract_file(path, "混合.pdf", ExtractContext(ocr=ocr, page_finisher=finisher))
        assert finisher.owns(late)
        finisher.settle()
        assert not finisher.owns(late)
    assert len(threads) == 2 and all(t.startswith("page-finisher") for t in threads)
    assert [(t.index, t.page, t.source) for t in late.tables] == [
        (0, 1, "text"), (1, 2, "ocr"), (2, 3, "text"), (3, 4, "ocr")]
    for page in late.pages:
        assert {b.table_index for b in page.blocks if b.table_index is not None} == \
            {t.index for t in late.tables if t.page == page.number}
    assert [(c.label, c.checked, c.table_index, c.page) for c in late.checkboxes] == [
        ("是", True, None, 2), ("否", False, None, 2), ("是", True, None, 4), ("否", False, None, 4)]
    assert _without_image_paths(late) == _without_image_paths(inline)


def test_a_page_whose_finishing_fails_makes_only_its_file_unreadable(
        engine: RapidOcrEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    _mixed_pdf(tmp_path).rename(dossier / "混合.pdf")
    scanned_pdf(dossier / "扫描件.pdf")
    (dossier / "扫描件.png").unlink()
    finish = page_ocr.finish_page

    def failing(page: object, *args: object, **kw: object) -> object:
        if getattr(page, "number", 0) == 4:
            raise RuntimeError("finishing broke")
        return finish(page, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(page_ocr, "finish_page", failing)
    ctx = ExtractContext(ocr=CachingOcrService(engine, cache_dir=tmp_path / "cache"))
    docs, _ = extract_dossier(dossier, tmp_path / "work", ctx)
    by_path = {d.path: d for d in docs}
    broken, fine = by_path["混合.pdf"], by_path["扫描件.pdf"]
    assert broken.error == "读取文件时出错：RuntimeError" and not broken.pages
    assert fine.error is None and [t.index for t in fine.tables] == [0]
    assert "91370100MA3C8X2B4K" in fine.pages[0].text
    assert ctx.page_finisher is None  # the check's finisher is its own, and gone
