"""The list rules of a programme (its YAML's ``recommendation_list:``) and the audit that
applies them: duplicates, rows without a dossier, dossiers not listed, rows that disagree
with their dossier, and the quota of enterprises one recommending unit must list."""
from __future__ import annotations

import builtins
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from criteria.recommendation_list import RecommendationList as ListRule
from domain.names import canonical_company_suffix
from dossier.audit.facts import DossierFacts
from dossier.audit.match import (Match, industries_agree, match_rows, product_class_agrees,
                                 product_names_agree)
from dossier.audit.read import ListRow, RecommendationList, norm
from models.audit import ListFinding, ListSeverity


# ---------------------------------------------------------------------------- rules

def list_rules() -> dict[str, ListRule]:
    """Programme id → its recommendation list rules, for every programme that has them."""
    from criteria.loader import load_all

    return {pid: rule for pid, p in load_all().items()
            if (rule := getattr(p, "recommendation_list", None)) is not None}


def list_kinds() -> list[tuple[str, list[str]]]:
    """(kind, identifying columns) of every known list, for read_list."""
    seen: dict[str, list[str]] = {}
    for rule in list_rules().values():
        seen.setdefault(rule.kind, list(rule.header.identified_by))
    return list(seen.items())


def rule_for_kind(kind: str) -> ListRule | None:
    return next((r for r in list_rules().values() if r.kind == kind), None)


class _ListRules(Mapping[str, ListRule]):
    """``list_rules()`` as a mapping read when used (the catalogue loads on first use)."""

    def __getitem__(self, program: str) -> ListRule:
        return list_rules()[program]

    def __iter__(self) -> Iterator[str]:
        return iter(list_rules())

    def __len__(self) -> int:
        return len(list_rules())


LIST_RULES: Mapping[str, ListRule] = _ListRules()


# -------------------------------------------------------------------------- audit

@dataclass
class AuditResult:
    list: RecommendationList
    rule: ListRule
    program: str
    # builtins.list: in this class body ``list`` is the field above.
    dossiers: builtins.list[DossierFacts]
    matches: builtins.list[Match]
    findings: builtins.list[ListFinding]

    @property
    def enterprises(self) -> int:
        return len({canonical_company_suffix(r.company) for r in self.list.rows})

    def counts(self) -> dict[str, int]:
        c = Counter(f.severity for f in self.findings)
        return {k: c.get(k, 0) for k in ("error", "warning", "info")}

    def as_json(self) -> dict[str, Any]:
        return {
            "list": self.list.path, "program": self.program, "kind": self.list.kind,
            "title": self.rule.title.value, "attachment": self.rule.attachment.value,
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


def _row_finding(code: str, severity: ListSeverity, row: ListRow, message: str,
                 **kw: Any) -> ListFinding:
    return ListFinding(code=code, severity=severity, message=message, row=row.row,
                       serial=row.serial or None, page=row.page, excerpt=row.excerpt, **kw)


def _looks_like_company(name: str) -> bool:
    return len(name) >= 6 and name.endswith(("公司", "厂", "合作社", "中心", "研究院"))


def _duplicate_key(row: ListRow, products: bool) -> tuple[str, ...]:
    company = canonical_company_suffix(row.company)
    if products:
        return company, norm(row.values.get("product_name", ""))
    return (company,)


def audit(rec_list: RecommendationList, dossiers: list[DossierFacts], program: str,
          rule: ListRule) -> AuditResult:
    findings: list[ListFinding] = []
    # A list of products (a company may list several): a row is a company's product.
    products = rule.compares("product_name")
    first_seen: dict[tuple[str, ...], ListRow] = {}
    unique_rows: list[ListRow] = []
    for row in rec_list.rows:
        key = _duplicate_key(row, products)
        if key in first_seen:
            prev = first_seen[key]
            what = f"“{row.company}”" + (f"的“{row.values.get('product_name')}”"
                                         if products else "")
            findings.append(_row_finding(
                "LIST_DUPLICATE", "error", row,
                f"{_where(row)}：{what}与{_where(prev)}重复，同一{'产品' if products else '企业'}"
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
        findings.extend(_compare(m, rule))
    quota = rule.quota
    if quota.min_enterprises is not None:
        n = len(unique_rows)
        if n < quota.min_enterprises:
            unit = rec_list.meta.get("推荐单位")
            findings.append(ListFinding(
                code="LIST_QUOTA", severity=quota.severity,
                message=f"{'推荐单位“' + unit + '”' if unit else '本表'}推荐 {n} 家企业，少于通知要求的"
                        f" {quota.min_enterprises} 家（{quota.cite}）。",
                excerpt=f"推荐单位：{unit or '（未填）'}；不重复企业 {n} 家",
                expected=quota.min_enterprises, actual=n))
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order[f.severity], f.row if f.row is not None else 10**9,
                                 f.code, f.dossier or ""))
    return AuditResult(list=rec_list, rule=rule, program=program, dossiers=dossiers,
                       matches=matches, findings=findings)


def _compare(m: Match, rule: ListRule) -> list[ListFinding]:
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
    # The other columns the programme's list compares, with the report field of each.
    fields = {c.column: c.field for c in rule.compare}
    if "industry" in fields:
        key = fields["industry"]
        listed = row.values.get("industry", "")
        declared = str(d.value(key) or "")
        if listed and declared and not industries_agree(listed, declared):
            out.append(_row_finding(
                "LIST_MISMATCH", "error", row,
                f"{_where(row)}：“{row.company}”的所属行业推荐表填“{listed}”，"
                f"申报书填“{declared}”，两者不一致。",
                dossier=d.entry, field=key, expected=declared, actual=listed))
    if "product_class" in fields:
        key = fields["product_class"]
        listed = row.values.get("product_class", "")
        declared_class = d.value(key)
        agrees = product_class_agrees(listed, declared_class)
        if agrees is False:
            shown = "、".join(declared_class) if isinstance(declared_class, list) else str(declared_class)
            out.append(_row_finding(
                "LIST_MISMATCH", "error", row,
                f"{_where(row)}：“{row.company}”的申报产品类别推荐表填“{listed}”，"
                f"申报书勾选“{shown}”，两者不一致。",
                dossier=d.entry, field=key, expected=declared_class, actual=listed))
    if "product_name" in fields:
        key = fields["product_name"]
        listed_name = row.values.get("product_name", "")
        declared_name_p = str(d.value(key) or "")
        if listed_name and declared_name_p and not product_names_agree(listed_name, declared_name_p):
            out.append(_row_finding(
                "LIST_MISMATCH", "warning", row,
                f"{_where(row)}：申报产品名称推荐表填“{listed_name}”，申报书填“{declared_name_p}”，"
                f"请核实。", dossier=d.entry, field=key, expected=declared_name_p,
                actual=listed_name))
    return out
