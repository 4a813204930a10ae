"""Node's zlib module (polyfills/node_zlib.js over pako), as Segment exposes it (`zlib.zlib`), against Node.

Needs the installed libraries (pako backs the module): skipped until `jshost deps install` ran."""

from __future__ import annotations

import json
import random

import pytest

from conftest import NODE
from jshost.deps import installed_dir
from node_require import assert_same_as_node, node_results, slot_fixture

pytestmark = [pytest.mark.skipif(NODE is None, reason="node not on PATH"),
              pytest.mark.skipif(installed_dir() is None,
                                 reason="libraries not installed (run `jshost deps install`): zlib is backed by pako")]

METHODS = [("deflateSync", "inflateSync"), ("deflateRawSync", "inflateRawSync"), ("gzipSync", "gunzipSync"),
           ("gzipSync", "unzipSync"), ("deflateSync", "unzipSync")]
TEXTS = ["something", "", "hello " * 50, "€ unicode ☃ 😀", json.dumps({"k": list(range(40))}),
         "".join(chr(random.Random(3).randrange(32, 127)) for _ in range(2000))]


def round_trips() -> list[str]:
    """Each text packed, and unpacked again (the packed bytes are compared separately)."""
    return [f"(() => {{ const z = require('zlib'); const packed = z.{pack}({json.dumps(text)});"
            f" return [z.{unpack}(packed).toString(), Buffer.isBuffer(packed)] }})()"
            for text in TEXTS for pack, unpack in METHODS]


def corpus() -> list[str]:
    rng = random.Random(11)
    data = [rng.randrange(256) for _ in range(3000)]
    snippets = round_trips()
    snippets += [f"require('zlib').deflateSync(Buffer.from({json.dumps(data[:500])}), {{level: {level}}}).toString('hex')"
                 for level in (0, 1, 6, 9)]
    snippets += [
        # the Segment docs' own example (docs 004): deflate, print base64, inflate from a copy
        "(() => { const zlib = require('zlib'); const deflated = zlib.deflateSync('something');"
        " return [deflated.toString('base64'), zlib.inflateSync(new Buffer.from(deflated)).toString()] })()",
        # inputs other than strings and Buffers
        "(() => { const z = require('zlib'); const u8 = new Uint8Array([1, 2, 3, 250]);"
        " return [z.deflateSync(u8).toString('hex'), z.deflateSync(u8.buffer).toString('hex'),"
        " z.deflateSync(new DataView(u8.buffer)).toString('hex'), [...z.inflateSync(z.deflateSync(u8))]] })()",
        f"(() => {{ const z = require('zlib'); const b = Buffer.from({json.dumps(data)});"
        " return z.gunzipSync(z.gzipSync(b, {level: 9})).equals(b) && z.inflateRawSync(z.deflateRawSync(b)).equals(b) })()",
        # callback forms, and promisified ones
        "new Promise((resolve) => require('zlib').deflate('cb', (err, buf) => resolve([err, buf.toString('base64')])))",
        "new Promise((resolve) => require('zlib').gzip(Buffer.from('g'), {level: 1}, (err, buf) =>"
        " require('zlib').gunzip(buf, (e2, out) => resolve([err, e2, out.toString()]))))",
        "(async () => { const z = require('zlib'); const { promisify } = require('util');"
        " const packed = await promisify(z.deflate)('promised'); return (await promisify(z.inflate)(packed)).toString() })()",
        # errors: code, errno, message
        "(() => { const z = require('zlib'); const out = []; for (const f of [() => z.inflateSync(Buffer.from('not zlib')),"
        " () => z.gunzipSync(Buffer.from('nope!nope!nope!')), () => z.inflateSync(z.deflateSync('abc').subarray(0, 5)),"
        " () => z.inflateRawSync(Buffer.from([0xff, 0xff]))]) { try { f(); out.push('ok') } catch (e) {"
        " out.push([e.code, e.errno, e.message]) } } return out })()",
        "new Promise((resolve) => require('zlib').inflate(Buffer.from('bad'), (err) => resolve([err.code, err.errno, err.message])))",
        "(() => { try { require('zlib').deflateSync(42) } catch (e) { return [e.name, e.code] } })()",
        # constants
        "(() => { const z = require('zlib'); return [z.constants.Z_BEST_COMPRESSION, z.constants.Z_SYNC_FLUSH,"
        " z.Z_DEFAULT_COMPRESSION, z.constants.Z_DATA_ERROR] })()",
    ]
    return snippets


@pytest.fixture(scope="module")
def slot():
    yield from slot_fixture(with_pako=True)


def test_zlib_matches_node(slot) -> None:
    assert_same_as_node(slot, corpus())


def test_unsupported_forms_say_so(slot) -> None:
    message = slot.run("(() => { try { require('zlib').brotliCompressSync('x') } catch (e) { return e.message } })()")
    assert "brotliCompressSync is not supported by jshost" in message


def test_each_side_unpacks_what_the_other_packed(slot) -> None:
    """The packed bytes may differ from Node's (see node_zlib.js), never what they unpack to."""
    packers = sorted({pack for pack, _ in METHODS})
    ours = slot.run("(() => { const z = require('zlib'); return " + json.dumps(TEXTS) +
                    ".map((t) => " + json.dumps(packers) + ".map((m) => z[m](t).toString('base64'))) })()")
    theirs = node_results(["(() => { const z = require('zlib'); return " + json.dumps(TEXTS) + ".map((t) => " +
                           json.dumps(packers) + ".map((m) => z[m](t).toString('base64'))) })()"])[0]
    unpack = {"deflateRawSync": "inflateRawSync", "deflateSync": "inflateSync", "gzipSync": "gunzipSync"}
    check = ("(() => { const z = require('zlib'); return " + json.dumps([ours, theirs]) + ".map((side) => side.map((row) => "
             "row.map((b64, i) => z[" + json.dumps([unpack[p] for p in packers]) + "[i]](Buffer.from(b64, 'base64')).toString()))) })()")
    expected = [[[text] * len(packers) for text in TEXTS]] * 2
    assert node_results([check])[0] == expected  # Node unpacks ours (and its own)
    assert slot.run(check) == expected           # jshost unpacks Node's (and its own)


def test_without_a_callback_the_async_forms_give_a_promise(slot) -> None:
    # Segment's docs: "zlib's asynchronous methods inflate and deflate must be used with async or await".
    # (Node throws for a missing callback; jshost gives a promise, so code written after the docs works.)
    assert slot.run("(async () => { const z = require('zlib'); const packed = await z.deflate('awaited');"
                    " let err; try { await z.inflate(Buffer.from('bad')) } catch (e) { err = e.code }"
                    " return [(await z.inflate(packed)).toString(), err] })()") == ["awaited", "Z_DATA_ERROR"]
