"""What libraries cost a slot: creation without any, with one named, and with one touched.

A function pays for a library only when its source names the global (its files are handed to
the slot: one host call with one string) and compiles it only when the code first touches it,
once per slot. Prints, per library, the median time to create a slot (a QuickJS context with
the runtime and the user's code loaded) whose code

  * names no library                       (the baseline every function pays),
  * names the library but never touches it (the files handed over),
  * touches it at top level                (the files handed over and compiled),

and the files' size. Slots are created in turn (one of each kind per round) so that machine
noise falls on all of them alike.

    python bench/bench_libraries.py [rounds]     (after `jshost deps install`)
"""

from __future__ import annotations

import statistics
import sys
import time

from jshost.config import Limits
from jshost.deps import installed_dir
from jshost.engine import Slot
from jshost.libraries import plan_for

# How functions touch each library (Segment's global names, docs 004).
TOUCH = {
    "_": "_.map([1], (x) => x)",
    "moment": "moment.tz('2020-01-01', 'Europe/Paris').format()",
    "xml2js": "xml2js.parseString",
    "xml": "xml({a: 1})",
    "jsonwebtoken": "jsonwebtoken.sign({a: 1}, 'k')",
    "uuidv5": "uuidv5.uuidv5('dns', 'example.com')",
    "libphonenumberjslib": "libphonenumberjslib.libphonenumberjs.parsePhoneNumber('+14155552671').country",
    "fetchretrylib": "fetchretrylib.fetchretry",
    "zlib": "zlib.zlib.deflateSync('x').length",
}


def start_ms(source: str) -> float:
    plan = plan_for(source)
    t0 = time.perf_counter()
    slot = Slot(source=source, filename="bench.js", limits=Limits(), libraries=plan)
    slot.start_sync()
    elapsed = (time.perf_counter() - t0) * 1000
    slot.close()
    return elapsed


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    if installed_dir() is None:
        print("libraries not installed: run `jshost deps install` first")
        return
    baseline = "async function onRequest() {}"
    kinds: dict[str, str] = {"none": baseline}
    for name, use in TOUCH.items():
        kinds[f"{name} named"] = f"async function onRequest() {{ return {use} }}"
        kinds[f"{name} touched"] = f"const touched = {use};\nasync function onRequest() {{}}"
    for source in kinds.values():  # warm the file caches and the plans
        start_ms(source)
    samples: dict[str, list[float]] = {kind: [] for kind in kinds}
    for _ in range(rounds):
        for kind, source in kinds.items():
            samples[kind].append(start_ms(source))
    med = {kind: statistics.median(values) for kind, values in samples.items()}
    print(f"slot creation, median of {rounds} (ms)")
    print(f"  {'no library named':34} {med['none']:7.2f}")
    print(f"  {'library':22} {'files':>9} {'named':>8} {'touched':>8}   {'first use':>9}")
    for name in TOUCH:
        size = sum(len(text) for _, text in plan_for(name).modules) / 1024
        named, touched = med[f"{name} named"], med[f"{name} touched"]
        print(f"  {name:22} {size:7.0f}KB {named:8.2f} {touched:8.2f}   {touched - med['none']:+9.2f}")
    print("named: the function's source mentions the global; touched: its top-level code uses it once.")
    print("first use: what touching it adds to a slot, once per slot (later uses cost nothing extra).")


if __name__ == "__main__":
    main()
