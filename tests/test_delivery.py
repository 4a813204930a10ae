"""Delivery to a Tracking API and to local instances, retries (jshost.delivery), on loopback."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from httpserver import LoopbackServer
from jshost.asgi import create_app
from jshost.serverconfig import load_config


EMITTER = """
var calls = 0;
async function onRequest(request, settings) {
  calls++;
  const body = request.json();
  if (body.retryOnce && calls === 1) throw new RetryError('first call fails');
  if (body.alwaysRetry) throw new RetryError('never works');
  for (let i = 0; i < (body.n || 1); i++) {
    Segment.track({event: 'E' + i, userId: 'u', properties: {pad: 'x'.repeat(body.pad || 0)}});
  }
  if (body.object) Segment.set({collection: 'things', id: 't1', properties: {a: 1}});
}
"""
RECEIVER = """
async function onTrack(event, settings) {
  await fetch(settings.base + '/echo', {method: 'POST', body: JSON.stringify({got: event.event})});
}
"""


@pytest.fixture(scope="module")
def receiver() -> Iterator[LoopbackServer]:
    srv = LoopbackServer()
    yield srv
    srv.stop()


@pytest.fixture
def make_client(tmp_path: Path, receiver: LoopbackServer) -> Iterator[Callable[[str], TestClient]]:
    receiver.recorder.clear()
    receiver.recorder.v1_statuses = []
    (tmp_path / "emit.js").write_text(EMITTER)
    (tmp_path / "recv.js").write_text(RECEIVER)
    clients: list[TestClient] = []

    def make(instances: str) -> TestClient:
        (tmp_path / "jshost.toml").write_text(f'[server]\nstore = "s.sqlite3"\nadmin_token = "adm"\n{instances}')
        client = TestClient(create_app(load_config(tmp_path / "jshost.toml")))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def send(client: TestClient, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, content=json.dumps(body), headers={"content-type": "application/json"})


def wait_for(check: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached in time")


def v1_calls(receiver: LoopbackServer, path: str) -> list[dict[str, Any]]:
    return [r for r in list(receiver.recorder.requests) if r["path"] == path]


def tracking(receiver: LoopbackServer, **extra: str) -> str:
    more = "".join(f", {k} = {v}" for k, v in extra.items())
    return (f'delivery = {{ url = "{receiver.url}", write_key = "wk", objects_url = "{receiver.url}",'
            f' backoff = [0.05, 1, 0.05]{more} }}')


def test_messages_reach_the_tracking_api(make_client, receiver: LoopbackServer) -> None:
    client = make_client(f'[instances.emit]\ncode = "emit.js"\n{tracking(receiver)}\n')
    assert send(client, "/emit", {"n": 2, "object": True}).status_code == 200
    wait_for(lambda: v1_calls(receiver, "/v1/batch") and v1_calls(receiver, "/v1/set"))
    (call,) = v1_calls(receiver, "/v1/batch")
    assert call["method"] == "POST"
    assert call["headers"]["authorization"] == "Basic " + base64.b64encode(b"wk:").decode()
    batch = json.loads(call["body"])["batch"]
    assert [m["event"] for m in batch] == ["E0", "E1"] and all(m["messageId"] for m in batch)
    objects = json.loads(v1_calls(receiver, "/v1/set")[0]["body"])
    assert objects == {"collection": "things", "objects": [{"id": "t1", "properties": {"a": 1}}]}


def test_failed_deliveries_are_retried_until_accepted(make_client, receiver: LoopbackServer) -> None:
    receiver.recorder.v1_statuses = [503, 500]
    client = make_client(f'[instances.emit]\ncode = "emit.js"\n{tracking(receiver)}\n')
    send(client, "/emit", {"n": 1})
    wait_for(lambda: len(v1_calls(receiver, "/v1/batch")) >= 3)
    bodies = [json.loads(c["body"])["batch"][0]["messageId"] for c in v1_calls(receiver, "/v1/batch")]
    assert len(set(bodies)) == 1  # the same message, with the same messageId, each time
    store = client.app.state.deployment.store
    wait_for(lambda: client.portal.call(store.depths)["outbox"] == 0)


def test_rejected_and_oversized_messages_go_to_the_errors_view(make_client, receiver: LoopbackServer) -> None:
    client = make_client(f'[instances.emit]\ncode = "emit.js"\n{tracking(receiver)}\n')
    send(client, "/emit", {"n": 1, "pad": 40000})  # one message over 32 KB
    store = client.app.state.deployment.store
    wait_for(lambda: client.portal.call(store.depths)["outbox"] == 0)
    assert v1_calls(receiver, "/v1/batch") == []
    errors = client.get("/admin/errors/emit", headers={"authorization": "Bearer adm"}).json()["errors"]
    assert "over the maximum 32KB limit" in errors[0]["error"]["message"]
    receiver.recorder.v1_statuses = [400]
    send(client, "/emit", {"n": 1})
    wait_for(lambda: len(client.get("/admin/errors/emit", headers={"authorization": "Bearer adm"}).json()["errors"]) == 2)


def test_batches_stay_under_500_kb(make_client, receiver: LoopbackServer) -> None:
    client = make_client(f'[instances.emit]\ncode = "emit.js"\n{tracking(receiver)}\n')
    send(client, "/emit", {"n": 40, "pad": 30000})  # 40 messages of ~30 KB: 1.2 MB in all
    wait_for(lambda: sum(len(json.loads(c["body"])["batch"]) for c in v1_calls(receiver, "/v1/batch")) == 40)
    calls = v1_calls(receiver, "/v1/batch")
    assert len(calls) >= 3 and all(len(c["body"].encode()) <= 500 * 1024 for c in calls)


def test_a_source_feeds_a_local_destination(make_client, receiver: LoopbackServer) -> None:
    client = make_client(f'''
[instances.emit]
code = "emit.js"
delivery = {{ instances = ["recv"] }}

[instances.recv]
code = "recv.js"
settings = {{ base = "{receiver.url}" }}
''')
    send(client, "/emit", {"n": 3})
    wait_for(lambda: len([r for r in receiver.recorder.requests if r["path"] == "/echo"]) == 3)
    got = sorted(json.loads(r["body"])["got"] for r in receiver.recorder.requests if r["path"] == "/echo")
    assert got == ["E0", "E1", "E2"]


def test_retry_errors_are_run_again(make_client, receiver: LoopbackServer) -> None:
    client = make_client('''
[instances.emit]
code = "emit.js"
limits = { pool_size = 1 }
retry = { attempts = 3, first_wait = [0.05, 0.05], factor = 1, max_wait = 0.05 }
''')
    assert send(client, "/emit", {"retryOnce": True}).status_code == 202
    store = client.app.state.deployment.store
    wait_for(lambda: client.portal.call(store.depths) == {"outbox": 0, "stored": 1, "retries": 0, "batches": 0})
    assert send(client, "/emit", {"alwaysRetry": True}).status_code == 202
    wait_for(lambda: client.get("/admin/errors/emit", headers={"authorization": "Bearer adm"}).json()["errors"] != [])
    (error,) = client.get("/admin/errors/emit", headers={"authorization": "Bearer adm"}).json()["errors"]
    assert error["attempts"] == 3 and error["error"]["type"] == "Retry"
    assert client.portal.call(store.depths)["retries"] == 0
