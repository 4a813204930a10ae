"""Host side of the message-passing ops JS queues (DESIGN.md "Host ops").

JS queues ``{id, op, args}``; the invocation loop looks the op up here, runs it as an
asyncio task and settles the JS promise with its result. Ops are named by area and
verb (``fetch.start``, ``cache.load``); each area is one module of this package
that registers its handlers with :func:`op`.

A handler is ``async def handler(args, ctx) -> JSON value``. It fails an op by
raising :class:`OpError`, whose ``name``, ``message`` and extra fields become the
properties of the Error the JS promise rejects with.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from ..config import EgressPolicy, Limits


class OpError(Exception):
    """A host op failed; the JS caller sees an Error with these properties."""

    def __init__(self, message: str, *, name: str = "Error", **fields: Any) -> None:
        super().__init__(message)
        self.name = name
        self.fields = fields

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "message": str(self), **self.fields}


@dataclass
class OpContext:
    """What host ops of one invocation share: the instance's services and its limits."""

    limits: Limits = field(default_factory=Limits)
    egress: EgressPolicy = field(default_factory=EgressPolicy)
    #: Services of the instance keyed by area (``"fetch"``, ``"cache"``), set by their modules.
    services: dict[str, Any] = field(default_factory=dict)
    #: Per-invocation counters (for example requests made so far).
    counters: dict[str, int] = field(default_factory=dict)
    #: Outgoing request records of this invocation, in the order requests started:
    #: ``{"method", "url", "headers", "body", "status"}`` (status ``None`` until answered).
    records: list[dict[str, Any]] = field(default_factory=list)
    #: Run when the invocation ends, however it ends (releases what ops still hold).
    cleanups: list[Callable[[], None]] = field(default_factory=list)


OpHandler = Callable[[Any, OpContext], Awaitable[Any]]

_REGISTRY: dict[str, OpHandler] = {}


def op(name: str) -> Callable[[OpHandler], OpHandler]:
    """Register the handler of host op ``name`` (``area.verb``)."""

    def register(handler: OpHandler) -> OpHandler:
        if name in _REGISTRY:
            raise ValueError(f"host op {name!r} is registered twice")
        _REGISTRY[name] = handler
        return handler

    return register


def lookup(name: str) -> OpHandler | None:
    """The handler of ``name``; an area's module is imported on first use (``fetch.*`` -> ops/fetch.py),
    so a function that never fetches never imports the HTTP client."""
    handler = _REGISTRY.get(name)
    if handler is None and "." in name:
        area = name.split(".", 1)[0]
        if area.isidentifier():
            module = f"{__name__}.{area}"
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise  # the area exists but something it needs is missing
                return None
            handler = _REGISTRY.get(name)
    return handler


async def run_op(name: str, args: Any, ctx: OpContext) -> dict[str, Any]:
    """Run one op and describe its outcome as a ``settle`` item (without the id)."""
    handler = lookup(name)
    if handler is None:
        return {"ok": False, "error": {"name": "Error", "message": f"jshost: unknown host op {name!r}"}}
    try:
        value = await handler(args, ctx)
    except OpError as exc:
        return {"ok": False, "error": exc.to_json()}
    return {"ok": True, "value": value}
