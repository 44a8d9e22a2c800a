from __future__ import annotations

import pytest

from domain.names import (
    canonical_company_suffix,
    company_name_similarity,
    company_names_match,
    normalize_company_name,
    normalize_text,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("山东晨星科技有限公司", "山东晨星科技有限公司"),
        ("晨星（山东）科技有限公司", "晨星(山东)科技有限公司"),
        ("晨星(山东)科技有限公司", "晨星(山东)科技有限公司"),
        ("晨星〔山东〕科技有限公司", "晨星(山东)科技有限公司"),
        ("晨星【山东】科技有限公司", "晨星(山东)科技有限公司"),
        ("山东 晨星 科技\u3000有限公司", "山东晨星科技有限公司"),
        ("山东晨星科技有限公司。", "山东晨星科技有限公司"),
        ("：山东晨星科技有限公司，", "山东晨星科技有限公司"),
        ("“山东晨星科技有限公司”", "山东晨星科技有限公司"),
        ("ＡＢＣ智能装备有限公司", "ABC智能装备有限公司"),
        ("山东晨星科技有限公司（山东）", "山东晨星科技有限公司(山东)"),
        ("", ""),
    ],
)
def test_normalize_company_name(raw: str, expected: str) -> None:
    assert normalize_company_name(raw) == expected


def test_names_match_across_bracket_width_and_spaces() -> None:
    assert company_names_match("晨星（山东）科技有限公司", "晨星 (山东) 科技有限公司")
    assert company_names_match("ＡＢＣ智能装备有限公司", "ABC智能装备有限公司")
    assert not company_names_match("山东晨星科技有限公司", "山东晨星科技股份有限公司")
    assert not company_names_match("ABC智能装备有限公司", "abc智能装备有限公司")
    assert not company_names_match("", "")


def test_suffix_is_fuzzy_only() -> None:
    a, b = "山东晨星科技有限责任公司", "山东晨星科技有限公司"
    assert not company_names_match(a, b)
    assert canonical_company_suffix(a) == canonical_company_suffix(b) == "山东晨星科技有限公司"
    assert canonical_company_suffix("山东晨星科技股份有限公司") == "山东晨星科技股份有限公司"
    assert company_name_similarity(a, b, canonical_suffix=True) == 100.0
    assert company_name_similarity(a, b) < 100.0


def test_similarity() -> None:
    assert company_name_similarity("晨星（山东）科技有限公司", "晨星(山东)科技有限公司") == 100.0
    near = company_name_similarity("山东晨星科技有限公司", "山东晨星料技有限公司")  # OCR slip
    far = company_name_similarity("山东晨星科技有限公司", "浙江明月纺织有限公司")
    assert 85.0 < near < 100.0
    assert far < near
    assert company_name_similarity("", "") == 0.0


def test_normalize_text() -> None:
    assert normalize_text("  智能\u3000 制造\n\t工厂 ") == "智能 制造 工厂"
    assert normalize_text("ＭＥＳ（系统）") == "MES(系统)"
    assert normalize_text("") == ""
