"""UNREADABLE_FILE: one finding per file that could not be opened; the rest is checked."""
from __future__ import annotations

from checks.context import CheckContext
from models import Finding, FindingCode, Location, Severity


def check_unreadable(ctx: CheckContext) -> list[Finding]:
    return [Finding(code=FindingCode.UNREADABLE_FILE, severity=Severity.error,
                    message=f"文件“{d.path}”无法读取：{d.error}。请重新上传可打开的文件。",
                    expected="可读取的文件", actual=d.error,
                    locations=[Location(path=d.path)])
            for d in ctx.documents if d.error is not None]
