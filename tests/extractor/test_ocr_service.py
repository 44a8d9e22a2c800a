"""OCR engine + caching service: cache hits skip the engine, red seals are removed before
OCR, the bundled models load by path with no download, sparse pages still read."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from extractor.ocr.base import OcrLine
from extractor.ocr.rapid_engine import (
    INSTALL_HINT,
    OcrModelMissingError,
    RapidOcrEngine,
    content_regions,
    default_threads,
)
from extractor.ocr.service import (
    OCR_ENGINES,
    CachingOcrService,
    make_ocr_service,
    red_fraction,
)

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
SEAL_RED = (215, 35, 40)


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


class CountingEngine:
    """Fake engine: one line per call, counts calls, records what it was shown."""

    name = "fake"

    def __init__(self, version: str = "fake-1") -> None:
        self.calls = 0
        self.seen: list[np.ndarray] = []
        self._version = version

    @property
    def version(self) -> str:
        return self._version

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        self.calls += 1
        self.seen.append(image)
        return [OcrLine(text=f"第{self.calls}次", bbox=(1.5, 2.25, 30.125, 12.0),
                        confidence=0.987654321, polygon=[(1.5, 2.25), (30.125, 2.25),
                                                         (30.125, 12.0), (1.5, 12.0)])]


def page_with_text(lines: list[str], size: tuple[int, int] = (900, 400)) -> Image.Image:
    img = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(img)
    for i, t in enumerate(lines):
        d.text((60, 60 + i * 70), t, font=font(32), fill="black")
    return img


def stamp_seal(img: Image.Image, centre: tuple[int, int], radius: int = 140) -> Image.Image:
    """A red company seal multiplied over the page, as ink over print."""
    seal = Image.new("RGB", img.size, "white")
    d = ImageDraw.Draw(seal)
    cx, cy = centre
    d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=SEAL_RED,
              width=9)
    d.regular_polygon((cx, cy, 42), 5, fill=SEAL_RED)
    d.text((cx - 120, cy - 105), "济南晨星智能制造有限公司", font=font(21), fill=SEAL_RED)
    d.text((cx - 75, cy + 50), "合同专用章", font=font(34), fill=SEAL_RED)
    return ImageChops.multiply(img, seal)


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


# --- cache -------------------------------------------------------------------------

def test_second_read_is_a_cache_hit_with_identical_lines(tmp_path: Path) -> None:
    eng = CountingEngine()
    svc = CachingOcrService(eng, cache_dir=tmp_path)
    img = np.asarray(page_with_text(["营业执照"]))
    first = svc.read(img)
    second = svc.read(img.copy())
    assert eng.calls == 1
    assert second == first
    assert second[0].confidence == 0.987654321 and second[0].bbox == (1.5, 2.25, 30.125, 12.0)
    assert svc.stats["ocr_cache_hits"] == 1 and svc.stats["ocr_cache_misses"] == 1
    assert svc.stats["ocr_pages"] == 2 and svc.stats["ocr_seconds"] >= 0
    # A new service over the same directory (a later run) also hits.
    eng2 = CountingEngine()
    assert CachingOcrService(eng2, cache_dir=tmp_path).read(img) == first
    assert eng2.calls == 0


def test_cache_key_covers_pixels_shape_and_engine_version(tmp_path: Path) -> None:
    eng = CountingEngine()
    svc = CachingOcrService(eng, cache_dir=tmp_path)
    img = np.asarray(page_with_text(["营业执照"]))
    svc.read(img)
    changed = img.copy()
    changed[0, 0] = (0, 0, 0)
    svc.read(changed)
    svc.read(np.ascontiguousarray(img.reshape(img.shape[1], img.shape[0], 3)))
    assert eng.calls == 3
    other = CountingEngine(version="fake-2")
    CachingOcrService(other, cache_dir=tmp_path).read(img)
    assert other.calls == 1


def test_damaged_cache_file_is_a_miss_and_gets_rewritten(tmp_path: Path) -> None:
    eng = CountingEngine()
    svc = CachingOcrService(eng, cache_dir=tmp_path)
    img = np.asarray(page_with_text(["营业执照"]))
    svc.read(img)
    files = list(tmp_path.rglob("*.json"))
    assert len(files) == 1
    files[0].write_text("{not json", encoding="utf-8")
    svc.read(img)
    assert eng.calls == 2
    assert json.loads(files[0].read_text(encoding="utf-8"))["lines"][0]["text"] == "第2次"


def test_cache_can_be_disabled(tmp_path: Path) -> None:
    eng = CountingEngine()
    svc = CachingOcrService(eng, cache_dir=tmp_path, use_cache=False)
    img = np.asarray(page_with_text(["营业执照"]))
    svc.read(img)
    svc.read(img)
    assert eng.calls == 2 and not list(tmp_path.rglob("*.json"))


def test_default_cache_dir_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "c"))
    svc = CachingOcrService(CountingEngine())
    svc.read(np.asarray(page_with_text(["营业执照"])))
    assert list((tmp_path / "c" / "ocr").rglob("*.json"))


# --- red seals ----------------------------------------------------------------------

def test_red_seal_switches_to_red_channel_and_plain_page_does_not(tmp_path: Path) -> None:
    plain = page_with_text(["统一社会信用代码：91370100MA3C8X2B4K"])
    sealed = stamp_seal(plain, (400, 90))
    assert red_fraction(np.asarray(plain)) == 0.0
    assert red_fraction(np.asarray(sealed)) > 0.005
    eng = CountingEngine()
    svc = CachingOcrService(eng, cache_dir=tmp_path)
    svc.read(np.asarray(plain))
    svc.read(np.asarray(sealed))
    assert svc.stats.get("ocr_red_seal_pages") == 1
    shown_plain, shown_sealed = eng.seen
    assert shown_plain.shape == shown_sealed.shape
    # Seal ink became paper white; the black print under it stayed dark.
    px = np.asarray(sealed)
    seal_only = (px[:, :, 0] > 150) & (px[:, :, 1] < 100)
    assert shown_sealed[seal_only].min() >= 250
    text_px = np.asarray(plain)[:, :, 0] < 60
    assert shown_sealed[text_px][:, 0].mean() < 80


def test_text_under_a_red_seal_is_recovered(engine: RapidOcrEngine, tmp_path: Path) -> None:
    page = page_with_text(["统一社会信用代码：91370100MA3C8X2B4K", "注册资本：伍仟万元整",
                           "住所：山东省济南市高新区"], size=(1000, 330))
    sealed = np.asarray(stamp_seal(page, (380, 160)))
    svc = CachingOcrService(engine, cache_dir=tmp_path)
    text = "\n".join(ln.text for ln in svc.read(sealed))
    assert "91370100MA3C8X2B4K" in text
    assert "伍仟万元整" in text
    assert "山东省济南市高新区" in text
    # The seal's own wording is gone with the red ink.
    assert "专用章" not in text


# --- engine -------------------------------------------------------------------------

def test_engine_is_lazy_and_versioned() -> None:
    eng = RapidOcrEngine()
    assert eng._engine is None  # constructing it loads nothing
    assert eng.version.startswith("rapidocr-3.10.0/PP-OCRv6-small/")
    assert eng._engine is None
    assert RapidOcrEngine().version == eng.version


def test_missing_models_raise_a_clear_error_and_never_download(tmp_path: Path) -> None:
    eng = RapidOcrEngine(model_dir=tmp_path)
    with pytest.raises(OcrModelMissingError) as err:
        eng.recognize(np.asarray(page_with_text(["营业执照"], size=(400, 160))))
    assert INSTALL_HINT == "pip install rapidocr==3.10.0"
    assert "pip install rapidocr==3.10.0" in str(err.value)
    assert str(tmp_path) in str(err.value)


def test_model_loading_makes_no_network_call(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*_a: object, **_k: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    eng = RapidOcrEngine()
    img = np.asarray(page_with_text(["营业执照"], size=(400, 160)))
    assert [ln.text for ln in eng.recognize(img)] == ["营业执照"]


def test_download_guard_refuses_rapidocr_downloads() -> None:
    from rapidocr.utils.download_file import DownloadFile

    from extractor.ocr.rapid_engine import _no_downloads

    original = DownloadFile.__dict__["run"]
    with _no_downloads():
        with pytest.raises(OcrModelMissingError, match="rapidocr==3.10.0"):
            DownloadFile.run(None)
    assert DownloadFile.__dict__["run"] is original


def test_threads_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_OCR_THREADS", "3")
    assert default_threads() == 3
    monkeypatch.delenv("DOSSIER_OCR_THREADS")
    assert 1 <= default_threads() <= 2


def test_lines_have_axis_aligned_boxes_in_image_pixels(engine: RapidOcrEngine) -> None:
    img = Image.new("RGB", (900, 300), "white")
    ImageDraw.Draw(img).text((500, 180), "山东省工业和信息化厅", font=font(30), fill="black")
    lines = engine.recognize(np.asarray(img))
    assert [ln.text for ln in lines] == ["山东省工业和信息化厅"]
    x0, y0, x1, y1 = lines[0].bbox
    assert 480 <= x0 <= 510 and 170 <= y0 <= 190 and 780 <= x1 <= 830 and 205 <= y1 <= 230
    assert lines[0].polygon and len(lines[0].polygon) == 4
    assert 0.8 <= lines[0].confidence <= 1.0


def test_one_short_line_on_a_blank_a4_page_is_read(engine: RapidOcrEngine) -> None:
    # The bare detector returns nothing for this page; reading content regions fixes it.
    img = Image.new("RGB", (1654, 2339), "white")
    ImageDraw.Draw(img).text((190, 163), "第二页 内容", font=font(30), fill="black")
    assert [ln.text for ln in engine.recognize(np.asarray(img))] == ["第二页 内容"]


def test_a_sparse_page_is_read_in_one_engine_call_in_page_coordinates(
        engine: RapidOcrEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three bands far apart go through the engine once, stacked, and each line comes
    back where it is on the page."""
    img = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(img)
    spots = {"企业名称：青岛示例机械有限公司": (190, 160), "二、申报理由": (700, 1100),
             "法定代表人签字：张三": (1000, 2150)}
    for text, xy in spots.items():
        draw.text(xy, text, font=font(30), fill="black")
    calls: list[tuple[int, ...]] = []
    real = engine._recognize_region

    def counted(rgb: np.ndarray) -> list[OcrLine]:
        calls.append(rgb.shape)
        return real(rgb)

    monkeypatch.setattr(engine, "_recognize_region", counted)
    lines = engine.recognize(np.asarray(img))
    assert len(calls) == 1 and calls[0][0] < 1200, calls
    got = {ln.text: ln.bbox for ln in lines}
    assert set(got) == set(spots), got
    for text, (x, y) in spots.items():
        x0, y0, _x1, y1 = got[text]
        assert abs(x0 - x) < 12 and y0 - 4 <= y + 15 <= y1 + 4, (text, got[text])


def test_content_regions_skip_blank_space() -> None:
    blank = np.full((2339, 1654, 3), 255, np.uint8)
    assert content_regions(blank) == []
    page = blank.copy()
    page[200:240, 300:700] = 0
    page[2000:2040, 800:1000] = 0
    regions = content_regions(page)
    assert len(regions) == 2
    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = regions
    assert ax0 <= 300 and ax1 >= 700 and ay0 <= 200 and ay1 >= 240 and ay1 < 400
    assert bx0 <= 800 and bx1 >= 1000 and by0 > 1800


# --- factory ------------------------------------------------------------------------

def test_factory_builds_rapidocr_service(tmp_path: Path) -> None:
    svc = make_ocr_service("rapidocr", cache_dir=tmp_path)
    assert isinstance(svc.engine, RapidOcrEngine) and svc.cache_dir == tmp_path
    assert {"rapidocr", "paddleocr"} <= set(OCR_ENGINES)
    with pytest.raises(ValueError):
        make_ocr_service("tesseract")


def test_paddle_without_paddleocr_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "paddleocr" or name.startswith("paddleocr."):
            raise ImportError("No module named 'paddleocr'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    from extractor.ocr.paddle_engine import PaddleNotInstalledError, PaddleOcrEngine

    with pytest.raises(PaddleNotInstalledError, match=r"dossier-checker\[paddle\]"):
        make_ocr_service("paddleocr")
    eng = PaddleOcrEngine(Path("det"), Path("rec"))
    with pytest.raises(PaddleNotInstalledError, match=r"pip install 'dossier-checker\[paddle\]'"):
        eng.recognize(np.full((40, 40, 3), 255, np.uint8))
