"""Red round seals (公章): ring, five-point star, name on an arc, optional bottom line."""
from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from samples.render.fonts import pil_font

SEAL_RED = (214, 38, 45)


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.382
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def seal_mask(
    diameter: int,
    arc_text: str,
    rng: np.random.Generator,
    bottom_text: str = "",
    code_text: str = "",
) -> Image.Image:
    """Ink coverage of a seal as an 'L' image (255 = full ink)."""
    scale = 2  # drawn at double size and reduced so edges are smooth
    size = diameter * scale
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    c = size / 2
    r_outer = size / 2 - 2
    ring = max(int(size * 0.035), 3)
    draw.ellipse((c - r_outer, c - r_outer, c + r_outer, c + r_outer), outline=255, width=ring)
    draw.polygon(_star(c, c, size * 0.16), fill=255)

    n = len(arc_text)
    char_px = int(size * (0.15 if n <= 12 else 0.125 if n <= 16 else 0.105))
    span = min(250.0, 18.0 * n + 20.0)
    r_text = r_outer - ring - char_px * 0.62
    font = pil_font(char_px)
    for i, ch in enumerate(arc_text):
        phi = -span / 2 + span * (i + 0.5) / n
        glyph = Image.new("L", (char_px * 2, char_px * 2), 0)
        ImageDraw.Draw(glyph).text(
            (char_px, char_px), ch, font=font, fill=255, anchor="mm",
            stroke_width=1, stroke_fill=255,
        )
        # Narrow the glyph as real seal type is condensed along the arc.
        glyph = glyph.resize((int(char_px * 1.6), char_px * 2))
        glyph = glyph.rotate(-phi, resample=Image.BICUBIC, expand=True)
        rad = math.radians(phi)
        gx = c + r_text * math.sin(rad) - glyph.width / 2
        gy = c - r_text * math.cos(rad) - glyph.height / 2
        mask.paste(255, (int(gx), int(gy)), glyph)

    if bottom_text:
        bsize = int(size * 0.1)
        draw.text((c, c + size * 0.3), bottom_text, font=pil_font(bsize), fill=255, anchor="mm",
                  stroke_width=1, stroke_fill=255)
    if code_text:
        csize = int(size * 0.055)
        draw.text((c, c + size * 0.41), code_text, font=pil_font(csize), fill=255, anchor="mm")

    mask = mask.resize((diameter, diameter), Image.LANCZOS)
    return _ink_texture(mask, rng)


def _ink_texture(mask: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Uneven ink: a smooth density field plus small dry speckles."""
    h, w = mask.height, mask.width
    coarse = rng.uniform(0.62, 1.0, size=(max(h // 24, 2), max(w // 24, 2))).astype(np.float32)
    field = np.asarray(
        Image.fromarray((coarse * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC),
        dtype=np.float32,
    ) / 255.0
    speckle = (rng.random((h, w)) > 0.06).astype(np.float32)
    speckle = np.asarray(
        Image.fromarray((speckle * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7)),
        dtype=np.float32,
    ) / 255.0
    ink = np.asarray(mask, dtype=np.float32) * field * (0.35 + 0.65 * speckle)
    return Image.fromarray(np.clip(ink, 0, 255).astype(np.uint8))


def stamp(
    page: Image.Image,
    mask: Image.Image,
    center: tuple[int, int],
    color: tuple[int, int, int] = SEAL_RED,
    rotation: float = 0.0,
    strength: float = 0.92,
) -> None:
    """Multiply the seal onto an RGB page in place, so text under the ink stays dark."""
    if rotation:
        mask = mask.rotate(rotation, resample=Image.BICUBIC, expand=True)
    x0 = center[0] - mask.width // 2
    y0 = center[1] - mask.height // 2
    # Clip to the page.
    px0, py0 = max(x0, 0), max(y0, 0)
    px1, py1 = min(x0 + mask.width, page.width), min(y0 + mask.height, page.height)
    if px1 <= px0 or py1 <= py0:
        return
    region = np.asarray(page.crop((px0, py0, px1, py1)), dtype=np.float32)
    m = np.asarray(mask, dtype=np.float32)[py0 - y0:py1 - y0, px0 - x0:px1 - x0] / 255.0
    m = (m * strength)[..., None]
    tint = np.array(color, dtype=np.float32) / 255.0
    out = region * (1.0 - m * (1.0 - tint))
    page.paste(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)), (px0, py0))
