"""A cheap look at a page through the OCR engine's own line-angle classifier: which of
its lines are upside down. With the reading's line outlines, enough to tell how a page
is turned (:mod:`extractor.ocr.page_geometry`).

Only rapidocr offers the two models separately; for any other engine (or a stand-in in
tests) :func:`probe_for` returns None and callers fall back to reading the page.
rapidocr exposes the models only through its private loaders, so this module is the one
place that reaches into them.
"""
from __future__ import annotations

from typing import Any, Protocol

import numpy as np

# Classifier answers below this confidence are not counted as "upside down".
FLIP_CONFIDENCE = 0.9


class TextProbe(Protocol):
    version: str

    def upside_down(self, crops: list[np.ndarray]) -> list[bool | None]:
        """Per RGB line crop (text running left to right): True upside down, False
        upright, None unsure."""
        ...


class RapidProbe:
    """Implements :class:`TextProbe` with a :class:`RapidOcrEngine`'s models."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.version = f"{engine.version}/cls"

    def upside_down(self, crops: list[np.ndarray]) -> list[bool | None]:
        if not crops:
            return []
        rapid = self._engine._load()
        cls = rapid._load_cls_model()
        bgr = [np.ascontiguousarray(c[:, :, 2::-1]) for c in crops]
        # No run lock: the classifier keeps no state between calls (only RapidOCR's own
        # __call__ does), so a page's orientation vote need not wait for the next page's
        # whole reading on the other page-finisher thread.
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
