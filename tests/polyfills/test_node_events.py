"""Node's events module for library code (polyfills/node_events.js), against Node."""

from __future__ import annotations

import pytest

from conftest import NODE
from node_require import assert_same_as_node, slot_fixture

pytestmark = pytest.mark.skipif(NODE is None, reason="node not on PATH")

# Each snippet is an expression over `require` (awaited), compared with Node's answer.
SNIPPETS = [
    # order: prepend, on, once; once runs one time; emit's return value
    """(() => { const E = require('events'); const e = new E(); const seen = [];
        e.on('x', (a) => seen.push('on' + a)); e.prependListener('x', (a) => seen.push('pre' + a));
        e.once('x', (a) => seen.push('once' + a)); e.prependOnceListener('x', (a) => seen.push('preonce' + a));
        const r1 = e.emit('x', 1); const r2 = e.emit('x', 2);
        return [seen, r1, r2, e.listenerCount('x'), e.eventNames(), e.emit('nothing')] })()""",
    # removing: the most recently added copy goes first; off; removeAllListeners
    """(() => { const E = require('events'); const e = new E(); const out = []; const f = () => out.push('f');
        const g = () => out.push('g'); e.on('a', f); e.on('a', g); e.on('a', f);
        e.removeListener('a', f); e.emit('a'); e.off('a', f); e.emit('a');
        e.on('b', f); e.removeAllListeners('a'); const names = e.eventNames(); e.removeAllListeners();
        return [out, names, e.eventNames(), E.defaultMaxListeners, e.getMaxListeners()] })()""",
    # a listener removed during emit still runs in that emit; one added does not
    """(() => { const E = require('events'); const e = new E(); const out = [];
        const b = () => out.push('b'); e.on('x', () => { out.push('a'); e.off('x', b); e.on('x', () => out.push('c')) });
        e.on('x', b); e.emit('x'); e.emit('x'); return out })()""",
    # 'error' without a listener throws the error itself, or wraps a non-Error
    """(() => { const E = require('events'); const e = new E(); const out = [];
        try { e.emit('error', new TypeError('boom')) } catch (err) { out.push([err.name, err.message]) }
        try { e.emit('error', 'text') } catch (err) { out.push([err.name, err.code, err.message, err.context]) }
        try { e.emit('error', {a: 1}) } catch (err) { out.push([err.code, err.message]) }
        try { e.emit('error') } catch (err) { out.push([err.code, err.message]) }
        e.on('error', (x) => out.push('handled ' + x)); e.emit('error', 'later'); return out })()""",
    # newListener / removeListener events; listeners() unwraps once; rawListeners() does not
    """(() => { const E = require('events'); const e = new E(); const out = [];
        e.on('newListener', (name, fn) => out.push(['new', name, fn.name, e.listenerCount(name)]));
        e.on('removeListener', (name, fn) => out.push(['removed', name, fn.name]));
        function h() {} e.once('y', h); e.on('y', h);
        const raw = e.rawListeners('y'); out.push([e.listeners('y').map((f) => f.name), raw.length,
          typeof raw[0].listener, raw[0].listener === h]);
        e.emit('y'); out.push(e.listenerCount('y')); e.removeListener('y', h); return out })()""",
    # util.inherits and class extends; `this` inside a listener
    """(() => { const util = require('util'); const E = require('events'); function C() { E.call(this) }
        util.inherits(C, E); const c = new C(); let self; c.on('v', function () { self = this }); c.emit('v');
        class D extends E {} const d = new D(); return [self === c, c instanceof E, d instanceof E,
        E.EventEmitter === E, typeof E.once, typeof require('node:events').EventEmitter] })()""",
    # events.once resolves with the arguments, rejects on 'error'
    """(async () => { const E = require('events'); const e = new E();
        setTimeout(() => e.emit('ready', 1, 2), 1); const args = await E.once(e, 'ready');
        setTimeout(() => e.emit('error', new Error('bad')), 1);
        let err; try { await E.once(e, 'never') } catch (x) { err = x.message }
        return [args, err, e.listenerCount('error'), e.listenerCount('never')] })()""",
    # wrong listener types
    """(() => { const E = require('events'); const e = new E(); const out = [];
        for (const bad of [null, 1, 'f', {}]) { try { e.on('x', bad) } catch (err) { out.push([err.name, err.code, err.message]) } }
        return out })()""",
    # max listeners: no throw past the limit; setMaxListeners returns this; listenerCount static
    """(() => { const E = require('events'); const e = new E(); const r = e.setMaxListeners(1);
        e.on('x', () => {}); e.on('x', () => {}); return [r === e, e.getMaxListeners(), E.listenerCount(e, 'x'),
        e.listeners('x').length] })()""",
    # errorMonitor sees an error first, without handling it
    """(() => { const E = require('events'); const e = new E(); const out = [];
        e.on(E.errorMonitor, (err) => out.push('monitor ' + err.message));
        try { e.emit('error', new Error('x')) } catch (err) { out.push('thrown ' + err.message) }
        e.on('error', (err) => out.push('handler ' + err.message)); e.emit('error', new Error('y'));
        return [out, typeof E.errorMonitor, E.captureRejections] })()""",
    # symbols as event names; emitting with many arguments
    """(() => { const E = require('events'); const e = new E(); const s = Symbol('s'); let got;
        e.on(s, (...a) => { got = a }); e.emit(s, 1, 2, 3, 4, 5); return [got, e.eventNames().length,
        typeof e.eventNames()[0]] })()""",
]


@pytest.fixture(scope="module")
def slot():
    yield from slot_fixture()


def test_events_match_node(slot) -> None:
    assert_same_as_node(slot, SNIPPETS)
