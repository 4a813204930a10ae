"""Node's string_decoder module for library code (polyfills/node_string_decoder.js), against Node."""

from __future__ import annotations

import json
import random

import pytest

from conftest import NODE
from node_require import assert_same_as_node, slot_fixture

pytestmark = pytest.mark.skipif(NODE is None, reason="node not on PATH")

ENCODINGS = ["utf8", "utf-8", "UTF8", "utf16le", "ucs2", "latin1", "binary", "base64", "hex", "ascii"]


def chunked(encoding: str, data: list[int], cuts: list[int]) -> str:
    """A snippet feeding `data` to a decoder in pieces, collecting every write and the end."""
    return (f"(() => {{ const {{ StringDecoder }} = require('string_decoder'); const d = new StringDecoder({json.dumps(encoding)});"
            f" const b = Buffer.from({json.dumps(data)}); const cuts = {json.dumps(cuts)}; const out = [d.encoding];"
            " let at = 0; for (const c of cuts) { out.push(d.write(b.subarray(at, c))); at = c }"
            " out.push(d.write(b.subarray(at))); out.push(d.end()); return out })()")


def corpus() -> list[str]:
    rng = random.Random(5)
    texts = ["€ok", "a😀b", "ĉ\u0000x", "plain", "日本語テキスト", "\ud7ff\ue000"]
    snippets = []
    for enc in ENCODINGS:
        for text in texts:
            data = list(text.encode("utf-8"))
            cuts = sorted(rng.sample(range(len(data) + 1), min(3, len(data))))
            snippets.append(chunked(enc, data, cuts))
        # invalid UTF-8 and odd lengths
        junk = [rng.randrange(256) for _ in range(17)]
        snippets.append(chunked(enc, junk, [1, 2, 5, 9]))
        snippets.append(chunked(enc, [0xE2, 0x82], []))  # a character that never completes
    snippets += [
        "(() => { const { StringDecoder } = require('string_decoder'); const d = new StringDecoder();"
        " return [d.encoding, d.write('already a string'), d.end(Buffer.from([0xC3])), d.end(Buffer.from('x'))] })()",
        "(() => { const { StringDecoder } = require('string_decoder'); try { new StringDecoder('nope') }"
        " catch (e) { return [e.name, e.code, e.message] } })()",
        "(() => { const { StringDecoder } = require('node:string_decoder'); const d = new StringDecoder('utf16le');"
        " return [d.write(Buffer.from([0x3D, 0xD8])), d.write(Buffer.from([0x00])), d.write(Buffer.from([0xDE, 0x41])),"
        " d.end(Buffer.from([0x00]))] })()",
    ]
    return snippets


@pytest.fixture(scope="module")
def slot():
    yield from slot_fixture()


def test_string_decoder_matches_node(slot) -> None:
    assert_same_as_node(slot, corpus())
