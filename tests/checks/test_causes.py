"""One cause, one finding: an unreadable file folds the absences it explains."""
from checks.registry import run_checks
from models import DocumentKind, FindingCode, Location
from models.readings import StatementFacts
from tests.builders import document
from tests.checks.helpers import ctx

ENCRYPTED = "文件已加密（设置了打开密码），无法读取，请提交未加密的文件"


def _dossier(unreadable_name: str):
    docs = [document("申报书.docx", kind=DocumentKind.declaration),
            document("营业执照.pdf", kind=DocumentKind.business_license),
            document("2020年利润表.pdf", kind=DocumentKind.financial_statement),
            document(unreadable_name, error=ENCRYPTED)]
    facts = [StatementFacts(2020, 1.0, "元", "利润表", Location(path="2020年利润表.pdf", page=1))]
    return run_checks(ctx(docs=docs, statements=facts))


def _about(findings, code, requirement):
    return [f for f in findings if f.code == code and f.requirement == requirement]


def test_encrypted_statement_named_for_the_missing_year_is_one_finding() -> None:
    findings = _dossier("2021年利润表.pdf")
    assert _about(findings, FindingCode.DATE_OUT_OF_RANGE, "attachment_2") == []
    [cause] = [f for f in findings if f.code == FindingCode.UNREADABLE_FILE]
    assert cause.requirement == "attachment_2"
    assert "2021" in cause.message and "无法核验" in cause.message
    assert cause.locations[0].path == "2021年利润表.pdf"


def test_file_named_by_attachment_number_explains_that_attachment() -> None:
    findings = _dossier("附件2.pdf")
    assert _about(findings, FindingCode.DATE_OUT_OF_RANGE, "attachment_2") == []
    assert [f.requirement for f in findings if f.code == FindingCode.UNREADABLE_FILE] == ["attachment_2"]
    # 附件3 (社保) is still missing: that file was 附件2, not 附件3.
    [absent] = _about(findings, FindingCode.MISSING_ATTACHMENT, "attachment_3")
    assert "可能即为" not in absent.message


def test_statement_for_another_year_does_not_explain_the_missing_one() -> None:
    findings = _dossier("2019年利润表.pdf")
    assert len(_about(findings, FindingCode.DATE_OUT_OF_RANGE, "attachment_2")) == 1
    [cause] = [f for f in findings if f.code == FindingCode.UNREADABLE_FILE]
    assert cause.requirement is None


def test_a_nameless_unreadable_file_is_pointed_at_not_folded() -> None:
    findings = _dossier("scan003.pdf")
    [gap] = _about(findings, FindingCode.DATE_OUT_OF_RANGE, "attachment_2")
    assert "scan003.pdf" in gap.message and "可能即为该材料" in gap.message
    assert len([f for f in findings if f.code == FindingCode.UNREADABLE_FILE]) == 1


def test_unreadable_declaration_replaces_the_missing_declaration() -> None:
    docs = [document("营业执照.pdf", kind=DocumentKind.business_license),
            document("晨星工厂申报书.pdf", error=ENCRYPTED)]
    findings = run_checks(ctx(docs=docs))
    assert _about(findings, FindingCode.MISSING_ATTACHMENT, "declaration") == []
    [cause] = [f for f in findings if f.code == FindingCode.UNREADABLE_FILE]
    assert cause.requirement == "declaration" and "申报书" in cause.message
