"""The contract between rule kinds and their checks (checks.contract): every kind has one
check, and the YAML ``code:``, ``severity:`` and ``id`` are applied to what it finds."""
import typing

import pytest

from checks.contract import REGISTERED, RULE_SEVERITY, rule_kind
from checks.registry import RULE_CHECKS
from criteria.loader import load_all
from criteria.rules import WordRangeRule
from criteria.schema import Rule
from models import DocumentKind, FindingCode, Location, Severity
from models.readings import InsuranceFacts, StatementFacts
from tests.builders import document, ocr_page
from tests.checks.helpers import ctx, obs, rule

WAN = lambda v: {"amount_wan": v, "currency": "CNY"}  # noqa: E731
SCHEMA_KINDS = {rule_kind(t) for t in typing.get_args(typing.get_args(Rule)[0])}


def test_every_schema_rule_kind_has_exactly_one_check_for_its_class() -> None:
    assert set(RULE_CHECKS) == SCHEMA_KINDS == set(REGISTERED)
    for t in typing.get_args(typing.get_args(Rule)[0]):
        assert RULE_CHECKS[rule_kind(t)].rule_type is t


def test_every_check_names_the_codes_code_replaces() -> None:
    # Only amount_statement reports several verdicts of equal standing and takes no code:.
    assert [k for k, c in RULE_CHECKS.items() if not c.codes] == ["amount_statement"]


def test_no_shipped_rule_sets_code_on_a_kind_that_cannot_take_it() -> None:
    programmes = load_all()
    for p in programmes.values() if isinstance(programmes, dict) else programmes:
        for r in p.rules:
            assert r.code is None or RULE_CHECKS[r.kind].codes, (p.id, r.kind)


def _doc(kind, path):
    return document(path, kind=kind)


# (rule, context) that makes each kind's check report once (the 8 kinds that ignored code:
# before the contract, and one that honoured it already).
CASES = {
    "word_range": lambda: (WordRangeRule(kind="word_range", field="company_profile", min=10),
                           ctx([obs("company_profile", "太短")])),
    "equals": lambda: (rule("equals", field="registered_capital"),
                       ctx([obs("registered_capital", "3000", normalized=WAN(3000.0)),
                            obs("registered_capital", "伍仟万元整", "business_license",
                                normalized=WAN(5000.0))])),
    "identifier": lambda: (rule("identifier", field="uscc"),
                           ctx([obs("uscc", "91110000600037341K")])),
    "not_expired": lambda: (rule("not_expired"),
                            ctx([obs("business_term_end", "至2022年02月28日", "business_license",
                                     normalized="2022-02-28")])),
    "covers_years": lambda: (rule("covers_years"), ctx(
        docs=[_doc(DocumentKind.financial_statement, "a.pdf")],
        statements=[StatementFacts(2019, 1.0, "元", "利润表", Location(path="a.pdf", page=1))])),
    "covers_recent_months": lambda: (rule("covers_recent_months"), ctx(
        docs=[_doc(DocumentKind.social_insurance, "s.pdf")],
        insurance=[InsuranceFacts([(2022, 3), (2022, 4), (2022, 5)], Location(path="s.pdf"))])),
    "region": lambda: (rule("region"), ctx([obs("uscc", "91330100MA27XYZ12X", "business_license")])),
    "ocr_confidence": lambda: (rule("ocr_confidence"), ctx(docs=[
        document("scan.jpg", pages=[ocr_page([("模糊", (0, 0, 10, 10))], confidence=0.55)])])),
    "excludes": lambda: (rule("excludes"),
                         ctx([obs("licence_company_type", "有限责任公司分公司", "business_license")])),
}
# Kinds whose findings name a requirement of the report (field.<key>, an attachment id,
# eligibility.region) rather than the rule: the rule's id only fills a blank one.
LINKED = {"equals": "field.registered_capital", "identifier": "field.uscc",
          "not_expired": "field.business_term_end", "covers_years": "attachment_2",
          "covers_recent_months": "attachment_3", "region": "eligibility.region"}


def _with(r, **update):
    return r.model_validate({**r.model_dump(), **update})


@pytest.mark.parametrize("kind", sorted(CASES))
def test_the_rule_default_code_severity_and_requirement(kind: str) -> None:
    r, c = CASES[kind]()
    r = _with(r, id=None, code=None)
    found = RULE_CHECKS[kind](r, c)
    assert found and all(f.code in RULE_CHECKS[kind].codes for f in found)
    assert all(f.severity == Severity(r.severity) for f in found)


@pytest.mark.parametrize("kind", sorted(CASES))
def test_code_in_yaml_is_the_finding_code(kind: str) -> None:
    r, c = CASES[kind]()
    r = _with(r, code="CHECK_FAILED")
    found = RULE_CHECKS[kind](r, c)
    assert found and {f.code for f in found} == {FindingCode.CHECK_FAILED}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_severity_in_yaml_is_the_finding_severity(kind: str) -> None:
    r, c = CASES[kind]()
    r = _with(r, severity="info")
    found = RULE_CHECKS[kind](r, c)
    assert found and {f.severity for f in found} == {Severity.info}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_rule_id_is_the_requirement(kind: str) -> None:
    r, c = CASES[kind]()
    r = _with(r, id="the_rule")
    found = RULE_CHECKS[kind](r, c)
    assert found and {f.requirement for f in found} == {LINKED.get(kind, "the_rule")}


def test_a_deliberate_other_severity_is_kept() -> None:
    # identifier: a bad code identical on licence and declaration is a warning, whatever
    # the rule's severity; the default severity is what severity: replaces.
    bad = "91110000600037341K"
    c = ctx([obs("uscc", bad), obs("uscc", bad, "business_license")])
    r = _with(rule("identifier", field="uscc"), severity="error", code="CHECK_FAILED")
    [f] = RULE_CHECKS["identifier"](r, c)
    assert f.severity == Severity.warning and f.code == FindingCode.CHECK_FAILED
    assert RULE_SEVERITY == Severity.error


def test_code_on_a_kind_without_a_single_verdict_fails_loudly() -> None:
    from checks.contract import RuleCheck

    entry: RuleCheck = RULE_CHECKS["amount_statement"]
    r, c = CASES["word_range"]()
    found = RULE_CHECKS["word_range"](r, c)
    with pytest.raises(ValueError):
        entry.finish(_with(rule_for_amounts(), code="CHECK_FAILED"), found)


def rule_for_amounts():
    from criteria.rules import AmountStatementRule

    return AmountStatementRule(kind="amount_statement", title="投入", anchors=["总金额"],
                               total_terms=["总金额"])
