"""fetch through the host bridge against a plain httpx request, and ten fetches in parallel.

Prints: the p50 of a plain httpx GET to a loopback server; the p50 of a destination
invocation that makes the same GET with fetch, and of one that makes none (so the
bridge's own cost is their difference); and how long a Promise.all of ten fetches to an
endpoint that answers after 100 ms takes (about 100 ms when they run concurrently, not 1 s).

    python bench/bench_fetch.py [--n 500]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402

import jshost  # noqa: E402
from _http import start  # noqa: E402

FETCH_ONE = "async function onTrack(e, s) { const r = await fetch(s.url + '/'); return (await r.json()).ok }"
NO_FETCH = "async function onTrack(e, s) { return true }"
FETCH_TEN = """async function onTrack(e, s) {
  const all = await Promise.all(Array.from({length: 10}, () => fetch(s.url + '/wait100').then(r => r.json())));
  return all.length }"""


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


async def timed(call, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        await call()
        out.append((time.perf_counter() - t0) * 1000)
    return out[n // 10:]


async def main(n: int) -> None:
    server, url = await start()
    async with httpx.AsyncClient() as client:
        plain = await timed(lambda: client.get(url + "/"), n)
    settings = {"url": url}
    one = jshost.function_from_source(FETCH_ONE, "fetch1.js").instance(settings)
    none = jshost.function_from_source(NO_FETCH, "nofetch.js").instance(settings)
    ten = jshost.function_from_source(FETCH_TEN, "fetch10.js").instance(settings)
    event = {"type": "track"}
    bridged = await timed(lambda: one.invoke_event(event), n)
    baseline = await timed(lambda: none.invoke_event(event), n)
    parallel = await timed(lambda: ten.invoke_event(event), 20)
    assert (await ten.invoke_event(event)).return_value == 10
    for inst in (one, none, ten):
        await inst.aclose()
    from jshost.ops.fetch import aclose_clients

    await aclose_clients()
    server.close()
    print(f"plain httpx GET p50            {p50(plain):8.3f} ms")
    print(f"invocation with one fetch p50  {p50(bridged):8.3f} ms")
    print(f"invocation without fetch p50   {p50(baseline):8.3f} ms")
    print(f"bridge overhead per fetch      {p50(bridged) - p50(baseline) - p50(plain):8.3f} ms "
          f"({(p50(bridged) - p50(baseline)) / p50(plain):.2f}x a plain httpx request)")
    print(f"Promise.all of 10 x 100 ms     {p50(parallel):8.1f} ms  (sequential would be ~1000 ms)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    asyncio.run(main(parser.parse_args().n))
