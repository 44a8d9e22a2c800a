"""Document kinds when a title is missing (licence) or the declaration is a 举证 document
written under the programme's own headings."""
from criteria.loader import load_programme
from matchers.classify.doc_type import classify
from models import Block, DocumentKind, Page
from tests.builders import document, text_page

CHENXING = load_programme("sd-chenxing-2022")
ZJ = load_programme("zj-future-factory")


def test_a_licence_whose_title_ocr_missed_is_a_licence_not_a_declaration() -> None:
    lines = ["统一社会信用代码 91370100MA3C8X2B4K", "名称 山东鲁源智能装备有限公司",
             "类型 有限责任公司(自然人投资或控股)", "法定代表人 张建国", "注册资本 伍仟万元整",
             "成立日期 2015年06月01日", "营业期限 2015年06月01日至长期",
             "住所 山东省济南市历下区经十路1号", "经营范围 数控机床制造；工业自动化控制系统装置制造",
             "登记机关 济南市市场监督管理局"]
    doc = document("scan001.jpg", pages=[text_page(lines)])
    got = classify(doc, CHENXING)
    assert got.kind == DocumentKind.business_license, got.reason


def test_a_few_licence_labels_alone_are_not_a_licence() -> None:
    doc = document(pages=[text_page(["法定代表人 张建国", "注册资本 伍仟万元整", "住所 济南市"])])
    assert classify(doc).kind != DocumentKind.business_license


def test_indicator_headings_and_title_keyword_make_a_declaration() -> None:
    blocks = [Block(text="浙江省未来工厂申报材料", kind="heading"),
              Block(text="1.3 新一代信息技术", kind="heading"),
              Block(text="a) 数字孪生", kind="heading"),
              Block(text="我们构建了覆盖全厂的数字孪生虚拟工厂，实现以虚控实。"),
              Block(text="b) 人工智能", kind="heading"),
              Block(text="在质检环节部署了AI视觉检测。"),
              Block(text="2.1 模块化设计", kind="heading"),
              Block(text="建立了模块库，实现产品的模块化设计。")]
    doc = document("材料.docx", pages=[Page(number=1, blocks=blocks)])
    got = classify(doc, ZJ)
    assert got.kind == DocumentKind.declaration, got.reason
    assert "指标/章节标题" in got.reason


def test_the_same_narrative_without_the_programme_is_not_a_declaration() -> None:
    blocks = [Block(text="浙江省未来工厂申报材料", kind="heading"),
              Block(text="a) 数字孪生", kind="heading"), Block(text="我们构建了虚拟工厂。")]
    doc = document("材料.docx", pages=[Page(number=1, blocks=blocks)])
    assert classify(doc).kind != DocumentKind.declaration
