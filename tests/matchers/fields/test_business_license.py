from matchers.fields.business_license import read_business_licence
from tests.builders import document, ocr_page


def _fields(doc):
    return {o.key: o for o in read_business_licence(doc)}


def test_two_column_licence_rows_split_on_labels() -> None:
    page = ocr_page([
        ("营业执照", (800, 100, 1200, 180)),
        ("统一社会信用代码", (100, 300, 400, 340)), ("91110000600037341L", (420, 300, 800, 340)),
        ("名称", (100, 400, 180, 440)), ("山东鲁源智能装备有限公司", (260, 400, 800, 440)),
        ("注册资本", (1000, 400, 1150, 440)), ("人民币伍仟万元整", (1200, 400, 1500, 440)),
        ("类型", (100, 480, 180, 520)), ("有限责任公司(自然人投资或控股)", (260, 480, 800, 520)),
        ("成立日期", (1000, 480, 1150, 520)), ("2015年06月01日", (1200, 480, 1500, 520)),
        ("法定代表人", (100, 560, 260, 600)), ("张建国", (280, 560, 400, 600)),
        ("营业期限", (1000, 560, 1150, 600)), ("2015年06月01日至长期", (1200, 560, 1600, 600)),
        ("经营范围", (100, 640, 240, 680)), ("一般项目：数控机床制造；", (260, 640, 800, 680)),
        ("住所", (1000, 640, 1080, 680)), ("山东省济南市历下区经十路1号", (1200, 640, 1700, 680)),
    ])
    f = _fields(document("IMG_0931.jpg", pages=[page]))
    assert f["uscc"].normalized == "91110000600037341L"
    assert f["company_name"].value == "山东鲁源智能装备有限公司"
    assert f["registered_capital"].normalized == {"amount_wan": 5000.0, "currency": "CNY"}
    assert f["establishment_date"].normalized == "2015-06-01"
    assert f["business_term_end"].normalized == "长期"
    assert f["legal_representative"].value == "张建国"
    assert f["address"].value.startswith("山东省济南市历下区")
    assert f["uscc"].location.bbox is not None and f["uscc"].location.page == 1


def test_label_and_value_glued_by_ocr_and_dated_term() -> None:
    page = ocr_page([
        ("统一社会信用代码91512081MA62K0260E", (100, 100, 900, 140)),
        ("注册资本 500万美元", (100, 200, 900, 240)),
        ("营业期限 2002年03月01日至2022年02月28日", (100, 300, 900, 340)),
    ])
    f = _fields(document(pages=[page]))
    assert f["uscc"].normalized == "91512081MA62K0260E"
    assert f["registered_capital"].normalized["currency"] == "USD"
    assert f["business_term_end"].normalized == "2022-02-28"


def test_uscc_found_without_label_and_o_read_as_zero() -> None:
    page = ocr_page([("91512O81MA62K0260E", (100, 100, 900, 140)), ("名称 某某公司", (100, 200, 500, 240))])
    assert _fields(document(pages=[page]))["uscc"].normalized == "91512081MA62K0260E"


def test_wrapped_scope_joins_following_rows() -> None:
    page = ocr_page([("经营范围 一般项目：智能装备制造；", (100, 100, 900, 140)),
                     ("工业自动控制系统装置销售。", (260, 150, 900, 190)),
                     ("登记机关 济南市市场监督管理局", (100, 300, 900, 340))])
    f = _fields(document(pages=[page]))
    assert f["business_scope"].value.endswith("工业自动控制系统装置销售。")


def test_two_column_wraps_go_back_to_their_own_column() -> None:
    page = ocr_page([
        ("经营范围", (100, 100, 240, 140)), ("数控机床、金属切削机床的研", (260, 100, 800, 140)),
        ("住所", (1000, 100, 1080, 140)), ("山东省济南市历城区工业北", (1200, 100, 1700, 140)),
        ("发、制造、销售；软件开发。", (260, 150, 800, 190)), ("路2588号", (1200, 150, 1400, 190)),
        ("登记机关", (1000, 300, 1150, 340)), ("济南市市场监督管理局", (1200, 300, 1600, 340)),
    ])
    f = _fields(document(pages=[page]))
    assert f["address"].value == "山东省济南市历城区工业北路2588号"
    assert f["business_scope"].value == "数控机床、金属切削机床的研发、制造、销售;软件开发。"  # NFKC


def test_a_text_field_that_is_only_a_date_is_not_read() -> None:
    from matchers.fields.business_license import _only_dates

    assert _only_dates("2021年08月16日")
    assert not _only_dates("济南市历城区市场监督管理局")
    assert not _only_dates("济南市市场监督管理局 2021年08月16日")
