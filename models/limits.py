"""Resource limits every stage obeys, decided before the expensive step.

One object, read once from the environment (``DOSSIER_LIMIT_*``), passed down through
:class:`extractor.base.ExtractContext` and the pipeline. A limit that is reached never
stops the dossier: the stage records a :class:`LimitHit` on the document (or the run) and
the check ``checks.limits`` turns each into one RESOURCE_LIMIT finding in Chinese, while
the rest of the dossier is checked as usual.

Defaults keep one dossier within about 2 GB of memory on the 2-core reference machine;
the wall-time limits are cooperative (stages look at the clock between pages and files)
and the batch and API workers add a hard limit on top (they kill the process).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, fields
from typing import Literal

from pydantic import BaseModel

LimitKind = Literal[
    "xml_bytes",        # inflated size of one XML part of an Office/OFD package
    "package_bytes",    # inflated size of all parts of one package
    "text_chars",       # characters of text kept per document
    "pages",            # pages read per file (PDF, TIFF, OFD)
    "page_pixels",      # pixels of one rendered page (scaled down to fit)
    "image_pixels",     # pixels of one decoded image (refused above)
    "ocr_pages",        # pages OCR'd per dossier
    "document_seconds",  # wall time spent reading one file
    "dossier_seconds",  # wall time of the whole check
    "files",            # files per dossier
]


class LimitHit(BaseModel):
    """A limit that was reached while reading: what, where, and what was done about it."""

    kind: LimitKind
    limit: float
    # What the input asked for (pages in the file, pixels of the page ...), when known.
    found: float | None = None
    page: int | None = None
    # Chinese sentence for the reviewer: what was skipped or scaled down.
    message: str


@dataclass(frozen=True)
class Limits:
    max_xml_bytes: int = 64 << 20
    max_package_bytes: int = 256 << 20
    max_text_chars: int = 400_000
    # 300: a long scanned dossier part (audit report with attachments) runs to ~200 pages;
    # at ~1.5 s OCR per page on the reference machine 300 pages already take ~8 minutes.
    max_pages: int = 300
    # 20 MP: A2 at 200 dpi (15.5 MP) still renders in full. Measured on the 100×100-inch
    # hostile page (samples.hostile.huge_page_pdf) through OCR: at 40 MP the check peaked
    # at 2.15 GB RSS and 34 s, above the 2 GB budget; at 20 MP 1.13 GB and 21 s.
    max_page_pixels: int = 20_000_000
    max_image_pixels: int = 150_000_000
    max_ocr_pages: int = 200
    document_seconds: float = 300.0
    dossier_seconds: float = 900.0
    max_files: int = 2000
    # Resident memory of one check's process; enforced by the batch and API supervisors.
    max_memory_mb: int = 2048

    @classmethod
    def from_env(cls, environ: "os._Environ[str] | dict[str, str] | None" = None) -> "Limits":
        """``DOSSIER_LIMIT_<FIELD>`` overrides a default (e.g. DOSSIER_LIMIT_MAX_PAGES=50,
        DOSSIER_LIMIT_DOSSIER_SECONDS=60). Bad values are ignored with the default kept."""
        env = os.environ if environ is None else environ
        values: dict[str, float | int] = {}
        for f in fields(cls):
            raw = env.get(f"DOSSIER_LIMIT_{f.name.upper()}", "").strip()
            if not raw:
                continue
            try:
                num = float(raw)
            except ValueError:
                continue
            if num <= 0 or num != num or num == float("inf"):
                continue
            values[f.name] = int(num) if f.type in ("int", int) else num
        return cls(**values)  # type: ignore[arg-type]


class Deadline:
    """A monotonic-clock deadline; ``None`` seconds never expires."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def left(self) -> float:
        return float("inf") if self._end is None else self._end - time.monotonic()

    def expired(self) -> bool:
        return self.left() <= 0

    def sooner(self, seconds: float | None) -> "Deadline":
        """A deadline ``seconds`` from now, but never later than this one."""
        d = Deadline(seconds)
        if self._end is not None and (d._end is None or self._end < d._end):
            d._end, d.seconds = self._end, self.seconds
        return d
