"""Node's assert module for library code (polyfills/node_assert.js), against Node."""

from __future__ import annotations

import pytest

from conftest import NODE
from node_require import assert_same_as_node, slot_fixture

pytestmark = pytest.mark.skipif(NODE is None, reason="node not on PATH")

# Each call's outcome: "ok", or the error's name, code, whether Node generated the message,
# operator, and the message when the caller wrote it.
OUTCOME = """(f) => { try { const r = f(); return r && typeof r.then === 'function' ? r.then(() => 'ok', (e) => [e.name,
  e.code, e.generatedMessage, e.operator, e.generatedMessage ? null : String(e.message)]) : 'ok' }
  catch (e) { return [e.name, e.code, e.generatedMessage, e.operator, e.generatedMessage ? null : String(e.message)] } }"""

CALLS = [
    "assert(1)", "assert(0)", "assert.ok('x')", "assert.ok('')", "assert(false, 'my message')",
    "assert(false, new TypeError('own error'))",
    "assert.equal(1, '1')", "assert.equal(1, 2)", "assert.notEqual(1, 2)", "assert.notEqual(1, '1')",
    "assert.strictEqual(NaN, NaN)", "assert.strictEqual(1, '1')", "assert.strictEqual(1, 2, 'custom')",
    "assert.notStrictEqual(1, 1)", "assert.notStrictEqual(1, 2)",
    "assert.deepStrictEqual({a: [1, {b: 2}]}, {a: [1, {b: 2}]})", "assert.deepStrictEqual({a: 1}, {a: '1'})",
    "assert.deepStrictEqual([1, 2], [1, 2, 3])", "assert.deepStrictEqual(new Map([[1, 2]]), new Map([[1, 2]]))",
    "assert.deepStrictEqual(new Date(0), new Date(0))", "assert.deepStrictEqual(new Date(0), new Date(1))",
    "assert.notDeepStrictEqual({a: 1}, {a: 2})", "assert.notDeepStrictEqual({a: 1}, {a: 1})",
    "assert.deepEqual({a: 1}, {a: '1'})", "assert.deepEqual({a: 1}, {a: 2})", "assert.notDeepEqual({a: 1}, {a: 2})",
    "assert.throws(() => { throw new TypeError('x') }, TypeError)",
    "assert.throws(() => { throw new TypeError('x') }, RangeError)",
    "assert.throws(() => { throw new Error('abc') }, /b/)", "assert.throws(() => { throw new Error('abc') }, /z/)",
    "assert.throws(() => {})", "assert.throws(() => {}, 'expected to throw')",
    "assert.throws(() => { throw new Error('m') }, {message: 'm'})",
    "assert.throws(() => { throw new Error('m') }, {message: 'n'})",
    "assert.throws(() => { throw new Error('m') }, (e) => e.message === 'm')",
    "assert.doesNotThrow(() => {})", "assert.doesNotThrow(() => { throw new Error('oops') })",
    "assert.rejects(Promise.reject(new Error('r')))", "assert.rejects(Promise.resolve(1))",
    "assert.rejects(async () => { throw new TypeError('t') }, TypeError)",
    "assert.doesNotReject(Promise.resolve(1))", "assert.doesNotReject(Promise.reject(new Error('d')))",
    "assert.match('abc', /b/)", "assert.match('abc', /z/)", "assert.doesNotMatch('abc', /z/)",
    "assert.doesNotMatch('abc', /b/)", "assert.fail()", "assert.fail('boom')", "assert.ifError(null)",
    "assert.ifError(new Error('if'))", "assert.strict.equal(1, '1')", "assert.strict.deepEqual({a: 1}, {a: '1'})",
]


def corpus() -> list[str]:
    snippets = [f"(() => {{ const assert = require('assert'); return ({OUTCOME})(() => {call}) }})()" for call in CALLS]
    snippets += [
        "(() => { const assert = require('assert'); try { assert.strictEqual(1, 2) } catch (e) {"
        " return [e instanceof assert.AssertionError, e instanceof Error, e.actual, e.expected, e.name] } })()",
        "(() => { const { AssertionError } = require('assert'); const e = new AssertionError({message: 'm', actual: 1,"
        " expected: 2, operator: 'op'}); return [e.message, e.code, e.actual, e.expected, e.operator, e.generatedMessage] })()",
        "[require('assert/strict') === require('assert').strict, require('node:assert').strict.strict === require('assert').strict]",
    ]
    return snippets


@pytest.fixture(scope="module")
def slot():
    yield from slot_fixture()


def test_assert_matches_node(slot) -> None:
    assert_same_as_node(slot, corpus())
