"""The HTTP API (FastAPI), versioned under /v1. Build it with ``create_app()``; run it with
``dossier serve`` or ``uvicorn --factory api.app:create_app``."""
from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import APIKeyHeader
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from sqlalchemy import delete, func, select

from api.config import Settings
from api.db import Job, JobCrop, JobStatus, utcnow
from api.errors import ApiError, ErrorResponse, install_handlers
from api.job_exec import run_check
from api.keys import ANONYMOUS, Principal, verify_key
from api.precheck import ReportLink, ReportLinks, SubmissionLimiter, from_page, precheck_owner
from api.precheck import install as install_precheck
from api.schemas import (
    UPLOAD_REQUEST_BODY,
    CheckForm,
    Health,
    JobCreated,
    JobList,
    JobStatusName,
    JobView,
    ProgramInfo,
)
from api.service import Service
from api.uploads import READY_MARKER, Upload, receive_upload
from api.worker import Execute
from dossier import __version__
from dossier.jobs.webhook import validate_webhook_url

API_KEY_HEADER = "X-API-Key"
_api_key = APIKeyHeader(name=API_KEY_HEADER, auto_error=False,
                        description="API 密钥：DOSSIER_API_KEYS 中的一个，"
                                    "或 `dossier apikey create` 生成的密钥")

_DESCRIPTION = """智能制造申报材料核查服务。

上传一份申报材料（多个文件或一个 zip）→ 得到任务 ID → 轮询任务状态 → 取回 JSON 或 HTML 报告。
JSON 报告与命令行 `dossier check --format json` 对同一份材料的输出相同。

`GET /v1/checks` 按提交时间倒序分页列出本密钥提交的任务（`page`、`per_page`，可按 `status` 筛选）。
任务运行中，`GET /v1/checks/{id}` 的 `progress` 给出已读取的文件数与已识别的页数。
提交时可附 `webhook_url`：任务结束后服务以 POST 发送 JSON 通知（事件 `check.finished`），配置了签名密钥时带
`X-Dossier-Signature: sha256=…` 请求头，送达结果见任务的 `webhook.status`。

`DELETE /v1/checks/{id}` 取消并删除任务（运行中的立即中止）。每个任务有时限与内存上限，超过即失败。
上传的文件在任务结束后删除；报告按服务的保存期限（默认 30 天）保留。

所有 /v1 接口需要请求头 `X-API-Key`（接口文档默认也需要）；同一地址密钥错误过多时返回 429。错误统一为
`{"error": {"code": "...", "message": "中文说明", "details": {...}}}`。

`GET /v1/checks/{id}/report-link` 给出免密钥、1 小时内有效的 HTML 报告链接（可嵌入页面或转给他人查看）。
服务根路径 `/` 是供企业自查的网页（选择项目、上传材料、查看审阅页与补正清单）。
"""


# The report is self-contained (inline style and script, data: images); forbidding every
# other source means that even a file name that slipped past escaping could load nothing.
_HTML_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
                               "form-action 'none'",
    "X-Content-Type-Options": "nosniff",
}


DOCS_ASSETS = "/docs-assets"


def _docs_assets_dir() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).resolve().parent / "static"


def _error(status: int, description: str) -> dict:
    return {status: {"model": ErrorResponse, "description": description}}


def _service(request: Request) -> Service:
    return request.app.state.service


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def _refuse_if_throttled(svc: Service, client: str) -> None:
    wait = svc.throttle.retry_after(client)
    if wait is not None:
        # No key is looked at while the address is throttled, not even a right one.
        raise ApiError(429, "TOO_MANY_FAILED_KEYS",
                       f"API 密钥错误次数过多，请 {wait} 秒后再试",
                       {"retry_after": wait}, headers={"Retry-After": str(wait)})


def _authenticate(request: Request, key: str | None, page_open: bool) -> Principal:
    svc = _service(request)
    client = _client(request)
    _refuse_if_throttled(svc, client)
    if not key:
        if page_open and svc.settings.open_precheck and from_page(request):
            return Principal(owner=precheck_owner(client))
        if svc.anonymous_allowed():
            return Principal(owner=ANONYMOUS)
        raise ApiError(401, "API_KEY_MISSING",
                       f"缺少 API 密钥：请在请求头 {API_KEY_HEADER} 中提供")
    with svc.db.session() as s:
        principal = verify_key(s, key, svc.settings.env_api_keys)
    if principal is None:
        svc.throttle.failed(client)
        raise ApiError(401, "API_KEY_INVALID", "API 密钥无效或已被吊销")
    return principal


def require_principal(request: Request,
                      key: Annotated[str | None, Security(_api_key)] = None) -> Principal:
    return _authenticate(request, key, page_open=False)


def require_page_principal(request: Request,
                           key: Annotated[str | None, Security(_api_key)] = None) -> Principal:
    """As :func:`require_principal`; with DOSSIER_OPEN_PRECHECK=1 a key-less request from
    the pre-check page is also accepted, owned by its client address. Only on the routes
    the page uses (submit, poll, report, programmes): listing and deleting still need a
    key, since one address may be many people behind a NAT."""
    return _authenticate(request, key, page_open=True)


def require_docs_access(request: Request,
                        key: Annotated[str | None, Security(_api_key)] = None) -> None:
    """/docs, /redoc and /openapi.json: the same key as /v1 (anonymous when the service
    allows it), unless DOSSIER_API_PUBLIC_DOCS=1 makes them public."""
    if not _service(request).settings.public_docs:
        require_principal(request, key)


Auth = Annotated[Principal, Depends(require_principal)]
PageAuth = Annotated[Principal, Depends(require_page_principal)]


def require_report_access(
        job_id: str, request: Request,
        key: Annotated[str | None, Security(_api_key)] = None,
        expires: Annotated[int | None,
                           Query(description="免密钥链接的过期时间（由 report-link 给出）")] = None,
        sig: Annotated[str | None, Query(max_length=128,
                                         description="免密钥链接的签名（由 report-link 给出）")] = None,
) -> Principal | None:
    """The principal for report.html, or None for a valid signed link (any owner's job:
    the link was only ever handed to its owner)."""
    if expires is None and sig is None:
        return require_page_principal(request, key)
    svc = _service(request)
    client = _client(request)
    # A forged signature counts as a wrong key: guessing links is throttled like keys.
    _refuse_if_throttled(svc, client)
    links: ReportLinks = request.app.state.report_links
    if expires is None or sig is None or not links.valid(job_id, expires, sig):
        svc.throttle.failed(client)
        raise ApiError(401, "REPORT_LINK_INVALID", "报告链接无效或已过期，请重新打开报告")
    return None


def _links(request: Request, job_id: str) -> dict[str, str]:
    base = str(request.url_for("get_check", job_id=job_id).path)
    return {"self": base, "report_html": f"{base}/report.html"}


def _programmes() -> dict:
    from criteria.loader import load_all

    return load_all()


def _load_job(svc: Service, job_id: str, principal: Principal | None) -> Job:
    """The job, if ``principal`` owns it; None: a signed link already vouched for it."""
    try:
        key = uuid.UUID(job_id)
    except ValueError:
        key = None
    job = None
    if key is not None:
        with svc.db.session() as s:
            job = s.get(Job, key)
    # Someone else's job is reported as absent, not as forbidden: ids are not confirmed.
    if job is None or (principal is not None and job.owner != principal.owner):
        raise ApiError(404, "JOB_NOT_FOUND", "找不到该核查任务", {"id": job_id})
    return job


def _webhook_url(upload: Upload) -> str | None:
    raw = upload.fields.get("webhook_url", "")
    if not raw:
        return None
    try:
        return validate_webhook_url(raw)
    except ValueError as e:
        raise ApiError(422, "INVALID_WEBHOOK_URL", str(e), {"field": "webhook_url"}) from None


def _validate_form(upload: Upload) -> CheckForm:
    raw = {k: upload.fields[k] for k in ("program", "as_of") if k in upload.fields}
    try:
        form = CheckForm.model_validate(raw)
    except ValidationError as e:
        errors = [{**err, "loc": ("body", *err["loc"])} for err in e.errors()]
        raise RequestValidationError(errors) from None
    programmes = _programmes()
    if form.program not in programmes:
        raise ApiError(422, "UNKNOWN_PROGRAM",
                       f"未知的申报项目：{form.program}，可用项目见 GET /v1/programs",
                       {"program": form.program, "available": sorted(programmes)})
    return form


v1 = APIRouter(prefix="/v1")


@v1.post("/checks", status_code=202, response_model=JobCreated,
         summary="提交一份申报材料进行核查", openapi_extra=UPLOAD_REQUEST_BODY,
         responses={**_error(400, "上传格式有误、没有文件、文件重名"),
                    **_error(401, "缺少或无效的 API 密钥"),
                    **_error(413, "超过上传大小或文件数量上限"),
                    **_error(429, "自查页面免密钥提交过于频繁"),
                    **_error(415, "不是 multipart/form-data，或含可执行文件/无法识别的文件类型"),
                    **_error(422, "program / as_of 缺失或无效，或 webhook_url 无效")})
async def create_check(request: Request, principal: PageAuth) -> JSONResponse:
    svc = _service(request)
    if principal.owner == precheck_owner(_client(request)):
        _limit_submissions(request, svc)
    job_id = uuid.uuid4()
    job_dir = svc.settings.jobs_dir / str(job_id)
    upload = await receive_upload(request, job_dir, svc.settings)
    try:
        form = _validate_form(upload)
        webhook_url = _webhook_url(upload)
        (job_dir / READY_MARKER).write_text("", encoding="utf-8")
        job = Job(id=job_id, program=form.program, as_of=form.as_of or date.today(),
                  status=JobStatus.queued.value, created_at=utcnow(),
                  upload_name=upload.dossier_name, file_count=upload.file_count,
                  total_bytes=upload.total_bytes, tool_version=__version__,
                  owner=principal.owner, source="api", webhook_url=webhook_url)
        await run_in_threadpool(_insert, svc, job)
    except BaseException:
        shutil.rmtree(job_dir, ignore_errors=True)
        raise
    svc.runner.submit(job_id)
    links = _links(request, str(job_id))
    body = JobCreated(id=str(job_id), status="queued", links=links)  # type: ignore[arg-type]
    return JSONResponse(body.model_dump(mode="json"), status_code=202,
                        headers={"Location": links["self"]})


def _limit_submissions(request: Request, svc: Service) -> None:
    # Counted before the upload is read: a rejected upload costs the server as much as
    # an accepted one.
    limiter: SubmissionLimiter = request.app.state.precheck_limiter
    wait = limiter.acquire(_client(request))
    if wait is not None:
        per_hour = svc.settings.precheck_max_per_hour
        raise ApiError(429, "TOO_MANY_SUBMISSIONS",
                       f"提交过于频繁：每个地址每小时最多提交 {per_hour} 份材料，请 {wait} 秒后再试",
                       {"retry_after": wait, "max_per_hour": per_hour},
                       headers={"Retry-After": str(wait)})


def _insert(svc: Service, job: Job) -> None:
    with svc.db.session() as s:
        s.add(job)
        s.commit()


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _summary(request: Request, job: Job) -> dict[str, Any]:
    return {
        "id": str(job.id), "status": job.status, "program": job.program,
        "as_of": job.as_of.isoformat(), "upload_name": job.upload_name,
        "file_count": job.file_count, "total_bytes": job.total_bytes,
        "created_at": job.created_at.isoformat(),
        "started_at": _iso(job.started_at), "finished_at": _iso(job.finished_at),
        "error": job.error, "error_code": job.error_code,
        "progress": {"docs_total": job.docs_total, "docs_done": job.docs_done or 0,
                     "pages_done": job.pages_done or 0},
        "links": _links(request, str(job.id)),
    }


@v1.get("/checks", response_model=JobList, summary="列出本密钥提交的任务（新的在前，不含报告）",
        responses={**_error(401, "缺少或无效的 API 密钥"),
                   **_error(422, "page / per_page / status 无效")})
def list_checks(request: Request, principal: Auth,
                # Bounded so the row offset stays within the databases' 64-bit integers.
                page: Annotated[int, Query(ge=1, le=1_000_000, description="页码，从 1 开始")] = 1,
                per_page: Annotated[int, Query(ge=1, le=100, description="每页条数（1–100）")] = 20,
                status: Annotated[JobStatusName | None,
                                  Query(description="只列出该状态的任务")] = None) -> JSONResponse:
    svc = _service(request)
    # Only the caller's own API submissions: a cluster batch's jobs are not theirs to see.
    where = [Job.owner == principal.owner, Job.source == "api"]
    if status is not None:
        where.append(Job.status == status)
    with svc.db.session() as s:
        total = s.scalar(select(func.count()).select_from(Job).where(*where)) or 0
        jobs = s.scalars(select(Job).where(*where)
                         .order_by(Job.created_at.desc(), Job.id.desc())
                         .offset((page - 1) * per_page).limit(per_page)).all()
    return JSONResponse({"items": [_summary(request, j) for j in jobs],
                         "page": page, "per_page": per_page, "total": total})


@v1.get("/checks/{job_id}", response_model=JobView, name="get_check",
        summary="任务状态与进度；完成后附核查报告",
        responses={**_error(401, "缺少或无效的 API 密钥"), **_error(404, "任务不存在")})
def get_check(job_id: str, request: Request, principal: PageAuth) -> JSONResponse:
    job = _load_job(_service(request), job_id, principal)
    body = {
        **_summary(request, job),
        "tool_version": job.tool_version,
        "webhook": ({"url": job.webhook_url, "status": job.webhook_status}
                    if job.webhook_url else None),
        "files_deleted_at": _iso(job.files_deleted_at),
        # The stored JSON goes out as stored: not re-validated, so nothing can drift
        # from what the pipeline produced.
        "report": json.loads(job.report_json) if job.report_json else None,
    }
    return JSONResponse(body)


@v1.delete("/checks/{job_id}", status_code=204, response_class=Response,
           summary="取消并删除任务（排队中的任务不再运行，运行中的任务立即中止）",
           responses={**_error(401, "缺少或无效的 API 密钥"), **_error(404, "任务不存在")})
def delete_check(job_id: str, request: Request, principal: Auth) -> Response:
    svc = _service(request)
    job = _load_job(svc, job_id, principal)
    # Row first: a dispatcher that has not taken the job yet finds nothing to run.
    with svc.db.session() as s:
        row = s.get(Job, job.id)
        if row is not None:
            # Explicitly: SQLite does not enforce the ON DELETE CASCADE.
            s.execute(delete(JobCrop).where(JobCrop.job_id == job.id))
            s.delete(row)
            s.commit()
    if job.status in (JobStatus.queued.value, JobStatus.running.value):
        svc.runner.cancel(job.id)
    shutil.rmtree(svc.settings.jobs_dir / str(job.id), ignore_errors=True)
    return Response(status_code=204)


@v1.get("/checks/{job_id}/report.html", response_class=HTMLResponse,
        summary="HTML 核查报告",
        description="需要 `X-API-Key`，或 `report-link` 给出的 `expires` 与 `sig`（免密钥链接）。",
        responses={**_error(401, "缺少或无效的 API 密钥，或链接无效/已过期"), **_error(404, "任务不存在"),
                   **_error(409, "任务尚未完成或已失败")})
def get_check_html(job_id: str, request: Request,
                   principal: Annotated[Principal | None, Depends(require_report_access)]) -> HTMLResponse:
    from dossier.render_html import render_html
    from models.report import Report

    svc = _service(request)
    job = _load_job(svc, job_id, principal)
    if job.status == JobStatus.failed.value:
        raise ApiError(409, "JOB_FAILED", f"任务失败，没有报告：{job.error or ''}",
                       {"status": job.status, "reason": job.error})
    if job.status != JobStatus.done.value or not job.report_json:
        raise ApiError(409, "REPORT_NOT_READY", "报告尚未生成，请稍后再试",
                       {"status": job.status})
    # The crops were made by the worker while the files existed; they are gone now.
    with svc.db.session() as s:
        crops = {key: png for key, png in s.execute(
            select(JobCrop.key, JobCrop.png_base64).where(JobCrop.job_id == job.id))}
    return HTMLResponse(render_html(Report.model_validate_json(job.report_json), crops),
                        headers=_HTML_HEADERS)


@v1.get("/checks/{job_id}/report-link", response_model=ReportLink,
        summary="免密钥的 HTML 报告链接（1 小时内有效）",
        responses={**_error(401, "缺少或无效的 API 密钥"), **_error(404, "任务不存在")})
def get_report_link(job_id: str, request: Request, principal: PageAuth) -> JSONResponse:
    job = _load_job(_service(request), job_id, principal)
    links: ReportLinks = request.app.state.report_links
    expires, sig = links.make(str(job.id))
    url = f"{_links(request, str(job.id))['report_html']}?expires={expires}&sig={sig}"
    return JSONResponse(ReportLink(url=url, expires=expires).model_dump())


@v1.get("/programs", response_model=list[ProgramInfo], summary="可用的申报项目",
        responses=_error(401, "缺少或无效的 API 密钥"))
def list_programs(principal: PageAuth) -> list[ProgramInfo]:
    return [ProgramInfo(id=p.id, title=p.title, year=p.year, source=p.source, region=p.region)
            for p in _programmes().values()]


def healthz(request: Request) -> JSONResponse:
    svc = _service(request)
    try:
        svc.db.ping()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JSONResponse({"error": {"code": "DATABASE_UNAVAILABLE",
                                       "message": "数据库不可用", "details": {}}},
                            status_code=503)
    return JSONResponse(Health(status="ok", version=__version__, database=svc.db.backend,
                               queued=svc.runner.pending()).model_dump())


def create_app(settings: Settings | None = None, *, execute: Execute = run_check) -> FastAPI:
    """``execute`` runs one job in a worker process (tests pass a stand-in that fails)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.service = await run_in_threadpool(
            Service.start, settings or Settings.from_env(), execute)
        app.state.precheck_limiter = SubmissionLimiter(
            app.state.service.settings.precheck_max_per_hour)
        secret = app.state.service.settings.link_secret
        if secret:
            # Several API instances behind one address must accept each other's links.
            app.state.report_links = ReportLinks(secret=secret.encode("utf-8"))
        try:
            yield
        finally:
            await run_in_threadpool(app.state.service.stop)

    # The documentation routes are our own, behind require_docs_access.
    app = FastAPI(title="dossier-checker API", version=__version__, description=_DESCRIPTION,
                  lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    install_handlers(app)
    app.include_router(v1)
    app.state.report_links = ReportLinks()
    install_precheck(app)
    docs = [Depends(require_docs_access)]
    # Swagger UI and ReDoc from the fastapi-offline wheel instead of a CDN, so the docs
    # work on a network with no way out. Public: they are the libraries, not our API.
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(_docs_assets_dir())), name="docs-assets")

    @app.get("/openapi.json", include_in_schema=False, dependencies=docs)
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False, dependencies=docs)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title} - Swagger UI",
                                   swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png")

    @app.get("/redoc", include_in_schema=False, dependencies=docs)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url="/openapi.json", title=f"{app.title} - ReDoc",
                              redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js",
                              redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png",
                              with_google_fonts=False)

    app.add_api_route("/healthz", healthz, methods=["GET"], response_model=Health,
                      summary="健康检查（无需密钥）",
                      responses=_error(503, "数据库不可用"))
    return app
