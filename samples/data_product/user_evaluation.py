"""用户使用意见: a customer's letter on the product, stamped with the customer's own seal
(若提供用户评价需加盖用户单位公章, seed 505), scanned to an image-only PDF."""
from __future__ import annotations

from datetime import datetime

import numpy as np
from PIL import Image, ImageDraw

from samples.data_product.vendor import PRODUCT_NAME, UserCompany, Vendor
from samples.render.scan import image_pdf_bytes, scanned_look
from samples.render.seal import seal_mask, stamp
from samples.render.text import draw_centered, draw_text, text_width, wrap

PAGE_W, PAGE_H = 1654, 2339
BODY = 36
MARGIN = 190
TITLE = "用户使用意见"


def render_evaluation(v: Vendor, user: UserCompany, seed: int, sealed: bool = True) -> Image.Image:
    rng = np.random.default_rng(seed)
    img = Image.new("RGB", (PAGE_W, PAGE_H), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw_centered(draw, PAGE_W / 2, 300, TITLE, 60, bold=True, tracking=10)
    paragraphs = (
        f"我单位自2021年6月起使用{v.name}研发的“{PRODUCT_NAME}”，对合成车间的机泵、压缩机、反应釜等"
        "126台关键设备实施数据采集和状态监测改造，共部署边缘采集网关32台。",
        "系统上线以来运行稳定，设备数据采集完整率达到99.5%以上，实现了设备运行状态实时监测、异常报警和"
        "预测性维护。关键设备非计划停机次数同比下降41%，年节约维修费用约180万元，设备管理水平明显提升。",
        "该产品部署快、对原有控制系统无影响，乙方技术服务响应及时。我单位对该产品的使用效果表示满意，"
        "同意推荐其申报山东省“数据赋能”优秀产品。",
        "特此证明。",
    )
    y = 520.0
    for para in paragraphs:
        for line in wrap("　　" + para, BODY, PAGE_W - 2 * MARGIN):
            draw_text(draw, (MARGIN, y), line, BODY)
            y += BODY * 1.75
        y += 18
    right = PAGE_W - MARGIN
    sign_y = max(y + 200, 1500)
    label = f"用户单位（盖章）：{user.name}"
    draw_text(draw, (right - text_width(label, BODY), sign_y), label, BODY)
    when = "2022年12月09日"
    draw_text(draw, (right - text_width(when, BODY) - 60, sign_y + 90), when, BODY)
    if sealed:
        mask = seal_mask(300, user.name, rng, code_text=user.seal_code)
        stamp(img, mask, (int(right - 200 + rng.integers(-20, 20)), int(sign_y + 60 + rng.integers(-15, 15))),
              rotation=float(rng.uniform(-12, 12)))
    return scanned_look(img, rng, max_skew_deg=0.6)


def evaluation_pdf(v: Vendor, user: UserCompany, seed: int, sealed: bool = True) -> bytes:
    page = render_evaluation(v, user, seed, sealed)
    return image_pdf_bytes([page], datetime(2022, 12, 12, 9, 41, 27), quality=80)
