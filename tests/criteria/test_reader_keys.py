"""A field a programme reads from a document other than the declaration names a key that
document's reader declares (its module's PRODUCES): a typo fails at load time."""
from pathlib import Path

import pytest

from criteria.loader import READER_MODULES, CriteriaError, _reader, load_programme_file

PROG = """
id: reader-keys
title: 读取器键测试
year: 2024
source: 单元测试
declaration: {title_keywords: [测试申报书]}
fields:
  - {key: company_name, label: 企业名称}
  - {key: business_term_end, label: 营业期限, type: date, read_from: [business_license]}
  - {key: legal_rep_id_number, label: 公民身份号码, type: identifier, read_from: [id_card]}
  - key: revenue_last_year
    label: 上年度营业收入(万元)
    type: money
    statement: {figure: revenue, statement_type: 利润表, label: 营业收入}
rules:
  - {kind: equals, field: company_name, sources: [declaration, business_license]}
  - {kind: equals, field: revenue_last_year, sources: [declaration, financial_statement]}
"""


def _load(tmp_path: Path, text: str):
    p = tmp_path / "prog.yaml"
    p.write_text(text, encoding="utf-8")
    return load_programme_file(p)


def test_every_reader_declares_what_it_produces() -> None:
    for kind in READER_MODULES:
        assert isinstance(_reader(kind).PRODUCES, tuple), kind
    assert "revenue" in _reader("financial_statement").PRODUCES
    assert "利润表" in _reader("financial_statement").STATEMENT_TYPES


def test_declared_keys_load(tmp_path: Path) -> None:
    prog = _load(tmp_path, PROG)
    assert prog.field("revenue_last_year").statement.statement_type == "利润表"


@pytest.mark.parametrize("old, new, where", [
    ("field: company_name, sources", "field: business_term_end, sources", None),  # fine
    ("key: business_term_end, label: 营业期限, type: date, read_from",
     "key: business_term_ends, label: 营业期限, type: date, read_from",
     "fields.business_term_ends.read_from"),
    ("read_from: [id_card]", "read_from: [business_license]",
     "fields.legal_rep_id_number.read_from"),
    ("read_from: [id_card]", "read_from: [social_insurance]",
     "fields.legal_rep_id_number.read_from"),
    ("figure: revenue,", "figure: revenu,", "fields.revenue_last_year.statement.figure"),
    ("statement_type: 利润表", "statement_type: 损益表",
     "fields.revenue_last_year.statement.statement_type"),
    ("    statement: {figure: revenue, statement_type: 利润表, label: 营业收入}\n", "",
     "rules.1(equals).sources"),
])
def test_a_key_no_reader_produces_fails_at_load(tmp_path: Path, old: str, new: str,
                                               where: str | None) -> None:
    text = PROG.replace(old, new)
    assert text != PROG
    if where is None:
        _load(tmp_path, text)
        return
    with pytest.raises(CriteriaError) as e:
        _load(tmp_path, text)
    assert where in str(e.value) and "读取器" in str(e.value) and "reader" in str(e.value)
