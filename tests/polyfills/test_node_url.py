"""Node's url module for library code (polyfills/node_url.js): the legacy parse/format/resolve, against Node."""

from __future__ import annotations

import json

import pytest

from conftest import NODE
from node_require import assert_same_as_node, slot_fixture

pytestmark = pytest.mark.skipif(NODE is None, reason="node not on PATH")

URLS = ["http://user:pw@Example.COM:8080/p/a/t/h?query=string#hash", "//foo/bar", "/a/b?c=d", "mailto:x@y.z",
        "javascript:alert(1)", "http://a b.com/x", "HTTP://x.com", "http://[::1]:3000/x", "file:///etc/passwd",
        "http://ex.com/ä?ö#ü", "x.com/path", "http://ex.com?a=1", "http://münchen.de/", "  http://trim.me/ x  ",
        "http:\\\\back\\slash?a\\b", "https://a.com:/x", "http://a.com/p?q=1#h?x", "http://user@host",
        "http://x.com/a b<c>", "?only=query", "#hash", "", "http://x.com#frag", "HTTPS://USER:P%40SS@EX.COM/%7Efoo",
        "ftp://ftp.x.org/pub", "git+ssh://git@github.com:org/repo.git", "http://a.com/?q=a+b&r=%20",
        "http://a.com:99999/", "http://a_b.com/", "redis://:secret@localhost:6379/0", "http://a.com/{x}|y^`",
        "\thttp://tab.com/\n", "http://a.com/%zz"]
RESOLVE = [("http://a/b/c/d;p?q", r) for r in [
    "g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x", "g;x?y#s", "", ".", "./",
    "..", "../", "../g", "../..", "../../", "../../g", "../../../g", "/./g", "/../g", "g.", ".g", "g..", "..g",
    "./../g", "./g/.", "g/./h", "g/../h"]] + [
    ("http://example.com", "one"), ("http://example.com/", "/one"), ("http://example.com/one", "/two"),
    ("/one/two/three", "four"), ("http://a.com/x", "https://b.com/y"), ("http://a.com/x", "//b.com/y"),
    ("http://a.com/dir/", "sub/file?x=1"), ("https://api.example.com/v1/", "../v2/users")]


def corpus() -> list[str]:
    snippets = [f"(() => {{ const u = require('url'); const p = u.parse({json.dumps(x)}); const q = u.parse({json.dumps(x)}, true, true);"
                " return [JSON.parse(JSON.stringify(p)), JSON.parse(JSON.stringify(q)), u.format(p), Object.keys(p)] })()"
                for x in URLS]
    snippets += [f"require('url').resolve({json.dumps(a)}, {json.dumps(b)})" for a, b in RESOLVE]
    snippets += [
        "require('url').format({protocol: 'https', hostname: 'a.com', pathname: '/x', query: {a: 1, b: [2, 3]}})",
        "require('url').format({protocol: 'http:', host: 'a.com:80', auth: 'us er:p@ss', pathname: 'x#y', search: 'a=1#'})",
        "require('url').format({protocol: 'file', pathname: '/tmp/x'})",
        "require('url').format({hostname: '::1', port: 8080, pathname: '/'})",
        "require('url').format(new (require('url').URL)('http://u:p@a.com/x?y#z'), {auth: false, fragment: false})",
        "require('url').format('http://A.com/x y')",
        "require('url').fileURLToPath('file:///tmp/a%20b')", "require('url').pathToFileURL('/tmp/a b#c').href",
        "require('url').urlToHttpOptions(new URL('http://u:p@[::1]:81/x?y'))",
        "require('url').domainToASCII('München.de')", "require('url').parse('http://a.com') instanceof require('url').Url",
        "[require('url').URL === URL, require('url').URLSearchParams === URLSearchParams]",
        "(() => { try { require('url').parse(42) } catch (e) { return [e.name, e.code] } })()",
        "(() => { try { require('url').fileURLToPath('http://x') } catch (e) { return [e.name, e.code] } })()",
        "require('url').resolveObject('http://a.com/b/c', '../d').href",
    ]
    return snippets


@pytest.fixture(scope="module")
def slot():
    yield from slot_fixture()


def test_url_matches_node(slot) -> None:
    assert_same_as_node(slot, corpus())
