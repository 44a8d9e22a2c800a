"""字数 as Microsoft Word counts it (domain-facts.md § Counting 字数)."""

from __future__ import annotations

import pytest

from domain.word_count import (
    WordCountRule,
    libreoffice_word_count,
    word_count,
    word_count_breakdown,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The examples in domain-facts.md.
        ("一二三四五 six seven eight", 8),
        ("5G", 1),
        ("MES", 1),
        ("2021", 1),
        ("DCMM2", 1),
        # CJK ideographs, one each, incl. Ext A (㐀) and a compatibility ideograph (豈).
        ("智能制造", 4),
        ("㐀豈", 2),
        ("𠀀", 1),  # Ext B
        # Full-width punctuation, one each.
        ("，。、；：？！", 7),
        ("“智能工厂”", 6),
        ("《中国制造2025》", 7),
        ("（一）", 3),
        ("……", 2),
        ("——", 2),
        ("〇", 1),
        ("【】「」〔〕", 6),
        # Runs of half-width letters/digits/symbols end at CJK or full-width characters.
        ("MES系统", 3),
        ("5G网络", 3),
        ("2021年", 2),
        ("采用5G+工业互联网", 8),
        ("ERP、MES、WMS", 5),
        ("投资1,234.56万元", 5),
        ("提升12.5%", 3),
        # A run of non-blank half-width characters is one word, symbols included.
        ("a-b", 1),
        ("e-mail", 1),
        ("06/30/2003", 1),
        ("hello,world", 1),
        ("(1)", 1),
        ("a , b", 3),  # a stand-alone symbol run is a word of its own
        ("+ - *", 3),
        ("http://www.example.com", 1),
        # Whitespace counts nothing; the ideographic space is whitespace.
        ("", 0),
        ("   \t\n", 0),
        ("智能\u3000制造", 4),
        ("a\u00a0b", 2),
        # Full-width letters and digits count one per character (East Asian).
        ("ＡＢＣ", 3),
        ("１２３", 3),
        ("ＭＥＳ系统", 5),
        # Invisible characters neither count nor split.
        ("ab\u00adcd", 1),
        ("\ufeff智能", 2),
        ("e\u0301t\u00e9", 1),
        # Ambiguous-width symbols typed with a Chinese IME count one each.
        ("30℃", 2),
        ("①②③", 3),
        ("张三·李四", 5),
        ("α-β", 1),  # Greek letters stay Latin-like
    ],
)
def test_word_rule(text: str, expected: int) -> None:
    assert word_count(text) == expected


def test_default_rule_is_word() -> None:
    text = "企业建设了MES、ERP系统——实现5G全覆盖。"
    assert word_count(text) == word_count(text, WordCountRule.WORD)


def test_breakdown_matches_words_dialog() -> None:
    b = word_count_breakdown("一二三四五 six seven eight")
    assert (b.east_asian, b.non_east_asian_words, b.total) == (5, 3, 8)
    assert b.rule is WordCountRule.WORD


def test_paragraph() -> None:
    text = "公司于2021年建成MES系统，设备联网率达到95%；获评“DCMM2级”。"
    # 公司于 3 | 2021 1 | 年建成 3 | MES 1 | 系统， 3 | 设备联网率达到 7 | 95% 1 |
    # ； 1 | 获评“ 3 | DCMM2 1 | 级”。 3
    assert word_count(text) == 27


def test_libreoffice_cross_check() -> None:
    assert libreoffice_word_count("一二三四五 six seven eight") == 8
    assert libreoffice_word_count("MES系统，5G网络。") == word_count("MES系统，5G网络。") == 8
    # En/em dashes are LibreOffice word separators and are not counted there.
    assert word_count("智能——制造") == 6
    assert libreoffice_word_count("智能——制造") == 4
    assert word_count("a—b") == 3
    assert libreoffice_word_count("a—b") == 2
    assert word_count("智能——制造", WordCountRule.LIBREOFFICE) == 4


def test_rule_names_for_findings() -> None:
    assert WordCountRule.WORD == "word"
    assert WordCountRule.LIBREOFFICE.value == "libreoffice"
    assert WordCountRule("word") is WordCountRule.WORD
    assert "Word" in WordCountRule.WORD.label


def test_long_text_is_fast_and_linear() -> None:
    text = "智能制造MES系统5G网络，" * 20000  # 9 CJK/punctuation + 2 runs per repeat
    assert word_count(text) == 11 * 20000
