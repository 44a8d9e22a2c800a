"""Real-world file variants read as well as their twins: each dossier is checked as
generated and again with its files turned into a variant (legacy .doc/.wps/.xls/.et, OFD,
phone photos, scans with a hidden text layer, Word printed to PDF), and the findings are
compared.

    .venv/bin/python bench/variants.py                           # every variant, 3 dossiers per corpus
    .venv/bin/python bench/variants.py --variant doc --per-corpus 0   # every dossier
    .venv/bin/python bench/variants.py --corpus own --variant photo -v

Corpora: our own samples (``own:<programme>``, scored against samples/expected/) and the
blind corpora (``blind:<writer>``, scored against each writer's labels). Per variant it
prints: twins checked, twins whose findings equal the original's (code, severity, field,
requirement; seals that change origin and OCR-confidence notes aside), planted defects
found in the twins vs the originals, clean twins with an error, and seconds per page of
the twin's check and of making it. Work files live under --work (default .cache/variants).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.pipeline import CheckOptions, DossierRun, check_dossier  # noqa: E402
from models import Report  # noqa: E402
from samples.blind import scoring  # noqa: E402
from samples.variants import VARIANTS, Variant, twin_files  # noqa: E402

# A picture seal in a Word file becomes ink on a page in a photo or scan: its finding
# changes with the medium, not with what the dossier says. OCR confidence and level
# estimates are notes about the reading, not about the content.
MEDIUM_CODES = frozenset({"EMBEDDED_SEAL", "EMBEDDED_SIGNATURE", "LOW_OCR_CONFIDENCE",
                          "LEVEL_ESTIMATE"})


@dataclass
class Case:
    corpus: str  # own:<programme> | blind:<writer>
    program: str
    name: str
    path: Path
    as_of: date
    clean: bool
    label: dict[str, Any] | None = None  # blind label
    expected: list[tuple[str, str, str | None, str | None]] | None = None  # own samples


@dataclass
class TwinResult:
    variant: str
    case: Case
    same: bool
    only_original: list[tuple] = field(default_factory=list)
    only_twin: list[tuple] = field(default_factory=list)
    defects: int = 0
    found_original: int = 0
    found_twin: int = 0
    clean_errors: list[str] = field(default_factory=list)
    pages: int = 0
    check_s: float = 0.0
    make_s: float = 0.0
    files: int = 0
    error: str | None = None


def finding_keys(report: Report) -> Counter[tuple]:
    return Counter((f.code.value, f.severity.value, f.field, f.requirement)
                   for f in report.findings
                   if f.severity.value != "info" and f.code.value not in MEDIUM_CODES)


def own_cases(work: Path) -> list[Case]:
    from samples.generate import DOSSIERS, dossier_path, generate_all

    out = work / "own"
    if not out.exists():
        generate_all(out)
    cases = []
    for d in DOSSIERS:
        exp = d.expected_json()
        keys = [(f["code"], f["severity"], f.get("field"), f.get("requirement"))
                for f in exp["findings"]]
        cases.append(Case(f"own:{d.program}", d.program, d.name, dossier_path(out, d),
                          date.fromisoformat(exp["as_of"]), clean=not [
                              k for k in keys if k[0] not in MEDIUM_CODES], expected=keys))
    return cases


def blind_cases(work: Path, writers: list[str] | None) -> list[Case]:
    cases = []
    for writer in writers or scoring.writers():
        out = work / "blind" / writer
        labels = scoring.generate(writer, out)
        program = scoring.program_of(writer, labels)
        for label in labels["dossiers"]:
            cases.append(Case(f"blind:{writer}", program, label["name"], out / label["name"],
                              scoring.as_of(label), bool(label.get("clean")), label=label))
    return cases


def select(cases: list[Case], per_corpus: int) -> list[Case]:
    """Clean dossiers first (a variant must not invent errors), then defect ones."""
    if per_corpus <= 0:
        return cases
    by_corpus: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        by_corpus[c.corpus].append(c)
    out = []
    for group in by_corpus.values():
        clean = [c for c in group if c.clean][:1]
        rest = [c for c in group if c not in clean]
        out.extend((clean + rest)[:per_corpus])
    return out


def _unpacked(case: Case, work: Path) -> Path:
    if case.path.is_dir():
        return case.path
    target = work / "unpacked" / case.corpus.replace(":", "_") / case.name
    if not target.exists():
        with zipfile.ZipFile(case.path) as zf:
            zf.extractall(target)
    return target


def make_twin(variant: Variant, case: Case, original: Report, work: Path
              ) -> tuple[Path, int, float]:
    """The dossier with every file the variant takes replaced by its twin."""
    src = _unpacked(case, work)
    twin = work / "twins" / variant.name / case.corpus.replace(":", "_") / case.name
    if twin.exists():
        shutil.rmtree(twin)
    shutil.copytree(src, twin)
    t0 = time.perf_counter()
    made = twin_files(variant, twin, {d.path: d.kind for d in original.documents})
    changed = len(made)
    return twin, changed, time.perf_counter() - t0


def _run(path: Path, case: Case, work: Path, evidence: bool) -> DossierRun:
    return check_dossier(path, case.program, CheckOptions(
        as_of=case.as_of, cache_dir=work / "cache", crops=False, evidence=evidence))


def score(case: Case, report: Report) -> tuple[int, int, list[str]]:
    """(planted defects, found, errors on a clean dossier)."""
    if case.label is not None:
        s = scoring.score_dossier(case.corpus.split(":", 1)[1], case.label, report)
        return s.defects, s.found, [e["code"] for e in s.stray_errors] if s.clean else []
    # As in tests/dossier/test_samples_end_to_end.py: a field finding's requirement is
    # derived (field.<key>) and the expected files leave it null, so it is not compared.
    def contract(k: tuple) -> tuple:
        return k if k[2] is None else (*k[:3], None)

    expected = Counter(contract(k) for k in case.expected or [] if k[0] not in MEDIUM_CODES)
    got = Counter(contract(k) for k in finding_keys(report).elements())
    found = sum((expected & got).values())
    errors = [k[0] for k in got if k[1] == "error" and k not in expected] if case.clean else []
    return sum(expected.values()), found, errors


def run(variants: list[Variant], cases: list[Case], work: Path, evidence: bool,
        verbose: bool) -> list[TwinResult]:
    results: list[TwinResult] = []
    for case in cases:
        original = _run(case.path, case, work, evidence).report
        defects, found_o, _ = score(case, original)
        for variant in variants:
            try:
                twin, files, make_s = make_twin(variant, case, original, work)
            except Exception as exc:  # noqa: BLE001 - a maker that fails is reported, not fatal
                results.append(TwinResult(variant.name, case, False,
                                          error=f"{type(exc).__name__}: {exc}"[:200]))
                continue
            if not files:
                continue
            t0 = time.perf_counter()
            report = _run(twin, case, work, evidence).report
            check_s = time.perf_counter() - t0
            a, b = finding_keys(original), finding_keys(report)
            _, found_t, clean_errors = score(case, report)
            r = TwinResult(variant.name, case, a == b, sorted((a - b).elements()),
                           sorted((b - a).elements()), defects, found_o, found_t, clean_errors,
                           sum(d.pages for d in report.documents), check_s, make_s, files)
            results.append(r)
            mark = "same" if r.same else "DIFF"
            print(f"{variant.name:16s} {case.corpus:22s} {case.name[:26]:26s} {mark} "
                  f"found {found_t}/{defects} (orig {found_o}) clean_err={len(clean_errors)} "
                  f"{r.pages}p {check_s:5.1f}s make {make_s:4.1f}s", flush=True)
            if verbose and not r.same:
                for k in r.only_original:
                    print(f"      lost   {k}")
                for k in r.only_twin:
                    print(f"      gained {k}")
    return results


def summarise(results: list[TwinResult]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name in dict.fromkeys(r.variant for r in results):
        rs = [r for r in results if r.variant == name]
        ok = [r for r in rs if r.error is None]
        pages = sum(r.pages for r in ok) or 1
        defects = sum(r.defects for r in ok)
        out[name] = {
            "twins": len(rs), "failed_to_make": len(rs) - len(ok),
            "same_findings": sum(r.same for r in ok),
            "defects": defects, "found_twin": sum(r.found_twin for r in ok),
            "found_original": sum(r.found_original for r in ok),
            "recall_twin": round(sum(r.found_twin for r in ok) / defects, 3) if defects else None,
            "clean_twins": sum(r.case.clean for r in ok),
            "clean_twins_with_error": sum(bool(r.clean_errors) for r in ok),
            "check_s_per_page": round(sum(r.check_s for r in ok) / pages, 2),
            "make_s_per_file": round(sum(r.make_s for r in ok) / max(1, sum(r.files for r in ok)), 2),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variant", action="append", choices=sorted(VARIANTS))
    ap.add_argument("--corpus", choices=("own", "blind", "all"), default="all")
    ap.add_argument("--writer", action="append", help="only these blind writers")
    ap.add_argument("--only", action="append", help="only dossiers whose name contains this")
    ap.add_argument("--per-corpus", type=int, default=3,
                    help="dossiers per corpus, clean first (0 = all)")
    ap.add_argument("--work", type=Path, default=ROOT / ".cache" / "variants")
    ap.add_argument("--evidence", action="store_true", help="also match indicator evidence")
    ap.add_argument("--json", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    cases: list[Case] = []
    if args.corpus in ("own", "all"):
        cases += own_cases(args.work)
    if args.corpus in ("blind", "all"):
        cases += blind_cases(args.work, args.writer)
    if args.only:
        cases = [c for c in cases if any(o in c.name for o in args.only)]
    cases = select(cases, args.per_corpus)
    variants = [VARIANTS[v] for v in args.variant or VARIANTS]
    results = run(variants, cases, args.work, args.evidence, args.verbose)
    summary = summarise(results)
    print()
    print(f"{'variant':16s} twins same defects found(orig) recall clean clean_err s/page make_s")
    for name, s in summary.items():
        recall = "-" if s["recall_twin"] is None else f"{s['recall_twin']:.2f}"
        print(f"{name:16s} {s['twins']:5d} {s['same_findings']:4d} {s['defects']:7d} "
              f"{s['found_twin']:3d}({s['found_original']:3d}) {recall:>6s} {s['clean_twins']:5d} "
              f"{s['clean_twins_with_error']:9d} {s['check_s_per_page']:6.2f} "
              f"{s['make_s_per_file']:6.2f}")
    for r in results:
        if r.error:
            print(f"  could not make {r.variant} of {r.case.corpus}/{r.case.name}: {r.error}")
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "twins": [
            {"variant": r.variant, "corpus": r.case.corpus, "dossier": r.case.name,
             "same": r.same, "lost": r.only_original, "gained": r.only_twin,
             "defects": r.defects, "found_twin": r.found_twin,
             "found_original": r.found_original, "clean_errors": r.clean_errors,
             "pages": r.pages, "check_s": round(r.check_s, 2), "error": r.error}
            for r in results]}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
