"""Cheap looks at a page through the OCR engine's own models, without recognising text:
where the text lines are (detector only, on a small copy) and which of them are upside
down (the line-angle classifier). Enough to tell how a page is turned before it is read.

Only rapidocr offers the two models separately; for any other engine (or a stand-in in
tests) :func:`probe_for` returns None and callers fall back to reading the page.
rapidocr exposes the models only through its private loaders, so this module is the one
place that reaches into them.
"""
from __future__ import annotations

from typing import Any, Protocol

import numpy as np

# The detector reads the probe copy with its short side this long: lines on an A4 page
# are still found (10.5 pt text is ~6 px high) at a quarter of the full detector's cost.
PROBE_SHORT_SIDE = 512
# Classifier answers below this confidence are not counted as "upside down".
FLIP_CONFIDENCE = 0.9


class TextProbe(Protocol):
    version: str

    def detect(self, rgb: np.ndarray) -> list[np.ndarray]:
        """Text-line outlines (4×2 float arrays, image pixels) on a small RGB image."""
        ...

    def upside_down(self, crops: list[np.ndarray]) -> list[bool | None]:
        """Per RGB line crop (text running left to right): True upside down, False
        upright, None unsure."""
        ...


class RapidProbe:
    """Implements :class:`TextProbe` with a :class:`RapidOcrEngine`'s models."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.version = f"{engine.version}/probe{PROBE_SHORT_SIDE}"

    def detect(self, rgb: np.ndarray) -> list[np.ndarray]:
        rapid = self._engine._load()
        det = rapid._load_det_model()
        bgr = np.ascontiguousarray(rgb[:, :, 2::-1])
        with self._engine._run_lock:
            # The detector scales every input up to its configured short side (736);
            # asked for less for this one call, it runs on the small copy as it is.
            # Whatever sizing the engine is configured with (bench/ocr_sweep.py), the
            # probe's copy is sized by its short side.
            saved = det.limit_side_len, det.limit_type
            det.limit_side_len, det.limit_type = PROBE_SHORT_SIDE, "min"
            try:
                out = det(bgr)
            finally:
                det.limit_side_len, det.limit_type = saved
        boxes = getattr(out, "boxes", None)
        if boxes is None:
            return []
        return [np.asarray(b, dtype=np.float32).reshape(4, 2) for b in boxes]

    def upside_down(self, crops: list[np.ndarray]) -> list[bool | None]:
        if not crops:
            return []
        rapid = self._engine._load()
        cls = rapid._load_cls_model()
        bgr = [np.ascontiguousarray(c[:, :, 2::-1]) for c in crops]
        with self._engine._run_lock:
            res = cls(bgr).cls_res
        out: list[bool | None] = []
        for label, score in res:
            if "180" in str(label):
                out.append(True if score >= FLIP_CONFIDENCE else None)
            else:
                out.append(False)
        return out


def underlying_service(ocr: Any) -> Any:
    """The caching OCR service behind ``ocr``: ``ocr`` itself, or the service a lazy
    wrapper (dossier.lazy_ocr.LazyOcrService, whose ``engine`` is only the engine's
    name) creates on first use."""
    if ocr is None or not isinstance(getattr(ocr, "engine", None), str):
        return ocr
    return getattr(ocr, "service", ocr)


def probe_for(ocr: Any) -> TextProbe | None:
    """A probe on the OCR service's engine, when that engine is rapidocr."""
    engine = getattr(underlying_service(ocr), "engine", None)
    if engine is None:
        return None
    from extractor.ocr.rapid_engine import RapidOcrEngine

    return RapidProbe(engine) if isinstance(engine, RapidOcrEngine) else None
