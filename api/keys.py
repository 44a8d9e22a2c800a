"""API keys: from DOSSIER_API_KEYS or from the database, where only a salted hash is kept.

A database key reads ``dck_<id>_<secret>``: the id finds the row without hashing every
stored key. Keys are 256-bit random tokens, so one salted SHA-256 is enough; a slow
password hash would protect nothing more and cost time on every request."""
from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db import ApiKey, utcnow

KEY_PREFIX = "dck"
_DB_KEY = re.compile(rf"^{KEY_PREFIX}_([0-9a-f]{{12}})_([A-Za-z0-9_\-]{{20,}})$")
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Principal:
    """Whoever a request acts for; jobs are visible only to the principal that made them."""

    owner: str


def hash_key(key: str, salt: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + key.encode("utf-8")).hexdigest()


def create_key(session: Session, name: str) -> tuple[ApiKey, str]:
    """A new key; the plain key is returned once and never stored."""
    key_id = secrets.token_hex(6)
    plain = f"{KEY_PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
    salt = secrets.token_hex(16)
    row = ApiKey(id=key_id, name=name, salt=salt, key_hash=hash_key(plain, salt),
                 created_at=utcnow())
    session.add(row)
    session.commit()
    return row, plain


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)))


def revoke_key(session: Session, key_id: str) -> ApiKey | None:
    row = session.get(ApiKey, key_id)
    if row is None:
        return None
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.commit()
    return row


def active_db_keys(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ApiKey)
                          .where(ApiKey.revoked_at.is_(None))) or 0


def env_owner(key: str) -> str:
    return "env:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def verify_key(session: Session, presented: str, env_keys: tuple[str, ...]) -> Principal | None:
    """The principal for a presented key, or None when it is unknown or revoked."""
    matched_env = False
    # Compare with every configured key so the time taken says nothing about which matched.
    for key in env_keys:
        matched_env |= hmac.compare_digest(presented.encode("utf-8"), key.encode("utf-8"))
    if matched_env:
        return Principal(owner=env_owner(presented))
    m = _DB_KEY.match(presented)
    if m is None:
        return None
    row = session.get(ApiKey, m.group(1))
    if row is None or row.revoked:
        return None
    if not hmac.compare_digest(hash_key(presented, row.salt), row.key_hash):
        return None
    return Principal(owner=f"key:{row.id}")


class AuthThrottle:
    """Failed-key throttling per client address: after ``max_failures`` wrong keys within
    ``window_s`` seconds, ``retry_after`` gives the seconds until the oldest of them
    leaves the window, and the caller answers 429 without looking at the key (so a
    guesser learns nothing, even with the right key). Requests with a good key are not
    counted and not slowed. ``max_failures`` 0 turns throttling off. In memory, one
    service process; at most ``max_clients`` addresses are remembered (oldest dropped)."""

    def __init__(self, max_failures: int = 10, window_s: float = 60.0,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = 10000) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.clock = clock
        self.max_clients = max_clients
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float] | None:
        times = self._failures.get(client)
        if times is None:
            return None
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            del self._failures[client]
            return None
        return times

    def retry_after(self, client: str) -> int | None:
        """Seconds the client must wait, or None when it may try."""
        if self.max_failures <= 0:
            return None
        with self._lock:
            now = self.clock()
            times = self._recent(client, now)
            if times is None or len(times) < self.max_failures:
                return None
            return max(1, math.ceil(times[-self.max_failures] + self.window_s - now))

    def failed(self, client: str) -> None:
        if self.max_failures <= 0:
            return
        with self._lock:
            now = self.clock()
            times = self._recent(client, now) or deque()
            times.append(now)
            # Only the last max_failures matter for the answer.
            while len(times) > self.max_failures:
                times.popleft()
            self._failures[client] = times
            self._failures.move_to_end(client)
            while len(self._failures) > self.max_clients:
                self._failures.popitem(last=False)
