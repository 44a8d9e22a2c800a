"""Throughput of `dossier batch` over N generated 晨星工厂 dossiers (with scans: licence
photo, social-insurance scan, certificate photo, some scanned declarations), cold and warm.

    .venv/bin/python bench/batch_throughput.py [--count 20] [--workers N] [--samples DIR]

cold = fresh output folder and empty OCR cache: every scanned page goes through the engine.
warm = the same batch again after deleting the state file (so every dossier is re-checked)
but keeping the OCR cache: what a re-run costs when the criteria or the tool changed.
Every dossier belongs to a different company, so no page of one is a cache hit for
another. --count includes the two deliberately broken entries of the generator.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dossier.batch import STATE_FILE, BatchResult, BatchSettings, make_progress, run_batch  # noqa: E402
from samples.batch.make_batch import make_batch  # noqa: E402

AS_OF = date(2022, 12, 20)


def _line(phase: str, r: BatchResult) -> str:
    done = [o for o in r.outcomes if o.status != "skipped"]
    pages = sum(o.ocr_pages for o in done)
    hits = sum(o.ocr_cache_hits for o in done)
    minutes = r.elapsed_s / 60
    return (f"{phase:5s} {len(done):4d} dossiers {r.elapsed_s:8.1f} s  "
            f"{len(done) / minutes:7.1f} dossiers/min  {pages:5d} OCR pages "
            f"({hits} cached)  {pages / minutes:7.1f} pages/min")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=20, help="dossiers to generate (default 20; the issue asks for 100)")
    ap.add_argument("--workers", type=int, default=None, help="worker processes (default: CPU count)")
    ap.add_argument("--samples", type=Path, default=None, help="use this batch folder instead of generating one")
    ap.add_argument("--program", default="sd-chenxing-2022")
    ap.add_argument("--keep", type=Path, default=None, help="keep outputs here (default: a temp folder, removed)")
    ap.add_argument("--progress", choices=("auto", "bar", "log", "none"), default="none")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    root = args.samples
    if root is None:
        root = work / "dossiers"
        t = time.perf_counter()
        make_batch(root, args.count)
        print(f"generated {args.count} dossiers in {time.perf_counter() - t:.1f} s")
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    workers = args.workers or os.cpu_count() or 1
    # An explicit cache folder: DOSSIER_CACHE_DIR or ~/.cache must not make "cold" warm.
    settings = BatchSettings(root=root, out_dir=out, program=args.program, as_of=AS_OF,
                             workers=workers, cache_dir=out / ".ocr-cache")
    print(f"{os.cpu_count()} CPUs, {workers} workers, DOSSIER_OCR_THREADS="
          f"{os.environ.get('DOSSIER_OCR_THREADS', 'auto')}, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cold = run_batch(settings, make_progress(args.progress, sys.stderr, workers))
    (out / STATE_FILE).unlink()
    warm = run_batch(settings, make_progress(args.progress, sys.stderr, workers))
    print(_line("cold", cold))
    print(_line("warm", warm))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of one worker {peak:.0f} MiB; load average after "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
