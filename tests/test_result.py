"""The result contract (jshost.result) and Segment's error categories (jshost.errors)."""

from __future__ import annotations

from jshost.errors import ErrorType
from jshost.result import ErrorInfo, LogLine, Result, format_text

CONTRACT_KEYS = ["ok", "kind", "events", "objects", "return", "error", "logs", "requests", "duration_ms"]


def test_contract_keys_and_round_trip() -> None:
    result = Result(ok=False, kind="destination", error=ErrorInfo("RetryError", "later", ErrorType.RETRY, "RetryError: later"),
                    logs=[LogLine("warn", "careful")], duration_ms=1.23456)
    data = result.to_json()
    assert list(data) == CONTRACT_KEYS
    assert data["error"] == {"name": "RetryError", "message": "later", "type": "Retry", "stack": "RetryError: later"}
    assert data["duration_ms"] == 1.235
    assert Result.from_json(data).to_json() == data


def test_only_retry_and_timeout_are_retryable() -> None:
    assert {t for t in ErrorType if t.retryable} == {ErrorType.RETRY, ErrorType.TIMEOUT}


def test_readable_report() -> None:
    result = Result(ok=True, kind="destination", return_value={"id": 1}, logs=[LogLine("log", "a\nb")],
                    requests=[{"method": "POST", "url": "https://x/y", "status": 201}])
    text = format_text(result, "h.js")
    assert text.splitlines()[0].startswith("ok: destination function h.js")
    assert 'return: {"id": 1}' in text and "[log] a" in text and "POST https://x/y -> 201" in text
