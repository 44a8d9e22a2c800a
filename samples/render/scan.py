"""Making clean renders look scanned or photographed, and packing scans into files."""
from __future__ import annotations

import io
import time
from datetime import datetime

import numpy as np
from PIL import Image, ImageFilter

PAPER = (247, 246, 241)


def scanned_look(
    img: Image.Image,
    rng: np.random.Generator,
    max_skew_deg: float = 0.5,
    noise_sigma: float = 5.0,
    blur: float = 0.55,
    paper: tuple[int, int, int] = PAPER,
    vignette: float = 0.0,
) -> Image.Image:
    """Paper tone, sensor noise, a little blur and a slight rotation."""
    arr = np.asarray(img.convert("RGB"), dtype=np.float32)
    # Map white to the paper tone and keep black slightly grey, as a scanner does.
    tone = np.array(paper, dtype=np.float32) / 255.0
    arr = 18.0 + arr * tone * (1.0 - 18.0 / 255.0)
    h, w = arr.shape[:2]
    if vignette:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        d = ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) / 0.5
        arr *= (1.0 - vignette * d)[..., None]
    # Low-frequency unevenness of illumination plus per-pixel grain.
    coarse = rng.normal(0.0, 1.0, size=(8, 8)).astype(np.float32)
    shade = np.asarray(
        Image.fromarray(((coarse + 4) * 32).clip(0, 255).astype(np.uint8)).resize((w, h), Image.BICUBIC),
        dtype=np.float32,
    )
    arr += ((shade - 128.0) / 32.0 * 2.0)[..., None]
    arr += rng.normal(0.0, noise_sigma, size=(h, w, 1)).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    angle = float(rng.uniform(-max_skew_deg, max_skew_deg))
    if abs(angle) > 0.01:
        out = out.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=paper)
    return out


def jpeg_bytes(img: Image.Image, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=quality, optimize=False, subsampling=2)
    return buf.getvalue()


def jpeg_roundtrip(img: Image.Image, quality: int = 80) -> Image.Image:
    """Bake JPEG block artefacts into an image, as a phone or scanner pipeline would."""
    return Image.open(io.BytesIO(jpeg_bytes(img, quality))).convert("RGB")


def image_pdf_bytes(pages: list[Image.Image], when: datetime, dpi: int = 200, quality: int = 80) -> bytes:
    """An image-only PDF, one page per image, with a fixed creation date (determinism)."""
    stamp = time.struct_time((when.year, when.month, when.day, when.hour, when.minute, when.second, 0, 1, 0))
    buf = io.BytesIO()
    first, rest = pages[0].convert("RGB"), [p.convert("RGB") for p in pages[1:]]
    first.save(
        buf, "PDF", save_all=True, append_images=rest, resolution=float(dpi), quality=quality,
        creationDate=stamp, modDate=stamp, producer="Scanner", creator="Scanner",
    )
    return buf.getvalue()
