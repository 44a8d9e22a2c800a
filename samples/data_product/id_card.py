"""法人身份证（人像面）as a phone photo of the card lying on a desk, JPEG.

The second-generation card's front: 姓名, 性别/民族, 出生, 住址 (wrapped), and
公民身份号码 along the bottom, labels printed in light blue and values in black, a portrait
on the right. Drawn at 15 px per mm (the card is 85.6 × 54 mm), large enough that OCR
reads the 18-character number reliably.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from samples.data_product.vendor import Person
from samples.render.scan import jpeg_bytes, scanned_look
from samples.render.text import draw_text, wrap

PX_PER_MM = 15
CARD_W, CARD_H = int(85.6 * PX_PER_MM), int(54 * PX_PER_MM)
PHOTO_W, PHOTO_H = 1700, 1150
LABEL_BLUE = (70, 120, 170)
VALUE = 38


def _card(p: Person, id_number: str, rng: np.random.Generator) -> Image.Image:
    card = Image.new("RGB", (CARD_W, CARD_H), (236, 242, 244))
    draw = ImageDraw.Draw(card)
    # Faint guilloche waves, as printed on the card.
    for k in range(0, CARD_H, 26):
        phase = rng.uniform(0, 6.28)
        pts = [(x, k + 7 * np.sin(x / 41.0 + phase)) for x in range(0, CARD_W + 10, 10)]
        draw.line(pts, fill=(222, 232, 236), width=2)
    x_lab, x_val = 90, 230
    draw_text(draw, (x_lab, 110), "姓名", 30, fill=LABEL_BLUE)
    draw_text(draw, (x_val, 104), p.name, 44)
    draw_text(draw, (x_lab, 200), "性别", 30, fill=LABEL_BLUE)
    draw_text(draw, (x_val, 196), p.sex, VALUE)
    draw_text(draw, (x_val + 170, 200), "民族", 30, fill=LABEL_BLUE)
    draw_text(draw, (x_val + 290, 196), p.ethnicity, VALUE)
    draw_text(draw, (x_lab, 290), "出生", 30, fill=LABEL_BLUE)
    draw_text(draw, (x_val, 286), f"{p.born.year}  年  {p.born.month}  月  {p.born.day}  日", VALUE)
    draw_text(draw, (x_lab, 380), "住址", 30, fill=LABEL_BLUE)
    y = 376.0
    for line in wrap(p.address, VALUE, 600):
        draw_text(draw, (x_val, y), line, VALUE)
        y += VALUE * 1.45
    draw_text(draw, (x_lab, 670), "公民身份号码", 30, fill=LABEL_BLUE)
    draw_text(draw, (x_lab + 250, 662), id_number, 48, tracking=6)
    # Portrait: a grey head and shoulders on a pale ground.
    px0, py0 = CARD_W - 430, 120
    draw.rectangle((px0, py0, px0 + 330, py0 + 410), fill=(228, 234, 238))
    draw.ellipse((px0 + 95, py0 + 60, px0 + 235, py0 + 230), fill=(120, 120, 126))
    draw.pieslice((px0 + 20, py0 + 230, px0 + 310, py0 + 520), 180, 360, fill=(92, 92, 100))
    return card


def render_id_card(p: Person, seed: int, id_number: str | None = None) -> Image.Image:
    rng = np.random.default_rng(seed)
    card = _card(p, id_number or p.id_number, rng)
    # Rounded corners, a soft shadow, a wooden-desk tone around it.
    mask = Image.new("L", card.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, CARD_W - 1, CARD_H - 1), radius=48, fill=255)
    photo = Image.new("RGB", (PHOTO_W, PHOTO_H), (186, 160, 128))
    ox, oy = (PHOTO_W - CARD_W) // 2, (PHOTO_H - CARD_H) // 2
    shadow = Image.new("L", (PHOTO_W, PHOTO_H), 0)
    ImageDraw.Draw(shadow).rounded_rectangle((ox + 12, oy + 16, ox + CARD_W + 12, oy + CARD_H + 16),
                                             radius=48, fill=120)
    shadow = shadow.filter(ImageFilter.GaussianBlur(14))
    photo.paste((120, 100, 80), (0, 0), shadow)
    photo.paste(card, (ox, oy), mask)
    return scanned_look(photo, rng, max_skew_deg=1.5, noise_sigma=5.0, blur=0.6,
                        paper=(250, 248, 244), vignette=0.15)


def id_card_jpeg(p: Person, seed: int, id_number: str | None = None) -> bytes:
    return jpeg_bytes(render_id_card(p, seed, id_number), quality=86)
