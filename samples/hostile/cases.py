"""Registry of the hostile-input cases of issue 11 and what a correct outcome is for each.

A case is *one* hostile file put into a good sample dossier (``<programme>/clean`` from
``samples.generate``): either added next to the good files, or replacing the good file of
the same name (the hostile declarations and the spreadsheet). The bench
(``bench/hostile.py``) and the tests (``tests/fuzz``) both use this module, so the
expectations and the "rest unchanged" rule are written down once.

Correct outcome (:class:`Expectation`)
--------------------------------------
* ``any_of``: at least one finding with one of these codes is *on the hostile file*
  (a location on its path, or under it for an archive's members) – or, for
  ``RESOURCE_LIMIT`` only, a run-level finding with no location (the per-dossier OCR page
  limit is reported that way; the baseline has none, so it is the hostile file's doing);
* ``fields``: (code, field) pairs that must be reported (INVALID_VALUE for a value that
  cannot be what it claims);
* ``forbid`` / ``forbid_fields``: codes that must not appear on the hostile file (a crash
  turned into CHECK_FAILED, an "unreadable" for a file that is merely odd, a comparison
  made with a value that could not be read);
* ``readable``: the file must be read (listed without an error);
* ``name_shown``: the name the report must show for the file (a GBK name decoded);
* ``max_on_file``: "one clear finding" – at most this many error/warning findings on the
  hostile file (a zip bomb must not produce a finding per member).

"Rest unchanged" (:func:`rest_unchanged`)
-----------------------------------------
The findings about the good files must be the same multiset with and without the
hostile file. A finding is keyed by (code, severity, requirement, field, sorted set of
location paths). Left out on both sides, because they are about the hostile file and
would differ legitimately:

1. findings with any location on a hostile path: the hostile file's own rel path and
   every document path that the hostile run lists and the baseline run does not (a name
   the checker shows differently from ours, an archive's members). A replaced file has
   the same path in both runs, so what the baseline said about the good version is left
   out as well;
2. ``RESOURCE_LIMIT`` findings with no location (run-level limits);
3. findings about something *missing* (MISSING_ATTACHMENT, MISSING_EVIDENCE,
   MISSING_FIELD, OPTION_NOT_SELECTED, COUNT_BELOW_MINIMUM) whose requirement lists a
   hostile path as evidence, or whose field has a reading located on a hostile path, in
   either run: the hostile file may fairly satisfy (or, when it replaces the good file,
   stop satisfying) exactly those.

Everything else must be identical: a hostile file that changes how a good file is
classified, drops a reading, or runs the dossier out of time shows up here.
"""
from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from samples.hostile import extra

CHENXING = "sd-chenxing-2022"
ZHEJIANG = "zj-future-factory"

MISSING_CODES = frozenset({"MISSING_ATTACHMENT", "MISSING_EVIDENCE", "MISSING_FIELD",
                           "OPTION_NOT_SELECTED", "COUNT_BELOW_MINIMUM"})
NEVER = frozenset({"CHECK_FAILED"})


@dataclass(frozen=True)
class Expectation:
    summary: str  # one line for humans: what a correct outcome is
    any_of: frozenset[str] = frozenset()
    fields: tuple[tuple[str, str], ...] = ()
    forbid: frozenset[str] = NEVER
    forbid_fields: tuple[tuple[str, str], ...] = ()
    readable: bool = False
    name_shown: str | None = None
    # Accept a shown name that starts/ends like this instead of name_shown exactly (a
    # control character made visible by the report is fine; the file must be there).
    name_like: tuple[str, str] | None = None
    max_on_file: int | None = None


@dataclass(frozen=True)
class HostileCase:
    name: str
    description: str
    expect: Expectation
    # Content cases: make(path) writes ``rel`` inside the dossier. Name cases
    # (rel None): make(directory) chooses the name and returns the written path.
    make: Callable[[Path], Path]
    rel: str | None = None
    # None: any programme's clean sample will do (the bench's --program); otherwise the
    # case is about that programme's form and uses its clean sample.
    program: str | None = None
    # The file is big or slow on purpose (bombs): the fast tests leave these out.
    heavy: bool = False

    def shown_rel(self) -> str:
        """The path the report should show for the hostile file."""
        if self.expect.name_shown is not None:
            return self.expect.name_shown
        assert self.rel is not None
        return self.rel

    def program_for(self, default: str = CHENXING) -> str:
        return self.program or default

    def place(self, dossier_dir: Path) -> str:
        """Write the hostile file into ``dossier_dir`` (replacing a good file of the same
        name); return the rel path the report should show for it."""
        dossier_dir = Path(dossier_dir)
        if self.rel is None:
            self.make(dossier_dir)
        else:
            target = dossier_dir / self.rel
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            self.make(target)
        return self.shown_rel()


def _hostile(name: str) -> Callable[[Path], Path]:
    """A generator of samples.hostile (written by another change; imported late)."""
    def make(path: Path) -> Path:
        import samples.hostile as h

        return getattr(h, name)(path)
    make.__name__ = name
    return make


UNREADABLE = frozenset({"UNREADABLE_FILE"})
LIMIT = frozenset({"RESOURCE_LIMIT"})
LIMIT_OR_UNREADABLE = frozenset({"RESOURCE_LIMIT", "UNREADABLE_FILE"})
NOT_BROKEN = frozenset({"CHECK_FAILED", "UNREADABLE_FILE"})

CASES: dict[str, HostileCase] = {c.name: c for c in (
    # ---- names ----
    HostileCase(
        "gbk_name", "a readable note PDF whose file name is GBK bytes on disk",
        Expectation("read; shown as “附件6 情况说明.pdf” (decoded from GBK); no crash",
                    forbid=NOT_BROKEN, readable=True, name_shown=extra.GBK_NAME_TEXT),
        extra.gbk_named_pdf),
    HostileCase(
        "newline_name", "a readable note PDF whose name holds a line feed",
        Expectation("read; listed under its name (control character kept or made visible); no crash",
                    forbid=NOT_BROKEN, readable=True, name_shown=extra.NEWLINE_NAME,
                    name_like=("情况说明", ".pdf")),
        extra.newline_named_pdf),
    HostileCase(
        "rtl_name", "a readable note PDF whose name holds U+202E (right-to-left override)",
        Expectation("read; listed under its name (U+202E kept or made visible); no crash",
                    forbid=NOT_BROKEN, readable=True, name_shown=extra.RTL_NAME,
                    name_like=("情况说明", ".pdf")),
        extra.rtl_named_pdf),
    # ---- values ----
    HostileCase(
        "impossible_date", "the declaration with 注册日期 2022年13月45日 (replaces 申报书.docx)",
        Expectation("INVALID_VALUE establishment_date; no INCONSISTENT_VALUE/MISSING_FIELD for it",
                    fields=(("INVALID_VALUE", "establishment_date"),),
                    forbid=NOT_BROKEN,
                    forbid_fields=(("INCONSISTENT_VALUE", "establishment_date"),
                                   ("MISSING_FIELD", "establishment_date"))),
        extra.impossible_date_declaration, rel="申报书.docx", program=CHENXING),
    HostileCase(
        "overflow_numbers", "the declaration with 注册资金 1e999 and 营收 -1.8e308 (replaces 申报书.docx)",
        Expectation("INVALID_VALUE registered_capital and revenue_last_year; no comparison made with them",
                    fields=(("INVALID_VALUE", "registered_capital"),
                            ("INVALID_VALUE", "revenue_last_year")),
                    forbid=NOT_BROKEN,
                    forbid_fields=(("INCONSISTENT_VALUE", "registered_capital"),
                                   ("INCONSISTENT_VALUE", "revenue_last_year"),
                                   ("MISSING_FIELD", "registered_capital"),
                                   ("MISSING_FIELD", "revenue_last_year"))),
        extra.overflow_numbers_declaration, rel="申报书.docx", program=CHENXING),
    HostileCase(
        "xlsx_error_cells", "equipment list with #DIV/0!, #REF! and an uncached =1/0 (replaces 附件2.xlsx)",
        Expectation("INVALID_VALUE on 附件2.xlsx (error cells in declared figures); no CALCULATION_MISMATCH from them",
                    any_of=frozenset({"INVALID_VALUE"}),
                    forbid=frozenset({"CHECK_FAILED", "UNREADABLE_FILE", "CALCULATION_MISMATCH"})),
        extra.error_cells_xlsx, rel="附件2.xlsx", program=ZHEJIANG),
    # ---- broken files ----
    HostileCase(
        "truncated_pdf", "a text statement PDF cut at 40 % (scan002.pdf)",
        Expectation("UNREADABLE_FILE on it", any_of=UNREADABLE, max_on_file=1),
        extra.truncated_pdf, rel="scan002.pdf"),
    HostileCase(
        "zero_byte", "an empty file (empty.docx)",
        Expectation("UNREADABLE_FILE on it", any_of=UNREADABLE, max_on_file=1),
        extra.zero_byte_file, rel="empty.docx"),
    HostileCase(
        "corrupt_png", "a PNG whose IDAT does not inflate (CRCs valid)",
        Expectation("UNREADABLE_FILE on it", any_of=UNREADABLE, max_on_file=1),
        extra.corrupt_idat_png, rel="微信图片_20221205143100.png"),
    HostileCase(
        "encrypted_zip", "a ZIP whose members are flagged encrypted (附件6.zip)",
        Expectation("UNREADABLE_FILE on the zip or its members (password protected)",
                    any_of=UNREADABLE, max_on_file=2),
        extra.encrypted_zip, rel="附件6.zip"),
    HostileCase(
        "huge_header_png", "a 167-byte PNG whose IHDR claims 30000×30000 RGB",
        Expectation("refused from the header: RESOURCE_LIMIT or UNREADABLE_FILE, one finding",
                    any_of=LIMIT_OR_UNREADABLE, max_on_file=1),
        extra.huge_header_png, rel="IMG_20221201_1000.png"),
    HostileCase(
        "many_paragraphs", "a valid DOCX of 200,000 one-character paragraphs",
        Expectation("read within the limits (RESOURCE_LIMIT allowed), not unreadable",
                    forbid=NOT_BROKEN, readable=True),
        extra.many_paragraphs_docx, rel="附件6 说明.docx"),
    # ---- bombs (samples.hostile) ----
    HostileCase(
        "inflated_docx", "a DOCX whose document.xml inflates to 200 MB",
        Expectation("refused or cut at the XML limit: one RESOURCE_LIMIT or UNREADABLE_FILE with the reason",
                    any_of=LIMIT_OR_UNREADABLE, forbid=NEVER, max_on_file=1),
        _hostile("inflated_docx"), rel="附件6-1.docx", heavy=True),
    HostileCase(
        "long_text_docx", "a DOCX of 2,000,000 characters",
        Expectation("RESOURCE_LIMIT (text_chars) on it; the text kept is used",
                    any_of=LIMIT, forbid=NOT_BROKEN),
        _hostile("long_text_docx"), rel="附件6-2.docx", heavy=True),
    HostileCase(
        "huge_page_pdf", "a 1 KB PDF with one blank 100×100-inch page",
        Expectation("RESOURCE_LIMIT (page_pixels, rendered scaled down)", any_of=LIMIT,
                    forbid=NEVER),
        _hostile("huge_page_pdf"), rel="扫描全能王 2022-12-06 11.20.pdf", heavy=True),
    HostileCase(
        "many_page_tiff", "a TIFF of 500 tiny frames",
        Expectation("RESOURCE_LIMIT (pages or OCR pages per dossier)", any_of=LIMIT,
                    forbid=NEVER),
        _hostile("many_page_tiff"), rel="scan003.tif", heavy=True),
    HostileCase(
        "huge_image_png", "a valid 30000×30000 1-bit PNG (~110 KB)",
        Expectation("refused before decoding: one RESOURCE_LIMIT or UNREADABLE_FILE with the size",
                    any_of=LIMIT_OR_UNREADABLE, forbid=NEVER, max_on_file=1),
        _hostile("huge_image_png"), rel="IMG_20221201_0950.png", heavy=True),
    HostileCase(
        "nested_zip_bomb", "zip in zip in zip, 2,304 members, 9.7 GB inflated",
        Expectation("stopped while unpacking: one RESOURCE_LIMIT or UNREADABLE_FILE on the zip",
                    any_of=LIMIT_OR_UNREADABLE, forbid=NEVER, max_on_file=3),
        _hostile("nested_zip_bomb"), rel="材料.zip", heavy=True),
)}

# Cheap cases for the property test: no OCR, no bombs, each under a second to check.
CHEAP_CASES: tuple[str, ...] = ("truncated_pdf", "zero_byte", "gbk_name", "newline_name")


# ---------------------------------------------------------------- evaluation ----

def _paths(finding: dict) -> list[str]:
    return [loc.get("path") for loc in finding.get("locations") or [] if loc.get("path")]


def _doc_paths(report: dict) -> set[str]:
    return {d["path"] for d in report.get("documents") or []}


def hostile_paths(report: dict, baseline: dict | None, shown_rel: str) -> set[str]:
    """The hostile file's path and every document path new in ``report``."""
    out = {shown_rel}
    if baseline is not None:
        out |= _doc_paths(report) - _doc_paths(baseline)
    return out


def _on(path: str, hostile: Iterable[str]) -> bool:
    return any(path == h or path.startswith(h.rstrip("/") + "/") for h in hostile)


def on_hostile(finding: dict, hostile: set[str]) -> bool:
    return any(_on(p, hostile) for p in _paths(finding))


def findings_on_file(report: dict, hostile: set[str]) -> list[dict]:
    """Findings located on the hostile file, plus run-level RESOURCE_LIMITs."""
    return [f for f in report.get("findings") or []
            if on_hostile(f, hostile) or (f["code"] == "RESOURCE_LIMIT" and not _paths(f))]


@dataclass
class Verdict:
    ok: bool
    codes: list[str]  # codes on the hostile file, sorted
    problems: list[str] = field(default_factory=list)


def evaluate(case: HostileCase, report: dict, baseline: dict | None = None) -> Verdict:
    """Does ``report`` (the JSON report of baseline + hostile file) give the correct
    outcome for the hostile file?"""
    exp = case.expect
    hostile = hostile_paths(report, baseline, case.shown_rel())
    mine = findings_on_file(report, hostile)
    codes = sorted(f["code"] for f in mine)
    problems: list[str] = []
    if exp.any_of and not any(c in exp.any_of for c in codes):
        problems.append(f"expected one of {sorted(exp.any_of)} on the file, got {codes or 'nothing'}")
    for code, key in exp.fields:
        if not any(f["code"] == code and f.get("field") == key for f in report.get("findings") or []):
            problems.append(f"missing {code} {key}")
    for code in sorted(exp.forbid & set(codes)):
        problems.append(f"unexpected {code} on the file")
    for code, key in exp.forbid_fields:
        if any(f["code"] == code and f.get("field") == key for f in report.get("findings") or []):
            problems.append(f"unexpected {code} {key}")
    if exp.max_on_file is not None:
        n = sum(1 for f in mine if f.get("severity") in ("error", "warning"))
        if n > exp.max_on_file:
            problems.append(f"{n} findings on the file (at most {exp.max_on_file})")
    docs = {d["path"]: d for d in report.get("documents") or []}
    if exp.name_shown is not None or exp.name_like is not None:
        shown = exp.name_shown in docs
        if not shown and exp.name_like is not None:
            head, tail = exp.name_like
            shown = any(p.startswith(head) and p.endswith(tail) for p in docs)
        if not shown:
            problems.append(f"name {exp.name_shown!r} not among the documents "
                            f"{sorted(p for p in docs if _on(p, hostile))}")
    if exp.readable:
        listed = [d for p, d in docs.items() if _on(p, hostile)]
        if not listed:
            problems.append("the file is not listed among the documents")
        # An unreadable document is reported as UNREADABLE_FILE (forbidden above).
    return Verdict(ok=not problems, codes=codes, problems=problems)


def _satisfied_by(report: dict, hostile: set[str]) -> tuple[set[str], set[str]]:
    """Requirements that list a hostile path as evidence; fields with a reading there."""
    reqs = {r["id"] for r in report.get("requirements") or []
            if any(_on(e.get("path") or "", hostile) for e in r.get("evidence") or [])}
    fields_ = set()
    for key, f in (report.get("fields") or {}).items():
        locs = [(r.get("location") or {}).get("path") or "" for r in f.get("readings") or []]
        src = (f.get("source") or {}).get("path") or ""
        if any(_on(p, hostile) for p in [*locs, src]):
            fields_.add(key)
    return reqs, fields_


RestKey = tuple[str, str, str | None, str | None, tuple[str, ...]]


def rest_findings(report: dict, hostile: set[str], reqs: set[str], fields_: set[str]
                  ) -> Counter[RestKey]:
    out: Counter[RestKey] = Counter()
    for f in report.get("findings") or []:
        if on_hostile(f, hostile):
            continue
        if f["code"] == "RESOURCE_LIMIT" and not _paths(f):
            continue
        if f["code"] in MISSING_CODES and (f.get("requirement") in reqs or f.get("field") in fields_):
            continue
        out[(f["code"], f.get("severity") or "", f.get("requirement"), f.get("field"),
             tuple(sorted(set(_paths(f)))))] += 1
    return out


@dataclass
class RestDiff:
    unchanged: bool
    only_baseline: list[RestKey]
    only_hostile: list[RestKey]


def rest_unchanged(baseline: dict, report: dict, shown_rel: str) -> RestDiff:
    """Compare the findings about the good files (see the module docstring)."""
    hostile = hostile_paths(report, baseline, shown_rel)
    r1, f1 = _satisfied_by(baseline, hostile)
    r2, f2 = _satisfied_by(report, hostile)
    reqs, fields_ = r1 | r2, f1 | f2
    a = rest_findings(baseline, hostile, reqs, fields_)
    b = rest_findings(report, hostile, reqs, fields_)
    return RestDiff(unchanged=a == b, only_baseline=sorted((a - b).elements()),
                    only_hostile=sorted((b - a).elements()))


def copy_dossier(src: Path, dst: Path) -> Path:
    """A fresh copy of a generated dossier folder."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    return dst


def selected(names: Iterable[str] | None = None, *, heavy: bool = True) -> list[HostileCase]:
    if names:
        unknown = sorted(set(names) - set(CASES))
        if unknown:
            raise KeyError(f"unknown hostile case(s): {', '.join(unknown)}; known: {', '.join(CASES)}")
        return [CASES[n] for n in names]
    return [c for c in CASES.values() if heavy or not c.heavy]


__all__ = ["CASES", "CHEAP_CASES", "Expectation", "HostileCase", "RestDiff", "Verdict",
           "copy_dossier", "evaluate", "findings_on_file", "hostile_paths", "rest_unchanged",
           "selected"]
