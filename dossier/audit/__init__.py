"""`dossier audit-list LIST DIR`: compare a recommending unit's recommendation list
(推荐汇总表) with the dossiers it recommends.

What a programme's list looks like and what its notice requires of it (title, attachment,
identifying columns, compared columns, quota) is data: the programme YAML's
``recommendation_list:`` block (criteria/recommendation_list.py). Each row is matched to a
dossier in DIR by company name, as the dossier's own check read it (report field
company_name; the folder name when the declaration gave none). Findings: a listed
enterprise without a dossier, a dossier not on the list, a row that disagrees with its
dossier (company name written differently, and the columns the programme compares), a row
listed twice, and the quota on the number of enterprises a unit recommends.

Dossier facts come from JSON reports: those of an earlier `dossier batch` or audit
(--reports OUTDIR, reused unless the dossier changed since), otherwise the dossiers are
checked now, as a batch in that folder (by default <output stem>-reports/ beside the
output), so their reports are kept for the reviewer and the next audit. An XLSX list also
gets an annotated copy: the same workbook with a 核查意见 column, one sentence per row.

Modules: read (the list file), facts (the dossiers), match (rows to dossiers, column
agreement), rules (the programme's list rules and the audit), render, annotate (the
annotated copy), cli.
"""
from __future__ import annotations

from dossier.audit.cli import EXIT_OK, EXIT_USAGE, add_parser, main, run
from dossier.audit.facts import DossierFacts, collect_facts
from dossier.audit.match import (FUZZY_MIN, Match, industries_agree, industry_segments, match_rows,
                                 name_match, product_class_agrees, product_names_agree)
from dossier.audit.read import (COLUMN_LABELS, ListFormatError, ListRow, RecommendationList,
                                column_for, read_list)
from dossier.audit.render import clean_json, render_text
from dossier.audit.rules import (LIST_RULES, AuditResult, ListRule, audit, list_kinds, list_rules,
                                 rule_for_kind)
from models.audit import ListFinding

__all__ = [
    "EXIT_OK", "EXIT_USAGE", "add_parser", "main", "run", "DossierFacts", "collect_facts",
    "FUZZY_MIN", "Match", "industries_agree", "industry_segments", "match_rows", "name_match",
    "product_class_agrees", "product_names_agree", "COLUMN_LABELS", "ListFormatError",
    "ListRow", "RecommendationList", "column_for", "read_list", "clean_json", "render_text",
    "LIST_RULES", "AuditResult", "ListRule", "audit", "list_kinds", "list_rules",
    "rule_for_kind", "ListFinding",
]
