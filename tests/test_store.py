"""The SQLite store: atomic records, leases, the errors view (jshost.store)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from jshost.store import ERRORS_KEPT, Message, Store


async def test_record_writes_everything_in_one_transaction(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    try:
        await store.record(instance="a", kind="source", outcome="ok", error_type=None, duration_ms=1.0,
                           messages=[Message("store", "event", {"type": "track"}),
                                     Message("tracking", "object", {"collection": "c", "id": 1})])
        rows = await store.list_messages()
        assert [(r["target"], r["kind"]) for r in rows] == [("store", "event"), ("tracking", "object")]
        assert await store.depths() == {"outbox": 1, "stored": 1, "retries": 0, "batches": 0}
    finally:
        store.close()


async def test_a_failing_job_does_not_undo_its_neighbours(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    try:
        def bad(conn):
            conn.execute("INSERT INTO outbox (instance, target, kind, message, created_at, next_at)"
                         " VALUES ('x', 'store', 'event', '{}', 0, 0)")
            raise ValueError("boom")

        good = store.record(instance="a", kind="source", outcome="ok", error_type=None, duration_ms=1.0,
                            messages=[Message("store", "event", {"n": 1})])
        results = await asyncio.gather(store.write(bad), good, return_exceptions=True)
        assert isinstance(results[0], ValueError)
        assert [r["instance"] for r in await store.list_messages()] == ["a"]
    finally:
        store.close()


async def test_claims_are_exclusive_and_leases_expire(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    one, two = Store(path), Store(path)  # two processes' stores on one file
    try:
        await one.record(instance="a", kind="source", outcome="ok", error_type=None, duration_ms=1.0,
                         messages=[Message("tracking", "event", {"n": i}) for i in range(10)])
        first, second = await asyncio.gather(
            one.claim("outbox", where="target != 'store'", params=(), limit=6, lease=60),
            two.claim("outbox", where="target != 'store'", params=(), limit=6, lease=60))
        ids = [r.id for r in first] + [r.id for r in second]
        assert len(ids) == 10 and len(set(ids)) == 10  # every row taken once
        assert await one.claim("outbox", where="1", params=(), limit=10, lease=60) == []
        await one.release("outbox", [first[0].id], next_at=time.time(), error="try again")
        again = await two.claim("outbox", where="1", params=(), limit=10, lease=0.01)
        assert [r.id for r in again] == [first[0].id] and again[0].attempts == 1
        await asyncio.sleep(0.05)  # that lease expired: the row is free again
        assert [r.id for r in await one.claim("outbox", where="1", params=(), limit=10, lease=60)] == [first[0].id]
    finally:
        one.close()
        two.close()


async def test_errors_view_keeps_the_most_recent_hundred(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    try:
        for i in range(ERRORS_KEPT + 5):
            await store.record(instance="a", kind="source", outcome="error", error_type="Bad Request",
                               duration_ms=1.0, error={"request": {"n": i}, "logs": "", "error": {"message": str(i)}})
        errors = await store.list_errors("a", limit=1000)
        assert len(errors) == ERRORS_KEPT
        assert errors[0]["request"] == {"n": ERRORS_KEPT + 4}  # newest first
    finally:
        store.close()
