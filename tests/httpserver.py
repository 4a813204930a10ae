"""A loopback HTTP server for tests: records requests, answers by path.

Paths: ``/v1/*`` (a Tracking API: 200, or the statuses queued in ``recorder.v1_statuses``),
``/json`` (a JSON object), ``/echo`` (the request as JSON), ``/status/<n>``,
``/redirect/<n>?to=<url>`` (a redirect with status n), ``/slow?ms=<n>`` (answers
after n ms), ``/big?bytes=<n>``, ``/gzip`` (a gzip-encoded JSON body), ``/text``.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        #: Statuses to answer the next calls to /v1/* with (then 200): a Tracking API that fails.
        self.v1_statuses: list[int] = []

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()
            self.max_in_flight = 0


class Handler(BaseHTTPRequestHandler):
    server: "LoopbackServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _handle(self) -> None:
        rec = self.server.recorder
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        entry = {"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                 "body": body.decode("utf-8", "replace"), "started": time.monotonic()}
        with rec.lock:
            rec.requests.append(entry)
            rec.in_flight += 1
            rec.max_in_flight = max(rec.max_in_flight, rec.in_flight)
        try:
            self._answer({k: v for k, v in entry.items() if k != "started"})
        finally:
            with rec.lock:
                rec.in_flight -= 1
                entry["ended"] = time.monotonic()

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _answer(self, entry: dict[str, Any]) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        parts = url.path.strip("/").split("/")
        if parts[0] == "v1":
            with self.server.recorder.lock:
                status = self.server.recorder.v1_statuses.pop(0) if self.server.recorder.v1_statuses else 200
            self._send(status, b'{"success": true}' if status == 200 else b'{"error": "x"}',
                       {"Content-Type": "application/json"})
        elif parts[0] == "json":
            self._send(200, b'{"hello": "world", "n": 1}', {"Content-Type": "application/json"})
        elif parts[0] == "echo":
            self._send(200, json.dumps(entry).encode(), {"Content-Type": "application/json", "X-Multi": "a"})
        elif parts[0] == "status":
            self._send(int(parts[1]), b'{"error": true}', {"Content-Type": "application/json"})
        elif parts[0] == "redirect":
            self._send(int(parts[1]), b"", {"Location": query["to"]})
        elif parts[0] == "slow":
            time.sleep(int(query.get("ms", "100")) / 1000)
            self._send(200, b"slow done", {"Content-Type": "text/plain"})
        elif parts[0] == "big":
            self._send(200, b"x" * int(query["bytes"]), {"Content-Type": "text/plain"})
        elif parts[0] == "gzip":
            self._send(200, gzip.compress(b'{"zipped": true}'), {"Content-Type": "application/json",
                                                                  "Content-Encoding": "gzip"})
        elif parts[0] == "binary":
            self._send(200, bytes(range(256)), {"Content-Type": "application/octet-stream"})
        else:
            self._send(200, b"plain text", {"Content-Type": "text/plain"})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.recorder = Recorder()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
