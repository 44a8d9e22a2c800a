"""Finding the sheet of paper in a phone photo and warping it flat.

A photographed page is a quadrilateral lighter than the desk around it. Candidates come
from two cues: edges (the page border is a sharp step, a shadow's edge is soft) and
brightness (Otsu on the blurred photo separates paper from desk). A candidate is kept
only when it is convincing: a convex four-corner outline with roughly right angles,
covering a fair share of the photo but not all of it, brighter inside than outside, and
with a sharp step in brightness along most of its outline. The step is measured on the
logarithm of brightness, so it is as strong in a shadow as in the light.

A flat scan has no desk: any large outline found on it (a table frame) has paper on both
sides and fails the inside/outside test, so a scan comes back unchanged.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

WORK_SIDE = 800
# The page must cover this share of the photo, and not (nearly) all of it: a quad that
# is the whole frame is a scan or a photo already cropped to the page.
MIN_AREA_SHARE = 0.20
MAX_AREA_SHARE = 0.96
# Corner angles allowed for a photographed rectangle (phone held at a moderate slant).
MIN_ANGLE, MAX_ANGLE = 55.0, 125.0
# Paper must be this much brighter than its surroundings (grey levels) ...
MIN_CONTRAST = 20.0
# ... and the brightness step (log-gradient) must be present along this share of the
# outline. Shadow edges are soft and fail it.
MIN_EDGE_SUPPORT = 0.6
# Aspect ratio a measured outline is snapped to when near: A-series paper (A4, and the
# licence formats). Perspective shortens the far side by up to a fifth, so "near" is
# wide, and other ratios cannot be told from it reliably: an ID card (1.59) photographed
# at a slant measures anywhere from 1.35 to 1.8, so it is drawn at √2 too, 11 % narrow,
# which OCR does not mind.
PAPER_RATIO = math.sqrt(2.0)
SNAP_TOLERANCE = 0.25
# A hand-held photo never has the sheet's sides this close to the image axes.
AXIS_TOLERANCE_DEG = 0.4
# The outline is pulled in by this share of the page before warping, so no sliver of
# desk is left along the border to pass for a ruled line.
INSET = 0.004


@dataclass(frozen=True)
class PageQuad:
    """The page's corners in image pixels (top-left, top-right, bottom-right,
    bottom-left) and why it was believed."""

    corners: np.ndarray
    area_share: float
    contrast: float
    edge_support: float

    @property
    def axis_aligned(self) -> bool:
        """Every side within :data:`AXIS_TOLERANCE_DEG` of the image axes: a rectangle
        drawn on screen (a light dialog in a dark screenshot) or a scanner's black
        border, not a sheet photographed by hand."""
        limit = math.sin(math.radians(AXIS_TOLERANCE_DEG))
        for i in range(4):
            d = self.corners[(i + 1) % 4] - self.corners[i]
            n = float(np.linalg.norm(d)) or 1.0
            if min(abs(float(d[0])), abs(float(d[1]))) / n > limit:
                return False
        return True


def _order_corners(pts: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    pts = pts.reshape(4, 2).astype(np.float32)
    s = pts.sum(axis=1)
    d = pts[:, 0] - pts[:, 1]
    return np.array([pts[np.argmin(s)], pts[np.argmax(d)], pts[np.argmax(s)],
                     pts[np.argmin(d)]], dtype=np.float32)


def _angles(quad: np.ndarray) -> list[float]:
    out: list[float] = []
    for i in range(4):
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        v1, v2 = a - b, c - b
        cos = float(np.dot(v1, v2) / (np.linalg.norm(v1) * np.linalg.norm(v2) + 1e-9))
        out.append(math.degrees(math.acos(max(-1.0, min(1.0, cos)))))
    return out


def _to_quad(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    if len(hull) < 4:
        return None
    try:
        quad = cv2.approxPolyN(hull, 4, ensure_convex=True)
    except (cv2.error, AttributeError):
        quad = None
    if quad is None or len(quad.reshape(-1, 2)) != 4:
        peri = cv2.arcLength(hull, True)
        quad = None
        for eps in (0.01, 0.02, 0.03, 0.05, 0.08):
            approx = cv2.approxPolyDP(hull, eps * peri, True)
            if len(approx) == 4:
                quad = approx
                break
        if quad is None:
            return None
    return _order_corners(quad)


def _candidates(grey: np.ndarray) -> list[np.ndarray]:
    blurred = cv2.GaussianBlur(grey, (5, 5), 0)
    masks: list[np.ndarray] = []
    edges = cv2.Canny(blurred, 40, 120)
    masks.append(cv2.dilate(edges, np.ones((3, 3), np.uint8), iterations=2))
    _, bright = cv2.threshold(cv2.GaussianBlur(grey, (9, 9), 0), 0, 255,
                              cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    masks.append(cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8)))
    area = grey.shape[0] * grey.shape[1]
    quads: list[np.ndarray] = []
    for mask in masks:
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        big = [c for c in contours if cv2.contourArea(cv2.convexHull(c)) >= MIN_AREA_SHARE * area]
        for c in sorted(big, key=lambda c: -cv2.contourArea(cv2.convexHull(c)))[:3]:
            quad = _to_quad(c)
            if quad is not None:
                quads.append(quad)
    return quads


def _ring_means(grey: np.ndarray, quad: np.ndarray, width: int) -> tuple[float, float] | None:
    """Mean brightness just inside and just outside the outline."""
    mask = np.zeros(grey.shape, np.uint8)
    cv2.fillConvexPoly(mask, quad.astype(np.int32), 255)
    kernel = np.ones((2 * width + 1, 2 * width + 1), np.uint8)
    inner = cv2.subtract(mask, cv2.erode(mask, kernel))
    outer = cv2.subtract(cv2.dilate(mask, kernel), mask)
    # Skip the band right at the border: it mixes paper and desk.
    edge = cv2.subtract(cv2.dilate(mask, np.ones((5, 5), np.uint8)),
                        cv2.erode(mask, np.ones((5, 5), np.uint8)))
    inner = cv2.subtract(inner, edge)
    outer = cv2.subtract(outer, edge)
    if cv2.countNonZero(outer) < 0.02 * grey.size or cv2.countNonZero(inner) == 0:
        return None  # the outline runs along the frame: nothing outside to compare
    return float(cv2.mean(grey, inner)[0]), float(cv2.mean(grey, outer)[0])


def _edge_support(log_grad: np.ndarray, quad: np.ndarray, threshold: float) -> float:
    """Share of points along the outline with a strong log-brightness step within a
    few pixels across it."""
    h, w = log_grad.shape
    hits = total = 0
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        length = float(np.linalg.norm(b - a))
        n = max(8, int(length / 4))
        normal = np.array([-(b - a)[1], (b - a)[0]]) / (length + 1e-9)
        for t in np.linspace(0.05, 0.95, n):
            p = a + (b - a) * t
            best = 0.0
            for off in (-3, -2, -1, 0, 1, 2, 3):
                x, y = int(round(p[0] + normal[0] * off)), int(round(p[1] + normal[1] * off))
                if 0 <= x < w and 0 <= y < h:
                    best = max(best, float(log_grad[y, x]))
            # Points outside the frame cannot be seen; they are neither for nor against.
            if 0 <= p[0] < w and 0 <= p[1] < h:
                total += 1
                hits += best >= threshold
    return hits / total if total else 0.0


def _log_gradient(grey: np.ndarray) -> np.ndarray:
    log_img = np.log1p(cv2.GaussianBlur(grey, (3, 3), 0).astype(np.float32))
    gx = cv2.Sobel(log_img, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(log_img, cv2.CV_32F, 0, 1, ksize=3)
    return cv2.magnitude(gx, gy)


def _shrink(grey: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    h, w = grey.shape[:2]
    scale = min(1.0, side / max(h, w))
    if scale >= 1.0:
        return grey, 1.0
    return cv2.resize(grey, (max(1, round(w * scale)), max(1, round(h * scale))),
                      interpolation=cv2.INTER_AREA), scale


def refine_quad(grey: np.ndarray, quad: np.ndarray, reach: float) -> np.ndarray:
    """Each side moved onto the strongest brightness step within ``reach`` px across
    it (a line fitted through those points), corners re-made where sides meet. The
    candidate outlines come from dilated edges and closed masks and sit a few pixels
    off the paper's edge; warping from them would leave a strip of desk along the
    border that the table finder takes for a rule."""
    log_grad = _log_gradient(grey)
    h, w = log_grad.shape
    lines: list[tuple[np.ndarray, np.ndarray]] = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        length = float(np.linalg.norm(b - a))
        if length < 8:
            return quad
        direction = (b - a) / length
        normal = np.array([-direction[1], direction[0]], dtype=np.float32)
        offsets = np.arange(-reach, reach + 0.5, 0.5, dtype=np.float32)
        points: list[np.ndarray] = []
        for t in np.linspace(0.1, 0.9, max(10, int(length / 6))):
            p = a + (b - a) * t
            cand = p[None, :] + offsets[:, None] * normal[None, :]
            xs = np.clip(np.round(cand[:, 0]).astype(int), 0, w - 1)
            ys = np.clip(np.round(cand[:, 1]).astype(int), 0, h - 1)
            inside = (cand[:, 0] >= 0) & (cand[:, 0] < w) & (cand[:, 1] >= 0) & (cand[:, 1] < h)
            if not inside.any():
                continue
            values = np.where(inside, log_grad[ys, xs], -1.0)
            points.append(cand[int(np.argmax(values))])
        if len(points) < 5:
            return quad
        vx, vy, x0, y0 = cv2.fitLine(np.array(points, dtype=np.float32), cv2.DIST_HUBER,
                                     0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0], np.float32), np.array([vx, vy], np.float32)))
    corners: list[np.ndarray] = []
    for i in range(4):
        (p1, d1), (p2, d2) = lines[i - 1], lines[i]
        m = np.array([[d1[0], -d2[0]], [d1[1], -d2[1]]], dtype=np.float64)
        if abs(np.linalg.det(m)) < 1e-6:
            return quad
        t = np.linalg.solve(m, (p2 - p1).astype(np.float64))
        corners.append((p1 + d1 * t[0]).astype(np.float32))
    refined = np.array(corners, dtype=np.float32)
    # A refinement that moves a corner further than the search reach went wrong.
    if np.max(np.linalg.norm(refined - quad, axis=1)) > 3 * reach:
        return quad
    return refined


def find_page_quad(image: np.ndarray) -> PageQuad | None:
    """The photographed page's outline, or None when no convincing one is there."""
    full_grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    grey, scale = _shrink(full_grey, WORK_SIDE)
    area = float(grey.shape[0] * grey.shape[1])
    log_grad = _log_gradient(grey)
    ring = max(4, int(max(grey.shape) * 0.015))
    best: PageQuad | None = None
    for quad in _candidates(grey):
        share = cv2.contourArea(quad) / area
        if not MIN_AREA_SHARE <= share <= MAX_AREA_SHARE:
            continue
        if not all(MIN_ANGLE <= a <= MAX_ANGLE for a in _angles(quad)):
            continue
        means = _ring_means(grey, quad, ring)
        if means is None or means[0] - means[1] < MIN_CONTRAST:
            continue
        # A step of ~25 % in brightness across 2 px of the work copy; paper on a desk
        # is a factor 1.5-3, a shadow edge spread over tens of pixels far less.
        support = _edge_support(log_grad, quad, threshold=0.35)
        if support < MIN_EDGE_SUPPORT:
            continue
        found = PageQuad(corners=quad, area_share=round(share, 4),
                         contrast=round(means[0] - means[1], 1),
                         edge_support=round(support, 3))
        if best is None or found.area_share > best.area_share:
            best = found
    if best is None:
        return None
    # Refined on a copy twice the work size: a work pixel is 4-5 px of a phone photo.
    fine, fine_scale = _shrink(full_grey, 2 * WORK_SIDE)
    corners = refine_quad(fine, best.corners * (fine_scale / scale), reach=8.0)
    return PageQuad(corners=corners / fine_scale, area_share=best.area_share,
                    contrast=best.contrast, edge_support=best.edge_support)


def target_size(quad: np.ndarray, max_side: int | None = None,
                min_side: int | None = None) -> tuple[int, int]:
    """(width, height) of the flattened page: the mean lengths of opposite sides, with
    the ratio snapped to √2 (:data:`PAPER_RATIO`) when it is close; perspective shortens
    the far side, so the measured ratio is only an estimate. The longer side is brought up to
    ``min_side`` and down to ``max_side``."""
    tl, tr, br, bl = quad
    width = float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    long_side, short_side = max(width, height), min(width, height)
    ratio = long_side / max(short_side, 1.0)
    if abs(ratio - PAPER_RATIO) / PAPER_RATIO <= SNAP_TOLERANCE:
        short_side = long_side / PAPER_RATIO
    if min_side is not None and long_side < min_side:
        short_side *= min_side / long_side
        long_side = min_side
    if max_side is not None and long_side > max_side:
        short_side *= max_side / long_side
        long_side = max_side
    if width >= height:
        return int(round(long_side)), int(round(short_side))
    return int(round(short_side)), int(round(long_side))


def warp_page(image: np.ndarray, quad: np.ndarray, max_side: int | None = None,
              min_side: int | None = None) -> np.ndarray:
    """The quadrilateral ``quad`` (tl, tr, br, bl) warped to an upright rectangle whose
    longer side is between ``min_side`` and ``max_side``."""
    centre = quad.mean(axis=0)
    quad = centre + (quad - centre) * (1.0 - 2 * INSET)
    w, h = target_size(quad, max_side, min_side)
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(image, matrix, (w, h), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)
