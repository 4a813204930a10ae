"""A small keep-alive HTTP/1.1 load generator (asyncio, raw sockets): N requests over C connections."""

from __future__ import annotations

import asyncio
import time


async def _connection(host: str, port: int, request: bytes, count: int, latencies: list[float],
                      statuses: dict[int, int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for _ in range(count):
            t0 = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            latencies.append((time.perf_counter() - t0) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


async def run(url_host: str, port: int, path: str, body: bytes, headers: dict[str, str], *, requests: int,
              connections: int) -> dict[str, float]:
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = (f"POST {path} HTTP/1.1\r\nhost: {url_host}:{port}\r\ncontent-type: application/json\r\n"
               f"content-length: {len(body)}\r\n{head}\r\n").encode() + body
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    per = requests // connections
    t0 = time.perf_counter()
    await asyncio.gather(*(_connection(url_host, port, request, per, latencies, statuses) for _ in range(connections)))
    elapsed = time.perf_counter() - t0
    latencies.sort()
    return {"rps": len(latencies) / elapsed, "p50_ms": latencies[len(latencies) // 2],
            "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], "statuses": statuses}
