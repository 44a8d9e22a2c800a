"""Opens a generated review page in headless Chromium (Debian's chromium + chromedriver,
driven by Selenium), checks the findings and page crops are there and the severity filter
works, and saves a screenshot."""
from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import docx
import pytest
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from dossier.pipeline import CheckOptions, check_dossier
from dossier.render_html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER) and os.environ.get("CI") != "true",
    reason="headless Chromium not installed (bash scripts/install.sh --test installs it)")


def _dossier(root: Path) -> Path:
    root.mkdir()
    d = docx.Document()
    d.add_paragraph("山东省数字经济“晨星工厂”申报书")
    rows = [("企业全称", "山东测试装备有限公司"), ("通讯地址", "济南市历下区经十路1号"), ("注册日期", "2015年6月1日"),
            ("企业规模", "□大型 ☑中型 □小型"), ("上年度企业营收(万元)", "30000")]
    t = d.add_table(rows=len(rows), cols=2)
    for i, (k, v) in enumerate(rows):
        t.cell(i, 0).text, t.cell(i, 1).text = k, v
    d.save(root / "申报书.docx")
    pdfmetrics.registerFont(TTFont("wqy", FONT, subfontIndex=0))
    doc = SimpleDocTemplate(str(root / "附件2.pdf"), invariant=1)
    from reportlab.platypus import Paragraph
    from reportlab.lib.styles import ParagraphStyle
    st = ParagraphStyle("zh", fontName="wqy", fontSize=12, leading=18)
    table = Table([["项目", "行次", "本期金额", "上期金额"], ["一、营业收入", "1", "234,567,800.00", "201,000,000.00"],
                   ["减：营业成本", "2", "180,000,000.00", "150,000,000.00"]])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "wqy"), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    doc.build([Paragraph("利润表", st), Paragraph("编制单位：山东测试装备有限公司 2021年度 单位：元", st), table])
    return root


def test_review_page_in_headless_chromium(tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    run = check_dossier(_dossier(tmp_path / "d"), "sd-chenxing-2022",
                        CheckOptions(as_of=date(2022, 12, 20), cache_dir=tmp_path / "cache"))
    page = tmp_path / "review.html"
    page.write_text(render_html(run.report, run.crops), encoding="utf-8")

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM or "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,1800",
              "--disable-dev-shm-usage"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(DRIVER or "/usr/bin/chromedriver"), options=opts)
    try:
        driver.get(page.as_uri())
        codes = [e.get_attribute("data-code") for e in driver.find_elements(By.CSS_SELECTOR, ".finding")]
        assert "INCONSISTENT_VALUE" in codes and "MISSING_ATTACHMENT" in codes
        crops = driver.find_elements(By.CSS_SELECTOR, ".finding img.crop")
        assert crops and all(c.get_attribute("naturalWidth") not in (None, "0") for c in crops)
        assert int(driver.find_element(By.ID, "count-errors").text) == run.report.summary.errors
        # The mismatching field is highlighted in the side-by-side table.
        assert driver.find_elements(By.CSS_SELECTOR, 'tr.mismatch[data-field="revenue_last_year"]')
        driver.find_element(By.CSS_SELECTOR, '.filters button[data-sev="warning"]').click()
        visible = [e for e in driver.find_elements(By.CSS_SELECTOR, ".finding") if e.is_displayed()]
        # Something is shown, only warnings, and the errors are hidden.
        assert visible and all(e.get_attribute("data-sev") == "warning" for e in visible)
        assert len(visible) < len(codes)
        shot_dir = Path(os.environ.get("DOSSIER_SCREENSHOT_DIR", tmp_path))
        shot_dir.mkdir(parents=True, exist_ok=True)
        assert driver.save_screenshot(str(shot_dir / "review-page.png"))
    finally:
        driver.quit()
