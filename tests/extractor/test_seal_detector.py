"""Red seal detection and signature (handwriting) detection on generated page images."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractor.ocr.base import OcrLine
from extractor.ocr.seal_detector import detect_red_seals, find_handwriting
from samples.data_product.handwriting import draw_signature
from samples.render.scan import jpeg_roundtrip, scanned_look
from samples.render.seal import SEAL_RED, seal_mask, stamp
from samples.render.text import draw_text, text_width

A4 = (1654, 2339)  # 200 dpi
BODY = 36
LABELS = ["法人代表(签字)", "法定代表人(签字)"]
PLEDGE = "我单位申报的所有材料，均真实、完整，如有不实，愿承担相应的责任。"


def page() -> Image.Image:
    img = Image.new("RGB", A4, "white")
    draw = ImageDraw.Draw(img)
    for i in range(12):
        draw_text(draw, (150, 200 + i * 64), PLEDGE, 32)
    return img


def as_array(img: Image.Image, seed: int = 0) -> np.ndarray:
    """Scanned look and JPEG artefacts, as an uploaded scan has."""
    return np.asarray(jpeg_roundtrip(scanned_look(img, np.random.default_rng(seed))))


def iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area


# -- seals --------------------------------------------------------------------------------

def test_round_seal_over_text_is_found_where_it_was_stamped() -> None:
    img = page()
    rng = np.random.default_rng(1)
    stamp(img, seal_mask(300, "山东鲁数智联科技有限公司", rng, code_text="3701020012345"), (1100, 480),
          rotation=12)
    seals = detect_red_seals(as_array(img))
    assert len(seals) == 1
    assert iou(seals[0], (950, 330, 1250, 630)) > 0.75


def test_oval_seal_is_found() -> None:
    img = page()
    rng = np.random.default_rng(2)
    oval = seal_mask(300, "潍坊恒信化工有限公司财务专用章", rng).resize((420, 290), Image.LANCZOS)
    stamp(img, oval, (700, 1500))
    seals = detect_red_seals(as_array(img))
    assert len(seals) == 1
    x0, y0, x1, y1 = seals[0]
    assert 1.25 < (x1 - x0) / (y1 - y0) < 1.6
    assert iou(seals[0], (490, 1355, 910, 1645)) > 0.75


def test_two_seals_are_two_boxes_in_page_order() -> None:
    img = page()
    rng = np.random.default_rng(3)
    stamp(img, seal_mask(300, "山东鲁数智联科技有限公司", rng), (1200, 1800))
    stamp(img, seal_mask(280, "济南市历下区市场监督管理局", rng), (500, 600), rotation=-20)
    seals = detect_red_seals(as_array(img))
    assert len(seals) == 2
    assert seals[0][1] < seals[1][1]
    assert iou(seals[0], (360, 460, 640, 740)) > 0.7 and iou(seals[1], (1050, 1650, 1350, 1950)) > 0.7


def test_a_page_without_seal_has_none() -> None:
    assert detect_red_seals(as_array(page())) == []


def test_red_text_red_rules_and_big_red_characters_are_not_seals() -> None:
    img = page()
    draw = ImageDraw.Draw(img)
    # A red-letterhead title, a red paragraph, red table rules and a certificate title
    # in large red characters: all red ink, none of it a seal.
    draw_text(draw, (200, 1100), "山东省工业和信息化厅文件", 80, fill=SEAL_RED, bold=True)
    draw.line((120, 1230, 1530, 1230), fill=SEAL_RED, width=6)
    draw_text(draw, (150, 1280), "注：红色字体为填报说明，提交前请删除。", 32, fill=SEAL_RED)
    for k in range(6):
        draw.line((150, 1400 + k * 60, 1500, 1400 + k * 60), fill=SEAL_RED, width=2)
        draw.line((150 + k * 270, 1400, 150 + k * 270, 1700), fill=SEAL_RED, width=2)
    draw_text(draw, (260, 1850), "荣誉证书", 150, fill=(178, 30, 36), tracking=60, bold=True)
    # A reviewer's red circle round a word: an ellipse, but nothing inside it.
    draw.ellipse((1100, 1000, 1400, 1300), outline=SEAL_RED, width=8)
    assert detect_red_seals(as_array(img)) == []


def test_seal_inside_a_red_frame_is_found() -> None:
    # Licences print a red-brown frame round the whole page; the seal sits inside it.
    img = page()
    draw = ImageDraw.Draw(img)
    draw.rectangle((36, 36, A4[0] - 36, A4[1] - 36), outline=(150, 62, 48), width=8)
    stamp(img, seal_mask(280, "济南市历下区市场监督管理局", np.random.default_rng(4)), (1200, 2000))
    seals = detect_red_seals(as_array(img))
    assert len(seals) == 1 and iou(seals[0], (1060, 1860, 1340, 2140)) > 0.7


def test_faint_seal_is_still_found_and_greyscale_input_is_accepted() -> None:
    img = page()
    stamp(img, seal_mask(300, "山东鲁数智联科技有限公司", np.random.default_rng(5)), (800, 900), strength=0.7)
    assert len(detect_red_seals(as_array(img))) == 1
    # A black-and-white photocopy has no red to find: no seal, no crash.
    grey = np.asarray(img.convert("L"))
    assert detect_red_seals(grey) == []


# -- signatures ---------------------------------------------------------------------------

LABEL_XY = (300, 1200)


def pledge(signed: bool, seed: int = 7, label: str = "法人代表(签字)：", where: str = "right",
           typed_name: str | None = None) -> tuple[np.ndarray, list[OcrLine]]:
    """A pledge page and the OCR lines a reader would return for its print (the lines'
    boxes come from the font metrics, so no OCR engine is needed)."""
    rng = np.random.default_rng(seed)
    img = Image.new("RGB", A4, "white")
    draw = ImageDraw.Draw(img)
    lines: list[OcrLine] = []

    def printed(xy: tuple[float, float], text: str, size: int = BODY, conf: float = 0.98) -> float:
        end = draw_text(draw, xy, text, size)
        lines.append(OcrLine(text=text, bbox=(xy[0] - 3, xy[1] - 2, end + 3, xy[1] + size * 1.2),
                             confidence=conf))
        return end

    printed((230, 800), PLEDGE)
    x = printed(LABEL_XY, label)
    lh = BODY * 1.2
    if signed and where == "right":
        draw_signature(draw, (x + 30, LABEL_XY[1] - 25, x + 330, LABEL_XY[1] + lh + 15), rng)
    if signed and where == "below":
        draw_signature(draw, (LABEL_XY[0] + 40, LABEL_XY[1] + lh + 5, LABEL_XY[0] + 320,
                              LABEL_XY[1] + 2 * lh), rng, glyphs=2)
    if typed_name:
        printed((x + 40, LABEL_XY[1]), typed_name)
    # A signing rule under the area and the next label one and a half lines down.
    draw.line((x + 10, LABEL_XY[1] + lh + 4, x + 420, LABEL_XY[1] + lh + 4), fill=(20, 20, 20), width=2)
    printed((LABEL_XY[0], LABEL_XY[1] + 2.2 * lh), "申报单位(公章)：")
    printed((1000, 1650), "2022年12月15日")
    return as_array(img, seed), lines


def test_handwriting_right_of_the_label_counts_as_signed() -> None:
    image, lines = pledge(signed=True)
    marks = find_handwriting(image, lines, LABELS)
    assert len(marks) == 1
    mark = marks[0]
    assert mark.signed and not mark.typed and mark.label == "法人代表(签字)"
    assert mark.bbox is not None and mark.bbox[0] > mark.label_bbox[2]
    assert mark.ink_pixels > 500


def test_empty_signing_area_is_unsigned_despite_the_rule_and_the_next_label() -> None:
    image, lines = pledge(signed=False)
    marks = find_handwriting(image, lines, LABELS)
    assert [(m.label, m.signed, m.typed) for m in marks] == [("法人代表(签字)", False, False)]


def test_handwriting_below_the_label_counts() -> None:
    image, lines = pledge(signed=True, where="below", seed=11)
    (mark,) = find_handwriting(image, lines, LABELS)
    assert mark.signed and not mark.typed
    assert mark.bbox is not None and mark.bbox[1] >= mark.label_bbox[3] - 5


@pytest.mark.parametrize("seed", [21, 22, 23, 24, 25])
def test_random_signatures_are_all_found(seed: int) -> None:
    image, lines = pledge(signed=True, seed=seed)
    assert [m.signed for m in find_handwriting(image, lines, LABELS)] == [True]


def test_typed_name_counts_as_signed_but_typed() -> None:
    image, lines = pledge(signed=False, typed_name="刘振华")
    (mark,) = find_handwriting(image, lines, LABELS)
    assert (mark.signed, mark.typed, mark.text) == (True, True, "刘振华")


def test_typed_name_in_the_label_line_itself() -> None:
    image, lines = pledge(signed=False)
    merged = next(ln for ln in lines if ln.text.startswith("法人代表"))
    idx = lines.index(merged)
    img = Image.fromarray(image)
    end = merged.bbox[2]
    draw_text(ImageDraw.Draw(img), (end + 10, LABEL_XY[1]), "刘振华", BODY)
    lines[idx] = OcrLine(text="法人代表（签字）：刘振华",
                         bbox=(merged.bbox[0], merged.bbox[1], end + 10 + text_width("刘振华", BODY) + 3,
                               merged.bbox[3]), confidence=0.97)
    (mark,) = find_handwriting(np.asarray(img), lines, LABELS)
    assert (mark.signed, mark.typed, mark.text) == (True, True, "刘振华")


def test_low_confidence_ocr_of_the_scribble_is_still_handwriting() -> None:
    image, lines = pledge(signed=True, seed=31)
    label = next(ln for ln in lines if ln.text.startswith("法人代表"))
    # OCR often reads a signature as a few doubtful characters.
    lines.append(OcrLine(text="刻振", bbox=(label.bbox[2] + 30, label.bbox[1] - 20, label.bbox[2] + 330,
                                           label.bbox[3] + 10), confidence=0.31))
    (mark,) = find_handwriting(image, lines, LABELS)
    assert mark.signed and not mark.typed


def test_alternative_label_and_ocr_variants_of_it() -> None:
    image, lines = pledge(signed=True, label="法定代表人（签字）:", seed=41)
    (mark,) = find_handwriting(image, lines, LABELS)
    assert mark.label == "法定代表人(签字)" and mark.signed
    # OCR dropped the brackets and misread one character.
    for ln in lines:
        if ln.text.startswith("法定代表人"):
            ln.text = "法定代表人签宇:"
    (mark,) = find_handwriting(image, lines, LABELS)
    assert mark.label == "法定代表人(签字)" and mark.signed


def test_seal_ink_in_the_signing_area_is_not_a_signature() -> None:
    image, lines = pledge(signed=False)
    img = Image.fromarray(image)
    stamp(img, seal_mask(300, "山东鲁数智联科技有限公司", np.random.default_rng(9)), (760, 1260))
    (mark,) = find_handwriting(np.asarray(img), lines, LABELS)
    assert not mark.signed


def test_no_label_no_marks() -> None:
    image, lines = pledge(signed=True)
    lines = [ln for ln in lines if not ln.text.startswith("法人代表")]
    assert find_handwriting(image, lines, LABELS) == []


def test_with_the_real_ocr_engine() -> None:
    """End to end on a strip of the page: rapidocr finds the label, leaves the scribble
    unread (or reads it doubtfully), and the signing area decides."""
    from extractor.ocr.rapid_engine import RapidOcrEngine

    engine = RapidOcrEngine()
    results = []
    for signed in (True, False):
        image, _ = pledge(signed=signed, seed=51)
        strip = np.ascontiguousarray(image[1050:1450, :])
        lines = engine.recognize(strip)
        assert any("签字" in ln.text for ln in lines)
        results.append([m.signed for m in find_handwriting(strip, lines, LABELS)])
    assert results == [[True], [False]]


def test_sentence_mentioning_the_label_is_print_not_a_signature() -> None:
    # Callers also pass bare 签字; the form's instructions mention it mid-sentence.
    img = Image.new("RGB", A4, "white")
    draw = ImageDraw.Draw(img)
    text = "3. 请按要求在申报表上统一签字并加盖公章，扫描后上传。"
    end = draw_text(draw, (150, 600), text, 32)
    lines = [OcrLine(text=text, bbox=(147, 598, end + 3, 640), confidence=0.97)]
    (mark,) = find_handwriting(as_array(img), lines, ["签字"])
    assert not mark.signed
