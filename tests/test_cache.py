"""The `cache` global: per-instance store, TTLs, single loader, failures (docs 004 "Caching")."""

from __future__ import annotations

import asyncio

import jshost
from jshost import Limits

SOURCE = """
async function onTrack(event, settings) {
  if (event.del) { cache.delete(event.key); }
  const value = await cache.load(event.key, event.ttl, async () => {
    loads++;
    if (event.wait) await new Promise(r => setTimeout(r, event.wait));
    if (event.fail) throw new Error('loader failed');
    if (event.bad) return { f: undefined, big: 1n };
    return { n: loads, from: settings.name };
  });
  return { value, loads };
}
var loads = 0;
"""


async def invoke(inst: jshost.FunctionInstance, **event: object) -> jshost.Result:
    return await inst.invoke_event({"type": "track", **event})


async def test_hit_miss_and_shared_between_slots_of_an_instance() -> None:
    fn = jshost.function_from_source(SOURCE)
    async with fn.instance({"name": "a"}, limits=Limits(pool_size=2)) as inst:
        first, second = await asyncio.gather(invoke(inst, key="k", wait=50), invoke(inst, key="k", wait=50))
        values = [first.return_value["value"], second.return_value["value"]]
        assert values == [{"n": 1, "from": "a"}] * 2
        # exactly one of the two slots ran the loader
        assert sorted(r.return_value["loads"] for r in (first, second)) == [0, 1]


async def test_instances_do_not_share_a_cache() -> None:
    fn = jshost.function_from_source(SOURCE)
    async with fn.instance({"name": "a"}) as a, fn.instance({"name": "b"}) as b:
        await invoke(a, key="k")
        rb = await invoke(b, key="k")
    assert rb.return_value["value"]["from"] == "b"


async def test_ttl_expiry_and_delete() -> None:
    fn = jshost.function_from_source(SOURCE)
    async with fn.instance({"name": "a"}, limits=Limits(pool_size=1)) as inst:
        await invoke(inst, key="t", ttl=30)
        cached = await invoke(inst, key="t", ttl=30)
        assert cached.return_value["value"]["n"] == 1
        await asyncio.sleep(0.06)
        expired = await invoke(inst, key="t", ttl=30)
        assert expired.return_value["value"]["n"] == 2
        deleted = await invoke(inst, key="t", ttl=-1, **{"del": True})
        assert deleted.return_value["value"]["n"] == 3
        forever = await invoke(inst, key="t")
        assert forever.return_value["value"]["n"] == 3


async def test_failing_loader_caches_nothing_and_its_error_reaches_the_caller() -> None:
    fn = jshost.function_from_source(SOURCE)
    async with fn.instance({"name": "a"}, limits=Limits(pool_size=1)) as inst:
        failed = await invoke(inst, key="f", fail=True)
        assert (failed.error.name, failed.error.message) == ("Error", "loader failed")
        ok = await invoke(inst, key="f")
    assert ok.ok and ok.return_value["value"]["n"] == 2


async def test_waiters_take_over_when_the_loader_fails() -> None:
    fn = jshost.function_from_source(SOURCE)
    async with fn.instance({"name": "a"}, limits=Limits(pool_size=2)) as inst:
        failing, waiting = await asyncio.gather(invoke(inst, key="w", wait=50, fail=True), invoke(inst, key="w"))
    assert failing.error.message == "loader failed"
    assert waiting.ok and waiting.return_value["value"]["from"] == "a"


async def test_non_json_values_are_a_clear_error() -> None:
    fn = jshost.function_from_source(SOURCE)
    async with fn.instance({"name": "a"}) as inst:
        result = await invoke(inst, key="b", bad=True)
    assert result.error.name == "TypeError" and "JSON" in result.error.message


async def test_a_lease_does_not_outlive_a_timed_out_invocation() -> None:
    fn = jshost.function_from_source(SOURCE)
    limits = Limits(pool_size=2, timeout=0.3)
    async with fn.instance({"name": "a"}, limits=limits) as inst:
        stuck = await invoke(inst, key="s", wait=5000)
        assert stuck.error.type.value == "Timeout"
        after = await invoke(inst, key="s")
    assert after.ok


async def test_argument_checks() -> None:
    fn = jshost.function_from_source("""async function onTrack(event) {
        const out = [];
        for (const args of [[1, 1, async () => 1], ['k', 'x', async () => 1], ['k', 1, 'notfn']]) {
          try { await cache.load(...args) } catch (e) { out.push(e.name) } }
        return out }""")
    async with fn.instance() as inst:
        result = await inst.invoke_event({"type": "track"})
    assert result.return_value == ["TypeError", "TypeError", "TypeError"]
