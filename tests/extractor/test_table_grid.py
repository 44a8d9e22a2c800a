"""Ruled tables recovered from page images: grid, merged cells, text per cell, skew."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractor.ocr.base import OcrLine
from extractor.ocr.checkbox_detector import detect_checkboxes
from extractor.ocr.rapid_engine import RapidOcrEngine
from extractor.ocr.table_grid import detect_grids, extract_tables
from models import Table

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
XS = [80, 380, 760, 1000, 1320]
YS = [60, 140, 220, 300, 380, 460, 540]

# What the same form gives as a Word table: label cells left of value cells, merged
# cells repeated over the grid positions they cover.
EXPECTED_ROWS = [
    ["企业名称", "济南晨星智能制造有限公司", "济南晨星智能制造有限公司", "济南晨星智能制造有限公司"],
    ["统一社会信用代码", "91370100MA3C8X2B4K", "成立日期", "2015年3月18日"],
    ["注册资本", "伍仟万元整", "法定代表人", "张三"],
    ["联系方式", "电话", "0531-88886666", "0531-88886666"],
    ["联系方式", "邮箱", "chenxing@example.com", "chenxing@example.com"],
    ["企业类型", "国有企业 民营企业 外资企业", "国有企业 民营企业 外资企业", "国有企业 民营企业 外资企业"],
]


def font(size: int = 30) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def form_image(angle: float = 0.0) -> np.ndarray:
    """A printed application form: merged value cell, a label spanning two rows, a row
    of tick boxes. ``angle`` rotates it like a slightly crooked scan."""
    img = Image.new("RGB", (1400, 620), "white")
    d = ImageDraw.Draw(img)
    for i, y in enumerate(YS):
        # No rule under 联系方式 between its two rows (row span 2).
        d.line([(XS[1] if i == 4 else XS[0], y), (XS[-1], y)], fill="black", width=3)
    d.line([(XS[0], YS[0]), (XS[0], YS[-1])], fill="black", width=3)
    d.line([(XS[-1], YS[0]), (XS[-1], YS[-1])], fill="black", width=3)
    d.line([(XS[1], YS[0]), (XS[1], YS[-1])], fill="black", width=3)
    d.line([(XS[2], YS[1]), (XS[2], YS[5])], fill="black", width=3)
    d.line([(XS[3], YS[1]), (XS[3], YS[3])], fill="black", width=3)

    def put(c: int, r: int, s: str) -> None:
        d.text((XS[c] + 14, YS[r] + 22), s, font=font(), fill="black")

    put(0, 0, "企业名称")
    put(1, 0, "济南晨星智能制造有限公司")
    put(0, 1, "统一社会信用代码")
    put(1, 1, "91370100MA3C8X2B4K")
    put(2, 1, "成立日期")
    put(3, 1, "2015年3月18日")
    put(0, 2, "注册资本")
    put(1, 2, "伍仟万元整")
    put(2, 2, "法定代表人")
    put(3, 2, "张三")
    d.text((XS[0] + 14, (YS[3] + YS[5]) // 2 - 18), "联系方式", font=font(), fill="black")
    put(1, 3, "电话")
    put(2, 3, "0531-88886666")
    put(1, 4, "邮箱")
    put(2, 4, "chenxing@example.com")
    put(0, 5, "企业类型")
    x, y = XS[1] + 14, YS[5] + 24
    for label, ticked in (("国有企业", True), ("民营企业", False), ("外资企业", False)):
        d.rectangle((x, y, x + 28, y + 28), outline="black", width=3)
        if ticked:
            d.line([(x + 5, y + 14), (x + 12, y + 24), (x + 26, y + 2)], fill="black", width=4)
        d.text((x + 40, y - 2), label, font=font(), fill="black")
        x += 220
    d.text((80, 570), "填表日期：2024年5月20日", font=font(), fill="black")
    if angle:
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor="white")
    return np.asarray(img)


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine()


def read_tables(engine: RapidOcrEngine, image: np.ndarray) -> list[Table]:
    lines = engine.recognize(image)
    boxes = detect_checkboxes(image, lines)
    return extract_tables(image, boxes.lines, page=2, start_index=5,
                          exclude=[c.bbox for c in boxes.checkboxes if c.bbox])


def assert_form_structure(table: Table) -> None:
    assert (table.n_rows, table.n_cols) == (6, 4)
    assert table.rows_text() == EXPECTED_ROWS
    grid = table.grid()
    name = grid[0][1]
    assert name and (name.row_span, name.col_span, name.merged_from) == (1, 3, None)
    assert grid[0][2].merged_from == (0, 1) and grid[0][3].merged_from == (0, 1)
    contact = grid[3][0]
    assert contact and (contact.row_span, contact.col_span) == (2, 1)
    assert grid[4][0].merged_from == (3, 0)
    assert grid[3][2].col_span == 2 and grid[3][3].merged_from == (3, 2)
    assert grid[1][2].merged_from is None and grid[1][2].col_span == 1
    # Every grid position is present exactly once.
    assert sorted((c.row, c.col) for c in table.cells) == [(r, c) for r in range(6)
                                                           for c in range(4)]


def test_scanned_form_gives_the_word_table_structure(engine: RapidOcrEngine) -> None:
    tables = read_tables(engine, form_image())
    assert len(tables) == 1
    table = tables[0]
    assert table.source == "ocr" and table.page == 2 and table.index == 5
    assert_form_structure(table)
    x0, y0, x1, y1 = table.bbox
    assert abs(x0 - 80) <= 4 and abs(y0 - 60) <= 4 and abs(x1 - 1320) <= 4 and abs(y1 - 540) <= 4
    cell = table.grid()[1][3]
    assert cell.bbox == pytest.approx((1000, 140, 1320, 220), abs=4)
    # The date line under the table is not part of it.
    assert all("填表日期" not in c.text for c in table.cells)


def test_crooked_scan_is_deskewed(engine: RapidOcrEngine) -> None:
    tables = read_tables(engine, form_image(angle=1.2))
    assert len(tables) == 1
    assert_form_structure(tables[0])


def test_grid_and_a_line_running_over_a_rule() -> None:
    img = Image.new("RGB", (900, 400), "white")
    d = ImageDraw.Draw(img)
    for y in (50, 130, 210):
        d.line([(50, y), (850, y)], fill="black", width=2)
    for x in (50, 300, 850):
        d.line([(x, 50), (x, 210)], fill="black", width=2)
    # A fill-in blank underline is not a table.
    d.line([(100, 330), (500, 330)], fill="black", width=2)
    d.text((62, 74), "企业名称", font=font(), fill="black")
    d.text((312, 74), "济南晨星智能制造有限公司", font=font(), fill="black")
    d.text((62, 154), "注册地址", font=font(), fill="black")
    d.text((312, 138), "山东省济南市", font=font(24), fill="black")
    d.text((312, 172), "高新区舜华路1号", font=font(24), fill="black")
    image = np.asarray(img)
    grids = detect_grids(image)
    assert len(grids) == 1
    g = grids[0]
    assert [round(x) for x in g.xs] == pytest.approx([50, 300, 850], abs=2)
    assert [round(y) for y in g.ys] == pytest.approx([50, 130, 210], abs=2)
    lines = [
        # OCR joined the label and its value over the thin rule at x=300.
        OcrLine(text="企业名称济南晨星智能制造有限公司", bbox=(58, 70, 676, 110), confidence=0.9),
        OcrLine(text="注册地址", bbox=(58, 150, 186, 190), confidence=0.9),
        OcrLine(text="山东省济南市", bbox=(308, 136, 460, 166), confidence=0.9),
        OcrLine(text="高新区舜华路1号", bbox=(308, 170, 500, 200), confidence=0.9),
        OcrLine(text="页脚", bbox=(60, 350, 200, 380), confidence=0.9),
    ]
    tables = extract_tables(image, lines)
    assert len(tables) == 1
    assert tables[0].rows_text() == [["企业名称", "济南晨星智能制造有限公司"],
                                     ["注册地址", "山东省济南市高新区舜华路1号"]]


def test_no_table_on_plain_text() -> None:
    img = Image.new("RGB", (1000, 500), "white")
    d = ImageDraw.Draw(img)
    for i in range(6):
        d.text((60, 40 + i * 60), "国国国田田田回回回目目目工工工王王王" * 2, font=font(40),
               fill="black")
    assert detect_grids(np.asarray(img)) == []
    assert extract_tables(np.full((300, 300, 3), 255, np.uint8), []) == []


def test_row_rule_beside_a_character_stroke_in_the_next_column() -> None:
    """A rule that stops at the first column's line, with a long horizontal stroke of the
    group label (企业边缘云) a few pixels lower in that column: the stroke must not
    stretch the rule past the column line and get it thrown away."""
    img = Image.new("RGB", (1400, 700), "white")
    d = ImageDraw.Draw(img)
    x0, xc, x1 = 100, 400, 1300
    d.rectangle((x0, 100, x1, 600), outline="black", width=4)
    d.line((xc, 100, xc, 600), fill="black", width=4)
    d.line((x0, 350, x1, 350), fill="black", width=4)   # full rule
    d.line((xc, 225, x1, 225), fill="black", width=4)   # partial rule, right part only
    d.line((150, 228, 240, 228), fill="black", width=5)  # a character's stroke beside it
    [grid] = detect_grids(np.asarray(img))
    assert [round(y / 5) * 5 for y in grid.ys] == [100, 225, 350, 600]


def test_one_row_table_cut_onto_the_next_page() -> None:
    """The last row of a table alone at the top of a page: its column rules are no longer
    than a line of text is high, yet they make a table of one row and five cells. Two
    parallel rules with nothing joining them (a heading between lines) do not."""
    # A page-sized image: the grid search keeps rules of at least 1/30 of the page's
    # short side (57 px here), longer than this 48 px row.
    img = Image.new("RGB", (1700, 1700), "white")
    d = ImageDraw.Draw(img)
    xs, top, bottom = [100, 250, 600, 750, 1050, 1300], 60, 108
    d.line((xs[0], top, xs[-1], top), fill="black", width=3)
    d.line((xs[0], bottom, xs[-1], bottom), fill="black", width=3)
    for x in xs:
        d.line((x, top, x, bottom), fill="black", width=3)
    for x, text in zip(xs, ["10", "组织战略人才", "6", "基本符合", "84"]):
        d.text((x + 8, top + 6), text, font=font(34), fill="black")
    d.line((xs[0], 250, xs[-1], 250), fill="black", width=3)
    d.text((120, 262), "四、智能工厂建设场景清单", font=font(34), fill="black")
    d.line((xs[0], 302, xs[-1], 302), fill="black", width=3)
    grids = detect_grids(np.asarray(img), text_height=44.0)
    assert [(g.n_rows, g.n_cols) for g in grids] == [(1, 5)]
    assert [round(x / 10) * 10 for x in grids[0].xs] == xs
