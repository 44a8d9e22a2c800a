"""The one extractor interface every file format plugs in behind.

A format extractor turns one file on disk into a :class:`models.Document`. It must not
raise for bad input it can recognise (encrypted, truncated, empty): it raises
:class:`UnreadableFileError` with a Chinese reason, and the pipeline turns that into one
UNREADABLE_FILE finding while the rest of the dossier is still checked.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from models import Document
from models.limits import Deadline, LimitHit, Limits
from models.settings import settings

if TYPE_CHECKING:
    from extractor.ocr.base import OcrService
    from extractor.ocr.page_finisher import PageFinisher


class UnreadableFileError(Exception):
    """The file cannot be read; ``reason`` is a Chinese sentence for the reviewer."""

    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(reason if detail is None else f"{reason} ({detail})")
        self.reason = reason
        self.detail = detail


@dataclass
class ExtractContext:
    """What an extractor may use besides the file itself."""

    # Lazily created OCR service (engine + disk cache); None disables OCR entirely.
    ocr: "OcrService | None" = None
    # Where rendered page images may be written (for review-page crops); None = don't keep.
    page_image_dir: Path | None = None
    # Render resolution for scanned PDF pages.
    render_dpi: int = 200
    # Counters the pipeline and benches read (pages OCR'd, cache hits ...).
    stats: dict[str, float] = field(default_factory=dict)
    limits: Limits = field(default_factory=lambda: settings().limits)
    # The whole check's wall-time deadline; extract_file narrows it per document.
    deadline: Deadline = field(default_factory=lambda: Deadline(None))
    # Limits reached that belong to no one document (OCR pages per dossier, time).
    run_limit_hits: list[LimitHit] = field(default_factory=list)
    # Pages that needed OCR after the dossier's OCR budget was spent, per file
    # (extractor.budget.take_ocr_page); shared by every copy of the context.
    ocr_skipped: dict[str, int] = field(default_factory=dict)
    # Set by a dossier check: pages needing OCR are read and finished (tick boxes, tables,
    # seals) on its threads while the files go on being read; the check settles it
    # before the documents are matched.
    page_finisher: "PageFinisher | None" = None

    def bump(self, key: str, by: float = 1) -> None:
        with _BUMP_LOCK:  # pages are read on a dossier's page finisher threads too
            self.stats[key] = self.stats.get(key, 0) + by


_BUMP_LOCK = threading.Lock()


class FormatExtractor(Protocol):
    """One file format. ``sniff`` looks at the first bytes (never the file name alone)."""

    name: str
    media_type: str

    def sniff(self, head: bytes, suffix: str) -> bool: ...

    def extract(self, path: Path, rel_path: str, ctx: ExtractContext) -> Document: ...


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def new_document(path: Path, rel_path: str, media_type: str) -> Document:
    return Document(path=rel_path, sha256=sha256_file(path), media_type=media_type,
                    size=path.stat().st_size)
