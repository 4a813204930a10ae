"""The QuickJS engine: a :class:`Slot` is one context, bound to one thread.

This is the only module that imports ``quickjs`` (PyPI ``quickjs-ng``). Facts of
that binding the design rests on (DESIGN.md "Binding facts"):

* a ``quickjs.Context`` must only be used from the thread that created it, so a
  slot is bound to one thread: either a dedicated thread of its own
  (``threaded=True``: the asyncio loop stays responsive while JS runs, at the
  cost of a thread hop per turn, ~0.1-0.4 ms) or the thread that created it
  (``threaded=False``: JS runs inline on the event loop, the fastest path, and a
  busy function holds up that loop until its time limit);
* with a time limit set, JS cannot call Python at all, so the slot never
  registers Python callables: the host talks to JS through one JS function,
  ``host(command, text) -> text``, with JSON text both ways;
* the time limit is re-armed for each Python-to-JS call, and it counts the
  process's CPU time (``clock()``), so a turn is also bounded by a wall-clock
  check between the calls it makes;
* the binding releases the GIL while JS runs, so slots on different threads run
  in parallel and the asyncio loop stays responsive while a slot computes.

A turn is: one command (``invoke`` or ``settle``), then every pending promise job,
then every due timer (each followed by the jobs it queued, as Node drains
microtasks between timers), then ``poll``, whose JSON reports what happened.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import quickjs

from .config import Limits
from .entropy import random_hex
from .errors import (
    EngineError,
    ExecutionInterrupted,
    FunctionLoadError,
    FunctionSyntaxError,
    OutOfMemory,
    StackExhausted,
    TopLevelError,
)
from .libraries import LibraryPlan
from .polyfills import lazy_sources, line_base_for, runtime_bundle

T = TypeVar("T")

#: Native stack of a slot thread beyond the JS stack budget: QuickJS's own C
#: frames and the binding need room past the point where JS recursion stops.
_THREAD_STACK_HEADROOM = 8 * 1024 * 1024
_stack_size_lock = threading.Lock()


def _slot_executor(stack_bytes: int) -> concurrent.futures.ThreadPoolExecutor:
    """A one-thread executor whose thread has a stack of at least ``stack_bytes``."""
    size = max(16 * 1024 * 1024, stack_bytes + _THREAD_STACK_HEADROOM)
    size = (size + 0xFFFF) & ~0xFFFF
    with _stack_size_lock:  # threading.stack_size is process-wide: set, spawn, restore
        old = threading.stack_size()
        try:
            threading.stack_size(size)
            executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="jshost-slot")
            executor.submit(lambda: None).result()
        finally:
            threading.stack_size(old)
    return executor


@dataclass
class TurnState:
    """What a slot reports after a turn (the ``poll`` command)."""

    #: ``None`` while the invocation is unsettled; else ``{"ok": True, "value", "events", "objects"}``
    #: or ``{"ok": False, "error": {"name", "message", "type", "stack"}}``.
    done: dict[str, Any] | None
    #: Host ops queued by JS this turn: ``[{"id", "op", "args"}]`` (``op == "cancel"`` cancels ``id``).
    ops: list[dict[str, Any]] = field(default_factory=list)
    #: Console lines written this turn: ``[{"level", "message"}]``.
    logs: list[dict[str, str]] = field(default_factory=list)
    #: Milliseconds until the next timer is due, or ``None`` when there is none.
    timer: float | None = None

    @classmethod
    def from_json(cls, text: str) -> TurnState:
        data = json.loads(text)
        timer = data["timer"]
        return cls(done=data["done"], ops=data["ops"], logs=data["logs"], timer=None if timer < 0 else float(timer))


def _classify(exc: BaseException) -> EngineError | None:
    """The engine failure an exception from the binding stands for, if it is one."""
    if isinstance(exc, quickjs.StackOverflow):
        return StackExhausted("Maximum call stack size exceeded")
    if isinstance(exc, quickjs.JSException):
        text = str(exc)
        first = text.split("\n", 1)[0]
        if first.startswith("InternalError: interrupted"):
            return ExecutionInterrupted("JavaScript was interrupted at the time limit")
        if "out of memory" in first:
            return OutOfMemory("out of memory")
    if isinstance(exc, MemoryError):
        return OutOfMemory("out of memory")
    return None


class Slot:
    """One QuickJS context with the runtime loaded and the user's code evaluated.

    All methods whose names end in ``_sync`` must run on the slot's thread; the
    async methods hop there (or run inline when the slot is not threaded). A slot
    runs at most one invocation at a time.
    """

    def __init__(self, *, source: str, filename: str, limits: Limits,
                 line_base: int | None = None, threaded: bool = False,
                 libraries: LibraryPlan | None = None) -> None:
        self.source = source
        self.filename = filename
        self.limits = limits
        self.line_base = line_base if line_base is not None else line_base_for(source)
        #: Set once the context may be damaged (interrupted, out of memory): never reuse it.
        self.broken = False
        #: Entry points the user's code defines (after :meth:`start`).
        self.handlers: list[str] = []
        #: Console lines written by top-level code, handed to the first invocation.
        self.load_logs: list[dict[str, str]] = []
        self.invocations = 0
        self.threaded = threaded
        self.libraries = libraries
        self._executor = _slot_executor(limits.stack) if threaded else None
        #: The thread an inline slot belongs to (the one that started it).
        self.owner = threading.get_ident()
        self._ctx: Any = None
        self._host: Any = None

    # ------------------------------------------------------------------ thread side

    def _arm(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ExecutionInterrupted("the time limit passed")
        self._ctx.set_time_limit(remaining)

    def _call(self, command: str, text: str = "") -> str:
        try:
            result: str = self._host(command, text)
        except (quickjs.JSException, quickjs.StackOverflow, MemoryError) as exc:
            self.broken = True
            raise (_classify(exc) or EngineError(f"runtime command {command!r} failed: {exc}")) from None
        return result

    def _drain(self, deadline: float) -> None:
        ctx = self._ctx
        try:
            while ctx.execute_pending_job():
                if time.monotonic() > deadline:
                    raise ExecutionInterrupted("the time limit passed while promise jobs kept running")
        except (quickjs.JSException, quickjs.StackOverflow, MemoryError) as exc:
            self.broken = True
            raise (_classify(exc) or EngineError(f"a promise job failed: {exc}")) from None
        except ExecutionInterrupted:
            self.broken = True
            raise

    def start_sync(self) -> list[str]:
        """Create the context, load the runtime, run the user's code, find its handlers."""
        deadline = time.monotonic() + self.limits.timeout
        ctx = quickjs.Context()
        ctx.set_memory_limit(self.limits.memory)
        ctx.set_max_stack_size(self.limits.stack)
        self._ctx = ctx
        self._arm(deadline)
        try:
            self._host = ctx.eval(runtime_bundle(self.line_base))
        except (quickjs.JSException, quickjs.StackOverflow) as exc:
            self.broken = True
            raise EngineError(f"the jshost runtime failed to load: {exc}") from None
        for name, text in lazy_sources():
            self._call("source", f"{name}\n{text}")
        if self.libraries is not None and self.libraries.needed:  # library globals and files (jshost/libraries.py)
            self._call("libraries", self.libraries.payload)
        self._call("configure", json.dumps({"userFile": self.filename, "maxLogBytes": self.limits.max_log_bytes,
                                            "entropy": random_hex(32)}))
        self._arm(deadline)
        try:
            ctx.eval(self.source)
        except (quickjs.JSException, quickjs.StackOverflow, MemoryError) as exc:
            self.broken = True
            raise self._load_error(exc) from None
        self._drain(deadline)
        self.handlers = json.loads(self._call("discover"))["handlers"]
        self.load_logs = TurnState.from_json(self._call("poll")).logs
        return self.handlers

    def _load_error(self, exc: BaseException) -> FunctionLoadError:
        engine = _classify(exc)
        if isinstance(engine, ExecutionInterrupted):
            return TopLevelError(f"{self.filename}: top-level code ran past the {self.limits.timeout:g} s time limit",
                                 name="TimeoutError", js_message="top-level code timed out")
        if isinstance(engine, OutOfMemory):
            return TopLevelError(f"{self.filename}: top-level code ran out of memory", name="InternalError",
                                 js_message="out of memory")
        if isinstance(engine, StackExhausted):
            return TopLevelError(f"{self.filename}: top-level code exhausted the stack", name="RangeError",
                                 js_message="Maximum call stack size exceeded")
        try:
            self._ctx.set_time_limit(1.0)
            desc = json.loads(self._host("loadError", str(exc)))
        except Exception:  # noqa: BLE001 - the context is being thrown away anyway
            desc = {"name": "Error", "message": str(exc).split("\n", 1)[0], "stack": ""}
        name, message, stack = desc["name"], desc["message"], desc.get("stack", "")
        if name == "SyntaxError":
            where = _first_location(stack) or self.filename
            return FunctionSyntaxError(f"{where}: SyntaxError: {message}", name=name, js_message=message,
                                       stack=stack)
        where = _first_location(stack)
        prefix = f"{where}: " if where else f"{self.filename}: "
        return TopLevelError(f"{prefix}top-level code threw {name}: {message}", name=name, js_message=message,
                             stack=stack)

    def turn_sync(self, command: str, text: str, deadline: float) -> TurnState:
        """Send one command, run every job and due timer it leads to, report the state."""
        try:
            self._arm(deadline)
        except ExecutionInterrupted:
            self.broken = True
            raise
        # The command answers "t" when a timer exists; a timer created while the jobs
        # drain is seen by poll and fired on the next turn.
        timers = self._call(command, text) == "t"
        self._drain(deadline)
        while timers and self._call("timer") == "1":
            self._drain(deadline)
            if time.monotonic() > deadline:
                self.broken = True
                raise ExecutionInterrupted("the time limit passed while timers kept firing")
        return TurnState.from_json(self._call("poll"))

    def salvage_sync(self) -> TurnState | None:
        """After a failed turn, what the context can still report (console lines so far)."""
        if self._ctx is None or self._host is None:
            return None
        try:
            self._ctx.set_time_limit(0.25)
            return TurnState.from_json(self._host("poll", ""))
        except Exception:  # noqa: BLE001 - best effort on a context that already failed
            return None

    def _dispose_sync(self) -> None:
        self._host = None
        self._ctx = None

    # ------------------------------------------------------------------ async side

    def usable_here(self) -> bool:
        """Whether the calling thread may use this slot."""
        return self.threaded or threading.get_ident() == self.owner

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._executor is None:
            if threading.get_ident() != self.owner:
                raise EngineError("an inline slot was used from a thread other than the one that created it")
            return fn(*args)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, *args)

    async def start(self) -> list[str]:
        return await self._run(self.start_sync)

    def start_blocking(self) -> list[str]:
        """:meth:`start` for synchronous callers (blocks until the slot is ready)."""
        if self._executor is None:
            return self.start_sync()
        return self._executor.submit(self.start_sync).result()

    async def turn(self, command: str, text: str, deadline: float) -> TurnState:
        return await self._run(self.turn_sync, command, text, deadline)

    async def salvage(self) -> TurnState | None:
        return await self._run(self.salvage_sync)

    def close(self) -> None:
        """Free the context on its own thread (and stop that thread if it is the slot's own)."""
        if self._executor is None:
            self._dispose_sync()
            return
        try:
            self._executor.submit(self._dispose_sync)
        except RuntimeError:  # already shut down
            return
        self._executor.shutdown(wait=False)


def _first_location(stack: str) -> str | None:
    """``file:line:col`` of the first frame of a Node-style stack, if any."""
    for line in stack.split("\n")[1:]:
        line = line.strip()
        if not line.startswith("at "):
            continue
        loc = line[3:]
        if loc.endswith(")") and "(" in loc:
            loc = loc[loc.rindex("(") + 1:-1]
        return loc
    return None
