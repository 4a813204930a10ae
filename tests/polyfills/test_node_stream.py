"""Node's stream module for library code (polyfills/node_stream.js), against Node.

The polyfill keeps to what packages commonly do with streams; these cases compare outcomes
(the data that flows, the events seen, errors) with Node's, not the exact interleaving."""

from __future__ import annotations

import pytest

from conftest import NODE
from node_require import assert_same_as_node, slot_fixture

pytestmark = pytest.mark.skipif(NODE is None, reason="node not on PATH")

SNIPPETS = [
    # pipe through a Transform; chunks are Buffers unless an encoding is set
    """new Promise((resolve) => { const { PassThrough, Transform } = require('stream'); const p = new PassThrough();
        const up = new Transform({ transform(chunk, enc, cb) { cb(null, String(chunk).toUpperCase()) } });
        const got = []; const events = []; up.on('data', (c) => got.push([Buffer.isBuffer(c), String(c)]));
        up.on('finish', () => events.push('finish')); up.on('end', () => { events.push('end'); resolve([got, events]) });
        p.pipe(up); p.write('ab'); p.end('cd') })""",
    # a Readable pushing from _read; setEncoding gives strings, split characters joined
    """new Promise((resolve) => { const { Readable } = require('stream'); const parts = [Buffer.from([0xE2, 0x82]),
        Buffer.from([0xAC]), Buffer.from('ok')]; const r = new Readable({ read() { this.push(parts.length ? parts.shift() : null) } });
        r.setEncoding('utf8'); const got = []; r.on('data', (c) => got.push(c)); r.on('end', () => resolve([got.join(''),
        got.every((c) => typeof c === 'string'), r.readableEnded])) })""",
    # Writable: chunks in order, callbacks, finish after the last write, end callback
    """new Promise((resolve) => { const { Writable } = require('stream'); const seen = []; const order = [];
        const w = new Writable({ write(chunk, enc, cb) { seen.push([String(chunk), enc]); setTimeout(cb, 1) } });
        w.on('finish', () => order.push('finish')); w.write('a', () => order.push('cb-a')); w.write(Buffer.from('b'));
        w.end('c', () => { order.push('end-cb'); resolve([seen, order, w.writableFinished]) }) })""",
    # decodeStrings: false keeps strings; objectMode keeps objects
    """new Promise((resolve) => { const { Writable } = require('stream'); const seen = [];
        const w = new Writable({ decodeStrings: false, write(chunk, enc, cb) { seen.push([typeof chunk, enc]); cb() } });
        const o = new Writable({ objectMode: true, write(chunk, enc, cb) { seen.push(chunk); cb() } });
        w.write('s'); o.write({a: 1}); o.end([2]); o.on('finish', () => resolve(seen)) })""",
    # async iteration and Readable.from
    """(async () => { const { Readable } = require('stream'); const out = [];
        for await (const chunk of Readable.from(['x', 'y', {z: 1}])) out.push(chunk); return out })()""",
    """(async () => { const { Readable } = require('stream'); const r = new Readable({ read() {} });
        r.push('a'); r.push('b'); r.push(null); const out = []; for await (const c of r) out.push(c.toString()); return out })()""",
    # pipeline with a callback; stream/promises pipeline; an error in the middle
    """new Promise((resolve) => { const { pipeline, Readable, Transform, Writable } = require('stream'); const got = [];
        pipeline(Readable.from(['1', '2', '3']), new Transform({ objectMode: true, transform(c, e, cb) { cb(null, Number(c) * 2) } }),
          new Writable({ objectMode: true, write(c, e, cb) { got.push(c); cb() } }), (err) => resolve([err === undefined || err === null, got])) })""",
    """(async () => { const { Readable, Writable } = require('stream'); const { pipeline } = require('stream/promises');
        const got = []; await pipeline(Readable.from(['p', 'q']), new Writable({ objectMode: true, write(c, e, cb) { got.push(c); cb() } }));
        return got })()""",
    """new Promise((resolve) => { const { pipeline, Readable, Transform, Writable } = require('stream');
        pipeline(Readable.from(['1', 'bad', '3']), new Transform({ objectMode: true, transform(c, e, cb) {
          c === 'bad' ? cb(new Error('bad chunk')) : cb(null, c) } }), new Writable({ objectMode: true, write(c, e, cb) { cb() } }),
          (err) => resolve(err ? err.message : 'no error')) })""",
    # flush adds a last chunk; paused streams keep data until resumed
    """new Promise((resolve) => { const { Transform } = require('stream'); const t = new Transform({
        transform(c, e, cb) { cb(null, c) }, flush(cb) { cb(null, '!') } }); const got = [];
        t.on('data', (c) => got.push(String(c))); t.on('end', () => resolve(got)); t.write('hi'); t.end() })""",
    """new Promise((resolve) => { const { Readable } = require('stream'); const r = new Readable({ read() {} }); const got = [];
        r.pause(); r.on('data', (c) => got.push(String(c))); r.push('a'); setTimeout(() => { const before = got.length;
        r.resume(); r.push('b'); r.push(null); r.on('end', () => resolve([before, got])) }, 5) })""",
    # finished(), destroy(err)
    """new Promise((resolve) => { const { finished, PassThrough } = require('stream'); const p = new PassThrough();
        finished(p, (err) => resolve(err ? err.message : 'done')); p.resume(); p.end('x') })""",
    """new Promise((resolve) => { const { Readable } = require('stream'); const r = new Readable({ read() {} }); const ev = [];
        r.on('error', (e) => ev.push('error ' + e.message)); r.on('close', () => { ev.push('close'); resolve([ev, r.destroyed]) });
        r.destroy(new Error('gone')) })""",
    # write after end; old-style subclasses with util.inherits
    """new Promise((resolve) => { const { Writable } = require('stream'); const w = new Writable({ write(c, e, cb) { cb() } });
        w.on('error', (e) => resolve([e.code, e.message])); w.end(); w.write('late') })""",
    """(() => { const Stream = require('stream'); const util = require('util'); function Old() { Stream.call(this); this.readable = true }
        util.inherits(Old, Stream); const o = new Old(); const got = []; const w = new Stream.Writable({ write(c, e, cb) { got.push(String(c)); cb() } });
        o.pipe(w); o.emit('data', 'legacy'); return [o instanceof Stream, o instanceof require('events'), got,
        typeof Stream.Readable, Stream.Stream === Stream] })()""",
]


@pytest.fixture(scope="module")
def slot():
    yield from slot_fixture()


def test_stream_matches_node(slot) -> None:
    assert_same_as_node(slot, SNIPPETS)
