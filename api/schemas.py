"""Request and response shapes of the /v1 API (they also make the OpenAPI document)."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from models.report import Report

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CheckForm(BaseModel):
    """The text fields of POST /v1/checks."""

    program: str = Field(min_length=1, max_length=100)
    as_of: date | None = None

    @field_validator("as_of", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        # Only YYYY-MM-DD, as on the command line; pydantic alone would also take
        # timestamps and datetimes.
        if value is None or value == "":
            return None
        if isinstance(value, str) and _ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise PydanticCustomError("date_format", "date must be YYYY-MM-DD")


class JobLinks(BaseModel):
    self: str = Field(description="任务状态与报告 (JSON)")
    report_html: str = Field(description="HTML 报告（任务完成后可用）")


class JobCreated(BaseModel):
    id: str
    status: Literal["queued"]
    links: JobLinks


JobStatusName = Literal["queued", "running", "done", "failed"]


class JobProgress(BaseModel):
    docs_total: int | None = Field(None, description="材料中找到的文件数（开始读取前为空）")
    docs_done: int = Field(0, description="已读取的文件数")
    pages_done: int = Field(0, description="已 OCR 识别的页数")


class WebhookInfo(BaseModel):
    url: str = Field(description="提交时给出的回调地址")
    status: str | None = Field(None, description="回调结果（中文）；尚未发送时为空")


class JobSummary(BaseModel):
    """A job as listed by GET /v1/checks (no report)."""

    id: str
    status: JobStatusName
    program: str
    as_of: str
    upload_name: str = Field(description="材料名称，即报告中的 dossier 字段")
    file_count: int
    total_bytes: int
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    error: str | None = Field(None, description="失败原因（中文），仅 status=failed 时有值")
    error_code: str | None = Field(
        None, description="失败原因代码（timeout、memory、crashed、interrupted 等），仅失败时有值")
    progress: JobProgress
    links: JobLinks


class JobView(JobSummary):
    tool_version: str
    webhook: WebhookInfo | None = Field(None, description="提交时给出 webhook_url 时才有")
    files_deleted_at: datetime | None = Field(
        None, description="上传的文件被删除的时间（任务结束后即删除；报告保留至保存期满）")
    report: Report | None = Field(
        None, description="status=done 时为核查报告，与 `dossier check --format json` 输出相同")


class JobList(BaseModel):
    items: list[JobSummary]
    page: int
    per_page: int
    total: int = Field(description="符合条件的任务总数")


class ProgramInfo(BaseModel):
    id: str
    title: str
    year: int
    source: str
    region: str | None = None


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    database: str
    queued: int


UPLOAD_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["program", "files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "材料文件（可多个，文件名可带相对路径），或一个 zip 压缩包",
                        },
                        "program": {"type": "string",
                                    "description": "申报项目 ID，见 GET /v1/programs"},
                        "as_of": {"type": "string", "format": "date",
                                  "description": "核查基准日期 YYYY-MM-DD，默认服务器当天"},
                        "webhook_url": {"type": "string", "format": "uri", "maxLength": 2000,
                                        "description": "任务结束后以 POST 通知的地址（http/https）；"
                                                       "请求体为 JSON，配置了 DOSSIER_WEBHOOK_SECRET "
                                                       "时带 X-Dossier-Signature 签名头"},
                        "name": {"type": "string",
                                 "description": "材料名称（报告 dossier 字段）。提供时文件放入同名"
                                                "文件夹核查；未提供时单个文件以其文件名核查，多个文件"
                                                "放入名为 dossier 的文件夹"},
                    },
                },
                "encoding": {"files": {"contentType": "application/octet-stream"}},
            }
        },
    }
}
