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
