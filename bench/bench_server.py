"""Webhook throughput on loopback: jshost serve against Node and against hypercorn's ceiling.

Three servers, each with 2 processes, take the same load (a fixed number of POSTs over
keep-alive connections from one client process on this machine):

* jshost serve --workers 2, running a functions-library style source function
  (bench/functions/github_style.js) with its messages stored durably, with the default
  isolation (a thread per context) and with --isolation inline;
* the same function in a small Node `http` server (bench/node_harness.js serve, 2 cluster workers);
* a hypercorn "hello world" ASGI app (bench/hello_asgi.py, 2 workers): the server's own ceiling.

Prints requests/s, p50 and p99 latency, and the ratios. Targets (issue 4): jshost >= 0.5x Node's
throughput and >= 70% of the hypercorn ceiling. The client shares the machine's cores with the
servers, the same for all three.

    python bench/bench_server.py [--requests 4000] [--connections 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _load import run  # noqa: E402

BODY = json.dumps({"action": "opened", "sender": {"id": 147410, "login": "octo", "type": "User"},
                   "repository": {"full_name": "octo/hello"}}).encode()
HEADERS = {"X-Github-Event": "issues"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, path: str, method: str = "POST") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=BODY if method == "POST" else None,
                                         headers={"content-type": "application/json", **HEADERS}, method=method)
            with urllib.request.urlopen(req, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on {port} did not come up")


def measure(name: str, cmd: list[str], port: int, path: str, args: argparse.Namespace, env: dict | None = None) -> dict:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})},
                            cwd=HERE)
    try:
        wait_ready(port, path)
        asyncio.run(run("127.0.0.1", port, path, BODY, HEADERS, requests=args.requests // 4,
                        connections=args.connections))  # warm up
        result = asyncio.run(run("127.0.0.1", port, path, BODY, HEADERS, requests=args.requests,
                                 connections=args.connections))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(f"{name:28} {result['rps']:9.0f} req/s   p50 {result['p50_ms']:7.2f} ms   p99 {result['p99_ms']:7.2f} ms"
          f"   statuses {result['statuses']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    handler = HERE / "functions" / "github_style.js"
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        config = Path(tmp) / "jshost.toml"
        config.write_text(f'[server]\nport = {port}\nstore = "store.sqlite3"\nworkers = 2\n'
                          f'[instances.github]\ncode = "{handler}"\n')
        ours = measure("jshost serve (2 workers)", [sys.executable, "-m", "jshost", "serve", "--config", str(config)],
                       port, "/github", args)
        inline = measure("  ... --isolation inline", [sys.executable, "-m", "jshost", "serve", "--config", str(config),
                         "--isolation", "inline"], port, "/github", args)
    hello_port = free_port()
    ceiling = measure("hypercorn hello (2 workers)", [sys.executable, "-m", "hypercorn", "--workers", "2", "--bind",
                      f"127.0.0.1:{hello_port}", "hello_asgi:app"], hello_port, "/", args)
    print(f"jshost / hypercorn ceiling: {ours['rps'] / ceiling['rps']:.2f} (target >= 0.70); "
          f"inline: {inline['rps'] / ceiling['rps']:.2f}")
    node = shutil.which("node")
    if node:
        node_port = free_port()
        theirs = measure("node http (2 workers)", [node, str(HERE / "node_harness.js"), "serve", str(handler),
                         str(node_port)], node_port, "/", args, env={"WORKERS": "2"})
        print(f"jshost / node:              {ours['rps'] / theirs['rps']:.2f} (target >= 0.50); "
              f"inline: {inline['rps'] / theirs['rps']:.2f}")
    else:
        print("node not on PATH: no Node comparison")


if __name__ == "__main__":
    main()
