"""Scores the checker against the blind corpora: dossiers written by helpers who saw only
the programmes' seed texts (``shared/``), never this repository, each with its own
generator and labels (``samples/blind/<writer>/generate.py`` → ``labels.json``).

A labelled defect is found when the report has a finding with the same code. Two codes
of one family are accepted for each other where the writers' vocabulary and ours name one
mistake two ways (a promised screenshot absent: "missing attachment" to a writer, "missing
evidence" to the checker's rule). The labels themselves are never changed.

Evidence verdicts: each narrative's label lists the indicators it describes; an indicator
of the programme is a true "met" when the dossier's narratives evidence it, a false one
when they do not. Writers name indicators by the seed's number and name; they are matched
to the programme's indicators by name (and by number where the name is ambiguous)."""
from __future__ import annotations

import json
import subprocess
import sys
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from models import Report

BLIND_DIR = Path(__file__).resolve().parent
PROGRAM_OF_WRITER_PREFIX = {
    "chenxing": "sd-chenxing-2022", "dataproduct": "sd-data-product-2022",
    "zj": "zj-future-factory", "js": "js-smart-factory-2025", "brain": "sd-industry-brain",
}
# Codes that name the same mistake in the writers' words and the checker's.
CODE_FAMILIES: list[set[str]] = [
    {"MISSING_ATTACHMENT", "MISSING_EVIDENCE"},
    {"MISSING_FIELD", "OPTION_NOT_SELECTED"},
]
NAME_MATCH = 80.0


def writers() -> list[str]:
    return sorted(p.parent.name for p in BLIND_DIR.glob("*/generate.py"))


def generate(writer: str, out_dir: Path) -> dict[str, Any]:
    """Runs the writer's generator into ``out_dir`` (once) and returns its labels."""
    labels = out_dir / "labels.json"
    if not labels.exists():
        # In a process of its own: the writers' generators are stand-alone scripts, and
        # what they register globally (reportlab fonts) must not leak into ours.
        out_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(BLIND_DIR / writer / "generate.py"), str(out_dir)],
                       check=True, timeout=600, capture_output=True)
    return json.loads(labels.read_text(encoding="utf-8"))


def codes_match(label_code: str, finding_code: str) -> bool:
    if label_code == finding_code:
        return True
    return any(label_code in fam and finding_code in fam for fam in CODE_FAMILIES)


@dataclass
class DossierScore:
    writer: str
    name: str
    clean: bool
    defects: int = 0
    found: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    # Error findings that match no labelled defect (every error of a clean dossier).
    stray_errors: list[dict[str, Any]] = field(default_factory=list)
    met_true: int = 0
    met_false: int = 0
    evidenced: int = 0
    false_met: list[str] = field(default_factory=list)
    missed_evidence: list[str] = field(default_factory=list)


def _norm_name(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"^[\d.\s]+|[a-z]\)\s*", "", s)
    return re.sub(r"[\s“”\"'（）()、，,：:—\-/]+", "", s)


def _indicator_for(item: dict[str, Any], indicators: list[tuple[str, str]]) -> str | None:
    """The programme indicator id a writer's {id, name} refers to."""
    name = _norm_name(str(item.get("name") or item.get("id") or ""))
    number = str(item.get("id") or "").strip()
    if not name:
        return None
    scored = sorted(((fuzz.ratio(name, _norm_name(title)), ind_id) for ind_id, title in indicators),
                    reverse=True)
    best = [s for s in scored if s[0] == scored[0][0]] if scored else []
    if not best or best[0][0] < NAME_MATCH:
        # A name that contains the indicator's title (or the reverse), e.g. 5G 新型网络设施.
        contains = [ind_id for ind_id, title in indicators
                    if len(_norm_name(title)) >= 2 and (_norm_name(title) in name
                                                         or name in _norm_name(title))]
        if len(contains) == 1:
            return contains[0]
        # A lettered item of an indicator ("1.3 a) 数字孪生") evidences the indicator.
        ids = {ind_id for ind_id, _ in indicators}
        parts = re.findall(r"\d+", number.split(")")[0].split("）")[0])
        for k in range(len(parts), 0, -1):
            if ".".join(parts[:k]) in ids and k < len(parts) + 1 and re.search(r"[a-z][)）]", number):
                return ".".join(parts[:k])
        return None
    if len(best) > 1:
        for _, ind_id in best:
            if ind_id == number:
                return ind_id
    return best[0][1]


def score_dossier(writer: str, label: dict[str, Any], report: Report) -> DossierScore:
    s = DossierScore(writer=writer, name=label["name"], clean=bool(label.get("clean")))
    used: set[int] = set()
    findings = list(report.findings)
    for defect in label.get("defects", []):
        s.defects += 1
        hit = next((i for i, f in enumerate(findings)
                    if i not in used and codes_match(defect["code"], f.code.value)), None)
        if hit is None:
            hit = next((i for i, f in enumerate(findings)
                        if codes_match(defect["code"], f.code.value)), None)
        if hit is None:
            s.missed.append(defect)
        else:
            used.add(hit)
            s.found += 1
    label_codes = [d["code"] for d in label.get("defects", [])]
    for i, f in enumerate(findings):
        if f.severity.value != "error" or i in used:
            continue
        if any(codes_match(c, f.code.value) for c in label_codes):
            continue  # a second finding about a labelled mistake
        s.stray_errors.append({"code": f.code.value, "message": f.message,
                               "where": [loc.path for loc in f.locations][:2]})
    _score_evidence(s, label, report)
    return s


def _norm_path(path: str) -> str:
    """A file as labelled vs as reported: zip members are reported without the zip's own
    name in some corpora, and separators differ."""
    p = unicodedata.normalize("NFKC", path).replace("\\", "/").strip("/")
    return p.split("/")[-1]


def _score_evidence(s: DossierScore, label: dict[str, Any], report: Report) -> None:
    narratives = label.get("narratives") or []
    if not narratives:
        return
    indicators = [(r.id, r.title) for r in report.requirements
                  if r.kind == "indicator" and r.source == report.program]
    if not indicators:
        return
    positives: set[str] = set()
    for n in narratives:
        for item in n.get("evidenced", []):
            ind = _indicator_for(item, indicators)
            if ind is not None:
                positives.add(ind)
    s.evidenced = len(positives)
    # A label speaks of its own file only ("evidenced must be complete for that file"):
    # a "met" whose evidence is elsewhere (the form's short answers, another attachment)
    # is neither confirmed nor refuted by it, and is left out of precision.
    labelled = {_norm_path(n["file"]) for n in narratives if n.get("file")}
    titles = dict(indicators)
    for r in report.requirements:
        if r.kind != "indicator" or r.source != report.program:
            continue
        if r.status.value == "met":
            if r.id in positives:
                s.met_true += 1
            elif r.passages and _norm_path(r.passages[0].location.path) in labelled:
                s.met_false += 1
                s.false_met.append(f"{r.id} {titles[r.id]}")
        elif r.id in positives:
            s.missed_evidence.append(f"{r.id} {titles[r.id]}")


@dataclass
class Totals:
    dossiers: int = 0
    clean: int = 0
    defects: int = 0
    found: int = 0
    clean_errors: int = 0
    stray_errors: int = 0
    met_true: int = 0
    met_false: int = 0
    evidenced: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.defects if self.defects else 1.0

    @property
    def met_precision(self) -> float | None:
        n = self.met_true + self.met_false
        return self.met_true / n if n else None

    @property
    def met_recall(self) -> float | None:
        return self.met_true / self.evidenced if self.evidenced else None


def totals(scores: Iterable[DossierScore]) -> Totals:
    t = Totals()
    for s in scores:
        t.dossiers += 1
        t.clean += s.clean
        t.defects += s.defects
        t.found += s.found
        if s.clean:
            t.clean_errors += len(s.stray_errors)
        else:
            t.stray_errors += len(s.stray_errors)
        t.met_true += s.met_true
        t.met_false += s.met_false
        t.evidenced += s.evidenced
    return t


def program_of(writer: str, labels: dict[str, Any]) -> str:
    return labels.get("program") or PROGRAM_OF_WRITER_PREFIX[writer.split("_")[0]]


def as_of(label: dict[str, Any]) -> date:
    return date.fromisoformat(label["as_of"])
