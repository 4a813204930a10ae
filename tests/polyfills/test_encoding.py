"""TextEncoder / TextDecoder: differential against Node 20 and against Python's codecs.

- A corpus of decode/encode expressions (malformed UTF-8 of every WHATWG error
  class, BOMs, every split point of streamed input, UTF-16LE/BE, the
  windows-1252 labels, argument errors) runs in one node process and one jshost
  call; results (strings, bytes, error name/code/message) must be equal.
- Random byte strings are decoded with U+FFFD replacement and in fatal mode and
  compared with Python's UTF-8 codec (whose "replace" handler substitutes per
  maximal subpart, as https://encoding.spec.whatwg.org/#utf-8-decoder does);
  random strings with lone surrogates are encoded and compared with Python.
"""

from __future__ import annotations

import json
import random
import subprocess

import pytest

import differential
from conftest import NODE

HARNESS = r"""
(function (cases) {
  const h = (hex) => new Uint8Array(hex.match(/../g) ? hex.match(/../g).map((x) => parseInt(x, 16)) : []);
  const hex = (u8) => Array.prototype.map.call(u8, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
  // Decodes `parts` (hex) with one decoder: stream for all but the last.
  const stream = (label, options, parts) => {
    const d = new TextDecoder(label, options);
    return parts.map((p, i) => d.decode(h(p), { stream: i < parts.length - 1 }));
  };
  const units = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');
  function describe(v) {
    if (v === undefined) return ['undefined'];
    if (v === null || typeof v !== 'object') return typeof v === 'string' ? ['str', units(v)] : v;
    if (v instanceof Uint8Array) return ['bytes', Object.getPrototypeOf(v) === Uint8Array.prototype, hex(v)];
    if (Array.isArray(v)) return v.map(describe);
    const out = {};
    for (const k of Object.keys(v)) out[k] = describe(v[k]);
    return out;
  }
  // A case starting with "~" throws an engine error (V8 and QuickJS word those
  // differently): only the error's name is compared.
  return cases.map((src) => {
    const loose = src[0] === '~';
    try {
      return ['ok', describe(eval(loose ? src.slice(1) : src))];
    } catch (e) {
      return loose ? ['error', e && e.name] : ['error', e && e.name, e && e.code, e && e.message];
    }
  });
})
"""

# Malformed and boundary UTF-8, one class per line.
UTF8_SEQUENCES = [
    # boundaries of each length
    "00", "7f", "c280", "dfbf", "e0a080", "efbfbf", "f0908080", "f48fbfbf", "e282ac", "f09f9880",
    # unexpected continuation bytes
    "80", "bf", "8080", "41bf42", "80808080",
    # overlong forms
    "c080", "c1bf", "e08080", "e09fbf", "f0808080", "f08fbfbf", "c0af", "e080af", "f08080af",
    # surrogates encoded in UTF-8
    "eda080", "edbfbf", "edafbfedbfbf", "ed9fbf", "ee8080",
    # above U+10FFFF and bytes that never appear
    "f4908080", "f5808080", "f8888080", "fc8480808080", "fe", "ff", "fffe", "c0", "c1",
    # truncated sequences, alone, before ASCII and before another lead
    "c2", "e2", "e282", "f0", "f09f", "f09f98", "c241", "e28241", "f09f9841", "e2e282ac", "f09fe282ac",
    "f09f98f09f9880", "e0a0", "eda0", "f490", "f4", "c2c2", "e0e0e0",
    # mixed
    "41c3a9e282acf09f988042", "61eda08062", "f4908080f48fbfbf", "c3a9c3", "e0a080e0a0",
    # BOM handling
    "efbbbf", "efbbbf41", "efbbbfefbbbf41", "41efbbbf", "efbb", "efbb41", "efbbbfc3",
]

UTF16_SEQUENCES = [
    "", "4100", "41", "410042", "3dd800de", "00d8", "00d84100", "00dc4100", "00d800d8", "00dc00d8",
    "fffe4100", "fffefffe", "feff0041", "4100fffe", "3dd8", "3dd800", "00dc", "41004200430044",
]

LABELS = [
    "utf-8", "utf8", "UTF-8", " utf-8\n", "\tUtF8 ", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8",
    "x-unicode20utf8", "utf-16", "utf-16le", "UTF-16LE", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2",
    "unicodefeff", "utf-16be", "unicodefffe", "latin1", "iso-8859-1", "ascii", "us-ascii", "windows-1252",
    "cp1252", "l1", "iso_8859-1:1987", "x-cp1252", "ansi_x3.4-1968", "cp819", "ibm819", "iso-ir-100",
    "iso8859-1", "iso88591", "iso_8859-1", "csisolatin1", "bogus", "utf-32", "", "utf 8", "utf-8\u00a0",
    "utf_8",
]


def js_str(s: str) -> str:
    return json.dumps(s)


def build_cases() -> list[str]:
    cases: list[str] = []
    add = cases.append
    for seq in UTF8_SEQUENCES:
        for options in ["{}", "{fatal: true}", "{ignoreBOM: true}", "{fatal: true, ignoreBOM: true}"]:
            add(f"new TextDecoder('utf-8', {options}).decode(h('{seq}'))")
            add(f"stream('utf-8', {options}, ['{seq}', ''])")
        # Every split into two chunks, and byte by byte.
        for i in range(1, len(seq) // 2):
            add(f"stream('utf-8', {{}}, ['{seq[:2 * i]}', '{seq[2 * i:]}'])")
        add(f"stream('utf-8', {{}}, {[seq[i:i + 2] for i in range(0, len(seq), 2)] + ['']})")
        add(f"stream('utf-8', {{fatal: true}}, {[seq[i:i + 2] for i in range(0, len(seq), 2)] + ['']})")
        add(f"new TextDecoder().decode(h('41{seq}42'.repeat(20)))")  # long input: the engine's fast path
        add(f"Buffer.from(h('{seq}')).toString()")
        add(f"Buffer.from(h('{seq}'.repeat(30))).toString('utf8', 1)")
    # a stream that is continued after a fatal error and after an end of stream
    add("(() => { const d = new TextDecoder('utf-8', {fatal: true}); const r = []; "
        "try { d.decode(h('ff')); } catch (e) { r.push(e.code); } r.push(d.decode(h('41'))); return r; })()")
    add("(() => { const d = new TextDecoder(); return [d.decode(h('e282'), {stream: true}), d.decode(), "
        "d.decode(h('efbbbf41'))]; })()")
    add("(() => { const d = new TextDecoder(); return [d.decode(h('efbbbf41'), {stream: true}), "
        "d.decode(h('efbbbf42'), {stream: true}), d.decode(h('efbbbf43'))]; })()")
    add("(() => { const d = new TextDecoder(); return [d.decode(h('ef'), {stream: true}), "
        "d.decode(h('bb'), {stream: true}), d.decode(h('bf41'))]; })()")
    for seq in UTF16_SEQUENCES:
        for label in ["utf-16le", "utf-16be"]:
            for options in ["{}", "{fatal: true}", "{ignoreBOM: true}"]:
                add(f"new TextDecoder('{label}', {options}).decode(h('{seq}'))")
            for i in range(1, len(seq) // 2):
                add(f"stream('{label}', {{}}, ['{seq[:2 * i]}', '{seq[2 * i:]}'])")
            add(f"stream('{label}', {{}}, {[seq[i:i + 2] for i in range(0, len(seq), 2)] + ['']})")
    all_bytes = "".join(f"{i:02x}" for i in range(256))
    for label in ["latin1", "windows-1252", "ascii", "iso-8859-1"]:
        add(f"new TextDecoder('{label}').decode(h('{all_bytes}'))")
        add(f"new TextDecoder('{label}', {{fatal: true}}).decode(h('80819f'))")
        add(f"stream('{label}', {{}}, ['{all_bytes[:256]}', '{all_bytes[256:]}'])")
        add(f"(() => {{ const d = new TextDecoder('{label}'); d.decode(h('80'), {{stream: true}}); return d.decode(h('80ff')); }})()")
    for label in LABELS:
        add(f"new TextDecoder({js_str(label)}).encoding")
    for expr in ["undefined", "null", "5", "{toString() { return 'utf-16le'; }}", "['utf8']"]:
        add(f"new TextDecoder({expr}).encoding")
    # decode() inputs and options
    for arg in ["", "undefined", "null", "'abc'", "5", "[65]", "{}", "new ArrayBuffer(2)", "h('414243').buffer",
                "new DataView(h('414243').buffer, 1)", "new Uint16Array([0x4241])", "Buffer.from('hi')",
                "h('41424344').subarray(1, 3)", "new SharedArrayBuffer(1)", "new Float32Array(1)"]:
        for label in ["utf-8", "utf-16le", "latin1"]:
            add(f"new TextDecoder('{label}').decode({arg})")
            add(f"new TextDecoder('{label}').decode({arg}{', ' if arg else 'undefined, '}{{stream: true}})")
    for options in ["null", "5", "'x'", "{stream: 1}", "{stream: 0}", "[]"]:
        for label in ["utf-8", "utf-16le"]:
            add(f"new TextDecoder('{label}').decode(h('41'), {options})")
    for options in ["null", "5", "'x'", "{fatal: 1}", "{ignoreBOM: 'yes'}", "[]", "true", "() => {}"]:
        add(f"(() => {{ const d = new TextDecoder('utf-8', {options}); return [d.encoding, d.fatal, d.ignoreBOM]; }})()")
    add("[Object.prototype.toString.call(new TextDecoder()), Object.prototype.toString.call(new TextEncoder())]")
    add("TextDecoder.prototype.decode.call({}, h('41'))")
    add("Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'encoding').get.call({})")
    add("TextEncoder.prototype.encode.call({}, 'a')")
    add("Object.getOwnPropertyDescriptor(TextEncoder.prototype, 'encoding').get.call(5)")
    add("[TextDecoder.name, TextDecoder.length, TextEncoder.name, TextEncoder.length]")
    add("[typeof TextDecoder.prototype.decode, TextDecoder.prototype.decode.length, "
        "TextEncoder.prototype.encode.length, TextEncoder.prototype.encodeInto.length]")
    add("new TextEncoder().encoding")
    add("[TextDecoder, TextEncoder].map((C) => Reflect.ownKeys(C.prototype).sort((a, b) => String(a) < String(b) ? -1 : 1)"
        ".map((k) => { const d = Object.getOwnPropertyDescriptor(C.prototype, k); "
        "return [String(k), typeof d.value, typeof d.get, d.enumerable, d.configurable, d.writable]; }))")
    # encode / encodeInto
    for s in ["", "a", "héllo", "€", "😀", "a\ud800b", "\udc00", "\ud83d", "\ud83d\ude00\ud83d", "\udfff\ud800",
              "\x00\x7f\x80\u07ff\u0800\uffff", "日本語", "x" * 40 + "\ud800" + "y" * 40, "é" * 50]:
        add(f"new TextEncoder().encode({js_str(s)})")
        add(f"new TextEncoder().encode({js_str(s)}).length === Buffer.byteLength({js_str(s)})")
        for size in range(0, 9):
            add(f"(() => {{ const u = new Uint8Array({size}).fill(0xee); const r = new TextEncoder().encodeInto({js_str(s)}, u); return [r, u]; }})()")
    for arg in ["", "undefined", "null", "123", "{toString() { return 'obj'; }}", "['a', 'b']", "true"]:
        add(f"new TextEncoder().encode({arg})")
    add("~new TextEncoder().encode(Symbol())")
    for args in ["'ab', []", "'ab', null", "'ab'", "5, new Uint8Array(2)", "null, new Uint8Array(2)",
                 "'ab', new Uint16Array(2)", "'ab', Buffer.alloc(3)", "'ab', new Uint8Array(4).subarray(1, 2)",
                 "'ab', new ArrayBuffer(2)"]:
        add(f"(() => {{ const r = new TextEncoder().encodeInto({args}); return r; }})()")
    add("(() => { const u = new Uint8Array(6); const r = new TextEncoder().encodeInto('abcd', u.subarray(2, 5)); return [r, u]; })()")
    return cases


CASES = build_cases()


def run_node(cases: list[str]) -> list:
    return differential.run_node(HARNESS, cases)


def compare(js, harness: str, cases: list[str], expected: list) -> None:
    differential.compare_in_js(js, harness, cases, expected)


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_encoding_matches_node(js) -> None:
    expected = run_node(CASES)
    assert len(expected) == len(CASES)
    compare(js, HARNESS, CASES, expected)


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_random_streams_match_node(js) -> None:
    # Random bytes rich in lead/continuation/surrogate/BOM bytes, cut at random points.
    rnd = random.Random(17)
    pool = [0x41, 0x80, 0xbf, 0xc2, 0xe0, 0xa0, 0xed, 0x9f, 0xf0, 0x90, 0xf4, 0x8f, 0xff, 0xef, 0xbb, 0x00, 0xd8,
            0xdc, 0xfe]
    cases = []
    for _ in range(3000):
        data = bytes(rnd.choice(pool) for _ in range(rnd.randrange(0, 14)))
        cuts = sorted(rnd.sample(range(len(data) + 1), rnd.randrange(0, min(4, len(data) + 1))))
        parts = [data[a:b].hex() for a, b in zip([0, *cuts], [*cuts, len(data)])]
        label = rnd.choice(["utf-8", "utf-16le", "utf-16be", "latin1"])
        options = rnd.choice(["{}", "{fatal: true}", "{ignoreBOM: true}"])
        cases.append(f"stream('{label}', {options}, {json.dumps(parts)})")
    expected = run_node(cases)
    compare(js, HARNESS, cases, expected)


def test_unsupported_labels_throw_node_error(js) -> None:
    # Node (full ICU) knows more legacy encodings; labels no encoding has fail the same way.
    got = js("try { new TextDecoder('bogus') } catch (e) { [e.name, e.code, e.message, e instanceof RangeError] }")
    assert got == ["RangeError", "ERR_ENCODING_NOT_SUPPORTED", 'The "bogus" encoding is not supported', True]


# --- against Python's codecs ----------------------------------------------------------

RANDOM_DECODE = r"""
(function (inputs) {
  const h = (hex) => new Uint8Array(hex.match(/../g) ? hex.match(/../g).map((x) => parseInt(x, 16)) : []);
  return inputs.map((hx) => {
    const bytes = h(hx);
    let fatal;
    try { fatal = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(bytes); } catch (e) { fatal = null; }
    const replaced = new TextDecoder('utf-8', {ignoreBOM: true}).decode(bytes);
    const viaBuffer = Buffer.from(bytes).toString('utf8');
    // Streamed in chunks of 1-5 bytes.
    const d = new TextDecoder('utf-8', {ignoreBOM: true});
    let streamed = '';
    for (let i = 0; i < bytes.length; i += 1 + (i % 5)) streamed += d.decode(bytes.subarray(i, i + 1 + (i % 5)), {stream: true});
    streamed += d.decode();
    return [fatal, replaced, viaBuffer, streamed];
  });
})
"""

RANDOM_ENCODE = r"""
(function (inputs) {
  const hex = (u8) => Array.prototype.map.call(u8, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
  const strings = inputs.map((units) => String.fromCharCode(...units));
  return strings.map((s) => [hex(new TextEncoder().encode(s)), hex(Buffer.from(s)), Buffer.byteLength(s)]);
})
"""

def compare_values(js, fn: str, inputs: list, expected: list) -> None:
    differential.compare_in_js(js, fn, inputs, expected, source="python")


def random_utf8ish(rnd: random.Random, n: int) -> bytes:
    # Mostly well-formed text with random damage, so every decoder state is reached.
    text = "".join(rnd.choice(["a", "é", "€", "😀", "\u07ff", "\uffff", "\U0010ffff", " "]) for _ in range(n))
    data = bytearray(text.encode("utf-8"))
    for _ in range(rnd.randrange(0, 4)):
        if data:
            data[rnd.randrange(len(data))] = rnd.choice([0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xff,
                                                         rnd.randrange(256)])
    if data and rnd.random() < 0.3:
        del data[rnd.randrange(len(data)):]
    return bytes(data)


def test_decode_matches_python(js) -> None:
    rnd = random.Random(7)
    inputs = [random_utf8ish(rnd, rnd.choice([1, 3, 8, 20, 60, 200])) for _ in range(600)]
    inputs += [bytes(rnd.randrange(256) for _ in range(rnd.randrange(0, 80))) for _ in range(300)]
    expected = []
    for data in inputs:
        try:
            strict = data.decode("utf-8")
        except UnicodeDecodeError:
            strict = None
        replaced = data.decode("utf-8", "replace")
        expected.append([strict, replaced, replaced, replaced])
    compare_values(js, RANDOM_DECODE, [d.hex() for d in inputs], expected)


def python_utf8_of_units(units: list[int]) -> bytes:
    # UTF-16 code units -> text with lone surrogates as U+FFFD -> UTF-8.
    raw = b"".join(u.to_bytes(2, "little") for u in units)
    return raw.decode("utf-16-le", "replace").encode("utf-8")


def test_encode_matches_python(js) -> None:
    rnd = random.Random(11)
    pools = [0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xfffd, 0xffff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83d, 0xde00, 0xe9, 0x20ac]
    inputs = []
    for _ in range(500):
        n = rnd.choice([0, 1, 2, 5, 17, 40, 120])
        inputs.append([rnd.choice(pools) if rnd.random() < 0.7 else rnd.randrange(0x10000) for _ in range(n)])
    expected = []
    for units in inputs:
        data = python_utf8_of_units(units)
        expected.append([data.hex(), data.hex(), len(data)])
    compare_values(js, RANDOM_ENCODE, inputs, expected)


def test_large_round_trip(js) -> None:
    # Sizes past the helpers' chunking (8192 units per String.fromCharCode call).
    text = ("héllo wörld 😀 " * 3000) + "\ud800" + ("abc" * 5000)
    raw = text.encode("utf-16-le", "surrogatepass")
    expected = python_utf8_of_units([int.from_bytes(raw[i:i + 2], "little") for i in range(0, len(raw), 2)])
    got = js(f"""
      const s = {json.dumps(text)};
      const bytes = new TextEncoder().encode(s);
      const back = new TextDecoder().decode(bytes);
      [bytes.length, back === s.replace('\\ud800', '\\ufffd'), Buffer.from(s).equals(bytes),
       Buffer.from(bytes).toString() === back, Buffer.from(s).toString('hex').length]
    """)
    assert got == [len(expected), True, True, True, 2 * len(expected)]


# --- without the engine's native helpers -------------------------------------------

NO_NATIVE_CHECK = r"""
(function (inputs) {
  const hex = (u8) => Array.prototype.map.call(u8, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
  const h = (hx) => new Uint8Array(hx.match(/../g) ? hx.match(/../g).map((x) => parseInt(x, 16)) : []);
  return inputs.map(([text, bytesHex]) => {
    const bytes = h(bytesHex);
    const b = Buffer.from(bytes);
    return [hex(new TextEncoder().encode(text)), hex(Buffer.from(text)), Buffer.byteLength(text),
            new TextDecoder().decode(bytes), b.toString(), b.toString('latin1'), b.toString('base64'),
            b.toString('base64url'), b.toString('hex'), hex(Buffer.from(b.toString('hex'), 'hex')),
            hex(Buffer.from(b.toString('base64'), 'base64')), atob(b.toString('base64')), btoa(b.toString('latin1')),
            b.compare(Buffer.from(bytes.slice().reverse())), hex(Buffer.from(text, 'latin1'))];
  });
})
"""


def test_codecs_without_native_helpers() -> None:
    # The runtime falls back to plain JS where the engine lacks Uint8Array.fromBase64,
    # toBase64, toHex, fromHex, atob or btoa: run the bundle in a bare context with them
    # removed and check the results against Python.
    import base64 as b64

    import quickjs

    from jshost.polyfills import lazy_sources, runtime_bundle

    ctx = quickjs.Context()
    ctx.eval("delete Uint8Array.fromBase64; delete Uint8Array.prototype.toBase64; delete Uint8Array.fromHex; "
             "delete Uint8Array.prototype.toHex; delete globalThis.atob; delete globalThis.btoa;")
    host = ctx.eval(runtime_bundle())
    for name, text in lazy_sources():  # as the engine hands them to every slot
        host("source", f"{name}\n{text}")
    assert ctx.eval("typeof Uint8Array.fromBase64") == "undefined"
    rnd = random.Random(13)
    inputs = []
    for _ in range(200):
        n = rnd.choice([0, 1, 2, 3, 10, 33, 70, 200, 300])
        text = "".join(rnd.choice(["a", "Z", " ", "é", "€", "😀", "\x7f", "\xff"]) for _ in range(n))
        data = bytes(rnd.randrange(256) for _ in range(rnd.choice([0, 1, 2, 3, 50, 100, 300])))
        inputs.append([text, data.hex()])
    # past the 8192-unit chunks of String.fromCharCode.apply
    inputs.append(["é😀a" * 3000, bytes(rnd.randrange(256) for _ in range(9000)).hex()])
    got = json.loads(ctx.eval(f"JSON.stringify(({NO_NATIVE_CHECK})({json.dumps(inputs)}))"))
    for (text, data_hex), row in zip(inputs, got):
        data = bytes.fromhex(data_hex)
        utf8 = text.encode("utf-8")
        replaced = data.decode("utf-8", "replace")
        rev = data[::-1]
        order = (data > rev) - (data < rev)
        units = text.encode("utf-16-le")
        latin1_of_text = units[0::2]  # the low byte of each UTF-16 code unit
        decoded = replaced[1:] if data.startswith(b"\xef\xbb\xbf") else replaced  # TextDecoder drops a BOM
        assert row == [utf8.hex(), utf8.hex(), len(utf8), decoded,
                       replaced, data.decode("latin1"), b64.b64encode(data).decode(),
                       b64.urlsafe_b64encode(data).decode().rstrip("="), data.hex(), data.hex(), data.hex(),
                       data.decode("latin1"), b64.b64encode(data).decode(), order, latin1_of_text.hex()]
