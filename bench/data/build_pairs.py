"""Builds bench/data/matching_pairs.jsonl from bench/data/matching_passages.yaml.

    .venv/bin/python bench/data/build_pairs.py [--check]

Deterministic: the same source gives byte-identical output. ``--check`` exits 1 when the
committed JSONL is out of date with its source. See the YAML header for the labelling
rules and the split."""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "matching_passages.yaml"
TARGET = HERE / "matching_pairs.jsonl"
SEED = 20240611


def build(source: Path = SOURCE) -> list[dict[str, object]]:
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    reqs = raw["requirements"]
    ids = [r["id"] for r in reqs]
    pairs: list[dict[str, object]] = []

    def add(split: str, requirement: str, passage: str, label: int, neg: str | None) -> None:
        pairs.append({"id": f"mp{len(pairs) + 1:04d}", "split": split, "requirement": requirement,
                      "passage": passage, "label": label, "negative_type": neg})

    rng = random.Random(SEED)
    for r in reqs:
        if r["neighbour"] not in ids or r["neighbour"] == r["id"]:
            raise ValueError(f"{r['id']}: neighbour {r['neighbour']!r} is not another requirement")
        # A random half of each requirement's positives goes to each split: the order in
        # which they were written (most explicit first) must not decide the split.
        positives = list(r["positives"])
        held = set(rng.sample(range(len(positives)), len(positives) // 2))
        for i, text in enumerate(positives):
            split = "heldout" if i in held else "tune"
            add(split, r["id"], text, 1, None)
            add(split, r["neighbour"], text, 0, "neighbour")
    negated = [(r["id"], t) for r in reqs for t in r.get("negated", [])]
    held = set(rng.sample(range(len(negated)), len(negated) // 2))
    for i, (rid, text) in enumerate(negated):
        add("heldout" if i in held else "tune", rid, text, 0, "negated")
    boiler = list(raw["boilerplate"])
    held = set(rng.sample(range(len(boiler)), len(boiler) // 2))
    for i, text in enumerate(boiler):
        add("heldout" if i in held else "tune", rng.choice(ids), text, 0, "random")
    generic = list(raw.get("generic", []))
    held = set(rng.sample(range(len(generic)), len(generic) // 2))
    for i, g in enumerate(generic):
        if g["requirement"] not in ids:
            raise ValueError(f"generic passage for unknown requirement {g['requirement']!r}")
        add("heldout" if i in held else "tune", g["requirement"], g["passage"], 0, "generic")
    noise = list(raw.get("form_noise", []))
    held = set(rng.sample(range(len(noise)), len(noise) // 2))
    for i, text in enumerate(noise):
        for rid in rng.sample(ids, 3):
            add("heldout" if i in held else "tune", rid, text, 0, "form")
    texts: dict[str, str] = {}
    for p in pairs:
        prev = texts.setdefault(str(p["passage"]), str(p["split"]))
        if prev != p["split"]:
            raise ValueError(f"passage in both splits: {p['passage']!r}")
    return pairs


def render(pairs: list[dict[str, object]]) -> str:
    return "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = render(build())
    if args.check:
        ok = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print("up to date" if ok else f"{TARGET.name} is out of date; re-run build_pairs.py")
        return 0 if ok else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({text.count(chr(10))} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
