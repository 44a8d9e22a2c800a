"""Hypothesis strategies shared by the fuzz tests: arbitrary Unicode (controls, lone
surrogates excluded only where a str cannot hold them), CJK and full-width characters,
and fragments shaped like what the parsers look for."""
from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Deterministic (CI), no example database (nothing written into the repo), no deadline
# (two shared cores): the per-call time bound is asserted separately on long inputs.
FUZZ = settings(derandomize=True, deadline=None, max_examples=300, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SPECIALS = list(
    "零〇○壹贰貳叁肆伍陆陸柒捌玖拾佰仟万萬亿億元圆圓角分厘整正点一二三四五六七八九十百千"
    "年月日号至到止起长期永久无固定限人民币美元港欧日$¥￥%‰．。，、,.:：;；-—–~～/()（）"
    "０１２３４５６７８９ＡＢＣＸｘＯＩ0123456789XxOIeE+ \t\n\r\u3000\u00a0"
    "\x00\x01\x1b\x7f\u200b\u200d\u202e\u2066\ufeff\ufffd\U0001f600"
)

FRAGMENTS = [
    "2022年13月45日", "2022年12月20日", "二〇二二年十二月", "2015.03.12", "2023-02-30", "20221345",
    "9999年12月31日", "至长期", "自2015年06月01日起", "2035年05月31日止", "0000年00月00日",
    "1e999", "-1.8e308", "NaN", "Infinity", "-0", "1,234,567.89", "1200,000", "5000万元",
    "伍仟万元整", "壹亿贰仟万零伍拾元", "人民币", "500万美元", "12.5%", "３０００万",
    "91370112267184590P", "9137 0112 2671 8459 0P", "91370112267184590", "11010519491231002X",
    "110105-19491231-002X", "440524188001010014", "注册资本：", "营业期限：", "统一社会信用代码",
    "一" * 40, "9" * 60, "元" * 10, "年" * 10,
]

cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
fullwidth = st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E)
anything = st.characters(exclude_categories=("Cs",))

char = st.one_of(anything, cjk, fullwidth, st.sampled_from(SPECIALS))
texts = st.one_of(
    st.text(char, max_size=120),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(char, max_size=6)), max_size=12)
    .map("".join),
)

# Long inputs that stress regexes and loops: each is built to be slow for a careless
# pattern (long digit runs, separators without digits, many near-dates, capital runs).
LONG_INPUTS: dict[str, str] = {
    "digits": "1" * 50_000,
    "digits_commas": "1," * 25_000,
    "digits_dots": "1." * 25_000,
    "year_marks": "2022年" * 10_000,
    "near_dates": "2022年13月" * 5_000,
    "capital_run": "壹拾" * 25_000,
    "capital_units": "万亿" * 25_000,
    "spaces_digits": "1 " * 25_000,
    "dashes": "9-" * 25_000,
    "uscc_like": "9137011226718459" * 3_000,
    "id_like": "1101051949123100" * 3_000,
    "mixed": ("注册资本：伍仟万元整 2022年12月20日 91370112267184590P 12.5% " * 1_000),
    "controls": "\x00\u202e\ufeff" * 15_000,
}
