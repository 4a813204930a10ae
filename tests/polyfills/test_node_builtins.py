"""Node built-in modules for library code (node_events, node_stream, node_string_decoder,
node_querystring, node_assert, node_zlib), compared with Node running the same snippets."""

from __future__ import annotations

import json
import subprocess
import time
from typing import Any

import pytest

from conftest import NODE
from jshost.config import Limits
from jshost.engine import Slot
from jshost.libraries import LibraryPlan, installed_dir, plan_for

PROBE = {"/node_modules/probe/package.json": json.dumps({"name": "probe"}),
         "/node_modules/probe/index.js": "module.exports = require"}

# Each snippet is an expression over `require`, evaluated to JSON-able data.
SNIPPETS = [
    """(() => { const E = require('events'); const e = new E(); const seen = [];
        e.on('x', (a) => seen.push('on' + a)); e.prependListener('x', (a) => seen.push('pre' + a));
        e.once('x', (a) => seen.push('once' + a)); e.emit('x', 1); e.emit('x', 2);
        return [seen, e.listenerCount('x'), e.eventNames(), e.emit('nothing')] })()""",
    """(() => { const E = require('events'); const e = new E(); const f = () => {}; e.on('a', f); e.on('a', f);
        e.removeListener('a', f); const n1 = e.listenerCount('a'); e.off('a', f); return [n1, e.listenerCount('a'),
        E.defaultMaxListeners, e.getMaxListeners()] })()""",
    """(() => { const E = require('events'); const e = new E(); try { e.emit('error', new TypeError('boom')) }
        catch (err) { return [err.name, err.message] } })()""",
    """(() => { const util = require('util'); const E = require('events'); function C() { E.call(this) }
        util.inherits(C, E); const c = new C(); let got; c.on('v', (x) => { got = x }); c.emit('v', 5);
        return [got, c instanceof E] })()""",
    """(() => { const qs = require('querystring'); return [qs.parse('a=1&b=2&a=3&c=&d'), qs.stringify({x: [1, 'two'], y: 'a b', z: true}),
        qs.parse('x:1;y:2', ';', ':'), qs.escape('a b&c/é'), qs.unescape('a%20b%zz'), qs.stringify({n: null, u: undefined, o: {}})] })()""",
    """(() => { const { StringDecoder } = require('string_decoder'); const d = new StringDecoder('utf8');
        const euro = Buffer.from('€ok');
        return [d.write(euro.subarray(0, 1)), d.write(euro.subarray(1, 2)), d.write(euro.subarray(2)), d.end()] })()""",
    """(() => { const { StringDecoder } = require('string_decoder'); const d = new StringDecoder('base64');
        return [d.write(Buffer.from('ab')), d.write(Buffer.from('cde')), d.end()] })()""",
    """(() => { const { StringDecoder } = require('string_decoder'); const d = new StringDecoder('hex');
        return [d.write(Buffer.from([1, 255])), d.end(Buffer.from([16]))] })()""",
    """(() => { const assert = require('assert'); const out = [];
        for (const f of [() => assert(1), () => assert.strictEqual(1, 1), () => assert.deepStrictEqual({a: [1]}, {a: [1]}),
                         () => assert.ok(0), () => assert.strictEqual(1, 2), () => assert.deepStrictEqual({a: 1}, {a: 2}),
                         () => assert.throws(() => { throw new TypeError('x') }, TypeError), () => assert.equal(1, '1'),
                         () => assert.strictEqual(1, 2, 'my message')]) {
          try { f(); out.push('ok') } catch (e) { out.push([e.name, e.code, e.message.startsWith('my message') ? e.message : '']) } }
        return out })()""",
    """new Promise((resolve) => { const { PassThrough, Transform } = require('stream'); const p = new PassThrough();
        const up = new Transform({ transform(chunk, enc, cb) { cb(null, String(chunk).toUpperCase()) } });
        const got = []; up.on('data', (c) => got.push(String(c))); up.on('end', () => resolve(got));
        p.pipe(up); p.write('ab'); p.end('cd') })""",
    """(() => { const z = require('zlib'); const input = 'hello '.repeat(20);
        return [z.deflateSync(input).toString('base64'), z.gzipSync(input).length, z.deflateRawSync(input, {level: 1}).toString('hex'),
                z.inflateSync(z.deflateSync(Buffer.from([0, 1, 2, 255]))).toJSON().data] })()""",
    """(() => { const z = require('zlib'); try { z.inflateSync(Buffer.from('not zlib')) } catch (e) { return [e.code, e.errno] } })()""",
    """new Promise((resolve) => require('zlib').deflate('cb', (err, buf) => resolve([err, require('zlib').inflateSync(buf).toString()])))""",
]


@pytest.fixture(scope="module")
def evaluate() -> Any:
    if installed_dir() is None:
        pytest.skip("libraries not installed (run `jshost deps install`): zlib is backed by pako")
    pako = plan_for("zlib.zlib").modules  # the files zlib needs
    plan = LibraryPlan(modules=tuple(PROBE.items()) + pako, globals={"probeRequire": {"require": "probe"}})
    slot = Slot(source="function onRequest() {}", filename="test.js", limits=Limits(), libraries=plan)
    slot.start_blocking()

    def run(code: str) -> Any:
        text = json.dumps({"mode": "eval", "input": f"(async (require) => await ({code}))(probeRequire)",
                           "settings": {}, "entropy": ""})
        deadline = time.monotonic() + 5
        state = slot.turn_sync("invoke", text, deadline)
        while state.done is None:
            time.sleep(0.005)
            state = slot.turn_sync("settle", "[]", deadline)
        assert state.done["ok"], state.done
        return state.done["value"]

    yield run
    slot.close()


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_builtins_match_node(evaluate) -> None:
    script = ("(async () => { const out = []; for (const code of JSON.parse(process.argv[1])) "
              "{ out.push(await eval(code)) } process.stdout.write(JSON.stringify(out)) })()")
    proc = subprocess.run([NODE, "-e", script, json.dumps(SNIPPETS)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    theirs = json.loads(proc.stdout)
    ours = [evaluate(code) for code in SNIPPETS]
    for snippet, mine, node in zip(SNIPPETS, ours, theirs):
        assert mine == node, snippet
