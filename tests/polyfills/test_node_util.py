"""Node's util module as library code requires it (internals.util, plus TextEncoder/TextDecoder), against Node."""

from __future__ import annotations

import pytest

from conftest import NODE
from node_require import assert_same_as_node, slot_fixture

pytestmark = pytest.mark.skipif(NODE is None, reason="node not on PATH")

SNIPPETS = [
    """(() => { const util = require('util'); function A() {} A.prototype.hi = function () { return 'hi' };
        function B() { A.call(this) } util.inherits(B, A); const b = new B();
        return [b.hi(), b instanceof A, B.super_ === A, Object.getPrototypeOf(B.prototype) === A.prototype] })()""",
    """(async () => { const util = require('util'); const f = (a, cb) => setTimeout(() => cb(null, a * 2), 1);
        const g = (cb) => cb(new Error('no')); let err; try { await util.promisify(g)() } catch (e) { err = e.message }
        return [await util.promisify(f)(21), err] })()""",
    """new Promise((resolve) => { const util = require('util'); util.callbackify(async (x) => x + 1)(1, (e, v) => resolve([e, v])) })""",
    """(() => { const util = require('util'); return [util.format('%s=%d %j %o', 'a', 42, {b: 1}, [1]), util.inspect({a: {b: {c: {d: 1}}}}),
        util.inspect('str'), util.isDeepStrictEqual({a: [1]}, {a: [1]}), util.types.isDate(new Date()),
        util.types.isRegExp(/x/), util.types.isPromise(Promise.resolve()), util.isArray([])] })()""",
    """(() => { const util = require('util'); return [new util.TextEncoder().encode('é').length,
        new util.TextDecoder().decode(new Uint8Array([0xc3, 0xa9])), util.TextEncoder === TextEncoder] })()""",
    """(() => { const util = require('util'); const f = util.deprecate(() => 'still works', 'old'); return [f(), typeof util.debuglog('x')] })()""",
    """(() => { const types = require('util/types'); return [types === require('util').types, types.isUint8Array(Buffer.alloc(1)),
        types.isMap(new Map()), types.isAsyncFunction(async () => {})] })()""",
]


@pytest.fixture(scope="module")
def slot():
    yield from slot_fixture()


def test_util_matches_node(slot) -> None:
    assert_same_as_node(slot, SNIPPETS)
