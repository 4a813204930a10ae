"""Background work of a server process: deliver messages, run retries, call ``onBatch``.

Each worker claims rows of the store under a lease, works on them, and deletes or
reschedules them in the store. Delivery is at least once: a row is deleted only
after its target accepted it, so a crash in between delivers it again (receivers
de-duplicate on ``messageId``). Several processes may run these workers on one
store; leases keep them from taking the same rows.

Targets:
* ``tracking`` — a Segment-compatible Tracking API: ``POST {url}/v1/batch`` with the
  write key as HTTP basic auth, batches within Segment's limits (32 KB per message,
  500 KB per request); objects go to ``POST {objects_url}/v1/set`` per collection;
* ``instance:<name>`` — a destination instance of this server, invoked with the
  event (or queued for its ``onBatch``), with the destination retry schedule.
"""

from __future__ import annotations

import asyncio
import base64
import datetime
import json
import logging
import random
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .errors import ErrorType
from .result import ErrorInfo, Result
from .serverconfig import retry_policy
from .store import Claimed

if TYPE_CHECKING:
    import httpx

    from .deployment import DeployedInstance, Deployment

log = logging.getLogger("jshost.delivery")

#: How long a claimed row stays leased (a crashed process frees its rows after this).
LEASE_SECONDS = 120.0
#: Polling interval when nothing wakes a worker (other processes may have written rows).
POLL_SECONDS = 1.0
TOO_LARGE = "failed calling Tracking API: the message is too large and over the maximum 32KB limit"


def start_workers(deployment: Deployment) -> list[asyncio.Task[None]]:
    return [asyncio.create_task(Forwarder(deployment).run(), name="jshost-forwarder"),
            asyncio.create_task(RetryWorker(deployment).run(), name="jshost-retries"),
            asyncio.create_task(BatchWorker(deployment).run(), name="jshost-batches")]


async def _wait(event: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(event.wait(), timeout=seconds)
    except TimeoutError:
        pass
    event.clear()


async def _work(name: str, step: Callable[[], Awaitable[bool]], idle: Callable[[], Awaitable[None]]) -> None:
    """Run ``step`` forever; when it found nothing to do, wait with ``idle``. A failing step is
    logged and retried: the rows it held stay leased and come back when the lease ends."""
    while True:
        try:
            busy = await step()
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - a worker must outlive any one failure
            log.exception("%s step failed", name)
            busy = False
        if not busy:
            await idle()


def _backoff(attempts: int, schedule: tuple[float, float, float]) -> float:
    """Seconds before the next delivery attempt, with jitter so that workers do not stampede."""
    first, factor, cap = schedule
    return min(cap, first * factor ** max(0, attempts)) * (0.5 + random.random() / 2)


class Forwarder:
    """Delivers outbox rows to Tracking APIs and to local destination instances."""

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self._client: httpx.AsyncClient | None = None

    async def run(self) -> None:
        try:
            await _work("delivery", self.step, lambda: _wait(self.deployment.wake_delivery, POLL_SECONDS))
        finally:
            if self._client is not None:
                await self._client.aclose()

    async def step(self) -> bool:
        """Claim and deliver one round of rows; whether there was work."""
        store = self.deployment.store
        assert store is not None
        rows = await store.claim("outbox", where="target != 'store' AND delivered_at IS NULL", params=(),
                                 limit=500, lease=LEASE_SECONDS)
        if not rows:
            return False
        groups: dict[tuple[str, str], list[Claimed]] = defaultdict(list)
        for row in rows:
            groups[(row.instance, row.extra["target"])].append(row)
        await asyncio.gather(*(self._deliver(instance, target, group) for (instance, target), group in groups.items()))
        return True

    async def _deliver(self, instance: str, target: str, rows: list[Claimed]) -> None:
        if target == "tracking":
            await self._to_tracking(instance, rows)
        elif target.startswith("instance:"):
            await self._to_instance(target.split(":", 1)[1], rows)
        else:  # an unknown target (written by a newer version?): keep the rows
            await self.deployment.store.release("outbox", [r.id for r in rows], next_at=time.time() + 60,  # type: ignore[union-attr]
                                                error=f"unknown target {target}", count_attempt=False)

    # --------------------------------------------------------------- Tracking API

    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            import httpx

            self._client = httpx.AsyncClient(timeout=httpx.Timeout(30.0), trust_env=False)
        return self._client

    async def _to_tracking(self, instance: str, rows: list[Claimed]) -> None:
        deployment = self.deployment
        store = deployment.store
        assert store is not None
        deployed = deployment.instances.get(instance)
        if deployed is None or deployed.config.delivery.kind != "tracking":
            await store.release("outbox", [r.id for r in rows], next_at=time.time() + 60,
                                error="instance has no tracking delivery configured", count_attempt=False)
            return
        delivery = deployed.config.delivery
        auth = "Basic " + base64.b64encode(f"{delivery.write_key}:".encode()).decode()
        events = [r for r in rows if r.extra["kind"] == "event"]
        objects = [r for r in rows if r.extra["kind"] == "object"]
        oversized = [r for r in events if len(json.dumps(r.payload, ensure_ascii=False).encode()) > delivery.max_message_bytes]
        if oversized:
            await store.delete("outbox", [r.id for r in oversized], instance=instance, error={
                "request": {"messages": [r.payload.get("messageId") for r in oversized]}, "logs": "",
                "error": ErrorInfo("Error", TOO_LARGE, ErrorType.BAD_REQUEST).to_json()})
            deployment.metrics.delivered("tracking", "too_large", len(oversized))
        sendable = [r for r in events if r not in oversized]
        for batch in _batches(sendable, delivery.max_batch_bytes):
            body = {"batch": [r.payload for r in batch], "sentAt": _now_iso()}
            await self._post(f"{delivery.url}/v1/batch", body, auth, batch, "tracking", delivery.backoff)
        by_collection: dict[str, list[Claimed]] = defaultdict(list)
        for r in objects:
            by_collection[str(r.payload.get("collection"))].append(r)
        for collection, group in by_collection.items():
            body = {"collection": collection,
                    "objects": [{"id": r.payload.get("id"), "properties": r.payload.get("properties", {})} for r in group]}
            await self._post(f"{str(delivery.objects_url).rstrip('/')}/v1/set", body, auth, group, "objects",
                             delivery.backoff)

    async def _post(self, url: str, body: dict[str, Any], auth: str, rows: list[Claimed], label: str,
                    backoff: tuple[float, float, float]) -> None:
        store = self.deployment.store
        assert store is not None
        ids = [r.id for r in rows]
        try:
            response = await self.client().post(url, json=body, headers={"Authorization": auth})
            status = response.status_code
        except Exception as exc:  # noqa: BLE001 - any transport failure is retried
            status, detail = 0, f"{type(exc).__name__}: {exc}"
        else:
            detail = f"HTTP {status}"
        if 200 <= status < 300:
            await store.delete("outbox", ids)
            self.deployment.metrics.delivered(label, "ok", len(ids))
        elif status == 400 or status == 413:
            # The API rejects these messages for good: keep them in the errors view, not in the queue.
            await store.delete("outbox", ids, instance=rows[0].instance, error={
                "request": {"url": url, "messages": len(ids)}, "logs": "",
                "error": ErrorInfo("Error", f"{label} delivery rejected: {detail}", ErrorType.BAD_REQUEST).to_json()})
            self.deployment.metrics.delivered(label, "rejected", len(ids))
        else:
            attempts = max(r.attempts for r in rows)
            await store.release("outbox", ids, next_at=time.time() + _backoff(attempts, backoff), error=detail)
            self.deployment.metrics.delivered(label, "retry", len(ids))

    # --------------------------------------------------------------- local instances

    async def _to_instance(self, name: str, rows: list[Claimed]) -> None:
        store = self.deployment.store
        assert store is not None
        deployed = self.deployment.instances.get(name)
        if deployed is None or deployed.instance is None:
            await store.release("outbox", [r.id for r in rows], next_at=time.time() + 60,
                                error=f"destination instance {name} is not running", count_attempt=False)
            return
        if deployed.batches:
            # Move the events to the instance's batch queue in one transaction.
            ids = [r.id for r in rows]
            events = [r.payload for r in rows]

            def move(conn: Any) -> None:
                now = time.time()
                conn.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in ids])
                conn.executemany("INSERT INTO batches (instance, event, received_at, next_at) VALUES (?, ?, ?, ?)",
                                 [(name, json.dumps(e, ensure_ascii=False), now, now) for e in events])

            await store.write(move)
            self.deployment.wake_batches.set()
            return
        for row in rows:
            result = await deployed.instance.invoke_event(row.payload)
            await settle_event(self.deployment, deployed, row, result, "outbox")


async def settle_event(deployment: Deployment, deployed: DeployedInstance, row: Claimed, result: Result,
                       table: str) -> None:
    """After a destination ran for a queued row: delete it, reschedule it, or log it as an error."""
    store = deployment.store
    assert store is not None
    attempts = row.attempts + 1
    outcome = "ok" if result.ok else "error"
    if not result.ok and result.error is not None and result.error.retryable \
            and attempts < retry_policy(deployed.config, "destination").attempts:
        policy = retry_policy(deployed.config, "destination")
        await store.release(table, [row.id], next_at=time.time() + policy.wait(attempts, random.random()),
                            error=result.error.message)
        outcome = "retry"
    elif result.ok:
        await store.delete(table, [row.id])
    else:
        await store.delete(table, [row.id], instance=deployed.name,
                           error=deployment.error_row(deployed, {"event": row.payload}, result, attempts))
    deployment._observe(deployed, result, outcome, 0)


class RetryWorker:
    """Runs due retries (Retry and Timeout errors) again, until they succeed or run out of attempts."""

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment

    async def run(self) -> None:
        await _work("retry", self.step, lambda: asyncio.sleep(POLL_SECONDS))

    async def step(self) -> bool:
        from .deployment import request_from_json

        deployment = self.deployment
        store = deployment.store
        assert store is not None
        rows = await store.claim("retries", where="1", params=(), limit=20, lease=LEASE_SECONDS)
        for row in rows:
            deployed = deployment.instances.get(row.instance)
            if deployed is None or deployed.instance is None:
                await store.release("retries", [row.id], next_at=time.time() + 60, error="instance is not running",
                                    count_attempt=False)
                continue
            attempts = row.attempts + 1
            if row.extra["mode"] == "source":
                result = await deployed.instance.invoke_source(request_from_json(row.payload))
                await deployment.after_source(deployed, result, row.payload, attempts=attempts, retry_id=row.id)
            else:
                await deployment.run_event(deployed, row.payload, attempts=attempts, retry_id=row.id)
        return bool(rows)


class BatchWorker:
    """Groups queued destination events and calls ``onBatch`` (size or wait, whichever comes first)."""

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment

    async def run(self) -> None:
        await _work("batch", self.step,
                    lambda: _wait(self.deployment.wake_batches, min(POLL_SECONDS, self._shortest_wait())))

    def _shortest_wait(self) -> float:
        waits = [d.config.batch.wait for d in self.deployment.instances.values() if d.batches]
        return min(waits) / 4 if waits else POLL_SECONDS

    async def step(self) -> bool:
        deployment = self.deployment
        store = deployment.store
        assert store is not None
        busy = False
        for deployed in list(deployment.instances.values()):
            if not deployed.batches or deployed.instance is None:
                continue
            size, wait = deployed.config.batch.size, deployed.config.batch.wait
            now = time.time()

            def due(conn: Any, name: str = deployed.name) -> tuple[int, float | None]:
                row = conn.execute("SELECT count(*), min(received_at) FROM batches WHERE instance = ?"
                                   " AND next_at <= ? AND lease_until <= ?", (name, now, now)).fetchone()
                return int(row[0]), row[1]

            count, oldest = await store.read(due)
            if count == 0 or (count < size and oldest is not None and now - oldest < wait):
                continue
            rows = await store.claim("batches", where="instance = ?", params=(deployed.name,), limit=size,
                                     lease=LEASE_SECONDS)
            if rows:
                busy = True
                await self._run_batch(deployed, rows)
        return busy

    async def _run_batch(self, deployed: DeployedInstance, rows: list[Claimed]) -> None:
        deployment = self.deployment
        assert deployed.instance is not None
        result = await deployed.instance.invoke_batch([r.payload for r in rows])
        if not result.ok:
            for row in rows:  # the whole batch failed: retried if retryable, else dropped
                await settle_event(deployment, deployed, row, result, "batches")
            return
        statuses = _per_event_statuses(result.return_value, len(rows))
        for row, (status, message) in zip(rows, statuses):
            if 200 <= status < 300:
                event_result = Result(ok=True, kind="destination", duration_ms=result.duration_ms / len(rows))
            else:
                retryable = status >= 500 or status == 429
                error = ErrorInfo("RetryError" if retryable else "ValidationError",
                                  message or f"event failed with status {status}",
                                  ErrorType.RETRY if retryable else ErrorType.MESSAGE_REJECTED)
                event_result = Result(ok=False, kind="destination", error=error, logs=result.logs,
                                      duration_ms=result.duration_ms / len(rows))
            await settle_event(deployment, deployed, row, event_result, "batches")


def _per_event_statuses(value: Any, count: int) -> list[tuple[int, str]]:
    """onBatch may return one result per event, in order: ``{status, errormessage}`` (Segment's
    partial-failure format). Anything else means every event succeeded."""
    if not isinstance(value, list) or len(value) != count:
        return [(200, "")] * count
    out = []
    for item in value:
        status = item.get("status") if isinstance(item, dict) else None
        if isinstance(status, bool) or not isinstance(status, int):
            out.append((200, ""))
        else:
            out.append((status, str(item.get("errormessage") or item.get("errorMessage") or "")))
    return out


def _batches(rows: list[Claimed], max_bytes: int) -> list[list[Claimed]]:
    """Split rows into requests whose JSON stays under ``max_bytes``."""
    out: list[list[Claimed]] = []
    current: list[Claimed] = []
    size = 64  # the envelope: {"batch": [...], "sentAt": "..."}
    for row in rows:
        length = len(json.dumps(row.payload, ensure_ascii=False).encode()) + 1
        if current and size + length > max_bytes:
            out.append(current)
            current, size = [], 64
        current.append(row)
        size += length
    if current:
        out.append(current)
    return out


def _now_iso() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
