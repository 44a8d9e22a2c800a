"""Completion webhooks: one POST to the URL a job was submitted with, once it has ended.

The body is JSON (UTF-8, Chinese kept as is)::

    {"event": "check.finished", "id", "status", "program", "upload_name", "finished_at",
     "error", "error_code", "summary"}

``summary`` is the report's summary object for a finished check, else null; the receiver
fetches the full report with its API key. With a secret (DOSSIER_WEBHOOK_SECRET) the
request carries ``X-Dossier-Signature: sha256=<hex HMAC-SHA256 of the body bytes>``, so a
receiver can tell our calls from forged ones.

A webhook is a notification, not part of the result: delivery is retried on connection
errors, 5xx and 429, what it came to is written to ``jobs.webhook_status`` in Chinese, and
nothing here raises. Redirects are not followed (a POST turned into a GET, or sent on to
an address nobody submitted, is worse than a recorded failure)."""
from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from typing import Any
from urllib.parse import urlsplit

from dossier.jobs.db import Database, Job, JobStatus

log = logging.getLogger(__name__)

EVENT = "check.finished"
MAX_URL_CHARS = 2000
# The width of jobs.webhook_status.
MAX_STATUS_CHARS = 200
_MAX_REASON_CHARS = 120
# Above this a Retry-After is not waited for: the job's worker would sit idle.
_MAX_RETRY_AFTER_S = 30.0


def validate_webhook_url(url: str) -> str:
    """The URL without surrounding blanks; ``ValueError`` (Chinese message) when it is
    not an http(s) URL with a host and without credentials, or is too long."""
    url = url.strip()
    if not url:
        raise ValueError("回调地址 webhook_url 为空")
    if len(url) > MAX_URL_CHARS:
        raise ValueError(f"回调地址 webhook_url 过长（{len(url)} 个字符，上限 {MAX_URL_CHARS}）")
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise ValueError("回调地址 webhook_url 不能包含空白或控制字符")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError:
        raise ValueError("回调地址 webhook_url 格式无效") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("回调地址 webhook_url 只支持 http:// 或 https://")
    if not host:
        raise ValueError("回调地址 webhook_url 缺少主机名")
    # Credentials in a URL end up in logs and in the job view; a receiver that needs a
    # secret should check the signature instead.
    if parts.username is not None or parts.password is not None:
        raise ValueError("回调地址 webhook_url 不能包含用户名或密码")
    return url


def payload(job: Job) -> dict[str, Any]:
    summary = None
    if job.status == JobStatus.done.value and job.report_json:
        try:
            report = json.loads(job.report_json)
        except ValueError:
            report = None
        if isinstance(report, dict):
            summary = report.get("summary")
    return {
        "event": EVENT,
        "id": str(job.id),
        "status": job.status,
        "program": job.program,
        "upload_name": job.upload_name,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "error": job.error,
        "error_code": job.error_code,
        "summary": summary,
    }


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> None:
        return None


def _short(text: str, limit: int = _MAX_REASON_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _retry_after(err: urllib.error.HTTPError) -> float | None:
    raw = err.headers.get("Retry-After") if err.headers is not None else None
    try:
        return min(max(float(raw), 0.0), _MAX_RETRY_AFTER_S) if raw else None
    except ValueError:
        return None


def _post_once(url: str, body: bytes, headers: dict[str, str],
               timeout: float) -> tuple[bool, bool, str, float | None]:
    """(delivered, worth retrying, what happened, server's Retry-After)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        # Built per call: the proxy settings are read from the environment when it is made.
        opener = urllib.request.build_opener(_NoRedirect)
        with opener.open(request, timeout=timeout) as response:
            code = response.status
            # Read a little so a keep-alive server sees the exchange through.
            response.read(4096)
    except urllib.error.HTTPError as err:
        err.close()
        retry = err.code >= 500 or err.code == 429
        return False, retry, f"HTTP {err.code}", _retry_after(err) if retry else None
    except urllib.error.URLError as err:
        return False, True, f"无法连接（{_short(str(err.reason))}）", None
    except (OSError, http.client.HTTPException) as err:
        return False, True, f"连接出错（{_short(str(err) or type(err).__name__)}）", None
    if 200 <= code < 300:
        return True, False, f"HTTP {code}", None
    return False, False, f"HTTP {code}", None


def post_webhook(url: str, body: bytes, secret: str | None, *, timeout: float = 10.0,
                 attempts: int = 3, backoff: float = 1.0) -> str:
    """POST ``body`` with retries; the outcome in Chinese. Never raises."""
    headers = {"Content-Type": "application/json", "X-Dossier-Event": EVENT,
               "User-Agent": "dossier-checker-webhook"}
    if secret:
        headers["X-Dossier-Signature"] = sign(secret, body)
    attempts = max(1, attempts)
    what = "未发送"
    tried = 0
    for tried in range(1, attempts + 1):
        try:
            delivered, retry, what, wait = _post_once(url, body, headers, timeout)
        except Exception as err:  # noqa: BLE001 - a bad URL or a library surprise: give up
            delivered, retry, what, wait = False, False, f"发送出错（{type(err).__name__}）", None
        if delivered:
            return f"已送达（{what}，第 {tried} 次尝试）"
        if not retry or tried == attempts:
            break
        delay = backoff * (2 ** (tried - 1))
        time.sleep(max(delay, wait or 0.0))
    return f"送达失败：{what}（已尝试 {tried} 次）"


def deliver_webhook(db: Database, job_id: uuid.UUID, secret: str | None, *,
                    timeout: float = 10.0, attempts: int = 3,
                    backoff: float = 1.0) -> str | None:
    """Send the job's completion webhook, if it was given one, and record the outcome in
    ``job.webhook_status``; returns that outcome (None: no webhook, or no such job)."""
    try:
        with db.session() as s:
            job = s.get(Job, job_id)
            if job is None or not job.webhook_url:
                return None
            url = job.webhook_url
            body = json.dumps(payload(job), ensure_ascii=False).encode("utf-8")
    except Exception:  # noqa: BLE001 - the job's result stands whatever happens here
        log.exception("webhook of job %s: could not read the job", job_id)
        return None
    status = post_webhook(url, body, secret, timeout=timeout, attempts=attempts,
                          backoff=backoff)[:MAX_STATUS_CHARS]
    if status.startswith("送达失败"):
        # The host only: a query string may carry the receiver's token.
        log.warning("webhook of job %s to %s: %s", job_id, urlsplit(url).hostname, status)
    else:
        log.info("webhook of job %s: %s", job_id, status)
    try:
        with db.session() as s:
            job = s.get(Job, job_id)
            # Deleted meanwhile (by its owner): nothing to record on.
            if job is not None:
                job.webhook_status = status
                s.commit()
    except Exception:  # noqa: BLE001
        log.exception("webhook of job %s: could not record the outcome", job_id)
    return status
