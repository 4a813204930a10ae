"""Buffer: differential against Node 20's own Buffer.

One corpus of JavaScript expressions (built below, a few thousand) runs in one
node process and in one jshost call; every result is described the same way
(bytes as hex plus whether it is a Buffer, numbers with -0/NaN kept, BigInt as
text, and for a thrown error its name, code, message and String(err)) and the
two lists must be equal. A case marked with a leading "~" throws an engine
error (V8 and QuickJS word those differently): only the error's name is compared.
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
  const hex = (u8) => Array.prototype.map.call(u8, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
  function describe(v, depth) {
    if (v === undefined) return ['undefined'];
    if (v === null) return null;
    switch (typeof v) {
      case 'number': return Number.isFinite(v) && !Object.is(v, -0) ? v : ['number', Object.is(v, -0) ? '-0' : String(v)];
      case 'bigint': return ['bigint', String(v)];
      case 'string': case 'boolean': return v;
      case 'symbol': return ['symbol', String(v)];
      case 'function': return ['function', v.name];
    }
    if (depth > 4) return ['deep'];
    if (v instanceof Uint8Array) {
      return ['bytes', Buffer.isBuffer(v), Object.getPrototypeOf(v) === Buffer.prototype, v.length, hex(v)];
    }
    if (ArrayBuffer.isView(v)) return ['view', Object.prototype.toString.call(v), Array.from(v, String)];
    if (v instanceof ArrayBuffer) return ['arraybuffer', v.byteLength];
    if (Array.isArray(v)) return v.map((x) => describe(x, depth + 1));
    const out = {};
    for (const k of Object.keys(v)) out[k] = describe(v[k], depth + 1);
    return out;
  }
  return cases.map((src) => {
    const loose = src[0] === '~';
    try {
      return ['ok', describe((0, eval)(loose ? src.slice(1) : src), 0)];
    } catch (e) {
      if (loose || e === null || typeof e !== 'object') return ['error', e && e.name];
      return ['error', e.name, e.code === undefined ? null : e.code, e.message, String(e),
              String(e.stack).split('\n')[0], Object.keys(e), e.constructor.name,
              e instanceof TypeError, e instanceof RangeError];
    }
  });
})
"""

STRINGS = [
    "", "a", "hello world", "héllo wörld", "€", "😀 smile", "a\ud800b", "\udc00", "\ud83d", "日本語テキスト",
    "\x00\x01\x7f\x80\xff", "ÿþ", "Ł\u0130\u0141", "x" * 70, "é" * 40 + "😀" * 10,
]
B64_STRINGS = [
    "aGVsbG8gd29ybGQ=", "aGVsbG8gd29ybGQ", "aGVs bG8\nd29y\tbGQ=", "aGVsbG8=d29ybGQ=", "QQ", "QQ=", "QQ==",
    "Q", "QUJD", "QUJD=", "QUJDRA", "QUJDRA==", "-_-_", "+/+/", "-_+/", "YW55IGNhcm5hbCBwbGVhc3VyZS4", "!!!",
    "QUJD\u0141\u0141\u0141\u0141", "QUJDRA\u0100\u0100", "QR==", "QUI", "QUJD\u013dQUJD", "====", "a===",
    "YWJj ZGVm Z2hp amts bW5v cHFy c3R1 dnd4 eXo=", "QUJD" * 30 + "=", "  ", "Zm9v\r\nYmFy",
]
HEX_STRINGS = ["", "00", "0a0B0c", "abc", "zz", "a z0", "0g12", "ABCDEF0123456789", "\u0130\u0130", "1234zz56",
               "ff" * 40, "f", "-1", "0x12"]
ENCODINGS = ["utf8", "utf-8", "UTF8", "Utf-8", "ucs2", "ucs-2", "utf16le", "utf-16le", "UTF16LE", "latin1", "binary",
             "ascii", "base64", "base64url", "hex", "HEX", "Latin1"]
BAD_ENCODINGS = ["utf-16", "utf32", "foo", "", "null", "UTF-8 ", "base-64"]


def js_str(s: str) -> str:
    return json.dumps(s)


def build_cases() -> list[str]:
    rnd = random.Random(20240501)
    cases: list[str] = []
    add = cases.append

    # --- Buffer.from(string, encoding) and round trips ---------------------
    for s in STRINGS:
        for enc in ENCODINGS:
            add(f"Buffer.from({js_str(s)}, {js_str(enc)})")
            add(f"Buffer.from({js_str(s)}, {js_str(enc)}).toString({js_str(enc)})")
            add(f"Buffer.byteLength({js_str(s)}, {js_str(enc)})")
        add(f"Buffer.from({js_str(s)})")
        add(f"Buffer.byteLength({js_str(s)})")
        for enc in BAD_ENCODINGS:
            add(f"Buffer.from({js_str(s)}, {js_str(enc)})")
            add(f"Buffer.byteLength({js_str(s)}, {js_str(enc)})")
        add(f"Buffer.from({js_str(s)}, 5)")
        add(f"Buffer.from({js_str(s)}, null)")
    for s in B64_STRINGS:
        for enc in ["base64", "base64url"]:
            add(f"Buffer.from({js_str(s)}, {js_str(enc)})")
            add(f"Buffer.byteLength({js_str(s)}, {js_str(enc)})")
            add(f"[Buffer.alloc(5).write({js_str(s)}, {js_str(enc)}), Buffer.alloc(2)]")
            add(f"(() => {{ const b = Buffer.alloc(4, 0xee); return [b.write({js_str(s)}, 1, 2, {js_str(enc)}), b]; }})()")
    for s in HEX_STRINGS:
        add(f"Buffer.from({js_str(s)}, 'hex')")
        add(f"Buffer.byteLength({js_str(s)}, 'hex')")
        add(f"(() => {{ const b = Buffer.alloc(4, 0xee); return [b.write({js_str(s)}, 1, 'hex'), b]; }})()")
    for _ in range(40):
        n = rnd.randrange(0, 60)
        data = bytes(rnd.randrange(256) for _ in range(n))
        arr = list(data)
        for enc in ["hex", "base64", "base64url", "latin1", "ascii", "utf8", "ucs2"]:
            add(f"Buffer.from({arr}).toString({js_str(enc)})")
        add(f"Buffer.from({arr}).toString('utf8', {rnd.randrange(-3, 10)}, {rnd.randrange(-3, 70)})")

    # --- Buffer.from other shapes ------------------------------------------------
    for expr in [
        "[1, 2, 3]", "[256, -1, 1.7, '7', NaN, null, {}, 1e20, -129]", "new Uint8Array([5, 6])",
        "new Uint16Array([1, 256, 65535])", "new Float64Array([1.5, 300, -2])", "{length: 3, 0: 1, 2: 9}",
        "{length: 'x'}", "{length: NaN}", "{length: -1}", "{type: 'Buffer', data: [1, 2, 300]}",
        "{type: 'Buffer', data: 'abc'}", "{type: 'Other', data: [1]}", "new String('abc')",
        "{valueOf() { return 'from valueOf'; }}", "{valueOf() { return [7, 8]; }}", "{valueOf() { return 42; }}",
        "{[Symbol.toPrimitive](hint) { return 'prim:' + hint; }}", "{[Symbol.toPrimitive]() { return 5; }}",
        "Buffer.from('abc')", "[]", "{}", "null", "undefined", "5", "true", "Symbol('s')", "10n",
        "function named() {}", "() => 1", "Object.create(null)", "new (class Foo {})()", "new Map()",
        "{constructor: {}}", "'x'.repeat(40)", "new DataView(new ArrayBuffer(4))",
    ]:
        add(f"Buffer.from({expr})")
        add(f"Buffer.from({expr}, 'hex')")
    add("Buffer.from(new String('6869'), 'hex')")
    add("Buffer.from({[Symbol.toPrimitive]() { return '6869'; }}, 'hex')")
    # ArrayBuffer: shared memory, offsets, bounds
    for args in ["", ", 1", ", 1, 2", ", 0, 4", ", 4", ", 5", ", 1, 4", ", '1', '2'", ", NaN, 2", ", undefined, 3",
                 ", 2, -1", ", 1.5", ", -1", ", 0, 0", ", 0, 5"]:
        add(f"(() => {{ const ab = new Uint8Array([1, 2, 3, 4]).buffer; const b = Buffer.from(ab{args}); "
            f"new Uint8Array(ab)[1] = 99; return [b, b.buffer === ab, b.byteOffset]; }})()")
    add("(() => { const u = new Uint8Array([1, 2]); const b = Buffer.from(u); u[0] = 9; return [b, u]; })()")
    add("(() => { const b = Buffer.from(new Uint8Array([1, 2, 3]).buffer); return Buffer.from(b.buffer, 1, 1); })()")

    # --- alloc / allocUnsafe / Buffer() / of / copyBytesFrom ---------------------
    for size in ["0", "1", "5", "-0", "1.5", "-1", "NaN", "Infinity", "2 ** 33", "'5'", "null", "undefined", "5n"]:
        add(f"Buffer.alloc({size})")
        add(f"Buffer.allocUnsafe({size}).length")
        add(f"Buffer.allocUnsafeSlow({size}).length")
        add(f"Buffer({size}).length")
        add(f"new Buffer({size}).length")
    for fill in ["'a'", "'ab'", "'abc', 'hex'", "'616263', 'hex'", "'zz', 'hex'", "'€'", "'€', 'latin1'",
                 "'\\u0100', 'latin1'", "'aGk=', 'base64'", "'', 'utf8'", "0", "1", "257", "-1", "1.5", "true",
                 "null", "{}", "Buffer.from('xy')", "new Uint16Array([0x102])", "new Uint8Array(0)", "'a', 'bad'",
                 "'a', 5", "'a', null", "'😀', 'utf8'", "'😀', 'ucs2'", "'x', ''", "[1, 2]", "Symbol()",
                 "'a', 'ascii'", "'\\u00ff', 'ascii'", "'\\u00ff'"]:
        for size in ["0", "1", "5", "7"]:
            add(f"{'~' if 'Symbol' in fill else ''}Buffer.alloc({size}, {fill})")
    add("Buffer.alloc(5, 'abc', 'utf8').toString()")
    add("Buffer('abc', 'hex')")
    add("Buffer(5, 'utf8')")
    add("new Buffer('abc')")
    add("new Buffer([1, 2, 3])")
    add("new Buffer(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2)")
    add("Buffer.of(1, 2, 300, -1)")
    add("Buffer.of()")
    for args in ["new Uint8Array([1, 2, 3])", "new Uint16Array([1, 258])", "new Uint16Array([1, 258, 3]), 1",
                 "new Uint16Array([1, 258, 3]), 1, 1", "new Uint8Array([1, 2]), 5", "new Uint8Array([1, 2]), -1",
                 "new Uint8Array([1, 2]), 1.5", "new Uint8Array([1, 2]), '1'", "[1, 2]", "new Uint8Array(0)",
                 "new Float32Array([1.5]), 0, 1", "new Uint8Array([1, 2]), undefined, 1"]:
        add(f"Buffer.copyBytesFrom({args})")

    # --- statics -----------------------------------------------------------------
    for enc in ENCODINGS + BAD_ENCODINGS + ["undefined", "null", "5", "[]"]:
        lit = enc if enc in ("undefined", "null", "5", "[]") else js_str(enc)
        add(f"Buffer.isEncoding({lit})")
    for v in ["Buffer.alloc(1)", "new Uint8Array(1)", "'a'", "null", "{}", "Buffer"]:
        add(f"Buffer.isBuffer({v})")
    for a, b in [("'abc'", "'abd'"), ("'abc'", "'abc'"), ("'ab'", "'abc'"), ("'b'", "'abc'"), ("''", "''"),
                 ("'\\u00ff'", "'a'")]:
        add(f"Buffer.compare(Buffer.from({a}, 'latin1'), Buffer.from({b}, 'latin1'))")
        add(f"Buffer.from({a}, 'latin1').compare(Buffer.from({b}, 'latin1'))")
        add(f"Buffer.from({a}, 'latin1').equals(Buffer.from({b}, 'latin1'))")
    add("Buffer.compare(Buffer.from('a'), 'a')")
    add("Buffer.compare([1], Buffer.from('a'))")
    add("Buffer.compare(new Uint8Array([1]), new Uint8Array([2]))")
    for lst in ["[Buffer.from('ab'), Buffer.from('cd')]", "[Buffer.from('ab'), new Uint8Array([1])]", "[]",
                "[Buffer.from('ab'), 'cd']", "'ab'", "null", "[Buffer.from('abc')], 2", "[Buffer.from('abc')], 5",
                "[Buffer.from('abc')], 0", "[Buffer.from('abc')], -1", "[Buffer.from('abc')], 1.5",
                "[Buffer.from('abc')], '2'", "[Buffer.from('a'), [1, 2]]", "[new Uint8Array(0)]"]:
        add(f"Buffer.concat({lst})")
    for v in ["new ArrayBuffer(7)", "new Uint16Array(3)", "new DataView(new ArrayBuffer(5))", "5", "null", "[1, 2]",
              "{}"]:
        add(f"Buffer.byteLength({v})")
    add("Buffer.poolSize")
    add("[typeof Buffer, Buffer.name, Buffer.length, Object.getPrototypeOf(Buffer) === Uint8Array]")
    add("[Buffer.prototype.constructor === Buffer, Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype]")
    add("[Buffer.from('a') instanceof Buffer, Buffer.from('a') instanceof Uint8Array, Buffer.alloc(1).constructor.name]")
    add("Object.keys(Buffer).sort()")
    add("Object.getOwnPropertyNames(Buffer.prototype).sort()")
    add("Object.keys(Buffer.prototype).length")
    for target in ["Buffer", "Buffer.prototype"]:
        add(f"Reflect.ownKeys({target}).map(String).sort().map((k) => {{ const d = Object.getOwnPropertyDescriptor({target}, "
            f"Reflect.ownKeys({target}).find((x) => String(x) === k)); return [k, typeof d.value, typeof d.get, "
            f"d.enumerable, d.configurable, d.writable]; }})")
    for name in ["from", "alloc", "allocUnsafe", "concat", "byteLength", "compare", "isEncoding", "copyBytesFrom"]:
        add(f"[Buffer.{name}.name, Buffer.{name}.length]")
    for name in ["toString", "write", "slice", "subarray", "fill", "indexOf", "lastIndexOf", "includes", "copy",
                 "compare", "equals", "toJSON", "readUInt8", "readUIntLE", "writeUInt32BE", "writeIntBE",
                 "readBigInt64LE", "writeDoubleLE", "swap16", "inspect", "hexSlice", "utf8Write", "toLocaleString",
                 "readUint16LE", "writeBigUint64BE"]:
        add(f"[Buffer.prototype.{name}.name, Buffer.prototype.{name}.length]")
    add("Buffer.prototype.toLocaleString === Buffer.prototype.toString")
    add("Buffer.prototype.inspect === Buffer.prototype[Symbol.for('nodejs.util.inspect.custom')]")
    add("Buffer.prototype.readUint8 === Buffer.prototype.readUInt8")
    add("[Buffer.from('ab').parent instanceof ArrayBuffer, typeof Buffer.from('ab').offset, Buffer.prototype.parent]")

    # --- toString(encoding, start, end) ---------------------------------------------
    src = "Buffer.from('héllo wörld 😀!', 'utf8')"
    for enc in ["undefined", "'utf8'", "'hex'", "'base64'", "'latin1'", "'ucs2'", "'ascii'", "null", "''", "'bad'",
                "5", "'UTF-8'"]:
        for start, end in [("", ""), (", 0", ""), (", 2", ""), (", 2, 5", ""), (", -1, 3", ""), (", 3, 2", ""),
                           (", 100", ""), (", 1.7, 4.9", ""), (", '2', '6'", ""), (", NaN, NaN", ""),
                           (", undefined, 4", ""), (", 0, 100", ""), (", 3, -1", ""), (", Infinity", ""),
                           (", -Infinity, Infinity", "")]:
            add(f"{src}.toString({enc}{start}{end})")
    add(f"{src}.toString()")
    add(f"{src}.toLocaleString('hex')")
    for enc in ["{}", "[]", "-0", "[1, 2]", "{toString() { return 'hex'; }}", "Symbol('e')", "10n", "true"]:
        loose = "~" if "Symbol" in enc else ""
        add(f"{loose}{src}.toString({enc})")
        add(f"{loose}{src}.write('ab', 0, 1, {enc})")
        add(f"{loose}{src}.indexOf('ab', 0, {enc})")
    for name in ["hexSlice", "utf8Slice", "latin1Slice", "asciiSlice", "base64Slice", "base64urlSlice", "ucs2Slice"]:
        for args in ["", "1", "1, 3", "-1", "0, 100", "3, 1", "'1', '3'", "1.5, 3.5", "NaN, 2", "0, Infinity"]:
            add(f"{src}.{name}({args})")
    add("Buffer.from([0xed, 0xa0, 0x80, 0x41, 0xf0, 0x9f, 0x98, 0xe0, 0x80, 0xc0, 0xaf, 0xf4, 0x90, 0x80, 0x80]).toString()")
    add("Buffer.from([0x00, 0xd8, 0x41, 0x00, 0x42]).toString('ucs2')")
    add("Buffer.from([0x80, 0xff, 0x41, 0x7f]).toString('ascii')")

    # --- write ---------------------------------------------------------------------
    for args in ["'abc'", "'abc', 2", "'abc', 2, 1", "'abc', 'hex'", "'abcd', 'hex'", "'abc', 1, 'latin1'",
                 "'abc', 1, 2, 'latin1'", "'€€', 0", "'€€', 4", "'€€', 5", "'€€', 0, 4", "'😀', 0, 3", "'😀', 2",
                 "'a\\ud800', 0", "'abc', 6", "'abc', 7", "'abc', -1", "'abc', 1.5", "'abc', '1'", "'abc', 0, -1",
                 "'abc', 0, 7", "'abc', 0, 1.5", "'abc', 0, '2'", "'abc', 0, 2, 'bad'", "'abc', 'bad'",
                 "'abc', undefined, 2", "'abc', 0, undefined, 'hex'", "5", "null", "'abc', null",
                 "'abc', 0, 6, 'ucs2'", "'abc', 1, 6, 'ucs2'", "'abc', 0, 3, 'utf16le'", "'aGVsbG8=', 'base64'",
                 "'aGVsbG8', 1, 3, 'base64url'", "'\\u00ff\\u0100', 'ascii'", "'\\u00ff\\u0100', 'latin1'",
                 "'abc', 0, 6, 'UCS2'", "'abc', 0, 0", "'', 0"]:
        add(f"(() => {{ const b = Buffer.alloc(6, 0xee); return [b.write({args}), b]; }})()")
    for name in ["utf8Write", "latin1Write", "hexWrite", "ucs2Write", "asciiWrite", "base64Write"]:
        for args in ["'6162'", "'6162', 1", "'6162', 1, 1", "'6162', 7", "'6162', -1", "'6162', 0, 100", "5",
                     "'6162', 6"]:
            add(f"(() => {{ const b = Buffer.alloc(6, 0xee); return [b.{name}({args}), b]; }})()")

    # --- slice / subarray -------------------------------------------------------------
    for args in ["", "1", "1, 3", "-2", "-2, -1", "3, 1", "'1', '3'", "1.5, 3.9", "NaN", "undefined, 2", "-100",
                 "100", "0, -100", "Infinity", "-Infinity, Infinity", "null, 2"]:
        for method in ["slice", "subarray"]:
            add(f"(() => {{ const b = Buffer.from('abcdef'); const s = b.{method}({args}); s.fill(0x7a); "
                f"return [s, b, s instanceof Buffer]; }})()")
    add("Uint8Array.prototype.slice.call(Buffer.from('abc'), 1)")
    add("[Buffer[Symbol.species] === Buffer, Buffer[Symbol.species].name, Buffer.from('ab').map((x) => x).constructor === Buffer]")
    add("(() => { class Sub extends Buffer {} const b = new Sub(2); return [b instanceof Sub, b instanceof Buffer, b]; })()")
    add("Buffer.from('abc').map((x) => x + 1)")
    add("Buffer.from('abcd').filter((x) => x % 2)")
    add("Array.from(Buffer.from('ab').entries())")
    add("[...Buffer.from('ab').keys(), ...Buffer.from('ab').values()]")
    add("[...Buffer.from('ab')]")

    # --- toJSON, inspect ----------------------------------------------------------------
    for expr in ["Buffer.from('hi')", "Buffer.alloc(0)", "Buffer.alloc(50, 1)", "Buffer.alloc(51, 2)", "Buffer.alloc(60)"]:
        add(f"{expr}.toJSON()")
        add(f"JSON.stringify({expr})")
        add(f"{expr}.inspect()")
        add(f"{expr}[Symbol.for('nodejs.util.inspect.custom')]()")
    add("JSON.stringify({b: Buffer.from('x')})")
    add("Buffer.from(JSON.parse(JSON.stringify(Buffer.from('round trip'))))")

    # --- fill --------------------------------------------------------------------------
    for args in ["0", "'a'", "'ab', 1", "'ab', 1, 4", "'ab', 1, 4, 'hex'", "'6162', 1, 'hex'", "'61', 'hex'",
                 "'zz', 'hex'", "'€', 1", "'abc', 0, 6, 'ucs2'", "'abc', 'latin1'", "0x1234", "-1", "1.9", "'x', -1",
                 "'x', 7", "'x', 1.5", "'x', '1'", "'x', 2, 1", "'x', 0, 7", "'x', 0, -1", "'x', 0, 3, 'bad'",
                 "'x', 0, 3, 5", "Buffer.from('xyz'), 1", "new Uint8Array(0)", "true", "false", "{}",
                 "'aGk=', 'base64'", "'', 1", "'\\u0100', 'latin1'", "'x', 'bad'", "5, 'hex'", "'x', null",
                 "'x', 0, null"]:
        add(f"(() => {{ const b = Buffer.alloc(6); return b.fill({args}); }})()")
    add("(() => { const b = Buffer.alloc(6); return b.fill('x', 2) === b; })()")

    # --- indexOf / lastIndexOf / includes ------------------------------------------------
    hay = "Buffer.from('abcabc€x\\u00e9abc', 'utf8')"
    for needle in ["'abc'", "'c'", "'€'", "'\\u00e9'", "''", "'zzz'", "'abcabc€x\\u00e9abcd'", "99", "0x61", "353",
                   "-159", "97.9", "Buffer.from('bc')", "new Uint8Array([0x62])", "Buffer.alloc(0)", "{}", "null",
                   "true", "'6263', 'hex'", "'YWJj', 'base64'", "'abc', 'latin1'", "'abc', 'ucs2'", "'abc', 'bad'",
                   "Buffer.from('bc'), 'ucs2'", "Buffer.from('bc'), 'bad'"]:
        enc_in_needle = "," in needle and not needle.startswith(("Buffer", "new"))
        for off in ["", "0", "1", "3", "-1", "-4", "-100", "100", "1.5", "'1'", "NaN", "null", "[]", "2 ** 40",
                    "-(2 ** 40)", "'utf8'", "'latin1'"]:
            if enc_in_needle and off:
                n_expr, enc = needle.split(", ")
                call = f"{n_expr}, {off}, {enc}" if not off.startswith("'") else f"{n_expr}, {off}"
            else:
                call = needle + (f", {off}" if off else "")
            for method in ["indexOf", "lastIndexOf", "includes"]:
                add(f"{hay}.{method}({call})")
    u16 = "Buffer.from('abcXabcYab', 'ucs2')"
    for needle in ["'abc'", "'b'", "'Yab'", "'Z'", "''", "Buffer.from('bc', 'ucs2')", "Buffer.from([0x63, 0x00])"]:
        for off in ["", "0", "1", "2", "3", "7", "8", "-2", "-3", "100", "-100"]:
            for method in ["indexOf", "lastIndexOf"]:
                add(f"{u16}.{method}({needle}, {off or 'undefined'}, 'ucs2')")
    for _ in range(150):
        n = rnd.randrange(0, 24)
        h = [rnd.choice([0x61, 0x62, 0x63]) for _ in range(n)]
        m = rnd.randrange(0, 4)
        nd = [rnd.choice([0x61, 0x62, 0x63]) for _ in range(m)]
        off = rnd.choice(["", f", {rnd.randrange(-30, 30)}"])
        method = rnd.choice(["indexOf", "lastIndexOf"])
        add(f"Buffer.from({h}).{method}(Buffer.from({nd}){off})")
        add(f"Buffer.from({h}).{method}({js_str(bytes(nd).decode())}{off})")
        if m:
            add(f"Buffer.from({h}).{method}({nd[0]}{off})")
    add("Buffer.alloc(0).indexOf(0)")
    add("Buffer.alloc(0).lastIndexOf('')")
    add("Buffer.alloc(0).indexOf('', 1)")

    # --- copy ---------------------------------------------------------------------------
    for args in ["t", "t, 1", "t, 1, 2", "t, 1, 2, 4", "t, 0, 0, 100", "t, 10", "t, -1", "t, 1.5", "t, '2'",
                 "t, NaN", "t, 0, -1", "t, 0, 6", "t, 0, 7", "t, 0, 2, 1", "t, 0, 0, -1", "t, 0, 1.5, 3.5",
                 "new Uint8Array(3), 1", "[1, 2]", "null", "t, 2 ** 60", "t, 0, 0, 2 ** 60", "t, undefined, 4",
                 "t, 0, undefined, 2", "t, Infinity"]:
        add(f"(() => {{ const s = Buffer.from('abcdef'); const t = Buffer.alloc(5, 0x2e); "
            f"const r = s.copy({args}); return [r, t]; }})()")
    add("(() => { const b = Buffer.from('abcdef'); b.copy(b, 2, 0, 4); return b; })()")
    add("Buffer.prototype.copy.call(new Uint8Array([1, 2]), Buffer.alloc(3))")
    add("Buffer.prototype.copy.call([1, 2], Buffer.alloc(3))")

    # --- compare with ranges -------------------------------------------------------------
    for args in ["t, 0", "t, 1", "t, 0, 2", "t, 0, 3, 0, 3", "t, 1, 3, 1, 3", "t, 2, 3, 0, 1", "t, 0, 9",
                 "t, -1", "t, 1.5", "t, '1'", "t, 0, 2, 2", "t, 0, 2, 0, 10", "t, 5, 5", "t, 3, 1", "t, 0, 0, 0, 0",
                 "t, 0, 3, 2, 1", "t, undefined, 2", "t, 0, undefined, 1", "t, 4", "t, 4, 4, 0, 1", "'x'",
                 "t, 0, 3, 0, 2"]:
        add(f"(() => {{ const s = Buffer.from('abc'); const t = Buffer.from('abd'); return s.compare({args}); }})()")
    add("Buffer.from('abc').equals('abc')")
    add("Buffer.from('abc').equals(new Uint8Array([97, 98, 99]))")

    # --- swap ----------------------------------------------------------------------------
    for n in [0, 2, 3, 4, 6, 8, 16, 200]:
        for w in ["16", "32", "64"]:
            add(f"Buffer.from(Array.from({{length: {n}}}, (_, i) => i)).swap{w}()")

    # --- numbers ---------------------------------------------------------------------------
    sample = "Buffer.from([0x01, 0x82, 0xf3, 0x04, 0xff, 0x80, 0x00, 0x7f, 0xde, 0xad])"
    fixed = [("UInt8", 1), ("Int8", 1), ("UInt16LE", 2), ("UInt16BE", 2), ("Int16LE", 2), ("Int16BE", 2),
             ("UInt32LE", 4), ("UInt32BE", 4), ("Int32LE", 4), ("Int32BE", 4), ("FloatLE", 4), ("FloatBE", 4),
             ("DoubleLE", 8), ("DoubleBE", 8), ("BigUInt64LE", 8), ("BigUInt64BE", 8), ("BigInt64LE", 8),
             ("BigInt64BE", 8), ("Uint8", 1), ("Uint16LE", 2), ("Uint16BE", 2), ("Uint32BE", 4), ("BigUint64LE", 8)]
    for name, size in fixed:
        for off in ["", "0", "1", "2", f"{10 - size}", f"{11 - size}", "-1", "1.5", "'1'", "NaN", "null", "undefined",
                    "2 ** 40", "-0", "Infinity", "1e300", "{}"]:
            add(f"{sample}.read{name}({off})")
        add(f"Buffer.alloc({size - 1}).read{name}(0)")
        add(f"Buffer.alloc(0).read{name}()")
    for name in ["UIntLE", "UIntBE", "IntLE", "IntBE", "UintLE", "UintBE"]:
        for args in ["0, 1", "0, 2", "0, 3", "1, 4", "2, 5", "3, 6", "4, 6", "5, 6", "0, 7", "0, 0", "0, 1.5",
                     "0, '2'", "0", "undefined, 2", "'0', 2", "-1, 2", "1.5, 2", "0, -1", "9, 1", "10, 1", "NaN, 1",
                     "0, null"]:
            add(f"{sample}.read{name}({args})")
    int_values = {
        "UInt8": ["0", "255", "256", "-1", "1.7", "'12'", "NaN", "null", "undefined", "true", "2 ** 40", "-0.5"],
        "Int8": ["-128", "127", "128", "-129", "-1.5", "1e10"],
        "UInt16LE": ["0", "65535", "65536", "-1", "4660.9", "NaN", "'x'"],
        "UInt16BE": ["4660", "65536"],
        "Int16LE": ["-32768", "32767", "-32769", "32768", "-1"],
        "Int16BE": ["-2", "32768"],
        "UInt32LE": ["0", "4294967295", "4294967296", "-1", "305419896", "1.5"],
        "UInt32BE": ["305419896", "2 ** 32"],
        "Int32LE": ["-2147483648", "2147483647", "2147483648", "-2147483649", "2 ** 40", "-1"],
        "Int32BE": ["-2", "-(2 ** 31)"],
        "FloatLE": ["1.5", "-0", "NaN", "Infinity", "3.4e39", "'2.5'", "1e-46", "{}"],
        "FloatBE": ["1.1", "-2.5e-10"],
        "DoubleLE": ["Math.PI", "-0", "NaN", "1e308", "'x'", "5e-324"],
        "DoubleBE": ["-Math.E", "Number.MAX_SAFE_INTEGER"],
        "BigUInt64LE": ["0n", "2n ** 64n - 1n", "2n ** 64n", "-1n", "0x0102030405060708n"],
        "BigUInt64BE": ["0x0102030405060708n", "12345678901234567890n"],
        "BigInt64LE": ["-1n", "-(2n ** 63n)", "2n ** 63n", "2n ** 63n - 1n", "-(2n ** 63n) - 1n", "-5n"],
        "BigInt64BE": ["-1234567890123456789n", "2n ** 63n"],
        "Uint16BE": ["513", "-1"],
        "BigUint64LE": ["7n"],
    }
    for name, values in int_values.items():
        size = dict(fixed)[name]
        for value in values:
            for off in ["", "0", "1", f"{10 - size}", f"{11 - size}", "-1", "1.5", "'1'", "NaN", "null"]:
                call = value + (f", {off}" if off else "")
                loose = "~" if name.startswith("Big") and "n" not in value.replace("NaN", "") else ""
                add(f"{loose}(() => {{ const b = Buffer.alloc(10, 0xee); const r = b.write{name}({call}); return [r, b]; }})()")
    add("~Buffer.alloc(8).writeBigInt64LE(5)")
    add("~Buffer.alloc(8).writeUInt8(5n)")
    add("~Buffer.alloc(8).writeDoubleLE(5n)")
    for name in ["UIntLE", "UIntBE", "IntLE", "IntBE"]:
        for value in ["0", "1", "-1", "255", "256", "65535", "-32768", "16777215", "-8388608", "2 ** 32", "2 ** 40",
                      "-(2 ** 39)", "2 ** 47", "-(2 ** 47)", "2 ** 48 - 1", "2 ** 48", "-(2 ** 47) - 1", "1.5",
                      "NaN", "'7'"]:
            for args in ["0, 1", "0, 2", "0, 3", "0, 4", "0, 5", "0, 6", "4, 6", "5, 6", "0, 7", "0, 0", "0",
                         "undefined, 2", "'0', 2", "-1, 2", "1.5, 2", "0, '2'", "10, 1"]:
                add(f"(() => {{ const b = Buffer.alloc(10, 0xee); const r = b.write{name}({value}, {args}); "
                    f"return [r, b]; }})()")
    for _ in range(200):
        data = [rnd.randrange(256) for _ in range(8)]
        name, size = rnd.choice(fixed)
        add(f"Buffer.from({data}).read{name}({rnd.randrange(0, 9 - size)})")
        bl = rnd.randrange(1, 7)
        add(f"Buffer.from({data}).read{rnd.choice(['UIntLE', 'UIntBE', 'IntLE', 'IntBE'])}({rnd.randrange(0, 9 - bl)}, {bl})")
        v = rnd.choice([rnd.randrange(-2 ** 47, 2 ** 47), rnd.randrange(0, 2 ** 32), rnd.uniform(-1e6, 1e6)])
        add(f"(() => {{ const b = Buffer.alloc(8); b.writeDoubleBE({v!r}); b.writeFloatLE({v!r}, 4); return b; }})()")
        add(f"(() => {{ const b = Buffer.alloc(8); return [b.writeIntBE({int(v)}, 1, 6), b]; }})()")
    return cases


CASES = build_cases()


def run_node(cases: list[str]) -> list:
    return differential.run_node(HARNESS, cases)


def compare_with_node(js, harness: str, cases: list[str], expected: list) -> None:
    differential.compare_in_js(js, harness, cases, expected)


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_buffer_matches_node(js) -> None:
    expected = run_node(CASES)
    assert len(expected) == len(CASES)
    compare_with_node(js, HARNESS, CASES, expected)


FUZZ_VALUES = [
    "0", "1", "2", "3", "-1", "-3", "1.5", "7", "8", "100", "NaN", "undefined", "null", "'2'", "'hex'", "'utf8'",
    "'base64'", "'latin1'", "'ucs2'", "'ab'", "'€'", "''", "true", "[]", "{}", "Infinity", "-Infinity", "2**31",
    "-(2**31)", "2**32", "0x7f", "255", "256", "-0", "Buffer.from('bc')", "new Uint8Array([98])", "'YmM='", "'6263'",
    "1e10", "'bad'", "10n", "'ascii'", "'binary'", "'UTF-16LE'",
]
FUZZ_METHODS = [
    "indexOf", "lastIndexOf", "includes", "fill", "write", "toString", "slice", "subarray", "copy", "compare",
    "equals", "readUIntLE", "readIntBE", "writeUIntBE", "writeIntLE", "readUInt16BE", "writeInt16LE", "readFloatBE",
    "writeDoubleLE", "hexSlice", "utf8Write", "latin1Slice", "ucs2Write", "base64Slice", "readInt32LE",
    "writeUInt32BE", "writeInt8", "swap16", "readBigInt64BE", "writeBigUInt64LE", "toJSON", "asciiWrite",
    "base64urlSlice", "readDoubleLE", "writeFloatBE",
]


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_random_calls_match_node(js) -> None:
    # Random methods with random (often wrong) arguments: results, side effects and errors.
    rnd = random.Random(99)
    cases = []
    for _ in range(4000):
        method = rnd.choice(FUZZ_METHODS)
        args = [rnd.choice(FUZZ_VALUES) for _ in range(rnd.randrange(0, 5))]
        if method in ("copy", "compare", "equals") and rnd.random() < 0.7:
            args = ["t", *args[1:]] if args else ["t"]
        loose = "~" if "10n" in args or method.startswith(("readBig", "writeBig")) else ""
        cases.append(f"{loose}(() => {{ const b = Buffer.from('abc€abcdef'); const t = Buffer.from('xyzw'); "
                     f"const r = b.{method}({', '.join(args)}); return [r, b, t]; }})()")
    compare_with_node(js, HARNESS, cases, run_node(cases))


def test_buffer_basics_without_node(js) -> None:
    # Facts from Node's documentation, checked without node.
    assert js("Buffer.from('hello').toString('base64')") == "aGVsbG8="
    assert js("Buffer.from('aGVsbG8', 'base64').toString()") == "hello"
    assert js("Buffer.from('68656c6c6f', 'hex').toString()") == "hello"
    assert js("Buffer.from([1, 2, 3]) instanceof Uint8Array") is True
    assert js("String(Buffer.from('hi').inspect())") == "<Buffer 68 69>"
    assert js("Buffer.alloc(52).inspect().endsWith(' ... 2 more bytes>')") is True
    err = js("try { Buffer.alloc(2).readUInt16LE(1) } catch (e) { [e.name, e.code, e.message] }")
    assert err == ["RangeError", "ERR_OUT_OF_RANGE",
                   'The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1']


def test_buffer_pool_and_shared_memory(js) -> None:
    # Small buffers are slices of one 8 KiB pool, big ones own their memory.
    assert js("const a = Buffer.from('ab'), b = Buffer.from('cd'); "
              "[a.buffer.byteLength, a.buffer !== b.buffer || b.byteOffset - a.byteOffset === 8]") == [8192, True]
    assert js("Buffer.alloc(10).buffer.byteLength") == 10
    assert js("Buffer.allocUnsafe(5000).buffer.byteLength") == 5000
    assert js("const ab = new ArrayBuffer(4); const v = Buffer.from(ab, 1, 2); v[0] = 7; new Uint8Array(ab)[1]") == 7


def test_corpus_size() -> None:
    assert len(CASES) > 3000


# console.log of Buffers goes through the inspect hook (util.js calls it as Node does).
CONSOLE_SCRIPT = r"""
console.log(Buffer.from('hello'));
console.log(Buffer.alloc(0));
console.log(Buffer.alloc(50, 1));
console.log(Buffer.alloc(51, 2));
console.log(Buffer.alloc(300));
console.log({ buf: Buffer.from('x'), list: [Buffer.from([1, 2, 3])] });
const withProps = Buffer.from('hi'); withProps.extra = 1; withProps.other = 'two';
console.log(withProps);
const empty = Buffer.alloc(0); empty.extra = true;
console.log(empty);
const sym = Buffer.from('a'); sym[Symbol('k')] = 2;
console.log(sym);
console.log('%s|%o', Buffer.from('ab').toString('hex'), Buffer.from('ab'));
console.log(new TextEncoder(), new TextDecoder(), new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }));
console.log([Buffer.from('a').subarray(0, 0), Buffer.from('abc').slice(1)]);
"""


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_console_log_of_buffers_matches_node(js) -> None:
    node = subprocess.run([NODE, "-e", CONSOLE_SCRIPT], capture_output=True, text=True, check=True).stdout
    js(CONSOLE_SCRIPT + "\nundefined")
    got = "".join(entry["message"] + "\n" for entry in js.logs)
    assert got == node
