"""Invocation inputs: the source request, Segment events, settings, and the files they come in.

File formats are those of the ``jshost run`` contract (DESIGN.md): the
functions-library webhook-example format for ``--payload``, one Segment event,
``{"event": ..., "settings": ...}`` or an array (a batch) for ``--event``.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

_MISSING: Any = object()


@dataclass
class SourceRequest:
    """An incoming webhook request, as a source function sees it.

    ``body`` is the decoded JSON (any JSON value) or the raw text (``str``).
    ``text`` optionally carries the raw text alongside a decoded ``body`` (a form
    body: ``request.json()`` is the object, ``request.text()`` the raw text).
    ``url`` is the full request URL; without it Segment's own endpoint plus
    ``query`` is used (RUNTIME-FACTS "The source request").
    """

    body: Any = field(default_factory=dict)
    headers: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] | str | None = None
    url: str | None = None
    text: str | None = None
    has_body: bool = True

    def to_js(self) -> dict[str, Any]:
        """The request as the runtime's ``buildRequest`` takes it."""
        data: dict[str, Any] = {"headers": self.headers}
        if self.has_body:
            data["body"] = self.body
        if self.text is not None:
            data["text"] = self.text
        if self.url:
            data["url"] = self.url
        if self.query is not None:
            data["queryParameters"] = self.query
        return data

    def to_legacy(self) -> dict[str, Any]:
        """The ``event.payload`` a legacy ``exports.processEvents`` receives:
        body as received, headers and query parameters as plain objects."""
        query = self.query
        if isinstance(query, str):
            parsed = urllib.parse.parse_qs(query.lstrip("?"), keep_blank_values=True)
            query = {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}
        elif query is None and self.url:
            parsed = urllib.parse.parse_qs(urllib.parse.urlsplit(self.url).query, keep_blank_values=True)
            query = {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}
        payload: dict[str, Any] = {"headers": dict(self.headers), "queryParameters": query or {}}
        if self.has_body:
            payload = {"body": self.body, **payload}
        return payload


@dataclass
class PayloadFile:
    """A ``--payload`` file: the request and the settings that came with it."""

    request: SourceRequest
    settings: dict[str, Any] | None


@dataclass
class EventFile:
    """An ``--event`` file: one event, or a batch (a list), and optional settings."""

    event: Any
    settings: dict[str, Any] | None

    @property
    def is_batch(self) -> bool:
        return isinstance(self.event, list)


def read_json_file(path: str | Path, what: str) -> Any:
    """Parse a JSON file, failing with one line that names the file and the problem."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{what} file {p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{what} file {p}: is a directory") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{what} file {p}: cannot be read ({exc})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{what} file {p}: invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


def _settings(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(f"{where}: settings must be a JSON object, got {type(value).__name__}")
    return value


def parse_payload(data: Any, where: str = "payload") -> PayloadFile:
    """``{"payload": {"body", "headers", "queryParameters", "url"}, "settings": {...}}``."""
    if not isinstance(data, dict) or "payload" not in data:
        raise InputError(f'{where}: expected an object with a "payload" key '
                         '({"payload": {"body": ..., "headers": {...}}, "settings": {...}})')
    payload = data["payload"]
    if not isinstance(payload, dict):
        raise InputError(f'{where}: "payload" must be an object')
    headers = payload.get("headers")
    headers = {} if headers is None else headers
    if not isinstance(headers, dict):
        raise InputError(f'{where}: "payload.headers" must be an object of header names to values')
    query = payload.get("queryParameters")
    if query is not None and not isinstance(query, (dict, str)):
        raise InputError(f'{where}: "payload.queryParameters" must be an object or a string')
    url = payload.get("url")
    if url is not None and not isinstance(url, str):
        raise InputError(f'{where}: "payload.url" must be a string')
    body = payload.get("body", _MISSING)
    # Header values go to the runtime as given: Headers converts them as Node's does.
    request = SourceRequest(body=None if body is _MISSING else body, headers=dict(headers), query=query,
                            url=url or None, has_body=body is not _MISSING)
    return PayloadFile(request=request, settings=_settings(data.get("settings"), where))


def parse_event(data: Any, where: str = "event") -> EventFile:
    """One Segment event, ``{"event": ..., "settings": ...}``, or an array of events (a batch).

    The wrapper form is told from an event by its ``event`` key holding an object
    or array and the absence of ``type`` (a track event's ``event`` is a string).
    """
    if isinstance(data, list):
        return EventFile(event=data, settings=None)
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a Segment event object, an array of events, "
                         'or {"event": ..., "settings": ...}')
    if "type" not in data and isinstance(data.get("event"), (dict, list)):
        return EventFile(event=data["event"], settings=_settings(data.get("settings"), where))
    return EventFile(event=data, settings=None)


def load_payload_file(path: str | Path) -> PayloadFile:
    return parse_payload(read_json_file(path, "payload"), f"payload file {path}")


def load_event_file(path: str | Path) -> EventFile:
    return parse_event(read_json_file(path, "event"), f"event file {path}")


def load_settings_file(path: str | Path) -> dict[str, Any]:
    data = read_json_file(path, "settings")
    if not isinstance(data, dict):
        raise InputError(f"settings file {path}: expected a JSON object of setting names to values")
    return data


def read_body_file(path: str | Path) -> str:
    """A raw request body (``--body``): the text exactly as the webhook would send it."""
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"body file {p}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"body file {p}: cannot be read ({exc})") from None


def parse_header(text: str) -> tuple[str, str]:
    """``'Name: value'`` (``--header``)."""
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise InputError(f"--header {text!r}: expected 'Name: value'")
    return name.strip(), value.strip()
