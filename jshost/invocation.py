"""The invocation loop: drive one call of a handler in a slot to its end.

DESIGN.md "Invocation loop": call the JS entry, run pending jobs; while the
handler is unsettled, await the host ops in flight and the next timer, settle
their promises in JS and drain the job queue again; stop at settlement or at the
wall-clock deadline. Ops started together run concurrently (one asyncio task each),
and every op still in flight when the invocation ends is cancelled.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from .config import Limits
from .engine import Slot, TurnState
from .entropy import random_hex
from .errors import (
    EngineError,
    ErrorType,
    ExecutionInterrupted,
    OutOfMemory,
    StackExhausted,
)
from .ops import OpContext, run_op
from .result import ErrorInfo, LogLine

Mode = Literal["source", "destination", "batch", "legacy", "eval"]

#: Bytes of fresh entropy handed to JS with each invocation (seed of crypto randomness).
ENTROPY_BYTES = 32


@dataclass
class Outcome:
    """The raw outcome of one invocation, before it becomes a :class:`~jshost.result.Result`."""

    ok: bool
    value: Any = None
    events: list[dict[str, Any]] = field(default_factory=list)
    objects: list[dict[str, Any]] = field(default_factory=list)
    error: ErrorInfo | None = None
    logs: list[LogLine] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    duration_ms: float = 0.0


def timeout_error(limits: Limits, detail: str) -> ErrorInfo:
    return ErrorInfo(name="TimeoutError",
                     message=f"the function did not finish within {limits.timeout:g} s ({detail})",
                     type=ErrorType.TIMEOUT)


def engine_error_info(exc: EngineError, limits: Limits) -> ErrorInfo:
    """How an engine failure is reported: a Timeout, or a Bad Request naming the cause."""
    if isinstance(exc, ExecutionInterrupted):
        return timeout_error(limits, "it was still running JavaScript and was interrupted")
    if isinstance(exc, OutOfMemory):
        mib = limits.memory / (1024 * 1024)
        return ErrorInfo(name="RangeError", type=ErrorType.BAD_REQUEST,
                         message=f"out of memory: the function needed more than its {mib:g} MiB memory limit")
    if isinstance(exc, StackExhausted):
        return ErrorInfo(name="RangeError", message="Maximum call stack size exceeded", type=ErrorType.BAD_REQUEST)
    return ErrorInfo(name="InternalError", message=f"jshost runtime failure: {exc}", type=ErrorType.BAD_REQUEST)


async def _settle_item(op_id: int, name: str, args: Any, ctx: OpContext) -> dict[str, Any]:
    item = await run_op(name, args, ctx)
    item["id"] = op_id
    return item


async def run_invocation(slot: Slot, mode: Mode, payload: Any, settings: Any, *,
                         limits: Limits, ops: OpContext | None = None) -> Outcome:
    """Invoke the slot's handler for ``mode`` with ``payload`` and run it to its end."""
    ctx = ops if ops is not None else OpContext(limits=limits)
    started = time.monotonic()
    deadline = started + limits.timeout
    outcome = Outcome(ok=False)
    if slot.load_logs:
        outcome.logs.extend(LogLine(x["level"], x["message"]) for x in slot.load_logs)
        slot.load_logs = []
    tasks: dict[int, asyncio.Task[dict[str, Any]]] = {}
    slot.invocations += 1
    text = json.dumps({"mode": mode, "input": payload, "settings": settings,
                       "entropy": random_hex(ENTROPY_BYTES)}, ensure_ascii=False)
    try:
        state = await slot.turn("invoke", text, deadline)
        while True:
            _collect(state, outcome)
            for request in state.ops:
                op_id = request["id"]
                if request["op"] == "cancel":
                    task = tasks.pop(op_id, None)
                    if task is not None:
                        task.cancel()
                    continue
                tasks[op_id] = asyncio.create_task(_settle_item(op_id, request["op"], request["args"], ctx))
            if state.done is not None:
                _finish(state.done, outcome)
                break
            if not tasks and state.timer is None:
                outcome.error = timeout_error(
                    limits, "its promise never settled and nothing was left to wait for: no fetch, no timer")
                break
            wait = deadline - time.monotonic()
            if state.timer is not None:
                wait = min(wait, state.timer / 1000.0)
            finished: set[asyncio.Task[dict[str, Any]]] = set()
            if tasks:
                finished, _ = await asyncio.wait(list(tasks.values()), timeout=max(0.0, wait),
                                                 return_when=asyncio.FIRST_COMPLETED)
            elif wait > 0:
                await asyncio.sleep(wait)
            if time.monotonic() >= deadline and not finished:
                outcome.error = timeout_error(limits, _waiting_on(tasks, state))
                break
            items = []
            for task in finished:
                item = task.result()
                tasks.pop(item["id"], None)
                items.append(item)
            state = await slot.turn("settle", json.dumps(items, ensure_ascii=False), deadline)
    except EngineError as exc:
        outcome.error = engine_error_info(exc, limits)
        salvaged = await slot.salvage()
        if salvaged is not None:
            _collect(salvaged, outcome)
    finally:
        for task in tasks.values():
            task.cancel()
        for cleanup in ctx.cleanups:
            cleanup()
        ctx.cleanups.clear()
    outcome.requests.extend(ctx.records)
    outcome.duration_ms = (time.monotonic() - started) * 1000.0
    return outcome


def _waiting_on(tasks: dict[int, asyncio.Task[dict[str, Any]]], state: TurnState) -> str:
    parts = []
    if tasks:
        parts.append(f"{len(tasks)} host operation(s) such as fetch still in flight")
    if state.timer is not None:
        parts.append("a timer still pending")
    return "it was still waiting: " + ", ".join(parts) if parts else "it was still waiting"


def _collect(state: TurnState, outcome: Outcome) -> None:
    outcome.logs.extend(LogLine(x["level"], x["message"]) for x in state.logs)


def _finish(done: dict[str, Any], outcome: Outcome) -> None:
    if done["ok"]:
        outcome.ok = True
        outcome.value = done.get("value")
        outcome.events = done.get("events") or []
        outcome.objects = done.get("objects") or []
    else:
        outcome.error = ErrorInfo.from_json(done["error"])
