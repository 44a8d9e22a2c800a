"""The pre-check page end to end: a real `dossier serve`, headless Chromium (Selenium), a
generated sample dossier uploaded as a zip through the page's file input, the review page
shown from a signed link with its crops, and the printable 补正清单 in the right order.
Screenshots go to /tmp/precheck_page.png and /tmp/precheck_list.png (or
$DOSSIER_SCREENSHOT_DIR)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import wait_healthy

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
KEY = "browser-test-key-0123456789"
SAMPLE = "sd-chenxing-2022/inconsistent"
EXPECTED = ROOT / "samples" / "expected" / "sd-chenxing-2022" / "inconsistent.json"

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER) and os.environ.get("CI") != "true",
    reason="headless Chromium not installed (bash scripts/install.sh --test installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dossier_command() -> list[str]:
    """The installed `dossier` console script next to this interpreter."""
    script = Path(sys.executable).parent / "dossier"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from api.cli_commands import main; sys.exit(main())"]


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "DOSSIER_DATA_DIR": str(tmp_path / "data"), "DOSSIER_API_KEYS": KEY,
           "DOSSIER_MAX_UPLOAD_MB": "20", "DOSSIER_MAX_UPLOAD_FILES": "50",
           "DOSSIER_JOB_HARD_SECONDS": "480"}
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen([*dossier_command(), "serve", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        yield base
    finally:
        stop(proc)
        log.close()


def sample_zip(tmp_path: Path) -> Path:
    from samples.generate import generate_all

    (folder,) = generate_all(tmp_path / "samples", only=[SAMPLE])
    out = tmp_path / f"{folder.name}.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                zf.write(f, f"{folder.name}/{f.relative_to(folder).as_posix()}")
    return out


def api_get(base: str, path: str) -> Any:
    req = urllib.request.Request(base + path, headers={"X-API-Key": KEY})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def fix_order(report: dict) -> list[dict]:
    """The 补正清单's order, worked out here independently of the page: errors, then
    warnings; by the first file (dossier order) and page a finding points at; report order."""
    order = {d["path"]: i for i, d in enumerate(report["documents"])}

    def rank(loc: dict) -> tuple:
        return (order.get(loc["path"], len(order)), loc["path"], loc.get("page") or 0)

    keyed = []
    for i, f in enumerate(report["findings"]):
        if f["severity"] not in ("error", "warning"):
            continue
        first = min((rank(loc) for loc in f["locations"]), default=(float("inf"), "", 0))
        keyed.append(((0 if f["severity"] == "error" else 1, first, i), f))
    return [f for _, f in sorted(keyed, key=lambda kv: kv[0])]


def test_precheck_page_end_to_end(server: str, tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    archive = sample_zip(tmp_path)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    expected_errors = [f for f in expected["findings"] if f["severity"] == "error"]

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM or "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
              "--disable-dev-shm-usage", "--lang=zh-CN"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(DRIVER or "/usr/bin/chromedriver"), options=opts)
    shots = Path(os.environ.get("DOSSIER_SCREENSHOT_DIR", "/tmp"))
    shots.mkdir(parents=True, exist_ok=True)
    try:
        driver.set_window_size(1400, 1000)
        driver.get(server + "/")
        wait = WebDriverWait(driver, 30)
        # No key yet: the page asks for one and offers no programme.
        wait.until(lambda d: "密钥" in d.find_element(By.ID, "key-status").text)
        assert not driver.find_element(By.ID, "submit").is_enabled()
        driver.find_element(By.ID, "key-input").send_keys(KEY)
        driver.find_element(By.ID, "key-save").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#program option[value="sd-chenxing-2022"]'))
        assert driver.execute_script("return localStorage.getItem('dossier-precheck-key')") == KEY
        Select(driver.find_element(By.ID, "program")).select_by_value("sd-chenxing-2022")
        as_of = driver.find_element(By.ID, "as-of")
        assert as_of.get_attribute("value") == time.strftime("%Y-%m-%d")  # today by default
        driver.execute_script("arguments[0].value = '2022-12-20';"
                              "arguments[0].dispatchEvent(new Event('change'));", as_of)
        driver.find_element(By.ID, "file-input").send_keys(str(archive))
        wait.until(lambda d: archive.name in d.find_element(By.ID, "file-list").text)
        wait.until(ec.element_to_be_clickable((By.ID, "submit"))).click()

        WebDriverWait(driver, 420, poll_frequency=1).until(
            lambda d: d.find_element(By.ID, "result-section").is_displayed()
            or d.find_element(By.ID, "error").text)
        assert not driver.find_element(By.ID, "error").text
        assert driver.find_element(By.ID, "upload-text").text == "上传完成"
        check_text = driver.find_element(By.ID, "check-text").text
        assert check_text.startswith("已完成：已读取") and "页" in check_text
        summary = driver.find_element(By.ID, "summary").text
        assert "需要补正" in summary and f"错误 {len(expected_errors)} 项" in summary

        # The review page, in the frame, from the key-less signed link.
        frame = driver.find_element(By.ID, "review-frame")
        assert "sig=" in frame.get_attribute("src")
        driver.switch_to.frame(frame)
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".finding"))
        findings = driver.find_elements(By.CSS_SELECTOR, ".finding")
        codes = [f.get_attribute("data-code") for f in findings]
        assert {f["code"] for f in expected["findings"]} <= set(codes)
        texts = "\n".join(f.text for f in findings)
        assert "“注册资金(万元)”前后不一致" in texts and "“企业全称”前后不一致" in texts
        crops = driver.find_elements(By.CSS_SELECTOR, ".finding img.crop")
        assert crops and any(c.get_attribute("naturalWidth") not in (None, "0") for c in crops)
        driver.switch_to.default_content()
        assert driver.save_screenshot(str(shots / "precheck_page.png"))

        # The 补正清单: the report's errors, then its warnings, in submission order.
        job_id = frame.get_attribute("src").split("/v1/checks/")[1].split("/")[0]
        report = api_get(server, f"/v1/checks/{job_id}")["report"]
        want = fix_order(report)
        assert [f["severity"] for f in want] == ["error"] * len(expected_errors) + ["warning"]
        driver.find_element(By.ID, "show-list").click()
        assert not frame.is_displayed()
        items = driver.find_elements(By.CSS_SELECTOR, "#fix-list .fix-item")
        assert [(i.get_attribute("data-severity"), i.find_element(By.CSS_SELECTOR, ".message").text)
                for i in items] == [(f["severity"], f["message"]) for f in want]
        first = items[0].text
        assert "需补正：统一各份材料中的这项数据" in first and "位置：" in first and "第 1 页" in first
        assert "原因：期望 申报书为" in first and "；实际 营业执照为" in first
        headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "#fix-list h3")]
        assert headings == [f"一、必须补正的问题（{len(expected_errors)} 项）", "二、需要核实的问题（1 项）"]
        assert "需核实：" in items[-1].text
        assert driver.find_element(By.ID, "print-list").is_displayed()
        # As printed: only the list, none of the form or the controls.
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert driver.find_element(By.ID, "fix-list").is_displayed()
        for hidden in ("form-section", "key-section", "print-list", "summary"):
            assert not driver.find_element(By.ID, hidden).is_displayed(), hidden
        assert driver.save_screenshot(str(shots / "precheck_list.png"))
    finally:
        driver.quit()
