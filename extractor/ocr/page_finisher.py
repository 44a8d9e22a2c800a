"""Reading OCR pages on two background threads while the files go on being read.

A dossier check spends most of its time in the OCR engine, and the engine leaves CPU
idle between and inside its model runs. The rest of a page's work — flattening a photo,
the orientation vote, tick boxes, ruled tables, seals and signatures, the JPEG kept for
review crops, then the next file's text pages and Word tables — needs no engine. So a
check hands each page image to this finisher and goes on: two threads read pages (the
engine itself runs one page at a time, under its own lock), so one page's tick boxes and
tables are found while the next is in the engine, and the main thread renders pages and
reads text files meanwhile. :meth:`PageFinisher.settle` waits for everything before any
document is read by the matchers.

The documents are the same as reading each page in line: each page's work is the same
function of its image, and a document's tables are numbered in page order once all its
pages are in (:func:`renumber_tables`).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from models import Document, Table

if TYPE_CHECKING:
    from extractor.ocr.page_ocr import OcrPageResult

log = logging.getLogger(__name__)

# Two readers: one in the engine, one finishing a page or preparing the next.
READERS = 2
# Pages handed over but not done, at most: each holds its page image (~12 MB for an A4
# scan at 200 dpi). One waiting beyond the two being read keeps both threads busy.
MAX_PENDING = READERS + 1


@dataclass
class _Landing:
    doc: Document
    future: Future[OcrPageResult]


@dataclass
class PageFinisher:
    """A dossier's page readers; use as a context manager."""

    _pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=READERS,
                                                   thread_name_prefix="page-finisher"))
    _landings: list[_Landing] = field(default_factory=list)

    def __enter__(self) -> PageFinisher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, read: Callable[[], OcrPageResult]) -> Future[OcrPageResult]:
        """Start ``read`` on a reader thread; waits first while too many pages are
        pending."""
        pending = [ld.future for ld in self._landings if not ld.future.done()]
        if len(pending) >= MAX_PENDING:
            pending[0].exception()  # blocks until done; any error is raised in settle()
        return self._pool.submit(read)

    def land(self, doc: Document, future: Future[OcrPageResult]) -> None:
        """A page of ``doc`` (already in ``doc.pages``) is being read by ``future``."""
        self._landings.append(_Landing(doc, future))

    def owns(self, doc: Document) -> bool:
        """True while ``doc`` has pages still to be settled."""
        return any(ld.doc is doc for ld in self._landings)

    def settle(self, on_done: Callable[[Document], None] | None = None) -> None:
        """Add every read page's tables, tick boxes and notes to its document, in page
        order, and number each such document's tables again; ``on_done`` then sees each
        of those documents once. A page whose reading raised makes its document
        unreadable, as reading it in line would have."""
        from extractor.ocr.page_ocr import add_page_result

        landings, self._landings = self._landings, []
        docs: dict[int, Document] = {}
        failed: dict[int, BaseException] = {}
        for ld in landings:
            docs[id(ld.doc)] = ld.doc
            try:
                result = ld.future.result()
            except Exception as exc:  # noqa: BLE001 - one file must never stop the dossier
                log.exception("reading a page of %s failed", ld.doc.path)
                failed.setdefault(id(ld.doc), exc)
                continue
            add_page_result(ld.doc, result)
        for key, doc in docs.items():
            if key in failed:
                _make_unreadable(doc, failed[key])
            else:
                renumber_tables(doc)
            if on_done is not None:
                on_done(doc)


def _make_unreadable(doc: Document, exc: BaseException) -> None:
    doc.pages, doc.tables, doc.checkboxes = [], [], []
    doc.error = f"读取文件时出错：{type(exc).__name__}"


def renumber_tables(doc: Document) -> None:
    """Number the document's tables 0, 1, … in page order (a page's own tables keep
    their order), and point blocks and tick boxes at the new numbers. A page read late
    numbered its tables from 0, so (page, old number) names a table uniquely."""
    order = sorted(range(len(doc.tables)), key=lambda k: doc.tables[k].page)
    new: dict[tuple[int, int], int] = {}
    tables: list[Table] = []
    for position, k in enumerate(order):
        table = doc.tables[k]
        new[(table.page, table.index)] = position
        table.index = position
        tables.append(table)
    doc.tables = tables
    for page in doc.pages:
        for block in page.blocks:
            if block.table_index is not None:
                block.table_index = new.get((block.page, block.table_index), block.table_index)
    for cb in doc.checkboxes:
        if cb.table_index is not None:
            cb.table_index = new.get((cb.page, cb.table_index), cb.table_index)
