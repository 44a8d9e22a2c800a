"""Deciding whether a page image is a photograph, and making it look like a flat scan.

A page counts as photographed when the camera said so (EXIF exposure data), when a sheet
of paper lying on something darker is found in it at a slant (:mod:`extractor.ocr.dewarp`;
an outline square to the image axes is a dialog in a screenshot or a scanner border), or
when its paper is strongly unevenly lit (:mod:`extractor.ocr.illumination`; WeChat
strips EXIF, and apps crop photos to the page). Only then is it changed: the sheet is
warped flat, then the light is evened out. Scans and screenshots come back untouched,
so their OCR, bboxes and caches stay as they were.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from extractor.ocr.dewarp import find_page_quad, warp_page
from extractor.ocr.illumination import flatten_illumination, paper_levels, unevenly_lit

# A photo whose paper varies less than this (grey levels) is evenly lit already.
MIN_FLATTEN_SPREAD = 12.0
# A flattened page's longer side is brought up to at least this (A4 at 200 dpi, the
# resolution scanned PDF pages are rendered at): the tick-box and table detectors
# measure strokes in pixels, and a page that fills half a 2000 px photo has tick boxes
# of 10 px with 1 px blurred strokes, too faint to binarise.
MIN_PAGE_SIDE = 2339
# ... and capped at this (the image extractor's own size limit).
MAX_PAGE_SIDE = 4000


@dataclass
class PhotoCorrection:
    image: np.ndarray
    # What was done, in order: "dewarp", "flatten"; empty when the image was left alone.
    steps: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "+".join(self.steps)


def correct_photo(image: np.ndarray, camera: bool = False,
                  max_side: int = MAX_PAGE_SIDE) -> PhotoCorrection:
    """The page flattened if ``image`` is a photograph, else ``image`` itself.

    ``camera``: the file's EXIF says a camera took it. A warped page's longer side is
    at least :data:`MIN_PAGE_SIDE` and at most ``max_side``."""
    quad = find_page_quad(image)
    if quad is not None and quad.axis_aligned and not camera:
        quad = None  # a rectangle drawn on screen, not a sheet held in front of a lens
    page = image if quad is None else warp_page(
        image, quad.corners, max_side, min(MIN_PAGE_SIDE, max_side))
    dark, light = paper_levels(page)
    if not (camera or quad is not None or unevenly_lit(dark, light)):
        return PhotoCorrection(image)
    spread = light - dark
    steps = ["dewarp"] if quad is not None else []
    if spread >= MIN_FLATTEN_SPREAD:
        page = flatten_illumination(page)
        steps.append("flatten")
    return PhotoCorrection(np.ascontiguousarray(page), steps)
