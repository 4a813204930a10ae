"""structuredClone: differential against Node 20's (built into node), plus
behavioural checks that need no node.

The same script runs in jshost and in one node process. Each case returns a
value (usually a clone, or a clone next to facts about the original); a
describer written in the script turns it into JSON that keeps what JSON would
lose: types, prototypes, -0, NaN, BigInt, holes, own keys and descriptors,
shared references and cycles, typed-array layout, error shape.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import NODE

DESCRIBE = r"""
const describe = (() => {
  const protos = [
    [Object.prototype, 'Object'], [Array.prototype, 'Array'], [Map.prototype, 'Map'], [Set.prototype, 'Set'],
    [Date.prototype, 'Date'], [RegExp.prototype, 'RegExp'], [ArrayBuffer.prototype, 'ArrayBuffer'],
    [DataView.prototype, 'DataView'], [Boolean.prototype, 'Boolean'], [Number.prototype, 'Number'],
    [String.prototype, 'String'], [BigInt.prototype, 'BigInt'], [Error.prototype, 'Error'],
    [EvalError.prototype, 'EvalError'], [RangeError.prototype, 'RangeError'],
    [ReferenceError.prototype, 'ReferenceError'], [SyntaxError.prototype, 'SyntaxError'],
    [TypeError.prototype, 'TypeError'], [URIError.prototype, 'URIError'],
    [Int8Array.prototype, 'Int8Array'], [Uint8Array.prototype, 'Uint8Array'],
    [Uint8ClampedArray.prototype, 'Uint8ClampedArray'], [Int16Array.prototype, 'Int16Array'],
    [Uint16Array.prototype, 'Uint16Array'], [Int32Array.prototype, 'Int32Array'],
    [Uint32Array.prototype, 'Uint32Array'], [Float32Array.prototype, 'Float32Array'],
    [Float64Array.prototype, 'Float64Array'], [BigInt64Array.prototype, 'BigInt64Array'],
    [BigUint64Array.prototype, 'BigUint64Array'], [null, 'null'],
  ];
  const protoName = (v) => { const p = Object.getPrototypeOf(v); for (const [q, n] of protos) if (p === q) return n; return 'other'; };
  const tagOf = (v) => Object.prototype.toString.call(v);
  return function describe(v, ids = new Map()) {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'undefined': return 'undefined';
      case 'number': return ['number', Object.is(v, -0) ? '-0' : String(v)];
      case 'bigint': return ['bigint', String(v)];
      case 'string': case 'boolean': return v;
      case 'symbol': return ['symbol', String(v)];
      case 'function': return ['function', v.name];
    }
    if (ids.has(v)) return ['ref', ids.get(v)];
    const id = ids.size;
    ids.set(v, id);
    const tag = tagOf(v);
    const out = { id, tag, proto: protoName(v) };
    const own = (o) => Reflect.ownKeys(o).filter((k) => typeof k === 'string').map((k) => {
      const d = Object.getOwnPropertyDescriptor(o, k);
      return [k, d.enumerable, d.configurable, 'value' in d ? [d.writable, describe(d.value, ids)] : ['accessor']];
    });
    switch (tag) {
      case '[object Date]': out.time = String(v.getTime()); out.own = own(v); break;
      case '[object RegExp]': out.re = [v.source, v.flags, v.lastIndex]; out.own = Object.keys(v); break;
      case '[object Boolean]': case '[object Number]': case '[object String]': case '[object BigInt]':
        out.prim = describe(v.valueOf(), ids); out.keys = Object.keys(v); break;
      case '[object Map]': out.entries = [...v].map(([k, x]) => [describe(k, ids), describe(x, ids)]); out.keys = Object.keys(v); break;
      case '[object Set]': out.items = [...v].map((x) => describe(x, ids)); out.keys = Object.keys(v); break;
      case '[object ArrayBuffer]':
        out.buf = [v.byteLength, v.resizable, v.maxByteLength, Array.from(new Uint8Array(v))]; break;
      case '[object SharedArrayBuffer]': out.sab = [v.byteLength]; break;
      case '[object DataView]':
        out.view = [v.byteOffset, v.byteLength, describe(v.buffer, ids)]; out.keys = Object.keys(v); break;
      case '[object Error]':
        out.err = [v.name, v.constructor.name, v.message, String(v.stack).split('\n')[0], own(v).map((p) => p[0]),
                   Object.prototype.hasOwnProperty.call(v, 'cause') ? describe(v.cause, ids) : 'no cause'];
        break;
      default:
        if (ArrayBuffer.isView(v)) {
          out.view = [v.constructor.name, v.byteOffset, v.length, Array.from(v, String), describe(v.buffer, ids)];
          out.keys = Object.keys(v).filter((k) => !/^\d+$/.test(k));
        } else {
          if (Array.isArray(v)) out.length = v.length;
          out.own = own(v);
          out.symbols = Object.getOwnPropertySymbols(v).length;
        }
    }
    return out;
  };
})();
"""

# name -> JS function body (an arrow function's expression) returning what to describe.
CASES: dict[str, str] = {
    # primitives
    "undefined": "structuredClone(undefined)",
    "null": "structuredClone(null)",
    "numbers": "[1, -0, NaN, Infinity, -Infinity, 1.5e300, 5e-324].map(x => structuredClone(x))",
    "bigint": "[structuredClone(0n), structuredClone(-(2n ** 100n))]",
    "strings": "['', 'abc', '\\u{1F600}', '\\ud800', 'a\\u0000b'].map(x => structuredClone(x))",
    "booleans": "[structuredClone(true), structuredClone(false)]",
    # wrappers
    "wrappers": "[Object(1), Object(-0), Object('str'), Object(false), Object(12n)].map(x => structuredClone(x))",
    "wrapper extra props dropped": "(() => { const n = new Number(3); n.x = 1; const s = new String('ab'); s.y = 2; return structuredClone([n, s]) })()",
    # dates and regexps
    "date": "(() => { const d = new Date(1700000000123); d.extra = 1; return structuredClone(d) })()",
    "invalid date": "structuredClone(new Date(NaN))",
    "regexp": "(() => { const r = /ab+c/gimsuy; r.lastIndex = 3; r.extra = 1; return structuredClone(r) })()",
    "regexp d flag": "structuredClone(/x(?<n>y)/d)",
    "regexp source escapes": "structuredClone(new RegExp('a/b\\\\n[/]', 'g'))",
    # plain objects and arrays
    "plain": "structuredClone({ a: 1, b: 'x', c: null, d: undefined, e: { f: [1, 2] } })",
    "key order": "structuredClone({ b: 1, 2: 'two', a: 2, 1: 'one', '-1': 'neg', '1.5': 'f' })",
    "inherited and symbol keys dropped": "(() => { const o = Object.create({ inherited: 1 }); o.own = 2; o[Symbol('s')] = 3; return structuredClone(o) })()",
    "non-enumerable dropped": "(() => { const o = { v: 1 }; Object.defineProperty(o, 'hidden', { value: 1 }); return structuredClone(o) })()",
    "null prototype": "(() => { const o = Object.create(null); o.a = 1; return structuredClone(o) })()",
    "class instance": "(() => { class K { constructor() { this.x = 1 } get y() { return 2 } m() {} } return structuredClone(new K()) })()",
    "getter invoked": "structuredClone({ get g() { return 'got' }, plain: 1 })",
    "getter deletes later key": "(() => { const o = { a: 1, b: 2, c: 3 }; Object.defineProperty(o, 'a', { get() { delete this.b; return 1 }, enumerable: true }); return structuredClone(o) })()",
    "getter adds key": "(() => { const o = { a: 1 }; Object.defineProperty(o, 'a', { get() { this.z = 1; return 1 }, enumerable: true }); return structuredClone(o) })()",
    "getter hides later key": "(() => { const o = { a: 1, b: 2 }; Object.defineProperty(o, 'a', { get() { Object.defineProperty(this, 'b', { enumerable: false }); return 1 }, enumerable: true }); return structuredClone(o) })()",
    "getter throws": "structuredClone({ get a() { throw new RangeError('from getter') } })",
    "own __proto__ key": "(() => { const o = {}; Object.defineProperty(o, '__proto__', { value: { x: 1 }, enumerable: true, writable: true, configurable: true }); const c = structuredClone(o); return [c, Object.keys(c), Object.getPrototypeOf(c) === Object.prototype] })()",
    "Math and JSON": "[structuredClone(Math), structuredClone(JSON)]",
    "array": "structuredClone([1, 'two', [3], { four: 4 }])",
    "array holes and extras": "(() => { const a = [1, , 3]; a.extra = 'x'; a[10] = 5; return structuredClone(a) })()",
    "array trailing holes": "(() => { const a = [1]; a.length = 5; return structuredClone(a) })()",
    "array huge sparse": "(() => { const a = []; a[2 ** 32 - 2] = 'last'; const c = structuredClone(a); return [c.length, Object.keys(c)] })()",
    "array getter shrinks": "(() => { const a = [1, 2, 3]; Object.defineProperty(a, 1, { get() { a.length = 1; return 9 }, enumerable: true }); return structuredClone(a) })()",
    "empty array": "structuredClone([])",
    # identity
    "cycles and shared refs": "(() => { const o = { a: {} }; o.self = o; o.b = o.a; o.list = [o.a, o]; const c = structuredClone(o); return [c, c.self === c, c.a === c.b, c.list[0] === c.a] })()",
    "shared across map and set": "(() => { const k = { k: 1 }; const m = new Map([[k, k]]); const s = new Set([k, m]); return structuredClone({ m, s, k }) })()",
    "set containing itself": "(() => { const s = new Set([1]); s.add(s); const c = structuredClone(s); return [c.has(c), c.size] })()",
    # Map / Set
    "map": "(() => { const m = new Map([[{ k: 1 }, 'v'], ['x', new Set([1, 2])], [NaN, -0]]); m.extra = 1; return structuredClone(m) })()",
    "set": "(() => { const s = new Set([1, 'a', { o: 1 }, -0]); s.extra = 1; return structuredClone(s) })()",
    "map subclass": "(() => { class MyMap extends Map {} return structuredClone(new MyMap([[1, 2]])) })()",
    "fake map": "structuredClone(Object.create(Map.prototype))",
    "fake date": "structuredClone(Object.create(Date.prototype))",
    "fake error": "structuredClone(Object.create(Error.prototype))",
    "fake weakmap": "structuredClone(Object.create(WeakMap.prototype))",
    "lying tag": "structuredClone({ [Symbol.toStringTag]: 'Map', a: 1 })",
    # buffers and views
    "arraybuffer": "(() => { const b = new ArrayBuffer(4); new Uint8Array(b).set([1, 2, 3, 4]); const c = structuredClone(b); return [c, c === b] })()",
    "resizable arraybuffer": "(() => { const b = new ArrayBuffer(4, { maxByteLength: 16 }); new Uint8Array(b)[3] = 7; return structuredClone(b) })()",
    "views share one buffer": "(() => { const ta = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]); const sub = ta.subarray(2, 5); const dv = new DataView(ta.buffer, 1, 2); const c = structuredClone({ ta, sub, dv, buf: ta.buffer }); return [c, c.ta.buffer === c.sub.buffer, c.dv.buffer === c.buf] })()",
    "subarray keeps whole buffer": "structuredClone(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).subarray(2, 5))",
    "typed array kinds": "[new Int8Array([-1]), new Uint8ClampedArray([300]), new Int16Array([-2]), new Uint16Array([65535]), new Int32Array([-3]), new Uint32Array([4e9]), new Float32Array([1.5]), new Float64Array([-0, NaN]), new BigInt64Array([-1n]), new BigUint64Array([2n ** 64n - 1n])].map(x => structuredClone(x))",
    "typed array extra props dropped": "(() => { const t = new Uint8Array(2); t.foo = 1; return structuredClone(t) })()",
    "dataview": "(() => { const b = new ArrayBuffer(8); const d = new DataView(b, 2, 4); d.setInt16(0, -2); return structuredClone(d) })()",
    # errors
    "error basic": "(() => { const e = new TypeError('bad', { cause: { x: 1 } }); e.extra = 1; e.code = 'E'; const c = structuredClone(e); return [c, c.stack === e.stack] })()",
    "error native names": "['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'].map(n => structuredClone(new globalThis[n]('m')))",
    "error subclass": "(() => { class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr' } } return structuredClone(new MyErr('m')) })()",
    "error renamed": "(() => { const e = new Error('n'); e.name = 'RangeError'; return structuredClone(e) })()",
    "error name getter": "(() => { const e = new Error('x'); Object.defineProperty(e, 'name', { get() { return 'TypeError' } }); return structuredClone(e) })()",
    "error name object": "(() => { const e = new Error('x'); e.name = { toString() { return 'URIError' } }; return structuredClone(e) })()",
    "error name symbol": "(() => { const e = new Error('x'); e.name = Symbol(); return structuredClone(e) })()",
    "error message symbol": "(() => { const e = new Error('x'); e.message = Symbol(); return structuredClone(e) })()",
    "error no message": "structuredClone(new Error())",
    "error empty message": "structuredClone(new Error(''))",
    "error number message": "(() => { const e = new Error('x'); e.message = 42; return structuredClone(e) })()",
    "error message getter": "(() => { const e = new Error('x'); Object.defineProperty(e, 'message', { get() { return 'g' } }); return structuredClone(e) })()",
    "error stack replaced": "(() => { const e = new Error('x'); e.name = 'SyntaxError'; e.stack = 'custom'; return structuredClone(e) })()",
    "error stack not string": "(() => { const e = new Error('x'); Object.defineProperty(e, 'stack', { value: 42, configurable: true }); return structuredClone(e) })()",
    "error cause undefined": "structuredClone(new Error('x', { cause: undefined }))",
    "error cause assigned": "(() => { const e = new Error('x'); e.cause = [1, 2]; return structuredClone(e) })()",
    "error proto changed": "(() => { const e = new Error('x'); Object.setPrototypeOf(e, TypeError.prototype); return structuredClone(e) })()",
    "aggregate error": "structuredClone(new AggregateError([1], 'agg'))",
    "error cause uncloneable": "structuredClone(new Error('x', { cause: () => 1 }))",
    "domexception is plain": "structuredClone(new DOMException('dm', 'DataCloneError'))",
    # transfer
    "transfer": "(() => { const ab = new ArrayBuffer(4); new Uint8Array(ab)[0] = 5; const r = structuredClone({ ab }, { transfer: [ab] }); return [r, ab.byteLength] })()",
    "transfer typed array's buffer": "(() => { const u8 = new Uint8Array([9, 9]); const r = structuredClone(u8, { transfer: [u8.buffer] }); return [r, u8.length, u8.byteLength] })()",
    "transfer not referenced": "(() => { const ab = new ArrayBuffer(2); const r = structuredClone(1, { transfer: [ab] }); return [r, ab.byteLength] })()",
    "transfer twice referenced": "(() => { const b = new ArrayBuffer(2); const r = structuredClone([b, b], { transfer: [b] }); return [r, r[0] === r[1]] })()",
    "transfer failure leaves buffer": "(() => { const b = new ArrayBuffer(2); let threw = false; try { structuredClone([b, () => {}], { transfer: [b] }) } catch { threw = true } return [threw, b.byteLength] })()",
    "transfer duplicate": "(() => { const b = new ArrayBuffer(1); return structuredClone(b, { transfer: [b, b] }) })()",
    "transfer detached ok": "(() => { const b = new ArrayBuffer(2); structuredClone(1, { transfer: [b] }); return structuredClone(1, { transfer: [b] }) })()",
    "clone detached": "(() => { const b = new ArrayBuffer(1); structuredClone(b, { transfer: [b] }); return structuredClone(b) })()",
    "clone detached view": "(() => { const b = new ArrayBuffer(1); const u = new Uint8Array(b); structuredClone(b, { transfer: [b] }); return structuredClone(u) })()",
    "transfer not iterable": "structuredClone(1, { transfer: 5 })",
    "transfer string": "structuredClone(1, { transfer: 'ab' })",
    "transfer invalid item": "structuredClone(1, { transfer: [5] })",
    "transfer typed array": "structuredClone(1, { transfer: [new Uint8Array(1)] })",
    "transfer shared buffer": "structuredClone(1, { transfer: [new SharedArrayBuffer(1)] })",
    "transfer iterable set": "structuredClone(1, { transfer: new Set() })",
    "transfer null/undefined": "[structuredClone(1, { transfer: null }), structuredClone(1, { transfer: undefined }), structuredClone(1, {})]",
    # arguments
    "no arguments": "structuredClone()",
    "options number": "structuredClone(1, 5)",
    "options string": "structuredClone(1, 'x')",
    "options null": "structuredClone(1, null)",
    "options function": "structuredClone(1, () => {})",
    "length and name": "[structuredClone.length, structuredClone.name]",
    # not cloneable
    "arrow function": "structuredClone(() => {})",
    "function": "structuredClone(function foo(a) { return a })",
    "class": "structuredClone(class A {})",
    "method": "structuredClone({ f() {} })",
    "async": "structuredClone(async () => {})",
    "generator function": "structuredClone(function* g() {})",
    "native function": "structuredClone(Math.max)",
    "bound function": "structuredClone(function x() {}.bind(null))",
    "symbol": "structuredClone(Symbol('x'))",
    "symbol no description": "structuredClone(Symbol())",
    "symbol in object": "structuredClone({ a: 1, b: Symbol('inner') })",
    "symbol wrapper": "structuredClone(Object(Symbol('q')))",
    "weakmap": "structuredClone(new WeakMap())",
    "weakset": "structuredClone(new WeakSet())",
    "weakref": "structuredClone(new WeakRef({}))",
    "finalization registry": "structuredClone(new FinalizationRegistry(() => {}))",
    "weakmap subclass": "(() => { class W extends WeakMap {} return structuredClone(new W()) })()",
    "weakmap constructor prop": "(() => { const w = new WeakMap(); w.constructor = function Fake() {}; return structuredClone(w) })()",
    "weakmap tagged": "(() => { const w = new WeakMap(); Object.defineProperty(w, Symbol.toStringTag, { value: 'WeakMap' }); w.constructor = function Named() {}; return structuredClone(w) })()",
    "promise": "structuredClone(Promise.resolve(1))",
    "generator": "structuredClone((function* g() {})())",
    "async generator": "structuredClone((async function* g() {})())",
    "map iterator": "structuredClone(new Map().entries())",
    "array iterator": "structuredClone([][Symbol.iterator]())",
    "string iterator": "structuredClone(''[Symbol.iterator]())",
    "arguments": "(function () { return structuredClone(arguments) })(1, 2)",
    "strict arguments": "(function () { 'use strict'; return structuredClone(arguments) })(1, 2)",
    "object with callee key": "structuredClone({ callee: 1, length: 2 })",
    "global": "structuredClone(globalThis)",
    "nested function deep": "structuredClone({ a: [{ b: new Map([[1, { c: () => 'deep' }]]) }] })",
}


def script(names: list[str]) -> str:
    parts = [DESCRIBE, "const out = {};"]
    for name in names:
        body = CASES[name]
        parts.append(
            f"try {{ out[{json.dumps(name)}] = describe((() => {body})()); }}"
            f" catch (e) {{ out[{json.dumps(name)}] = ['threw', e.constructor.name, e.name, e.message,"
            f" e.code === undefined ? null : e.code, e instanceof Error]; }}"
        )
    parts.append("out")
    return "\n".join(parts)


def run_node(code: str) -> object:
    runner = "const v = (0, eval)(require('fs').readFileSync(0, 'utf8')); process.stdout.write(JSON.stringify(v));"
    proc = subprocess.run([NODE, "-e", runner], input=code, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def results(js) -> tuple[dict, dict]:
    if NODE is None:
        pytest.skip("node not on PATH")
    # jshost is asked one case at a time: a completion value past 8 KiB does not
    # survive the trip back to Python yet (a QuickJS rope string in engine.poll).
    ours: dict = {}
    for name in CASES:
        ours.update(js(script([name])))
    return ours, run_node(script(list(CASES)))


@pytest.mark.node
@pytest.mark.skipif(NODE is None, reason="node not on PATH")
@pytest.mark.parametrize("name", list(CASES))
def test_matches_node(results, name: str) -> None:
    ours, theirs = results
    assert ours[name] == theirs[name]


# --- behaviour that needs no node ----------------------------------------------


def test_clone_is_deep_and_independent(js) -> None:
    out = js("""const src = { a: [1, { b: 2 }], m: new Map([['k', { v: 1 }]]), d: new Date(0) };
                const c = structuredClone(src);
                c.a[1].b = 99; c.m.get('k').v = 99; c.d.setTime(5);
                [src.a[1].b, src.m.get('k').v, src.d.getTime(), c !== src, c.a !== src.a]""")
    assert out == [2, 1, 0, True, True]


def test_cycles_are_preserved(js) -> None:
    out = js("""const o = { name: 'root' }; o.self = o; o.kids = [o, { parent: o }];
                const c = structuredClone(o);
                [c.self === c, c.kids[0] === c, c.kids[1].parent === c, c !== o]""")
    assert out == [True, True, True, True]


def test_uncloneable_throws_data_clone_error(js) -> None:
    out = js("""const r = [];
                for (const v of [() => {}, Symbol('s'), new WeakMap(), Promise.resolve()]) {
                  try { structuredClone({ v }); r.push('cloned') }
                  catch (e) { r.push([e instanceof DOMException, e.name, e.code, e.message]) }
                }
                r""")
    assert out == [
        [True, "DataCloneError", 25, "() => {} could not be cloned."],
        [True, "DataCloneError", 25, "Symbol(s) could not be cloned."],
        [True, "DataCloneError", 25, "#<WeakMap> could not be cloned."],
        [True, "DataCloneError", 25, "#<Promise> could not be cloned."],
    ]


def test_transfer_detaches_original(js) -> None:
    out = js("""const ab = new ArrayBuffer(3); new Uint8Array(ab).set([1, 2, 3]);
                const view = new Uint8Array(ab, 1);
                const c = structuredClone({ ab, view }, { transfer: [ab] });
                [ab.byteLength, view.length, Array.from(new Uint8Array(c.ab)), Array.from(c.view), c.view.buffer === c.ab]""")
    assert out == [0, 0, [1, 2, 3], [2, 3], True]


def test_typed_arrays_share_cloned_buffer(js) -> None:
    out = js("""const buf = new ArrayBuffer(8); const a = new Uint8Array(buf, 0, 4); const b = new Int16Array(buf, 4, 2);
                const [ca, cb] = structuredClone([a, b]);
                ca.buffer === cb.buffer && ca.buffer !== buf && ca.buffer.byteLength === 8""")
    assert out is True


def test_errors_keep_native_type_and_cause(js) -> None:
    out = js("""const e = new RangeError('r', { cause: { why: 1 } }); e.extra = 1;
                const c = structuredClone(e);
                [c instanceof RangeError, c.message, c.cause.why, c.cause !== e.cause, 'extra' in c,
                 Object.getOwnPropertyNames(c), c.stack === e.stack]""")
    assert out == [True, "r", 1, True, False, ["stack", "message", "cause"], True]


def test_thrown_clone_reports_its_own_stack(js) -> None:
    # The runtime reports a thrown error with the stack Node would print for it.
    from conftest import JSError

    with pytest.raises(JSError) as info:
        js("function f() { return new TypeError('cloned message') }\nthrow structuredClone(f())")
    assert info.value.name == "TypeError"
    assert info.value.stack.split("\n")[:2] == ["TypeError: cloned message", "    at f (test.js:1:27)"]


def test_shared_array_buffer_memory_stays_shared(js) -> None:
    out = js("""const s = new SharedArrayBuffer(4); const u = new Uint8Array(s);
                const c = structuredClone(u); u[0] = 7; c[0]""")
    assert out == 7


def test_buffer_clones_to_uint8array(js) -> None:
    if not js("typeof Buffer === 'function' && typeof Buffer.from === 'function' && Buffer.from('ab').length === 2"):
        pytest.skip("Buffer is not implemented yet")
    out = js("""const b = Buffer.from('abc'); const c = structuredClone(b);
                [Object.getPrototypeOf(c) === Uint8Array.prototype, Array.from(c), c.byteOffset === b.byteOffset,
                 c.buffer.byteLength === b.buffer.byteLength, c.buffer !== b.buffer]""")
    assert out == [True, [97, 98, 99], True, True, True]


def test_global_is_runtime_owned(js) -> None:
    out = js("""const d = Object.getOwnPropertyDescriptor(globalThis, 'structuredClone');
                [typeof structuredClone, d.writable, d.configurable]""")
    assert out == ["function", True, True]
