"""The OCR interface: engines recognise lines in an image; the service adds caching,
red-seal handling and statistics on top of whichever engine is configured."""
from __future__ import annotations

from typing import Protocol

import numpy as np
from pydantic import BaseModel

from models.location import BBoxTuple


class OcrLine(BaseModel):
    text: str
    bbox: BBoxTuple  # axis-aligned (x0, y0, x1, y1) in image pixels
    confidence: float
    polygon: list[tuple[float, float]] | None = None


class OcrEngine(Protocol):
    """A text-line recogniser. ``image`` is an RGB uint8 array (H, W, 3)."""

    name: str

    @property
    def version(self) -> str:
        """Engine + model identity; part of the OCR cache key."""
        ...

    def recognize(self, image: np.ndarray) -> list[OcrLine]: ...


class OcrService(Protocol):
    """What extractors call. Implementations cache by image sha256 + engine version."""

    def read(self, image: np.ndarray) -> list[OcrLine]: ...
