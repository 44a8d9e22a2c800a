"""The sample generator writes every dossier it promises, in files that open, identically
from run to run, with the defects its expected findings describe."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from PIL import Image

from samples.chenxing.company_profile import COMPANIES, LUYUAN
from samples.chenxing.dossiers import AS_OF, DOSSIERS, PROGRAM, Dossier
from samples.chenxing.statements_pdf import _balance
from samples.chenxing.uscc import is_valid_uscc, uscc_check_char
from samples.chenxing.wordcount import word_count
from samples.generate import EXPECTED_ROOT, dossier_path, generate_all

EXPECTED_DIR = EXPECTED_ROOT / PROGRAM

ROOT = Path(__file__).resolve().parents[2]
FIELD_KEYS = {
    "company_name", "uscc", "legal_representative", "registered_capital", "establishment_date", "address",
    "business_term_end", "company_type", "company_size", "employees", "revenue_last_year", "contact_name",
    "contact_phone", "contact_email", "industry", "company_profile", "data_collection_device_type", "dcmm_level",
}
# Attachment ids, and the seal rule's id (every Word declaration carries an electronic seal:
# EMBEDDED_SEAL, warning, requirement declaration_seal).
REQUIREMENTS = {f"attachment_{i}" for i in range(1, 7)} | {"declaration_seal"}
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14_NS = "{http://schemas.microsoft.com/office/word/2010/wordml}"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("samples")
    paths = generate_all(target, only=[PROGRAM])
    assert paths == [dossier_path(target, d) for d in DOSSIERS]
    return target


def by_name(name: str) -> Dossier:
    return next(d for d in DOSSIERS if d.name == name)


def files_on_disk(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def pdf_text(path: Path) -> str:
    doc = pdfium.PdfDocument(path)
    return "\n".join(doc[i].get_textpage().get_text_bounded() for i in range(len(doc)))


def declaration(out: Path, name: str) -> docx.document.Document:
    return docx.Document(dossier_path(out, by_name(name)) / "申报书.docx")


def value_of(doc: docx.document.Document, label: str) -> str:
    """Text of the cell right of the first cell whose text is label (either table)."""
    for table in doc.tables:
        for row in table.rows:
            cells = row.cells
            for i, cell in enumerate(cells[:-1]):
                if cell.text == label:
                    return cells[i + 1].text
    raise KeyError(label)


# -- every dossier, every file -------------------------------------------------------

def test_each_dossier_has_exactly_its_files(out: Path) -> None:
    for d in DOSSIERS:
        path = dossier_path(out, d)
        if d.zipped:
            assert path.is_file() and path.suffix == ".zip"
            continue
        assert path.is_dir(), d.name
        assert files_on_disk(path) == {f.path for f in d.files}, d.name


def test_every_dossier_has_a_declaration_licence_and_statements(out: Path) -> None:
    for d in DOSSIERS:
        kinds = [f.kind for f in d.files]
        assert kinds.count("declaration_docx") + kinds.count("declaration_scan_pdf") == 1, d.name
        assert kinds.count("licence_jpg") == 1 and kinds.count("statement_pdf") == 2, d.name


def test_attachment_names_do_not_reveal_the_document_type(out: Path) -> None:
    giveaways = ("执照", "营业", "报表", "利润", "社保", "保险", "股权", "荣誉", "证书", "license", "statement")
    for d in DOSSIERS:
        for f in d.files:
            if f.kind.startswith("declaration"):
                continue
            assert not any(g in f.path.lower() for g in giveaways), f.path


def test_files_open_as_their_kind(out: Path) -> None:
    for d in DOSSIERS:
        if d.zipped:
            continue
        for f in d.files:
            path = dossier_path(out, d) / f.path
            if f.kind in ("declaration_docx", "equity_docx"):
                doc = docx.Document(path)
                assert len(doc.tables) == (2 if f.kind == "declaration_docx" else 1)
            elif f.kind in ("declaration_scan_pdf", "insurance_pdf"):
                doc = pdfium.PdfDocument(path)
                assert len(doc) >= 1
                for i in range(len(doc)):
                    page = doc[i]
                    assert page.get_textpage().get_text_bounded().strip() == "", "scans have no text layer"
                    images = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
                    assert len(images) == 1
                    assert images[0].get_px_size() == (1654, 2339)  # A4 at 200 dpi
            elif f.kind in ("licence_jpg", "honour_jpg"):
                with Image.open(path) as img:
                    assert img.format == "JPEG"
                    assert img.width > img.height >= 1200
            elif f.kind == "statement_pdf":
                text = pdf_text(path)
                assert "利润表" in text and "编制单位：" in text and "单位：元" in text
            elif f.kind == "encrypted_pdf":
                with pytest.raises(pdfium.PdfiumError):
                    pdfium.PdfDocument(path)
                assert len(pdfium.PdfDocument(path, password="123")) == 1
            elif f.kind == "truncated_pdf":
                assert path.read_bytes().startswith(b"%PDF")
                with pytest.raises(pdfium.PdfiumError):
                    pdfium.PdfDocument(path)
            elif f.kind == "empty_file":
                assert path.stat().st_size == 0
            elif f.kind == "narrative_docx":
                doc = docx.Document(path)
                assert not doc.tables
                headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
                body = [p for p in doc.paragraphs if not p.style.name.startswith("Heading") and p.text]
                assert len(headings) >= 5 and len(body) >= 31   # one paragraph per ★ item
            else:  # pragma: no cover - a new kind must be taught to this test
                pytest.fail(f"unknown kind {f.kind}")


def test_zip_uses_gbk_names_without_utf8_flag_and_holds_the_clean_files(out: Path) -> None:
    d = by_name("zipped_gbk")
    clean = dossier_path(out, by_name("clean"))
    with zipfile.ZipFile(dossier_path(out, d)) as zf:
        infos = zf.infolist()
        assert all(i.flag_bits & 0x800 == 0 for i in infos)
        names = {i.filename.encode("cp437").decode("gbk"): i for i in infos}
    prefix = d.zip_root + "/"
    members = {n[len(prefix):]: i for n, i in names.items() if not n.endswith("/")}
    assert set(members) == files_on_disk(clean)
    assert "山东鲁原智能装备有限公司申报材料/新建文件夹/" in names
    with zipfile.ZipFile(dossier_path(out, d), metadata_encoding="gbk") as zf:
        for rel in members:
            assert zf.read(prefix + rel) == (clean / rel).read_bytes()


# -- determinism ---------------------------------------------------------------------

def test_a_second_run_in_a_fresh_process_is_byte_identical(out: Path, tmp_path: Path) -> None:
    names = ["clean", "scanned_declaration", "checkbox_content_control", "unreadable_files", "zipped_gbk"]
    subprocess.run(
        [sys.executable, "-m", "samples.generate", "--out", str(tmp_path), "--only", *names],
        cwd=ROOT, check=True, capture_output=True,
    )
    for name in names:
        first, second = dossier_path(out, by_name(name)), dossier_path(tmp_path, by_name(name))
        if first.is_file():
            assert first.read_bytes() == second.read_bytes(), name
            continue
        assert files_on_disk(first) == files_on_disk(second)
        for rel in files_on_disk(first):
            assert (first / rel).read_bytes() == (second / rel).read_bytes(), f"{name}/{rel}"


def test_generating_again_replaces_stale_files(out: Path, tmp_path: Path) -> None:
    generate_all(tmp_path, only=["missing_attachments"])
    stale = dossier_path(tmp_path, by_name("missing_attachments")) / "old.pdf"
    stale.write_bytes(b"%PDF-1.4")
    generate_all(tmp_path, only=["missing_attachments"])
    assert not stale.exists()
    with pytest.raises(ValueError):
        generate_all(tmp_path, only=["no_such_dossier"])


# -- expected findings ----------------------------------------------------------------

def test_expected_json_is_committed_for_every_dossier_and_matches_the_definitions() -> None:
    committed = {p.stem for p in EXPECTED_DIR.glob("*.json")}
    assert committed == {d.name for d in DOSSIERS}
    for d in DOSSIERS:
        data = json.loads((EXPECTED_DIR / f"{d.name}.json").read_text(encoding="utf-8"))
        assert data == d.expected_json()
        assert data["program"] == PROGRAM and data["as_of"] == AS_OF == "2022-12-20"
        for f in data["findings"]:
            assert f["severity"] in ("error", "warning")
            assert f["field"] is None or f["field"] in FIELD_KEYS
            assert f["requirement"] is None or f["requirement"] in REQUIREMENTS


def test_zero_finding_dossiers() -> None:
    # Nothing but the electronic seal to verify (EMBEDDED_SEAL warning) on the Word declarations.
    seal = ("EMBEDDED_SEAL", None, "declaration_seal", "warning")
    empty = {d.name for d in DOSSIERS
             if all((f.code, f.field, f.requirement, f.severity) == seal for f in d.expected)}
    assert empty == {"clean", "scanned_declaration", "checkbox_wingdings", "checkbox_content_control", "zipped_gbk",
                     "star_narrative", "star_gap"}


def test_word_declarations_carry_an_electronic_seal(out: Path) -> None:
    # 将盖章后的电子申报材料提报: the clean Word declaration has the seal picture on the cover.
    doc = declaration(out, "clean")
    assert len(doc.inline_shapes) == 1 and "（盖章）" in doc.paragraphs[1].text


# -- the defects are really in the files -------------------------------------------------

def test_clean_declaration_table_layout(out: Path) -> None:
    doc = declaration(out, "clean")
    assert doc.paragraphs[0].text == "山东省数字经济“晨星工厂”申报书"
    cover = [p.text for p in doc.paragraphs[1:5]]
    assert cover == [f"申报单位（盖章）：{LUYUAN.name}", f"统一社会信用代码：{LUYUAN.uscc}",
                     f"法定代表人：{LUYUAN.legal_rep}", "填报日期：2022年12月15日"]
    assert value_of(doc, "企业全称") == LUYUAN.name
    assert value_of(doc, "注册资金(万元)") == "5000"
    assert value_of(doc, "上年度企业营收(万元)") == "23456.78"
    assert value_of(doc, "企业规模").split() == ["□大型", "☑中型", "□小型"]
    xml = doc.tables[0]._tbl.xml
    assert 'gridSpan w:val="3"' in xml and 'vMerge w:val="restart"' in xml
    assert doc.tables[0].cell(10, 0).text == "企业联系人"
    assert word_count(value_of(doc, "企业简介")) <= 500


def _ticks(doc: docx.document.Document) -> tuple[int, int]:
    body = doc.element.body
    return (
        sum(1 for s in body.iter(f"{W_NS}sym") if s.get(f"{W_NS}char") == "F052"),
        sum(1 for s in body.iter(f"{W_NS}sym") if s.get(f"{W_NS}char") == "F0A3"),
    )


def test_checkbox_dialects_tick_the_same_options(out: Path) -> None:
    runs = [t.text or "" for t in declaration(out, "clean").element.body.iter(f"{W_NS}t")]
    ticked = sum(r.count("☑") for r in runs)
    boxes = ticked + sum(r.count("□") for r in runs)
    assert ticked >= 20 and boxes > ticked

    wing = declaration(out, "checkbox_wingdings")
    wing_text = "".join(c.text for t in wing.tables for r in t.rows for c in r.cells)
    assert "☑" not in wing_text and "□" not in wing_text
    on, off = _ticks(wing)
    assert (on, on + off) == (ticked, boxes)

    cc = declaration(out, "checkbox_content_control")
    states = [b.find(f"{W14_NS}checked").get(f"{W14_NS}val") for b in cc.element.body.iter(f"{W14_NS}checkbox")]
    assert (states.count("1"), len(states)) == (ticked, boxes)


def test_missing_fields_defects(out: Path) -> None:
    doc = declaration(out, "missing_fields")
    assert value_of(doc, "企业全称") == ""
    assert "☑" not in value_of(doc, "企业规模")
    assert value_of(doc, "企业类型").split() == ["□国有", "☑民营", "☑合资", "□外资"]


def test_word_limit_profile_is_over_500_words(out: Path) -> None:
    assert 560 <= word_count(value_of(declaration(out, "word_limit"), "企业简介")) <= 620


def test_inconsistent_declaration_against_true_documents(out: Path) -> None:
    doc = declaration(out, "inconsistent")
    assert value_of(doc, "企业全称") == "山东鲁源智能装备有限公司" != LUYUAN.name
    assert value_of(doc, "注册资金(万元)") == "3000"
    assert value_of(doc, "上年度企业营收(万元)") == "23456.78"
    statement = pdf_text(dossier_path(out, by_name("inconsistent")) / "附件2.pdf")
    assert "198,765,400.00" in statement and "2021年度" in statement and LUYUAN.name in statement
    assert LUYUAN.capital_text == "伍仟万元整"


def test_codes_are_valid_shandong_except_where_a_defect_says_otherwise(out: Path) -> None:
    assert all(is_valid_uscc(c) for c in ("91512081MA62K0260E", "91110000600037341L", "91110108MA01EBFH9B"))
    assert uscc_check_char("91512081MA62K0260") == "E"
    for name in ("clean", "invalid_uscc", "not_shandong", "expired_license"):
        code = declaration(out, name).paragraphs[2].text.split("：")[1]
        assert is_valid_uscc(code) == (name != "invalid_uscc"), name
        assert code[2:4] == ("33" if name == "not_shandong" else "37"), name
    bad = declaration(out, "invalid_uscc").paragraphs[2].text.split("：")[1]
    assert bad[:17] == LUYUAN.uscc[:17] and bad != LUYUAN.uscc
    assert value_of(declaration(out, "not_shandong"), "通讯地址").startswith("浙江省杭州市")


def test_wrong_years_statements_cover_2019_and_2020(out: Path) -> None:
    texts = [pdf_text(dossier_path(out, by_name("wrong_years")) / f.path) for f in by_name("wrong_years").files
             if f.kind == "statement_pdf"]
    assert sorted("2020年度" in t for t in texts) == [False, True]
    assert sorted("2019年度" in t for t in texts) == [False, True]
    assert not any("2021年度" in t for t in texts)


def test_missing_attachments_lack_insurance_and_equity() -> None:
    kinds = {f.kind for f in by_name("missing_attachments").files}
    assert "insurance_pdf" not in kinds and "equity_docx" not in kinds


def test_conditional_options_defects(out: Path) -> None:
    doc = declaration(out, "conditional_options")
    assert value_of(doc, "主要设备是否加装数据采集设备").split() == ["☑是", "□否"]
    assert "☑" not in value_of(doc, "如是，选择数据采集设备类型")
    assert value_of(doc, "是否通过 DCMM 贯标").split() == ["☑是", "□否"]
    assert "☑" not in value_of(doc, "如通过，选择 DCMM 等级")


def test_company_figures_add_up() -> None:
    for c in COMPANIES.values():
        assert sum(s.amount_wan for s in c.shareholders) == c.capital_wan
        for year in (2020, 2021):
            assets, liabilities = _balance(c, year)
            assert assets[-1][1] == liabilities[-1][1]
        assert 300 <= word_count(c.profile) <= 450


def test_equity_table_sums_to_registered_capital(out: Path) -> None:
    doc = docx.Document(dossier_path(out, by_name("clean")) / "附件5.docx")
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0][3] == "出资额(万元)"
    assert sum(int(r[3]) for r in rows[1:-1]) == int(rows[-1][3]) == LUYUAN.capital_wan
    assert rows[-1][4] == "100.00%"


def test_word_count_follows_word() -> None:
    assert word_count("一二三四五 six seven eight") == 8
    assert word_count("建成MES、5G专网，2021年") == 10  # 建 成 MES 、 5G 专 网 ， 2021 年


def test_missing_font_names_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from samples.render import fonts

    fonts.cjk_font_path.cache_clear()
    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path)
    try:
        with pytest.raises(fonts.FontMissingError, match="apt-get install fonts-wqy-microhei"):
            fonts.cjk_font_path()
    finally:
        fonts.cjk_font_path.cache_clear()


def test_list_option_prints_every_dossier() -> None:
    result = subprocess.run([sys.executable, "-m", "samples.generate", "--list"], cwd=ROOT, check=True,
                            capture_output=True, text=True)
    lines = [ln for ln in result.stdout.strip().splitlines() if ln.startswith(PROGRAM + "/")]
    assert [line.split()[0] for line in lines] == [f"{PROGRAM}/{d.name}" for d in DOSSIERS]
    assert all(len(line.split(maxsplit=1)) == 2 for line in lines)


def test_scanned_declaration_is_the_same_company(out: Path) -> None:
    # The scan has no text layer; its content is the clean declaration drawn as pages.
    scan = by_name("scanned_declaration")
    clean = by_name("clean")
    assert [f.path for f in scan.files if f.kind != "declaration_scan_pdf"] == \
        [f.path for f in clean.files if f.kind != "declaration_docx"]
    for f in scan.files:
        if f.kind != "declaration_scan_pdf":
            assert (dossier_path(out, by_name("scanned_declaration")) / f.path).read_bytes() == (dossier_path(out, by_name("clean")) / f.path).read_bytes()
    assert io.BytesIO((dossier_path(out, by_name("scanned_declaration")) / "申报书（盖章版）.pdf").read_bytes()).read(5) == b"%PDF-"
