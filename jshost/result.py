"""The outcome of one invocation and its JSON form (the ``jshost run --json`` contract).

DESIGN.md "The `jshost run` contract"::

    {"ok": bool, "kind": "source"|"destination"|"legacy", "events": [...],
     "objects": [...], "return": any, "error": null | {"name", "message", "type", "stack"},
     "logs": [{"level", "message"}], "requests": [{"method", "url", "headers", "body", "status"}],
     "duration_ms": number}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import ErrorType

Kind = Literal["source", "destination", "legacy"]


@dataclass(frozen=True)
class ErrorInfo:
    """An error as Segment reports it: the JS error's name and message, its category, a stack."""

    name: str
    message: str
    type: ErrorType
    stack: str = ""

    @property
    def retryable(self) -> bool:
        return self.type.retryable

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "message": self.message, "type": self.type.value, "stack": self.stack}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ErrorInfo:
        return cls(name=str(data.get("name", "Error")), message=str(data.get("message", "")),
                   type=ErrorType(data.get("type", ErrorType.BAD_REQUEST.value)), stack=str(data.get("stack", "")))


@dataclass(frozen=True)
class LogLine:
    """One console line: ``level`` is the console method (log, info, warn, error, debug, trace)."""

    level: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"level": self.level, "message": self.message}


@dataclass
class Result:
    """What one invocation did. Messages are present only when the function succeeded."""

    ok: bool
    kind: Kind
    events: list[dict[str, Any]] = field(default_factory=list)
    objects: list[dict[str, Any]] = field(default_factory=list)
    #: A destination's resolved value (``None`` for sources and legacy functions).
    return_value: Any = None
    error: ErrorInfo | None = None
    logs: list[LogLine] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    duration_ms: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The contract's object, keys in the contract's order."""
        return {
            "ok": self.ok,
            "kind": self.kind,
            "events": self.events,
            "objects": self.objects,
            "return": self.return_value,
            "error": None if self.error is None else self.error.to_json(),
            "logs": [line.to_json() for line in self.logs],
            "requests": self.requests,
            "duration_ms": round(self.duration_ms, 3),
        }

    def dumps(self, **kwargs: Any) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        error = data.get("error")
        return cls(
            ok=bool(data["ok"]), kind=data["kind"], events=list(data.get("events") or []),
            objects=list(data.get("objects") or []), return_value=data.get("return"),
            error=None if error is None else ErrorInfo.from_json(error),
            logs=[LogLine(str(x["level"]), str(x["message"])) for x in data.get("logs") or []],
            requests=list(data.get("requests") or []), duration_ms=float(data.get("duration_ms", 0.0)),
        )


def format_text(result: Result, name: str = "function") -> str:
    """A readable report of a result: outcome, messages, return value, logs, requests, error."""
    out: list[str] = []
    status = "ok" if result.ok else "FAILED"
    out.append(f"{status}: {result.kind} function {name} ({result.duration_ms:.1f} ms)")

    def block(title: str, items: list[Any]) -> None:
        if not items:
            return
        out.append(f"{title} ({len(items)}):")
        for item in items:
            out.append("  " + json.dumps(item, ensure_ascii=False))

    block("events", result.events)
    block("objects", result.objects)
    if result.kind == "destination" and result.ok:
        out.append("return: " + json.dumps(result.return_value, ensure_ascii=False))
    if result.logs:
        out.append(f"logs ({len(result.logs)}):")
        for line in result.logs:
            for i, text in enumerate(line.message.split("\n")):
                out.append(f"  [{line.level}] {text}" if i == 0 else f"  {' ' * (len(line.level) + 2)} {text}")
    if result.requests:
        out.append(f"requests ({len(result.requests)}):")
        for req in result.requests:
            out.append(f"  {req.get('method')} {req.get('url')} -> {req.get('status')}")
    if result.error is not None:
        err = result.error
        out.append(f"error [{err.type.value}]: {err.name}: {err.message}")
        frames = [ln for ln in err.stack.split("\n")[1:] if ln.strip()]
        out.extend("  " + ln.strip() for ln in frames)
    return "\n".join(out)
