"""One error shape for every failure: ``{"error": {"code", "message", "details"}}``.

Codes are stable English identifiers for programs; messages are Chinese for people.
FastAPI's own validation errors and Starlette's 404/405 are rewritten into the same shape."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class ErrorInfo(BaseModel):
    code: str = Field(description="稳定的英文错误码，例如 UPLOAD_TOO_LARGE")
    message: str = Field(description="中文错误说明")
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorResponse(BaseModel):
    error: ErrorInfo


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str,
                 details: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers = headers


def error_response(status: int, code: str, message: str,
                   details: dict[str, Any] | None = None,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(error=ErrorInfo(code=code, message=message, details=details or {}))
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


# Pydantic error types → Chinese; anything not listed falls back to a generic phrase.
_VALIDATION_MESSAGES: dict[str, str] = {
    "missing": "缺少必填字段",
    "date_format": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_from_datetime_inexact": "日期格式应为 YYYY-MM-DD",
    "date_type": "日期格式应为 YYYY-MM-DD",
    "string_too_short": "不能为空",
    "string_too_long": "内容过长",
    "string_type": "应为文本",
    "uuid_parsing": "ID 格式无效",
    "int_parsing": "应为整数",
    "json_invalid": "JSON 格式无效",
    "literal_error": "不是允许的取值",
    "enum": "不是允许的取值",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
}
_FIELD_NAMES: dict[str, str] = {"program": "申报项目 program", "as_of": "核查基准日期 as_of",
                                "name": "材料名称 name", "files": "上传文件 files",
                                "page": "页码 page", "per_page": "每页条数 per_page",
                                "status": "任务状态 status", "webhook_url": "回调地址 webhook_url"}


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    # loc starts with where the value came from ("body", "query", "path"); skip it.
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")]
    return ".".join(parts)


def validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for e in errors:
        field = _field_of(e.get("loc", ()))
        out.append({"field": field, "type": e.get("type", ""),
                    "message": _VALIDATION_MESSAGES.get(e.get("type", ""), "取值无效")})
    return out


def validation_error_response(errors: list[dict[str, Any]]) -> JSONResponse:
    details = validation_details(errors)
    first = details[0] if details else {"field": "", "message": "取值无效"}
    label = _FIELD_NAMES.get(first["field"], first["field"])
    message = f"请求参数有误：{label}{'：' if label else ''}{first['message']}"
    return error_response(422, "VALIDATION_ERROR", message, {"errors": details})


_HTTP_CODES: dict[int, tuple[str, str]] = {
    404: ("NOT_FOUND", "请求的资源不存在"),
    405: ("METHOD_NOT_ALLOWED", "不支持该请求方法"),
}


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return validation_error_response(list(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_CODES.get(exc.status_code, ("HTTP_ERROR", "请求失败"))
        return error_response(exc.status_code, code, message, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, "INTERNAL_ERROR", "服务内部错误，请稍后重试")
