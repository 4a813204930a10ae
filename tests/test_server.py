"""`jshost serve` as a real process: durability across kill -9, isolation, graceful stop, workers."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from httpserver import LoopbackServer

pytestmark = pytest.mark.slow

EMITTER = """
async function onRequest(request, settings) {
  const body = request.json();
  if (body.wait) await new Promise(r => setTimeout(r, body.wait));
  Segment.track({event: 'Seq', userId: 'u', properties: {seq: body.seq}});
}
"""
LOOPER = "async function onRequest(request) { while (true) {} }"
HOG = "async function onRequest(request) { const a = []; while (true) a.push(new Array(100000).fill(1)) }"
THROWER = "async function onRequest(request) { throw new TypeError('always broken') }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, config: Path, *args: str) -> None:
        self.config = config
        self.port = int(config.read_text().split("port = ")[1].split("\n")[0])
        self.args = args
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Server:
        self.proc = subprocess.Popen([sys.executable, "-m", "jshost", "serve", "--config", str(self.config), *self.args],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                if self.proc.poll() is not None:
                    raise AssertionError(self.proc.stderr.read().decode() if self.proc.stderr else "server died")
                time.sleep(0.1)
        raise AssertionError("server did not start")

    def post(self, path: str, body: dict[str, Any], timeout: float = 30) -> tuple[int, Any]:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=json.dumps(body).encode(),
                                     headers={"content-type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"null")

    def stop(self, sig: int = signal.SIGTERM) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=30)
        finally:
            if self.proc.stderr:
                self.proc.stderr.close()


@pytest.fixture
def receiver() -> Iterator[LoopbackServer]:
    srv = LoopbackServer()
    yield srv
    srv.stop()


def write_config(tmp_path: Path, body: str) -> Path:
    (tmp_path / "emit.js").write_text(EMITTER)
    (tmp_path / "loop.js").write_text(LOOPER)
    (tmp_path / "hog.js").write_text(HOG)
    (tmp_path / "throw.js").write_text(THROWER)
    path = tmp_path / "jshost.toml"
    path.write_text(f'[server]\nport = {free_port()}\nstore = "store.sqlite3"\n{body}')
    return path


def received_seqs(receiver: LoopbackServer) -> set[int]:
    seqs = set()
    for call in list(receiver.recorder.requests):
        if call["path"] == "/v1/batch":
            seqs.update(m["properties"]["seq"] for m in json.loads(call["body"])["batch"])
    return seqs


def test_kill_9_loses_no_acknowledged_message(tmp_path: Path, receiver: LoopbackServer) -> None:
    receiver.recorder.v1_statuses = [503] * 1_000_000  # the Tracking API is down while we load
    config = write_config(tmp_path, f"""
[instances.emit]
code = "emit.js"
delivery = {{ url = "{receiver.url}", write_key = "wk", backoff = [0.05, 1, 0.2] }}
""")
    server = Server(config).start()
    acked: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()

    def load(worker: int) -> None:
        seq = worker
        while not stop.is_set():
            try:
                status, _ = server.post("/emit", {"seq": seq}, timeout=5)
            except OSError:
                return  # the server is gone
            if status == 200:
                with lock:
                    acked.append(seq)
            seq += 4

    threads = [threading.Thread(target=load, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while len(acked) < 150 and time.monotonic() < deadline:
        time.sleep(0.01)
    server.stop(signal.SIGKILL)  # mid-load, no chance to clean up
    stop.set()
    for t in threads:
        t.join()
    assert len(acked) >= 150
    receiver.recorder.v1_statuses = []  # the Tracking API is back
    server = Server(config).start()
    try:
        deadline = time.monotonic() + 60
        while not set(acked) <= received_seqs(receiver) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert set(acked) <= received_seqs(receiver)  # every acknowledged message delivered at least once
    finally:
        server.stop()


def test_faulty_instances_do_not_hold_up_the_others(tmp_path: Path) -> None:
    config = write_config(tmp_path, """
[instances.emit]
code = "emit.js"

[instances.loop]
code = "loop.js"
limits = { timeout = 3 }
retry = { attempts = 1 }

[instances.hog]
code = "hog.js"
limits = { memory_mib = 16 }

[instances.throw]
code = "throw.js"
""")
    server = Server(config).start()
    try:
        finished: dict[str, Any] = {}

        def stuck() -> None:
            status, body = server.post("/loop", {})
            finished["loop"] = time.monotonic()
            finished["loop_status"] = status

        def faulty() -> None:
            finished["faulty"] = [server.post(path, {})[0] for _ in range(5) for path in ("/hog", "/throw")]

        threads = [threading.Thread(target=stuck), threading.Thread(target=faulty)]
        for t in threads:
            t.start()
        time.sleep(0.3)  # the looping invocation is running
        statuses = [server.post("/emit", {"seq": i})[0] for i in range(30)]
        finished["emit"] = time.monotonic()
        for t in threads:
            t.join()
        assert statuses == [200] * 30
        # all thirty answered while the looping function was still running
        assert finished["emit"] < finished["loop"]
        assert finished["loop_status"] == 504  # a Timeout with no retry left
        assert finished["faulty"] == [400, 400] * 5  # out of memory and TypeError: Bad Request, every time
    finally:
        server.stop()


def test_retries_survive_a_restart(tmp_path: Path) -> None:
    (tmp_path / "flaky.js").write_text("""async function onRequest(request, settings) {
        if (!settings.healthy) throw new RetryError('not yet');
        Segment.track({event: 'Done', userId: 'u', properties: {seq: request.json().seq}}) }""")
    config = write_config(tmp_path, """
[instances.flaky]
code = "flaky.js"
settings = { healthy = false }
retry = { attempts = 5, first_wait = [1, 1], factor = 1, max_wait = 1 }
""")
    server = Server(config).start()
    assert server.post("/flaky", {"seq": 42})[0] == 202
    server.stop(signal.SIGKILL)
    config.write_text(config.read_text().replace("healthy = false", "healthy = true"))
    server = Server(config).start()
    try:
        deadline = time.monotonic() + 30
        messages: list[Any] = []
        while not messages and time.monotonic() < deadline:
            time.sleep(0.3)
            listing = subprocess.run([sys.executable, "-m", "jshost", "events", "--config", str(config), "--json"],
                                     capture_output=True, text=True, timeout=60)
            messages = json.loads(listing.stdout)
        assert [m["message"]["properties"]["seq"] for m in messages] == [42]
    finally:
        server.stop()


def test_graceful_stop_finishes_in_flight_invocations(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[instances.emit]\ncode = "emit.js"\n')
    server = Server(config).start()
    result: dict[str, Any] = {}

    def slow() -> None:
        result["reply"] = server.post("/emit", {"seq": 7, "wait": 1000})

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    code = server.stop(signal.SIGTERM)
    thread.join()
    assert result["reply"][0] == 200 and code == 0
    listing = subprocess.run([sys.executable, "-m", "jshost", "events", "--config", str(config), "--json"],
                             capture_output=True, text=True, timeout=60)
    messages = json.loads(listing.stdout)
    assert [m["message"]["properties"]["seq"] for m in messages] == [7]


def test_two_workers_share_one_store(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[instances.emit]\ncode = "emit.js"\n')
    server = Server(config, "--workers", "2").start()
    try:
        statuses = []
        threads = []

        def send(i: int) -> None:
            statuses.append(server.post("/emit", {"seq": i})[0])

        for i in range(40):
            threads.append(threading.Thread(target=send, args=(i,)))
            threads[-1].start()
        for t in threads:
            t.join()
        assert statuses == [200] * 40
    finally:
        server.stop()
    listing = subprocess.run([sys.executable, "-m", "jshost", "events", "--config", str(config), "--json",
                              "--limit", "1000"], capture_output=True, text=True, timeout=60)
    seqs = sorted(m["message"]["properties"]["seq"] for m in json.loads(listing.stdout))
    assert seqs == list(range(40))
