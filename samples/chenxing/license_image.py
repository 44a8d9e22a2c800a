"""营业执照（副本） as a scanned/photographed JPEG.

Layout follows the 2016+ licence: title and (副本) at the top, the code line, a left column
(名称 类型 法定代表人 经营范围) and a right column (注册资本 成立日期 营业期限 住所), then
登记机关 with a date and the authority's red seal over both. Label and value share a line.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
from PIL import Image, ImageDraw

from samples.chenxing.company_profile import Company
from samples.render.scan import jpeg_bytes, scanned_look
from samples.render.seal import seal_mask, stamp
from samples.render.text import draw_centered, draw_text, text_width, wrap

W, H = 2000, 1400
FIELD = 34  # px; printed fields are at least 30 px high
BORDER = (150, 62, 48)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


def business_term(c: Company) -> str:
    end = "长期" if c.term_end is None else cn_date(c.term_end)
    return f"{cn_date(c.established)}至{end}"


@dataclass(frozen=True)
class LicenceOptions:
    # The company's own seal stamped over the copy so that it clips the 注册资本 value, as
    # applicants do when they certify a copy (加盖公章).
    seal_over_capital: bool = False


def _background(rng: np.random.Generator) -> Image.Image:
    img = Image.new("RGB", (W, H), (252, 250, 244))
    draw = ImageDraw.Draw(img)
    # Faint guilloche: two families of sine waves, light enough not to disturb reading.
    for k in range(0, H, 22):
        phase = rng.uniform(0, 2 * math.pi)
        pts = [(x, k + 9 * math.sin(x / 57.0 + phase)) for x in range(0, W + 20, 20)]
        draw.line(pts, fill=(244, 232, 222), width=2)
    for k in range(0, W, 90):
        pts = [(k + 14 * math.sin(y / 80.0), y) for y in range(0, H + 20, 20)]
        draw.line(pts, fill=(246, 238, 230), width=1)
    draw.rectangle((36, 36, W - 36, H - 36), outline=BORDER, width=8)
    draw.rectangle((54, 54, W - 54, H - 54), outline=BORDER, width=2)
    for cx, cy in ((54, 54), (W - 54, 54), (54, H - 54), (W - 54, H - 54)):
        draw.ellipse((cx - 14, cy - 14, cx + 14, cy + 14), outline=BORDER, width=3)
    return img


def _qr_like(rng: np.random.Generator, modules: int = 29, px: int = 7) -> Image.Image:
    """A QR-looking block (random modules with the three finder patterns)."""
    grid = rng.random((modules, modules)) > 0.52
    for ox, oy in ((0, 0), (modules - 7, 0), (0, modules - 7)):
        grid[oy:oy + 7, ox:ox + 7] = False
        grid[oy, ox:ox + 7] = grid[oy + 6, ox:ox + 7] = True
        grid[oy:oy + 7, ox] = grid[oy:oy + 7, ox + 6] = True
        grid[oy + 2:oy + 5, ox + 2:ox + 5] = True
    arr = np.where(np.kron(grid, np.ones((px, px), dtype=bool)), 0, 255).astype(np.uint8)
    return Image.fromarray(arr).convert("RGB")


def _field(draw: ImageDraw.ImageDraw, x: int, vx: int, y: float, label: str, value: str, width: int) -> float:
    """Label at x, value from vx, wrapped to width; returns the y below the field."""
    draw_text(draw, (x, y), label, FIELD)
    for line in wrap(value, FIELD, width):
        draw_text(draw, (vx, y), line, FIELD)
        y += FIELD * 1.55
    return y + 18


def render_licence(c: Company, seed: int, options: LicenceOptions = LicenceOptions()) -> Image.Image:
    rng = np.random.default_rng(seed)
    img = _background(rng)
    draw = ImageDraw.Draw(img)
    draw_centered(draw, W / 2, 130, "营业执照", 112, fill=(24, 24, 24), tracking=36, bold=True)
    draw_centered(draw, W / 2, 268, "（副本）", 40, tracking=10)
    qr = _qr_like(rng)
    img.paste(qr, (W - 120 - qr.width, 96))
    for i, line in enumerate(("扫描二维码登录“国家企业信用", "信息公示系统”了解更多登记、", "备案、许可、监管信息。")):
        draw_text(draw, (W - 110 - 300, 96 + qr.height + 10 + i * 28), line, 21)

    y0 = 350
    draw_text(draw, (150, y0), "统一社会信用代码", FIELD)
    draw_text(draw, (150 + text_width("统一社会信用代码", FIELD) + 30, y0 - 2), c.uscc, 38)
    y_left = y_right = y0 + 100
    lx, lvx, lw = 150, 360, 700
    rx, rvx, rw = 1120, 1290, 560
    y_left = _field(draw, lx, lvx, y_left, "名称", c.name, lw)
    y_left = _field(draw, lx, lvx, y_left, "类型", c.entity_type, lw)
    y_left = _field(draw, lx, lvx, y_left, "法定代表人", c.legal_rep, lw)
    y_left = _field(draw, lx, lvx, y_left, "经营范围", c.scope, lw)
    capital_y = y_right
    y_right = _field(draw, rx, rvx, y_right, "注册资本", c.capital_text, rw)
    y_right = _field(draw, rx, rvx, y_right, "成立日期", cn_date(c.established), rw)
    y_right = _field(draw, rx, rvx, y_right, "营业期限", business_term(c), rw)
    y_right = _field(draw, rx, rvx, y_right, "住所", c.address, rw)

    reg_y = 1085
    draw_text(draw, (1380, reg_y), "登记机关", 40, tracking=8)
    d = c.licence_date
    draw_text(draw, (1350, reg_y + 90), f"{d.year}年{d.month:02d}月{d.day:02d}日", FIELD)
    draw_text(draw, (110, H - 110), "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 22)
    draw_text(draw, (W - 420, H - 110), "国家市场监督管理总局监制", 22)

    authority = seal_mask(280, c.authority, rng)
    stamp(img, authority, (1500 + int(rng.integers(-15, 15)), reg_y + 70 + int(rng.integers(-10, 10))),
          rotation=float(rng.uniform(-8, 8)))
    if options.seal_over_capital:
        end = rvx + text_width(c.capital_text, FIELD)
        own = seal_mask(270, c.name, rng, code_text=c.seal_code)
        # Centre up and to the right so the ring crosses the last two characters of the
        # amount while the lines below (成立日期, 营业期限) stay clear.
        cy = capital_y - 55
        half = math.sqrt(135**2 - (capital_y + FIELD / 2 - cy) ** 2)
        stamp(img, own, (int(end - 2 * FIELD + half), cy), rotation=float(rng.uniform(-20, 20)))

    return scanned_look(img, rng, max_skew_deg=0.9, noise_sigma=6.0, blur=0.7, vignette=0.08)


def licence_jpeg(c: Company, seed: int, options: LicenceOptions = LicenceOptions()) -> bytes:
    return jpeg_bytes(render_licence(c, seed, options), quality=86)
