"""The webhook server in-process (starlette TestClient): statuses, bodies, the store, admin, metrics."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from jshost.asgi import create_app, form_to_object
from jshost.serverconfig import load_config

SOURCE = """
async function onRequest(request, settings) {
  const body = request.json();
  console.log('got', request.headers.get('x-kind'), settings.secret);
  switch (body.do) {
    case 'reject': throw new ValidationError('bad payload');
    case 'unsupported': throw new EventNotSupported('nope');
    case 'crash': null.x; break;
    case 'retry': throw new RetryError('later');
    case 'form': Segment.track({event: 'form', userId: body.user, properties: {raw: request.text()}}); return;
  }
  Segment.identify({userId: body.user, traits: {plan: 'pro'}});
  Segment.set({collection: 'c', id: body.user});
}
"""
DEST = """
async function onTrack(event, settings) { if (event.event === 'fail') throw new RetryError('down'); return {seen: event.event} }
async function onIdentify(event) { throw new ValidationError('no identify') }
"""
BATCH = """
var calls = [];
async function onBatch(events, settings) { calls.push(events.length);
  return events.map(e => e.properties && e.properties.bad ? {status: 400, errormessage: 'bad event'} : {status: 200}) }
async function onTrack() {}
"""


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    (tmp_path / "source.js").write_text(SOURCE)
    (tmp_path / "dest.js").write_text(DEST)
    (tmp_path / "batch.js").write_text(BATCH)
    (tmp_path / "broken.js").write_text("async function onRequest( {")
    (tmp_path / "jshost.toml").write_text(f"""
[server]
store = "store.sqlite3"
admin_token = "adm"
max_body_bytes = 2048

[instances.src]
code = "source.js"
settings = {{ secret = "s3cret-value" }}
schema = {{ secret = {{ type = "string", required = true, sensitive = true }} }}
retry = {{ attempts = 3, first_wait = [30, 30], factor = 1, max_wait = 30 }}

[instances.guarded]
code = "source.js"
token = "hook-token"

[instances.dest]
code = "dest.js"

[instances.batchy]
code = "batch.js"
batch = {{ size = 3, wait = 0.2 }}

[instances.nosettings]
code = "source.js"
schema = {{ secret = {{ type = "string", required = true }} }}

[instances.broken]
code = "broken.js"
""")
    return tmp_path / "jshost.toml"


@pytest.fixture
def client(config_file: Path) -> Iterator[TestClient]:
    app = create_app(load_config(config_file))
    with TestClient(app) as c:
        c.app_state = app.state  # type: ignore[attr-defined]
        yield c


def post(client: TestClient, path: str, body: Any, **kw: Any) -> Any:
    return client.post(path, content=json.dumps(body), headers={"content-type": "application/json", **kw.pop("headers", {})}, **kw)


def admin(client: TestClient, path: str) -> Any:
    return client.get(path, headers={"authorization": "Bearer adm"}).json()


def test_source_success_is_stored_before_the_answer(client: TestClient) -> None:
    r = post(client, "/src", {"user": "u1"}, headers={"x-kind": "k"})
    assert r.status_code == 200 and r.json() == {"ok": True, "events": 1, "objects": 1}
    messages = admin(client, "/admin/events")["messages"]
    event = [m for m in messages if m["kind"] == "event"][0]["message"]
    assert event["type"] == "identify" and event["userId"] == "u1"
    assert event["messageId"].startswith("jshost-")  # added for receivers to de-duplicate


@pytest.mark.parametrize("action, status, type_", [
    ("reject", 400, "Message Rejected"),
    ("unsupported", 400, "Unsupported Event Type"),
    ("crash", 400, "Bad Request"),
])
def test_error_statuses_by_category_without_stacks(client: TestClient, action: str, status: int, type_: str) -> None:
    r = post(client, "/src", {"do": action})
    assert r.status_code == status
    body = r.json()
    assert body["error"]["type"] == type_ and "stack" not in body["error"]


def test_errors_view_redacts_and_keeps_logs(client: TestClient) -> None:
    post(client, "/src", {"do": "reject", "note": "s3cret-value"}, headers={"Authorization": "Bearer zzz", "cookie": "c=1"})
    (row,) = admin(client, "/admin/errors/src")["errors"]
    assert row["error"]["name"] == "ValidationError" and "handler" not in row["error"]["message"]
    assert row["request"]["headers"]["authorization"] == "[redacted]" and row["request"]["headers"]["cookie"] == "[redacted]"
    assert "s3cret-value" not in json.dumps(row)  # a sensitive setting never appears
    assert row["logs"].startswith("log: got")


def test_retry_is_queued_and_answered_202(client: TestClient) -> None:
    r = post(client, "/src", {"do": "retry"})
    assert r.status_code == 202 and r.json() == {"retry": True}
    store = client.app_state.deployment.store
    depths = client.portal.call(store.depths)
    assert depths["retries"] == 1


def test_form_bodies_become_objects_with_raw_text(client: TestClient) -> None:
    r = client.post("/src", content="do=form&user=f1", headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 200
    messages = admin(client, "/admin/events")["messages"]
    track = [m["message"] for m in messages if m["message"].get("event") == "form"][0]
    assert track["userId"] == "f1" and track["properties"]["raw"] == "do=form&user=f1"


def test_http_errors(client: TestClient) -> None:
    assert client.get("/src").status_code == 405
    assert post(client, "/missing", {}).status_code == 404
    bad = client.post("/src", content="{not json", headers={"content-type": "application/json"})
    assert bad.status_code == 400 and "malformed JSON" in bad.json()["error"]["message"]
    big = client.post("/src", content=json.dumps({"x": "y" * 5000}), headers={"content-type": "application/json"})
    assert big.status_code == 413
    assert post(client, "/guarded", {"user": "u"}).status_code == 401
    assert post(client, "/guarded", {"user": "u"}, headers={"authorization": "Bearer wrong"}).status_code == 401
    assert post(client, "/guarded", {"user": "u"}, headers={"authorization": "Bearer hook-token"}).status_code == 200


def test_invalid_settings_and_broken_code(client: TestClient) -> None:
    r = post(client, "/nosettings", {"user": "u"})
    assert r.status_code == 500 and r.json()["error"]["type"] == "Invalid Settings"
    assert "'secret'" in r.json()["error"]["message"]
    r = post(client, "/broken", {})
    assert r.status_code == 400 and r.json()["error"]["name"] == "SyntaxError"
    health = client.get("/healthz").json()
    assert health["instances"]["nosettings"] == "Invalid Settings" and health["instances"]["src"] == "ok"


def test_destination_events(client: TestClient) -> None:
    r = post(client, "/dest", {"type": "track", "event": "Bought"})
    assert r.status_code == 200 and r.json() == {"ok": True, "return": {"seen": "Bought"}}
    assert post(client, "/dest", {"type": "identify"}).status_code == 400
    assert post(client, "/dest", {"type": "track", "event": "fail"}).status_code == 202
    r = post(client, "/dest", {"batch": [{"type": "track", "event": "a"}, {"type": "track", "event": "b"}]})
    assert r.status_code == 200 and [x["ok"] for x in r.json()["results"]] == [True, True]
    assert post(client, "/dest", [1, 2]).status_code == 400


def test_onbatch_groups_and_honours_per_event_status(client: TestClient) -> None:
    events = [{"type": "track", "properties": {"bad": i == 1}} for i in range(3)]
    r = post(client, "/batchy", {"batch": events})
    assert r.status_code == 202 and r.json() == {"queued": 3}
    store = client.app_state.deployment.store
    deadline = time.monotonic() + 10
    while client.portal.call(store.depths)["batches"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.portal.call(store.depths)["batches"] == 0
    (error,) = admin(client, "/admin/errors/batchy")["errors"]
    assert error["error"]["message"] == "bad event" and error["request"]["event"]["properties"]["bad"] is True


def test_metrics_and_admin_auth(client: TestClient) -> None:
    post(client, "/src", {"user": "m"})
    text = client.get("/metrics").text
    assert 'jshost_invocations_total{instance="src",kind="source",outcome="ok"} 1' in text
    assert "jshost_retry_queue_depth 0" in text
    assert client.get("/admin/instances").status_code == 401
    assert admin(client, "/admin/instances")["src"]["kind"] == "source"


def test_reload_swaps_instances(client: TestClient, config_file: Path) -> None:
    text = config_file.read_text() + '\n[instances.extra]\ncode = "dest.js"\n'
    config_file.write_text(text)
    r = client.post("/admin/reload", headers={"authorization": "Bearer adm"})
    assert r.status_code == 200 and "extra" in r.json()["instances"]
    assert post(client, "/extra", {"type": "track", "event": "x"}).status_code == 200


def test_form_to_object() -> None:
    assert form_to_object("a=1&b=2&a=3&c=") == {"a": ["1", "3"], "b": "2", "c": ""}
