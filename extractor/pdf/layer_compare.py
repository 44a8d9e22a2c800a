"""A scan's hidden text layer against our own OCR of the page image.

The hidden layer was written by someone else's OCR: its glyph boxes are approximate and
some characters are wrong, so the page is laid out from the image (lines, tables, tick
boxes and seals all come from ``ocr_page``) and the layer is only compared with it. Each
hidden character is given to the OCR line whose box (padded a little, since the layer's
boxes are imprecise) holds its centre; the page's agreement is rapidfuzz's normalised
Indel similarity of the two texts laid out in OCR's line order (hidden characters no
line claims are appended, so text OCR did not see counts against agreement).
Whitespace and tick-box marks are left out of both, and both are NFKC-normalised
(OCR reads "：" as ":").

Where the two agree on the page and OCR is unsure of a line (confidence below
``LOW_CONFIDENCE``), the hidden layer's characters are preferred for that line when it
has exactly as many characters there as OCR read (the same shape) and mostly the same
ones: scanner OCR often had a cleaner image than the PDF keeps.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from extractor.checkmarks import MARK_CHARS
from extractor.ocr.base import OcrLine
from models.location import BBoxTuple

# Page agreement from which the layer "agrees" with OCR.
AGREE = 0.8
# OCR lines below this confidence may take the hidden layer's characters.
LOW_CONFIDENCE = 0.8
# A line's own similarity needed before its characters are taken from the layer.
LINE_AGREE = 0.5
# Padding of OCR line boxes, in line heights, when collecting hidden characters.
_PAD_Y = 0.35
_PAD_X = 0.6

HiddenChar = tuple[str, BBoxTuple]  # a character and its box in image pixels


@dataclass
class Comparison:
    agreement: float
    # OCR lines whose characters were taken from the hidden layer.
    lines_from_layer: int = 0

    @property
    def agrees(self) -> bool:
        return self.agreement >= AGREE


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and c not in MARK_CHARS)


def assign_to_lines(lines: list[OcrLine], hidden: list[HiddenChar]) -> tuple[list[str], str]:
    """Hidden text per OCR line (left to right) and the hidden characters no line holds
    (top to bottom, left to right)."""
    per_line: list[list[tuple[float, str]]] = [[] for _ in lines]
    leftover: list[tuple[float, float, str]] = []
    if not hidden:
        return ["" for _ in lines], ""
    centres = np.array([((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for _, b in hidden], dtype=float)
    if lines:
        boxes = np.array([ln.bbox for ln in lines], dtype=float)
        h = np.maximum(1.0, boxes[:, 3] - boxes[:, 1])
        x0, x1 = boxes[:, 0] - _PAD_X * h, boxes[:, 2] + _PAD_X * h
        y0, y1 = boxes[:, 1] - _PAD_Y * h, boxes[:, 3] + _PAD_Y * h
        lcy = (boxes[:, 1] + boxes[:, 3]) / 2
        cx, cy = centres[:, :1], centres[:, 1:]
        inside = (cx >= x0) & (cx <= x1) & (cy >= y0) & (cy <= y1)  # chars × lines
        dist = np.where(inside, np.abs(cy - lcy) / h, np.inf)
        best = np.argmin(dist, axis=1)
        found = np.isfinite(dist[np.arange(len(hidden)), best])
    else:
        best = np.zeros(len(hidden), dtype=int)
        found = np.zeros(len(hidden), dtype=bool)
    for k, (ch, _) in enumerate(hidden):
        if found[k]:
            per_line[int(best[k])].append((float(centres[k, 0]), ch))
        else:
            leftover.append((float(centres[k, 1]), float(centres[k, 0]), ch))
    texts = ["".join(ch for _, ch in sorted(items)) for items in per_line]
    return texts, "".join(ch for _, _, ch in sorted(leftover))


def _take_layer(ocr_text: str, layer_text: str) -> str | None:
    """OCR's line with its characters replaced by the layer's, keeping OCR's spaces;
    None unless both have the same non-space characters count and mostly agree."""
    layer = [c for c in unicodedata.normalize("NFKC", layer_text) if not c.isspace()]
    slots = [i for i, c in enumerate(ocr_text) if not c.isspace()]
    if not layer or len(layer) != len(slots):
        return None
    if fuzz.ratio(_clean(ocr_text), _clean("".join(layer))) / 100 < LINE_AGREE:
        return None
    out = list(ocr_text)
    for i, c in zip(slots, layer):
        out[i] = c
    merged = "".join(out)
    return merged if merged != ocr_text else None


def reconcile(lines: list[OcrLine], hidden: list[HiddenChar],
              prefer_layer: bool = True) -> tuple[list[OcrLine], Comparison]:
    """Compare the layer with OCR's lines; with ``prefer_layer``, take the layer's
    characters for unsure lines of an agreeing page (see the module docstring)."""
    per_line, leftover = assign_to_lines(lines, hidden)
    ocr_all = "".join(_clean(ln.text) for ln in lines)
    layer_all = "".join(_clean(t) for t in per_line) + _clean(leftover)
    if not ocr_all and not layer_all:
        return lines, Comparison(1.0)
    result = Comparison(round(fuzz.ratio(ocr_all, layer_all) / 100, 2))
    if not (prefer_layer and result.agrees):
        return lines, result
    out: list[OcrLine] = []
    for ln, layer_text in zip(lines, per_line):
        merged = _take_layer(ln.text, layer_text) if ln.confidence < LOW_CONFIDENCE else None
        if merged is None:
            out.append(ln)
        else:
            out.append(ln.model_copy(update={"text": merged}))
            result.lines_from_layer += 1
    return out, result


class HiddenLayerReader:
    """An OCR service for one page image that reads it with the real service, then
    reconciles the result with the page's hidden layer (see :func:`reconcile`).

    Only a reading of that very image is compared: if OCR turns the page (an upside-
    down scan) the layer's positions no longer match and the lines pass unchanged."""

    def __init__(self, inner: Any, image: np.ndarray, hidden: list[HiddenChar]) -> None:
        self._inner = inner
        self._image = image
        self._hidden = hidden
        self.comparison: Comparison | None = None

    def read(self, image: np.ndarray, *args: Any, **kwargs: Any) -> list[OcrLine]:
        lines = self._inner.read(image, *args, **kwargs)
        if image is self._image and self.comparison is None:
            lines, self.comparison = reconcile(lines, self._hidden)
        return lines

    def __getattr__(self, name: str) -> Any:
        # upside_down_share, the engine for the orientation probe, the cache directory:
        # whatever else ocr_page asks the real service for.
        if name.startswith("__") or name in ("_inner", "_image", "_hidden"):
            raise AttributeError(name)
        return getattr(self._inner, name)
