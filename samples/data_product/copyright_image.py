"""计算机软件著作权登记证书 (研发类 evidence) as a scanned JPEG, A4 portrait at 150 dpi.

Layout of the certificates the 国家版权局 issued until 2022: title, 证书号, the registered
facts as "label：value" lines, the registration sentence, the 登记号, and the authority
with its red seal over the date.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from samples.data_product.vendor import PRODUCT_NAME, Vendor
from samples.render.scan import jpeg_bytes, scanned_look
from samples.render.seal import seal_mask, stamp
from samples.render.text import draw_centered, draw_text, text_width, wrap

W, H = 1240, 1754
BODY = 30
FRAME = (164, 128, 70)
CERT_NO = "软著登字第8123456号"
REG_NO = "2021SR1234567"


def render_copyright(v: Vendor, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    img = Image.new("RGB", (W, H), (252, 250, 244))
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 40, W - 40, H - 40), outline=FRAME, width=10)
    draw.rectangle((62, 62, W - 62, H - 62), outline=FRAME, width=2)
    draw_centered(draw, W / 2, 170, "中华人民共和国国家版权局", 40, tracking=6)
    draw_centered(draw, W / 2, 250, "计算机软件著作权登记证书", 62, bold=True, tracking=4)
    draw_text(draw, (W - 140 - text_width(f"证书号：{CERT_NO}", 26), 370), f"证书号：{CERT_NO}", 26)
    facts = (
        ("软件名称", PRODUCT_NAME),
        ("著作权人", v.name),
        ("开发完成日期", "2021年05月20日"),
        ("首次发表日期", "2021年06月18日"),
        ("权利取得方式", "原始取得"),
        ("权利范围", "全部权利"),
        ("登记号", REG_NO),
    )
    y = 470.0
    for label, value in facts:
        for line in wrap(f"{label}：{value}", BODY, W - 2 * 170):
            draw_text(draw, (170, y), line, BODY)
            y += BODY * 1.7
        y += 12
    y += 30
    sentence = ("根据《计算机软件保护条例》和《计算机软件著作权登记办法》的规定，经中国版权保护中心审核，"
                "对以上事项予以登记。")
    for line in wrap("　　" + sentence, BODY, W - 2 * 170):
        draw_text(draw, (170, y), line, BODY)
        y += BODY * 1.7
    right = W - 170
    draw_text(draw, (right - text_width("中华人民共和国国家版权局", BODY), 1380), "中华人民共和国国家版权局", BODY)
    draw_text(draw, (right - text_width("2021年08月10日", BODY) - 40, 1440), "2021年08月10日", BODY)
    stamp(img, seal_mask(250, "中华人民共和国国家版权局", rng, bottom_text="登记专用章"),
          (right - 180, 1420), rotation=float(rng.uniform(-8, 8)))
    return scanned_look(img, rng, max_skew_deg=0.8, noise_sigma=5.0, blur=0.6)


def copyright_jpeg(v: Vendor, seed: int) -> bytes:
    return jpeg_bytes(render_copyright(v, seed), quality=85)
