"""Province-level divisions (GB/T 2260 two-digit codes) and address → province.

The USCC's positions 3–4 and an ID number's first two digits are these codes
(domain-facts.md § USCC: 37 Shandong, 33 Zhejiang, 32 Jiangsu, 11 Beijing …),
so :func:`province_of_address` returns the same two-digit code for comparison.
Prefecture-level cities are listed only for the provinces whose programmes the
product checks (Shandong, Zhejiang, Jiangsu), so that an address such as
"济南市历下区…" without a province prefix is still placed.
"""

from __future__ import annotations

import re

from domain._text import fold_width

__all__ = [
    "CITY_PROVINCE",
    "ID_PREFIXES",
    "RESIDENCE_PERMIT_PREFIXES",
    "PROVINCES",
    "province_name",
    "province_of_address",
    "province_of_division",
]

# code → (official name, short names used in addresses)
PROVINCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "11": ("北京市", ("北京",)),
    "12": ("天津市", ("天津",)),
    "13": ("河北省", ("河北",)),
    "14": ("山西省", ("山西",)),
    "15": ("内蒙古自治区", ("内蒙古", "内蒙")),
    "21": ("辽宁省", ("辽宁",)),
    "22": ("吉林省", ("吉林",)),
    "23": ("黑龙江省", ("黑龙江",)),
    "31": ("上海市", ("上海",)),
    "32": ("江苏省", ("江苏",)),
    "33": ("浙江省", ("浙江",)),
    "34": ("安徽省", ("安徽",)),
    "35": ("福建省", ("福建",)),
    "36": ("江西省", ("江西",)),
    "37": ("山东省", ("山东",)),
    "41": ("河南省", ("河南",)),
    "42": ("湖北省", ("湖北",)),
    "43": ("湖南省", ("湖南",)),
    "44": ("广东省", ("广东",)),
    "45": ("广西壮族自治区", ("广西",)),
    "46": ("海南省", ("海南",)),
    "50": ("重庆市", ("重庆",)),
    "51": ("四川省", ("四川",)),
    "52": ("贵州省", ("贵州",)),
    "53": ("云南省", ("云南",)),
    "54": ("西藏自治区", ("西藏",)),
    "61": ("陕西省", ("陕西",)),
    "62": ("甘肃省", ("甘肃",)),
    "63": ("青海省", ("青海",)),
    "64": ("宁夏回族自治区", ("宁夏",)),
    "65": ("新疆维吾尔自治区", ("新疆",)),
    "71": ("台湾省", ("台湾",)),
    "81": ("香港特别行政区", ("香港",)),
    "82": ("澳门特别行政区", ("澳门",)),
}

# Residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证,
# 2018) carry an ID-style number whose division code is 810000, 820000 or
# 830000. 83 is not a province, so it is kept out of PROVINCES (which also
# places addresses) and only admitted as the prefix of an ID number.
RESIDENCE_PERMIT_PREFIXES: dict[str, str] = {
    "81": "香港居民居住证",
    "82": "澳门居民居住证",
    "83": "台湾居民居住证",
}
# First two digits an 18-digit 居民身份证 / 居住证 number may start with.
ID_PREFIXES: frozenset[str] = frozenset(PROVINCES) | frozenset(RESIDENCE_PERMIT_PREFIXES)

# Prefecture-level cities (地级市) → province code. 莱芜 was merged into 济南 in
# 2019 but still appears on older licences.
_CITIES: dict[str, tuple[str, ...]] = {
    "37": (
        "济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安",
        "威海", "日照", "临沂", "德州", "聊城", "滨州", "菏泽", "莱芜",
    ),
    "33": ("杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水"),
    "32": (
        "南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城",
        "扬州", "镇江", "泰州", "宿迁",
    ),
}
CITY_PROVINCE: dict[str, str] = {city: code for code, cities in _CITIES.items() for city in cities}

# A short name followed by one of these is a district or street named after a
# province ("河北区" in Tianjin, "山东路" in Qingdao), not the province.
_NOT_A_PLACE_PREFIX = "区路街道巷里弄村镇乡"
# Labels and country names that may precede the address proper.
_LEADING = re.compile(r"^(?:(?:住所|经营场所|主要经营场所|注册地址|地址|通讯地址)[:：]?)?"
                      r"(?:中华人民共和国|中国)?")


def province_name(code: str) -> str | None:
    """Official name for a two-digit code (also accepts a 6-digit division code)."""
    entry = PROVINCES.get(code[:2])
    return entry[0] if entry else None


def province_of_division(division: str) -> str | None:
    """Two-digit province code of a 6-digit 行政区划码, if the province exists."""
    return division[:2] if division[:2] in PROVINCES else None


def _names_longest_first() -> list[tuple[str, str, bool]]:
    """(name, code, is_full) with longer names first so 内蒙古自治区 beats 内蒙古."""
    items: list[tuple[str, str, bool]] = []
    for code, (full, shorts) in PROVINCES.items():
        items.append((full, code, True))
        items.extend((s, code, False) for s in shorts)
    for city, code in CITY_PROVINCE.items():
        items.append((city + "市", code, True))
        items.append((city, code, False))
    items.sort(key=lambda t: len(t[0]), reverse=True)
    return items


_NAMES = _names_longest_first()


def province_of_address(address: str) -> str | None:
    """Two-digit province code for an address, or None when it cannot be told.

    First the start of the address is matched against province names, short
    names and the listed cities (with or without 市); a short name followed by
    区/路/街… is ignored. Failing that, the earliest full name (山东省, 济南市 …)
    anywhere in the text decides.
    """
    if not address:
        return None
    text = re.sub(r"\s+", "", fold_width(address))
    text = _LEADING.sub("", text, count=1)
    for name, code, is_full in _NAMES:
        if text.startswith(name):
            rest = text[len(name) : len(name) + 1]
            if not is_full and rest and rest in _NOT_A_PLACE_PREFIX:
                continue
            return code
    best: tuple[int, str] | None = None
    for name, code, is_full in _NAMES:
        if not is_full:
            continue
        pos = text.find(name)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, code)
    return best[1] if best else None
