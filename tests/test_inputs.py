"""Input files: payloads, events, settings (jshost.inputs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jshost.errors import InputError
from jshost.inputs import SourceRequest, load_payload_file, parse_event, parse_header, parse_payload


def test_every_shared_webhook_example_parses(shared: Path) -> None:
    files = sorted((shared / "webhook-examples").glob("*/*.json"))
    assert len(files) >= 60
    for path in files:
        loaded = load_payload_file(path)
        assert isinstance(loaded.request, SourceRequest)


def test_payload_fields() -> None:
    loaded = parse_payload({"payload": {"body": "raw", "headers": {"A": "1"}, "queryParameters": "x=1",
                                        "url": "https://h/"}, "settings": {"k": 1}})
    assert loaded.request.body == "raw" and loaded.request.query == "x=1" and loaded.request.url == "https://h/"
    assert loaded.settings == {"k": 1}
    assert loaded.request.to_js()["url"] == "https://h/"


def test_missing_body_is_passed_as_absent() -> None:
    req = parse_payload({"payload": {"headers": {}}}).request
    assert "body" not in req.to_js()


@pytest.mark.parametrize("data, fragment", [
    ([], '"payload" key'),
    ({"payload": []}, '"payload" must be an object'),
    ({"payload": {"headers": []}}, "payload.headers"),
    ({"payload": {"queryParameters": 5}}, "queryParameters"),
    ({"payload": {}, "settings": []}, "settings must be a JSON object"),
])
def test_bad_payloads(data, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parse_payload(data)
    assert fragment in str(info.value)


def test_event_forms() -> None:
    assert parse_event({"type": "track", "event": "Bought"}).event["event"] == "Bought"
    wrapped = parse_event({"event": {"type": "identify"}, "settings": {"k": 2}})
    assert wrapped.event == {"type": "identify"} and wrapped.settings == {"k": 2}
    assert parse_event([{"type": "track"}]).is_batch
    with pytest.raises(InputError):
        parse_event("text")


def test_legacy_payload_has_plain_objects() -> None:
    req = SourceRequest(body={"a": 1}, headers={"H": "v"}, query="x=1&y=2&y=3")
    assert req.to_legacy() == {"body": {"a": 1}, "headers": {"H": "v"}, "queryParameters": {"x": "1", "y": ["2", "3"]}}


def test_header_parsing() -> None:
    assert parse_header("Content-Type: application/json") == ("Content-Type", "application/json")
    assert parse_header("X:  spaced ") == ("X", "spaced")
    with pytest.raises(InputError):
        parse_header(": v")


def test_invalid_json_names_file_and_position(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": }')
    with pytest.raises(InputError) as info:
        load_payload_file(bad)
    assert str(bad) in str(info.value) and "line 1" in str(info.value)
    assert "\n" not in str(info.value)
