"""Why a job failed: codes (Job.error_code) and the Chinese reasons people read (Job.error)."""
from __future__ import annotations

from pathlib import Path

TIMEOUT = "timeout"
MEMORY = "memory"
CRASHED_CODE = "crashed"
FAILED = "failed"
INTERRUPTED_CODE = "interrupted"
INTERRUPTED_TWICE_CODE = "interrupted_twice"
UPLOAD_LOST_CODE = "upload_lost"
QUEUE_UNAVAILABLE_CODE = "queue_unavailable"

CRASHED = "核查进程意外退出（可能是内存不足或文件触发了程序错误），请重新提交；如反复出现请联系管理员"
UPLOAD_LOST = "上传的材料已丢失，任务无法执行，请重新提交"
INTERRUPTED = "服务重启，任务已中断，请重新提交"
INTERRUPTED_TWICE = ("此任务已两次导致服务中断（服务两次在核查它时崩溃或重启），为保护服务不再重试；"
                     "请检查材料（如文件是否过大或损坏）后重新提交，如反复出现请联系管理员")
QUEUE_UNAVAILABLE = "任务队列（Redis）暂时不可用，任务未能排队，请稍后重新提交；如反复出现请联系管理员"


def upload_missing_on_worker(jobs_dir: Path, host: str) -> str:
    return (f"工作节点 {host} 上找不到此任务上传的材料（{jobs_dir}）。多台机器部署时，"
            f"DOSSIER_STORAGE_DIR 必须指向所有机器共享的同一目录（如 NFS）；请管理员检查后重新提交")


def timeout_reason(seconds: float) -> str:
    return (f"核查超时：超过 {seconds:g} 秒仍未完成，已中止。可能是材料页数过多或某个文件异常"
            f"（如解压后过大），请检查材料后重新提交")


def memory_reason(limit_mb: int) -> str:
    return (f"核查占用内存超过上限（{limit_mb} MB），已中止。可能是某个文件解压或渲染后过大，"
            f"请检查材料后重新提交")


def failure_reason(exc: BaseException | str) -> str:
    name = exc if isinstance(exc, str) else type(exc).__name__
    return f"核查过程出错（{name}），请联系管理员"
