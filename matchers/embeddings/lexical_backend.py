"""Character n-gram retrieval with no model: TF-IDF cosine and BM25 over 1–3-grams,
fitted on the corpus being scored (one dossier's passages plus the requirements).

Chinese has no spaces, so words are not the unit: every CJK character is one unit, and a
run of Latin letters/digits (MES, 5G, OEE) is one unit, so an abbreviation is never split
into letters. N-grams are taken over units inside a run of text, never across
punctuation. Sparse matrices are plain numpy arrays in CSR layout (no scipy).

:class:`NgramIndex` is what the evidence matcher uses for its lexical score;
:class:`LexicalBackend` wraps the same weighting as an :class:`EmbeddingBackend` (hashed
into a fixed dimension) for installations that choose ``DOSSIER_EMBEDDINGS=lexical``."""
from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from matchers.embeddings.base import l2_normalise

VERSION = "char-ngram-tfidf-1"
# One unit: a Latin/digit run, or one other word character (a CJK ideograph …).
_UNIT = re.compile(r"[0-9a-z]+|[^\W\d_a-z]", re.UNICODE)
# Runs of text between punctuation/whitespace; n-grams never cross them.
_RUN = re.compile(r"[^\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def units(text: str) -> list[list[str]]:
    """Units per run of ``text`` (normalised)."""
    return [_UNIT.findall(run) for run in _RUN.findall(normalise(text))]


def char_ngrams(text: str, n_min: int = 1, n_max: int = 3) -> list[str]:
    out: list[str] = []
    for us in units(text):
        for n in range(n_min, n_max + 1):
            for i in range(len(us) - n + 1):
                # A separator keeps "ab"+"c" and "a"+"bc" (Latin runs) apart.
                out.append("\x1f".join(us[i:i + n]) if n > 1 else us[i])
    return out


@dataclass
class Csr:
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_cols: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def row_ids(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_rows), np.diff(self.indptr))


def _csr(rows: Iterable[dict[int, float]], n_cols: int) -> Csr:
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for r in rows:
        keys = sorted(r)
        indices.extend(keys)
        data.extend(r[k] for k in keys)
        indptr.append(len(indices))
    return Csr(np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
               np.asarray(data, dtype=np.float64), n_cols)


class NgramIndex:
    """Documents indexed by character n-grams. ``fit`` learns the vocabulary and document
    frequencies from ``docs``; queries are scored against the fitted documents."""

    def __init__(self, n_min: int = 1, n_max: int = 3, k1: float = 1.2, b: float = 0.75) -> None:
        self.n_min, self.n_max, self.k1, self.b = n_min, n_max, k1, b
        self.vocab: dict[str, int] = {}
        self.df = np.zeros(0)
        self.n_docs = 0

    def fit(self, docs: list[str]) -> "NgramIndex":
        counts = [Counter(char_ngrams(d, self.n_min, self.n_max)) for d in docs]
        vocab: dict[str, int] = {}
        for c in counts:
            for g in c:
                vocab.setdefault(g, len(vocab))
        self.vocab = vocab
        self.n_docs = len(docs)
        tf = _csr(({vocab[g]: float(n) for g, n in c.items()} for c in counts), len(vocab))
        self._tf = tf
        self.df = np.bincount(tf.indices, minlength=len(vocab)).astype(np.float64)
        # Smoothed IDF (sklearn's): a gram in every document still weighs 1, not 0.
        self.idf = np.log((1 + self.n_docs) / (1 + self.df)) + 1.0
        self.bm25_idf = np.log(1 + (self.n_docs - self.df + 0.5) / (self.df + 0.5))
        self.doc_len = np.diff(tf.indptr).astype(np.float64)
        lens = np.bincount(tf.row_ids(), weights=tf.data, minlength=tf.n_rows)
        self._dl = lens
        self._avgdl = float(lens.mean()) if len(lens) else 0.0
        self._tfidf = self._weigh(tf)
        return self

    def _weigh(self, tf: Csr) -> Csr:
        w = (1.0 + np.log(np.maximum(tf.data, 1.0))) * self.idf[tf.indices]
        norms = np.sqrt(np.bincount(tf.row_ids(), weights=w * w, minlength=tf.n_rows))
        norms[norms == 0] = 1.0
        return Csr(tf.indptr, tf.indices, w / norms[tf.row_ids()], tf.n_cols)

    def _query_rows(self, queries: list[str]) -> list[dict[int, float]]:
        rows = []
        for q in queries:
            c = Counter(g for g in char_ngrams(q, self.n_min, self.n_max) if g in self.vocab)
            rows.append({self.vocab[g]: float(n) for g, n in c.items()})
        return rows

    def _dot(self, docs: Csr, qvec: np.ndarray) -> np.ndarray:
        return np.bincount(docs.row_ids(), weights=docs.data * qvec[docs.indices],
                           minlength=docs.n_rows)

    def cosine(self, queries: list[str]) -> np.ndarray:
        """(len(queries), n_docs) TF-IDF cosine similarities in [0, 1]."""
        q = self._weigh(_csr(self._query_rows(queries), len(self.vocab)))
        out = np.zeros((len(queries), self.n_docs))
        for i in range(len(queries)):
            qvec = np.zeros(len(self.vocab))
            sl = slice(q.indptr[i], q.indptr[i + 1])
            qvec[q.indices[sl]] = q.data[sl]
            out[i] = self._dot(self._tfidf, qvec)
        return out

    def bm25(self, queries: list[str]) -> np.ndarray:
        """(len(queries), n_docs) Okapi BM25; each distinct query gram counts once."""
        tf = self._tf
        denom_len = self.k1 * (1 - self.b + self.b * self._dl / max(self._avgdl, 1e-9))
        sat = tf.data * (self.k1 + 1) / (tf.data + denom_len[tf.row_ids()])
        sat_csr = Csr(tf.indptr, tf.indices, sat, tf.n_cols)
        out = np.zeros((len(queries), self.n_docs))
        for i, row in enumerate(self._query_rows(queries)):
            qvec = np.zeros(len(self.vocab))
            if row:
                ids = np.fromiter(row, dtype=np.int64)
                qvec[ids] = self.bm25_idf[ids]
            out[i] = self._dot(sat_csr, qvec)
        return out


def _hash(gram: str, dim: int) -> tuple[int, float]:
    h = zlib.crc32(gram.encode("utf-8"))
    # The top bit picks a sign so that colliding grams cancel on average instead of adding.
    return h % dim, (1.0 if (h >> 31) & 1 else -1.0)


class LexicalBackend:
    """Implements :class:`matchers.embeddings.base.EmbeddingBackend` with hashed TF-IDF.

    Call :meth:`fit` with the corpus being scored so IDF reflects it; without it the first
    ``encode`` call's texts are used."""

    name = "lexical"
    version = VERSION

    def __init__(self, dim: int = 1 << 14, n_min: int = 1, n_max: int = 3) -> None:
        self.dim, self.n_min, self.n_max = dim, n_min, n_max
        self._idf: dict[str, float] | None = None
        self._default_idf = 1.0

    def fit(self, corpus: list[str]) -> "LexicalBackend":
        df: Counter[str] = Counter()
        for t in corpus:
            df.update(set(char_ngrams(t, self.n_min, self.n_max)))
        n = len(corpus)
        self._idf = {g: math.log((1 + n) / (1 + c)) + 1.0 for g, c in df.items()}
        # A gram never seen in the corpus is as rare as a gram can be.
        self._default_idf = math.log(1 + n) + 1.0
        return self

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        if self._idf is None:
            self.fit(texts)
        assert self._idf is not None
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for g, n in Counter(char_ngrams(t, self.n_min, self.n_max)).items():
                j, sign = _hash(g, self.dim)
                out[i, j] += sign * (1.0 + math.log(n)) * self._idf.get(g, self._default_idf)
        return l2_normalise(out)
