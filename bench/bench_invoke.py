"""Invocation latency of the examples: jshost in-process against Node 20 running the same functions.

Prints warm per-invocation latency (p50, p99) and cold load-to-first-result time, for jshost
(in-process) and for Node (bench/node_harness.js: in-process, and as a fresh process, which is
what a cold Segment/Lambda function pays), and the ratios. Targets (issue 2): warm source
invocation <= 5x Node's time, cold load-to-first-result <= 0.5x Node's.

    python bench/bench_invoke.py [--n 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import jshost
from jshost.inputs import load_event_file, load_payload_file, load_settings_file
from jshost.mockfetch import load_rules

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "examples"
HARNESS = Path(__file__).resolve().parent / "node_harness.js"
NODE = shutil.which("node")

BENCH = Path(__file__).resolve().parent

CASES = [
    # a functions-library style source (no signature check): the common shape of a template
    ("template-source", "source", BENCH / "functions/github_style.js", BENCH / "functions/github_payload.json",
     None, None),
    # the README's source example: verifies an HMAC-SHA256 signature in pure JS (QuickJS has no native crypto)
    ("source-webhook", "source", EX / "source-webhook/handler.js", EX / "source-webhook/payload.json", None, None),
    ("legacy", "source", EX / "legacy/handler.js", EX / "legacy/payload.json", None, None),
    ("destination", "event", EX / "destination/handler.js", EX / "destination/track.json",
     EX / "destination/mock-fetch.json", EX / "destination/settings.json"),
]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


async def jshost_warm(case: tuple, n: int) -> tuple[float, float]:
    _, mode, handler, data, mock, settings_file = case
    fn = jshost.load_function(handler)
    if mode == "source":
        loaded = load_payload_file(data)
        inst = fn.instance(loaded.settings or {})
        call = lambda: inst.invoke_source(loaded.request)  # noqa: E731
    else:
        inst = fn.instance(load_settings_file(settings_file))
        inst.services["fetch.mock"] = load_rules(mock)
        event = load_event_file(data).event
        call = lambda: inst.invoke_event(event)  # noqa: E731
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        result = await call()
        times.append((time.perf_counter() - t0) * 1000)
        assert result.ok, result.error
    warm = times[n // 10:]
    await inst.aclose()
    return pct(warm, 0.5), pct(warm, 0.99)


async def jshost_cold(case: tuple, rounds: int = 15) -> float:
    _, mode, handler, data, mock, settings_file = case
    source = handler.read_text()
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn = jshost.function_from_source(source, str(handler))
        if mode == "source":
            loaded = load_payload_file(data)
            inst = fn.instance(loaded.settings or {})
            result = await inst.invoke_source(loaded.request)
        else:
            inst = fn.instance(load_settings_file(settings_file))
            inst.services["fetch.mock"] = load_rules(mock)
            result = await inst.invoke_event(load_event_file(data).event)
        samples.append((time.perf_counter() - t0) * 1000)
        assert result.ok
        await inst.aclose()
    return statistics.median(samples)


def node(*args: str) -> dict:
    out = subprocess.run([NODE, str(HARNESS), *args], capture_output=True, text=True, timeout=300, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def node_process_cold(case: tuple, rounds: int = 7) -> float:
    _, mode, handler, data, _, _ = case
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        subprocess.run([NODE, str(HARNESS), "cold", str(handler), str(data)], capture_output=True, check=True)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    print(f"{'case':16} {'jshost p50':>11} {'p99':>8} {'node p50':>9} {'p99':>8} {'warm ratio':>10} | "
          f"{'jshost cold':>11} {'node cold':>10} {'node proc':>10} {'cold ratio':>10} {'vs proc':>8}")
    for case in CASES:
        name, mode = case[0], case[1]
        j50, j99 = asyncio.run(jshost_warm(case, args.n))
        jcold = asyncio.run(jshost_cold(case))
        if NODE is None:
            print(f"{name:16} {j50:10.3f}ms {j99:7.3f}ms   (node not on PATH) | {jcold:10.2f}ms")
            continue
        if mode == "source":
            warm = node("invoke", str(case[2]), str(case[3]), str(args.n))
            cold = node("cold", str(case[2]), str(case[3]))["cold_ms"]
            proc = node_process_cold(case)
        else:
            warm = node("event", str(case[2]), str(case[3]), str(args.n), str(case[4]), str(case[5]))
            cold, proc = float("nan"), float("nan")
        print(f"{name:16} {j50:10.3f}ms {j99:7.3f}ms {warm['p50_ms']:8.3f}ms {warm['p99_ms']:7.3f}ms "
              f"{j50 / warm['p50_ms']:9.1f}x | {jcold:10.2f}ms {cold:9.2f}ms {proc:9.1f}ms "
              f"{jcold / cold:9.2f}x {jcold / proc:7.2f}x")
    print("warm ratio = jshost p50 / node p50 (target <= 5); cold ratio = jshost cold / node in-process cold;"
          " vs proc = jshost cold / node process start to first result (target <= 0.5)")


if __name__ == "__main__":
    sys.exit(main())
