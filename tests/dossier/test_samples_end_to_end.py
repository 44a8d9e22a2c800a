"""Every sample dossier yields exactly its planted defects (errors and warnings)."""
from __future__ import annotations

from collections import Counter

import jsonschema
import pytest
from rapidfuzz import fuzz

from criteria.loader import load_programme
from dossier.report_schema import report_json_schema
from samples.generate import DOSSIERS
from tests.dossier.conftest import expected_for

PROGRAM = "sd-chenxing-2022"
# Every registered sample of every programme.
CASES = sorted((d.program, d.name) for d in DOSSIERS)


@pytest.mark.parametrize("program, name", CASES)
def test_committed_expectations_match_the_sample_definitions(program: str, name: str) -> None:
    d = next(d for d in DOSSIERS if (d.program, d.name) == (program, name))
    assert expected_for(program)[name] == d.expected_json()


def _key(code: str, field: str | None, requirement: str | None, severity: str,
         with_requirement: bool) -> tuple:
    return (code, field, requirement if with_requirement else None, severity)


@pytest.mark.parametrize("program, name", CASES)
def test_sample_yields_exactly_its_defects(run_sample, program: str, name: str) -> None:
    exp = expected_for(program)[name]
    report = run_sample(program, name).report
    # Attachment-level findings carry no field; their requirement id is part of the
    # contract. For field findings the requirement is field.<key>, derived, so not compared.
    def k(d: dict) -> tuple:
        return _key(d["code"], d.get("field"), d.get("requirement"), d["severity"],
                    d.get("field") is None)

    got = Counter(k(f.model_dump(mode="json")) for f in report.findings
                  if f.severity.value in ("error", "warning"))
    want = Counter(k(f) for f in exp["findings"])
    details = "\n".join(f"  {f.code.value} {f.field} {f.requirement}: {f.message}"
                        for f in report.findings)
    assert got == want, f"{name}: got\n{details}"


@pytest.mark.parametrize("program, name", CASES)
def test_report_validates_against_committed_schema(run_sample, program: str, name: str) -> None:
    report = run_sample(program, name).report
    jsonschema.validate(report.model_dump(mode="json"), report_json_schema())
    # Every finding says where.
    assert all(f.locations and all(loc.path for loc in f.locations) for f in report.findings)


def test_clean_sample_is_ready_with_core_fields(run_sample) -> None:
    report = run_sample(PROGRAM, "clean").report
    assert report.summary.errors == 0 and report.summary.verdict.value == "ready"
    for key in ("company_name", "uscc", "legal_representative", "registered_capital",
                "establishment_date", "address", "business_term_end", "company_type",
                "employees", "revenue_last_year", "contact_name", "contact_phone",
                "contact_email", "industry"):
        assert key in report.fields, key
    kinds = Counter(d.kind for d in report.documents)
    assert kinds["declaration"] == 1 and kinds["business_license"] == 1
    assert kinds["financial_statement"] == 2 and kinds["social_insurance"] == 1


def test_scanned_declaration_reads_same_fields_as_docx_twin(run_sample) -> None:
    docx = run_sample(PROGRAM, "clean")
    scan = run_sample(PROGRAM, "scanned_declaration")
    def decl(run):
        return {o.key: (o.options if o.options is not None else o.normalized)
                for o in run.observations if o.source == "declaration" and not o.is_empty}
    a, b = decl(docx), decl(scan)
    assert set(a) == set(b), set(a) ^ set(b)
    prog = load_programme(PROGRAM)
    diff = {}
    for k in a:
        if prog.field(k).type == "long_text":
            # Paragraphs of several hundred characters: allow the odd OCR slip.
            if fuzz.ratio(a[k], b[k]) < 97:
                diff[k] = (a[k], b[k])
        elif a[k] != b[k]:
            diff[k] = (a[k], b[k])
    assert not diff, diff


def test_unreadable_files_do_not_stop_the_check(run_sample) -> None:
    report = run_sample(PROGRAM, "unreadable_files").report
    bad = [f for f in report.findings if f.code.value == "UNREADABLE_FILE"]
    assert len(bad) == 3
    assert "business_license" in {d.kind for d in report.documents}
    assert report.fields.get("company_name") is not None


@pytest.mark.parametrize("program", sorted({p for p, _ in CASES}))
def test_every_rule_is_exercised_by_a_sample(run_sample, blind_runs, program: str) -> None:
    """By our own samples or by the blind corpora (dossiers written from the seeds by
    others, samples/blind/): each rule fires on some dossier."""
    from checks.registry import rule_key
    from samples.blind import scoring

    fired: set[str] = set()
    for p, name in CASES:
        if p == program:
            fired |= set(run_sample(p, name).fired_rules)
    for writer in scoring.writers():
        if scoring.PROGRAM_OF_WRITER_PREFIX[writer.split("_")[0]] == program:
            for _label, run in blind_runs(writer):
                fired |= set(run.fired_rules)
    prog = load_programme(program)
    # OCR confidence is exercised by unit tests on a degraded page, not by a sample.
    unexercised = [rule_key(r) for r in prog.rules
                   if rule_key(r) not in fired and r.kind != "ocr_confidence"]
    assert not unexercised, f"{program}: rules no sample triggers: {unexercised}"
