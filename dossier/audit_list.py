"""`dossier audit-list LIST DIR`: compare a city's recommendation list (推荐汇总表) with the
dossiers it recommends.

The list is 附件3 (晨星工厂: 序号, 企业名称, 所属行业, 建设地点, 备注) or 附件4 (数据赋能优秀产品:
序号, 企业名称, 申报产品名称, 申报产品类别, 备注) of 鲁工信数据〔2022〕263号, as XLSX, DOCX or PDF.
Each row is matched to a dossier in DIR by company name, as the dossier's own check read it
(report field company_name; the folder name when the declaration gave none). Findings:
a listed enterprise without a dossier, a dossier not on the list, a row that disagrees
with its dossier (company name written differently, 所属行业, 申报产品类别/名称), a row
listed twice, and the notice's quota on the number of enterprises a city recommends.

Dossier facts come from JSON reports: those of an earlier `dossier batch` (--reports OUTDIR,
reused unless the dossier changed since), otherwise the dossiers are checked now.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz

from dossier.batch import parse_as_of, positive_int
from dossier.paths import default_cache_dir
from extractor.filenames import display_name, escape_controls, has_surrogates
from domain.names import canonical_company_suffix, company_name_similarity, normalize_company_name

EXIT_OK = 0
EXIT_USAGE = 2

ListKind = Literal["chenxing", "product"]
SeverityName = Literal["error", "warning", "info"]


# ---------------------------------------------------------------------------- rules

@dataclass(frozen=True)
class ListRule:
    """What a programme's recommendation list looks like and what the notice requires of
    it. Kept here until the criteria schema has a place for it (see the report)."""

    kind: ListKind
    title: str
    attachment: str
    # Fewest distinct enterprises one recommending unit must list; None: no quota.
    min_enterprises: int | None = None
    quota_severity: SeverityName = "warning"
    quota_source: str = ""
    # Report field each compared column is checked against.
    fields: tuple[tuple[str, str], ...] = ()


LIST_RULES: dict[str, ListRule] = {
    "sd-chenxing-2022": ListRule(
        kind="chenxing", title="山东省数字经济“晨星工厂”推荐汇总表", attachment="附件3",
        min_enterprises=50,
        quota_source="鲁工信数据〔2022〕263号 三、(二)2 初审推荐：各市推荐数字经济“晨星工厂”不少于 50 家",
        fields=(("company", "company_name"), ("industry", "industry"))),
    "sd-data-product-2022": ListRule(
        kind="product", title="山东省“数据赋能”优秀产品推荐汇总表", attachment="附件4",
        min_enterprises=None,  # 同一通知：“数据赋能”优秀产品名额不限
        fields=(("company", "company_name"), ("product_name", "product_name"),
                ("product_class", "product_category"))),
}

# Column labels as printed in 附件3/附件4, and variants seen in city-made lists.
COLUMN_LABELS: dict[str, tuple[str, ...]] = {
    "serial": ("序号", "编号"),
    "company": ("企业名称", "单位名称", "申报单位", "企业全称", "申报企业"),
    "industry": ("所属行业", "行业", "所属行业类别"),
    "location": ("建设地点", "所在地", "所在地区", "地点"),
    "remark": ("备注",),
    "product_name": ("申报产品名称", "产品名称", "产品(方案)名称"),
    "product_class": ("申报产品类别", "产品类别"),
}
_PLACEHOLDER = re.compile(r"^[.…。·\s]*$")
# "推荐单位：济南市工业和信息化局   填报人：王某" — labels may share a line; blanks never
# span lines (an empty 推荐单位 must not swallow the 填报人 line below it).
_META = re.compile(r"(推荐单位|填报人|联系方式)[ \t\u3000]*[:：][ \t\u3000]*([^\n]*?)[ \t\u3000]*"
                   r"(?=(?:推荐单位|填报人|联系方式)[ \t\u3000]*[:：]|$)", re.M)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def column_for(label: str) -> str | None:
    text = _norm(label)
    if not text:
        return None
    for key, labels in COLUMN_LABELS.items():
        if any(text == _norm(x) for x in labels):
            return key
    # "企业名称（全称）", "所属行业（国民经济行业分类）"
    for key, labels in COLUMN_LABELS.items():
        if any(text.startswith(_norm(x)) and len(_norm(x)) >= 2 for x in labels):
            return key
    return None


# -------------------------------------------------------------------- reading lists

@dataclass
class ListRow:
    row: int  # 1-based row in its table (for XLSX: the sheet's row number)
    page: int | None
    serial: str
    values: dict[str, str]
    excerpt: str

    @property
    def company(self) -> str:
        return self.values.get("company", "")


@dataclass
class RecommendationList:
    path: str
    kind: ListKind
    rows: list[ListRow]
    columns: list[str]
    meta: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None


class ListFormatError(Exception):
    """The file is not a readable recommendation list; the message is for the user."""


def _header_in(table_rows: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    for r, cells in enumerate(table_rows[:15]):
        cols: dict[int, str] = {}
        for c, text in enumerate(cells):
            key = column_for(text)
            if key and key not in cols.values() and len(_norm(text)) <= 20:
                cols[c] = key
        keys = set(cols.values())
        if "company" in keys and keys & {"industry", "product_name", "product_class", "serial"}:
            return r, cols
    return None


def _meta_from(texts: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for text in texts:
        for m in _META.finditer(unicodedata.normalize("NFKC", text)):
            value = m.group(2).strip()
            if value and m.group(1) not in meta:
                meta[m.group(1)] = value
    return meta


def read_list(path: Path, ocr_engine: str = "rapidocr", cache_dir: Path | None = None
              ) -> RecommendationList:
    from dossier.lazy_ocr import LazyOcrService
    from extractor.base import ExtractContext
    from extractor.registry import extract_file

    doc = extract_file(path, path.name, ExtractContext(ocr=LazyOcrService(ocr_engine, cache_dir)))
    if doc.error:
        raise ListFormatError(f"推荐汇总表无法读取：{doc.error}")
    header: tuple[int, int, dict[int, str]] | None = None
    for t_index, table in enumerate(doc.tables):
        found = _header_in(table.rows_text())
        if found:
            header = (t_index, found[0], found[1])
            break
    if header is None:
        raise ListFormatError("未在文件中找到推荐汇总表的表头（应有“企业名称”及“所属行业”"
                              "或“申报产品名称/类别”等栏目）")
    t_index, h_row, cols = header
    first = doc.tables[t_index]
    keys = set(cols.values())
    kind: ListKind = "product" if keys & {"product_name", "product_class"} else "chenxing"
    rows: list[ListRow] = []
    # A list that runs over several pages of a PDF continues in tables of the same width.
    for table in doc.tables[t_index:]:
        if table is not first and table.n_cols != first.n_cols:
            continue
        grid = table.rows_text()
        start = h_row + 1 if table is first else 0
        if table is not first and _header_in(grid[:1]):
            start = 1
        for r in range(start, len(grid)):
            cells = grid[r]
            values = {key: unicodedata.normalize("NFKC", cells[c]).strip()
                      for c, key in cols.items() if c < len(cells)}
            if not values.get("company") or _PLACEHOLDER.match(values["company"]):
                continue
            excerpt = " | ".join(v for v in (unicodedata.normalize("NFKC", x).strip()
                                             for x in cells) if v)
            rows.append(ListRow(row=r + 1, page=table.page if doc.media_type.endswith("pdf")
                                else None, serial=values.get("serial", ""),
                                values=values, excerpt=excerpt))
    texts = [p.text for p in doc.pages] + [" ".join(r) for r in first.rows_text()[:h_row]]
    return RecommendationList(path=str(path), kind=kind, rows=rows,
                              columns=[cols[c] for c in sorted(cols)], meta=_meta_from(texts),
                              sheet=first.name)


# ------------------------------------------------------------------ dossier facts

@dataclass
class DossierFacts:
    name: str  # the batch name (report file stem)
    entry: str  # folder or zip name in DIR
    company: str  # as the report read it; "" when none
    verdict: str
    fields: dict[str, Any]

    @property
    def folder_company(self) -> str:
        """A company name guessed from the folder name ("012_山东…有限公司.zip")."""
        stem = re.sub(r"\.zip$", "", self.entry, flags=re.I)
        stem = re.sub(r"^\d+[\s._、\-]*", "", stem)
        return re.sub(r"(申报材料|申报书|材料)$", "", stem)

    @property
    def other_names(self) -> list[str]:
        """The company name as each document read it (licence, statements...), when the
        report carries per-source readings."""
        readings = (self.fields.get("company_name") or {}).get("readings") or []
        names = [r.get("value") for r in readings if isinstance(r, dict)]
        return [n for n in dict.fromkeys(names) if isinstance(n, str) and n and n != self.company]

    def value(self, key: str) -> Any:
        f = self.fields.get(key) or {}
        return f.get("normalized") if f.get("normalized") not in (None, "", []) else f.get("value")


def _facts(name: str, entry: str, report: dict[str, Any]) -> DossierFacts:
    fields = report.get("fields") or {}
    company = (fields.get("company_name") or {}).get("value")
    return DossierFacts(name=name, entry=entry, company=company if isinstance(company, str) else "",
                        verdict=(report.get("summary") or {}).get("verdict", ""), fields=fields)


def _reports_base(reports: Path) -> tuple[Path, Path | None]:
    """(folder of <name>.json, the batch state file if any) for --reports."""
    from dossier.batch import REPORTS_SUBDIR, STATE_FILE

    if (reports / REPORTS_SUBDIR).is_dir():
        state = reports / STATE_FILE
        return reports / REPORTS_SUBDIR, state if state.is_file() else None
    state = reports.parent / STATE_FILE
    return reports, state if state.is_file() else None


def collect_facts(dossier_dir: Path, program: str, reports: Path | None, *,
                  as_of: date | None = None, workers: int | None = None,
                  ocr_engine: str = "rapidocr", log=None  # type: ignore[no-untyped-def]
                  ) -> list[DossierFacts]:
    """Facts of every dossier in ``dossier_dir``: reused reports where they are current,
    fresh checks (in batch workers) for the rest."""
    from criteria.loader import programme_fingerprint
    from dossier.batch import (BatchSettings, BatchState, discover_dossiers, input_manifest,
                               make_progress, run_batch, run_key)

    items = discover_dossiers(dossier_dir, exclude=(reports,) if reports else ())
    facts: dict[str, DossierFacts] = {}
    stale: list[Any] = []
    state_as_of: list[str] = []
    if reports is not None:
        base, state_path = _reports_base(reports)
        state = BatchState(state_path) if state_path else None
        fingerprint = programme_fingerprint(program)
        for item in items:
            path = base / f"{item.name}.json"
            try:
                report = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stale.append(item)
                continue
            rec = state.dossiers.get(item.name) if state else None
            if report.get("program") != program:
                stale.append(item)
                continue
            if rec is not None:
                state_as_of.append(rec.get("as_of", ""))
                when = date.fromisoformat(rec.get("as_of") or report.get("as_of"))
                key = run_key(input_manifest(item.path), fingerprint, when, ocr_engine)
                if key != rec.get("key"):
                    stale.append(item)
                    continue
            facts[item.name] = _facts(item.name, item.path.name, report)
    else:
        stale = list(items)
    if stale:
        if as_of is None:
            common = Counter(a for a in state_as_of if a).most_common(1)
            as_of = date.fromisoformat(common[0][0]) if common else date.today()
        if log:
            log(f"需要核查 {len(stale)} 份材料以取得企业名称等信息……")
        from extractor.tempdirs import work_dir

        # $DOSSIER_CACHE_DIR when set; else the OCR cache of the batch whose reports are
        # reused (older batches kept one in OUTDIR/.ocr-cache); else the shared cache.
        legacy = reports / ".ocr-cache" if reports is not None else None
        cache = (legacy if legacy is not None and legacy.is_dir()
                 and not os.environ.get("DOSSIER_CACHE_DIR", "").strip()
                 else default_cache_dir())
        with work_dir("audit-list") as tmp:
            root = Path(tmp) / "dossiers"
            root.mkdir()
            for item in stale:
                # Links keep the dossiers' own names, which the reports carry.
                (root / item.path.name).symlink_to(item.path.resolve())
            settings = BatchSettings(root=root, out_dir=Path(tmp) / "out", program=program,
                                     as_of=as_of, workers=workers or os.cpu_count() or 1,
                                     cache_dir=cache, ocr_engine=ocr_engine)
            result = run_batch(settings, make_progress("auto" if log else "none", sys.stderr,
                                                       settings.workers))
            if result.interrupted:
                # The batch stops its workers on Ctrl-C/SIGTERM and returns; an audit of
                # half the dossiers would be wrong, so the interrupt goes on up.
                raise KeyboardInterrupt
            by_entry = {i.path.name: i.name for i in stale}
            for o in result.outcomes:
                report = json.loads((settings.out_dir / o.row.report_json).read_text(encoding="utf-8"))
                entry = report.get("dossier") or o.name
                name = by_entry.get(entry, o.name)
                facts[name] = _facts(name, entry, report)
    return [facts[i.name] for i in items if i.name in facts]


# ------------------------------------------------------------------------ matching

@dataclass
class ListFinding:
    code: str  # LIST_MISSING_DOSSIER, DOSSIER_NOT_LISTED, LIST_MISMATCH, LIST_DUPLICATE, LIST_QUOTA
    severity: SeverityName
    message: str
    row: int | None = None
    serial: str | None = None
    page: int | None = None
    excerpt: str | None = None
    dossier: str | None = None
    field: str | None = None
    expected: Any = None  # what the dossier says
    actual: Any = None  # what the list says

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


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
    listed = _norm(row.values.get("product_name", ""))
    declared = _norm(str(dossier.value("product_name") or ""))
    return float(fuzz.ratio(listed, declared)) if listed and declared else 0.0


def match_rows(rows: list[ListRow], dossiers: list[DossierFacts]) -> tuple[list[Match], list[ListRow], list[DossierFacts]]:
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
    return [s for s in _INDUSTRY_SPLIT.split(_norm(text)) if s]


def industries_agree(listed: str, declared: str) -> bool:
    """Every specific part of the listed industry appears (near enough) in the declared
    one: "通用设备制造业" agrees with "制造业-通用设备制造业-金属加工机械制造", while
    "…-通用零部件制造" does not."""
    a, b = _norm(listed), _norm(declared)
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
    return _norm(text).removesuffix("类")


def product_class_agrees(listed: str, declared: Any) -> bool | None:
    """None when there is nothing to compare (the dossier ticked no class)."""
    ticked = [declared] if isinstance(declared, str) else list(declared or [])
    ticked = [t for t in ticked if isinstance(t, str) and t.strip()]
    if not ticked or not listed.strip():
        return None
    return _class_key(listed) in {_class_key(t) for t in ticked}


def product_names_agree(listed: str, declared: str) -> bool:
    a, b = _norm(listed), _norm(declared)
    if not a or not b or a in b or b in a:
        return True
    return fuzz.ratio(a, b) >= 80


# -------------------------------------------------------------------------- audit

@dataclass
class AuditResult:
    list: RecommendationList
    rule: ListRule
    program: str
    dossiers: list[DossierFacts]
    matches: list[Match]
    findings: list[ListFinding]

    @property
    def enterprises(self) -> int:
        return len({canonical_company_suffix(r.company) for r in self.list.rows})

    def counts(self) -> dict[str, int]:
        c = Counter(f.severity for f in self.findings)
        return {k: c.get(k, 0) for k in ("error", "warning", "info")}

    def as_json(self) -> dict[str, Any]:
        return {
            "list": self.list.path, "program": self.program, "kind": self.list.kind,
            "title": self.rule.title, "attachment": self.rule.attachment,
            "meta": self.list.meta, "rows": len(self.list.rows), "enterprises": self.enterprises,
            "dossiers": len(self.dossiers), "matched": len(self.matches),
            "summary": self.counts(),
            "findings": [f.as_json() for f in self.findings],
            "matches": [{"row": m.row.row, "serial": m.row.serial, "company": m.row.company,
                         "dossier": m.dossier.entry, "how": m.how} for m in self.matches],
        }


def _where(row: ListRow) -> str:
    parts = [f"第 {row.row} 行"]
    if row.page:
        parts.insert(0, f"第 {row.page} 页")
    if row.serial:
        parts.append(f"（序号 {row.serial}）")
    return "".join(parts)


def _row_finding(code: str, severity: SeverityName, row: ListRow, message: str,
                 **kw: Any) -> ListFinding:
    return ListFinding(code=code, severity=severity, message=message, row=row.row,
                       serial=row.serial or None, page=row.page, excerpt=row.excerpt, **kw)


def _looks_like_company(name: str) -> bool:
    return len(name) >= 6 and name.endswith(("公司", "厂", "合作社", "中心", "研究院"))


def _duplicate_key(row: ListRow, kind: ListKind) -> tuple[str, ...]:
    company = canonical_company_suffix(row.company)
    if kind == "product":
        return company, _norm(row.values.get("product_name", ""))
    return (company,)


def audit(rec_list: RecommendationList, dossiers: list[DossierFacts], program: str,
          rule: ListRule) -> AuditResult:
    findings: list[ListFinding] = []
    first_seen: dict[tuple[str, ...], ListRow] = {}
    unique_rows: list[ListRow] = []
    for row in rec_list.rows:
        key = _duplicate_key(row, rec_list.kind)
        if key in first_seen:
            prev = first_seen[key]
            what = f"“{row.company}”" + (f"的“{row.values.get('product_name')}”"
                                         if rec_list.kind == "product" else "")
            findings.append(_row_finding(
                "LIST_DUPLICATE", "error", row,
                f"{_where(row)}：{what}与{_where(prev)}重复，同一{'产品' if rec_list.kind == 'product' else '企业'}"
                f"只应推荐一次。请删除重复行。", actual=row.company, expected=prev.row))
            continue
        first_seen[key] = row
        unique_rows.append(row)

    matches, lonely_rows, lonely_dossiers = match_rows(unique_rows, dossiers)
    for row in lonely_rows:
        findings.append(_row_finding(
            "LIST_MISSING_DOSSIER", "error", row,
            f"{_where(row)}：推荐表中的“{row.company}”在材料目录中没有对应的申报材料。"
            f"请补交该企业的申报材料，或从推荐表中删除。", actual=row.company))
    for d in lonely_dossiers:
        named = d.company or (d.folder_company if _looks_like_company(d.folder_company) else "")
        if named:
            source = "" if d.company else "，申报书未填企业名称，按文件夹名称"
            msg = (f"申报材料“{d.entry}”（{named}{source}）不在推荐表中。如已推荐，请在推荐表中补列；"
                   f"未通过初审的材料请移出该目录。")
        else:
            msg = (f"申报材料“{d.entry}”未能读出企业名称"
                   f"{'（材料无法读取）' if d.verdict == 'unreadable' else ''}，"
                   f"无法与推荐表对应。请核对该材料后再比对。")
        findings.append(ListFinding(code="DOSSIER_NOT_LISTED", severity="warning", message=msg,
                                    dossier=d.entry, excerpt=named or d.entry,
                                    expected=named or None))
    for m in matches:
        findings.extend(_compare(m, rec_list.kind))
    if rule.min_enterprises is not None:
        n = len(unique_rows)
        if n < rule.min_enterprises:
            unit = rec_list.meta.get("推荐单位")
            findings.append(ListFinding(
                code="LIST_QUOTA", severity=rule.quota_severity,
                message=f"{'推荐单位“' + unit + '”' if unit else '本表'}推荐 {n} 家企业，少于通知要求的"
                        f" {rule.min_enterprises} 家（{rule.quota_source}）。",
                excerpt=f"推荐单位：{unit or '（未填）'}；不重复企业 {n} 家",
                expected=rule.min_enterprises, actual=n))
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order[f.severity], f.row if f.row is not None else 10**9,
                                 f.code, f.dossier or ""))
    return AuditResult(list=rec_list, rule=rule, program=program, dossiers=dossiers,
                       matches=matches, findings=findings)


def _compare(m: Match, kind: ListKind) -> list[ListFinding]:
    out: list[ListFinding] = []
    row, d = m.row, m.dossier
    declared_name = d.company or d.folder_company
    if m.how == "suffix":
        out.append(_row_finding(
            "LIST_MISMATCH", "info", row,
            f"{_where(row)}：企业名称写作“{row.company}”，申报材料为“{declared_name}”"
            f"（有限公司/有限责任公司不同）。请以营业执照登记名称为准。",
            dossier=d.entry, field="company_name", expected=declared_name, actual=row.company))
    elif m.how == "fuzzy":
        out.append(_row_finding(
            "LIST_MISMATCH", "warning", row,
            f"{_where(row)}：企业名称“{row.company}”与申报材料“{declared_name}”相近但不一致，"
            f"请核实是否为同一企业并以营业执照登记名称为准。",
            dossier=d.entry, field="company_name", expected=declared_name, actual=row.company))
    if kind == "chenxing":
        listed = row.values.get("industry", "")
        declared = str(d.value("industry") or "")
        if listed and declared and not industries_agree(listed, declared):
            out.append(_row_finding(
                "LIST_MISMATCH", "error", row,
                f"{_where(row)}：“{row.company}”的所属行业推荐表填“{listed}”，"
                f"申报书填“{declared}”，两者不一致。",
                dossier=d.entry, field="industry", expected=declared, actual=listed))
    else:
        listed = row.values.get("product_class", "")
        declared_class = d.value("product_category")
        agrees = product_class_agrees(listed, declared_class)
        if agrees is False:
            shown = "、".join(declared_class) if isinstance(declared_class, list) else str(declared_class)
            out.append(_row_finding(
                "LIST_MISMATCH", "error", row,
                f"{_where(row)}：“{row.company}”的申报产品类别推荐表填“{listed}”，"
                f"申报书勾选“{shown}”，两者不一致。",
                dossier=d.entry, field="product_category", expected=declared_class, actual=listed))
        listed_name = row.values.get("product_name", "")
        declared_name_p = str(d.value("product_name") or "")
        if listed_name and declared_name_p and not product_names_agree(listed_name, declared_name_p):
            out.append(_row_finding(
                "LIST_MISMATCH", "warning", row,
                f"{_where(row)}：申报产品名称推荐表填“{listed_name}”，申报书填“{declared_name_p}”，"
                f"请核实。", dossier=d.entry, field="product_name", expected=declared_name_p,
                actual=listed_name))
    return out


# ------------------------------------------------------------------------- output

_SEV = {"error": "错误", "warning": "警告", "info": "提示"}


def clean_json(value: Any) -> Any:
    """JSON-ready data with undecodable text (file names that are GBK bytes) decoded or
    U+FFFD, so that no UTF-8 writer can fail on it."""
    if isinstance(value, str):
        return display_name(value) if has_surrogates(value) else value
    if isinstance(value, dict):
        return {clean_json(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_json(v) for v in value]
    return value


def render_text(result: AuditResult) -> str:
    """The text report; every value from the list or the dossiers (folder names, cells)
    with control characters shown as escapes, so none can fake a line."""
    lst = result.list
    c = result.counts()
    unit = escape_controls(str(lst.meta.get("推荐单位") or ""))
    lines = [f"推荐汇总表核查：{result.rule.title}（{result.rule.attachment}）",
             f"  文件：{escape_controls(str(lst.path))}" + (f"    推荐单位：{unit}" if unit else ""),
             f"  表中 {len(lst.rows)} 行、不重复企业 {result.enterprises} 家；材料目录 {len(result.dossiers)} 份；"
             f"已对应 {len(result.matches)} 份",
             "结论：" + ("推荐表与申报材料一致。" if not result.findings else
                         f"发现 {len(result.findings)} 个问题（错误 {c['error']}，警告 {c['warning']}，"
                         f"提示 {c['info']}）"), ""]
    for sev in ("error", "warning", "info"):
        group = [f for f in result.findings if f.severity == sev]
        if not group:
            continue
        lines.append(f"{_SEV[sev]}（{len(group)}）")
        for f in group:
            lines.append(f"  [{f.code}] {escape_controls(f.message)}")
            if f.excerpt and f.row is not None:
                lines.append(f"      原文：{escape_controls(f.excerpt)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------- CLI

def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "audit-list", help="比对推荐汇总表（附件3/附件4）与目录中的申报材料",
        description="读取推荐汇总表（XLSX、DOCX 或 PDF），逐行与材料目录中的申报材料对应，"
                    "报告：表中有而无材料、有材料而不在表中、企业名称/所属行业/产品类别不一致、"
                    "重复行，以及通知规定的推荐数量要求。")
    p.add_argument("list", type=Path, help="推荐汇总表文件")
    p.add_argument("dir", type=Path, help="申报材料目录（每个子文件夹或 .zip 为一份）")
    p.add_argument("--program", required=True, help="申报项目 ID")
    p.add_argument("--reports", type=Path, default=None,
                   help="dossier batch 的输出目录（或其中的 reports/），复用已有报告，避免重复 OCR")
    p.add_argument("--as-of", type=parse_as_of, default=None,
                   help="需要重新核查材料时的基准日期（默认沿用 --reports 中的日期，否则今天）")
    p.add_argument("--workers", type=positive_int, default=None, help="需要核查材料时的并行进程数")
    p.add_argument("--ocr-engine", default=os.environ.get("DOSSIER_OCR_ENGINE", "rapidocr"),
                   choices=("rapidocr", "paddleocr"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--out", type=Path, default=None, help="写入文件而非标准输出")
    p.set_defaults(handler=run)
    return p


def _usage(message: str) -> int:
    print(f"dossier audit-list: 错误：{escape_controls(message)}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    from criteria.loader import load_all

    if not args.list.is_file():
        return _usage(f"推荐汇总表不存在：{args.list}")
    if not args.dir.is_dir():
        return _usage(f"材料目录不存在：{args.dir}")
    if args.reports is not None and not args.reports.is_dir():
        return _usage(f"--reports 目录不存在：{args.reports}")
    if args.program not in load_all():
        return _usage(f"未知的申报项目 {args.program!r}；可用：{', '.join(load_all())}")
    rule = LIST_RULES.get(args.program)
    if rule is None:
        return _usage(f"申报项目 {args.program} 没有推荐汇总表规则；已支持：{', '.join(LIST_RULES)}")
    try:
        rec_list = read_list(args.list, args.ocr_engine, cache_dir=default_cache_dir())
    except ListFormatError as e:
        return _usage(str(e))
    if rec_list.kind != rule.kind:
        other = "“数据赋能”优秀产品推荐汇总表（附件4）" if rec_list.kind == "product" else "“晨星工厂”推荐汇总表（附件3）"
        return _usage(f"{args.list.name} 看起来是{other}，与申报项目 {args.program} 不符")
    facts = collect_facts(args.dir, args.program, args.reports, as_of=args.as_of,
                          workers=args.workers, ocr_engine=args.ocr_engine,
                          log=lambda s: print(s, file=sys.stderr))
    result = audit(rec_list, facts, args.program, rule)
    if args.format == "json":
        out = json.dumps(clean_json(result.as_json()), ensure_ascii=False, indent=2) + "\n"
    else:
        out = render_text(result)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(out, encoding="utf-8", errors="replace")
        c = result.counts()
        print(f"比对结果已写入 {escape_controls(str(args.out))}（错误 {c['error']}，"
              f"警告 {c['warning']}，提示 {c['info']}）", file=sys.stderr)
    else:
        from dossier.cli import write_stdout

        write_stdout(out)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m dossier.audit_list …`, the same as `dossier audit-list …`."""
    parser = argparse.ArgumentParser(prog="dossier")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(["audit-list", *(argv if argv is not None else sys.argv[1:])])
    from dossier.cli import run_interruptible

    return run_interruptible(lambda: run(args))


if __name__ == "__main__":
    raise SystemExit(main())
