"""Run a function once on inputs from files: the library behind ``jshost run``.

::

    from jshost.run import RunConfig, run_once
    result = run_once(RunConfig(handler="handler.js", payload="payload.json"))
    print(result.dumps())
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Limits
from .errors import FunctionLoadError, InputError, NoHandlerError
from .function import Function, load_error_type
from .inputs import (
    SourceRequest,
    load_event_file,
    load_payload_file,
    load_settings_file,
    parse_header,
    read_body_file,
)
from .mockfetch import MockRule, load_rules
from .result import ErrorInfo, Result


@dataclass
class RunConfig:
    """What ``jshost run`` was asked to do (see docs/cli.md)."""

    handler: str | Path
    #: A functions-library webhook example: ``{"payload": {...}, "settings": {...}}``.
    payload: str | Path | None = None
    #: A raw request body file, with ``headers`` and ``query``.
    body: str | Path | None = None
    headers: list[str] = field(default_factory=list)
    query: str | None = None
    #: One Segment event, ``{"event", "settings"}``, or an array of events (a batch).
    event: str | Path | None = None
    settings: str | Path | None = None
    mock_fetch: str | Path | None = None
    limits: Limits = field(default_factory=Limits)

    def validate(self) -> None:
        """Reject contradictory inputs (the CLI maps this to exit status 2)."""
        if self.payload is not None and (self.body is not None or self.headers or self.query is not None):
            raise InputError("--payload cannot be combined with --body, --header or --query")
        if self.event is not None and (self.payload is not None or self.body is not None or self.headers
                                       or self.query is not None):
            raise InputError("--event cannot be combined with --payload, --body, --header or --query")


@dataclass
class PreparedRun:
    """Inputs read and checked, ready to invoke."""

    function: Function
    mode: str  # "source" | "event" | "batch"
    request: SourceRequest | None
    event: Any
    settings: dict[str, Any]
    mock_rules: list[MockRule] | None


def prepare(config: RunConfig) -> PreparedRun:
    """Read every input file and load the function.

    Raises :class:`InputError` for unusable inputs and :class:`FunctionLoadError`
    when the code does not load."""
    config.validate()
    settings: dict[str, Any] | None = None
    request: SourceRequest | None = None
    event: Any = None
    mode = "source"
    if config.payload is not None:
        loaded = load_payload_file(config.payload)
        request, settings = loaded.request, loaded.settings
    elif config.event is not None:
        ev = load_event_file(config.event)
        event, settings = ev.event, ev.settings
        mode = "batch" if ev.is_batch else "event"
    else:
        headers = dict(parse_header(h) for h in config.headers)
        body: Any = read_body_file(config.body) if config.body is not None else {}
        request = SourceRequest(body=body, headers=headers, query=config.query)
    if config.settings is not None:
        settings = load_settings_file(config.settings)
    rules = load_rules(config.mock_fetch) if config.mock_fetch is not None else None
    function = Function.load(config.handler, limits=config.limits)
    if mode == "source" and config.payload is None and config.body is None and function.kind == "destination":
        function.close()
        raise InputError(f"{config.handler} is a destination function: give it an event with --event FILE")
    return PreparedRun(function=function, mode=mode, request=request, event=event,
                       settings=settings or {}, mock_rules=rules)


async def invoke_prepared(prepared: PreparedRun, limits: Limits | None = None) -> Result:
    """Invoke a prepared run once and release its resources."""
    fn = prepared.function
    instance = fn.instance(prepared.settings, limits=limits or fn.limits)
    if prepared.mock_rules is not None:
        instance.services["fetch.mock"] = prepared.mock_rules
    try:
        async with instance:
            if prepared.mode == "event":
                return await instance.invoke_event(prepared.event)
            if prepared.mode == "batch":
                return await instance.invoke_batch(prepared.event)
            return await instance.invoke_source(prepared.request)
    finally:
        fetch_ops = sys.modules.get("jshost.ops.fetch")  # imported only if the function fetched
        if fetch_ops is not None:
            await fetch_ops.aclose_clients()


def load_error_result(exc: FunctionLoadError, config: RunConfig) -> Result:
    """A function that does not load, reported in the contract's shape."""
    kind: Any = "destination" if config.event is not None else "source"
    return Result(ok=False, kind=kind, error=ErrorInfo(name=exc.name, message=str(exc), type=load_error_type(exc),
                                                       stack=exc.stack))


def run_once(config: RunConfig) -> Result:
    """Run the function once as ``jshost run`` does; a function that fails to load is a failed Result.

    Raises :class:`InputError` for unusable inputs."""
    try:
        prepared = prepare(config)
    except (NoHandlerError, FunctionLoadError) as exc:
        return load_error_result(exc, config)
    return asyncio.run(invoke_prepared(prepared, config.limits))
