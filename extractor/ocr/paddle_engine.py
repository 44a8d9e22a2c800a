"""Optional PaddleOCR engine for users who installed ``paddleocr`` and keep its models on
disk. Models are given by directory so PaddleOCR never fetches them from the internet.

Supports both the 2.x API (``PaddleOCR(det_model_dir=...).ocr(img)``) and the 3.x API
(``PaddleOCR(text_detection_model_dir=...).predict(img)``).
"""
from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import numpy as np

from extractor.ocr.base import OcrLine
from extractor.ocr.rapid_engine import polygon_to_bbox

INSTALL_HINT = "pip install 'dossier-checker[paddle]'"


class PaddleNotInstalledError(RuntimeError):
    pass


def _dir_digest(dirs: list[Path]) -> str:
    """Cheap identity of the model dirs: names, sizes and mtimes of their files."""
    h = hashlib.sha256()
    for d in dirs:
        for p in sorted(d.rglob("*")):
            if p.is_file():
                st = p.stat()
                h.update(f"{p.relative_to(d)}:{st.st_size}:{int(st.st_mtime)}".encode())
    return h.hexdigest()[:12]


class PaddleOcrEngine:
    """Implements :class:`extractor.ocr.base.OcrEngine` on top of a local PaddleOCR."""

    name = "paddleocr"

    def __init__(self, det_model_dir: Path, rec_model_dir: Path,
                 cls_model_dir: Path | None = None) -> None:
        self._det = Path(det_model_dir)
        self._rec = Path(rec_model_dir)
        self._cls = Path(cls_model_dir) if cls_model_dir else None
        self._engine: Any = None
        self._major = 0
        self._version: str | None = None
        self._lock = threading.Lock()

    @staticmethod
    def _import() -> Any:
        try:
            import paddleocr
        except ImportError as exc:
            raise PaddleNotInstalledError(
                f"未安装 PaddleOCR，请执行：{INSTALL_HINT}，并准备本地模型目录") from exc
        return paddleocr

    def _dirs(self) -> list[Path]:
        return [d for d in (self._det, self._rec, self._cls) if d is not None]

    @property
    def version(self) -> str:
        if self._version is None:
            mod = self._import()
            ver = getattr(mod, "__version__", "unknown")
            self._version = f"paddleocr-{ver}/{_dir_digest(self._dirs())}"
        return self._version

    def _load(self) -> Any:
        with self._lock:
            if self._engine is not None:
                return self._engine
            mod = self._import()
            missing = [str(d) for d in self._dirs() if not d.is_dir()]
            if missing:
                raise PaddleNotInstalledError(f"PaddleOCR 模型目录不存在：{', '.join(missing)}")
            ver = str(getattr(mod, "__version__", "2"))
            self._major = int(ver.split(".")[0]) if ver.split(".")[0].isdigit() else 2
            if self._major >= 3:
                kwargs: dict[str, Any] = {
                    "text_detection_model_dir": str(self._det),
                    "text_recognition_model_dir": str(self._rec),
                    "use_doc_orientation_classify": False,
                    "use_doc_unwarping": False,
                    "use_textline_orientation": self._cls is not None,
                }
                if self._cls is not None:
                    kwargs["textline_orientation_model_dir"] = str(self._cls)
            else:
                kwargs = {"det_model_dir": str(self._det), "rec_model_dir": str(self._rec),
                          "use_angle_cls": self._cls is not None, "lang": "ch",
                          "show_log": False}
                if self._cls is not None:
                    kwargs["cls_model_dir"] = str(self._cls)
            self._engine = mod.PaddleOCR(**kwargs)
            return self._engine

    def recognize(self, image: np.ndarray) -> list[OcrLine]:
        engine = self._load()
        bgr = np.ascontiguousarray(image[:, :, 2::-1]) if image.ndim == 3 else image
        triples: list[tuple[Any, str, float]] = []
        if self._major >= 3:
            for res in engine.predict(bgr):
                data = res.json.get("res", res) if hasattr(res, "json") else res
                polys = data.get("rec_polys", data.get("dt_polys", []))
                triples.extend(zip(polys, data.get("rec_texts", []),
                                   data.get("rec_scores", [])))
        else:
            pages = engine.ocr(bgr, cls=self._cls is not None) or []
            for page in pages:
                for poly, (text, score) in page or []:
                    triples.append((poly, text, score))
        lines: list[OcrLine] = []
        for poly, text, score in triples:
            text = str(text).strip()
            if text:
                pts = np.asarray(poly, dtype=float).reshape(-1, 2)
                lines.append(OcrLine(text=text, bbox=polygon_to_bbox(pts),
                                     confidence=float(score),
                                     polygon=[(float(x), float(y)) for x, y in pts]))
        return lines
