"""Adding a programme needs only a YAML file: one defined here checks a dossier made here."""
from datetime import date
from pathlib import Path

import docx
import openpyxl

from criteria.loader import load_programme_file
from dossier.cli import main
from dossier.pipeline import CheckOptions, check_dossier

YAML = """
id: test-next-year
title: 测试用下一年度项目
year: 2026
source: 本测试
declaration: {title_keywords: [测试项目申报书], min_label_hits: 2}
fields:
  - {key: company_name, label: 企业名称, required: true}
  - {key: networking_rate, label: 装备联网率(%), type: percent, required: true}
  - {key: size, label: 企业规模, type: options, options: [大型, 中型, 小型], required: true}
attachments:
  - {id: equipment, title: 设备清单, kinds: [equipment_list]}
tables:
  - id: equipment
    title: 设备清单
    kinds: [equipment_list]
    columns:
      - {key: name, labels: [设备名称]}
      - {key: qty, labels: [台套数], type: number}
      - {key: networked, labels: [是否联网], type: bool}
rules:
  - kind: ratio
    id: networking_rate
    title: 装备联网率
    stated: {field: networking_rate}
    numerator: {table: equipment, aggregate: sum, column: qty, where: {networked: true}}
    denominator: {table: equipment, aggregate: sum, column: qty}
    tolerance_points: 2
"""


def _dossier(root: Path, stated_rate: str) -> Path:
    root.mkdir()
    d = docx.Document()
    d.add_paragraph("测试项目申报书")
    t = d.add_table(rows=3, cols=2)
    for i, (k, v) in enumerate([("企业名称", "山东测试有限公司"), ("装备联网率(%)", stated_rate),
                                ("企业规模", "□大型 ☑中型 □小型")]):
        t.cell(i, 0).text, t.cell(i, 1).text = k, v
    d.save(root / "申报书.docx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["设备清单"])
    ws.append(["序号", "设备名称", "台套数", "是否联网"])
    for row in ([1, "数控车床", 6, "是"], [2, "冲压机", 3, "√"], [3, "老式铣床", 1, "否"]):
        ws.append(row)
    wb.save(root / "清单.xlsx")
    return root


def test_programme_defined_only_in_yaml(tmp_path: Path) -> None:
    prog_file = tmp_path / "test-next-year.yaml"
    prog_file.write_text(YAML, encoding="utf-8")
    prog = load_programme_file(prog_file)
    opts = CheckOptions(as_of=date(2026, 3, 1), cache_dir=tmp_path / "cache")
    good = check_dossier(_dossier(tmp_path / "good", "90%"), prog, opts).report
    assert good.summary.errors == 0, [f.message for f in good.findings]
    assert good.fields["networking_rate"].normalized == 90
    bad = check_dossier(_dossier(tmp_path / "bad", "75%"), prog, opts).report
    [f] = bad.findings
    assert f.code.value == "CALCULATION_MISMATCH" and f.requirement == "networking_rate"
    assert "90" in f.message and f.locations[0].path == "申报书.docx"


def test_cli_accepts_a_criteria_file(tmp_path: Path, capsys) -> None:
    prog_file = tmp_path / "p.yaml"
    prog_file.write_text(YAML, encoding="utf-8")
    d = _dossier(tmp_path / "d", "75%")
    assert main(["check", str(d), "--criteria", str(prog_file), "--as-of", "2026-03-01"]) == 0
    assert "CALCULATION_MISMATCH" in capsys.readouterr().out
