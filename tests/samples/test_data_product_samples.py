"""The 数据赋能优秀产品 sample generator writes every dossier it promises, in files that
open, identically from run to run, with the defects its expected findings describe, and
every rule of the programme's catalogue is exercised by some sample."""
from __future__ import annotations

from samples.blind import EXERCISED_BY_BLIND

import json
import subprocess
import sys
from pathlib import Path

import docx
import numpy as np
import openpyxl
import pypdfium2 as pdfium
import pytest
from PIL import Image

from criteria.loader import load_programme
from extractor.ocr.seal_detector import detect_red_seals, handwriting_ink_mask
from samples.chenxing.uscc import is_valid_uscc
from samples.chenxing.wordcount import word_count
from samples.data_product import pledge_scan
from samples.data_product.dossiers import AS_OF, DOSSIERS, PROGRAM
from samples.data_product.id_number import is_valid_id_number
from samples.data_product.vendor import LEGAL_REP, LUSHU, PRODUCT_NAME
from samples.generate import EXPECTED_ROOT
from samples.model import Dossier

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_DIR = EXPECTED_ROOT / PROGRAM
DECLARATION = "数据赋能优秀产品申报书.docx"
PLEDGE = "承诺书.pdf"
EVALUATION = "扫描全能王 2022-12-12 09.41.pdf"
ID_CARD = "微信图片_20221208102233.jpg"


def write(out: Path, d: Dossier) -> Path:
    folder = out / d.program / d.name
    for f in d.files:
        path = folder / f.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f.make())
    return folder


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("samples")
    for d in DOSSIERS:
        write(target, d)
    return target


def by_name(name: str) -> Dossier:
    return next(d for d in DOSSIERS if d.name == name)


def folder(out: Path, name: str) -> Path:
    return out / PROGRAM / name


def declaration(out: Path, name: str) -> docx.document.Document:
    return docx.Document(folder(out, name) / DECLARATION)


def value_of(doc: docx.document.Document, label: str) -> str:
    """Text of the cell right of the first cell whose text is ``label``."""
    for table in doc.tables:
        for row in table.rows:
            cells = row.cells
            for i, cell in enumerate(cells[:-1]):
                if cell.text == label and cells[i + 1].text != label:
                    return cells[i + 1].text
    raise KeyError(label)


def page_image(path: Path) -> np.ndarray:
    """The scan embedded in a one-page image-only PDF."""
    pdf = pdfium.PdfDocument(path)
    (image,) = [o for o in pdf[0].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    return np.asarray(image.get_bitmap().to_pil().convert("RGB"))


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(path)
    return "\n".join(pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf)))


# -- every dossier, every file -------------------------------------------------------

def test_each_dossier_has_exactly_its_files(out: Path) -> None:
    for d in DOSSIERS:
        on_disk = {p.relative_to(folder(out, d.name)).as_posix() for p in folder(out, d.name).rglob("*")
                   if p.is_file()}
        assert on_disk == {f.path for f in d.files}, d.name
        kinds = [f.kind for f in d.files]
        assert kinds.count("declaration_docx") == 1 and kinds.count("pledge_pdf") == 1, d.name
        assert kinds.count("id_card_jpg") == (0 if d.name == "missing_id_card" else 1), d.name


def test_attachment_names_do_not_reveal_the_document_type() -> None:
    giveaways = ("执照", "身份证", "著作权", "软著", "合同", "评价", "意见", "license", "contract")
    for d in DOSSIERS:
        for f in d.files:
            if f.kind not in ("declaration_docx", "pledge_pdf"):
                assert not any(g in f.path.lower() for g in giveaways), f.path


def test_files_open_as_their_kind(out: Path) -> None:
    for d in DOSSIERS:
        for f in d.files:
            path = folder(out, d.name) / f.path
            if f.kind == "declaration_docx":
                assert len(docx.Document(path).tables) == 2
            elif f.kind in ("pledge_pdf", "evaluation_pdf"):
                pdf = pdfium.PdfDocument(path)
                assert len(pdf) == 1
                assert pdf[0].get_textpage().get_text_bounded().strip() == "", "scans have no text layer"
                assert page_image(path).shape == (2339, 1654, 3)  # A4 at 200 dpi
            elif f.kind in ("licence_jpg", "id_card_jpg", "copyright_jpg"):
                with Image.open(path) as img:
                    assert img.format == "JPEG" and min(img.size) >= 1100
            elif f.kind == "contract_pdf":
                text = pdf_text(path)
                assert "合同" in text and "甲方" in text and "乙方" in text and LUSHU.name in text
            elif f.kind == "contract_xlsx":
                rows = list(openpyxl.load_workbook(path).active.values)
                assert rows[2][:5] == ("序号", "合同编号", "客户名称", "签订日期", "合同金额(万元)")
                assert rows[-1][0] == "合计" and rows[-1][4] == pytest.approx(sum(r[4] for r in rows[3:-1]))
            else:  # pragma: no cover - a new kind must be taught to this test
                pytest.fail(f"unknown kind {f.kind}")


def test_a_second_run_in_a_fresh_process_is_byte_identical(out: Path, tmp_path: Path) -> None:
    names = ["clean", "no_seal", "invalid_id_number"]
    script = (
        "import sys; from pathlib import Path; from tests.samples.test_data_product_samples import write, by_name\n"
        f"[write(Path(sys.argv[1]), by_name(n)) for n in {names!r}]\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, check=True, capture_output=True)
    for name in names:
        for f in by_name(name).files:
            assert (folder(out, name) / f.path).read_bytes() == \
                (tmp_path / PROGRAM / name / f.path).read_bytes(), f"{name}/{f.path}"


# -- expected findings ----------------------------------------------------------------

def test_expected_json_is_committed_for_every_dossier_and_matches_the_definitions() -> None:
    prog = load_programme(PROGRAM)
    keys = {f.key for f in prog.fields} | {s.key for s in prog.sections}
    ids = {r.id for r in prog.rules} | {a.id for a in prog.attachments}
    assert {p.stem for p in EXPECTED_DIR.glob("*.json")} == {d.name for d in DOSSIERS}
    for d in DOSSIERS:
        data = json.loads((EXPECTED_DIR / f"{d.name}.json").read_text(encoding="utf-8"))
        assert data == d.expected_json()
        assert data["program"] == PROGRAM and data["as_of"] == AS_OF == "2022-12-20"
        for f in data["findings"]:
            assert f["field"] is None or f["field"] in keys, f
            assert f["requirement"] is None or f["requirement"] in ids, f


def test_only_the_clean_dossier_has_no_findings() -> None:
    assert {d.name for d in DOSSIERS if not d.expected} == {"clean"}


def _exercised_by(rule: object, finding: dict) -> bool:
    if finding["requirement"] is not None:
        return finding["requirement"] == rule.id  # type: ignore[attr-defined]
    kind = rule.kind  # type: ignore[attr-defined]
    target = getattr(rule, "field", None) or getattr(rule, "section", None)
    code = {"word_range": "WORD_LIMIT_EXCEEDED", "equals": "INCONSISTENT_VALUE",
            "identifier": "INVALID_IDENTIFIER"}.get(kind, rule.code)  # type: ignore[attr-defined]
    return finding["code"] == code and finding["field"] == target


def test_every_rule_is_exercised_by_some_sample() -> None:
    prog = load_programme(PROGRAM)
    ids = [r.id for r in prog.rules]
    assert all(ids) and len(set(ids)) == len(ids), "every rule needs a unique id"
    findings = [f.as_json() for d in DOSSIERS for f in d.expected]
    for rule in prog.rules:
        if rule.id in EXERCISED_BY_BLIND[PROGRAM]:
            continue  # planted by the blind corpora (see samples/blind/__init__.py)
        assert any(_exercised_by(rule, f) for f in findings), rule.id


# -- the declaration and its defects ---------------------------------------------------

def test_clean_declaration_layout(out: Path) -> None:
    doc = declaration(out, "clean")
    assert doc.paragraphs[0].text == "山东省“数据赋能”优秀产品申报书"
    assert [p.text for p in doc.paragraphs[1:5]] == [
        f"申报单位（盖章）：{LUSHU.name}", "申报类别：数据采集类", f"法人代表（签名）：{LEGAL_REP.name}",
        "填报日期：2022年12月15日"]
    assert "真实性承诺" not in "\n".join(p.text for p in doc.paragraphs)  # it comes as a scan
    assert value_of(doc, "单位名称") == LUSHU.name
    assert value_of(doc, "统一社会信用代码") == LUSHU.uscc and is_valid_uscc(LUSHU.uscc)
    assert value_of(doc, "注册资本(万元)") == "1000"
    assert value_of(doc, "单位性质").split() == ["□国有", "☑民营", "□合资", "□外资"]
    assert value_of(doc, "姓名") == LUSHU.contact_name and value_of(doc, "E-mail") == LUSHU.contact_email
    assert doc.tables[0].cell(7, 0).text == "联系人"
    assert value_of(doc, "申报产品类别").split() == ["☑数据采集类", "□数据传输类", "□数据存储类",
                                                  "□数据管理类", "□数据应用类"]
    assert value_of(doc, "产品名称") == PRODUCT_NAME
    assert word_count(value_of(doc, "产品简介")) <= 500
    cases = value_of(doc, "赋能案例").split("\n")
    assert [c[:3] for c in cases] == ["案例一", "案例二", "案例三"]
    for heading in ("总体方案", "创新经验", "应用成效"):
        assert len(value_of(doc, heading)) > 100, heading
    # The user-evaluation seal rule looks at user evaluations only: the declaration's own
    # 三、(五) text names 用户评价 without being one.
    user_seal = next(r for r in load_programme(PROGRAM).rules if r.id == "user_evaluation_seal")
    assert user_seal.kinds == ["user_evaluation"]  # type: ignore[attr-defined]


def test_two_products_name_lists_two_products(out: Path) -> None:
    name = value_of(declaration(out, "two_products"), "产品名称")
    assert name == "数据采集网关及边缘计算平台" and len(name.split("及")) == 2


def test_too_few_cases_lists_two(out: Path) -> None:
    cases = value_of(declaration(out, "too_few_cases"), "赋能案例").split("\n")
    assert [c[:3] for c in cases] == ["案例一", "案例二"]


def test_profile_too_long_is_over_500_words(out: Path) -> None:
    assert 560 <= word_count(value_of(declaration(out, "profile_too_long"), "产品简介")) <= 700


def test_two_classes_ticked(out: Path) -> None:
    boxes = value_of(declaration(out, "two_classes_ticked"), "申报产品类别").split()
    assert [b for b in boxes if b.startswith("☑")] == ["☑数据采集类", "☑数据应用类"]


def test_inconsistent_declaration_against_the_true_licence(out: Path) -> None:
    doc = declaration(out, "inconsistent")
    assert value_of(doc, "单位名称") == "山东鲁数智联信息科技有限公司" != LUSHU.name
    code = value_of(doc, "统一社会信用代码")
    assert code != LUSHU.uscc and is_valid_uscc(code)  # inconsistent, not invalid
    assert value_of(doc, "注册资本(万元)") == "1500" and LUSHU.capital_text == "壹仟万元整"
    licence = {f.path: f for f in by_name("inconsistent").files}["IMG_20221208_1012.jpg"]
    assert licence.make() == {f.path: f for f in by_name("clean").files}["IMG_20221208_1012.jpg"].make()


def test_invalid_uscc_is_the_same_wrong_code_everywhere(out: Path) -> None:
    code = value_of(declaration(out, "invalid_uscc"), "统一社会信用代码")
    assert not is_valid_uscc(code) and code[:17] == LUSHU.uscc[:17]
    licence = {f.path: f for f in by_name("invalid_uscc").files}["IMG_20221208_1012.jpg"]
    assert licence.make() != {f.path: f for f in by_name("clean").files}["IMG_20221208_1012.jpg"].make()


# -- scans: seals, signatures, the ID card -------------------------------------------

def _signature_ink(image: np.ndarray, layout: pledge_scan.PledgeLayout) -> int:
    """Ink in the signing area right of 法人代表(签字)： (allowing for the scan's skew)."""
    x0, y0, x1, y1 = layout.signature_box
    crop = image[int(y0) - 20:int(y1) + 20, int(x0) - 10:int(x1) + 30]
    return int(handwriting_ink_mask(crop).sum())


def test_pledge_is_signed_and_sealed_unless_the_defect_says_otherwise(out: Path) -> None:
    _, layout = pledge_scan.render_pledge(LUSHU, 0, pledge_scan.PledgeOptions(signed=False, sealed=False))
    for d in DOSSIERS:
        image = page_image(folder(out, d.name) / PLEDGE)
        seals = detect_red_seals(image)
        assert len(seals) == (0 if d.name == "no_seal" else 1), d.name
        ink = _signature_ink(image, layout)
        assert (ink > 3000) == (d.name != "no_signature"), (d.name, ink)
        if seals:
            # The seal sits on 申报单位(公章), below the signing area.
            assert seals[0][1] > pledge_scan.SIGN_Y + 80


def test_user_evaluation_carries_the_users_seal_unless_unsealed(out: Path) -> None:
    for name in ("clean", "evaluation_unsealed"):
        seals = detect_red_seals(page_image(folder(out, name) / EVALUATION))
        assert len(seals) == (0 if name == "evaluation_unsealed" else 1), name


def test_id_cards_read_back_with_their_numbers(out: Path) -> None:
    """OCR the two ID cards: the clean one carries a valid number, the defect's card the
    same number with a wrong check digit."""
    from extractor.ocr.rapid_engine import RapidOcrEngine

    engine = RapidOcrEngine()
    numbers = {}
    for name in ("clean", "invalid_id_number"):
        with Image.open(folder(out, name) / ID_CARD) as img:
            lines = engine.recognize(np.asarray(img.convert("RGB")))
        text = "".join(ln.text for ln in lines).replace(" ", "")
        assert "公民身份号码" in text and LEGAL_REP.name in text
        numbers[name] = next(t for t in (ln.text.replace(" ", "") for ln in lines) if len(t) == 18 and t[:17].isdigit())
    assert numbers["clean"] == LEGAL_REP.id_number and is_valid_id_number(numbers["clean"])
    bad = numbers["invalid_id_number"]
    assert bad[:17] == LEGAL_REP.id_number[:17] and not is_valid_id_number(bad)


def test_id_number_helpers() -> None:
    assert is_valid_id_number("11010519491231002X")  # GB 11643 example number
    assert LEGAL_REP.id_number[6:14] == "19780315" and int(LEGAL_REP.id_number[16]) % 2 == 1  # male


def test_generated_files_are_not_huge() -> None:
    sizes = {f.path: len(f.make()) for f in by_name("clean").files}
    assert max(sizes.values()) < 1_500_000, sizes
