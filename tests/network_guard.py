"""The whole test session runs offline: every socket connection or name lookup that is
not to this machine (loopback, Unix sockets) fails, so a code path that tried to fetch a
model, a font or a schema would fail its test instead of quietly succeeding here and
breaking in an air-gapped review office. Loopback stays open for the pieces the suite runs
itself (PostgreSQL, chromedriver)."""
from __future__ import annotations

import ipaddress
import socket
from typing import Any

MESSAGE = "network access is blocked in tests (tests/network_guard.py)"
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}

attempts: list[str] = []


def _is_local_host(host: Any) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").split("%", 1)[0]
    if host in _LOCAL_NAMES or host == "":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _refuse(what: str) -> None:
    attempts.append(what)
    raise OSError(f"{MESSAGE}: {what}")


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local_host(address[0]):
        _refuse(f"connect {address!r}")
    return _connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local_host(address[0]):
        _refuse(f"connect_ex {address!r}")
    return _connect_ex(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kw: Any) -> Any:
    if not _is_local_host(host):
        _refuse(f"getaddrinfo {host!r}")
    return _getaddrinfo(host, *args, **kw)


def install() -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo
