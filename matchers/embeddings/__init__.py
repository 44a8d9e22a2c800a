"""Sentence-embedding backends behind one interface (see :mod:`matchers.embeddings.base`)."""
from matchers.embeddings.base import (
    DEFAULT_BACKEND,
    ENV_BACKEND,
    EmbeddingBackend,
    EmbeddingUnavailable,
    get_backend,
    l2_normalise,
)

__all__ = ["DEFAULT_BACKEND", "ENV_BACKEND", "EmbeddingBackend", "EmbeddingUnavailable",
           "get_backend", "l2_normalise"]
