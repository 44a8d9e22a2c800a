"""Seconds per dossier and per OCR'd page over the generated samples, cold and warm OCR
cache, plus peak memory. Usage:

    .venv/bin/python bench/check_speed.py [--samples DIR] [--program sd-chenxing-2022]

Cold = empty OCR and embedding caches (every scan page goes through the engine, every
passage through the sentence encoder); warm = the same dossiers again with the caches
filled by the cold pass (re-checking after an applicant fixes one file). The "match s"
columns are the evidence-matching step alone (passages, embeddings, calibrated scores).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dossier.pipeline import CheckOptions, check_dossier  # noqa: E402

EXPECTED = Path(__file__).resolve().parent.parent / "samples" / "expected"


def _dossiers(root: Path, program: str) -> list[tuple[str, Path, date]]:
    out = []
    for exp in sorted((EXPECTED / program).glob("*.json")):
        meta = json.loads(exp.read_text(encoding="utf-8"))
        for cand in (root / program / exp.stem, root / program / f"{exp.stem}.zip",
                     root / exp.stem, root / f"{exp.stem}.zip"):
            if cand.exists():
                out.append((exp.stem, cand, date.fromisoformat(meta["as_of"])))
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=Path, default=None)
    ap.add_argument("--program", default="sd-chenxing-2022")
    ap.add_argument("--only", nargs="+", default=None, help="just these sample names")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    root = args.samples
    if root is None:
        from samples.generate import generate_all

        root = tmp / "samples"
        t = time.perf_counter()
        generate_all(root)
        print(f"generated samples in {time.perf_counter() - t:.1f}s")
    dossiers = [d for d in _dossiers(root, args.program) if not args.only or d[0] in args.only]
    cache = tmp / "ocr-cache"
    rows = []
    for phase in ("cold", "warm"):
        for name, path, as_of in dossiers:
            # One cache per dossier: cold means nothing from another sample is reused.
            cdir = cache / name
            t = time.perf_counter()
            run = check_dossier(path, args.program, CheckOptions(as_of=as_of, cache_dir=cdir))
            rows.append((phase, name, time.perf_counter() - t, int(run.stats.get("ocr_pages", 0)),
                         float(run.stats.get("evidence_seconds", 0.0))))
    print(f"{'dossier':28s} {'cold s':>8s} {'warm s':>8s} {'OCR pages':>9s} "
          f"{'match s cold':>12s} {'match s warm':>12s}")
    by = {(p, n): (s, o, e) for p, n, s, o, e in rows}
    for name, _, _ in dossiers:
        c, o, ec = by[("cold", name)]
        w, _, ew = by[("warm", name)]
        print(f"{name:28s} {c:8.2f} {w:8.2f} {o:9d} {ec:12.2f} {ew:12.2f}")
    for phase in ("cold", "warm"):
        secs = [s for p, _, s, _, _ in rows if p == phase]
        match = [e for p, _, _, _, e in rows if p == phase]
        pages = sum(o for p, _, _, o, _ in rows if p == phase)
        print(f"{phase}: {sum(secs) / len(secs):.2f} s/dossier over {len(secs)} dossiers; "
              f"{sum(secs) / max(1, pages):.2f} s per OCR page ({pages} pages); "
              f"evidence matching {sum(match) / len(match):.2f} s/dossier")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
