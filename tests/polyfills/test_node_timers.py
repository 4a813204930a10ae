"""Node's timers and timers/promises modules for library code (polyfills/node_timers.js), against Node."""

from __future__ import annotations

import pytest

from conftest import NODE
from node_require import assert_same_as_node, slot_fixture

pytestmark = pytest.mark.skipif(NODE is None, reason="node not on PATH")

SNIPPETS = [
    # setImmediate runs after the microtasks already queued, with its arguments; clearImmediate cancels
    """new Promise((resolve) => { const t = require('timers'); const order = [];
        t.setImmediate((a, b) => { order.push('immediate ' + a + b); resolve(order) }, 1, 2);
        const gone = t.setImmediate(() => order.push('cleared')); t.clearImmediate(gone);
        Promise.resolve().then(() => order.push('microtask')); order.push('sync') })""",
    # the module's timers are the global ones
    """(() => { const t = require('node:timers'); return [t.setTimeout === setTimeout, t.clearInterval === clearInterval,
        typeof t.setImmediate, typeof t.promises.setTimeout] })()""",
    # timers/promises: values, ordering, abort
    """(async () => { const { setTimeout: sleep, setImmediate: soon } = require('timers/promises'); const order = [];
        const a = sleep(20, 'slow').then((v) => order.push(v)); const b = sleep(8, 'fast').then((v) => order.push(v));
        const c = soon('now').then((v) => order.push(v)); await Promise.all([a, b, c]); return order })()""",
    """(async () => { const { setTimeout: sleep } = require('timers/promises'); const ac = new AbortController();
        const p = sleep(1000, 'x', { signal: ac.signal }); ac.abort(); try { await p } catch (e) { return [e.name, e.code, e.message] } })()""",
    """(async () => { const { setTimeout: sleep } = require('timers/promises');
        try { await sleep(1, 'x', { signal: AbortSignal.abort() }) } catch (e) { return [e.name, e.code] } })()""",
    """(async () => { const { setInterval: every } = require('timers/promises'); const got = [];
        for await (const v of every(2, 'tick')) { got.push(v); if (got.length === 3) break } return got })()""",
    """(async () => { const { scheduler } = require('timers/promises'); await scheduler.wait(1); await scheduler.yield(); return 'waited' })()""",
    """(() => { try { require('timers').setImmediate('not a function') } catch (e) { return [e.name, e.code] } })()""",
]


@pytest.fixture(scope="module")
def slot():
    yield from slot_fixture()


def test_timers_match_node(slot) -> None:
    assert_same_as_node(slot, SNIPPETS)
