"""Functions, their instances, and the pool of slots each instance runs on.

Segment's words (docs: "class and instances"): a *function* is a code file; an
*instance* is that code deployed with its own settings. Instances of one function
are fully isolated: each has its own slots (QuickJS contexts) and its own cache,
so settings and globals never leak between them. Within an instance, globals
persist across the invocations a slot runs, as in Segment, with no promise of
longevity: a slot is thrown away after a failure that may have damaged it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .config import EgressPolicy, Limits
from .engine import Slot
from .errors import ErrorType, FunctionLoadError, InputError, NoHandlerError
from .inputs import SourceRequest
from .invocation import Mode, Outcome, run_invocation
from .libraries import LibraryPlan, plan_for
from .ops import OpContext
from .polyfills import line_base_for
from .result import ErrorInfo, Kind, Result

#: Destination handlers by the Segment event type each serves (RUNTIME-FACTS).
DESTINATION_HANDLERS = ("onIdentify", "onTrack", "onPage", "onScreen", "onGroup", "onAlias", "onDelete", "onBatch")
SOURCE_HANDLER = "onRequest"
LEGACY_HANDLER = "processEvents"


def detect_kind(handlers: list[str]) -> Kind | None:
    """``source`` (onRequest), ``legacy`` (exports.processEvents), ``destination`` (on<Event>)."""
    if SOURCE_HANDLER in handlers:
        return "source"
    if LEGACY_HANDLER in handlers:
        return "legacy"
    if any(name in handlers for name in DESTINATION_HANDLERS):
        return "destination"
    return None


class Function:
    """A function's code, loaded and checked: it parses, its top-level code runs,
    and it defines at least one entry point.

    Loading evaluates the code once in a fresh slot (the *probe*), which the first
    instance with the same limits then reuses, so checking costs nothing extra.
    """

    def __init__(self, source: str, filename: str = "handler.js", *, limits: Limits | None = None,
                 libraries: Mapping[str, str] | None = None) -> None:
        if source.startswith("\ufeff"):  # a byte order mark is not code (Segment strips it too)
            source = source[1:]
        self.source = source
        self.filename = filename
        self.limits = limits or Limits()
        self.line_base = line_base_for(source)
        #: The npm libraries the code names (``_``, ``moment``, ...) and their files (jshost.libraries).
        self.libraries: LibraryPlan = plan_for(source, libraries)
        probe = Slot(source=source, filename=filename, limits=self.limits, line_base=self.line_base,
                     libraries=self.libraries)
        try:
            handlers = probe.start_blocking()
        except BaseException:
            probe.close()
            raise
        kind = detect_kind(handlers)
        if kind is None:
            probe.close()
            raise NoHandlerError(
                f"{filename}: no handler found. Looked for onRequest (source function), "
                f"{', '.join(DESTINATION_HANDLERS)} (destination function) and exports.processEvents "
                "(legacy source function)", name="EventNotSupported",
                js_message="no handler found: define onRequest, an on<Event> handler, or exports.processEvents")
        #: Entry points the code defines, e.g. ``["onTrack", "onIdentify"]``.
        self.handlers: list[str] = handlers
        #: What the code is: ``source``, ``destination`` or ``legacy``.
        self.kind: Kind = kind
        self._probe: Slot | None = probe

    @classmethod
    def load(cls, path: str | Path, *, limits: Limits | None = None,
             libraries: Mapping[str, str] | None = None) -> Function:
        """Load a function file. Raises :class:`~jshost.errors.InputError` when it cannot be read
        and :class:`~jshost.errors.FunctionLoadError` when the code does not load."""
        p = Path(path)
        try:
            source = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"function file {p}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"function file {p}: cannot be read ({exc})") from None
        return cls(source, str(path), limits=limits, libraries=libraries)

    def take_probe(self, limits: Limits, threaded: bool) -> Slot | None:
        """Hand the loading slot to an instance that can use it: same limits, same thread."""
        probe, self._probe = self._probe, None
        if probe is not None and probe.limits == limits and not threaded and probe.usable_here():
            return probe
        if probe is not None:
            probe.close()
        return None

    def instance(self, settings: dict[str, Any] | None = None, *, limits: Limits | None = None,
                 egress: EgressPolicy | None = None, name: str | None = None,
                 threaded: bool = False) -> FunctionInstance:
        """A deployment of this function with its own settings, slots and cache.

        ``threaded`` runs each slot on a thread of its own (see :class:`jshost.engine.Slot`)."""
        return FunctionInstance(self, settings, limits=limits or self.limits, egress=egress, name=name,
                                threaded=threaded)

    def close(self) -> None:
        if self._probe is not None:
            self._probe.close()
            self._probe = None


class SlotPool:
    """Up to ``limits.pool_size`` slots of one instance, created on demand."""

    def __init__(self, function: Function, limits: Limits, *, threaded: bool = False) -> None:
        self._function = function
        self._limits = limits
        self._threaded = threaded
        self._idle: list[Slot] = []
        self._capacity = asyncio.Semaphore(limits.pool_size)
        probe = function.take_probe(limits, threaded)
        if probe is not None:
            self._idle.append(probe)

    @property
    def idle(self) -> int:
        return len(self._idle)

    async def acquire(self) -> Slot:
        await self._capacity.acquire()
        while self._idle:
            slot = self._idle.pop()
            if slot.usable_here():
                return slot
            slot.close()
        fn = self._function
        slot = Slot(source=fn.source, filename=fn.filename, limits=self._limits, line_base=fn.line_base,
                    threaded=self._threaded, libraries=fn.libraries)
        try:
            await slot.start()
        except BaseException:
            slot.close()
            self._capacity.release()
            raise
        return slot

    def release(self, slot: Slot) -> None:
        if slot.broken:
            slot.close()  # may be damaged: the next invocation gets a fresh slot
        else:
            self._idle.append(slot)
        self._capacity.release()

    def close(self) -> None:
        for slot in self._idle:
            slot.close()
        self._idle.clear()


class FunctionInstance:
    """A function with its settings: invoke it as a source, a destination or a legacy source."""

    def __init__(self, function: Function, settings: dict[str, Any] | None = None, *,
                 limits: Limits | None = None, egress: EgressPolicy | None = None,
                 name: str | None = None, threaded: bool = False) -> None:
        self.function = function
        self.settings: dict[str, Any] = dict(settings or {})
        self.limits = limits or function.limits
        self.egress = egress or EgressPolicy()
        self.name = name or Path(function.filename).stem
        #: Per-instance services of host ops (fetch client, cache), keyed by area.
        self.services: dict[str, Any] = {}
        self._pool = SlotPool(function, self.limits, threaded=threaded)

    async def invoke_source(self, request: SourceRequest | None = None, *,
                            settings: dict[str, Any] | None = None) -> Result:
        """Run ``onRequest(request, settings)``, or ``exports.processEvents`` for legacy code."""
        request = request if request is not None else SourceRequest()
        if SOURCE_HANDLER not in self.function.handlers and LEGACY_HANDLER in self.function.handlers:
            return await self._invoke("legacy", "legacy", request.to_legacy(), settings)
        return await self._invoke("source", "source", request.to_js(), settings)

    async def invoke_event(self, event: Any, *, settings: dict[str, Any] | None = None) -> Result:
        """Run the destination handler for ``event.type`` (``onTrack`` for a track event, ...)."""
        return await self._invoke("destination", "destination", event, settings)

    async def invoke_batch(self, events: list[Any], *, settings: dict[str, Any] | None = None) -> Result:
        """Run ``onBatch(events, settings)``."""
        return await self._invoke("destination", "batch", list(events), settings)

    async def evaluate(self, code: str) -> Result:
        """Evaluate a script in a slot's global scope and await its value (``result.return_value``).

        For tests and tooling; the script sees the same runtime as the function."""
        return await self._invoke("destination", "eval", code, None)

    def op_context(self) -> OpContext:
        return OpContext(limits=self.limits, egress=self.egress, services=self.services)

    async def _invoke(self, kind: Kind, mode: Mode, payload: Any, settings: dict[str, Any] | None) -> Result:
        try:
            slot = await self._pool.acquire()
        except FunctionLoadError as exc:
            return Result(ok=False, kind=kind, error=ErrorInfo(name=exc.name, message=str(exc),
                                                                type=load_error_type(exc), stack=exc.stack))
        try:
            outcome = await run_invocation(slot, mode, payload, self.settings if settings is None else settings,
                                           limits=self.limits, ops=self.op_context())
        finally:
            self._pool.release(slot)
        return _result(kind, mode, outcome)

    async def aclose(self) -> None:
        self._pool.close()

    async def __aenter__(self) -> FunctionInstance:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def load_error_type(exc: FunctionLoadError) -> ErrorType:
    """Segment's category for a function that does not load."""
    if isinstance(exc, NoHandlerError):
        return ErrorType.UNSUPPORTED_EVENT_TYPE
    if exc.name == "TimeoutError":
        return ErrorType.TIMEOUT
    return ErrorType.BAD_REQUEST


def _result(kind: Kind, mode: Mode, outcome: Outcome) -> Result:
    ok = outcome.ok
    return Result(
        ok=ok, kind=kind,
        events=outcome.events if ok else [], objects=outcome.objects if ok else [],
        return_value=outcome.value if ok and kind == "destination" else None,
        error=outcome.error, logs=outcome.logs, requests=outcome.requests, duration_ms=outcome.duration_ms,
    )
