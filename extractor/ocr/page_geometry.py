"""Which way up a page is (0, 90, 180 or 270°), decided from its first reading.

A sideways page that reads "well enough" must still be turned: a licence photographed
sideways otherwise comes out with its lines in the wrong order. The first reading's line
outlines say whether the text runs across (0/180) or down (90/270) the page, and the
line-angle classifier (:mod:`extractor.ocr.text_probe`), shown the longest lines turned
to run across, says which of the two. Only when the outlines or the votes are unclear
(little text, mixed directions) does the caller fall back to comparing turned readings.

An earlier version ran the detector once more on a small copy before reading, to read a
turned page only once; that cost every page ~0.4 s (15 % of its OCR time here) to save
one reading on the rare turned page.

Votes are cached next to the OCR results (same key scheme), so a cached run never loads
a model.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from extractor.ocr.text_probe import TextProbe, probe_for, underlying_service

# Bump when the decision below changes, so cached votes are not reused.
GEOMETRY_VERSION = "2"
# A line box counts as a direction vote when its long side is this many times its short
# side (two-character CJK labels are about 2.5:1; single characters are square) and
# within this many degrees of the page's axes.
MIN_ELONGATION = 2.5
MAX_TILT_DEG = 30.0
# At least this many line votes, and one direction this many times the other.
MIN_LINE_VOTES = 4
DOMINANCE = 2.0
# Lines shown to the classifier, the fewest confident answers trusted, and the share of
# "upside down" answers beyond which the page is flipped (or below which it is not).
MAX_CLASSIFIED = 16
MIN_FLIP_VOTES = 3
FLIP_SHARE = 0.7
KEEP_SHARE = 0.3


@dataclass(frozen=True)
class OrientationVote:
    """What the probe saw. ``rotation`` is the turn (degrees counter-clockwise) that puts
    the page upright, or None when the evidence is unclear."""

    rotation: int | None
    across: int = 0
    down: int = 0
    flipped: int = 0
    upright: int = 0


def _direction_votes(boxes: list[np.ndarray]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Boxes of lines running across the page and of lines running down it."""
    across: list[np.ndarray] = []
    down: list[np.ndarray] = []
    cos_tilt = math.cos(math.radians(MAX_TILT_DEG))
    for box in boxes:
        e1, e2 = box[1] - box[0], box[2] - box[1]
        l1, l2 = float(np.linalg.norm(e1)), float(np.linalg.norm(e2))
        long_edge, long_len, short_len = (e1, l1, l2) if l1 >= l2 else (e2, l2, l1)
        if short_len < 2 or long_len < MIN_ELONGATION * short_len:
            continue
        dx, dy = abs(long_edge[0]) / long_len, abs(long_edge[1]) / long_len
        if dx >= cos_tilt:
            across.append(box)
        elif dy >= cos_tilt:
            down.append(box)
    return across, down


def _crops(image: np.ndarray, boxes: list[np.ndarray], turn_ccw: bool) -> list[np.ndarray]:
    """Crops of the longest boxes; a line running down the page is
    turned 90° counter-clockwise, as it would be if the page were."""
    h, w = image.shape[:2]
    longest = sorted(boxes, key=lambda b: -float(np.ptp(b[:, 0]) + np.ptp(b[:, 1])))
    crops: list[np.ndarray] = []
    for box in longest[:MAX_CLASSIFIED]:
        x0, y0 = box.min(axis=0).astype(int) - 2
        x1, y1 = box.max(axis=0).astype(int) + 2
        crop = image[max(0, y0):min(h, y1), max(0, x0):min(w, x1)]
        if min(crop.shape[:2]) < 8:
            continue
        crops.append(np.ascontiguousarray(np.rot90(crop, 1) if turn_ccw else crop))
    return crops


def vote_from_boxes(image: np.ndarray, boxes: list[np.ndarray], probe: TextProbe,
                    sideways_allowed: bool = True) -> OrientationVote:
    """The vote from the image's line outlines: their direction says across or down, the
    classifier on the longest says which way up."""
    across, down = _direction_votes(boxes)
    if len(across) + len(down) < MIN_LINE_VOTES:
        return OrientationVote(None, len(across), len(down))
    if len(down) >= DOMINANCE * max(1, len(across)) and len(down) >= MIN_LINE_VOTES:
        if not sideways_allowed:
            return OrientationVote(None, len(across), len(down))
        sideways, lines = True, down
    elif len(across) >= DOMINANCE * max(1, len(down)):
        sideways, lines = False, across
    else:
        return OrientationVote(None, len(across), len(down))
    answers = probe.upside_down(_crops(image, lines, sideways))
    flipped = sum(1 for a in answers if a is True)
    upright = sum(1 for a in answers if a is False)
    vote = dict(across=len(across), down=len(down), flipped=flipped, upright=upright)
    if flipped + upright < MIN_FLIP_VOTES:
        return OrientationVote(None, **vote)
    share = flipped / (flipped + upright)
    if KEEP_SHARE < share < FLIP_SHARE:
        return OrientationVote(None, **vote)
    # A line running down the page reads left to right once the page is turned 90°
    # counter-clockwise; if that turned line is upside down, the page needs 270°.
    rotation = (90 if sideways else 0) + (180 if share >= FLIP_SHARE else 0)
    return OrientationVote(rotation % 360, **vote)


def _cache_path(ocr: Any, image: np.ndarray, probe: TextProbe,
                sideways_allowed: bool) -> Path | None:
    cache_dir = getattr(ocr, "cache_dir", None)
    if cache_dir is None or not getattr(ocr, "use_cache", False):
        return None
    h = hashlib.sha256()
    h.update(f"orientation{GEOMETRY_VERSION}|reading|{probe.version}|{sideways_allowed}|"
             f"{image.shape}|".encode())
    # ndarray.data is memoryview(array); numpy's stubs give ndarray no __buffer__ before 3.12.
    h.update(np.ascontiguousarray(image).data.cast("B"))
    key = h.hexdigest()
    return Path(cache_dir) / key[:2] / f"{key}.json"


def _load(path: Path) -> OrientationVote | None:
    try:
        return OrientationVote(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _store(path: Path, vote: OrientationVote) -> None:
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(vote), f)
        os.replace(tmp, path)
    except OSError:
        # The cache is an optimisation; a read-only disk must not stop the page.
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def line_outline(line: Any) -> np.ndarray:
    """A reading's line as a 4×2 outline: its polygon when the engine gave one (a tilted
    line stays tilted), else its box."""
    if line.polygon and len(line.polygon) == 4:
        return np.asarray(line.polygon, dtype=np.float32).reshape(4, 2)
    x0, y0, x1, y1 = line.bbox
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)


def reading_orientation(image: np.ndarray, lines: list[Any], ctx: Any,
                        sideways_allowed: bool = True) -> OrientationVote | None:
    """The vote for a page from its own first reading: the line outlines the full
    detector already found, and the angle classifier on the longest of them (a few small
    crops). No detector pass of its own, so an upright page — nearly every page — costs
    nothing beyond its one reading; a page the vote turns is read once more. Cached next
    to the OCR results, so a cached run loads no model. None when the OCR engine has no
    classifier to ask."""
    probe = probe_for(ctx.ocr)
    if probe is None:
        return None
    path = _cache_path(underlying_service(ctx.ocr), image, probe, sideways_allowed)
    if path is not None:
        cached = _load(path)
        if cached is not None:
            return cached
    start = time.perf_counter()
    vote = vote_from_boxes(image, [line_outline(ln) for ln in lines], probe, sideways_allowed)
    ctx.bump("orientation_votes")
    ctx.bump("orientation_vote_seconds", time.perf_counter() - start)
    if path is not None:
        _store(path, vote)
    return vote
