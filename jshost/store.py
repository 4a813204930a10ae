"""The embedded store: one SQLite file holding everything that must survive a crash.

Tables:

* ``invocations`` — one row per webhook invocation (outcome, error type, timing);
* ``outbox`` — messages emitted by functions, until delivered (at least once);
* ``retries`` — invocations to run again (Retry and Timeout), with their schedule;
* ``batches`` — destination events waiting for an ``onBatch`` call;
* ``errors`` — the errors view: request (redacted), console output, error.

Writes are committed on the event loop's thread, everything queued during one pass
of the loop in one transaction (group commit, each job in its own savepoint), so a
webhook is acknowledged only after its messages are committed and concurrent
webhooks share commits. The database runs in WAL mode: several worker processes share
the file safely, and rows are *claimed* with a lease so that two processes never
work on the same row at once; an expired lease (a crashed process) frees the row.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: The errors view keeps the 100 most recent errors per instance, for 30 days (docs 004).
ERRORS_KEPT = 100
ERRORS_MAX_AGE = 30 * 24 * 3600.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS invocations (
  id INTEGER PRIMARY KEY,
  instance TEXT NOT NULL,
  kind TEXT NOT NULL,
  received_at REAL NOT NULL,
  outcome TEXT NOT NULL,
  error_type TEXT,
  duration_ms REAL NOT NULL,
  messages INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY,
  instance TEXT NOT NULL,
  target TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at REAL NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at REAL NOT NULL,
  lease_until REAL NOT NULL DEFAULT 0,
  last_error TEXT,
  delivered_at REAL
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (target, delivered_at, next_at);
CREATE TABLE IF NOT EXISTS retries (
  id INTEGER PRIMARY KEY,
  instance TEXT NOT NULL,
  mode TEXT NOT NULL,
  request TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_at REAL NOT NULL,
  lease_until REAL NOT NULL DEFAULT 0,
  created_at REAL NOT NULL,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS retries_due ON retries (next_at);
CREATE TABLE IF NOT EXISTS batches (
  id INTEGER PRIMARY KEY,
  instance TEXT NOT NULL,
  event TEXT NOT NULL,
  received_at REAL NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at REAL NOT NULL,
  lease_until REAL NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS batches_due ON batches (instance, next_at);
CREATE TABLE IF NOT EXISTS errors (
  id INTEGER PRIMARY KEY,
  instance TEXT NOT NULL,
  created_at REAL NOT NULL,
  request TEXT NOT NULL,
  logs TEXT NOT NULL,
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS errors_recent ON errors (instance, created_at);
"""


@dataclass(frozen=True)
class Message:
    """A message bound for a delivery target: ``target`` is ``store``, ``tracking`` or ``instance:<name>``."""

    target: str
    kind: str  # "event" | "object"
    body: dict[str, Any]


@dataclass(frozen=True)
class Claimed:
    """A row taken under lease: its id, payload, attempts so far and instance."""

    id: int
    instance: str
    payload: Any
    attempts: int
    extra: dict[str, Any]


def connect(path: Path, durability: str = "normal") -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={'FULL' if durability == 'full' else 'NORMAL'}")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


class Store:
    """The SQLite store of one server process (workers each open their own)."""

    def __init__(self, path: str | Path, *, durability: str = "normal") -> None:
        self.path = Path(path)
        self.durability = durability
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = connect(self.path, durability)
        self._conn.executescript(SCHEMA)
        self._pending: list[tuple[Callable[[sqlite3.Connection], Any], asyncio.Future[Any]]] = []
        self._flush_scheduled = False
        self._reader = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="jshost-store-reader")
        self._read_conn: sqlite3.Connection | None = None
        self.closed = False

    # ------------------------------------------------------------------ writes

    # Writes run on the event loop's own thread: a hop to a writer thread costs more
    # than the commit itself (a commit in WAL mode without fsync is a few write()
    # calls). Every write queued during one pass of the loop is committed together
    # in the next (group commit), each job in its own savepoint.

    async def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(conn)`` in a transaction; returns once it is committed."""
        if self.closed:
            raise RuntimeError("the store is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._pending.append((fn, future))
        if not self._flush_scheduled:
            self._flush_scheduled = True
            loop.call_soon(self._flush)
        return await future

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        self._flush_scheduled = False
        if batch:
            self._commit(self._conn, batch)

    @staticmethod
    def _commit(conn: sqlite3.Connection, batch: list[tuple[Callable[[sqlite3.Connection], Any],
                                                            asyncio.Future[Any]]]) -> None:
        results: list[tuple[asyncio.Future[Any], bool, Any]] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
            for index, (fn, future) in enumerate(batch):
                conn.execute(f"SAVEPOINT job{index}")
                try:
                    value = fn(conn)
                except Exception as exc:  # noqa: BLE001 - the job's own failure goes to its caller
                    conn.execute(f"ROLLBACK TO job{index}")
                    conn.execute(f"RELEASE job{index}")
                    results.append((future, False, exc))
                else:
                    conn.execute(f"RELEASE job{index}")
                    results.append((future, True, value))
            conn.execute("COMMIT")
        except Exception as exc:  # noqa: BLE001 - the commit failed: every job in it failed
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for future, ok, value in results:
            if future.done():  # its caller went away (cancelled): the write stands anyway
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        if self._read_conn is None:
            self._read_conn = connect(self.path, self.durability)
        return fn(self._read_conn)

    async def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._reader, self._read, fn)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self._pending:
            self._flush()
        self._conn.close()
        self._reader.submit(self._close_reader).result()
        self._reader.shutdown(wait=True)

    def _close_reader(self) -> None:
        if self._read_conn is not None:
            self._read_conn.close()
            self._read_conn = None

    # ------------------------------------------------------------------ invocations

    async def record(self, *, instance: str, kind: str, outcome: str, error_type: str | None, duration_ms: float,
                     messages: list[Message] = (), retry: tuple[str, Any, int, float] | None = None,
                     error: dict[str, Any] | None = None, batch_events: list[Any] = (),
                     done_retry: int | None = None, done_batch: list[int] = ()) -> int:
        """Record one invocation with everything it produced, in one transaction.

        ``retry`` is ``(mode, request, attempts, next_at)``; ``error`` a row of the
        errors view; ``batch_events`` events queued for ``onBatch``; ``done_retry``
        a retries row this invocation completes; ``done_batch`` batch rows it completes."""
        now = time.time()

        def job(conn: sqlite3.Connection) -> int:
            cur = conn.execute(
                "INSERT INTO invocations (instance, kind, received_at, outcome, error_type, duration_ms, messages)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (instance, kind, now, outcome, error_type, duration_ms, len(messages)))
            if messages:
                conn.executemany(
                    "INSERT INTO outbox (instance, target, kind, message, created_at, next_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [(instance, m.target, m.kind, json.dumps(m.body, ensure_ascii=False), now, now) for m in messages])
            if done_retry is not None:
                conn.execute("DELETE FROM retries WHERE id = ?", (done_retry,))
            if done_batch:
                conn.executemany("DELETE FROM batches WHERE id = ?", [(i,) for i in done_batch])
            if retry is not None:
                mode, request, attempts, next_at = retry
                conn.execute("INSERT INTO retries (instance, mode, request, attempts, next_at, created_at)"
                             " VALUES (?, ?, ?, ?, ?, ?)", (instance, mode, json.dumps(request), attempts, next_at, now))
            if batch_events:
                conn.executemany("INSERT INTO batches (instance, event, received_at, next_at) VALUES (?, ?, ?, ?)",
                                 [(instance, json.dumps(e, ensure_ascii=False), now, now) for e in batch_events])
            if error is not None:
                _insert_error(conn, instance, error, now)
            return int(cur.lastrowid or 0)

        return await self.write(job)

    # ------------------------------------------------------------------ leases

    async def claim(self, table: str, *, where: str, params: tuple[Any, ...], limit: int,
                    lease: float) -> list[Claimed]:
        """Take up to ``limit`` due rows of ``table`` (outbox, retries, batches) under a lease."""
        column = {"outbox": "message", "retries": "request", "batches": "event"}[table]
        extra_cols = {"outbox": ", target, kind", "retries": ", mode", "batches": ""}[table]
        now = time.time()

        def job(conn: sqlite3.Connection) -> list[Claimed]:
            rows = conn.execute(
                f"UPDATE {table} SET lease_until = ? WHERE id IN (SELECT id FROM {table} WHERE {where}"
                f" AND next_at <= ? AND lease_until <= ? ORDER BY id LIMIT ?)"
                f" RETURNING id, instance, {column}, attempts{extra_cols}",
                (now + lease, *params, now, now, limit)).fetchall()
            out = []
            for row in sorted(rows, key=lambda r: r[0]):
                extra: dict[str, Any] = {}
                if table == "outbox":
                    extra = {"target": row[4], "kind": row[5]}
                elif table == "retries":
                    extra = {"mode": row[4]}
                out.append(Claimed(id=row[0], instance=row[1], payload=json.loads(row[2]), attempts=row[3],
                                   extra=extra))
            return out

        return await self.write(job)

    async def release(self, table: str, ids: list[int], *, next_at: float, error: str | None,
                      count_attempt: bool = True) -> None:
        """Give rows back for a later attempt."""
        if not ids:
            return
        step = 1 if count_attempt else 0

        def job(conn: sqlite3.Connection) -> None:
            conn.executemany(f"UPDATE {table} SET lease_until = 0, next_at = ?, attempts = attempts + ?,"
                             " last_error = ? WHERE id = ?", [(next_at, step, error, i) for i in ids])

        await self.write(job)

    async def delete(self, table: str, ids: list[int], *, error: dict[str, Any] | None = None,
                     instance: str | None = None) -> None:
        """Remove finished rows (delivered outbox rows are deleted too), optionally logging an error."""
        now = time.time()

        def job(conn: sqlite3.Connection) -> None:
            conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in ids])
            if error is not None and instance is not None:
                _insert_error(conn, instance, error, now)

        await self.write(job)

    # ------------------------------------------------------------------ views

    async def list_messages(self, instance: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        def job(conn: sqlite3.Connection) -> list[dict[str, Any]]:
            sql = "SELECT id, instance, target, kind, message, created_at, attempts, last_error FROM outbox"
            args: tuple[Any, ...] = ()
            if instance:
                sql += " WHERE instance = ?"
                args = (instance,)
            rows = conn.execute(sql + " ORDER BY id LIMIT ?", (*args, limit)).fetchall()
            return [{"id": r[0], "instance": r[1], "target": r[2], "kind": r[3], "message": json.loads(r[4]),
                     "created_at": r[5], "attempts": r[6], "last_error": r[7]} for r in rows]

        return await self.read(job)

    async def list_errors(self, instance: str, limit: int = ERRORS_KEPT) -> list[dict[str, Any]]:
        cutoff = time.time() - ERRORS_MAX_AGE

        def job(conn: sqlite3.Connection) -> list[dict[str, Any]]:
            rows = conn.execute("SELECT id, created_at, request, logs, error, attempts FROM errors"
                                " WHERE instance = ? AND created_at >= ? ORDER BY id DESC LIMIT ?",
                                (instance, cutoff, limit)).fetchall()
            return [{"id": r[0], "created_at": r[1], "request": json.loads(r[2]), "logs": r[3],
                     "error": json.loads(r[4]), "attempts": r[5]} for r in rows]

        return await self.read(job)

    async def depths(self) -> dict[str, int]:
        """Rows waiting: outbox (undelivered), retries, batches."""

        def job(conn: sqlite3.Connection) -> dict[str, int]:
            return {
                "outbox": conn.execute("SELECT count(*) FROM outbox WHERE target != 'store'").fetchone()[0],
                "stored": conn.execute("SELECT count(*) FROM outbox WHERE target = 'store'").fetchone()[0],
                "retries": conn.execute("SELECT count(*) FROM retries").fetchone()[0],
                "batches": conn.execute("SELECT count(*) FROM batches").fetchone()[0],
            }

        return await self.read(job)


def _insert_error(conn: sqlite3.Connection, instance: str, error: dict[str, Any], now: float) -> None:
    conn.execute("INSERT INTO errors (instance, created_at, request, logs, error, attempts) VALUES (?, ?, ?, ?, ?, ?)",
                 (instance, now, json.dumps(error.get("request"), ensure_ascii=False), str(error.get("logs", "")),
                  json.dumps(error.get("error"), ensure_ascii=False), int(error.get("attempts", 1))))
    # Keep the 100 most recent errors of the instance, none older than 30 days.
    conn.execute("DELETE FROM errors WHERE instance = ? AND (created_at < ? OR id NOT IN"
                 " (SELECT id FROM errors WHERE instance = ? ORDER BY id DESC LIMIT ?))",
                 (instance, now - ERRORS_MAX_AGE, instance, ERRORS_KEPT))
