"""On-disk cache of embedding vectors, like the OCR cache: re-checking a dossier after an
applicant fixes one file re-encodes only the passages that changed.

Key = sha256 of (backend name, backend version, query/passage, text). One ``.npy`` per
vector under ``$DOSSIER_CACHE_DIR/embeddings`` (default ``~/.cache/dossier-checker``),
written then renamed so a concurrent reader never sees half a file. The cache is an
optimisation: an unreadable entry is a miss and a full or read-only disk is ignored.

In front of the disk, a process-wide in-memory LRU of the same keys: a batch worker or
the API re-checks dossiers of the same programme, whose requirement texts (and often
passages) repeat, and reading one ``.npy`` per text costs more than the lookup."""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

from matchers.embeddings.base import EmbeddingBackend


# 384 floats each: ~30 MB at most.
MEMORY_ENTRIES = 20_000
_memory: OrderedDict[str, np.ndarray] = OrderedDict()
_memory_lock = threading.Lock()


def _remember(key: str, vec: np.ndarray) -> None:
    with _memory_lock:
        _memory[key] = vec
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_ENTRIES:
            _memory.popitem(last=False)


def _recall(key: str) -> np.ndarray | None:
    with _memory_lock:
        v = _memory.get(key)
        if v is not None:
            _memory.move_to_end(key)
        return v


def clear_memory() -> None:
    with _memory_lock:
        _memory.clear()


def default_cache_dir() -> Path:
    from models.settings import settings

    return settings().cache_dir / "embeddings"


def cache_key(backend_name: str, backend_version: str, query: bool, text: str) -> str:
    h = hashlib.sha256()
    h.update(f"{backend_name}|{backend_version}|{'query' if query else 'passage'}|".encode())
    h.update(text.encode("utf-8"))
    return h.hexdigest()


class CachedBackend:
    """An :class:`EmbeddingBackend` that answers from disk where it can and sends only the
    missing texts to the wrapped backend, in one list."""

    def __init__(self, inner: EmbeddingBackend, cache_dir: Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.version = inner.version
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.cache_dir / key[:2] / f"{key}.npy"

    def _load(self, path: Path) -> np.ndarray | None:
        try:
            v = np.load(path, allow_pickle=False)
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None
        return v.astype(np.float32, copy=False) if v.ndim == 1 else None

    def _store(self, path: Path, vec: np.ndarray) -> None:
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                np.save(f, np.asarray(vec, dtype=np.float32), allow_pickle=False)
            os.replace(tmp, path)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        keys = [cache_key(self.name, self.version, query, t) for t in texts]
        paths = [self._path(k) for k in keys]
        # One memory namespace per cache folder: a run pointed at another folder (a test's
        # temporary one) sees exactly what that folder holds.
        mem = [f"{self.cache_dir}|{k}" for k in keys]
        found: dict[int, np.ndarray] = {}
        for i, p in enumerate(paths):
            v = _recall(mem[i])
            if v is None:
                v = self._load(p)
                if v is not None:
                    _remember(mem[i], v)
            if v is not None:
                found[i] = v
        missing = [i for i in range(len(texts)) if i not in found]
        self.hits += len(found)
        self.misses += len(missing)
        if missing:
            # Duplicates inside one call are encoded once.
            unique: dict[str, int] = {}
            for i in missing:
                unique.setdefault(texts[i], len(unique))
            vecs = self.inner.encode(list(unique), query=query)
            for i in missing:
                v = np.array(vecs[unique[texts[i]]], dtype=np.float32)
                found[i] = v
                _remember(mem[i], v)
                self._store(paths[i], v)
        if not texts:
            return self.inner.encode([], query=query)
        return np.stack([found[i] for i in range(len(texts))]).astype(np.float32, copy=False)

    def __getattr__(self, item: str) -> object:
        # set_threads, load, fit … of the wrapped backend stay reachable.
        if item == "inner":
            raise AttributeError(item)
        return getattr(self.inner, item)
