"""An API service on a temp SQLite database and data folder, and the smallest dossier
that still produces real findings (a DOCX declaration and a truncated PDF)."""
from __future__ import annotations

import io
import subprocess
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.config import Settings

PROGRAM = "sd-chenxing-2022"
AS_OF = "2022-12-20"
KEY = "test-key-0123456789"
AUTH = {"X-API-Key": KEY}


def make_settings(root: Path, **overrides: Any) -> Settings:
    data = root / "data"
    values: dict[str, Any] = {"data_dir": data, "database_url": f"sqlite:///{data / 'api.db'}",
                              "env_api_keys": (KEY,)}
    values.update(overrides)
    return Settings(**values)


@contextmanager
def running(settings: Settings, **kwargs: Any) -> Iterator[TestClient]:
    with TestClient(create_app(settings, **kwargs)) as client:
        yield client


def declaration_docx() -> bytes:
    doc = docx.Document()
    doc.add_paragraph("山东省数字经济“晨星工厂”申报书")
    t = doc.add_table(rows=5, cols=2)
    for i, (k, v) in enumerate([("企业全称", "山东测试机械有限公司"), ("通讯地址", "济南市历下区"),
                                ("注册日期", "2015年6月1日"), ("企业规模", "□大型 ☑中型 □小型"),
                                ("企业人数", "")]):
        t.cell(i, 0).text, t.cell(i, 1).text = k, v
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


TRUNCATED_PDF = b"%PDF-1.4\n1 0 obj <<"


def tiny_files() -> dict[str, bytes]:
    return {"申报书.docx": declaration_docx(), "scan002.pdf": TRUNCATED_PDF}


def write_folder(folder: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def multipart(files: dict[str, bytes]) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (name, data)) for name, data in files.items()]


def submit(client: TestClient, files: dict[str, bytes], headers: dict[str, str] = AUTH,
           **fields: str) -> Any:
    data = {"program": PROGRAM, "as_of": AS_OF, **fields}
    return client.post("/v1/checks", headers=headers, data=data, files=multipart(files))


def wait_finished(client: TestClient, job_id: str, headers: dict[str, str] = AUTH,
                  timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(f"/v1/checks/{job_id}", headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        if body["status"] in ("done", "failed"):
            return body
        assert time.monotonic() < deadline, f"job still {body['status']} after {timeout} s"
        time.sleep(0.05)


def job_folders(settings: Settings) -> list[Path]:
    return sorted(settings.jobs_dir.iterdir()) if settings.jobs_dir.is_dir() else []


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 120.0,
                 what: str = "dossier serve") -> None:
    """Until a service started as ``proc`` answers /healthz; fails if it exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{what} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{what} did not become healthy")
