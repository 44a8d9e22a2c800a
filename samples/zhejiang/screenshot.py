"""A screenshot of the factory's MES (生产执行看板) as a PNG: window title bar, side menu,
KPI cards, a work-order grid and a bar chart, drawn flat as a screen capture is (no scan
noise). The text is UI text only, so nothing in it reads like another document's title.
"""
from __future__ import annotations

import io

from PIL import Image, ImageDraw

from samples.render.text import draw_text, text_width

W, H = 1600, 900
BLUE = (22, 93, 168)
DARK = (33, 41, 54)
GREY = (238, 241, 245)
LINE = (214, 219, 226)
TEXT = (40, 44, 52)
MUTED = (120, 128, 140)
GREEN = (46, 160, 90)
ORANGE = (230, 140, 40)

MENU = ("首页看板", "生产计划", "工单管理", "生产执行", "质量管理", "设备管理", "仓储物流", "能源管理", "报表中心", "系统设置")
ORDERS = (
    ("WO240612-0031", "ORM1-250/3300", "250A", "1,200", "1,086", "生产中"),
    ("WO240612-0032", "ORM1-125/3300", "100A", "2,000", "2,000", "已完工"),
    ("WO240612-0033", "ORW1-2000/3", "1600A", "36", "22", "生产中"),
    ("WO240612-0034", "ORB7-63/1P", "32A", "8,000", "5,412", "生产中"),
    ("WO240612-0035", "ORM1-400/3340", "400A", "600", "0", "待排产"),
    ("WO240612-0036", "ORGCS-MNS", "成套柜", "4", "1", "生产中"),
    ("WO240612-0037", "ORB7-63/2P", "16A", "5,000", "5,000", "已完工"),
)
KPIS = (("今日产量（台）", "18,426", BLUE), ("设备OEE", "86.3%", GREEN), ("一次交检合格率", "99.52%", GREEN),
        ("在制工单", "27", ORANGE))
HOURLY = (1720, 2310, 2480, 2395, 1210, 2260, 2520, 2440, 2075)


def _status_colour(status: str) -> tuple[int, int, int]:
    return {"已完工": GREEN, "生产中": BLUE, "待排产": ORANGE}.get(status, MUTED)


def render_mes_screen(company_short: str) -> Image.Image:
    img = Image.new("RGB", (W, H), GREY)
    d = ImageDraw.Draw(img)
    # Window title bar and top navigation.
    d.rectangle((0, 0, W, 34), fill=(228, 230, 234))
    draw_text(d, (14, 8), f"{company_short} MES制造执行系统 - 生产执行看板", 16, fill=TEXT)
    for i, glyph in enumerate(("—", "□", "×")):
        draw_text(d, (W - 110 + i * 36, 7), glyph, 17, fill=TEXT)
    d.rectangle((0, 34, W, 90), fill=BLUE)
    draw_text(d, (24, 49), f"{company_short}智造平台", 26, fill=(255, 255, 255))
    draw_text(d, (W - 420, 54), "当前用户：生产管理员    2024-06-12 15:30:45", 16, fill=(225, 235, 248))
    # Side menu.
    d.rectangle((0, 90, 200, H), fill=DARK)
    for i, item in enumerate(MENU):
        y = 110 + i * 52
        if item == "生产执行":
            d.rectangle((0, y - 10, 200, y + 34), fill=BLUE)
        draw_text(d, (36, y), item, 18, fill=(235, 238, 242))
    # Breadcrumb.
    draw_text(d, (226, 104), "生产执行  >  车间实时看板  >  塑壳断路器装配车间", 16, fill=MUTED)
    # KPI cards.
    card_w = (W - 226 - 24 - 3 * 18) // 4
    for i, (label, value, colour) in enumerate(KPIS):
        x = 226 + i * (card_w + 18)
        d.rectangle((x, 136, x + card_w, 236), fill=(255, 255, 255), outline=LINE)
        d.rectangle((x, 136, x + 6, 236), fill=colour)
        draw_text(d, (x + 24, 152), label, 17, fill=MUTED)
        draw_text(d, (x + 24, 184), value, 34, fill=colour)
    # Work-order grid.
    gx, gy, gw = 226, 258, 860
    d.rectangle((gx, gy, gx + gw, gy + 430), fill=(255, 255, 255), outline=LINE)
    draw_text(d, (gx + 16, gy + 12), "工单执行情况", 19, fill=TEXT)
    cols = (("工单号", 0), ("产品型号", 170), ("规格", 350), ("计划数量", 450), ("完成数量", 570), ("状态", 700))
    hy = gy + 52
    d.rectangle((gx + 1, hy, gx + gw - 1, hy + 36), fill=(246, 248, 251))
    for label, off in cols:
        draw_text(d, (gx + 16 + off, hy + 8), label, 16, fill=MUTED)
    for r, row in enumerate(ORDERS):
        y = hy + 36 + r * 46
        d.line((gx + 1, y, gx + gw - 1, y), fill=LINE)
        for (_, off), value in zip(cols, row):
            colour = _status_colour(value) if off == 700 else TEXT
            draw_text(d, (gx + 16 + off, y + 12), value, 16, fill=colour)
    # Hourly output chart.
    cx, cy, cw, ch = 1106, 258, W - 1106 - 24, 430
    d.rectangle((cx, cy, cx + cw, cy + ch), fill=(255, 255, 255), outline=LINE)
    draw_text(d, (cx + 16, cy + 12), "小时产量趋势", 19, fill=TEXT)
    base = cy + ch - 50
    top = max(HOURLY)
    bar = (cw - 60) // len(HOURLY)
    for i, v in enumerate(HOURLY):
        x = cx + 40 + i * bar
        h = int((ch - 120) * v / top)
        d.rectangle((x, base - h, x + bar - 14, base), fill=BLUE if v > 2000 else ORANGE)
        label = f"{8 + i}时"
        draw_text(d, (x + (bar - 14 - text_width(label, 13)) / 2, base + 8), label, 13, fill=MUTED)
    # Status bar.
    d.rectangle((200, H - 34, W, H), fill=(228, 230, 234))
    draw_text(d, (214, H - 27), "数据来源：SCADA / 设备数据采集网关    刷新周期：5秒    在线设备：148 / 170", 14, fill=MUTED)
    return img


def mes_screenshot_png(company_short: str) -> bytes:
    buf = io.BytesIO()
    render_mes_screen(company_short).save(buf, "PNG", optimize=False)
    return buf.getvalue()
