"""The checker on the blind corpora (samples/blind/<writer>/): planted defects found, errors
on clean dossiers, stray errors, and precision/recall of evidence "met", per programme.

    .venv/bin/python bench/blind.py                     # every writer
    .venv/bin/python bench/blind.py --writer zj_b -v    # one writer, each miss and stray error
    .venv/bin/python bench/blind.py --no-evidence       # without evidence matching (faster)

Generated dossiers and the OCR/embedding cache live under --work (default
.cache/blind), so a re-run after a change costs only the checks."""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.pipeline import CheckOptions, check_dossier  # noqa: E402
from samples.blind import scoring  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--writer", action="append", help="only these writers (repeatable)")
    ap.add_argument("--only", action="append", help="only dossiers whose name contains this")
    ap.add_argument("--work", type=Path, default=ROOT / ".cache" / "blind")
    ap.add_argument("--no-evidence", action="store_true")
    ap.add_argument("--json", type=Path, help="write the per-dossier scores here")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    per_program: dict[str, list[scoring.DossierScore]] = defaultdict(list)
    for writer in args.writer or scoring.writers():
        out = args.work / "corpora" / writer
        labels = scoring.generate(writer, out)
        program = scoring.program_of(writer, labels)
        for label in labels["dossiers"]:
            if args.only and not any(o in label["name"] for o in args.only):
                continue
            t0 = time.perf_counter()
            run = check_dossier(out / label["name"], program, CheckOptions(
                as_of=scoring.as_of(label), cache_dir=args.work / "cache", crops=False,
                evidence=not args.no_evidence))
            s = scoring.score_dossier(writer, label, run.report)
            per_program[program].append(s)
            status = "clean" if s.clean else f"{s.found}/{s.defects}"
            print(f"{writer:14s} {label['name'][:28]:28s} {status:6s} stray_errors="
                  f"{len(s.stray_errors)} met={s.met_true}+{s.met_false}/{s.evidenced} "
                  f"{time.perf_counter() - t0:5.1f}s", flush=True)
            if args.verbose:
                for d in s.missed:
                    print(f"    MISSED {d['code']} {d.get('field')}: {d.get('found')}")
                for e in s.stray_errors:
                    print(f"    STRAY  {e['code']} {e['message'][:110]}")
                for m in s.false_met:
                    print(f"    FALSE-MET {m}")
                for m in s.missed_evidence:
                    print(f"    NOT-MET {m}")
    print()
    print(f"{'programme':24s} dossiers clean defects found recall clean_errors stray_errors "
          f"met_P met_R")
    summary = {}
    for program, scores in sorted(per_program.items()):
        t = scoring.totals(scores)
        p = "-" if t.met_precision is None else f"{t.met_precision:.2f}"
        r = "-" if t.met_recall is None else f"{t.met_recall:.2f}"
        print(f"{program:24s} {t.dossiers:8d} {t.clean:5d} {t.defects:7d} {t.found:5d} "
              f"{t.recall:6.2f} {t.clean_errors:12d} {t.stray_errors:12d} {p:>5s} {r:>5s}")
        summary[program] = t.__dict__ | {"recall": t.recall, "met_precision": t.met_precision,
                                         "met_recall": t.met_recall}
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "dossiers": [
            s.__dict__ for scores in per_program.values() for s in scores]},
            ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
