"""What libraries cost a slot: creation without any, and the first touch of each.

A function pays for a library only when its source names it (its files are handed to the
slot) and only once per slot (the first use compiles it). Prints the slot start time of a
function that names no library, of one that names lodash, and the first-use time of each
library global, in-process.

    python bench/bench_libraries.py    (after `jshost deps install`)
"""

from __future__ import annotations

import statistics
import time

import jshost
from jshost.libraries import installed_dir

USES = {
    "_": "_.map([1], x => x)",
    "moment": "moment.tz('2020-01-01', 'Europe/Paris').format()",
    "xml2js": "typeof xml2js.parseString",
    "xml": "xml({a: 1})",
    "jsonwebtoken": "jsonwebtoken.sign({a: 1}, 'k')",
    "uuidv5": "uuidv5.uuidv5('dns', 'example.com')",
    "libphonenumberjslib": "libphonenumberjslib.libphonenumberjs.parsePhoneNumber('+14155552671').country",
    "fetchretrylib": "typeof fetchretrylib.fetchretry",
    "zlib": "zlib.zlib.deflateSync('x').length",
}


def median_ms(fn, rounds: int = 7) -> float:
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main() -> None:
    if installed_dir() is None:
        print("libraries not installed: run `jshost deps install` first")
        return
    plain = median_ms(lambda: jshost.function_from_source("async function onRequest() {}").close())
    print(f"slot start, no library named         {plain:8.2f} ms")
    with_lodash = median_ms(lambda: jshost.function_from_source("async function onRequest() { _ }").close())
    print(f"slot start, source names lodash (`_`) {with_lodash:8.2f} ms   (files handed over, not compiled)")
    for name, use in USES.items():
        import asyncio

        async def first_use(fn: jshost.Function) -> float:
            async with fn.instance() as inst:
                t0 = time.perf_counter()
                result = await inst.invoke_event({"type": "track"})
                assert result.ok, result.error
                return (time.perf_counter() - t0) * 1000

        samples = [asyncio.run(first_use(jshost.function_from_source(f"async function onTrack() {{ return {use} }}")))
                   for _ in range(3)]
        print(f"first use of {name:22}   {statistics.median(samples):8.2f} ms")


if __name__ == "__main__":
    main()
