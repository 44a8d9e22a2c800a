"""The pre-check page at ``/``: an enterprise uploads its dossier from a browser, watches
the check run and gets the review page and a printable 补正清单 (list of what to fix).

The page is a static template plus one script and one stylesheet served by this app, so
it works on a network with no way out and can run under a self-only CSP. It talks to the
ordinary /v1 API. Two things exist only for it:

* open mode (``DOSSIER_OPEN_PRECHECK=1``): a request without a key that says it comes from
  the page (the :data:`PAGE_HEADER` header, which a cross-site form cannot send) is
  accepted under an owner per client address, with submissions rate-limited per address;
* report links: report.html normally needs the X-API-Key header, which an iframe cannot
  send; :class:`ReportLinks` signs a short-lived link to one job's report instead."""
from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import time
from collections import OrderedDict, deque
from pathlib import Path
from typing import Callable

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field

from api.config import Settings

PAGE_HEADER = "X-Dossier-Client"
PAGE_HEADER_VALUE = "precheck"
PRECHECK_OWNER_PREFIX = "precheck:"
STATIC_URL = "/static"
_HERE = Path(__file__).resolve().parent
STATIC_DIR = _HERE / "static"
TEMPLATES_DIR = _HERE / "templates"

# The page loads nothing but this app's own script, stylesheet and frames (the report,
# through a signed same-origin link); uploads and polling go to the same origin.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; frame-src 'self'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def precheck_owner(client: str) -> str:
    return PRECHECK_OWNER_PREFIX + client


def from_page(request: Request) -> bool:
    return request.headers.get(PAGE_HEADER) == PAGE_HEADER_VALUE


class SubmissionLimiter:
    """At most ``max_per_window`` submissions per client address within ``window_s``
    (sliding); ``retry_after`` answers how long to wait, ``acquire`` counts one when
    allowed. ``max_per_window`` 0: no limit. In memory, bounded to ``max_clients``
    addresses (the least recently seen dropped), like :class:`api.keys.AuthThrottle`."""

    def __init__(self, max_per_window: int, window_s: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = 10000) -> None:
        self.max_per_window = max_per_window
        self.window_s = window_s
        self.clock = clock
        self.max_clients = max_clients
        self._times: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def acquire(self, client: str) -> int | None:
        """Counts a submission and returns None, or returns the seconds to wait (nothing
        counted) when the client has used up its window."""
        if self.max_per_window <= 0:
            return None
        with self._lock:
            now = self.clock()
            times = self._times.get(client) or deque()
            while times and times[0] <= now - self.window_s:
                times.popleft()
            if len(times) >= self.max_per_window:
                return max(1, math.ceil(times[0] + self.window_s - now))
            times.append(now)
            self._times[client] = times
            self._times.move_to_end(client)
            while len(self._times) > self.max_clients:
                self._times.popitem(last=False)
            return None


class ReportLink(BaseModel):
    url: str = Field(description="免密钥的 HTML 报告地址（相对于服务根路径）")
    expires: int = Field(description="过期时间（Unix 秒）")


class ReportLinks:
    """Signed, expiring links to one job's report.html. The secret lives in the process:
    a restart invalidates the links, which the page simply asks for again."""

    def __init__(self, ttl_s: int = 3600, secret: bytes | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.ttl_s = ttl_s
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self.clock = clock

    def _sign(self, job_id: str, expires: int) -> str:
        msg = f"report:{job_id}:{expires}".encode("utf-8")
        return hmac.new(self._secret, msg, hashlib.sha256).hexdigest()

    def make(self, job_id: str) -> tuple[int, str]:
        expires = int(self.clock()) + self.ttl_s
        return expires, self._sign(job_id, expires)

    def valid(self, job_id: str, expires: int, sig: str) -> bool:
        if expires < self.clock():
            return False
        return hmac.compare_digest(self._sign(job_id, expires), sig)


_templates = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)),
                         autoescape=select_autoescape(["html"]))


def render_page(settings: Settings) -> str:
    return _templates.get_template("precheck.html").render(
        static=STATIC_URL, open_mode=settings.open_precheck,
        max_per_hour=settings.precheck_max_per_hour)


def install(app: FastAPI) -> None:
    """Mounts the page at / and its assets under /static."""
    app.mount(STATIC_URL, StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def precheck_page(request: Request) -> HTMLResponse:
        return HTMLResponse(render_page(request.app.state.service.settings), headers=PAGE_HEADERS)
