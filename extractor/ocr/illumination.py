"""Shadows and uneven light on photographed pages, measured and flattened.

A phone photo of a page has a brightness gradient (light from one side) and often a soft
shadow (the phone, a hand) across part of it. OCR copes with mild gradients, but the
table-grid and tick-box detectors binarise the page, and a shadow band turns into a
block of "ink" or wipes out thin rules. Dividing each pixel by an estimate of the paper's
brightness under it (the page with the ink removed) makes the paper evenly white again
while ink keeps its contrast.

The estimate is made per channel with the same kernel, so the division also removes a
colour cast (warm indoor light) and red seal ink stays red: in the red channel seal ink
is as bright as paper and is left alone; in green and blue it is dark and the closing
takes it out of the background, so it keeps its darkness relative to the paper.
"""
from __future__ import annotations

import cv2
import numpy as np

# Work size (px, longer side) for the background estimate: the light varies slowly, so
# a small copy is enough and keeps the closing cheap on a 12-megapixel photo.
WORK_SIDE = 480
# Closing kernel on the work copy, as a share of its longer side: wider than any stroke
# or seal ring (a 4 cm seal ring on A4 is about 1 %), narrower than a shadow's edge.
KERNEL_SHARE = 0.03
# Paper brightness the flattened page is brought to (a scanner's paper white).
PAPER_WHITE = 245.0
# Grid for measuring the spread of paper brightness (cells per side).
GRID = 12
# Spread of paper brightness (grey levels, between the darker and lighter paper cells)
# from which a page is taken to be unevenly lit. Generated and real flat scans stay
# under 10; a phone photo with a shadow is typically 40-100.
STRONG_SPREAD = 45.0
# Paper in a shadow stays lighter than this (grey levels, darker paper cells); a dark
# screenshot or a black scanner border is far darker, and is not uneven light.
MIN_SHADOWED_PAPER = 70.0


def _grey(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def _work_copy(image: np.ndarray) -> np.ndarray:
    h, w = image.shape[:2]
    scale = min(1.0, WORK_SIDE / max(h, w))
    if scale >= 1.0:
        return image
    return cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))),
                      interpolation=cv2.INTER_AREA)


def _kernel(shape: tuple[int, ...]) -> np.ndarray:
    side = max(3, int(round(max(shape[:2]) * KERNEL_SHARE)) | 1)
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))


def paper_background(image: np.ndarray) -> np.ndarray:
    """The paper's brightness under every pixel, as uint8 of the image's shape: dark ink
    closed away at a small scale, smoothed, and scaled back up."""
    h, w = image.shape[:2]
    small = _work_copy(image)
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, _kernel(small.shape))
    # A median then a blur: the median drops what the closing left of dense print (a
    # table header, a thick title), the blur keeps the estimate free of seams.
    smooth = cv2.medianBlur(closed, 5)
    side = max(3, int(round(max(small.shape[:2]) * KERNEL_SHARE * 2)) | 1)
    smooth = cv2.GaussianBlur(smooth, (side, side), 0)
    return cv2.resize(smooth, (w, h), interpolation=cv2.INTER_LINEAR)


def paper_levels(image: np.ndarray) -> tuple[float, float]:
    """Brightness of the darker and the lighter paper: 10th and 90th percentile of the
    per-cell paper brightness. Each cell's paper is its bright pixels (90th
    percentile), so print does not count; a 3×3 median over cells ignores a single
    dark picture or block."""
    grey = _work_copy(_grey(image))
    h, w = grey.shape
    if h < GRID or w < GRID:
        return 255.0, 255.0
    ys = np.linspace(0, h, GRID + 1).astype(int)
    xs = np.linspace(0, w, GRID + 1).astype(int)
    cells = np.array([[np.percentile(grey[ys[i]:ys[i + 1], xs[j]:xs[j + 1]], 90)
                       for j in range(GRID)] for i in range(GRID)], dtype=np.float32)
    blurred = cv2.medianBlur(cells, 3)
    return float(np.percentile(blurred, 10)), float(np.percentile(blurred, 90))


def illumination_spread(image: np.ndarray) -> float:
    """How unevenly the paper is lit: grey levels between the darker and the lighter
    paper."""
    dark, light = paper_levels(image)
    return light - dark


def unevenly_lit(dark: float, light: float) -> bool:
    """Paper lit strongly unevenly (a shadow, light from one side), as opposed to a
    page that is simply dark in places (a dark-mode screenshot, a scanner border), from
    the page's :func:`paper_levels`."""
    return light - dark >= STRONG_SPREAD and dark >= MIN_SHADOWED_PAPER


def flatten_illumination(image: np.ndarray) -> np.ndarray:
    """The page as if evenly lit on white paper: each channel divided by its own paper
    background, scaled so paper comes out at :data:`PAPER_WHITE`."""
    rgb = image if image.ndim == 3 else np.stack([image] * 3, axis=-1)
    background = paper_background(rgb)
    # Floor the divisor: on a nearly black area (a desk corner left after the warp)
    # dividing by ~0 would blow noise up to white speckle.
    np.maximum(background, 24, out=background)
    # One saturating pass in uint8 (rounded): float32 copies of a 12-megapixel photo
    # took ~0.45 s of the ~0.55 s this step cost.
    return cv2.divide(rgb, background, scale=PAPER_WHITE)
