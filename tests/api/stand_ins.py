"""Job executors that misbehave, for failure paths. Module level so a spawned worker
process can import them."""
from __future__ import annotations

import os


def raise_error(*_args: object) -> str:
    raise RuntimeError("simulated pipeline failure")


def die(*_args: object) -> str:
    os._exit(3)


def sleep_long(*_args: object) -> str:
    import time

    time.sleep(120)
    raise AssertionError("should have been stopped")


def quick_report(*_args: object) -> str:
    """A "report" at once: shows a job ran to the end without the pipeline's cost."""
    return '{"tool_version": "stand-in"}'


def report_soft_limit(*args: object) -> str:
    """The soft limit the job was given (the last argument), as the report."""
    import json

    return json.dumps({"tool_version": "stand-in", "soft_seconds": args[-1]})
