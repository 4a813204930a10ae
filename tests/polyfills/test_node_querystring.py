"""Node's querystring module for library code (polyfills/node_querystring.js), against Node."""

from __future__ import annotations

import json

import pytest

from conftest import NODE
from node_require import assert_same_as_node, slot_fixture

pytestmark = pytest.mark.skipif(NODE is None, reason="node not on PATH")

PARSE = ["a=1&b=2&a=3&c=&d", "x=%E2%82%AC&y=a+b&z=%zz&w=%", "", "&&a=1&&", "=v&k=", "a[]=1&a[]=2", "a=1=2",
         "k=%F0%9F%98%80%ZZ", "%61=%62", "a=%E2%82", "a+b=c+d", "a=1;b=2", "  =  ", "__proto__=1&toString=2"]
STRINGIFY = [{"x": [1, "two"], "y": "a b", "z": True}, {"n": None, "u": None, "o": {}, "f": 1.5, "i": float("inf")},
             {"é": "€/?#&=", "emoji": "😀", "sp": "a+b c"}, {"arr": [], "nested": [[1, 2]]}, {}]


def corpus() -> list[str]:
    snippets = [f"require('querystring').parse({json.dumps(s)})" for s in PARSE]
    snippets += [f"require('querystring').stringify({json.dumps(o)})" for o in STRINGIFY]
    snippets += [
        "require('querystring').parse('x:1;y:2;x:3', ';', ':')",
        "require('querystring').parse('a=1&b=2&c=3', null, null, {maxKeys: 2})",
        "require('querystring').parse('a=1&b=2', '&', '=', {maxKeys: 0})",
        "require('querystring').parse('a=%41', '&', '=', {decodeURIComponent: (s) => s.toLowerCase()})",
        "require('querystring').stringify({a: 'x y'}, ';', ':', {encodeURIComponent: (s) => s.toUpperCase()})",
        "require('querystring').stringify({a: 1, b: undefined, c: null, d: NaN, e: 10n, f: Symbol.iterator === 1})",
        "[require('querystring').escape('a b&c/é~*()!\\''), require('querystring').unescape('a%20b%zz%E2%82%AC+')]",
        "require('querystring').stringify('not an object')",
        "[require('querystring').decode === require('querystring').parse, require('node:querystring').encode('a', 'b')]",
        "Object.getPrototypeOf(require('querystring').parse('a=1')) === null",
    ]
    return snippets


@pytest.fixture(scope="module")
def slot():
    yield from slot_fixture()


def test_querystring_matches_node(slot) -> None:
    assert_same_as_node(slot, corpus())
