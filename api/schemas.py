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


class JobView(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    program: str
    as_of: str
    upload_name: str = Field(description="材料名称，即报告中的 dossier 字段")
    file_count: int
    total_bytes: int
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    tool_version: str
    error: str | None = Field(None, description="失败原因（中文），仅 status=failed 时有值")
    links: JobLinks
    report: Report | None = Field(
        None, description="status=done 时为核查报告，与 `dossier check --format json` 输出相同")


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
