"""真实性承诺: printed from the form, signed by the 法人代表, stamped with the company seal,
and scanned to an image-only PDF (A4, 200 dpi).

The page follows seed lines 363–376: heading, the one-sentence pledge, 法人代表(签字)：,
申报单位(公章)：, and the date. The signature is drawn as pen strokes right of its label;
the seal is centred just right of 申报单位(公章)： so that it covers the end of the label
line, as a stamp lands in practice, and stays clear of the signing area above it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from PIL import Image, ImageDraw

from samples.data_product.handwriting import draw_signature
from samples.data_product.vendor import Vendor
from samples.render.scan import image_pdf_bytes, scanned_look
from samples.render.seal import seal_mask, stamp
from samples.render.text import draw_centered, draw_text, wrap

PAGE_W, PAGE_H = 1654, 2339
BODY = 40
PLEDGE = "我单位申报的所有材料，均真实、完整，如有不实，愿承担相应的责任。"
SIGN_LABEL = "法人代表(签字)："
SEAL_LABEL = "申报单位(公章)："
LABEL_X = 300
SIGN_Y = 1300
SEAL_Y = 1560
DATE_Y = 1760
SEAL_DIAMETER = 300
# Where the signature is drawn (x0, y0, x1, y1), relative to the label's right end.
SIGN_BOX = (40, -30, 360, 70)


@dataclass(frozen=True)
class PledgeOptions:
    signed: bool = True
    sealed: bool = True


@dataclass(frozen=True)
class PledgeLayout:
    """Where things ended up on the page (before the scan's slight skew)."""

    sign_label_end: float
    signature_box: tuple[float, float, float, float]
    seal_center: tuple[int, int]


def render_pledge(v: Vendor, seed: int, options: PledgeOptions = PledgeOptions()
                  ) -> tuple[Image.Image, PledgeLayout]:
    rng = np.random.default_rng(seed)
    img = Image.new("RGB", (PAGE_W, PAGE_H), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw_centered(draw, PAGE_W / 2, 560, "真实性承诺", 72, bold=True, tracking=18)
    y = 900.0
    for line in wrap("　　" + PLEDGE, BODY, PAGE_W - 2 * 230):
        draw_text(draw, (230, y), line, BODY)
        y += BODY * 1.8
    end = draw_text(draw, (LABEL_X, SIGN_Y), SIGN_LABEL, BODY)
    box = (end + SIGN_BOX[0], SIGN_Y + SIGN_BOX[1], end + SIGN_BOX[2], SIGN_Y + SIGN_BOX[3])
    if options.signed:
        draw_signature(draw, box, rng, glyphs=3, width=5)
    seal_end = draw_text(draw, (LABEL_X, SEAL_Y), SEAL_LABEL, BODY)
    draw_text(draw, (1020, DATE_Y), "2022年12月15日", BODY)
    center = (int(seal_end) + 90 + int(rng.integers(-15, 15)), SEAL_Y + 20 + int(rng.integers(-10, 10)))
    if options.sealed:
        mask = seal_mask(SEAL_DIAMETER, v.name, rng, code_text=v.seal_code)
        stamp(img, mask, center, rotation=float(rng.uniform(-15, 15)))
    page = scanned_look(img, rng, max_skew_deg=0.4)
    return page, PledgeLayout(end, box, center)


def pledge_pdf(v: Vendor, seed: int, options: PledgeOptions = PledgeOptions()) -> bytes:
    page, _ = render_pledge(v, seed, options)
    return image_pdf_bytes([page], datetime(2022, 12, 15, 17, 32, 8), quality=80)
