"""RapidOCR (ONNX Runtime) engine with the PP-OCRv6 small models bundled in its wheel.

Models are always passed by explicit path: rapidocr falls back to downloading from the
internet when ``model_path`` is unset or a file is missing, and this tool must work on
machines with no network at all. A download guard turns any remaining download attempt
into a clear error instead of a silent network call.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from extractor.ocr.base import OcrLine

RAPIDOCR_VERSION = "3.10.0"
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
INSTALL_HINT = f"pip install rapidocr=={RAPIDOCR_VERSION}"


class OcrModelMissingError(RuntimeError):
    """The bundled OCR models are not where the pinned rapidocr wheel puts them."""


def default_threads() -> int:
    """ONNX Runtime intra-op threads: DOSSIER_OCR_THREADS, else at most 2 so OCR leaves
    a core for the rest of the pipeline on small machines."""
    from models.settings import settings

    threads = settings().ocr.threads
    if threads is not None:
        return threads
    return max(1, min(2, os.cpu_count() or 1))


# rapidocr's own detector sizing: scale up so the short side is at least 736 px, never
# down. Kept as the reference point of bench/ocr_sweep.py.
RAPIDOCR_DET_LIMIT = (736, "min")
RAPIDOCR_REC_BATCH = 6


def bundled_model_dir() -> Path:
    """Where the wheel keeps its models, found without importing rapidocr (import is slow)."""
    import importlib.util

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise OcrModelMissingError(f"未安装 OCR 引擎 rapidocr，请执行：{INSTALL_HINT}")
    return Path(list(spec.submodule_search_locations)[0]) / "models"


def _short_sha(paths: list[Path]) -> str:
    # Keyed by each file's size and mtime: a fresh engine (a cold check in a long-lived
    # process) re-hashed ~15 MB of model files it had hashed already.
    return _sha_of(tuple((str(p), *_stamp(p)) for p in paths))


def _stamp(p: Path) -> tuple[int, int]:
    st = p.stat()
    return st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=8)
def _sha_of(files: tuple[tuple[str, int, int], ...]) -> str:
    h = hashlib.sha256()
    for name, _size, _mtime in files:
        with open(name, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()[:12]


@contextlib.contextmanager
def _no_downloads() -> Iterator[None]:
    """Make rapidocr's downloader raise while models load: with explicit paths it is never
    reached, and if a future version did reach it we want an error, not a network call."""
    from rapidocr.utils import download_file

    # The raw class attribute (a classmethod object), so it is put back exactly.
    original = download_file.DownloadFile.__dict__["run"]

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise OcrModelMissingError(
            f"OCR 模型文件缺失，rapidocr 试图联网下载（已禁止）。请执行：{INSTALL_HINT}")

    # setattr: mypy rejects assigning to a method (method-assign), and this is a patch.
    setattr(download_file.DownloadFile, "run", staticmethod(refuse))  # noqa: B010
    try:
        yield
    finally:
        setattr(download_file.DownloadFile, "run", original)  # noqa: B010


class _DropEmptyPage(logging.Filter):
    """rapidocr warns on every region with no text; a blank area is normal here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "detection result is empty" not in record.getMessage()


def _quiet_rapidocr_logger() -> None:
    logger = logging.getLogger("RapidOCR")
    if not any(isinstance(f, _DropEmptyPage) for f in logger.filters):
        logger.addFilter(_DropEmptyPage())


def polygon_to_bbox(poly: Any) -> tuple[float, float, float, float]:
    pts = np.asarray(poly, dtype=float).reshape(-1, 2)
    return (float(pts[:, 0].min()), float(pts[:, 1].min()),
            float(pts[:, 0].max()), float(pts[:, 1].max()))


class RapidOcrEngine:
    """Implements :class:`extractor.ocr.base.OcrEngine`. Construction is cheap; models load
    on the first :meth:`recognize`."""

    name = "rapidocr"

    def __init__(self, model_dir: Path | None = None, threads: int | None = None,
                 max_side_len: int | None = None, det_limit_side_len: int | None = None,
                 det_limit_type: str | None = None, rec_batch_num: int | None = None) -> None:
        from models.settings import settings

        ocr = settings().ocr
        self._model_dir = model_dir
        self._threads = threads if threads is not None else default_threads()
        # rapidocr shrinks the page so its long side is at most this before detection and
        # recognition alike (recognition crops come from this copy).
        self._max_side_len = max_side_len if max_side_len is not None else ocr.max_side_len
        # The detector's own input size, on top of that: chosen by bench/ocr_sweep.py.
        self._det_limit = (det_limit_side_len if det_limit_side_len is not None
                           else ocr.det_limit_side_len,
                           det_limit_type if det_limit_type is not None else ocr.det_limit_type)
        if self._det_limit[1] not in ("min", "max"):
            raise ValueError(f"OCR 检测尺寸类型只能是 min 或 max：{self._det_limit[1]}")
        self._rec_batch = rec_batch_num if rec_batch_num is not None else ocr.rec_batch_num
        self._engine: Any = None
        self._version: str | None = None
        self._lock = threading.Lock()
        # RapidOCR.__call__ updates shared settings on each call; one page at a time.
        self._run_lock = threading.Lock()

    def model_paths(self) -> dict[str, Path]:
        d = self._model_dir or bundled_model_dir()
        paths = {"det": d / DET_MODEL, "rec": d / REC_MODEL, "cls": d / CLS_MODEL}
        missing = [str(p) for p in paths.values() if not p.is_file()]
        if missing:
            raise OcrModelMissingError(
                f"OCR 模型文件缺失：{', '.join(missing)}。请执行：{INSTALL_HINT}")
        return paths

    @property
    def settings_label(self) -> str:
        """The settings that change what is read, as they appear in the cache key."""
        side, kind = self._det_limit
        det = "" if (side, kind) == RAPIDOCR_DET_LIMIT else f"/det-{kind}{side}"
        # A batch pads its crops to the widest one, which can move a character.
        rec = "" if self._rec_batch == RAPIDOCR_REC_BATCH else f"/rec{self._rec_batch}"
        return f"side{self._max_side_len}{det}{rec}"

    @property
    def version(self) -> str:
        """rapidocr version, model set, short sha256 of the three model files, and the
        settings that change output (resize limits, region reading): the OCR cache key.
        Threads change only speed, so a cache survives a change of them."""
        if self._version is None:
            paths = self.model_paths()
            digest = _short_sha([paths["det"], paths["rec"], paths["cls"]])
            self._version = (f"rapidocr-{RAPIDOCR_VERSION}/PP-OCRv6-small/{digest}"
                             f"/{self.settings_label}/regions2")
        return self._version

    def _load(self) -> Any:
        with self._lock:
            if self._engine is not None:
                return self._engine
            paths = self.model_paths()
            try:
                from rapidocr import RapidOCR
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise OcrModelMissingError(
                    f"未安装 OCR 引擎 rapidocr，请执行：{INSTALL_HINT}") from exc
            params = {
                "Det.model_path": str(paths["det"]),
                "Rec.model_path": str(paths["rec"]),
                "Cls.model_path": str(paths["cls"]),
                "Global.log_level": "warning",
                "Global.max_side_len": self._max_side_len,
                "Det.limit_side_len": self._det_limit[0],
                "Det.limit_type": self._det_limit[1],
                "Rec.rec_batch_num": self._rec_batch,
                "EngineConfig.onnxruntime.intra_op_num_threads": self._threads,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
            with _no_downloads():
                engine = RapidOCR(params=params)
                # Load the three sessions now, inside the guard, rather than lazily on
                # the first call where a download could slip through unguarded.
                for loader in ("_load_det_model", "_load_cls_model", "_load_rec_model"):
                    fn = getattr(engine, loader, None)
                    if fn is not None:
                        fn()
            _quiet_rapidocr_logger()
            self._engine = engine
            return engine

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        rgb = image if image.ndim == 3 else np.stack([image] * 3, axis=-1)
        regions = content_regions(rgb)
        if not regions:
            return []
        side, kind = self._det_limit
        # The detector scales its input up to ``side`` on the short side; a canvas at
        # least as big as the page's short side (up to that) is read at the page's scale.
        floor = min(side, *rgb.shape[:2]) if kind == "min" else 0
        canvas, slots = stack_regions(rgb, regions, min_side=floor)
        lines: list[OcrLine] = []
        for ln in self._recognize_region(canvas):
            cy = (ln.bbox[1] + ln.bbox[3]) / 2
            top, (x0, y0, _x1, _y1) = next(((t, r) for t, r in reversed(slots) if cy >= t), slots[0])
            lines.append(_shift(ln, x0, y0 - top))
        return lines

    def upside_down_share(self, image: np.ndarray, lines: list[OcrLine]) -> float:
        """Share of the (wide, multi-character) lines that the angle classifier sees as
        upside down. Recognition already flips such lines one by one, so the text is
        right either way; this says whether the page as a whole is upside down."""
        rgb = image if image.ndim == 3 else np.stack([image] * 3, axis=-1)
        picked = sorted((ln for ln in lines if len(ln.text) >= 2
                         and ln.bbox[2] - ln.bbox[0] > ln.bbox[3] - ln.bbox[1]),
                        key=lambda ln: -(ln.bbox[2] - ln.bbox[0]))[:30]
        crops: list[np.ndarray] = []
        for ln in picked:
            x0, y0, x1, y1 = (int(round(v)) for v in ln.bbox)
            crop = rgb[max(0, y0):y1, max(0, x0):x1]
            if crop.shape[0] >= 8 and crop.shape[1] >= 8:
                crops.append(np.ascontiguousarray(crop[:, :, 2::-1]))
        if not crops:
            return 0.0
        engine = self._load()
        # The classifier alone keeps no state between calls: no run lock (text_probe).
        cls_res = engine._load_cls_model()(crops).cls_res
        labels = [label for label, score in cls_res if score >= 0.9 or label == "0"]
        return sum(1 for label in labels if "180" in label) / max(1, len(labels))

    def _recognize_region(self, rgb: np.ndarray) -> list[OcrLine]:
        engine = self._load()
        # White margin round the crop: the detector misses text touching the border.
        pad = REGION_PAD
        padded = np.pad(rgb, ((pad, pad), (pad, pad), (0, 0)), constant_values=255)
        # rapidocr treats a 3-channel ndarray as BGR (OpenCV order).
        bgr = np.ascontiguousarray(padded[:, :, 2::-1])
        with self._run_lock:
            result = engine(bgr)
        boxes = getattr(result, "boxes", None)
        txts = getattr(result, "txts", None)
        scores = getattr(result, "scores", None)
        if boxes is None or txts is None or scores is None:
            return []
        lines: list[OcrLine] = []
        for poly, text, score in zip(boxes, txts, scores):
            text = str(text).strip()
            if not text:
                continue
            pts = np.asarray(poly, dtype=float).reshape(-1, 2) - pad
            lines.append(OcrLine(
                text=text, bbox=polygon_to_bbox(pts), confidence=float(score),
                polygon=[(float(x), float(y)) for x, y in pts]))
        return lines


def _shift(line: OcrLine, dx: int, dy: int) -> OcrLine:
    if not dx and not dy:
        return line
    x0, y0, x1, y1 = line.bbox
    poly = [(x + dx, y + dy) for x, y in line.polygon] if line.polygon else None
    return line.model_copy(update={"bbox": (x0 + dx, y0 + dy, x1 + dx, y1 + dy),
                                   "polygon": poly})


# Blank rows (px) that separate two content regions, margin kept round each region,
# and white padding added before detection.
REGION_GAP = 120
REGION_MARGIN = 16
REGION_PAD = 24
MAX_REGIONS = 12


# White rows between two regions stacked on one canvas: far more than a line's leading, so
# the detector never joins text across it.
STACK_GAP = 32


def stack_regions(rgb: np.ndarray, regions: list[tuple[int, int, int, int]], min_side: int = 0
                  ) -> tuple[np.ndarray, list[tuple[int, tuple[int, int, int, int]]]]:
    """The regions' crops one under another on a white canvas, left-aligned, and for each
    its top row on the canvas with its box on the page. One engine call then reads a sparse
    page: reading each band alone cost a detector pass per band, and the detector scales a
    short band up to its minimum side (736 px), so a 100-px band of an A4 page cost more
    than the whole page. A stacked canvas is padded with white to at least ``min_side``
    each way, so the detector reads it at the scale it reads the whole page. One region
    is read as it is, cropped: on a small image (a screenshot, a form fragment) the
    detector's scaling up of the crop is what finds its small print."""
    if len(regions) == 1:
        x0, y0, x1, y1 = regions[0]
        return rgb[y0:y1, x0:x1], [(0, regions[0])]
    width = max(max(x1 - x0 for x0, _y0, x1, _y1 in regions), min_side)
    height = sum(y1 - y0 for _x0, y0, _x1, y1 in regions) + STACK_GAP * (len(regions) - 1)
    height = max(height, min_side)
    canvas = np.full((height, width, 3), 255, dtype=rgb.dtype)
    slots: list[tuple[int, tuple[int, int, int, int]]] = []
    top = 0
    for box in regions:
        x0, y0, x1, y1 = box
        canvas[top:top + (y1 - y0), :x1 - x0] = rgb[y0:y1, x0:x1]
        slots.append((top, box))
        top += (y1 - y0) + STACK_GAP
    return canvas, slots


def content_regions(rgb: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) round the inked parts of a page, blank margins cut off.

    The PP-OCRv6 small detector loses a short line on an otherwise empty A4 render
    (one "第二页 内容" line on a blank 1654x2339 page comes back empty, the same line in
    a 1654x1000 crop is found), so sparse pages are read as separate bands of content
    rather than whole. A blank page costs nothing."""
    h, w = rgb.shape[:2]
    step = 2 if min(h, w) >= 200 else 1
    small = rgb[::step, ::step]
    # Channel by channel: numpy's reduction over the short last axis of a strided view
    # took ~40 ms an A4 page, two elementwise minimums take ~3 ms (same mask).
    ink = np.minimum(np.minimum(small[..., 0], small[..., 1]), small[..., 2]) < 190
    rows = np.flatnonzero(ink.sum(axis=1) >= 2)
    if rows.size == 0:
        return []
    bands: list[list[int]] = [[int(rows[0]), int(rows[0])]]
    gap = REGION_GAP // step
    for r in rows[1:]:
        if r - bands[-1][1] > gap:
            bands.append([int(r), int(r)])
        else:
            bands[-1][1] = int(r)
    while len(bands) > MAX_REGIONS:
        # Merge the two bands closest together.
        i = min(range(len(bands) - 1), key=lambda k: bands[k + 1][0] - bands[k][1])
        bands[i] = [bands[i][0], bands[i + 1][1]]
        del bands[i + 1]
    regions: list[tuple[int, int, int, int]] = []
    m = REGION_MARGIN
    for top, bottom in bands:
        cols = np.flatnonzero(ink[top:bottom + 1].any(axis=0))
        x0 = max(0, int(cols[0]) * step - m)
        x1 = min(w, (int(cols[-1]) + 1) * step + m)
        y0 = max(0, top * step - m)
        y1 = min(h, (bottom + 1) * step + m)
        regions.append((x0, y0, x1, y1))
    return regions
