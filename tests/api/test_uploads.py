"""Refused uploads: limits enforced while streaming, content sniffing, form validation.
Every refusal must leave no upload folder and no job behind."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.config import MIB, ConfigError, Settings
from api.db import Job
from api.uploads import sanitize_name, sanitize_relpath

from tests.api.conftest import (
    AS_OF,
    AUTH,
    PROGRAM,
    TRUNCATED_PDF,
    job_folders,
    make_settings,
    multipart,
    running,
    submit,
    tiny_files,
    wait_finished,
)


def _assert_nothing_kept(client: TestClient, settings: Settings) -> None:
    assert job_folders(settings) == []
    svc = client.app.state.service  # type: ignore[attr-defined]
    with svc.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Job)) == 0


def _error(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code and err["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err["message"])  # Chinese
    return err


def test_upload_over_the_size_limit_is_refused_while_streaming(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_upload_bytes=1000)
    with running(settings) as client:
        # Small enough that the Content-Length pre-check lets it through: the byte
        # counter on the file part has to stop it.
        r = submit(client, {"scan.pdf": b"%PDF-1.4\n" + b"0" * 1200})
        err = _error(r, 413, "UPLOAD_TOO_LARGE")
        assert err["details"]["limit_bytes"] == 1000
        # Two files, each under the limit, together over it.
        r = submit(client, {"a.pdf": b"%PDF-" + b"0" * 600, "b.pdf": b"%PDF-" + b"0" * 600})
        _error(r, 413, "UPLOAD_TOO_LARGE")
        _assert_nothing_kept(client, settings)


def test_declared_content_length_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_upload_bytes=MIB, max_files=2)
    with running(settings) as client:
        r = submit(client, {"big.pdf": b"%PDF-" + b"0" * (2 * MIB)})
        _error(r, 413, "UPLOAD_TOO_LARGE")
        _assert_nothing_kept(client, settings)


def test_too_many_files(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_files=2)
    with running(settings) as client:
        files = {f"scan{i}.pdf": TRUNCATED_PDF for i in range(3)}
        err = _error(submit(client, files), 413, "TOO_MANY_FILES")
        assert err["details"]["limit"] == 2
        _assert_nothing_kept(client, settings)


@pytest.mark.parametrize("name, data, code", [
    ("notes.txt", "这是一段说明文字".encode(), "UNSUPPORTED_FILE_TYPE"),
    ("data.bin", bytes(range(256)) * 4, "UNSUPPORTED_FILE_TYPE"),
    # Programs are refused by content, whatever they are called.
    ("scan.pdf", b"MZ\x90\x00" + b"\x00" * 60 + b"%PDF-1.4", "EXECUTABLE_FILE"),
    ("营业执照.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "EXECUTABLE_FILE"),
    ("申报书.docx", b"#!/bin/sh\nrm -rf /\n", "EXECUTABLE_FILE"),
])
def test_unknown_and_executable_types_are_refused(settings: Settings, name: str, data: bytes,
                                                  code: str) -> None:
    with running(settings) as client:
        files = {**tiny_files(), name: data}
        err = _error(submit(client, files), 415, code)
        assert err["details"]["file"] == name
        _assert_nothing_kept(client, settings)


def test_form_validation_errors_have_the_common_shape(settings: Settings) -> None:
    with running(settings) as client:
        files = multipart(tiny_files())
        r = client.post("/v1/checks", headers=AUTH, data={"as_of": AS_OF}, files=files)
        err = _error(r, 422, "VALIDATION_ERROR")
        assert "program" in err["message"] and "缺少必填字段" in err["message"]
        assert err["details"]["errors"][0]["field"] == "program"
        for bad in ("2022-13-45", "20221220", "2022-12-20T00:00:00"):
            r = client.post("/v1/checks", headers=AUTH,
                            data={"program": PROGRAM, "as_of": bad}, files=files)
            err = _error(r, 422, "VALIDATION_ERROR")
            assert "YYYY-MM-DD" in err["message"]
            assert err["details"]["errors"][0]["field"] == "as_of"
        r = client.post("/v1/checks", headers=AUTH, data={"program": "no-such-programme"},
                        files=files)
        err = _error(r, 422, "UNKNOWN_PROGRAM")
        assert PROGRAM in err["details"]["available"]
        _assert_nothing_kept(client, settings)


def test_malformed_requests(settings: Settings) -> None:
    with running(settings) as client:
        r = client.post("/v1/checks", headers=AUTH, json={"program": PROGRAM})
        _error(r, 415, "NOT_MULTIPART")
        r = client.post("/v1/checks", headers=AUTH, data={"program": PROGRAM},
                        files={"unused": ("", b"")})
        _error(r, 400, "NO_FILES")
        multipart_headers = {**AUTH, "Content-Type": "multipart/form-data; boundary=xyz"}
        part = (b'--xyz\r\nContent-Disposition: form-data; name="program"\r\n\r\n'
                + PROGRAM.encode() + b'\r\n--xyz\r\nContent-Disposition: form-data; '
                b'name="files"; filename="a.pdf"\r\n\r\n%PDF-1.4 partial')
        for body in (part, part + b"\r\n--xyz-garbage", b"no boundary at all"):
            r = client.post("/v1/checks", headers=multipart_headers, content=body)
            _error(r, 400, "BAD_MULTIPART")
        dupes = {"附件/a.pdf": TRUNCATED_PDF, "附件\\a.pdf": TRUNCATED_PDF}
        err = _error(submit(client, dupes), 400, "DUPLICATE_FILE_NAME")
        assert err["details"]["sanitized"] == "附件/a.pdf"
        r = client.post("/v1/checks", headers=AUTH, data={"program": "x" * 5000},
                        files=multipart(tiny_files()))
        _error(r, 400, "FIELD_TOO_LARGE")
        _assert_nothing_kept(client, settings)
        # The same body, properly closed, is accepted: the refusals above are about the framing.
        r = client.post("/v1/checks", headers=multipart_headers, content=part + b"\r\n--xyz--\r\n")
        assert r.status_code == 202, r.text
        assert wait_finished(client, r.json()["id"])["status"] == "done"


def test_sanitisers() -> None:
    assert sanitize_relpath("../../etc/passwd") == "etc/passwd"
    assert sanitize_relpath("/abs/x.pdf") == "abs/x.pdf"
    assert sanitize_relpath("a\\b\\..\\c.pdf") == "a/b/c.pdf"
    assert sanitize_relpath("ok\x00name\x1f.pdf") == "ok_name_.pdf"
    assert sanitize_relpath('a:b*c?"d"<e>|.pdf') == "a_b_c__d__e__.pdf"
    assert sanitize_relpath("...") == "" and sanitize_relpath("./") == ""
    assert sanitize_relpath("name. . ") == "name"
    long = sanitize_relpath("长" * 300 + ".pdf")
    assert long.endswith(".pdf") and len(long.encode("utf-8")) <= 200
    assert sanitize_relpath("/".join("d" * 20)) == "/".join("d" * 8)
    assert sanitize_name("../企业C") == "企业C" and sanitize_name(".hidden") == "hidden"


def test_settings_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("DOSSIER_DATABASE_URL", "DOSSIER_API_KEYS", "DOSSIER_API_ALLOW_ANONYMOUS",
                 "DOSSIER_MAX_UPLOAD_MB", "DOSSIER_MAX_UPLOAD_FILES", "DOSSIER_API_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path))
    s = Settings.from_env()
    assert s.database_url == f"sqlite:///{tmp_path / 'dossier.db'}"
    assert (s.max_upload_bytes, s.max_files, s.workers) == (200 * MIB, 500, 1)
    assert s.env_api_keys == () and not s.allow_anonymous
    monkeypatch.setenv("DOSSIER_MAX_UPLOAD_MB", "5")
    monkeypatch.setenv("DOSSIER_MAX_UPLOAD_FILES", "7")
    monkeypatch.setenv("DOSSIER_API_WORKERS", "3")
    monkeypatch.setenv("DOSSIER_API_KEYS", " k1, ,k2 ")
    monkeypatch.setenv("DOSSIER_API_ALLOW_ANONYMOUS", "1")
    monkeypatch.setenv("DOSSIER_DATABASE_URL", "postgresql+psycopg://u:p@h/db")
    s = Settings.from_env()
    assert (s.max_upload_bytes, s.max_files, s.workers) == (5 * MIB, 7, 3)
    assert s.env_api_keys == ("k1", "k2") and s.allow_anonymous
    assert s.database_url == "postgresql+psycopg://u:p@h/db"
    monkeypatch.setenv("DOSSIER_API_WORKERS", "zero")
    with pytest.raises(ConfigError, match="DOSSIER_API_WORKERS"):
        Settings.from_env()
