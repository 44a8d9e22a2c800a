from __future__ import annotations

import pytest

from domain.divisions import (
    CITY_PROVINCE,
    PROVINCES,
    province_name,
    province_of_address,
    province_of_division,
)
from domain.uscc import province_code


def test_all_provinces_present() -> None:
    mainland = [c for c in PROVINCES if c not in ("71", "81", "82")]
    assert len(mainland) == 31
    assert province_name("37") == "山东省"
    assert province_name("33") == "浙江省"
    assert province_name("32") == "江苏省"
    assert province_name("11") == "北京市"
    assert province_name("65") == "新疆维吾尔自治区"
    assert province_name("71") == "台湾省"
    assert province_name("81") == "香港特别行政区"
    assert province_name("82") == "澳门特别行政区"
    assert province_name("99") is None
    assert province_name("370102") == "山东省"


def test_city_tables() -> None:
    shandong = [c for c, p in CITY_PROVINCE.items() if p == "37" and c != "莱芜"]
    assert len(shandong) == 16
    assert sum(p == "33" for p in CITY_PROVINCE.values()) == 11
    assert sum(p == "32" for p in CITY_PROVINCE.values()) == 13


def test_division_code() -> None:
    assert province_of_division("370102") == "37"
    assert province_of_division("990000") is None


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("山东省济南市历下区经十路1号", "37"),
        ("山东济南高新区", "37"),
        ("济南市历下区解放路", "37"),
        ("济南历下区解放路", "37"),
        ("青岛市市北区江西路1号", "37"),
        ("莱芜市钢城区", "37"),
        ("住所：山东省淄博市张店区", "37"),
        ("中国山东省烟台市", "37"),
        ("浙江省杭州市余杭区", "33"),
        ("宁波市北仑区", "33"),
        ("台州市椒江区", "33"),
        ("泰州市海陵区", "32"),
        ("连云港市海州区", "32"),
        ("江苏省苏州工业园区", "32"),
        ("上海市长宁区江苏路", "31"),
        ("北京市海淀区", "11"),
        ("内蒙古自治区呼和浩特市", "15"),
        ("内蒙古包头市", "15"),
        ("广西壮族自治区南宁市", "45"),
        ("新疆乌鲁木齐市", "65"),
        ("陕西省西安市", "61"),
        ("山西省太原市", "14"),
        ("香港九龙", "81"),
        ("ＸＸ公司 地址：山东省 济南市", "37"),
        ("山 东 省 济 南 市", "37"),
    ],
)
def test_province_of_address(address: str, code: str) -> None:
    assert province_of_address(address) == code


def test_short_name_used_as_street_or_district_is_not_a_province() -> None:
    assert province_of_address("河北区中山路") is None  # a district of Tianjin
    assert province_of_address("山东路18号") is None  # a street in Qingdao
    assert province_of_address("天津市河北区中山路") == "12"


def test_unknown_address() -> None:
    assert province_of_address("高新区科技路8号") is None
    assert province_of_address("") is None


def test_address_matches_uscc_province() -> None:
    assert province_of_address("济南市历下区") == province_code("91370100MA3C8X2B41")
