"""Creates the OCR engine only when a page actually needs OCR, so checking a dossier of
text PDFs and DOCX never loads the models."""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from extractor.ocr.base import OcrLine

if TYPE_CHECKING:
    from extractor.ocr.service import CachingOcrService


class LazyOcrService:
    def __init__(self, engine: str = "rapidocr", cache_dir: Path | None = None,
                 on_page: Callable[[], None] | None = None) -> None:
        self.engine = engine
        self.cache_dir = cache_dir
        # Called after each page read (a batch worker tells its parent, for the progress).
        self.on_page = on_page
        self._service: CachingOcrService | None = None
        # A dossier check reads pages on two threads: one service between them.
        self._lock = threading.Lock()

    @property
    def service(self) -> CachingOcrService:
        with self._lock:
            if self._service is None:
                from extractor.ocr.service import make_ocr_service

                self._service = make_ocr_service(self.engine, cache_dir=self.cache_dir)
            return self._service

    def read(self, image: np.ndarray) -> list[OcrLine]:
        lines = self.service.read(image)
        if self.on_page is not None:
            self.on_page()
        return lines

    def upside_down_share(self, image: np.ndarray, lines: list[OcrLine]) -> float | None:
        return self.service.upside_down_share(image, lines)

    @property
    def stats(self) -> dict[str, float]:
        return dict(getattr(self._service, "stats", {}) or {})
