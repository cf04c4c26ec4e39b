"""The LMS back end of the stand-in: what scorm-again commits, stored per attempt, with the faults a real
LMS has (commits refused by HTTP 500 or by an answer of false). Thread-safe: the HTTP server's threads
write while a test or the preview reads."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# scorm-again reads {"result", "errorCode"}; 101 is the general exception of both SCORM versions.
ACCEPTED = {"result": True, "errorCode": 0}
REFUSED = {"result": False, "errorCode": 101}
COMMIT_FAILURES = ("http500", "result-false")


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """`{"cmi": {"core": {"exit": "suspend"}}}` or already-flat input -> `{"cmi.core.exit": "suspend"}`.

    Lists become numbered keys (`cmi.interactions.0.id`); numbers and booleans become strings, as the
    SCORM API hands them to the SCO; None is dropped."""
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = [(str(i), v) for i, v in enumerate(data)]
    elif data is None:
        return {}
    else:
        return {prefix: ("true" if data else "false") if isinstance(data, bool) else str(data)}
    flat: dict[str, str] = {}
    for key, value in items:
        flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def interactions(stored: dict[str, str]) -> list[dict[str, str]]:
    """The cmi.interactions.n.* records of a stored CMI, one dict per n, in order."""
    records: dict[int, dict[str, str]] = {}
    for key, value in stored.items():
        if match := re.match(r"cmi\.interactions\.(\d+)\.(.+)$", key):
            records.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return [records[n] for n in sorted(records)]


@dataclass
class Commit:
    """One commit as the LMS received it."""

    attempt: str
    time: float                 # time.time() on arrival
    cmi: dict[str, str]         # flattened CMI of this commit
    final: bool                 # the LMSFinish/Terminate commit (scorm-again adds ?final=true)
    content_type: str           # "text/plain..." for sendBeacon, "application/json..." for XHR/fetch
    accepted: bool              # False when refused (nothing stored)
    raw: Any = field(repr=False, default=None)

    def __repr__(self) -> str:
        keys = {k: (v if len(v) <= 40 else v[:37] + "...") for k, v in self.cmi.items() if v}
        return f"Commit({self.attempt!r}, final={self.final}, {self.transport}, accepted={self.accepted}, {keys})"

    @property
    def transport(self) -> str:
        return "beacon" if self.content_type.startswith("text/plain") else "xhr"


class LmsBackend:
    """Stored CMI per attempt, every commit received, and a switch that makes commits fail.

    commit_failure: None (commits succeed), "http500" (HTTP 500, nothing stored) or "result-false" (HTTP 200
    with {"result": false, "errorCode": 101}, nothing stored). A commit sent by sendBeacon cannot see the
    answer: the SCO still gets "true" even if the LMS refuses it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._store: dict[str, dict[str, str]] = {}
        self._commits: list[Commit] = []
        self.commit_failure: str | None = None
        self._fail_remaining: int | None = None

    # ------------------------------------------------------------------ what the LMS holds
    def stored(self, attempt: str = "a1") -> dict[str, str]:
        """What the LMS holds for the attempt: flattened CMI (element -> string value), {} if nothing."""
        with self._lock:
            return dict(self._store.get(attempt, {}))

    def commits(self, attempt: str | None = None) -> list[Commit]:
        """Every commit received (accepted or refused), oldest first."""
        with self._lock:
            return [c for c in self._commits if attempt is None or c.attempt == attempt]

    def preload(self, attempt: str, cmi: dict[str, Any]) -> None:
        """Put data into the store as if an earlier session had committed it (flat or nested)."""
        with self._changed:
            self._store.setdefault(attempt, {}).update(flatten(cmi))
            self._changed.notify_all()

    def clear(self, attempt: str | None = None) -> None:
        """Forget one attempt (its data and commits), or everything."""
        with self._changed:
            if attempt is None:
                self._store.clear()
                self._commits.clear()
            else:
                self._store.pop(attempt, None)
                self._commits = [c for c in self._commits if c.attempt != attempt]
            self._changed.notify_all()

    # ------------------------------------------------------------------ waiting (commits are throttled)
    def wait_until_stored(self, predicate: Callable[[dict[str, str]], bool], attempt: str = "a1",
                          timeout: float = 6.0) -> dict[str, str]:
        """Block until what the LMS holds satisfies `predicate`; return it."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                stored = dict(self._store.get(attempt, {}))
                if predicate(stored):
                    return stored
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"the LMS never held the expected data: {stored}")
                self._changed.wait(remaining)

    def wait_for_commits(self, count: int, attempt: str | None = None, timeout: float = 5.0,
                         final: bool | None = None) -> list[Commit]:
        """Block until at least `count` commits (only final ones if final=True) arrived; return them all."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self._commits
                         if (attempt is None or c.attempt == attempt) and (final is None or c.final == final)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} commit(s), got {len(found)}: {found}")
                self._changed.wait(remaining)

    # ------------------------------------------------------------------ the failure switch
    def fail_commits(self, how: str | None = "http500") -> None:
        """Make every following commit fail ("http500" / "result-false"), or succeed again (None)."""
        assert how is None or how in COMMIT_FAILURES
        with self._lock:
            self.commit_failure, self._fail_remaining = how, None

    def fail_next(self, count: int, how: str = "http500") -> None:
        """Fail only the next `count` commits, then accept again (for retry tests)."""
        assert how in COMMIT_FAILURES
        with self._lock:
            self.commit_failure, self._fail_remaining = how, count

    # ------------------------------------------------------------------ a commit arrives
    def receive_commit(self, attempt: str, body: bytes, final: bool, content_type: str = "",
                       refuse: bool = False) -> tuple[int, dict]:
        """Store a commit unless it is unreadable or a fault refuses it; the HTTP status and answer to send.
        `refuse` refuses this one commit (the preview's "LMS fails Commit" switch)."""
        try:
            raw = json.loads(body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            raw = None
        with self._changed:
            failure = self.commit_failure or ("result-false" if refuse else None)
            if self.commit_failure and self._fail_remaining is not None:
                self._fail_remaining -= 1
                if self._fail_remaining <= 0:
                    self.commit_failure, self._fail_remaining = None, None
            readable = isinstance(raw, (dict, list))
            accepted = readable and not failure
            cmi = flatten(raw) if readable else {}
            if accepted:
                self._store.setdefault(attempt, {}).update(cmi)
            self._commits.append(Commit(attempt, time.time(), cmi, final, content_type, accepted, raw))
            self._changed.notify_all()
        if not readable:
            return 400, REFUSED
        if failure == "http500":
            return 500, REFUSED
        return 200, REFUSED if failure else ACCEPTED
