"""A running deployment: the instances of a ServerConfig, the store, and what follows a webhook.

``handle_source`` / ``handle_destination`` run a function for one webhook and
record the outcome in the store *before* the caller is answered: the messages a
function emitted, a retry for a Retry or Timeout error, or a row of the errors
view. Background workers (jshost.delivery) then deliver messages, run retries and
group destination events for ``onBatch``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import random
import time
from dataclasses import dataclass
from typing import Any

from .config import EgressPolicy
from .entropy import message_id
from .errors import ErrorType, FunctionLoadError, InputError
from .function import Function, FunctionInstance, load_error_type
from .inputs import SourceRequest
from .metrics import Metrics
from .mockfetch import load_rules
from .result import ErrorInfo, Result
from .serverconfig import InstanceConfig, ServerConfig, retry_policy
from .settings import SettingsError, redact, resolve_settings, sensitive_values
from .store import Message, Store

log = logging.getLogger("jshost.invocations")
server_log = logging.getLogger("jshost.server")

#: Segment shows at most 4 KB of console output with an error (docs 004 FAQ).
ERROR_LOG_BYTES = 4096
#: Request headers never kept in the errors view.
REDACTED_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization", "x-api-key"})

STATUS_BY_TYPE = {
    ErrorType.MESSAGE_REJECTED: 400,
    ErrorType.UNSUPPORTED_EVENT_TYPE: 400,
    ErrorType.BAD_REQUEST: 400,
    ErrorType.INVALID_SETTINGS: 500,
    # Only reached when no retry is left (else the answer is 202 and a retry is queued).
    ErrorType.RETRY: 503,
    ErrorType.TIMEOUT: 504,
}


@dataclass
class Reply:
    """What the webhook caller gets: an HTTP status and a small JSON body (never a stack trace)."""

    status: int
    body: dict[str, Any]


def error_reply(error: ErrorInfo) -> Reply:
    return Reply(STATUS_BY_TYPE.get(error.type, 500),
                 {"error": {"type": error.type.value, "name": error.name, "message": error.message}})


class DeployedInstance:
    """One configured instance: its function instance, or the problem that keeps it from running."""

    def __init__(self, config: InstanceConfig) -> None:
        self.config = config
        self.name = config.name
        self.instance: FunctionInstance | None = None
        self.problem: ErrorInfo | None = None
        self.secrets: list[str] = []
        self.kind = "source"
        self.batches = False

    @classmethod
    def build(cls, config: InstanceConfig, own_urls: tuple[str, ...], *, threaded: bool = True) -> DeployedInstance:
        deployed = cls(config)
        try:
            settings = resolve_settings(config.settings, config.schema)
        except SettingsError as exc:
            deployed.problem = ErrorInfo("InvalidSettings", str(exc), ErrorType.INVALID_SETTINGS)
            return deployed
        deployed.secrets = sensitive_values(settings, config.schema) + ([config.token] if config.token else [])
        try:
            function = Function.load(config.code, limits=config.limits, libraries=config.libraries)
        except FunctionLoadError as exc:
            deployed.problem = ErrorInfo(exc.name, str(exc), load_error_type(exc), exc.stack)
            return deployed
        except InputError as exc:
            deployed.problem = ErrorInfo("Error", str(exc), ErrorType.BAD_REQUEST)
            return deployed
        function.close()  # built on a helper thread: the loading slot cannot serve the event loop
        deployed.kind = function.kind
        deployed.batches = "onBatch" in function.handlers
        egress = EgressPolicy(block_metadata=config.egress.block_metadata, block_private=config.egress.block_private,
                              forbidden_prefixes=own_urls)
        deployed.instance = function.instance(settings, limits=config.limits, egress=egress, name=config.name,
                                              threaded=threaded)
        if config.mock_fetch is not None:
            deployed.instance.services["fetch.mock"] = load_rules(config.mock_fetch)
        return deployed

    def redact(self, text: str) -> str:
        return redact(text, self.secrets)


class Deployment:
    """The instances of one server process, its store, its metrics and background workers."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.metrics = Metrics()
        self.store: Store | None = None
        self.instances: dict[str, DeployedInstance] = {}
        self.wake_delivery = asyncio.Event()
        self.wake_batches = asyncio.Event()
        self._workers: list[asyncio.Task[None]] = []
        self._retired: list[DeployedInstance] = []

    # ------------------------------------------------------------------ lifecycle

    def own_urls(self, config: ServerConfig) -> tuple[str, ...]:
        hosts = {config.host, "127.0.0.1", "localhost"} if config.host in ("0.0.0.0", "::") else {config.host}
        urls = [f"http://{h}:{config.port}/" for h in hosts]
        if config.public_url:
            urls.append(config.public_url.rstrip("/") + "/")
        return tuple(urls)

    async def _build(self, config: ServerConfig) -> dict[str, DeployedInstance]:
        own = self.own_urls(config)
        threaded = config.isolation == "threads"
        built = await asyncio.gather(*(asyncio.to_thread(DeployedInstance.build, inst, own, threaded=threaded)
                                       for inst in config.instances))
        for deployed in built:
            if deployed.problem is not None:
                server_log.error("instance %s cannot run: [%s] %s", deployed.name, deployed.problem.type.value,
                                 deployed.redact(deployed.problem.message))
        return {d.name: d for d in built}

    async def start(self) -> None:
        from .delivery import start_workers

        self.store = Store(self.config.store, durability=self.config.durability)
        self.instances = await self._build(self.config)
        self._workers = start_workers(self)

    async def reload(self, config: ServerConfig) -> None:
        """Swap in a new configuration: new instances serve new requests; old ones finish theirs."""
        instances = await self._build(config)
        old = self.instances
        self.config = dataclasses.replace(config, store=self.config.store)
        self.instances = instances
        self._retired.extend(old.values())
        server_log.info("reloaded: %s", ", ".join(sorted(instances)))

    async def stop(self) -> None:
        for task in self._workers:
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        for deployed in [*self.instances.values(), *self._retired]:
            if deployed.instance is not None:
                await deployed.instance.aclose()
        if self.store is not None:
            self.store.close()
        fetch_ops = __import__("sys").modules.get("jshost.ops.fetch")
        if fetch_ops is not None:
            await fetch_ops.aclose_clients()

    # ------------------------------------------------------------------ webhooks

    async def handle_source(self, deployed: DeployedInstance, request: SourceRequest) -> Reply:
        if deployed.problem is not None or deployed.instance is None:
            return error_reply(deployed.problem or ErrorInfo("Error", "instance unavailable", ErrorType.BAD_REQUEST))
        result = await deployed.instance.invoke_source(request)
        return await self.after_source(deployed, result, _request_json(request), attempts=1, retry_id=None)

    async def after_source(self, deployed: DeployedInstance, result: Result, request: dict[str, Any], *,
                           attempts: int, retry_id: int | None) -> Reply:
        assert self.store is not None
        policy = retry_policy(deployed.config, "source")
        if result.ok:
            messages = self.route(deployed, result.events, result.objects)
            await self.store.record(instance=deployed.name, kind=result.kind, outcome="ok", error_type=None,
                                    duration_ms=result.duration_ms, messages=messages, done_retry=retry_id)
            self._observe(deployed, result, "ok", len(messages))
            if any(m.target != "store" for m in messages):
                self.wake_delivery.set()
            return Reply(200, {"ok": True, "events": len(result.events), "objects": len(result.objects)})
        error = result.error
        assert error is not None
        if error.retryable and attempts < policy.attempts:
            next_at = time.time() + policy.wait(attempts, random.random())
            await self.store.record(instance=deployed.name, kind=result.kind, outcome="retry",
                                    error_type=error.type.value, duration_ms=result.duration_ms,
                                    retry=("source", request, attempts, next_at), done_retry=retry_id)
            self._observe(deployed, result, "retry", 0)
            return Reply(202, {"retry": True})
        await self.store.record(instance=deployed.name, kind=result.kind, outcome="error",
                                error_type=error.type.value, duration_ms=result.duration_ms,
                                error=self.error_row(deployed, request, result, attempts), done_retry=retry_id)
        self._observe(deployed, result, "error", 0)
        return error_reply(error)

    async def handle_destination(self, deployed: DeployedInstance, events: list[Any]) -> Reply:
        assert self.store is not None
        if deployed.problem is not None or deployed.instance is None:
            return error_reply(deployed.problem or ErrorInfo("Error", "instance unavailable", ErrorType.BAD_REQUEST))
        if deployed.batches:
            await self.store.record(instance=deployed.name, kind="destination", outcome="queued", error_type=None,
                                    duration_ms=0.0, batch_events=events)
            self.wake_batches.set()
            return Reply(202, {"queued": len(events)})
        replies = [await self.run_event(deployed, event, attempts=1, retry_id=None) for event in events]
        if len(replies) == 1:
            return replies[0]
        status = max(r.status for r in replies)
        return Reply(status if status != 202 else 202, {"results": [r.body for r in replies]})

    async def run_event(self, deployed: DeployedInstance, event: Any, *, attempts: int,
                        retry_id: int | None) -> Reply:
        assert self.store is not None and deployed.instance is not None
        result = await deployed.instance.invoke_event(event)
        policy = retry_policy(deployed.config, "destination")
        if result.ok:
            await self.store.record(instance=deployed.name, kind="destination", outcome="ok", error_type=None,
                                    duration_ms=result.duration_ms, done_retry=retry_id)
            self._observe(deployed, result, "ok", 0)
            return Reply(200, {"ok": True, "return": result.return_value})
        error = result.error
        assert error is not None
        if error.retryable and attempts < policy.attempts:
            next_at = time.time() + policy.wait(attempts, random.random())
            await self.store.record(instance=deployed.name, kind="destination", outcome="retry",
                                    error_type=error.type.value, duration_ms=result.duration_ms,
                                    retry=("event", event, attempts, next_at), done_retry=retry_id)
            self._observe(deployed, result, "retry", 0)
            return Reply(202, {"retry": True})
        await self.store.record(instance=deployed.name, kind="destination", outcome="error",
                                error_type=error.type.value, duration_ms=result.duration_ms,
                                error=self.error_row(deployed, {"event": event}, result, attempts),
                                done_retry=retry_id)
        self._observe(deployed, result, "error", 0)
        return error_reply(error)

    # ------------------------------------------------------------------ helpers

    def route(self, deployed: DeployedInstance, events: list[Any], objects: list[Any]) -> list[Message]:
        """Messages bound for the instance's delivery target; events get a messageId if they have none."""
        delivery = deployed.config.delivery
        out: list[Message] = []
        for event in events:
            if isinstance(event, dict) and not event.get("messageId"):
                event = {**event, "messageId": message_id()}
            if delivery.kind == "tracking":
                out.append(Message("tracking", "event", event))
            elif delivery.kind == "instances":
                out.extend(Message(f"instance:{name}", "event", event) for name in delivery.instances)
            else:
                out.append(Message("store", "event", event))
        for obj in objects:
            target = "tracking" if delivery.kind == "tracking" and delivery.objects_url else "store"
            out.append(Message(target, "object", obj))
        return out

    def error_row(self, deployed: DeployedInstance, request: dict[str, Any], result: Result,
                  attempts: int) -> dict[str, Any]:
        """A row of the errors view: redacted request, console output (4 KB), the error."""
        headers = {k: ("[redacted]" if k.lower() in REDACTED_HEADERS else v)
                   for k, v in (request.get("headers") or {}).items()}
        clean = json.loads(deployed.redact(json.dumps({**request, "headers": headers}, ensure_ascii=False)))
        text = "".join(f"{line.level}: {line.message}\n" for line in result.logs)
        logs = deployed.redact(text).encode("utf-8")[:ERROR_LOG_BYTES].decode("utf-8", "ignore")
        error = result.error.to_json() if result.error else {}
        error = json.loads(deployed.redact(json.dumps(error, ensure_ascii=False)))
        return {"request": clean, "logs": logs, "error": error, "attempts": attempts}

    def _observe(self, deployed: DeployedInstance, result: Result, outcome: str, messages: int) -> None:
        error_type = result.error.type.value if result.error else None
        self.metrics.observe(deployed.name, result.kind, outcome, error_type, result.duration_ms / 1000.0)
        log.info(json.dumps({"instance": deployed.name, "kind": result.kind, "outcome": outcome,
                             "error_type": error_type, "duration_ms": round(result.duration_ms, 3),
                             "messages": messages}))


def _request_json(request: SourceRequest) -> dict[str, Any]:
    """What is kept of a source request for its retries and the errors view."""
    data: dict[str, Any] = {"headers": dict(request.headers), "url": request.url}
    if request.has_body:
        data["body"] = request.body
    if request.text is not None:
        data["text"] = request.text
    return data


def request_from_json(data: dict[str, Any]) -> SourceRequest:
    return SourceRequest(body=data.get("body"), headers=data.get("headers") or {}, url=data.get("url"),
                         text=data.get("text"), has_body="body" in data)
