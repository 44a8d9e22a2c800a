"""OCR without pipeline overhead: each scanned page is rendered once and that one image
goes to OCR, tick-box, table and seal detection and the review crops; a page is read a
second time only when its first reading says so; the models load once per process."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw

import extractor.ocr.page_ocr as page_ocr
from dossier.crops import make_crops
from dossier.lazy_ocr import LazyOcrService
from extractor.base import ExtractContext
from extractor.ocr import service
from extractor.ocr.base import OcrLine
from extractor.ocr.service import CachingOcrService, make_ocr_service
from extractor.pdf_extractor import PdfExtractor
from models import Location


class RecordingOcr:
    """Stands in for the OCR service: confident upright lines, or what ``lines`` says;
    remembers every image it was asked to read."""

    def __init__(self, lines: list[OcrLine] | None = None, flipped: float = 0.0) -> None:
        self.seen: list[np.ndarray] = []
        self.lines = lines
        self.flipped = flipped

    def read(self, image: np.ndarray) -> list[OcrLine]:
        self.seen.append(image)
        if self.lines is not None:
            return list(self.lines)
        return [OcrLine(text=f"第{i}行文字内容", bbox=(100, 100 + 60 * i, 600, 140 + 60 * i),
                        confidence=0.98) for i in range(5)]

    def upside_down_share(self, image: np.ndarray, lines: list[OcrLine]) -> float:
        return self.flipped


def _scan_pdf(path: Path, pages: int) -> Path:
    from samples.render.scan import image_pdf_bytes

    imgs = []
    for i in range(pages):
        img = Image.new("RGB", (827, 1169), "white")
        ImageDraw.Draw(img).rectangle((100, 100 + 30 * i, 700, 400), outline="black", width=3)
        imgs.append(img)
    path.write_bytes(image_pdf_bytes(imgs, datetime(2022, 12, 1), dpi=100))
    return path


def test_each_scanned_page_is_rendered_once_and_shared(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2 as pdfium

    renders: list[int] = []
    real_render = pdfium.PdfPage.render

    def counting_render(self: Any, *args: Any, **kwargs: Any) -> Any:
        renders.append(1)
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(pdfium.PdfPage, "render", counting_render)
    given: dict[str, list[int]] = {"checkbox": [], "table": [], "marks": []}
    for name, key in (("detect_checkboxes", "checkbox"), ("extract_tables", "table"),
                      ("page_marks", "marks")):
        real = getattr(page_ocr, name)

        def spy(image: np.ndarray, *a: Any, _real: Any = real, _key: str = key,
                **k: Any) -> Any:
            given[_key].append(id(image))
            return _real(image, *a, **k)

        monkeypatch.setattr(page_ocr, name, spy)
    monkeypatch.setattr(page_ocr, "reading_orientation", lambda *a, **k: None)
    ocr = RecordingOcr()
    ctx = ExtractContext(ocr=ocr, page_image_dir=tmp_path / "pages")
    pdf = _scan_pdf(tmp_path / "scan.pdf", 3)
    doc = PdfExtractor().extract(pdf, "scan.pdf", ctx)

    assert [p.ocr for p in doc.pages] == [True, True, True]
    assert len(renders) == 3
    # One reading per page, of the very array the detectors looked at.
    read_ids = [id(img) for img in ocr.seen]
    assert len(read_ids) == 3
    assert given["checkbox"] == given["table"] == given["marks"] == read_ids

    # Crops of an OCR'd page come from the kept page image: no render.
    loc = Location(path="scan.pdf", page=2, bbox=(100.0, 100.0, 300.0, 160.0))
    crops = make_crops([loc], [doc], {"scan.pdf": pdf})
    assert len(crops) == 1
    assert len(renders) == 3


def test_confident_upright_page_is_read_once() -> None:
    ocr = RecordingOcr()
    ctx = ExtractContext(ocr=ocr)
    image = np.full((400, 300, 3), 255, np.uint8)
    _, _, rotation = page_ocr._read_and_compare(image, ctx, try_rotations=True)
    assert len(ocr.seen) == 1 and rotation == 0
    assert "ocr_rotation_tries" not in ctx.stats


def test_doubtful_page_is_read_turned_only_then() -> None:
    doubtful = [OcrLine(text="口", bbox=(0, 0, 10, 40), confidence=0.4)]
    assert page_ocr.looks_misrotated(doubtful)
    ocr = RecordingOcr(lines=doubtful)
    ctx = ExtractContext(ocr=ocr)
    page_ocr._read_and_compare(np.full((400, 300, 3), 255, np.uint8), ctx, try_rotations=True)
    assert len(ocr.seen) == 3 and ctx.stats["ocr_rotation_tries"] == 2
    # Without leave to turn sideways, the same doubtful reading is not repeated.
    ocr = RecordingOcr(lines=doubtful)
    page_ocr._read_and_compare(np.full((400, 300, 3), 255, np.uint8), ExtractContext(ocr=ocr),
                               try_rotations=False)
    assert len(ocr.seen) == 1


@pytest.mark.parametrize(("flipped", "reads"), [(0.2, 1), (0.9, 2)])
def test_page_is_turned_over_only_when_most_lines_are_upside_down(flipped: float,
                                                                   reads: int) -> None:
    ocr = RecordingOcr(flipped=flipped)
    page_ocr._read_and_compare(np.full((400, 300, 3), 255, np.uint8), ExtractContext(ocr=ocr),
                               try_rotations=True)
    assert len(ocr.seen) == reads


class FakeEngine:
    name = "fake"
    made = 0

    def __init__(self, **kwargs: Any) -> None:
        FakeEngine.made += 1
        self.kwargs = kwargs

    @property
    def version(self) -> str:
        return "fake-1"

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        return []


def test_engine_is_made_once_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(service.OCR_ENGINES, "fake", FakeEngine)
    monkeypatch.setattr(service, "_ENGINES", {})
    FakeEngine.made = 0
    a = make_ocr_service("fake", cache_dir=tmp_path / "a")
    b = make_ocr_service("fake", cache_dir=tmp_path / "b")
    # Every dossier's lazy service (one per check) gets the same engine too.
    lazy = [LazyOcrService("fake", tmp_path / f"l{i}") for i in range(3)]
    engines = {id(s.service.engine) for s in lazy} | {id(a.engine), id(b.engine)}
    assert FakeEngine.made == 1 and len(engines) == 1
    # ... but not their statistics or caches.
    assert isinstance(a, CachingOcrService) and a.stats is not b.stats
    assert a.cache_dir != b.cache_dir
    # Other arguments are another engine; a forked worker process builds its own.
    make_ocr_service("fake", cache_dir=tmp_path, threads=1)
    assert FakeEngine.made == 2
    monkeypatch.setattr(service.os, "getpid", lambda: -1)
    make_ocr_service("fake", cache_dir=tmp_path)
    assert FakeEngine.made == 3
    assert all(k[0] == -1 for k in service._ENGINES)


def test_engine_settings_come_from_the_ocr_settings_and_key_the_cache() -> None:
    from extractor.ocr.rapid_engine import RAPIDOCR_DET_LIMIT, RapidOcrEngine
    from models.settings import settings

    ocr = settings().ocr
    default = RapidOcrEngine()
    assert default._det_limit == (ocr.det_limit_side_len, ocr.det_limit_type)
    assert default._rec_batch == ocr.rec_batch_num
    other = RapidOcrEngine(det_limit_side_len=RAPIDOCR_DET_LIMIT[0] + 64, det_limit_type="max")
    assert other.settings_label != RapidOcrEngine(
        det_limit_side_len=RAPIDOCR_DET_LIMIT[0], det_limit_type="min").settings_label
    # Threads change speed only: same cache key.
    assert RapidOcrEngine(threads=1).settings_label == RapidOcrEngine(threads=2).settings_label
    with pytest.raises(ValueError):
        RapidOcrEngine(det_limit_type="middle")


def test_model_digest_is_hashed_once_and_follows_the_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh engine (every cold check) no longer re-hashes the model files, but a model
    file replaced in place still gives a new digest, so the OCR cache key follows it."""
    from extractor.ocr import rapid_engine

    files = [tmp_path / n for n in ("det.onnx", "rec.onnx", "cls.onnx")]
    for i, f in enumerate(files):
        f.write_bytes(bytes([i]) * 1000)
    first = rapid_engine._short_sha(files)
    opened: list[str] = []
    real_open = open

    def counting_open(name: Any, *a: Any, **k: Any) -> Any:
        opened.append(str(name))
        return real_open(name, *a, **k)

    monkeypatch.setattr("builtins.open", counting_open)
    assert rapid_engine._short_sha(files) == first
    assert not [n for n in opened if n.endswith(".onnx")]
    files[1].write_bytes(b"\x07" * 1001)
    assert rapid_engine._short_sha(files) != first
