"""Image extractor on generated scans and photos: OCR per page or TIFF frame, EXIF
orientation, sideways and upside-down pages (decided before reading, or by reading turns
when the engine offers no probe), very large images, broken files, format sniffing.
Phone photos (perspective, shadows, HEIC) are in test_photo_pages.py."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.base import ExtractContext, UnreadableFileError
from extractor.image_extractor import MAX_SIDE, ImageExtractor
from extractor.ocr.base import OcrLine
from extractor.ocr.rapid_engine import RapidOcrEngine
from extractor.ocr.service import CachingOcrService

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
EXIF_ORIENTATION = 0x0112


def font(size: int = 30) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def form(title: str = "企业基本信息表") -> Image.Image:
    """A small scanned form: a title, a ruled two-column table, a row of tick boxes."""
    img = Image.new("RGB", (1200, 520), "white")
    d = ImageDraw.Draw(img)
    d.text((60, 20), title, font=font(34), fill="black")
    xs, ys = [60, 380, 1140], [90, 170, 250, 330]
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill="black", width=3)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill="black", width=3)
    for r, (label, value) in enumerate([("企业名称", "济南晨星智能制造有限公司"),
                                        ("统一社会信用代码", "91370100MA3C8X2B4K"),
                                        ("注册资本", "伍仟万元整")]):
        d.text((xs[0] + 14, ys[r] + 22), label, font=font(), fill="black")
        d.text((xs[1] + 14, ys[r] + 22), value, font=font(), fill="black")
    d.text((60, 400), "企业规模：", font=font(), fill="black")
    x = 230
    for label, ticked in (("大型", False), ("中型", True), ("小型", False)):
        d.rectangle((x, 404, x + 28, 432), outline="black", width=3)
        if ticked:
            d.line([(x + 5, 418), (x + 12, 428), (x + 26, 406)], fill="black", width=4)
        d.text((x + 42, 400), label, font=font(), fill="black")
        x += 170
    return img


def text_image(lines: list[str], size: tuple[int, int] = (900, 260)) -> Image.Image:
    img = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(img)
    for i, t in enumerate(lines):
        d.text((50, 40 + i * 70), t, font=font(32), fill="black")
    return img


class RecordingOcr:
    """Stands in for the OCR service: records the images it is given."""

    def __init__(self) -> None:
        self.images: list[np.ndarray] = []

    def read(self, image: np.ndarray) -> list[OcrLine]:
        self.images.append(image)
        return [OcrLine(text="营业执照", bbox=(10, 10, 120, 40), confidence=0.99)] * 3


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


@pytest.fixture()
def ctx(engine: RapidOcrEngine, tmp_path: Path) -> ExtractContext:
    return ExtractContext(ocr=CachingOcrService(engine, cache_dir=tmp_path / "cache"))


def extract(path: Path, ctx: ExtractContext) -> object:
    return ImageExtractor().extract(path, path.name, ctx)


def test_png_form(ctx: ExtractContext, tmp_path: Path) -> None:
    path = tmp_path / "form.png"
    form().save(path)
    ctx.page_image_dir = tmp_path / "pages"
    doc = ImageExtractor().extract(path, "附件/form.png", ctx)
    assert doc.media_type == "image/png" and doc.path == "附件/form.png"
    assert len(doc.pages) == 1
    page = doc.pages[0]
    assert page.ocr and (page.width, page.height) == (1200, 520)
    assert page.blocks[0].text == "企业基本信息表"
    assert page.ocr_confidence is not None and page.ocr_confidence > 0.9
    assert [t.rows_text() for t in doc.tables] == [[
        ["企业名称", "济南晨星智能制造有限公司"], ["统一社会信用代码", "91370100MA3C8X2B4K"],
        ["注册资本", "伍仟万元整"]]]
    by_text = {b.text: b for b in page.blocks}
    assert (by_text["伍仟万元整"].table_index, by_text["伍仟万元整"].row,
            by_text["伍仟万元整"].col) == (0, 2, 1)
    assert [(c.label, c.checked) for c in doc.checkboxes] == [
        ("大型", False), ("中型", True), ("小型", False)]
    assert page.image_path and Path(page.image_path).is_file()
    assert "page_rotation" not in doc.metadata and "image_scale" not in doc.metadata
    # A flat scan is not taken for a photo: nothing warped or re-lit.
    assert "photo_corrected" not in doc.metadata


def test_multi_page_tiff(ctx: ExtractContext, tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    first = text_image(["第一页营业执照副本"]).convert("L")
    second = text_image(["第二页审计报告"]).convert("1")  # a bilevel fax-style frame
    first.save(path, save_all=True, append_images=[second], compression="tiff_deflate")
    doc = extract(path, ctx)
    assert doc.media_type == "image/tiff"
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.pages[0].text == "第一页营业执照副本"
    assert doc.pages[1].text == "第二页审计报告"
    assert doc.metadata["image_frames"] == "2"


@pytest.mark.parametrize("orientation,stored_turn", [
    (6, Image.Transpose.ROTATE_90),    # camera held upright-right: viewer turns 90° CW
    (8, Image.Transpose.ROTATE_270),   # viewer turns 90° CCW
])
def test_exif_orientation_is_honoured(ctx: ExtractContext, tmp_path: Path, orientation: int,
                                      stored_turn: Image.Transpose) -> None:
    upright = text_image(["营业执照", "统一社会信用代码：91370100MA3C8X2B4K"])
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    path = tmp_path / f"photo{orientation}.jpg"
    upright.transpose(stored_turn).save(path, exif=exif.tobytes(), quality=92)
    doc = extract(path, ctx)
    page = doc.pages[0]
    assert (page.width, page.height) == upright.size
    assert [b.text for b in page.blocks] == ["营业执照", "统一社会信用代码：91370100MA3C8X2B4K"]
    assert "page_rotation" not in doc.metadata


def test_upright_scan_is_read_once_with_no_extra_detector_pass(ctx: ExtractContext,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "upright.png"
    form().save(path)
    doc = extract(path, ctx)
    assert "page_rotation" not in doc.metadata
    assert ctx.stats["orientation_vote_decided"] == 1
    assert "ocr_rotation_rereads" not in ctx.stats and "ocr_rotation_tries" not in ctx.stats
    assert ctx.ocr.stats["ocr_pages"] == 1


def test_sideways_scan_without_exif_is_turned(ctx: ExtractContext, tmp_path: Path) -> None:
    path = tmp_path / "sideways.png"
    form().rotate(90, expand=True).save(path)
    doc = extract(path, ctx)
    page = doc.pages[0]
    assert doc.metadata["page_rotation"] == "1:270"
    assert (page.width, page.height) == (1200, 520)
    assert page.blocks[0].text == "企业基本信息表"
    assert doc.tables and doc.tables[0].rows_text()[0] == ["企业名称", "济南晨星智能制造有限公司"]
    # The first reading's vote turned it: read as it lay, then once upright, and no
    # comparison of turns.
    assert ctx.stats["orientation_vote_decided"] == 1 and ctx.stats["ocr_rotation_rereads"] == 1
    assert "ocr_rotation_tries" not in ctx.stats
    assert ctx.ocr.stats["ocr_pages"] == 2


class OpaqueEngine:
    """A rapidocr engine behind a wrapper the orientation probe does not know: the
    fallback (read the page, then try turns) must still turn the page."""

    name = "opaque"

    def __init__(self, inner: RapidOcrEngine) -> None:
        self._inner = inner

    @property
    def version(self) -> str:
        return f"opaque/{self._inner.version}"

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        return self._inner.recognize(image)

    def upside_down_share(self, image: np.ndarray, lines: list[OcrLine]) -> float:
        return self._inner.upside_down_share(image, lines)


def test_sideways_scan_is_turned_without_probe(engine: RapidOcrEngine, tmp_path: Path) -> None:
    path = tmp_path / "sideways.png"
    form().rotate(90, expand=True).save(path)
    ctx = ExtractContext(ocr=CachingOcrService(OpaqueEngine(engine), cache_dir=tmp_path / "c"))
    doc = extract(path, ctx)
    assert doc.metadata["page_rotation"] == "1:270"
    assert doc.pages[0].blocks[0].text == "企业基本信息表"
    assert ctx.stats["ocr_rotation_tries"] == 2 and "orientation_votes" not in ctx.stats


def test_upside_down_scan_is_turned(ctx: ExtractContext, tmp_path: Path) -> None:
    path = tmp_path / "upside_down.png"
    form().rotate(180).save(path)
    doc = extract(path, ctx)
    assert doc.metadata["page_rotation"] == "1:180"
    assert doc.pages[0].blocks[0].text == "企业基本信息表"
    assert [(c.label, c.checked) for c in doc.checkboxes][1] == ("中型", True)


def test_very_large_image_is_downscaled(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    Image.new("RGB", (6000, 3000), "white").save(path)
    ocr = RecordingOcr()
    doc = ImageExtractor().extract(path, "huge.png", ExtractContext(ocr=ocr))
    assert ocr.images[0].shape == (2000, MAX_SIDE, 3)
    assert (doc.pages[0].width, doc.pages[0].height) == (MAX_SIDE, 2000)
    assert doc.metadata["image_scale"] == "0.6667"


def test_large_jpeg_is_decoded_reduced(tmp_path: Path) -> None:
    path = tmp_path / "camera.jpg"
    Image.new("RGB", (9600, 7200), (250, 250, 250)).save(path, quality=70)
    ocr = RecordingOcr()
    doc = ImageExtractor().extract(path, "camera.jpg", ExtractContext(ocr=ocr))
    assert max(ocr.images[0].shape[:2]) <= MAX_SIDE
    assert doc.pages[0].width == MAX_SIDE and doc.pages[0].height == 3000


def test_transparent_png_is_put_on_white(tmp_path: Path) -> None:
    path = tmp_path / "screenshot.png"
    img = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    ImageDraw.Draw(img).rectangle((50, 50, 100, 100), fill=(0, 0, 0, 255))
    img.save(path)
    ocr = RecordingOcr()
    ImageExtractor().extract(path, "screenshot.png", ExtractContext(ocr=ocr))
    seen = ocr.images[0]
    assert seen.shape == (200, 300, 3)
    assert seen[10, 10].tolist() == [255, 255, 255] and seen[75, 75].tolist() == [0, 0, 0]


def test_without_ocr_pages_are_listed_as_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.bmp"
    text_image(["营业执照"]).save(path)
    doc = ImageExtractor().extract(path, "a.bmp", ExtractContext())
    assert doc.media_type == "image/bmp"
    assert doc.pages[0].blocks == [] and doc.metadata["ocr_skipped_pages"] == "1"


def test_broken_images_are_unreadable(tmp_path: Path) -> None:
    good = tmp_path / "good.png"
    text_image(["营业执照"]).save(good)
    cut = tmp_path / "cut.png"
    cut.write_bytes(good.read_bytes()[:400])
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50)
    for path in (cut, junk):
        with pytest.raises(UnreadableFileError) as err:
            ImageExtractor().extract(path, path.name, ExtractContext(ocr=RecordingOcr()))
        assert "图片" in err.value.reason


def test_sniff() -> None:
    ex = ImageExtractor()
    assert ex.sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF", ".jpg")
    assert ex.sniff(b"\x89PNG\r\n\x1a\n....", "")
    assert ex.sniff(b"II*\x00\x08\x00\x00\x00", ".tif")
    assert ex.sniff(b"MM\x00*\x00\x00\x00\x08", ".tiff")
    assert ex.sniff(b"BM" + b"\x00" * 12 + (40).to_bytes(4, "little"), ".bmp")
    assert not ex.sniff(b"BMW car list, not a bitmap", ".txt")
    assert not ex.sniff(b"%PDF-1.7", ".png")
    assert ex.sniff(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", ".heic")
    assert not ex.sniff(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2", ".mp4")


def test_camera_exif_is_told_from_scanner_exif() -> None:
    from extractor.image_extractor import taken_by_camera

    scanner, camera = Image.new("RGB", (8, 8)), Image.new("RGB", (8, 8))
    scanner.getexif()[0x010F] = "Canon"  # scanners name their make and model too
    exif = camera.getexif()
    exif[0x010F] = "Apple"
    exif.get_ifd(0x8769)[0x829A] = 1 / 60  # exposure time: only cameras have one
    assert not taken_by_camera(scanner) and taken_by_camera(camera)
