"""Phone photos and badly turned pages read like flat scans.

A small form and a licence-like page are drawn here, photographed with the repo's photo
generator (samples/variants/photo.py: the sheet on a desk at a slant, a shadow band,
uneven light, blur, noise, JPEG or HEIC) and read with real OCR; what comes out must
match what the flat page gives.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from rapidfuzz import fuzz

from dossier.lazy_ocr import LazyOcrService
from extractor.base import ExtractContext
from extractor.image_extractor import ImageExtractor, sniff_image_type
from extractor.ocr.dewarp import find_page_quad, warp_page
from extractor.ocr.illumination import illumination_spread
from extractor.ocr.photo_correct import correct_photo
from extractor.ocr.rapid_engine import RapidOcrEngine
from extractor.ocr.seal_detector import detect_red_seals
from extractor.ocr.service import CachingOcrService
from models import Document
from samples.render.fonts import pil_font
from samples.render.photo import take_photo
from samples.render.scan import jpeg_roundtrip, scanned_look
from samples.render.seal import seal_mask, stamp
from samples.variants.photo import photo_twin, to_heic, to_photos

FORM_ROWS = [("企业名称", "济南晨星智能制造有限公司"), ("统一社会信用代码", "91370100MA3C8X2B4K"),
             ("注册资本", "伍仟万元整"), ("法定代表人", "张建国")]
SIZE_OPTIONS = [("大型", False), ("中型", True), ("小型", False)]
LICENCE_FIELDS = [("统一社会信用代码", "91370100MA3C8X2B4K"), ("名称", "济南晨星智能制造有限公司"),
                  ("法定代表人", "张建国"), ("注册资本", "伍仟万元整"),
                  ("成立日期", "2015年06月01日"), ("营业期限", "2015年06月01日至长期"),
                  ("住所", "山东省济南市历下区经十路100号")]
PHOTO_SIDE = 1600


def _tick_box(d: ImageDraw.ImageDraw, x: int, y: int, ticked: bool) -> None:
    d.rectangle((x, y, x + 28, y + 28), outline="black", width=3)
    if ticked:
        d.line([(x + 5, y + 14), (x + 12, y + 24), (x + 26, y + 2)], fill="black", width=4)


def form_page() -> Image.Image:
    """An A4-shaped form: title, a ruled label/value table whose last row holds tick
    boxes, and a paragraph under it."""
    img = Image.new("RGB", (1100, 1556), "white")
    d = ImageDraw.Draw(img)
    d.text((330, 90), "企业基本信息表", font=pil_font(44), fill="black")
    xs, ys = [80, 400, 1020], [200 + 90 * i for i in range(len(FORM_ROWS) + 2)]
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill="black", width=3)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill="black", width=3)
    for r, (label, value) in enumerate(FORM_ROWS + [("企业规模", "")]):
        d.text((xs[0] + 16, ys[r] + 28), label, font=pil_font(30), fill="black")
        d.text((xs[1] + 16, ys[r] + 28), value, font=pil_font(30), fill="black")
    x = xs[1] + 16
    for label, ticked in SIZE_OPTIONS:
        _tick_box(d, x, ys[-2] + 30, ticked)
        d.text((x + 40, ys[-2] + 27), label, font=pil_font(30), fill="black")
        x += 180
    for i, line in enumerate(["本表所填内容真实有效，如有不实，申报单位承担相应责任。",
                              "企业名称须与营业执照一致，信用代码为十八位。",
                              "请于截止日期前提交盖章后的电子申报材料。"]):
        d.text((80, 840 + 60 * i), line, font=pil_font(30), fill="black")
    return img


def licence_page() -> Image.Image:
    """A landscape licence: title, label/value lines, a red seal over the date."""
    img = Image.new("RGB", (1400, 990), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((30, 30, 1370, 960), outline=(150, 60, 50), width=4)
    d.text((560, 70), "营业执照", font=pil_font(64), fill="black")
    d.text((640, 160), "（副本）", font=pil_font(30), fill="black")
    for i, (label, value) in enumerate(LICENCE_FIELDS):
        d.text((120, 240 + 70 * i), label, font=pil_font(32), fill="black")
        d.text((420, 240 + 70 * i), value, font=pil_font(32), fill="black")
    d.text((980, 820), "2021年08月16日", font=pil_font(30), fill="black")
    stamp(img, seal_mask(240, "济南市历下区市场监督管理局", np.random.default_rng(5)),
          (1090, 810))
    return img


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


@pytest.fixture()
def ctx(engine: RapidOcrEngine, tmp_path: Path) -> ExtractContext:
    return ExtractContext(ocr=CachingOcrService(engine, cache_dir=tmp_path / "cache"),
                          page_image_dir=tmp_path / "pages")


def read(path: Path, ctx: ExtractContext) -> Document:
    return ImageExtractor().extract(path, path.name, ctx)


def flat_scan(img: Image.Image, path: Path) -> Path:
    jpeg_roundtrip(scanned_look(img, np.random.default_rng(0), max_skew_deg=0.3)).save(path)
    return path


def values_after_labels(doc: Document) -> dict[str, str]:
    """For each licence label, the text that follows it in reading order (rest of its
    line, else the next line): what a field reader takes as the value."""
    blocks = [b.text for p in doc.pages for b in p.blocks]
    out: dict[str, str] = {}
    for label, _ in LICENCE_FIELDS:
        for i, text in enumerate(blocks):
            if text.replace(" ", "").startswith(label) and label not in out:
                rest = text.replace(" ", "")[len(label):].lstrip("：:")
                out[label] = rest or (blocks[i + 1] if i + 1 < len(blocks) else "")
                break
    return out


# -- without OCR --------------------------------------------------------------------------

def test_page_outline_is_found_where_the_sheet_lies() -> None:
    shot = take_photo(form_page(), np.random.default_rng(3), long_side=PHOTO_SIDE)
    quad = find_page_quad(np.asarray(shot.image))
    assert quad is not None
    diagonal = float(np.hypot(*shot.image.size))
    assert np.abs(quad.corners - shot.corners).max() < 0.01 * diagonal


def dark_screenshot() -> Image.Image:
    """A dark-mode app window with a light dialog: a light rectangle on a dark ground,
    like paper on a desk, but drawn square to the screen."""
    img = Image.new("RGB", (1600, 900), (32, 33, 38))
    d = ImageDraw.Draw(img)
    d.text((40, 30), "企业服务平台  首页  我的申报", font=pil_font(28), fill=(200, 200, 200))
    d.rectangle((300, 150, 1300, 760), fill=(246, 246, 246))
    for i, (label, value) in enumerate(FORM_ROWS):
        d.text((360, 220 + 110 * i), f"{label}：{value}", font=pil_font(30), fill="black")
    return img


def test_flat_scan_and_screenshot_are_left_unchanged() -> None:
    pages = [np.asarray(jpeg_roundtrip(scanned_look(page, np.random.default_rng(1))))
             for page in (form_page(), licence_page())]
    for image in pages + [np.asarray(dark_screenshot())]:
        fix = correct_photo(image)
        assert fix.steps == [] and fix.image is image


def test_flattening_evens_the_light_and_keeps_the_seal_red() -> None:
    photo = np.asarray(take_photo(licence_page(), np.random.default_rng(4), PHOTO_SIDE).image)
    fix = correct_photo(photo)
    assert fix.steps == ["dewarp", "flatten"]
    h, w = fix.image.shape[:2]
    assert max(h, w) / min(h, w) == pytest.approx(1400 / 990, rel=0.02)  # landscape A4
    # The paper under the shadow band is as light as the rest once flattened.
    assert illumination_spread(photo) > 45 and illumination_spread(fix.image) < 12
    seals = detect_red_seals(fix.image)
    assert len(seals) == 1
    cx, cy = (seals[0][0] + seals[0][2]) / 2 / w, (seals[0][1] + seals[0][3]) / 2 / h
    assert (cx, cy) == (pytest.approx(1090 / 1400, abs=0.03), pytest.approx(810 / 990, abs=0.03))


def test_photos_are_deterministic_and_look_like_a_phone_s(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    licence_page().save(folder / "licence.png")
    (folder / "附件5.txt").write_text("其他材料", encoding="utf-8")
    made = photo_twin(folder, tmp_path / "a", {"licence.png": 180}, seed=2, long_side=800)
    again = photo_twin(folder, tmp_path / "b", {"licence.png": 180}, seed=2, long_side=800)
    [first], [second] = made["licence.png"], again["licence.png"]
    assert first.name == second.name and first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted([first.name, "附件5.txt"])
    assert re.fullmatch(r"IMG_\d{4}\.jpg", first.name)
    other = to_photos(folder / "licence.png", tmp_path / "c", seed=3, long_side=800)[0]
    assert other.read_bytes() != first.read_bytes()
    with Image.open(first) as img:
        exif = img.getexif()
        assert exif[0x010F] == "Apple" and 0x920A in exif.get_ifd(0x8769)
        assert max(img.size) == 800


def test_photo_cropped_to_the_page_without_exif_is_still_flattened() -> None:
    # What a scanning app or WeChat sends on: cropped to the sheet, EXIF gone, the
    # shadow still there.
    shot = take_photo(form_page(), np.random.default_rng(6), long_side=PHOTO_SIDE)
    cropped = warp_page(np.asarray(shot.image), shot.corners)
    fix = correct_photo(cropped)
    assert fix.steps == ["flatten"] and fix.image.shape == cropped.shape
    assert illumination_spread(fix.image) < 12


def test_heic_is_sniffed() -> None:
    assert sniff_image_type(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") == "image/heic"
    assert sniff_image_type(b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heicmiaf") == "image/heic"
    # AVIF shares the generic brand but is not HEVC-coded.
    assert sniff_image_type(b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1avifmiaf") is None
    assert sniff_image_type(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42") is None


# -- with OCR -----------------------------------------------------------------------------

def test_photographed_form_reads_like_the_flat_scan(ctx: ExtractContext, tmp_path: Path) -> None:
    page = form_page()
    flat = read(flat_scan(page, tmp_path / "flat.jpg"), ctx)
    assert "photo_corrected" not in flat.metadata
    src = tmp_path / "form.png"
    page.save(src)
    # Stored sideways with an EXIF orientation tag, as a phone held upright saves it.
    [photo_path] = to_photos(src, tmp_path / "photos", seed=3, exif_sideways=True,
                             long_side=PHOTO_SIDE)
    with Image.open(photo_path) as stored:
        assert stored.getexif()[0x0112] == 6 and stored.width > stored.height
    photo = read(photo_path, ctx)
    assert photo.metadata["photo_corrected"] == "1:dewarp+flatten"
    assert "page_rotation" not in photo.metadata
    assert [(t.n_rows, t.n_cols) for t in photo.tables] == \
        [(t.n_rows, t.n_cols) for t in flat.tables] == [(len(FORM_ROWS) + 1, 2)]
    for want_row, got_row in zip(flat.tables[0].rows_text(), photo.tables[0].rows_text()):
        for want, got in zip(want_row, got_row):
            assert fuzz.ratio(want, got) >= 90, (want, got)
    assert [(c.label, c.checked) for c in photo.checkboxes] == \
        [(c.label, c.checked) for c in flat.checkboxes] == SIZE_OPTIONS
    assert all(c.table_index == 0 and c.row == len(FORM_ROWS) for c in photo.checkboxes)
    # Upright (portrait) again, and the page image kept for crops is the corrected page
    # the bboxes refer to.
    page = photo.pages[0]
    assert page.height > page.width
    with Image.open(page.image_path) as kept:
        assert kept.size == (page.width, page.height)


@pytest.mark.parametrize("turn,rotation", [(180, "1:180"), (90, "1:270")])
def test_turned_licence_photo_reads_in_upright_order(tmp_path: Path, turn: int,
                                                      rotation: str) -> None:
    # Through the OCR wrapper the pipeline uses, which creates its service lazily.
    ctx = ExtractContext(ocr=LazyOcrService("rapidocr", tmp_path / "cache"))
    src = tmp_path / "licence.png"
    licence_page().save(src)
    [photo_path] = to_photos(src, tmp_path / "photos", seed=turn, turns=turn,
                             long_side=PHOTO_SIDE)
    doc = read(photo_path, ctx)
    assert doc.metadata["page_rotation"] == rotation
    assert doc.metadata["photo_corrected"] == "1:dewarp+flatten"
    page = doc.pages[0]
    assert page.width > page.height  # landscape again
    assert page.blocks[0].text == "营业执照"
    got = values_after_labels(doc)
    for label, value in LICENCE_FIELDS:
        assert fuzz.ratio(got.get(label, ""), value) >= 90, (label, got.get(label))
    assert [m.kind for m in page.marks].count("seal") == 1
    # The first reading's vote turned it: one reading as it lay, one upright, no
    # reading of other turns.
    assert ctx.ocr.stats["ocr_pages"] == 2 and ctx.stats["ocr_rotation_rereads"] == 1
    assert "ocr_rotation_tries" not in ctx.stats


def test_heic_photo_reads(ctx: ExtractContext, tmp_path: Path) -> None:
    src = tmp_path / "licence.png"
    licence_page().save(src)
    path = to_heic(src, tmp_path / "IMG_0001.heic", seed=7, long_side=PHOTO_SIDE)
    doc = read(path, ctx)
    assert doc.media_type == "image/heic"
    assert doc.metadata["photo_corrected"] == "1:dewarp+flatten"
    got = values_after_labels(doc)
    assert fuzz.ratio(got.get("统一社会信用代码", ""), "91370100MA3C8X2B4K") >= 90
    assert fuzz.ratio(got.get("法定代表人", ""), "张建国") >= 90
