"""INVALID_UNIT for a declared table's column headed with another unit than the criteria's
(附录2 prints 设备系统单价（万元）; a list headed 单价(元) and filled in 元). The values are
converted for the calculations (see matchers.fields.structured_tables.header_units), so this is a
warning that the list departs from the prescribed form, not a wrong figure."""
from __future__ import annotations

from checks.context import CheckContext
from models import Finding, FindingCode, Severity


def check_table_units(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for table in ctx.tables.values():
        cols = {c.key: c for c in table.spec.columns}
        for key, unit, location in table.unit_changes:
            col = cols[key]
            name = col.labels[0]
            out.append(Finding(
                code=FindingCode.INVALID_UNIT, severity=Severity.warning,
                requirement=table.spec.id, field=key,
                message=f"《{table.spec.title}》“{name}”栏应以{col.unit}填写，表中按{unit}填写"
                        f"（计算时已按{unit}换算为{col.unit}），请按规定单位填报。",
                expected=col.unit, actual=unit, locations=[location]))
    return out
