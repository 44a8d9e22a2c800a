"""RESOURCE_LIMIT: one finding per resource limit reached (pages skipped, a page scaled
down, text cut, time spent): the reviewer learns what was not read, and why."""
from __future__ import annotations

from checks.context import CheckContext
from models import Finding, FindingCode, Location, Severity
from models.limits import LimitHit


def _finding(hit: LimitHit, path: str | None) -> Finding:
    return Finding(code=FindingCode.RESOURCE_LIMIT, severity=Severity.warning,
                   message=hit.message,
                   expected=f"不超过 {hit.limit:g}",
                   actual=None if hit.found is None else f"{hit.found:g}",
                   locations=[Location(path=path, page=hit.page)] if path else [])


def check_limits(ctx: CheckContext) -> list[Finding]:
    out = [_finding(hit, d.path) for d in ctx.documents for hit in d.limit_hits]
    out.extend(_finding(hit, None) for hit in ctx.run_limit_hits)
    return out
