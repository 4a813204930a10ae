"""Canned fetch responses (``jshost run --mock-fetch FILE``), so functions run offline.

The file is a JSON list of rules (DESIGN.md "The `jshost run` contract")::

    [{"method": "POST", "url": "^https://api\\.example\\.com/", "status": 200,
      "headers": {"content-type": "application/json"}, "body": {"ok": true}}]

``method`` (case-insensitive) and ``url`` (a regular expression searched in the full
URL) are optional filters; the first rule that matches answers. ``status`` defaults
to 200; a ``body`` that is not a string is sent as JSON (with a JSON content type
unless ``headers`` name one). A request no rule matches fails like a network error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .inputs import read_json_file

_KNOWN_KEYS = {"method", "url", "status", "headers", "body"}


@dataclass(frozen=True)
class MockRule:
    """One canned response and the requests it answers."""

    method: str | None = None
    url: re.Pattern[str] | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""

    def matches(self, method: str, url: str) -> bool:
        if self.method is not None and self.method != method.upper():
            return False
        return self.url is None or self.url.search(url) is not None


def parse_rules(data: Any, where: str = "mock-fetch") -> list[MockRule]:
    """Validate a parsed rules list; every problem names the rule and the field."""
    if not isinstance(data, list):
        raise InputError(f"{where}: expected a JSON list of rules, got {type(data).__name__}")
    rules = []
    for index, raw in enumerate(data):
        at = f"{where}: rule {index}"
        if not isinstance(raw, dict):
            raise InputError(f"{at}: expected an object, got {type(raw).__name__}")
        unknown = sorted(set(raw) - _KNOWN_KEYS)
        if unknown:
            raise InputError(f"{at}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(_KNOWN_KEYS))})")
        method = raw.get("method")
        if method is not None and (not isinstance(method, str) or not method.strip()):
            raise InputError(f'{at}: "method" must be a non-empty string')
        pattern = raw.get("url")
        compiled = None
        if pattern is not None:
            if not isinstance(pattern, str):
                raise InputError(f'{at}: "url" must be a regular expression string')
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                raise InputError(f'{at}: "url" is not a valid regular expression: {exc}') from None
        status = raw.get("status", 200)
        if isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599:
            raise InputError(f'{at}: "status" must be an integer HTTP status from 200 to 599')
        headers = raw.get("headers", {})
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            raise InputError(f'{at}: "headers" must be an object of header names to string values')
        body = raw.get("body", "")
        if not isinstance(body, str):
            body = json.dumps(body, ensure_ascii=False)
            if not any(k.lower() == "content-type" for k in headers):
                headers = {**headers, "content-type": "application/json"}
        rules.append(MockRule(method=method.strip().upper() if method else None, url=compiled, status=status,
                              headers=dict(headers), body=body))
    return rules


def load_rules(path: str | Path) -> list[MockRule]:
    return parse_rules(read_json_file(path, "mock-fetch"), f"mock-fetch file {path}")


def find_rule(rules: list[MockRule], method: str, url: str) -> MockRule | None:
    for rule in rules:
        if rule.matches(method, url):
            return rule
    return None
