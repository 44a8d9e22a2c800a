"""OCR service: one engine behind a disk cache, with red-seal suppression and counters.

Red seals (公章) are stamped over the very lines a reviewer needs — company name, credit
code, registered capital. The detector then either merges seal and text into one region
or the recogniser reads seal strokes as characters. In the red channel, red ink is about
as bright as paper (R is high) while black or blue print stays dark, so OCR'ing the red
channel as greyscale erases the seal and keeps the text under it. It is used only when a
page has a noticeable share of strongly red pixels, because it also erases any
legitimately red text (the seal's own wording is lost; checks needing it must look at the
image, not the OCR text).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from extractor.ocr.base import OcrEngine, OcrLine

# Bump when preprocessing changes in a way that changes OCR output for the same image.
SERVICE_VERSION = "1"
# Share of strongly red pixels above which a page is treated as carrying a red seal.
# A 4 cm seal on A4 at 200 dpi inks about 0.5-1 % of the page; 0.1 % ignores red
# hair-lines, small logos and JPEG colour fringes.
RED_FRACTION_THRESHOLD = 0.001


def default_cache_dir() -> Path:
    from models.settings import settings

    return settings().cache_dir / "ocr"


def as_rgb_uint8(image: np.ndarray) -> np.ndarray:
    """Normalise to a contiguous (H, W, 3) uint8 RGB array."""
    arr = np.asarray(image)
    if arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    elif arr.ndim == 3 and arr.shape[2] == 4:
        arr = arr[:, :, :3]
    elif arr.ndim == 3 and arr.shape[2] == 1:
        arr = np.repeat(arr, 3, axis=2)
    return np.ascontiguousarray(arr)


def red_fraction(image: np.ndarray) -> float:
    """Share of strongly red pixels (R high, G and B low), sampled every 2nd pixel."""
    sample = image[::2, ::2].astype(np.int16)
    r, g, b = sample[:, :, 0], sample[:, :, 1], sample[:, :, 2]
    red = (r > 140) & (r - g > 70) & (r - b > 70)
    return float(red.mean()) if red.size else 0.0


def red_channel_image(image: np.ndarray) -> np.ndarray:
    """The red channel as a 3-channel greyscale image (seal ink → white).

    Seal ink is not pure red (R is often 200-230, not 255), which leaves faint grey
    strokes the detector still picks up, so clearly reddish pixels are set to paper white
    as well. Pixels where black print lies under the ink stay dark: their R is low."""
    px = image.astype(np.int16)
    r, g, b = px[:, :, 0], px[:, :, 1], px[:, :, 2]
    reddish = (r > 110) & (r - np.maximum(g, b) > 45)
    grey = image[:, :, 0].copy()
    grey[reddish] = 255
    return np.ascontiguousarray(np.stack([grey, grey, grey], axis=-1))


def cache_key(image: np.ndarray, engine_version: str, variant: str) -> str:
    h = hashlib.sha256()
    h.update(f"{SERVICE_VERSION}|{engine_version}|{variant}|{image.shape}|{image.dtype}|"
             .encode())
    # ndarray.data is memoryview(array); numpy's stubs give ndarray no __buffer__ before 3.12.
    h.update(image.data.cast("B"))
    return h.hexdigest()


class CachingOcrService:
    """Implements :class:`extractor.ocr.base.OcrService`.

    ``stats`` counts ``ocr_pages`` (images read), ``ocr_cache_hits``/``ocr_cache_misses``,
    ``ocr_seconds`` (engine time, misses only) and ``ocr_red_seal_pages``.
    """

    def __init__(self, engine: OcrEngine, cache_dir: Path | None = None,
                 use_cache: bool = True, stats: dict[str, float] | None = None,
                 red_threshold: float = RED_FRACTION_THRESHOLD) -> None:
        self.engine = engine
        self.cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
        self.use_cache = use_cache
        self.stats: dict[str, float] = stats if stats is not None else {}
        self.red_threshold = red_threshold

    def _bump(self, key: str, by: float = 1) -> None:
        with _STATS_LOCK:  # a dossier check reads pages on two threads
            self.stats[key] = self.stats.get(key, 0) + by

    def prepare(self, image: np.ndarray) -> tuple[np.ndarray, str]:
        """The image the engine will see and the name of the preprocessing variant."""
        if red_fraction(image) > self.red_threshold:
            return red_channel_image(image), "red-channel"
        return image, "rgb"

    def _path(self, key: str) -> Path:
        return self.cache_dir / key[:2] / f"{key}.json"

    def _load(self, path: Path) -> list[OcrLine] | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return [OcrLine.model_validate(x) for x in data["lines"]]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # A torn or foreign file is just a miss; it is overwritten below.
            return None

    def _store(self, path: Path, lines: list[OcrLine], meta: dict[str, Any]) -> None:
        self._write_json(path, {**meta, "lines": [ln.model_dump(mode="json") for ln in lines]})

    @staticmethod
    def _write_json(path: Path, payload: dict[str, Any]) -> None:
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write-then-rename so a concurrent reader never sees half a file.
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(payload, f, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            # The cache is an optimisation; a full or read-only disk must not fail OCR.
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def read(self, image: np.ndarray) -> list[OcrLine]:
        rgb = as_rgb_uint8(image)
        self._bump("ocr_pages")
        if rgb.size == 0:
            return []
        prepared, variant = self.prepare(rgb)
        if variant != "rgb":
            self._bump("ocr_red_seal_pages")
        key = cache_key(rgb, self.engine.version, variant)
        path = self._path(key)
        if self.use_cache:
            cached = self._load(path)
            if cached is not None:
                self._bump("ocr_cache_hits")
                return cached
        self._bump("ocr_cache_misses")
        start = time.perf_counter()
        lines = self.engine.recognize(prepared)
        self._bump("ocr_seconds", time.perf_counter() - start)
        if self.use_cache:
            self._store(path, lines, {"engine": self.engine.version, "variant": variant,
                                      "shape": list(rgb.shape)})
        # Return what a later cache hit would return, so hits and misses are identical.
        return [OcrLine.model_validate(ln.model_dump(mode="json")) for ln in lines]

    def upside_down_share(self, image: np.ndarray, lines: list[OcrLine]) -> float | None:
        """Share of lines the engine's angle classifier finds upside down, or None when
        the engine has no classifier. Cached like OCR results, so a fully cached run
        never loads the models."""
        fn = getattr(self.engine, "upside_down_share", None)
        if fn is None:
            return None
        rgb = as_rgb_uint8(image)
        path = self._path(cache_key(rgb, self.engine.version, "flip"))
        if self.use_cache:
            try:
                return float(json.loads(path.read_text(encoding="utf-8"))["share"])
            except (OSError, ValueError, KeyError, TypeError):
                pass
        share = float(fn(rgb, lines))
        if self.use_cache:
            self._write_json(path, {"share": share})
        return share


def _rapidocr_factory(**kwargs: Any) -> OcrEngine:
    from extractor.ocr.rapid_engine import RapidOcrEngine

    return RapidOcrEngine(**kwargs)


def _paddle_factory(**kwargs: Any) -> OcrEngine:
    from extractor.ocr.paddle_engine import PaddleNotInstalledError, PaddleOcrEngine

    PaddleOcrEngine._import()  # fail first on "not installed", the likeliest problem
    if not kwargs:
        # Model dirs from the environment, so the CLI can select paddle without code.
        from models.settings import settings

        root = settings().ocr.paddle_model_dir
        if root is not None:
            kwargs = {"det_model_dir": root / "det", "rec_model_dir": root / "rec",
                      "cls_model_dir": (root / "cls") if (root / "cls").is_dir() else None}
        else:
            raise PaddleNotInstalledError(
                "使用 PaddleOCR 需指定本地模型目录（环境变量 DOSSIER_PADDLE_MODEL_DIR，"
                "其下含 det/rec/cls 子目录）")
    return PaddleOcrEngine(**kwargs)


# Engine name → factory; factories import lazily so listing engines costs nothing.
OCR_ENGINES: dict[str, Callable[..., OcrEngine]] = {
    "rapidocr": _rapidocr_factory,
    "paddleocr": _paddle_factory,
    "paddle": _paddle_factory,
}


# Engines by (process, name, arguments). Loading the models takes seconds and a check
# creates a service per dossier, so a batch or API worker process would otherwise load
# them once per dossier. The process id is part of the key: ONNX Runtime sessions are
# not to be used across a fork, so a forked worker builds its own.
_ENGINES: dict[tuple[int, str, tuple[tuple[str, str], ...]], OcrEngine] = {}
_ENGINES_LOCK = threading.Lock()
_STATS_LOCK = threading.Lock()


def shared_engine(engine_name: str = "rapidocr", **engine_kwargs: Any) -> OcrEngine:
    """The process's engine for these arguments, made on first use."""
    try:
        factory = OCR_ENGINES[engine_name]
    except KeyError:
        raise ValueError(
            f"未知的 OCR 引擎：{engine_name}（可选：{', '.join(OCR_ENGINES)}）") from None
    key = (os.getpid(), engine_name,
           tuple(sorted((k, repr(v)) for k, v in engine_kwargs.items())))
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _ENGINES[key] = factory(**engine_kwargs)
            for stale in [k for k in _ENGINES if k[0] != key[0]]:
                del _ENGINES[stale]
        return engine


def make_ocr_service(engine_name: str = "rapidocr", cache_dir: Path | None = None,
                     use_cache: bool = True, stats: dict[str, float] | None = None,
                     **engine_kwargs: Any) -> CachingOcrService:
    """A caching service (own statistics and cache directory) on the process's engine."""
    return CachingOcrService(shared_engine(engine_name, **engine_kwargs), cache_dir=cache_dir,
                             use_cache=use_cache, stats=stats)
