"""Matching list rows to dossiers by company name, and whether a row's other columns agree
with what its dossier declared."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from domain.names import canonical_company_suffix, company_name_similarity, normalize_company_name
from dossier.audit.facts import DossierFacts
from dossier.audit.read import ListRow, norm


@dataclass
class Match:
    row: ListRow
    dossier: DossierFacts
    how: str  # exact, suffix, fuzzy, folder
    score: float


FUZZY_MIN = 90.0


def name_match(listed: str, dossier: DossierFacts) -> tuple[str, float] | None:
    """How a listed company name matches a dossier, best first: exact (after width,
    bracket and space normalisation), suffix (有限公司/有限责任公司), fuzzy (near enough to
    be worth a look), folder (the folder is named after the company). None: no match."""
    best: tuple[str, float] | None = None
    candidates = [(dossier.company, False), *((n, False) for n in dossier.other_names),
                  (dossier.folder_company, True)]
    for candidate, via_folder in candidates:
        if not candidate or not listed:
            continue
        if normalize_company_name(candidate) == normalize_company_name(listed):
            found = ("folder" if via_folder else "exact", 100.0 - (1.5 if via_folder else 0.0))
        elif canonical_company_suffix(candidate) == canonical_company_suffix(listed):
            found = ("suffix", 99.0 - (1.5 if via_folder else 0.0))
        else:
            score = company_name_similarity(candidate, listed, canonical_suffix=True)
            if score < FUZZY_MIN:
                continue
            found = ("fuzzy", score - 10.0)  # below every exact and suffix match
        if best is None or found[1] > best[1]:
            best = found
    return best


def _product_similarity(row: ListRow, dossier: DossierFacts) -> float:
    listed = norm(row.values.get("product_name", ""))
    declared = norm(str(dossier.value("product_name") or ""))
    return float(fuzz.ratio(listed, declared)) if listed and declared else 0.0


def match_rows(rows: list[ListRow], dossiers: list[DossierFacts]
               ) -> tuple[list[Match], list[ListRow], list[DossierFacts]]:
    """One-to-one matching, best pairs first (greedy over all candidate pairs)."""
    pairs: list[tuple[float, float, int, int, str]] = []
    for i, row in enumerate(rows):
        for j, d in enumerate(dossiers):
            m = name_match(row.company, d)
            if m:
                # For product lists one company may hold several dossiers: the product
                # name decides between them.
                pairs.append((m[1], _product_similarity(row, d), -i, -j, m[0]))
    pairs.sort(reverse=True)
    used_rows: set[int] = set()
    used_dossiers: set[int] = set()
    matches: list[Match] = []
    for score, _, ni, nj, how in pairs:
        i, j = -ni, -nj
        if i in used_rows or j in used_dossiers:
            continue
        used_rows.add(i)
        used_dossiers.add(j)
        matches.append(Match(rows[i], dossiers[j], how, score))
    matches.sort(key=lambda m: m.row.row)
    return (matches, [r for i, r in enumerate(rows) if i not in used_rows],
            [d for j, d in enumerate(dossiers) if j not in used_dossiers])


# -------------------------------------------------------------- field comparisons

_GENERIC_INDUSTRY = {"制造业", "工业"}
_INDUSTRY_SPLIT = re.compile(r"[-—–－~～/／>＞、，,;；|]+")


def industry_segments(text: str) -> list[str]:
    return [s for s in _INDUSTRY_SPLIT.split(norm(text)) if s]


def industries_agree(listed: str, declared: str) -> bool:
    """Every specific part of the listed industry appears (near enough) in the declared
    one: "通用设备制造业" agrees with "制造业-通用设备制造业-金属加工机械制造", while
    "…-通用零部件制造" does not."""
    a, b = norm(listed), norm(declared)
    if not a or not b or a == b or a in b:
        return True
    declared_parts = industry_segments(b)
    for part in industry_segments(a):
        if part in _GENERIC_INDUSTRY:
            continue
        if any(part in d or (d in part and len(d) >= 4) or fuzz.ratio(part, d) >= 85
               for d in declared_parts):
            continue
        return False
    return True


def _class_key(text: str) -> str:
    return norm(text).removesuffix("类")


def product_class_agrees(listed: str, declared: Any) -> bool | None:
    """None when there is nothing to compare (the dossier ticked no class)."""
    ticked = [declared] if isinstance(declared, str) else list(declared or [])
    ticked = [t for t in ticked if isinstance(t, str) and t.strip()]
    if not ticked or not listed.strip():
        return None
    return _class_key(listed) in {_class_key(t) for t in ticked}


def product_names_agree(listed: str, declared: str) -> bool:
    a, b = norm(listed), norm(declared)
    if not a or not b or a in b or b in a:
        return True
    return fuzz.ratio(a, b) >= 80
