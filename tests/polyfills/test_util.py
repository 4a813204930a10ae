"""util.format / util.inspect, compared line for line with Node 20.

One JS corpus (``CORPUS``) is evaluated by both runtimes. Each case is a thunk
calling ``log(...)`` (util.format, i.e. what console.log prints) or
``ins(value, options)`` (util.inspect). In Node those helpers call the real
``util`` module; in jshost they call ``console.log`` / ``console.dir`` (the only
way user code reaches the runtime's inspect), and the test reads ``js.logs``.
Every case's output is compared byte for byte after one normalisation: stack
frame lines (``    at ...``) are dropped on both sides, since frame text is
engine-specific (file names, columns, internal frames).
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import NODE

# Shared fixtures and the cases. Cases that cannot match by design are left out:
# - errors with showHidden: V8 errors have an own `stack` property printed as
#   `[stack]: '...'`; QuickJS keeps `stack` on Error.prototype (and frames differ).
# - WeakMap/WeakSet with showHidden: Node lists their entries through V8; plain
#   JS cannot enumerate a weak collection (jshost prints `<items unknown>`).
# - a null-prototype Promise: no brand check can recognise a promise without its
#   prototype (jshost prints it as a null-prototype object).
# - a null-prototype object with an enumerable own Symbol.toStringTag: Node takes
#   the name from V8's internal GetConstructorName, which JS cannot reach.
# - `%j` of a BigInt: the TypeError text is the engine's JSON.stringify message.
# - promise states (`Promise { 42 }`, `<rejected>`): not observable in QuickJS, so
#   only pending promises are in the corpus.
# - Map/Set iterators: V8 previews their remaining entries; JS cannot without
#   consuming them.
CORPUS = r"""
const circ = { name: 'root' }; circ.self = circ; circ.list = [circ, { back: circ }];
const circArr = [1]; circArr.push(circArr);
const twoRefs = { a: {}, b: {} }; twoRefs.a.loop = twoRefs.a; twoRefs.b.up = twoRefs;
class Point { constructor(x, y) { this.x = x; this.y = y; } }
class Empty {}
class Sub extends Point { constructor() { super(1, 2); this.z = 3; } }
class Tagged { get [Symbol.toStringTag]() { return 'Custom'; } }
class WithStatic { static count = 3; static make() {} }
class MyError extends Error {}
class NamedError extends Error { constructor(m) { super(m); this.name = 'NamedError'; } }
class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; this.status = 400; } }
function plain() {}
const arrow = () => 1;
async function asyncFn() {}
function* gen() {}
async function* agen() {}
const bound = plain.bind(null);
const anon = (() => function () {})();
const withProps = Object.assign(function fp() {}, { a: 1, b: 'two' });
const nullProto = Object.create(null); nullProto.k = 'v'; nullProto.n = 1;
const emptyNull = Object.create(null);
const getters = {
  get g() { return 42; }, set s(v) {}, get gs() { return 'x'; }, set gs(v) {},
  get obj() { return { deep: [1, 2] }; }, get nul() { return null; },
  get boom() { throw new Error('nope'); },
};
const sym = Symbol('tag');
const withSymbols = { [sym]: 1, [Symbol()]: 2, [Symbol.iterator]: 3, plain: 4 };
const hidden = Object.defineProperty({ shown: 1 }, 'secret', { value: 2, enumerable: false });
const sparse = [1, , 3]; sparse[9] = 10;
const holes = new Array(7);
const arrExtras = Object.assign([1, 2, 3], { key: 'value', 'odd-key': true });
const nums = (n, f = (i) => i) => Array.from({ length: n }, (_, i) => f(i));
const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon'];
const deep = { l1: { l2: { l3: { l4: { l5: 'bottom' } } } } };
const deepArr = [[[[['x']]]]];
const event = {
  type: 'track', event: 'Order Completed', userId: 'user_12345', anonymousId: null,
  properties: { orderId: 'ord_9f8e7d', total: 99.95, currency: 'USD', coupon: undefined,
    products: [{ sku: 'SKU-1', name: 'Widget', price: 19.99, quantity: 2 }, { sku: 'SKU-2', name: 'Gadget', price: 59.97, quantity: 1 }] },
  context: { ip: '203.0.113.7', library: { name: 'analytics.js', version: '4.1.0' }, page: { url: 'https://example.com/checkout?step=3' } },
  timestamp: new Date(Date.UTC(2024, 0, 15, 12, 30, 45, 123)),
};
const errWithProps = Object.assign(new Error('request failed'), { code: 'ECONNRESET', status: 503, details: { retry: true } });
const errNoStack = Object.defineProperty(new Error('no stack'), 'stack', { value: undefined, writable: true, configurable: true });
const errCustomStack = new Error('x'); errCustomStack.stack = 'Custom stack text';
const errEmptyMsg = new Error();
const errCause = new Error('outer', { cause: new Error('inner') });
const errCausePrim = new Error('outer', { cause: 'just a string' });
const typeErr = new TypeError('bad type');
const rangeErr = new RangeError('out of range');
const aggErr = new AggregateError([new Error('one'), new Error('two')], 'many');
const errNameChanged = new Error('renamed'); errNameChanged.name = 'CustomName';
const errObjNull = Object.setPrototypeOf(new Error('np'), null);
const custom = { [Symbol.for('nodejs.util.inspect.custom')]() { return 'CUSTOM!'; } };
const customObj = { [Symbol.for('nodejs.util.inspect.custom')]() { return { replaced: true, list: [1, 2] }; } };
const customMulti = { [Symbol.for('nodejs.util.inspect.custom')]() { return 'line1\nline2'; } };
const customArgs = { [Symbol.for('nodejs.util.inspect.custom')](depth, options, insp) {
  return `depth=${depth} bl=${options.breakLength} compact=${options.compact} stylize=${typeof options.stylize} same=${typeof insp} ${insp({ n: 1 }, options)}`; } };
const customNested = { [Symbol.for('nodejs.util.inspect.custom')](depth, options, insp) {
  if (depth < 0) return '[Nested]';
  return `Nested<${insp({ a: { b: { c: {} } } }, { ...options, depth: options.depth === null ? null : depth })}>`; } };
const customStylize = { [Symbol.for('nodejs.util.inspect.custom')](d, o) { return o.stylize('styled', 'special'); } };
const customThis = { v: 7, [Symbol.for('nodejs.util.inspect.custom')]() { return this; } };
class Temperature { constructor(c) { this.c = c; } [Symbol.for('nodejs.util.inspect.custom')]() { return `Temperature(${this.c}°C)`; } }
const mapOfObjects = new Map([['first', { id: 1, tags: ['a', 'b'] }], ['second', { id: 2, tags: [] }], [{ key: 'obj' }, [1, 2, 3]]]);
const bigMap = new Map(nums(30, (i) => ['key' + i, i * i]));
const nestedSet = new Set([1, 'two', [3], { four: 4 }, new Set([5])]);
const mapWithProps = Object.assign(new Map([[1, 2]]), { extra: true });
const ta = new Float64Array([1.5, -0, NaN, Infinity]);
const bigTa = new BigInt64Array([1n, -2n]);
const buf = new ArrayBuffer(8); new Uint8Array(buf).set([0, 1, 2, 254, 255, 16, 32, 48]);
const dv = new DataView(buf, 2, 4);
const longStr = 'word '.repeat(40);
const multiLine = 'first line of text\nsecond line of text\nthird line that is a bit longer than the others\n';
const inv = new Date(NaN);
const dateProps = Object.assign(new Date(0), { note: 'epoch' });
const reProps = Object.assign(/ab+c/gi, { extra: 1 });
function argsOf() { return arguments; }
const boxedStr = Object.assign(new String('boxed'), { extra: 1 });
const tagOwnHidden = Object.defineProperty({ a: 1 }, Symbol.toStringTag, { value: 'Hidden' });
const protoChain = Object.create(Object.create(null));
const subArray = new (class MyArray extends Array {})(); subArray.push(1, 2);
const subMap = new (class MyMap extends Map {})([[1, 'one']]);
const objWithLongKeys = { 'key with spaces': 1, '123abc': 2, valid_id: 3, $dollar: 4, 'quote\'s': 5, '': 6, 42: 7 };
const CASES = [
  // primitives
  () => log('plain string'), () => ins('single quoted'), () => ins("it's"), () => ins(`it's "double"`),
  () => ins('it\'s "both" `tick`'), () => ins('tab\there\nnewline\r\0nul\x1b\x7f\x85\\'),
  () => ins('\ud83d\ude00 pair \ud800 lone \udc00 low'), () => ins(''), () => ins(42), () => ins(-0),
  () => ins(0), () => ins(NaN), () => ins(-Infinity), () => ins(1e21), () => ins(1.5e-7), () => ins(0.1 + 0.2),
  () => ins(123n), () => ins(-0n), () => ins(true), () => ins(undefined), () => ins(null),
  () => ins(Symbol('desc')), () => ins(Symbol()), () => ins(Symbol.iterator), () => ins(Symbol('a\nb')),
  () => ins(1234567.891, { numericSeparator: true }), () => ins(-1234567, { numericSeparator: true }),
  () => ins(0.0001234, { numericSeparator: true }), () => ins(123456789n, { numericSeparator: true }),
  () => ins([1000, 10000.5, -0.5, 1e21], { numericSeparator: true }),
  () => ins('x'.repeat(30), { maxStringLength: 10 }), () => ins('abc', { maxStringLength: 2 }),
  () => ins(longStr), () => ins(multiLine), () => ins({ text: multiLine }), () => ins([multiLine]),
  () => ins('short\nlines'), () => ins(multiLine, { compact: true }), () => ins(multiLine, { breakLength: Infinity }),
  // format
  () => log('%s is %d years', 'Bob', 42), () => log('%i', 42.9), () => log('%i', '42.9abc'), () => log('%f', '3.25x'),
  () => log('%d', '0x10'), () => log('%d', 12345678901234567890n), () => log('%i', 99n), () => log('%d', Symbol('s')),
  () => log('%d', {}), () => log('%d', -0), () => log('%f', -0), () => log('%s', -0), () => log('%s', 5n),
  () => log('%j', { a: [1, 'x'], b: null }), () => log('%j', circ), () => log('%j', undefined), () => log('%j', 'str'),
  () => log('%o', [1, { a: 'x' }]), () => log('%O', { deep }), () => log('%O', deep),
  () => log('%c styled %c', 'color: red', 'font-weight: bold'), () => log('100%'), () => log('100%%'), () => log('%%', 1),
  () => log('%x %q', 1), () => log('%s'), () => log('%s %s', 'only one'), () => log('a', 'b', 3, { c: 4 }, [5], null, undefined),
  () => log(1, '%s', 'x'), () => log({ a: 1 }, 'b'), () => log(), () => log(''), () => log('%s', null), () => log('%s', undefined),
  () => log('%s', Symbol('q')), () => log('%s', { toString() { return 'custom toString'; } }), () => log('%s', new Point(1, 2)),
  () => log('%s', [1, [2, [3, [4]]]]), () => log('%s', { a: { b: { c: 1 } } }), () => log('%s', new Date(0)),
  () => log('%s', typeErr), () => log('%s', new Map([[1, { a: 1 }]])), () => log('%s', Object.create(null)),
  () => log('%s', plain), () => log('%s', 'x'.repeat(120)), () => log('%s', () => 'fn'),
  () => log('%s:%s', 'a'), () => log('trailing %'), () => log('%s%s%s', 1, 2, 3, 4, 5), () => log('%%s %s', 'x'),
  () => log('%j', { toJSON() { return 'from toJSON'; } }), () => log('%s', circ), () => log(circ),
  () => log('%o', 'str'), () => log('%O', 'str'), () => log('%i', ''), () => log('%f', 'abc'),
  // plain objects and nesting
  () => ins({}), () => ins({ a: 1 }), () => ins({ a: 1, b: 'two', c: [3], d: { e: null } }), () => ins(event),
  () => ins(deep), () => ins(deep, { depth: 0 }), () => ins(deep, { depth: Infinity }), () => ins(deep, { depth: null }),
  () => ins(deepArr), () => ins(deepArr, { depth: 1 }), () => ins(objWithLongKeys), () => ins({ __proto__: null, x: 1 }),
  () => ins({ ['__proto__']: 1 }), () => ins({ a: undefined, b: null, c: NaN }), () => ins(withSymbols),
  () => ins(hidden), () => ins(hidden, { showHidden: true }), () => ins(nullProto), () => ins(emptyNull),
  () => ins({ nested: nullProto }), () => ins(protoChain), () => ins(tagOwnHidden), () => ins({ [Symbol.toStringTag]: 'Own' }),
  () => ins(new Tagged()), () => ins(getters), () => ins(getters, { getters: true }), () => ins(getters, { getters: 'get' }),
  () => ins(getters, { getters: 'set' }), () => ins({ a: { b: 2, a: 1 }, c: 0 }, { sorted: true }),
  () => ins({ b: 1, a: [3, 1, 2] }, { sorted: true }), () => ins(event, { compact: false }), () => ins(event, { compact: true }),
  () => ins(event, { compact: 1 }), () => ins(event, { breakLength: 40 }), () => ins(event, { breakLength: Infinity }),
  () => ins({ a: 'x'.repeat(60), b: 'y'.repeat(10) }), () => ins({ a: 'x'.repeat(80) }, { compact: true }),
  () => ins({ k1: 'v1', k2: 'v2', k3: 'v3', k4: 'v4', k5: 'v5', k6: 'v6', k7: 'v7', k8: 'v8', k9: 'v9', k10: 'v10' }),
  () => ins({ a: [{ b: [{ c: [{ d: 1 }] }] }] }), () => ins({ a: { b: { c: 1 } }, d: { e: { f: 2 } } }),
  () => ins({ level1: { level2: { arr: [1, 2, 3], obj: { x: 1 } }, sibling: 'text' } }),
  () => ins({ f: plain, g: arrow, h: asyncFn, i: gen, j: agen, k: bound, l: anon }),
  () => ins(Object.assign(Object.create({ inherited: 1 }), { own: 2 })),
  // classes and functions
  () => ins(new Point(1, 2)), () => ins(new Empty()), () => ins(new Sub()), () => ins([new Point(0, 0), new Empty()]),
  () => ins(Point), () => ins(Empty), () => ins(Sub), () => ins(WithStatic), () => ins(MyError), () => ins(class {}),
  () => ins(class extends Map {}), () => ins(plain), () => ins(arrow), () => ins(asyncFn), () => ins(gen), () => ins(agen),
  () => ins(bound), () => ins(anon), () => ins(withProps), () => ins(async () => {}), () => ins(Math.max),
  () => ins(Object.setPrototypeOf(function np() {}, null)), () => ins(Point.prototype), () => ins(Object.prototype),
  () => ins(Array.prototype), () => ins(Object.create(Point.prototype)), () => ins({ method() {}, async am() {}, *gm() {} }),
  () => ins(subArray), () => ins(subMap), () => ins(argsOf(1, 'a')), () => ins(argsOf()),
  // arrays
  () => ins([]), () => ins([1, 2, 3]), () => ins(nums(6)), () => ins(nums(7)), () => ins(nums(26)), () => ins(nums(100)),
  () => ins(nums(101)), () => ins(nums(150, (i) => i * i)), () => ins(nums(30, (i) => i * 37)), () => ins(nums(12, (i) => -i * 1000)),
  () => ins(nums(40, (i) => i % 3 === 0 ? 'str' + i : i)), () => ins(nums(20, (i) => BigInt(i) ** 3n)),
  () => ins(nums(20, (i) => i / 3)), () => ins(nums(16, (i) => (i % 2 ? 'a'.repeat(i) : i))), () => ins(words),
  () => ins(words.slice(0, 6)), () => ins(words.slice(0, 7)), () => ins(nums(26, (i) => String.fromCharCode(97 + i).repeat(i % 5 + 1))),
  () => ins(nums(10, (i) => ({ id: i }))), () => ins(nums(8, (i) => [i, i + 1])), () => ins(nums(30, () => true)),
  () => ins(nums(30, (i) => i % 2 ? null : undefined)), () => ins(nums(200), { maxArrayLength: 5 }),
  () => ins(nums(5), { maxArrayLength: 0 }), () => ins(nums(3), { maxArrayLength: null }), () => ins(nums(12), { compact: 1 }),
  () => ins(nums(30), { breakLength: 40 }), () => ins({ inner: nums(40) }), () => ins({ a: { b: nums(30, (i) => 'item' + i) } }),
  () => ins(sparse), () => ins(holes), () => ins([, 1]), () => ins([1, ,]), () => ins(sparse, { maxArrayLength: 2 }),
  () => ins(arrExtras), () => ins([[]]), () => ins([{}]), () => ins([[1, 2], [3, 4]]), () => ins(nums(7, (i) => 'x'.repeat(i * 3))),
  () => ins(['\ud83d\ude00', '\u4e2d\u6587', 'abc', 'de', 'f', 'gh', 'ijk']),
  // circular
  () => ins(circ), () => ins(circArr), () => ins(twoRefs), () => ins({ x: circ }), () => ins([circ, circ]),
  () => ins(new Map([['self', circ]])), () => ins(circ, { depth: 0 }),
  // dates, regexps, boxed
  () => ins(new Date(Date.UTC(2020, 1, 29, 23, 59, 59, 999))), () => ins(inv), () => ins(dateProps), () => ins({ when: new Date(0) }),
  () => ins(new Date(-62198755200000)), () => ins(/ab+c/gi), () => ins(/[/]\n/), () => ins(reProps), () => ins(new RegExp('')),
  () => ins(new String('str')), () => ins(new Number(-0)), () => ins(new Number(3.5)), () => ins(new Boolean(true)),
  () => ins(Object(5n)), () => ins(Object(Symbol('boxed'))), () => ins(boxedStr), () => ins([new String('')]),
  // errors (frame lines are dropped on both sides)
  () => ins(new Error('simple')), () => ins(errWithProps), () => ins(errNoStack), () => ins(errCustomStack), () => ins(errEmptyMsg),
  () => ins(errCause), () => ins(errCausePrim), () => ins(typeErr), () => ins(rangeErr), () => ins(aggErr),
  () => ins(new MyError('mine')), () => ins(new NamedError('named')), () => ins(new ValidationError('invalid field')),
  () => ins(errNameChanged), () => ins({ err: errWithProps }), () => ins([new Error('in array')]), () => ins({ e: errCustomStack }),
  () => ins(errObjNull), () => log(new Error('via log')), () => log('%s', errCustomStack), () => log('Failed:', errWithProps),
  () => ins(Object.assign(new Error('with name prop'), { name: 'Error' })), () => ins(Object.assign(new TypeError('m'), { message: 'changed' })),
  // maps, sets, weak collections, promises
  () => ins(new Map()), () => ins(new Set()), () => ins(new Map([[1, 'one'], ['two', 2]])), () => ins(mapOfObjects),
  () => ins(bigMap), () => ins(bigMap, { maxArrayLength: 3 }), () => ins(nestedSet), () => ins(new Set(nums(30))),
  () => ins(mapWithProps), () => ins({ m: new Map([[{ a: 1 }, new Set([1])]]) }), () => ins(new Map([[NaN, -0]])),
  () => ins(new WeakMap()), () => ins(new WeakSet()), () => ins(new Promise(() => {})), () => ins({ p: new Promise(() => {}) }),
  () => ins(Object.assign(new Promise(() => {}), { tag: 1 })), () => ins(new Map([['deep', deep]])),
  // typed arrays, buffers
  () => ins(new Uint8Array([1, 2, 3])), () => ins(new Uint8Array(0)), () => ins(ta), () => ins(bigTa), () => ins(new Int16Array(120)),
  () => ins(new Uint8Array(nums(30))), () => ins(buf), () => ins(dv), () => ins(new ArrayBuffer(0)), () => ins(new ArrayBuffer(120)),
  () => ins(new Uint8Array(4), { showHidden: true }), () => ins({ bytes: new Uint8Array([9, 8]) }),
  () => ins(Object.assign(new Uint8Array(2), { prop: 'x' })), () => ins(new Float32Array([0.1, 1 / 3])),
  // custom inspection
  () => ins(custom), () => ins({ nested: custom }), () => ins(customObj), () => ins([customMulti]), () => ins({ a: { b: customMulti } }),
  () => ins(customArgs), () => ins(customArgs, { breakLength: 100, compact: 2 }), () => ins(customNested), () => ins({ x: { y: customNested } }),
  () => ins({ x: { y: { z: customNested } } }), () => ins(customNested, { depth: null }), () => ins(customStylize), () => ins(customThis),
  () => ins(new Temperature(21)), () => ins([new Temperature(1), new Temperature(2)]), () => ins(custom, { customInspect: false }),
  () => log(custom), () => log('%s', custom), () => log('%o', { t: new Temperature(3) }),
  // colors (ANSI codes are compared as text)
  () => ins({ n: 1, s: 'x', b: true, u: undefined, z: null, d: new Date(0), r: /x/, sy: Symbol('c'), f: plain, big: 1n }, { colors: true }),
  () => ins(nums(10), { colors: true }),
];

// Harder layouts, showHidden, prototypes and tags, more format conversions.
class Acc { constructor() { this.own = 1; } get computed() { return 2; } set computed(v) {} static s = 1; }
class Acc2 extends Acc { get more() { return 3; } }
const fnHidden = function named(a, b) {};
const objHidden = { a: [1, 2], m: new Map([[1, 2]]), s: new Set([1]) };
CASES.push(
  () => ins(new Acc(), { showHidden: true }), () => ins(new Acc2(), { showHidden: true }),
  () => ins([1, 2], { showHidden: true }), () => ins(objHidden, { showHidden: true }),
  
  () => ins(new ArrayBuffer(3), { showHidden: true }),
  () => ins({ a: 1 }, { showHidden: true }),
  () => ins(new Date(0), { showHidden: true }),
  () => ins(/x/, { showHidden: true }),
  () => ins(Object.create(null), { showHidden: true }),
  () => ins(new Set([1, 2]), { showHidden: true }),
  
  () => ins(Symbol('x'), { showHidden: true }),
  () => ins('str', { showHidden: true }),
  () => ins({ a: { b: { c: { d: { e: 1 } } } } }, { depth: 3 }),
  () => ins({ a: { b: { c: { d: { e: 1 } } } } }, 1),
  () => ins({ a: [new Map([[{ k: 1 }, { v: 2 }]])] }),
  () => ins([[1, 2, [3, 4, [5, [6]]]], { a: { b: {} } }]),
  () => ins({ a: 'a'.repeat(20), b: 'b'.repeat(20), c: 'c'.repeat(20) }),
  () => ins({ a: 'a'.repeat(16), b: 'b'.repeat(16), c: 'c'.repeat(16) }),
  () => ins({ a1: [1, 2, 3], a2: [4, 5, 6], a3: { x: 1, y: 2 }, a4: 'text' }),
  () => ins([{ a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 }, { a: 7, b: 8 }]),
  () => ins([{ name: 'Alice', email: 'alice@example.com', age: 31 }, { name: 'Bob', email: 'bob@example.com', age: 27 }]),
  () => ins({ users: [{ name: 'Alice', roles: ['admin', 'user'] }, { name: 'Bob', roles: ['user'] }], total: 2 }),
  () => ins(Array.from({ length: 101 }, (_, i) => 'x' + i)),
  () => ins(Array.from({ length: 7 }, (_, i) => ({ i }))),
  () => ins(Array.from({ length: 50 }, (_, i) => i * 1.5)),
  () => ins(Array.from({ length: 27 }, (_, i) => -i)),
  () => ins(Array.from({ length: 8 }, (_, i) => 'long string number ' + i)),
  () => ins(Array.from({ length: 12 }, (_, i) => [i])),
  () => ins({ arr: Array.from({ length: 30 }, (_, i) => i) }, { breakLength: 120 }),
  () => ins(Array.from({ length: 30 }, (_, i) => i), { compact: 2 }),
  () => ins(Array.from({ length: 30 }, (_, i) => i), { compact: false }),
  () => ins(Array.from({ length: 30 }, (_, i) => i), { compact: true }),
  () => ins({ a: { b: { c: {} } } }, { compact: 1 }),
  () => ins({ a: { b: { c: { d: 1 } } } }, { compact: 2, depth: 5 }),
  () => ins(new Map([[1, { a: [1, 2, { b: 3 }] }]]), { compact: false }),
  () => ins(Object.assign(() => {}, { x: { y: 1 } })),
  () => ins({ 'a\nb': 1, 'c"d': 2, "e'f": 3, 'ü': 4, 'Ωmega': 5 }),
  () => ins({ [Symbol('with space')]: 1, [Symbol("q'uote")]: 2 }),
  () => ins(new Set(['a', 'b']), { sorted: true }),
  () => ins(new Map([['b', 1], ['a', 2]]), { sorted: true }),
  () => ins(Object.assign([3, 1, 2], { z: 1, a: 2 }), { sorted: true }),
  () => ins({ b: 1, a: 2 }, { sorted: (x, y) => (x < y ? 1 : -1) }),
  () => ins('a'.repeat(200)), () => ins(['a'.repeat(200)]), () => ins({ s: 'a\n'.repeat(30) }),
  () => ins('line\n'.repeat(3), { breakLength: 10 }),
  () => ins(new Error('multi\nline message')),
  () => ins({ e: new Error('nested in obj') }),
  () => ins(new Map([['err', new TypeError('in map')]])),
  () => ins(Object.assign(new Error('e'), { name: 'NotAnError' })),
  () => ins(Object.assign(new Error('e'), { name: '' })),
  () => ins(Object.assign(new RangeError('e'), { name: 'TypeError' })),
  () => ins((() => { const e = new Error('msg'); e.stack = 'Error: msg\n    at fake (file.js:1:1)'; return e; })()),
  () => ins((() => { const e = new Error('msg'); e.stack = 'just text'; e.extra = 1; return e; })()),
  () => ins((() => { const e = new Error('msg'); e.message = 'other'; return e; })()),
  () => ins((() => { const e = new TypeError('x'); Object.setPrototypeOf(e, Error.prototype); return e; })()),
  () => ins(Object.create(Error.prototype)),
  () => ins({ __proto__: { constructor: function Fake() {} } }),
  () => ins(Object.setPrototypeOf({ a: 1 }, Array.prototype)),
  () => ins(new (class extends Array {})(3)),
  () => ins(new (class Q extends Promise {})(() => {})),
  () => ins(new (class S extends Set {})([1])),
  () => ins(new (class D extends Date {})(0)),
  () => ins(new (class R extends RegExp {})('x', 'g')),
  () => ins(new (class U extends Uint8Array {})(2)),
  
  () => ins(Object.defineProperty(Object.create(null), Symbol.toStringTag, { value: 'T' })),
  () => ins(Object.defineProperty([], Symbol.toStringTag, { value: 'T' })),
  () => ins(Object.defineProperty(new Map(), Symbol.toStringTag, { value: 'T' })),
  () => ins(Object.defineProperty(function f() {}, Symbol.toStringTag, { value: 'T' })),
  () => ins(Object.defineProperty(class K {}, Symbol.toStringTag, { value: 'T' })),
  () => ins(Object.defineProperty(new Error('t'), Symbol.toStringTag, { value: 'T' })),
  () => ins(Object.setPrototypeOf([1, 2], null)),
  () => ins(Object.setPrototypeOf(new Map([[1, 2]]), null)),
  () => ins(Object.setPrototypeOf(new Set([1]), null)),
  () => ins(Object.setPrototypeOf(new Date(0), null)),
  () => ins(Object.setPrototypeOf(/re/, null)),
  () => ins(Object.setPrototypeOf(new Uint8Array(2), null)),
  () => ins(Object.setPrototypeOf(function nf() {}, null)),
  () => ins(Object.setPrototypeOf(class NC {}, null)),
  () => ins(Object.setPrototypeOf(new String('s'), null)),
  
  () => ins({ a: 1, get b() { return 2; } }, { getters: true, depth: 0 }),
  () => ins({ get x() { return [1, 2, 3]; } }, { getters: true }),
  () => ins({ get x() { throw new TypeError('bad'); } }, { getters: true }),
  () => ins({ get x() { return 'a'.repeat(10); } }, { getters: true }),
  () => ins(Object.defineProperty({}, 'x', { get() { return 1; }, enumerable: true })),
  () => ins(Object.defineProperty({}, 'x', { set(v) {}, enumerable: false }), { showHidden: true }),
  () => ins(Object.defineProperty([1], 0, { get() { return 1; } })),
  () => ins([undefined, null, NaN, -0, 0n]),
  () => ins(new Array(3).fill({ same: 1 })),
  () => ins((() => { const o = { a: 1 }; return [o, o, { o }]; })()),
  () => ins((() => { const a = { n: 'a' }; const b = { n: 'b', a }; a.b = b; return [a, b]; })()),
  () => ins((() => { const m = new Map(); m.set('m', m); return m; })()),
  () => ins((() => { const s = new Set(); s.add(s); return s; })()),
  () => ins((() => { const e = new Error('c'); e.self = e; return e; })()),
  () => ins((() => { const f = function f() {}; f.f = f; return f; })()),
  () => ins((() => { const a = {}; const b = { a }; a.b = b; const c = { a, b }; c.c = c; return c; })()),
  () => ins({ d: new Date(8.64e15) }), () => ins(new Date(-1)), () => ins(new Date(Date.UTC(-1, 0))),
  () => ins(new Float64Array([0.1, -1.5e300, 5e-324])), () => ins(new Uint8ClampedArray([300])),
  () => ins(new Int8Array([-128, 127])), () => ins(new Uint32Array([4294967295])), () => ins(new Float32Array(3)),
  () => ins(new Uint8Array(200)), () => ins(new Uint8Array(10), { maxArrayLength: 3 }),
  () => ins(new ArrayBuffer(5), { maxArrayLength: 2 }), () => ins({ b: new ArrayBuffer(2) }),
  () => ins([new DataView(new ArrayBuffer(1))]),
  () => ins(new Uint8Array(new ArrayBuffer(8), 2, 3)),
  () => log('%s', new Uint8Array(3)), () => log('%s', new Set([1])), () => log('%s', /r/), () => log('%s', new Promise(() => {})),
  () => log('%s', Object.assign(new Error('e'), { toString() { return 'own toString'; } })),
  () => log('%s', new (class Str { toString() { return 'Str!'; } })()),
  () => log('%s', new (class NoStr {})()), () => log('%s', { __proto__: null, a: 1 }),
  () => log('%s', [1, 2, 3]), () => log('%s', ['a', { b: 1 }]), () => log('%s', { a: [1, 2] }),
  () => log('%s', new Number(5)), () => log('%s', new String('boxed')), () => log('%s', Object(1n)),
  () => log('%d', new Number(5)), () => log('%d', '42abc'), () => log('%d', null), () => log('%d', undefined), () => log('%d', true),
  () => log('%i', 1e21), () => log('%i', -0.5), () => log('%i', '0x1F'), () => log('%f', 1e21), () => log('%f', '  3.5  '),
  () => log('%j', [undefined, () => 1, Symbol('s')]), () => log('%j', new Date(0)),
  () => log('%o', 42), () => log('%o', [1, 2, 3]), () => log('%o', { a: { b: { c: { d: { e: { f: 1 } } } } } }),
  () => log('%O', { a: { b: { c: { d: 1 } } } }), () => log('%c'), () => log('%c', 'x', 'rest'),
  () => log('%s %s %s', 'a', 'b'), () => log('%'), () => log('%%%'), () => log('a%sb%sc', 1, 2), () => log('%s', '%s', 'x'),
  () => log('x', '%s', 'y'), () => log(Symbol('s'), 'a'), () => log(null, undefined, true), () => log(['a'], 'b'),
  () => log('%s', 'a\nb'), () => log('line1\nline2', { a: 1 }), () => log({ a: 'multi\nline' }),
  () => log(-0, [-0], 0n), () => log(new Map([[-0, -0]]))
);
"""

# The two harnesses around the corpus: each runs every case, records its output
# (or the error it threw), and marks where each case starts.
NODE_HARNESS = r"""
const util = require('util');
const out = [];
const log = (...args) => out[out.length - 1].push(util.format(...args));
const ins = (value, options) => out[out.length - 1].push(util.inspect(value, options));
%s
for (const c of CASES) {
  out.push([]);
  try { c(); } catch (e) { out[out.length - 1].push('THREW ' + e.name + ': ' + e.message); }
}
process.stdout.write(JSON.stringify(out));
"""

JSHOST_HARNESS = r"""
const MARK = '\u0000case';
const log = (...args) => console.log(...args);
// console.dir(value, options) is util.inspect(value, {customInspect: false, ...options}).
const ins = (value, options) => console.dir(value, { customInspect: true, ...options });
%s
for (const c of CASES) {
  console.log(MARK);
  try { c(); } catch (e) { console.log('THREW ' + e.name + ': ' + e.message); }
}
CASES.length
"""

FRAME = re.compile(r"^\s*at .*$|^\s*\.\.\. \d+ lines? matching cause stack trace \.\.\.$")


def normalise(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not FRAME.match(line))


def node_outputs(corpus: str = CORPUS) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "corpus.js"
        script.write_text(NODE_HARNESS % corpus, encoding="utf-8")
        done = subprocess.run([NODE, str(script)], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def jshost_outputs(js, corpus: str = CORPUS) -> list[list[str]]:
    count = js(JSHOST_HARNESS % corpus)
    cases: list[list[str]] = []
    for entry in js.logs:
        if entry["message"] == "\u0000case":
            cases.append([])
        else:
            cases[-1].append(entry["message"])
    assert len(cases) == count
    return cases


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_inspect_and_format_match_node(js) -> None:
    expected = node_outputs()
    actual = jshost_outputs(js)
    assert len(expected) == len(actual) >= 200
    case_lines = CORPUS[CORPUS.index("const CASES"):].split("\n")
    mismatches = []
    for i, (want, got) in enumerate(zip(expected, actual)):
        want_n = [normalise(t) for t in want]
        got_n = [normalise(t) for t in got]
        if want_n != got_n:
            mismatches.append(f"case #{i}:\n  node:   {want_n!r}\n  jshost: {got_n!r}")
    matched = len(expected) - len(mismatches)
    print(f"util differential: {matched}/{len(expected)} cases match Node ({100 * matched / len(expected):.1f}%)")
    assert not mismatches, f"{len(mismatches)} of {len(expected)} differ:\n" + "\n".join(mismatches)



# Seeded random nested values (objects, arrays, Maps, Sets, strings with
# newlines, dates, bigints) under various options: the same generator runs in
# both runtimes, so both inspect identical values.
RANDOM_CORPUS = r"""
let seed = SEED;
const rand = () => { seed = (seed + 0x6d2b79f5) | 0; let t = seed; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const WORDS = ['id', 'name', 'value', 'userId', 'a', 'properties', 'x-y', 'with space', 'n', 'timestamp', 'ok', 'list'];
function gen(depth) {
  const r = rand();
  if (depth > 3 || r < 0.35) {
    return pick([() => Math.floor(rand() * 2000) - 500, () => rand() * 100, () => 'str'.repeat(Math.floor(rand() * 12)),
      () => pick(WORDS), () => null, () => undefined, () => rand() < 0.5, () => BigInt(Math.floor(rand() * 1e6)),
      () => 'line\n'.repeat(Math.floor(rand() * 4)) + 'end', () => new Date(Math.floor(rand() * 2e12))])();
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * (rand() < 0.1 ? 30 : 8)) }, () => gen(depth + 1));
  if (r < 0.9) { const o = {}; const n = Math.floor(rand() * 9); for (let i = 0; i < n; i++) o[pick(WORDS) + (rand() < 0.3 ? i : '')] = gen(depth + 1); return o; }
  if (r < 0.95) return new Map(Array.from({ length: Math.floor(rand() * 5) }, () => [pick(WORDS), gen(depth + 1)]));
  return new Set(Array.from({ length: Math.floor(rand() * 6) }, () => gen(depth + 1)));
}
const OPTS = [undefined, { depth: 4 }, { breakLength: 60 }, { compact: 1 }, { breakLength: 120, depth: 3 }, { compact: false, depth: 1 }, { compact: 2, breakLength: 40 }, { sorted: true, maxArrayLength: 5 }, { maxStringLength: 4, depth: 0 }];
const CASES = Array.from({ length: 300 }, (_, i) => { const v = gen(0); const o = OPTS[i % OPTS.length]; return () => ins(v, o); });
"""


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
@pytest.mark.parametrize("seed", [12345, 2024])
def test_random_values_match_node(js, seed) -> None:
    corpus = RANDOM_CORPUS.replace("SEED", str(seed))
    expected = node_outputs(corpus)
    actual = jshost_outputs(js, corpus)
    assert len(expected) == len(actual) == 300
    diffs = [f"#{i}: node {a!r} jshost {b!r}" for i, (a, b) in enumerate(zip(expected, actual)) if a != b]
    assert not diffs, "\n".join(diffs[:10])

# The rest of the util module (for require('util')): user code cannot reach
# `internals`, so bootstrap.js and util.js are loaded into a bare QuickJS context
# that keeps `internals.util` in a global. Each case is an expression; its value is
# compared as JSON (strings as they are) with Node's require('util').
UTIL_API_CASES = r"""
[
  () => [util.types.isDate(new Date()), util.types.isDate({}), util.types.isRegExp(/x/), util.types.isRegExp(RegExp.prototype)],
  () => [util.types.isMap(new Map()), util.types.isMap(new WeakMap()), util.types.isSet(new Set()), util.types.isWeakSet(new WeakSet())],
  () => [util.types.isPromise(Promise.resolve()), util.types.isPromise({ then() {} }), util.types.isTypedArray(new Uint8Array(1)), util.types.isTypedArray([])],
  () => [util.types.isUint8Array(new Uint8Array(1)), util.types.isUint8Array(new Int8Array(1)), util.types.isFloat64Array(new Float64Array(1))],
  () => [util.types.isAnyArrayBuffer(new ArrayBuffer(1)), util.types.isAnyArrayBuffer(new SharedArrayBuffer(1)), util.types.isArrayBuffer(new SharedArrayBuffer(1))],
  () => [util.types.isNativeError(new TypeError()), util.types.isNativeError({ name: 'Error', message: '' }), util.types.isNativeError(Object.create(Error.prototype))],
  () => [util.types.isAsyncFunction(async () => {}), util.types.isAsyncFunction(() => {}), util.types.isAsyncFunction(async function* () {})],
  () => [util.types.isGeneratorFunction(function* () {}), util.types.isGeneratorFunction(async function* () {}), util.types.isGeneratorFunction(function () {})],
  () => [util.types.isBoxedPrimitive(Object(1)), util.types.isBoxedPrimitive(1), util.types.isBoxedPrimitive(Object(Symbol())), util.types.isBoxedPrimitive(new String(''))],
  () => [util.types.isNumberObject(new Number(1)), util.types.isStringObject(new String('')), util.types.isBooleanObject(new Boolean(false)), util.types.isBigIntObject(Object(1n)), util.types.isSymbolObject(Object(Symbol()))],
  () => [util.types.isDataView(new DataView(new ArrayBuffer(1))), util.types.isWeakMap(new WeakMap()), util.types.isMapIterator(new Map().keys()), util.types.isSetIterator(new Set().values())],
  () => [util.types.isArgumentsObject((function () { return arguments; })()), util.types.isArgumentsObject([]), util.types.isGeneratorObject((function* () {})())],
  () => [util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual({ a: 1 }, { a: '1' }), util.isDeepStrictEqual([1, 2], [2, 1])],
  () => [util.isDeepStrictEqual(NaN, NaN), util.isDeepStrictEqual(0, -0), util.isDeepStrictEqual([0], [-0]), util.isDeepStrictEqual({}, Object.create(null))],
  () => [util.isDeepStrictEqual(new Date(1), new Date(1)), util.isDeepStrictEqual(new Date(1), new Date(2)), util.isDeepStrictEqual(/a/g, /a/g), util.isDeepStrictEqual(/a/g, /a/i)],
  () => [util.isDeepStrictEqual(new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])), util.isDeepStrictEqual(new Map([[{ k: 1 }, 1]]), new Map([[{ k: 1 }, 1]])), util.isDeepStrictEqual(new Map([[1, 2]]), new Map([[1, 3]]))],
  () => [util.isDeepStrictEqual(new Set([1, { a: 1 }]), new Set([{ a: 1 }, 1])), util.isDeepStrictEqual(new Set([1]), new Set(['1'])), util.isDeepStrictEqual(new Set([{}]), new Set([{}, {}]))],
  () => [util.isDeepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), util.isDeepStrictEqual(new Uint8Array([1]), new Int8Array([1])), util.isDeepStrictEqual(new ArrayBuffer(2), new ArrayBuffer(2))],
  () => [util.isDeepStrictEqual([1, , 3], [1, undefined, 3]), util.isDeepStrictEqual({ a: undefined }, {}), util.isDeepStrictEqual(Object.assign([1], { x: 1 }), [1])],
  () => { const a = { n: 1 }; a.self = a; const b = { n: 1 }; b.self = b; return util.isDeepStrictEqual(a, b); },
  () => [util.isDeepStrictEqual(new (class A {})(), new (class B {})()), util.isDeepStrictEqual(new Number(1), new Number(1)), util.isDeepStrictEqual(new String('a'), new String('b'))],
  () => [util.isDeepStrictEqual(new Error('a'), new Error('a')), util.isDeepStrictEqual(new Error('a'), new TypeError('a')), util.isDeepStrictEqual({ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 1 })],
  () => { function A() {} function B() {} B.prototype.hi = function () { return 'hi'; }; util.inherits(A, B); return [A.super_ === B, new A().hi(), new A() instanceof B]; },
  () => { try { util.inherits(function () {}, null); } catch (e) { return [e.name, e.code, e.message]; } },
  () => util.deprecate((a, b) => a + b, 'old')(2, 3),
  () => util.format('%s=%d %j', 'a', 1, { b: [2] }),
  () => util.formatWithOptions({ colors: true }, 'n=%O', { n: 1 }),
  () => { try { util.formatWithOptions(null, 'x'); } catch (e) { return [e.name, e.code, e.message]; } },
  () => util.inspect({ a: { b: { c: {} } } }, true, 0),
  () => util.inspect({ a: { b: { c: { d: {} } } } }, false, null),
  () => util.inspect('str', false, 2, true),
  () => { const saved = util.inspect.defaultOptions.depth; util.inspect.defaultOptions = { depth: 0 }; const s = util.inspect({ a: { b: 1 } }); util.inspect.defaultOptions = { depth: saved }; return [s, util.inspect({ a: { b: 1 } })]; },
  () => { try { util.inspect.defaultOptions = null; } catch (e) { return [e.name, e.code, e.message]; } },
  () => [util.inspect.custom === Symbol.for('nodejs.util.inspect.custom'), typeof util.inspect.colors.red, util.inspect.styles.string],
  () => [Object.keys(util.inspect.colors), util.inspect.colors.grey, util.inspect.colors.faint, util.inspect.styles],
  () => util.inspect({ a: 1 }, { stylize: (s) => s, unknownOption: 1 }),
  () => util.inspect({ x: { [util.inspect.custom](depth, opts) { return [depth, opts.unknownOption, opts.depth]; } } }, { unknownOption: 'kept' }),
  () => [util.stripVTControlCharacters('\u001b[31mred\u001b[39m plain'), util.toUSVString('a\ud800b')],
  () => [util.promisify.custom === Symbol.for('nodejs.util.promisify.custom'), typeof util.promisify((cb) => cb())],
  () => { const f = () => {}; f[util.promisify.custom] = () => 'custom'; return util.promisify(f)(); },
  () => { try { util.promisify(1); } catch (e) { return [e.name, e.code, e.message]; } },
  () => [util.isArray([]), util.isBoolean(false), util.isNull(null), util.isNullOrUndefined(undefined), util.isNumber(1), util.isString(''), util.isSymbol(Symbol()), util.isUndefined(undefined), util.isRegExp(/x/), util.isObject({}), util.isObject(null), util.isDate(new Date()), util.isError(new Error()), util.isFunction(() => {}), util.isPrimitive('x'), util.isPrimitive({})],
]
"""

ASYNC_UTIL_CASES = r"""
[
  () => util.promisify((a, cb) => cb(null, a * 2))(21),
  () => util.promisify((cb) => cb(new Error('failed'))).call(null).catch((e) => 'rejected: ' + e.message),
  () => util.promisify(function (cb) { cb(null, this && this.tag); }).call({ tag: 'this kept' }),
  () => new Promise((resolve) => util.callbackify(async (x) => x + 1)(1, (err, v) => resolve([err, v]))),
  () => new Promise((resolve) => util.callbackify(async () => { throw new Error('cb'); })((err) => resolve(err.message))),
  () => new Promise((resolve) => util.callbackify(() => Promise.reject(null))((err) => resolve([err.code, err.message]))),
]
"""

API_NODE = r"""
const util = require('util');
const show = (v) => typeof v === 'string' ? v : JSON.stringify(v);
(async () => {
  const out = [];
  for (const c of %s) out.push(show(c()));
  for (const c of %s) out.push(show(await c()));
  process.stdout.write(JSON.stringify(out));
})();
"""

API_QUICKJS = r"""
var __results = [];
(async () => {
  const util = globalThis.__util;
  const show = (v) => typeof v === 'string' ? v : JSON.stringify(v);
  for (const c of %s) __results.push(show(c()));
  for (const c of %s) __results.push(show(await c()));
  __results.done = true;
})();
"""


def util_module_context():
    import quickjs

    from jshost.polyfills import read_polyfill

    body = "".join(f"(function (internals) {{\n{read_polyfill(name)}\n}})(internals);\n"
                   for name in ("bootstrap.js", "util.js"))
    ctx = quickjs.Context()
    ctx.eval('(function () {\n"use strict";\nconst internals = { lineBase: 100000, files: [] };\n'
             f"{body}globalThis.__util = internals.util;\n}})();")
    return ctx


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_util_module_api_matches_node() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "api.js"
        script.write_text(API_NODE % (UTIL_API_CASES, ASYNC_UTIL_CASES), encoding="utf-8")
        done = subprocess.run([NODE, str(script)], capture_output=True, text=True, timeout=60, check=True)
    expected = json.loads(done.stdout)
    ctx = util_module_context()
    ctx.eval(API_QUICKJS % (UTIL_API_CASES, ASYNC_UTIL_CASES))
    while ctx.execute_pending_job():
        pass
    assert ctx.eval("__results.done") is True
    actual = json.loads(ctx.eval("JSON.stringify(__results)"))
    assert len(actual) == len(expected)
    diffs = [f"#{i}: node {a!r} jshost {b!r}" for i, (a, b) in enumerate(zip(expected, actual)) if a != b]
    assert not diffs, "\n".join(diffs)
