from criteria.loader import load_programme
from matchers.classify.doc_type import classify
from models import DocumentKind
from tests.builders import document, table, text_page

PROG = load_programme("sd-chenxing-2022")


def _kind(lines, tables=None):
    return classify(document(pages=[text_page(lines)], tables=tables), PROG).kind


def test_kinds_from_content() -> None:
    assert _kind(["营业执照", "统一社会信用代码 9137", "名称 某公司", "法定代表人 张三", "经营范围 …"]) \
        == DocumentKind.business_license
    assert _kind(["利润表", "编制单位：某公司", "2021年度", "单位：元", "一、营业收入"]) \
        == DocumentKind.financial_statement
    assert _kind(["社会保险参保缴费证明", "参保人数 386", "缴费月份 2022年09月"]) \
        == DocumentKind.social_insurance
    assert _kind(["股权结构", "股东名称 出资额 持股比例"]) == DocumentKind.equity_structure
    assert _kind(["荣誉证书", "授予 山东鲁源 山东省专精特新中小企业 称号"]) == DocumentKind.certificate
    assert _kind(["随便写的一段话"]) == DocumentKind.other


def test_declaration_recognised_by_form_labels_not_name() -> None:
    t = table([["企业全称", "x"], ["通讯地址", "y"], ["注册日期", "z"], ["企业规模", "□大型"],
               ["企业人数", "1"], ["企业简介", "…"]])
    r = classify(document("scan001.pdf", pages=[text_page(["山东省数字经济“晨星工厂”申报书",
                                                          "附件1、请提供营业执照扫描件"])],
                          tables=[t]), PROG)
    assert r.kind == DocumentKind.declaration and r.confidence > 0.5 and "栏目" in r.reason


def test_unreadable_document_is_unknown() -> None:
    assert classify(document(error="PDF 已加密"), PROG).kind == DocumentKind.unknown


def test_screenshot_is_an_image_with_ui_text() -> None:
    doc = document("IMG_1.png", pages=[text_page(["MES生产管理系统", "首页 工单管理 设备监控", "实时产量 告警"])])
    doc.media_type = "image/png"
    r = classify(doc, PROG)
    assert r.kind == DocumentKind.screenshot and "界面" in r.reason
    doc.media_type = "application/pdf"
    assert classify(doc, PROG).kind == DocumentKind.other


def test_last_photographed_page_of_the_declaration_joins_it() -> None:
    """Three photos of a declaration: the last holds a few fields and the attachment list
    naming 营业执照 — on its own a weak licence; beside the other photos, a page of the
    declaration. A licence photo with the licence's own terms stays a licence."""
    from matchers.classify.doc_type import classify_all

    def photo(name, lines, tables=None):
        d = document(name, pages=[text_page(lines)], tables=tables)
        d.media_type = "image/jpeg"
        return d

    first = photo("IMG_1000.jpg", ["山东省数字经济“晨星工厂”申报书"], [table(
        [["企业全称", "x"], ["通讯地址", "y"], ["注册日期", "z"], ["企业规模", "□大型"],
         ["企业人数", "1"]])])
    last = photo("IMG_1002.jpg", ["计划数据管理方面改造内容", "建设数据平台",
                                  "企业改造拟投入的资金总额(万元)", "1200", "三、企业财务证明材料",
                                  "附件1、注册资金和注册成立时间证明（请提供申报单位营业执照扫描件）。"])
    licence = photo("IMG_1003.jpg", ["营业执照", "统一社会信用代码 91370", "名称 某公司",
                                     "法定代表人 张三", "注册资本 伍仟万元整", "成立日期 2015年06月01日"])
    kinds = [r.kind for r in classify_all([first, last, licence], PROG, backend="lexical")]
    assert kinds == [DocumentKind.declaration, DocumentKind.declaration,
                     DocumentKind.business_license]
    assert "拍照页" in classify_all([first, last, licence], PROG, backend="lexical")[1].reason


def test_photographed_narrative_page_under_the_programmes_headings_joins_the_declaration() -> None:
    """A photo of the declaration's 总体方案 page whose prose names 证书 and 资质 (a
    certificate by the rules) is a page of the declaration when another photo is."""
    from matchers.classify.doc_type import classify_all

    prog = load_programme("sd-data-product-2022")
    form = document("IMG_1000.jpg", pages=[text_page(["山东省“数据赋能”优秀产品申报书"])], tables=[table(
        [["企业名称", "x"], ["产品名称", "y"], ["统一社会信用代码", "z"], ["法定代表人", "w"],
         ["产品类别", "v"]])])
    page = document("IMG_1004.jpg", pages=[text_page([
        "（一）总体方案", "产品取得软件著作权登记证书和信息安全资质，获授予省级优秀软件产品。"])])
    cert = document("IMG_1005.jpg", pages=[text_page(["荣誉证书", "授予 某公司 省级优秀软件产品 称号",
                                                     "特发此证"])])
    for d in (form, page, cert):
        d.media_type = "image/jpeg"
    kinds = [r.kind for r in classify_all([form, page, cert], prog, backend="lexical")]
    assert kinds == [DocumentKind.declaration, DocumentKind.declaration, DocumentKind.certificate]
