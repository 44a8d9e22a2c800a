"""Red seals (公章) and signatures on page images, without reading the seal's text.

Seals: a 公章 is a red ring round a star and arc text. Its red pixels, closed with a small
kernel, form one blob whose outline is an ellipse (round seals, and oval 专用章). Red text
closes into long bars, red table rules into thin lines, a large red character into a
square-ish blob: none of those has an elliptical outline with ink along its rim, which is
what :func:`detect_red_seals` asks for.

Signatures: printed text on a scanned pledge is what OCR reads confidently; a handwritten
name is either not read at all or read with low confidence. So the ink beside a signature
label that no confident OCR box explains is handwriting (:func:`find_handwriting`). A name
that OCR reads confidently there was typed in before printing; it counts as signed but is
flagged ``typed`` so a reviewer can decide whether a typed name is acceptable.
"""
from __future__ import annotations

import math
import re
import unicodedata

import cv2
import numpy as np
from pydantic import BaseModel
from rapidfuzz import fuzz

from extractor.ocr.base import OcrLine
from extractor.ocr.text_geometry import char_spans, is_cjk
from models.location import BBoxTuple

# ----- seals ---------------------------------------------------------------------------

# Pages are analysed at most this large (px, longer side): seal geometry needs no more,
# and morphology on a 200 dpi A4 page at full size costs several times as much.
WORK_SIZE = 1600
# A seal is 38-45 mm across; on a full A4 page that is about 18-21 % of the width, on a
# photographed licence about 14 %. Round logos and red bullets are far smaller.
MIN_SEAL_FRACTION = 0.06
MIN_SEAL_PX = 40
# Ellipse-ness of the blob's convex hull: share of its outline within ±ELLIPSE_TOLERANCE
# (relative radius) of the fitted ellipse. A square (big red character) scores ≈ 0.45.
ELLIPSE_TOLERANCE = 0.07
MIN_ELLIPSE_SHARE = 0.85
# Share of directions from the centre in which red ink lies near the rim (the ring).
MIN_RING_COVERAGE = 0.6
# Seals are oval at most this much (专用章 are about 4:3); red text bars are far longer.
MAX_ASPECT = 1.8
# A bare red ellipse (a reviewer's circle round a word) is not a seal: a seal has a star
# or text inside its ring.
MIN_INNER_INK = 0.02
# A solid red disc (a dot, a stamp pad smudge) is not a seal: seal ink covers far less.
MAX_INK_DENSITY = 0.75


def _as_rgb(image: np.ndarray) -> np.ndarray:
    arr = np.asarray(image)
    if arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    elif arr.shape[2] == 4:
        arr = arr[:, :, :3]
    return np.ascontiguousarray(arr)


def red_ink_mask(rgb: np.ndarray) -> np.ndarray:
    """Pixels of red seal ink (uint8 0/255). Hue alone also takes brown and orange; the
    red-minus-others margin keeps pale, speckled seal ink while dropping skin tones and
    the brownish frames printed on licences at low saturation."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    px = rgb.astype(np.int16)
    margin = px[:, :, 0] - np.maximum(px[:, :, 1], px[:, :, 2])
    red = ((h <= 10) | (h >= 165)) & (s >= 55) & (v >= 90) & (margin >= 35)
    return red.astype(np.uint8) * 255


def _ellipse_share(points: np.ndarray, ellipse: tuple) -> float:
    """Share of outline points whose normalised radius is within tolerance of 1."""
    (cx, cy), (w, h), angle = ellipse
    if w <= 0 or h <= 0:
        return 0.0
    t = math.radians(angle)
    dx, dy = points[:, 0] - cx, points[:, 1] - cy
    u = dx * math.cos(t) + dy * math.sin(t)
    v = -dx * math.sin(t) + dy * math.cos(t)
    r = np.sqrt((u / (w / 2)) ** 2 + (v / (h / 2)) ** 2)
    return float(np.mean(np.abs(r - 1.0) <= ELLIPSE_TOLERANCE))


def _densify(hull: np.ndarray, step: float = 2.0) -> np.ndarray:
    """Points every ``step`` px along a closed polygon, so long hull edges (the flat
    sides of a square) weigh by their length, not by their two vertices."""
    pts = hull.reshape(-1, 2).astype(np.float64)
    out: list[np.ndarray] = []
    for a, b in zip(pts, np.roll(pts, -1, axis=0)):
        n = max(int(np.hypot(*(b - a)) / step), 1)
        k = np.arange(n)[:, None] / n
        out.append(a + (b - a) * k)
    return np.concatenate(out) if out else pts


def _ring_coverage(red: np.ndarray, ellipse: tuple, rays: int = 90) -> float:
    """Share of directions with red ink between 0.8 and 1.05 of the ellipse radius."""
    (cx, cy), (w, h), angle = ellipse
    t = math.radians(angle)
    hgt, wid = red.shape
    hits = 0
    for k in range(rays):
        phi = 2 * math.pi * k / rays
        found = False
        for frac in np.linspace(0.8, 1.05, 8):
            u, v = frac * w / 2 * math.cos(phi), frac * h / 2 * math.sin(phi)
            x = int(round(cx + u * math.cos(t) - v * math.sin(t)))
            y = int(round(cy + u * math.sin(t) + v * math.cos(t)))
            if 0 <= x < wid and 0 <= y < hgt and red[y, x]:
                found = True
                break
        hits += found
    return hits / rays


def detect_red_seals(image: np.ndarray) -> list[BBoxTuple]:
    """Bounding boxes (x0, y0, x1, y1, image pixels) of red round or oval seals, top to
    bottom. ``image`` is RGB (H, W, 3) uint8; greyscale or RGBA are accepted."""
    rgb = _as_rgb(image)
    full_h, full_w = rgb.shape[:2]
    if full_h == 0 or full_w == 0:
        return []
    scale = min(1.0, WORK_SIZE / max(full_h, full_w))
    work = cv2.resize(rgb, (max(1, round(full_w * scale)), max(1, round(full_h * scale))),
                      interpolation=cv2.INTER_AREA) if scale < 1.0 else rgb
    h, w = work.shape[:2]
    red = red_ink_mask(work)
    if not red.any():
        return []
    # Join the ring, the star and the speckled arc text into one blob; gaps in dry seal
    # ink are a few px at 200 dpi.
    k = max(3, round(0.006 * max(h, w))) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    closed = cv2.morphologyEx(red, cv2.MORPH_CLOSE, kernel)
    # Outer boundaries at any depth: a seal inside a red frame (licence border) is a
    # component inside the frame's hole, which RETR_EXTERNAL would never return.
    contours, hierarchy = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if hierarchy is None:
        return []
    contours = [c for c, rel in zip(contours, hierarchy[0]) if rel[3] == -1]

    min_d = max(MIN_SEAL_PX * scale, MIN_SEAL_FRACTION * max(h, w))
    max_d = 0.98 * min(h, w)
    found: list[BBoxTuple] = []
    for cnt in contours:
        x, y, bw, bh = cv2.boundingRect(cnt)
        if max(bw, bh) < min_d or max(bw, bh) > max_d:
            continue
        if max(bw, bh) / max(min(bw, bh), 1) > MAX_ASPECT:
            continue
        hull = cv2.convexHull(cnt)
        if len(hull) < 5:
            continue
        ellipse = cv2.fitEllipse(hull)
        if _ellipse_share(_densify(hull), ellipse) < MIN_ELLIPSE_SHARE:
            continue
        inside = np.zeros_like(red)
        cv2.ellipse(inside, ellipse, 255, -1)
        area = int(np.count_nonzero(inside))
        if area == 0 or np.count_nonzero(red & inside) / area > MAX_INK_DENSITY:
            continue
        if _ring_coverage(red, ellipse) < MIN_RING_COVERAGE:
            continue
        core = np.zeros_like(red)
        (ecx, ecy), (ew, eh), ea = ellipse
        cv2.ellipse(core, ((ecx, ecy), (ew * 0.7, eh * 0.7), ea), 255, -1)
        core_area = int(np.count_nonzero(core))
        if core_area == 0 or np.count_nonzero(red & core) / core_area < MIN_INNER_INK:
            continue
        found.append((x / scale, y / scale, (x + bw) / scale, (y + bh) / scale))
    found.sort(key=lambda b: (b[1], b[0]))
    return [tuple(round(v, 1) for v in b) for b in found]  # type: ignore[misc]


# ----- signatures ------------------------------------------------------------------------

class SignatureMark(BaseModel):
    """What lies in the signing area of one signature label on a page.

    ``signed`` is true when handwriting (ink no confident OCR box explains) or a typed
    name (confident OCR text) is there; ``typed`` tells the second case. Labels whose
    area is empty are returned too (``signed`` false), so a check can tell "label found,
    not signed" from "no signature label on this page"."""

    label: str  # the label it was found for, as given by the caller
    label_bbox: BBoxTuple
    signed: bool
    typed: bool = False
    text: str | None = None  # the typed name, when typed
    bbox: BBoxTuple | None = None  # extent of the handwriting or typed name
    ink_pixels: int = 0


# OCR text at or above this confidence is taken to be print, not handwriting.
MIN_TEXT_CONFIDENCE = 0.5
# The signing area: right of the label up to this share of the page width, and one line
# height below the label.
RIGHT_REACH = 0.4
# Handwriting needs at least this much ink (× line height²) and one stroke group at
# least this tall or wide (× line height); scanner specks and JPEG ringing stay below.
MIN_INK_AREA = 0.12
MIN_STROKE_EXTENT = 0.35
# What may follow a label before the signing area: colon, brackets, the signing rule.
_LABEL_TAIL = set(":：()（）_＿-—– .．")
# OCR reads a drawn signing rule as a run of these.
_RULE_CHARS = set("_＿-—–一~～.．·")
# Text in the signing area that is print of the form, not a name.
_FORM_WORDS = ("公章", "盖章", "签字", "签名", "签章", "日期")
_DATE = re.compile(r"(\d{2,4}\s*年)|(^[年月日\s\d]*$)|(年\s*\d*\s*月\s*\d*\s*日)")


def _compact(text: str) -> tuple[str, list[int]]:
    """Label text without brackets, colons and spaces, with the index of each kept
    character in ``text`` (OCR writes （签字） or (签字) or drops the brackets)."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch)
        for c in folded:
            if c.isalnum():
                chars.append(c.lower())
                index.append(i)
    return "".join(chars), index


def _find_label(text: str, labels: list[str]) -> tuple[str, int, int] | None:
    """(label, first, last+1) character indices of the label in ``text``."""
    line, index = _compact(text)
    if not line:
        return None
    best: tuple[float, str, int, int] | None = None
    for label in labels:
        want, _ = _compact(label)
        if not want:
            continue
        pos = line.find(want)
        if pos >= 0:
            cand = (100.0, label, index[pos], index[pos + len(want) - 1] + 1)
        elif len(want) >= 5:
            # One misread character in a six-character label (签 → 答) still counts.
            al = fuzz.partial_ratio_alignment(want, line, score_cutoff=82)
            if al is None or al.dest_end - al.dest_start < len(want) - 1:
                continue
            cand = (al.score, label, index[al.dest_start], index[al.dest_end - 1] + 1)
        else:
            continue
        if best is None or cand[0] > best[0]:
            best = cand
    return None if best is None else best[1:]


def handwriting_ink_mask(rgb: np.ndarray) -> np.ndarray:
    """Dark or blue ink (bool). Red seal ink is excluded: it is dark in luminance but is
    the seal's, not the signer's."""
    px = rgb.astype(np.int32)
    r, g, b = px[:, :, 0], px[:, :, 1], px[:, :, 2]
    lum = (299 * r + 587 * g + 114 * b) // 1000
    reddish = (r - np.maximum(g, b)) > 40
    blue = (b - np.maximum(r, g) > 40) & (b < 200)
    return ((lum < 140) | blue) & ~reddish


def _is_name_text(text: str) -> str | None:
    """The name a typed line carries, or None when it is form print (a date line, the
    next label, a signing rule)."""
    t = unicodedata.normalize("NFKC", text).strip()
    if not t or t.endswith((":", "：")) or any(w in t for w in _FORM_WORDS) or _DATE.search(t):
        return None
    core = "".join(ch for ch in t if ch not in _LABEL_TAIL).strip()
    if all(ch in _RULE_CHARS for ch in core):
        return None
    if sum(1 for ch in core if is_cjk(ch)) >= 1 or sum(1 for ch in core if ch.isalpha()) >= 2:
        return core
    return None


def _clip(box: tuple[float, float, float, float], w: int, h: int) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    return (max(0, int(math.floor(x0))), max(0, int(math.floor(y0))),
            min(w, int(math.ceil(x1))), min(h, int(math.ceil(y1))))


def _typed_name(ln: OcrLine, end: int, spans: list[tuple[float, float]],
                others: list[OcrLine], areas: tuple[BBoxTuple, BBoxTuple],
                labels: list[str]) -> tuple[str, BBoxTuple] | None:
    """A typed name in the signing area: the rest of the label's own OCR line, or a
    confident line (not another label, not form print) centred in the area."""
    rest = ln.text[end:]
    if rest.strip() and ln.confidence >= MIN_TEXT_CONFIDENCE:
        name = _is_name_text(rest)
        if name:
            return name, (round(spans[end][0], 1), ln.bbox[1], ln.bbox[2], ln.bbox[3])
    for other in others:
        if other is ln or _find_label(other.text, labels) is not None:
            continue
        cx, cy = (other.bbox[0] + other.bbox[2]) / 2, (other.bbox[1] + other.bbox[3]) / 2
        if any(a[0] <= cx <= a[2] and a[1] <= cy <= a[3] for a in areas):
            name = _is_name_text(other.text)
            if name:
                return name, other.bbox
    return None


def find_handwriting(image: np.ndarray, lines: list[OcrLine],
                     labels: list[str]) -> list[SignatureMark]:
    """One :class:`SignatureMark` per OCR line that carries one of ``labels``.

    The signing area is the same row right of the label (up to 40 % of the page width)
    plus one line height below the label. Ink there that no OCR box of confidence ≥ 0.5
    covers is handwriting; a confident OCR text there (or after the label in the same
    OCR line) that is not form print is a typed name. Handwriting wins over a typed
    name when both are present."""
    rgb = _as_rgb(image)
    h, w = rgb.shape[:2]
    hits = [(ln, _find_label(ln.text, labels)) for ln in lines]
    confident = [ln for ln in lines if ln.confidence >= MIN_TEXT_CONFIDENCE]
    # Print explained by OCR. A label's own line is covered only up to the label's end
    # when nothing readable follows it: OCR often runs a signature into the label's line
    # as rule-like glyphs (一一, ~). Readable text after the label is print (the rest of
    # a sentence that mentions 签字) or a typed name, and is covered.
    covered = np.zeros((h, w), dtype=bool)
    for ln, hit in hits:
        if ln.confidence < MIN_TEXT_CONFIDENCE:
            continue
        x1 = ln.bbox[2]
        if hit is not None:
            _, label_end, rest_from = _label_extent(ln, hit)
            if not any(ch.isalnum() and ch not in _RULE_CHARS for ch in ln.text[rest_from:]):
                x1 = label_end
        bx0, by0, bx1, by1 = _clip((ln.bbox[0] - 2, ln.bbox[1] - 2, x1 + 2, ln.bbox[3] + 2), w, h)
        covered[by0:by1, bx0:bx1] = True

    ink: np.ndarray | None = None
    marks: list[SignatureMark] = []
    for ln, hit in hits:
        if hit is None:
            continue
        label, _, end = hit
        lx0, lx1, end = _label_extent(ln, hit)
        spans = char_spans(ln.text, ln.bbox[0], ln.bbox[2])
        y0, y1 = ln.bbox[1], ln.bbox[3]
        lh = max(y1 - y0, 1.0)
        label_bbox = (round(lx0, 1), round(y0, 1), round(lx1, 1), round(y1, 1))
        reach = lx1 + RIGHT_REACH * w
        right = (lx1 + 2, y0 - 0.4 * lh, reach, y1 + 0.4 * lh)
        below = (lx0, y1, reach, y1 + lh)
        typed = _typed_name(ln, end, spans, confident, (right, below), labels)

        # Work on the crop round the signing area only.
        cx0, cy0, cx1, cy1 = _clip((lx0, y0 - 0.4 * lh, reach, y1 + lh), w, h)
        if ink is None:
            ink = handwriting_ink_mask(rgb)
        area = np.zeros((cy1 - cy0, cx1 - cx0), dtype=bool)
        for box in (right, below):
            ax0, ay0, ax1, ay1 = _clip(box, w, h)
            area[max(ay0 - cy0, 0):max(ay1 - cy0, 0), max(ax0 - cx0, 0):max(ax1 - cx0, 0)] = True
        cov = covered[cy0:cy1, cx0:cx1].copy()
        if typed is not None:
            tx0, ty0, tx1, ty1 = _clip(typed[1], w, h)
            cov[max(ty0 - cy0, 0):max(ty1 - cy0, 0), max(tx0 - cx0, 0):max(tx1 - cx0, 0)] = True
        free = ink[cy0:cy1, cx0:cx1] & area & ~cov
        ink_px, ink_box = _handwriting(free, lh)
        if ink_px and ink_box is not None:
            box = (ink_box[0] + cx0, ink_box[1] + cy0, ink_box[2] + cx0, ink_box[3] + cy0)
            marks.append(SignatureMark(label=label, label_bbox=label_bbox, signed=True,
                                       bbox=box, ink_pixels=ink_px))
        elif typed is not None:
            marks.append(SignatureMark(label=label, label_bbox=label_bbox, signed=True, typed=True,
                                       text=typed[0], bbox=typed[1]))
        else:
            marks.append(SignatureMark(label=label, label_bbox=label_bbox, signed=False))
    return marks


def _label_extent(ln: OcrLine, hit: tuple[str, int, int]) -> tuple[float, float, int]:
    """(x0, x1) of the label in the line, taking the colon or bracket after it along,
    and the index where the rest of the line starts."""
    _, first, end = hit
    while end < len(ln.text) and ln.text[end] in _LABEL_TAIL:
        end += 1
    spans = char_spans(ln.text, ln.bbox[0], ln.bbox[2])
    return spans[first][0], spans[end - 1][1], end


def _handwriting(free: np.ndarray, lh: float) -> tuple[int, BBoxTuple | None]:
    """Ink pixels and their extent when ``free`` holds handwriting, else (0, None).
    Specks and straight rules (a signing line, a table border) are dropped first."""
    ys, xs = np.nonzero(free)
    if xs.size == 0:
        return 0, None
    x0, y0, x1, y1 = xs.min(), ys.min(), xs.max() + 1, ys.max() + 1
    crop = free[y0:y1, x0:x1].astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    thin = 0.15 * lh
    kept: list[tuple[int, int, int, int, int]] = []
    for i in range(1, n):
        cx, cy, cw, ch, area = (int(v) for v in stats[i])
        if area < max(4.0, 0.004 * lh * lh):
            continue
        if (ch <= thin and cw >= 1.2 * lh) or (cw <= thin and ch >= 1.2 * lh):
            continue
        kept.append((cx, cy, cw, ch, area))
    total = sum(k[4] for k in kept)
    if total < MIN_INK_AREA * lh * lh or \
            max((max(k[2], k[3]) for k in kept), default=0) < MIN_STROKE_EXTENT * lh:
        return 0, None
    bx0 = x0 + min(k[0] for k in kept)
    by0 = y0 + min(k[1] for k in kept)
    bx1 = x0 + max(k[0] + k[2] for k in kept)
    by1 = y0 + max(k[1] + k[3] for k in kept)
    return int(total), (float(bx0), float(by0), float(bx1), float(by1))
