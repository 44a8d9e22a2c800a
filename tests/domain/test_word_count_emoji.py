"""Emoji in Word's 字数 (domain-facts.md § Counting 字数 the way Microsoft Word does).

Word puts an emoji into the surrounding non-East-Asian word like a letter:
"👍👎👏" is 1 word and "Hello👍World" is 1 word.
"""

from __future__ import annotations

import pytest

from domain.word_count import word_count, word_count_breakdown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("👍", 1),
        ("👍👎👏", 1),
        ("Hello👍World", 1),
        ("Hello 👍 World", 3),
        ("👨\u200d👩\u200d👧", 1),  # ZWJ family
        ("👨\u200d👩\u200d👧\u200d👦👍", 1),
        ("👍🏽", 1),  # skin-tone modifier
        ("👍🏽👍🏿", 1),
        ("❤\ufe0f", 1),  # variation selector-16
        ("🇨🇳", 1),  # regional-indicator flag
        ("🇨🇳🇺🇸", 1),
        ("1\ufe0f\u20e3", 1),  # keycap
        ("✅⭐☕", 1),  # BMP emoji with emoji presentation
        ("智能👍制造", 5),  # CJK still one each
        ("MES👍系统", 3),
        ("完成✅。", 4),
        ("★☆■", 3),  # IME symbols stay East Asian (existing rule)
    ],
)
def test_emoji(text: str, expected: int) -> None:
    assert word_count(text) == expected


def test_emoji_count_as_non_east_asian_words() -> None:
    b = word_count_breakdown("点赞👍👍")
    assert (b.east_asian, b.non_east_asian_words) == (2, 1)
