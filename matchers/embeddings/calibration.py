"""The texts the ONNX builder runs once to fix the int8 activation scales
(:func:`matchers.embeddings.onnx_build.freeze_activation_scales`).

They ship in ``calibration.jsonl`` beside this file, made by ``main()`` from what is in the
repository: every requirement text of every programme and catalogue in ``criteria/`` (as
queries, the way the evidence matcher embeds them) and the *tuning* half of
``bench/data/matching_pairs.jsonl`` (as passages). The held-out half is never used, so the
held-out F1 that bench/matching.py and bench/speed.py report stays out of sample.
Shipping the list (not reading criteria/ at build time) keeps the model's name, and so
every cached vector, independent of YAML edits."""
from __future__ import annotations

import json
import sys
from pathlib import Path

CALIBRATION_FILE = Path(__file__).resolve().parent / "calibration.jsonl"
ROOT = Path(__file__).resolve().parents[2]


def calibration_texts(path: Path = CALIBRATION_FILE) -> list[tuple[str, bool]]:
    """(text, is_query) pairs, in file order."""
    out: list[tuple[str, bool]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append((str(row["text"]), bool(row["query"])))
    return out


def _requirement_texts() -> list[str]:
    from criteria.loader import load_all, load_catalogues
    from matchers.evidence.evidence_matcher import requirement_text
    from matchers.evidence.requirement_evidence import evidence_requirements

    cats = load_catalogues()
    return list(dict.fromkeys(requirement_text(r.spec) for p in load_all().values()
                              for r in evidence_requirements(p, cats)))


def _tuning_passages() -> list[str]:
    pairs = ROOT / "bench" / "data" / "matching_pairs.jsonl"
    rows = [json.loads(line) for line in pairs.read_text(encoding="utf-8").splitlines() if line]
    return list(dict.fromkeys(str(r["passage"]) for r in rows if r["split"] == "tune"))


def main() -> int:
    queries, passages = _requirement_texts(), _tuning_passages()
    rows = ([{"query": True, "text": t} for t in queries]
            + [{"query": False, "text": t} for t in passages])
    CALIBRATION_FILE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                encoding="utf-8")
    print(f"{CALIBRATION_FILE}: {len(queries)} 条要求文本，{len(passages)} 条段落")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
