"""Tick boxes drawn in scans: found, ticked vs empty, labelled from the OCR line to their
right; characters that look like boxes (口 国 回 日 ...) are not taken for boxes."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.ocr.base import OcrLine
from extractor.ocr.checkbox_detector import detect_checkboxes
from extractor.ocr.rapid_engine import RapidOcrEngine

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
BOX = 28


def font(size: int = 30) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def draw_box(d: ImageDraw.ImageDraw, x: int, y: int, mark: str | None) -> int:
    """A drawn tick box at (x, y); ``mark`` is tick, cross, fill, overshoot or None.
    Returns where its label starts."""
    d.rectangle((x, y, x + BOX, y + BOX), outline="black", width=3)
    if mark == "tick":
        d.line([(x + 5, y + 14), (x + 12, y + 22), (x + 24, y + 5)], fill="black", width=4)
    elif mark == "overshoot":  # a hand tick running out over the frame
        d.line([(x + 4, y + 12), (x + 12, y + 24), (x + 34, y - 10)], fill="black", width=4)
    elif mark == "cross":
        d.line([(x + 5, y + 5), (x + 23, y + 23)], fill="black", width=3)
        d.line([(x + 23, y + 5), (x + 5, y + 23)], fill="black", width=3)
    elif mark == "fill":
        d.rectangle((x + 7, y + 7, x + BOX - 7, y + BOX - 7), fill="black")
    return x + BOX + 14


def option_row(d: ImageDraw.ImageDraw, x: int, y: int,
               options: list[tuple[str, str | None]], gap: int = 60) -> None:
    for label, mark in options:
        x = draw_box(d, x, y + 2, mark)
        d.text((x, y - 2), label, font=font(), fill="black")
        x += int(d.textlength(label, font=font())) + gap


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


@pytest.fixture(scope="module")
def form() -> np.ndarray:
    img = Image.new("RGB", (1300, 420), "white")
    d = ImageDraw.Draw(img)
    d.text((60, 40), "企业类型：", font=font(), fill="black")
    option_row(d, 230, 42, [("国有企业", "tick"), ("民营企业", None), ("外资企业", None)])
    d.text((60, 130), "是否高新技术企业：", font=font(), fill="black")
    option_row(d, 360, 132, [("已认定", None), ("未认定", "cross")])
    d.text((60, 220), "申报方向：", font=font(), fill="black")
    option_row(d, 230, 222, [("智能工厂", "fill"), ("数字化车间", None),
                             ("智能制造标杆企业", "overshoot")])
    d.text((60, 320), "进出口总额：口径说明见附件", font=font(), fill="black")
    return np.asarray(img)


def test_boxes_found_with_state_and_label(engine: RapidOcrEngine, form: np.ndarray) -> None:
    lines = engine.recognize(form)
    result = detect_checkboxes(form, lines, page=3)
    got = [(c.label, c.checked) for c in result.checkboxes]
    assert got == [
        ("国有企业", True), ("民营企业", False), ("外资企业", False),
        ("已认定", False), ("未认定", True),
        ("智能工厂", True), ("数字化车间", False), ("智能制造标杆企业", True),
    ]
    for cb in result.checkboxes:
        assert cb.source == "image" and cb.page == 3
        x0, y0, x1, y1 = cb.bbox
        assert 24 <= x1 - x0 <= 36 and 24 <= y1 - y0 <= 36


def test_box_glyphs_are_removed_from_lines(engine: RapidOcrEngine, form: np.ndarray) -> None:
    lines = engine.recognize(form)
    result = detect_checkboxes(form, lines)
    text = "\n".join(ln.text for ln in result.lines)
    assert not set(text) & set("□☐☑☒■")
    assert "国有企业" in text and "数字化车间" in text
    # 口 written as a character stays (it is not beside any box).
    assert "进出口" in text


PROSE = ("山东省智能制造标杆企业申报书。企业基本情况：公司成立于二〇一五年，注册资本伍仟万元整，"
         "主营业务为智能装备研发、生产和销售。近三年营业收入分别为一亿二千万元、一亿五千万元。"
         "项目建设内容包括数字化车间改造、工业互联网平台建设、智能仓储物流系统、质量追溯系统等。"
         "进出口总额、人口、出口、口径、品质、回形针、国家级、日期、自动化、面积、图纸、圆形、"
         "四个、固定资产、首台套、百分比、目标、田间、由于、甲方、申报、中国、器械、唱歌、兄弟。")
SQUARE_CHARS = "国回田因图团固困四圆园围日目曰白百自首面品器中口"


def test_characters_that_look_like_boxes_are_not_boxes(engine: RapidOcrEngine) -> None:
    for size in (22, 30, 40):
        per_line = (1360 - 40) // size
        rows = [SQUARE_CHARS] + [PROSE[i:i + per_line] for i in range(0, len(PROSE), per_line)]
        img = Image.new("RGB", (1400, 40 + len(rows) * int(size * 1.8)), "white")
        d = ImageDraw.Draw(img)
        for i, t in enumerate(rows):
            d.text((40, 20 + i * int(size * 1.8)), t, font=font(size), fill="black")
        arr = np.asarray(img)
        result = detect_checkboxes(arr, engine.recognize(arr))
        assert result.checkboxes == [], (size, result.checkboxes)
        assert "进出口" in "".join(ln.text for ln in result.lines)


def test_labels_from_given_lines_without_ocr() -> None:
    """The OCR line reads the empty boxes as □, drops the ticked one and runs the
    options together: labels are still cut where the boxes are."""
    img = Image.new("RGB", (900, 120), "white")
    d = ImageDraw.Draw(img)
    option_row(d, 40, 40, [("国有企业", "tick"), ("民营企业", None), ("外资企业", None)],
               gap=50)
    arr = np.asarray(img)
    boxes_x = [40]
    x = 40
    for label in ("国有企业", "民营企业"):
        x += BOX + 14 + int(d.textlength(label, font=font())) + 50
        boxes_x.append(x)
    line = OcrLine(text="国有企业□民营企业□外资企业", bbox=(36.0, 32.0, x + BOX + 14 + 124.0, 80.0),
                   confidence=0.9)
    result = detect_checkboxes(arr, [line])
    assert [(c.label, c.checked) for c in result.checkboxes] == [
        ("国有企业", True), ("民营企业", False), ("外资企业", False)]
    assert [round(c.bbox[0]) for c in result.checkboxes] == pytest.approx(boxes_x, abs=3)
    assert [ln.text for ln in result.lines] == ["国有企业 民营企业 外资企业"]


def test_blank_page_and_page_without_lines() -> None:
    blank = np.full((300, 400, 3), 255, np.uint8)
    assert detect_checkboxes(blank, []).checkboxes == []
    img = Image.new("RGB", (400, 120), "white")
    draw_box(ImageDraw.Draw(img), 50, 40, "tick")
    result = detect_checkboxes(np.asarray(img), [])
    assert [(c.label, c.checked) for c in result.checkboxes] == [("", True)]


def test_labels_written_before_their_boxes(engine: RapidOcrEngine) -> None:
    """"是☑ 否□": the line ends with a box, so each label is the text before its box."""
    img = Image.new("RGB", (900, 220), "white")
    d = ImageDraw.Draw(img)
    x = 60
    for label, mark in (("是", "tick"), ("否", None)):
        d.text((x, 38), label, font=font(), fill="black")
        x += int(d.textlength(label, font=font())) + 10
        draw_box(d, x, 42, mark)
        x += BOX + 60
    d.text((60, 128), "是否上市：", font=font(), fill="black")
    x = 60 + int(d.textlength("是否上市：", font=font())) + 10
    for label, mark in (("是", None), ("否", "cross")):
        d.text((x, 128), label, font=font(), fill="black")
        x += int(d.textlength(label, font=font())) + 10
        draw_box(d, x, 132, mark)
        x += BOX + 60
    arr = np.asarray(img)
    result = detect_checkboxes(arr, engine.recognize(arr))
    assert [(c.label, c.checked) for c in result.checkboxes] == [
        ("是", True), ("否", False), ("是", False), ("否", True)]


def test_option_ticked_by_a_written_mark_instead_of_a_box(engine: RapidOcrEngine) -> None:
    """"□大型 √中型 □小型": the drawn boxes are the unticked options; the √ written in
    place of a box ticks its own option."""
    img = Image.new("RGB", (1000, 130), "white")
    d = ImageDraw.Draw(img)
    x = 40
    for label, box in (("大型", True), ("√中型", False), ("小型", True)):
        if box:
            x = draw_box(d, x, 42, None)
        d.text((x, 38), label, font=font(), fill="black")
        x += int(d.textlength(label, font=font())) + 60
    arr = np.asarray(img)
    result = detect_checkboxes(arr, engine.recognize(arr))
    assert [(c.label, c.checked) for c in result.checkboxes] == [
        ("大型", False), ("中型", True), ("小型", False)]
    ticked = result.checkboxes[1].bbox
    assert ticked is not None and result.checkboxes[0].bbox[2] < ticked[0] < result.checkboxes[2].bbox[0]


def test_boxes_in_a_tight_table_row_touching_its_rules(engine: RapidOcrEngine) -> None:
    """A printed form's row barely taller than its boxes: the cell's rules run a few
    pixels above and below each box. They are borders, not strokes of a character."""
    img = Image.new("RGB", (1000, 160), "white")
    d = ImageDraw.Draw(img)
    top, bottom = 40, 40 + BOX + 12
    d.line((20, top, 980, top), fill="black", width=3)
    d.line((20, bottom, 980, bottom), fill="black", width=3)
    option_row(d, 60, top + 6, [("大型", None), ("中型", "tick"), ("小型", None)])
    arr = np.asarray(img)
    result = detect_checkboxes(arr, engine.recognize(arr))
    assert [(c.label, c.checked) for c in result.checkboxes] == [
        ("大型", False), ("中型", True), ("小型", False)]
