"""MISSING_ATTACHMENT: a required attachment (by recognised document kind) is absent."""
from __future__ import annotations

from checks.context import CheckContext
from models import Finding, FindingCode, Location, Severity

KIND_NAMES = {
    "declaration": "申报书", "business_license": "营业执照", "financial_statement": "财务报表",
    "social_insurance": "社保缴纳证明", "certificate": "证书/荣誉/资质",
    "equity_structure": "股权结构", "id_card": "身份证", "patent": "专利证书",
    "software_copyright": "软件著作权证书", "contract": "合同", "audit_report": "审计报告",
    "user_evaluation": "用户评价", "screenshot": "系统截图", "equipment_list": "设备清单",
    "recommendation_list": "推荐汇总表", "other": "其他材料", "unknown": "未知",
}


def check_declaration_present(ctx: CheckContext) -> list[Finding]:
    if ctx.declarations:
        return []
    return [Finding(code=FindingCode.MISSING_ATTACHMENT, severity=Severity.error,
                    requirement="declaration",
                    message=f"未找到《{ctx.programme.title}》申报书，无法核对表单栏目。"
                            f"请上传填写完整的申报书（DOCX 或 PDF）。",
                    expected="申报书", actual="未找到",
                    locations=[Location(path=d.path,
                                        excerpt=f"识别为：{KIND_NAMES.get(d.kind.value, d.kind.value)}")
                               for d in ctx.readable[:5]])]


def check_attachments(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for att in ctx.programme.attachments:
        if not att.required or ctx.documents_for_attachment(att.id):
            continue
        table = ctx.tables.get(att.satisfied_by_table or "")
        if table is not None and table.rows:
            continue
        kinds = "、".join(KIND_NAMES.get(k, k) for k in att.kinds)
        out.append(Finding(
            code=FindingCode.MISSING_ATTACHMENT, severity=Severity(att.missing_severity),
            requirement=att.id,
            message=f"缺少{att.title}：材料中未识别到{kinds}。请补充上传。",
            expected=kinds, actual="未找到",
            locations=[Location(path=".", excerpt=f"已识别材料：{len(ctx.readable)} 份")]))
    return out
