"""`dossier audit-list`: a generated 附件3 list (XLSX, DOCX, text PDF) with planted problems
against a generated OCR-free batch, matching of name variants, a 附件4 product list, the
annotated copy of an XLSX list and the reports an audit keeps."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from dossier import audit_list
from dossier.audit_list import (DossierFacts, ListRow, audit, industries_agree, match_rows,
                                name_match, read_list)
from dossier.batch import BatchSettings, discover_dossiers, run_batch
from models import Report, Summary
from models.report import FieldReport
from samples.audit.make_list import LIST_STEM, make_lists
from samples.batch.make_batch import make_batch

PROGRAM = "sd-chenxing-2022"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("audit")
    dossiers = base / "dossiers"
    make_batch(dossiers, 8, ocr_free=True, jobs=1)
    out = base / "batch-out"
    run_batch(BatchSettings(root=dossiers, out_dir=out, program=PROGRAM, as_of=date(2022, 12, 20),
                            workers=2, cache_dir=out / ".ocr-cache"))
    _, _, expected = make_lists(dossiers, base / "lists", pdf=True)
    return {"dossiers": dossiers, "out": out, "lists": base / "lists", "expected": expected}


def _key(f: dict) -> tuple:
    # A finding is about a dossier (not listed, mismatch) or about a listed company.
    who = f["dossier"] if f["code"] in ("DOSSIER_NOT_LISTED", "LIST_MISMATCH") else f.get("actual")
    return f["code"], f["severity"], f["field"], who


def _expected_key(e: dict) -> tuple:
    who = e["dossier"] if e["code"] in ("DOSSIER_NOT_LISTED", "LIST_MISMATCH") else e["company"]
    return e["code"], e["severity"], e["field"], who


def _run_json(args: list[str], out: Path) -> dict:
    assert audit_list.main([*args, "--format", "json", "--out", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_annotated(copy: Path, lst: Path, result: dict) -> None:
    """The copy is the list, cell for cell, plus one 核查意见 per listed row (sheet rows:
    title 1–3, header 4, rows from 5)."""
    original = openpyxl.load_workbook(lst).active
    ws = openpyxl.load_workbook(copy).active
    width = original.max_column
    assert ws.title == original.title and ws.max_row == original.max_row
    for row in original.iter_rows():
        for cell in row:
            assert ws[cell.coordinate].value == cell.value, cell.coordinate
    assert [c.value for c in ws[4]] == [c.value for c in original[4]] + ["核查意见"]
    opinions = {r: ws.cell(row=r, column=width + 1) for r in range(5, ws.max_row + 1)}
    assert len(opinions) == result["rows"]
    assert all(isinstance(c.value, str) and c.value.endswith(("。", "未发现问题")) for c in opinions.values())
    assert all(ws.cell(row=r, column=width + 1).value is None for r in range(1, 4))
    with_findings = {f["row"] for f in result["findings"] if f["row"] is not None}
    assert with_findings and set(opinions) - with_findings
    for r, cell in opinions.items():
        assert (cell.value == "未发现问题") == (r not in with_findings), (r, cell.value)
    by_company = {ws.cell(row=r, column=2).value: c for r, c in opinions.items()}
    missing = by_company["山东瑞祥电子科技有限公司"]
    assert missing.value.startswith("错误：") and "没有该企业的申报材料" in missing.value
    assert missing.fill.fgColor.rgb.endswith("F8CBAD")
    assert "与第 8 行重复" in opinions[11].value
    suffix = by_company["山东华源智能装备有限责任公司"]
    assert suffix.value.startswith("提示：") and "有限公司/有限责任公司" in suffix.value
    assert next(c for c in opinions.values() if c.value == "未发现问题").fill.fgColor.rgb.endswith("C6EFCE")
    mismatch = next(f for f in result["findings"] if f["field"] == "industry")
    assert f"所属行业与申报材料“{mismatch['expected']}”不一致" in opinions[mismatch["row"]].value


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "pdf"])
def test_each_planted_problem_found_exactly_once(world: dict, suffix: str, tmp_path: Path) -> None:
    lst = world["lists"] / f"{LIST_STEM}.{suffix}"
    before = _sha(lst)
    result = _run_json([str(lst), str(world["dossiers"]), "--program", PROGRAM,
                        "--reports", str(world["out"])], tmp_path / "audit.json")
    quota = [f for f in result["findings"] if f["code"] == "LIST_QUOTA"]
    assert len(quota) == 1 and quota[0]["actual"] == 6 and quota[0]["expected"] == 50
    found = Counter(_key(f) for f in result["findings"] if f["code"] != "LIST_QUOTA")
    wanted = Counter(_expected_key(e) for e in world["expected"] if e["code"] != "LIST_QUOTA")
    assert found == wanted
    assert all(n == 1 for n in found.values())
    assert result["meta"]["推荐单位"] == "济南市工业和信息化局"
    rows = {f["code"]: f for f in result["findings"] if f["row"] is not None}
    assert rows["LIST_MISSING_DOSSIER"]["excerpt"].split(" | ")[1] == "山东瑞祥电子科技有限公司"
    assert rows["LIST_DUPLICATE"]["serial"] == "7"
    if suffix == "xlsx":  # sheet row numbers: title rows 1–3, header row 4
        assert rows["LIST_DUPLICATE"]["row"] == 11 and rows["LIST_DUPLICATE"]["expected"] == 8
    how = {m["company"]: m["how"] for m in result["matches"]}
    assert how["华源耐材科技(威海)有限公司"] == "exact"  # half-width brackets in the list
    assert how["山东华源智能装备有限责任公司"] == "suffix"
    # An annotated copy beside the output for an XLSX list; the list itself untouched.
    copies = list(tmp_path.glob("*核查意见*"))
    assert _sha(lst) == before
    if suffix == "xlsx":
        assert copies == [tmp_path / f"{LIST_STEM}-核查意见.xlsx"]
        _check_annotated(copies[0], lst, result)
    else:
        assert copies == []


def test_without_reports_the_dossiers_are_checked(world: dict, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "cache"))
    lst = world["lists"] / f"{LIST_STEM}.xlsx"
    before = _sha(lst)
    args = [str(lst), str(world["dossiers"]), "--program", PROGRAM, "--as-of", "2022-12-20",
            "--workers", "2"]
    result = _run_json(args, tmp_path / "audit.json")
    assert result["matched"] == 5 and result["dossiers"] == 8
    assert Counter(f["code"] for f in result["findings"]) == Counter(
        e["code"] for e in world["expected"])
    # The reports of the checks are kept beside the output, as a batch folder.
    kept = tmp_path / "audit-reports"
    names = sorted(i.name for i in discover_dossiers(world["dossiers"]))
    assert sorted(p.stem for p in (kept / "reports").glob("*.json")) == names
    assert sorted(p.stem for p in (kept / "reports").glob("*.html")) == names
    assert (kept / "triage.xlsx").is_file()
    assert "audit-reports" in capsys.readouterr().err
    _check_annotated(tmp_path / f"{LIST_STEM}-核查意见.xlsx", lst, result)
    assert _sha(lst) == before
    # The next audit reuses them: nothing is checked again, the same result.
    again = _run_json(args, tmp_path / "audit.json")
    assert "需要核查" not in capsys.readouterr().err
    assert again == result


def test_text_report_is_chinese_with_row_numbers(world: dict, capsys: pytest.CaptureFixture[str]) -> None:
    lst = world["lists"] / f"{LIST_STEM}.docx"
    assert audit_list.main([str(lst), str(world["dossiers"]), "--program", PROGRAM,
                            "--reports", str(world["out"])]) == 0
    out = capsys.readouterr().out
    assert "推荐汇总表核查" in out and "错误（3）" in out
    assert "（序号 3）：推荐表中的“山东瑞祥电子科技有限公司”在材料目录中没有对应的申报材料" in out


def _facts(entry: str, company: str, industry: str = "") -> DossierFacts:
    fields = {"company_name": {"value": company}, "industry": {"value": industry}}
    return DossierFacts(name=entry, entry=entry, company=company, verdict="needs_fixes", fields=fields)


def _row(n: int, company: str, industry: str = "") -> ListRow:
    return ListRow(row=n, page=None, serial=str(n), values={"company": company, "industry": industry},
                   excerpt=company)


def test_company_name_variants() -> None:
    d = _facts("01", "山东鲁源智能装备有限公司")
    assert name_match("山东鲁源智能装备有限公司", d) == ("exact", 100.0)
    assert name_match("山东鲁源智能装备有限责任公司", d)[0] == "suffix"
    assert name_match(" 山东鲁源智能装备 有限公司 ", d)[0] == "exact"
    bracketed = _facts("02", "鲁源智能装备（山东）有限公司")
    assert name_match("鲁源智能装备(山东)有限公司", bracketed)[0] == "exact"
    assert name_match("鲁源智能装备〔山东〕有限公司", bracketed)[0] == "exact"
    assert name_match("山东鲁原智能装备有限公司", d)[0] == "fuzzy"  # one character off
    assert name_match("山东鲁源精密机械有限公司", d) is None
    assert name_match("山东鲁源智能装备股份有限公司", d)[0] != "suffix"
    # Another document's reading of the name counts too (licence vs declaration).
    licensed = _facts("03", "山东鲁源智能装备有限公司")
    licensed.fields["company_name"]["readings"] = [
        {"source": "business_license", "value": "山东鲁原智能装备有限公司"}]
    assert name_match("山东鲁原智能装备有限公司", licensed) == ("exact", 100.0)
    # The folder names the company when the declaration left 企业全称 empty.
    assert name_match("山东鲁源智能装备有限公司", _facts("07_山东鲁源智能装备有限公司.zip", ""))[0] == "folder"


def test_exact_pairs_win_over_near_names() -> None:
    dossiers = [_facts("a", "山东华源智能装备有限公司"), _facts("b", "山东华达智能装备有限公司")]
    rows = [_row(1, "山东华达智能装备有限公司"), _row(2, "山东华源智能装备有限责任公司")]
    matches, lonely_rows, lonely_dossiers = match_rows(rows, dossiers)
    assert {(m.row.row, m.dossier.entry, m.how) for m in matches} == {(1, "b", "exact"), (2, "a", "suffix")}
    assert not lonely_rows and not lonely_dossiers


def test_industry_comparison() -> None:
    declared = "制造业-通用设备制造业-金属加工机械制造"
    assert industries_agree("通用设备制造业", declared)
    assert industries_agree("制造业—通用设备制造业—金属加工机械制造", declared)
    assert industries_agree("制造业", declared)
    assert not industries_agree("制造业-通用设备制造业-通用零部件制造", declared)
    assert not industries_agree("化学原料和化学制品制造业", declared)


def test_product_list_class_mismatch(tmp_path: Path) -> None:
    """附件4: a product class that differs from the declaration's ticked class."""
    lst = tmp_path / "附件4.docx"
    d = docx.Document()
    d.add_paragraph("山东省“数据赋能”优秀产品推荐汇总表")
    d.add_paragraph("推荐单位：青岛市工业和信息化局")
    t = d.add_table(rows=3, cols=5)
    for r, values in enumerate((("序号", "企业名称", "申报产品名称", "申报产品类别", "备注"),
                                ("1", "青岛海拓数据科技有限公司", "海拓工业数据采集网关", "数据应用类", ""),
                                ("2", "青岛云图信息技术有限公司", "云图边缘云平台", "数据存储类", ""))):
        for c, v in enumerate(values):
            t.cell(r, c).text = v
    d.save(lst)
    root, reports = tmp_path / "dossiers", tmp_path / "reports"
    reports.mkdir()
    program = "sd-data-product-2022"
    for entry, company, product, klass in (
            ("海拓", "青岛海拓数据科技有限公司", "海拓工业数据采集网关", ["数据采集类"]),
            ("云图", "青岛云图信息技术有限公司", "云图边缘云平台V2.0", ["数据存储类"])):
        (root / entry).mkdir(parents=True)
        (root / entry / "申报书.docx").write_bytes(b"placeholder")
        report = Report(dossier=entry, program=program, as_of="2022-12-20", tool_version="t",
                        summary=Summary(), fields={
                            "company_name": FieldReport(value=company, normalized=company),
                            "product_name": FieldReport(value=product, normalized=product),
                            "product_category": FieldReport(value=klass, normalized=klass)})
        (reports / f"{entry}.json").write_text(report.model_dump_json(), encoding="utf-8")
    parsed = read_list(lst)
    assert parsed.kind == "product" and len(parsed.rows) == 2
    out = tmp_path / "audit.json"
    result = _run_json([str(lst), str(root), "--program", program, "--reports", str(reports)], out)
    assert [(f["code"], f["field"], f["row"]) for f in result["findings"]] == [
        ("LIST_MISMATCH", "product_category", 2)]
    assert result["findings"][0]["actual"] == "数据应用类"
    assert result["matched"] == 2
    # A 晨星工厂 audit of a product list is a usage error, not an audit.
    assert audit_list.main([str(lst), str(root), "--program", PROGRAM, "--reports", str(reports)]) == 2


def test_usage_errors(world: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lst = world["lists"] / f"{LIST_STEM}.xlsx"
    not_a_list = tmp_path / "x.docx"
    d = docx.Document()
    d.add_paragraph("这不是推荐汇总表")
    d.save(not_a_list)
    assert audit_list.main([str(not_a_list), str(world["dossiers"]), "--program", PROGRAM]) == 2
    assert "表头" in capsys.readouterr().err
    assert audit_list.main([str(lst), str(world["dossiers"]), "--program", "sd-industry-brain"]) == 2
    assert "没有推荐汇总表规则" in capsys.readouterr().err
    assert audit_list.main([str(tmp_path / "none.xlsx"), str(world["dossiers"]), "--program", PROGRAM]) == 2
    assert audit_list.main([str(lst), str(tmp_path / "none"), "--program", PROGRAM]) == 2


def test_duplicates_and_quota_counted_on_distinct_enterprises() -> None:
    dossiers = [_facts(f"d{i}", f"山东测试{i}号有限公司") for i in range(3)]
    rows = [_row(i + 1, f"山东测试{i}号有限公司") for i in range(3)] + [_row(4, "山东测试1号有限责任公司")]
    from dossier.audit_list import LIST_RULES, RecommendationList

    rec = RecommendationList(path="x", kind="chenxing", rows=rows, columns=["company"])
    result = audit(rec, dossiers, PROGRAM, LIST_RULES[PROGRAM])
    codes = Counter(f.code for f in result.findings)
    assert codes == Counter({"LIST_DUPLICATE": 1, "LIST_QUOTA": 1})
    dup = next(f for f in result.findings if f.code == "LIST_DUPLICATE")
    assert dup.row == 4 and dup.expected == 2
    assert next(f for f in result.findings if f.code == "LIST_QUOTA").actual == 3


def test_list_workbook_is_the_same_bytes_when_written_a_second_later(tmp_path: Path) -> None:
    # openpyxl stamps a new workbook's created/modified times with the clock.
    import time

    from samples.audit.make_list import write_xlsx

    write_xlsx([], tmp_path / "a.xlsx", "济南市工业和信息化局")
    time.sleep(1.1)
    write_xlsx([], tmp_path / "b.xlsx", "济南市工业和信息化局")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
