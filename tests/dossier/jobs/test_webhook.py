"""Completion webhooks against a real HTTP server on 127.0.0.1."""
from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import uuid
from datetime import date, datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from dossier.jobs.db import Database, Job
from dossier.jobs.webhook import deliver_webhook, validate_webhook_url

SECRET = "测试密钥-secret"
FINISHED = datetime(2024, 3, 1, 8, 30, tzinfo=timezone.utc)


class Receiver:
    """Records every POST; answers with the next status of ``statuses`` (the last one
    repeats)."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.requests: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                n = len(receiver.requests)
                code = receiver.statuses[min(n, len(receiver.statuses)) - 1]
                self.send_response(code)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook?token=abc"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def add_job(db: Database, webhook_url: str | None, *, status: str = "done",
            report: dict | None = None, error: str | None = None,
            error_code: str | None = None) -> uuid.UUID:
    job_id = uuid.uuid4()
    with db.session() as s:
        s.add(Job(id=job_id, program="sd-chenxing-2022", as_of=date(2024, 3, 1), status=status,
                  finished_at=FINISHED, upload_name="企业甲", file_count=2, total_bytes=10,
                  tool_version="t", owner="key:abc", webhook_url=webhook_url, error=error,
                  error_code=error_code,
                  report_json=json.dumps(report, ensure_ascii=False) if report else None))
        s.commit()
    return job_id


def stored_status(db: Database, job_id: uuid.UUID) -> str | None:
    with db.session() as s:
        job = s.get(Job, job_id)
        assert job is not None
        return job.webhook_status


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_delivers_signed_json(db: Database) -> None:
    summary = {"errors": 1, "warnings": 0, "infos": 2, "verdict": "not_ready"}
    with Receiver([200]) as rx:
        job_id = add_job(db, rx.url, report={"dossier": "企业甲", "summary": summary})
        status = deliver_webhook(db, job_id, SECRET, backoff=0.01)
    assert status == "已送达（HTTP 200，第 1 次尝试）" == stored_status(db, job_id)
    assert len(rx.requests) == 1
    headers, body = rx.requests[0]
    assert headers["content-type"] == "application/json"
    assert headers["x-dossier-event"] == "check.finished"
    expected = hmac.new(SECRET.encode("utf-8"), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-dossier-signature"], f"sha256={expected}")
    # Chinese is sent as UTF-8, not as \\u escapes.
    assert "企业甲".encode("utf-8") in body
    assert json.loads(body.decode("utf-8")) == {
        "event": "check.finished", "id": str(job_id), "status": "done",
        "program": "sd-chenxing-2022", "upload_name": "企业甲",
        "finished_at": FINISHED.isoformat(), "error": None, "error_code": None,
        "summary": summary}


def test_failed_job_unsigned_without_secret(db: Database) -> None:
    with Receiver([204]) as rx:
        job_id = add_job(db, rx.url, status="failed", error="核查超时", error_code="timeout")
        assert deliver_webhook(db, job_id, None) == "已送达（HTTP 204，第 1 次尝试）"
    headers, body = rx.requests[0]
    assert "x-dossier-signature" not in headers
    sent = json.loads(body)
    assert (sent["status"], sent["error"], sent["error_code"], sent["summary"]) == (
        "failed", "核查超时", "timeout", None)


def test_retries_server_errors_then_delivers(db: Database) -> None:
    with Receiver([500, 500, 200]) as rx:
        job_id = add_job(db, rx.url, report={"summary": {"errors": 0}})
        status = deliver_webhook(db, job_id, SECRET, backoff=0.01)
    assert status == "已送达（HTTP 200，第 3 次尝试）" == stored_status(db, job_id)
    assert len(rx.requests) == 3
    # The same bytes every time, so every attempt carries a valid signature.
    assert len({body for _, body in rx.requests}) == 1


def test_client_error_is_not_retried(db: Database) -> None:
    with Receiver([404]) as rx:
        job_id = add_job(db, rx.url)
        status = deliver_webhook(db, job_id, None, backoff=0.01)
    assert status == "送达失败：HTTP 404（已尝试 1 次）" == stored_status(db, job_id)
    assert len(rx.requests) == 1


def test_server_that_keeps_failing(db: Database) -> None:
    with Receiver([503]) as rx:
        job_id = add_job(db, rx.url)
        status = deliver_webhook(db, job_id, None, attempts=3, backoff=0.01)
    assert status == "送达失败：HTTP 503（已尝试 3 次）"
    assert len(rx.requests) == 3


def test_unreachable_receiver_is_recorded_not_raised(db: Database) -> None:
    job_id = add_job(db, f"http://127.0.0.1:{free_port()}/hook")
    status = deliver_webhook(db, job_id, SECRET, timeout=2.0, attempts=2, backoff=0.01)
    assert status is not None and status.startswith("送达失败：")
    assert status.endswith("（已尝试 2 次）") and len(status) <= 200
    assert stored_status(db, job_id) == status


def test_no_webhook_or_no_job_sends_nothing(db: Database) -> None:
    job_id = add_job(db, None)
    assert deliver_webhook(db, job_id, SECRET) is None
    assert stored_status(db, job_id) is None
    assert deliver_webhook(db, uuid.uuid4(), SECRET) is None


@pytest.mark.parametrize("url", [
    "https://example.com/hook",
    "http://127.0.0.1:8080/回调?x=1",
    "  https://example.com/a  ",
])
def test_valid_urls(url: str) -> None:
    assert validate_webhook_url(url) == url.strip()


@pytest.mark.parametrize(("url", "reason"), [
    ("", "为空"),
    ("ftp://example.com/hook", "http"),
    ("file:///etc/passwd", "http"),
    ("javascript:alert(1)", "http"),
    ("https:///hook", "主机"),
    ("https://user:pass@example.com/hook", "用户名或密码"),
    ("https://user@example.com/hook", "用户名或密码"),
    ("https://example.com:99999/hook", "格式无效"),
    ("https://example.com/a b", "空白"),
    ("https://example.com/" + "a" * 2000, "过长"),
])
def test_invalid_urls(url: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        validate_webhook_url(url)
