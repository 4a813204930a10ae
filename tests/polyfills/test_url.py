"""URL and URLSearchParams (polyfills/url.js).

* The Web Platform Tests' URL vectors (shared/vectors/wpt-url), every case, run
  the way WPT's url-constructor, url-origin, url-setters, toascii and
  percent-encoding tests run them, all in one `js(...)` call. The cases that are
  expected to fail are data (url_known_failures.json, each with its reason) and
  the tests assert that exactly those fail, so a fix shows as well as a regression.
* The IDNA mapping url.js derives from the engine's Unicode data, checked code
  point by code point against the UTS #46 table the `idna` package ships.
* Form-urlencoded parsing against Python's urllib.parse.parse_qsl.
* Differential tests against Node 20 (`node` on PATH) for URLSearchParams, the
  API's shape and errors, internationalized hosts, and console.log output.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import NODE, SHARED

VECTORS = SHARED / "vectors" / "wpt-url"
KNOWN_FAILURES = Path(__file__).with_name("url_known_failures.json")
no_node = pytest.mark.skipif(NODE is None, reason="node not on PATH")

# Node's output is kept ASCII (non-ASCII as JSON \u escapes), whatever the locale's encoding.
ASCII_JSON = r"""(value) => JSON.stringify(value).replace(/[^\x00-\x7f]/g,
  (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"))"""


# ---------------------------------------------------------------------------
# WPT vectors
# ---------------------------------------------------------------------------

# Mirrors WPT url/url-constructor.any.js, url-origin.any.js, url-statics-canparse,
# url-setters.any.js, toascii.window.js and percent-encoding.window.js (with the
# URL API instead of an <a> element). Returns {counts: {file: [cases, failed]},
# fails: {case id: why}}.
VECTOR_RUNNER = r"""
(function (data) {
  const counts = {}, fails = {};
  function record(file, id, error) {
    const c = counts[file] || (counts[file] = [0, 0]);
    c[0]++;
    if (error !== null) { c[1]++; fails[id] = String(error).slice(0, 300); }
  }
  const same = (got, want, what) => (got === want ? null : `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  function attempt(file, id, body) {
    let error;
    try { error = body(); } catch (e) { error = `threw ${e && e.name}: ${e && e.message}`; }
    record(file, id, error === undefined ? null : error);
  }
  const ATTRIBUTES = ["href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];

  data.urltestdata.forEach((t, i) => {
    if (typeof t === "string") return;
    attempt("urltestdata.json", `urltestdata.json#${i}`, () => {
      const base = t.base === null ? undefined : t.base;
      if (t.failure) {
        let thrown = null;
        try { new URL(t.input, base); } catch (e) { thrown = e; }
        if (thrown === null) return "parsed, want failure";
        if (!(thrown instanceof TypeError)) return `threw ${thrown}, want a TypeError`;
        if (URL.canParse(t.input, base) !== false) return "canParse true, want false";
        return null;
      }
      const url = new URL(t.input, base);
      for (const name of ATTRIBUTES) {
        const error = same(url[name], t[name], name);
        if (error) return error;
      }
      if ("origin" in t && url.origin !== t.origin) return same(url.origin, t.origin, "origin");
      if ("searchParams" in t && url.searchParams.toString() !== t.searchParams) {
        return same(url.searchParams.toString(), t.searchParams, "searchParams");
      }
      if (URL.canParse(t.input, base) !== true) return "canParse false, want true";
      return null;
    });
  });

  for (const attribute of Object.keys(data.setters)) {
    if (attribute === "comment") continue;
    data.setters[attribute].forEach((t, i) => {
      attempt("setters_tests.json", `setters_tests.json#${attribute}.${i}`, () => {
        const url = new URL(t.href);
        url[attribute] = t.new_value;
        for (const name of Object.keys(t.expected)) {
          const error = same(url[name], t.expected[name], name);
          if (error) return error;
        }
        return null;
      });
    });
  }

  data.toascii.forEach((t, i) => {
    if (typeof t === "string") return;
    attempt("toascii.json", `toascii.json#${i} URL`, () => {
      if (t.output === null) {
        try { new URL(`https://${t.input}/x`); } catch (e) { return e instanceof TypeError ? null : `threw ${e}`; }
        return "parsed, want failure";
      }
      const url = new URL(`https://${t.input}/x`);
      return same(url.host, t.output, "host") || same(url.hostname, t.output, "hostname") ||
        same(url.pathname, "/x", "pathname") || same(url.href, `https://${t.output}/x`, "href");
    });
    for (const attribute of ["host", "hostname"]) {
      attempt("toascii.json", `toascii.json#${i} ${attribute}`, () => {
        const url = new URL("https://x/x");
        url[attribute] = t.input;
        return same(url[attribute], t.output === null ? "x" : t.output, attribute);
      });
    }
  });

  data.percent.forEach((t, i) => {
    if (typeof t === "string") return;
    for (const encoding of Object.keys(t.output)) {
      attempt("percent-encoding.json", `percent-encoding.json#${i} ${encoding}`, () => {
        const url = new URL(`https://doesnotmatter.invalid/?${t.input}#${t.input}`);
        return same(url.hash, `#${t.output["utf-8"]}`, "fragment") || same(url.search, `?${t.output[encoding]}`, "query");
      });
    }
  });
  return { counts, fails };
})
"""

VECTOR_FILES = ("urltestdata.json", "setters_tests.json", "toascii.json", "percent-encoding.json")


@pytest.fixture(scope="module")
def vector_results(js):
    if not VECTORS.is_dir():
        pytest.skip(f"WPT URL vectors not found at {VECTORS}")
    data = {
        "urltestdata": json.loads((VECTORS / "urltestdata.json").read_text(encoding="utf-8")),
        "setters": json.loads((VECTORS / "setters_tests.json").read_text(encoding="utf-8")),
        "toascii": json.loads((VECTORS / "toascii.json").read_text(encoding="utf-8")),
        "percent": json.loads((VECTORS / "percent-encoding.json").read_text(encoding="utf-8")),
    }
    return js(f"({VECTOR_RUNNER})({json.dumps(data)})")


def known_failures(file: str) -> dict[str, str]:
    entries = json.loads(KNOWN_FAILURES.read_text(encoding="utf-8")).get(file, {})
    for case_id, entry in entries.items():
        assert entry.get("reason"), f"known failure {case_id} has no reason"
    return {case_id: entry["reason"] for case_id, entry in entries.items()}


@pytest.mark.parametrize("file", VECTOR_FILES)
def test_wpt_vectors_fail_exactly_the_known_failures(vector_results, file):
    total, failed = vector_results["counts"][file]
    fails = {k: v for k, v in vector_results["fails"].items() if k.startswith(file + "#")}
    assert len(fails) == failed
    known = known_failures(file)
    print(f"{file}: {total - failed}/{total} pass ({100 * (total - failed) / total:.1f}%)")
    unexpected = {k: fails[k] for k in sorted(set(fails) - set(known))}
    fixed = sorted(set(known) - set(fails))
    assert not unexpected, f"new failures in {file}: {json.dumps(unexpected, indent=1, ensure_ascii=False)}"
    assert not fixed, f"known failures of {file} now pass (remove them from {KNOWN_FAILURES.name}): {fixed}"


def test_wpt_vector_counts(vector_results):
    # Every case of every file ran, and the required pass rates hold.
    counts = vector_results["counts"]
    assert set(counts) == set(VECTOR_FILES)
    setters = json.loads((VECTORS / "setters_tests.json").read_text(encoding="utf-8"))
    urltestdata = json.loads((VECTORS / "urltestdata.json").read_text(encoding="utf-8"))
    assert counts["urltestdata.json"][0] == sum(isinstance(t, dict) for t in urltestdata)
    assert counts["setters_tests.json"][0] == sum(len(v) for k, v in setters.items() if k != "comment")
    total, failed = counts["urltestdata.json"]
    assert (total - failed) / total >= 0.95


def test_known_failures_file_is_well_formed():
    data = json.loads(KNOWN_FAILURES.read_text(encoding="utf-8"))
    assert set(data) <= set(VECTOR_FILES)
    for file, entries in data.items():
        for case_id, entry in entries.items():
            assert case_id.startswith(file + "#") and entry["reason"]


# ---------------------------------------------------------------------------
# UTS #46: url.js derives the IDNA mapping from the engine's Unicode data instead
# of shipping the table. Check that derivation code point by code point against
# the table itself, as the `idna` package (an httpx dependency) ships it. This
# loads url.js into a bare QuickJS context to reach its internal functions.
# ---------------------------------------------------------------------------

IDNA_RANGES = [(0x80, 0x10000), (0x1D400, 0x1D800), (0x1F100, 0x1F300), (0xE0000, 0xE01F0)]


def test_idna_mapping_matches_the_uts46_table():
    import bisect
    import quickjs
    uts46 = pytest.importorskip("idna.uts46data")
    if int(uts46.__version__.split(".")[0]) < 16:
        pytest.skip(f"idna's UTS #46 data is Unicode {uts46.__version__}; url.js follows 16 and later")
    expected = []
    for start, end in IDNA_RANGES:
        for cp in range(start, end):
            i = bisect.bisect_right(uts46.uts46_starts, cp) - 1
            status, mapping = chr(uts46.uts46_statuses[i]), uts46.uts46_replacements[i]
            if status == "D":
                status = "V"  # deviations are valid in nontransitional processing
            # Spaces map to U+0020, a forbidden domain code point: the same outcome as disallowed.
            if status == "M" and mapping == " ":
                status, mapping = "X", None
            expected.append(status + (mapping or "") if status == "M" else status)
    source = (Path(__file__).resolve().parents[2] / "polyfills" / "url.js").read_text(encoding="utf-8")
    ctx = quickjs.Context()
    ctx.eval("globalThis.probe = (function (internals) {\n" + source + "\nreturn { idnaClass, idnaMap };\n})({ defineGlobal() {} }); 0")
    ctx.eval(f"globalThis.expected = {json.dumps(expected)}; globalThis.ranges = {json.dumps(IDNA_RANGES)}; 0")
    mismatches = json.loads(ctx.eval(r"""(() => {
      const unassigned = new RegExp("\\p{Cn}", "u");
      const out = [];
      let k = 0;
      for (const [start, end] of ranges) {
        for (let cp = start; cp < end; cp++, k++) {
          const ch = String.fromCodePoint(cp);
          if (cp >= 0xd800 && cp <= 0xdfff) continue;
          const cls = probe.idnaClass(ch);
          const mapped = cls === "" ? probe.idnaMap(ch) : "";
          const got = cls !== "" ? cls : mapped === ch ? "V" : "M" + mapped;
          // Code points newer than the engine's Unicode data are unassigned to it.
          if (got !== expected[k] && !(got === "X" && unassigned.test(ch))) out.push([cp.toString(16), expected[k], got]);
        }
      }
      return JSON.stringify(out.slice(0, 50)).replace(/[^\x00-\x7f]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
    })()"""))
    assert mismatches == []


# ---------------------------------------------------------------------------
# Behaviour the vectors do not cover (expected values from the spec's text)
# ---------------------------------------------------------------------------

def test_search_params_is_live_both_ways(js):
    result = js("""(() => {
      const url = new URL("https://example.com/?a=b ~");
      const params = url.searchParams;
      const out = [url.href, params === url.searchParams];
      params.sort();                         // the spec's own example
      out.push(url.href);
      url.search = "?x=1&y=2";
      out.push(params.get("x"), params.size);
      params.delete("x"); params.delete("y");
      out.push(url.href);                    // an empty list removes the query
      url.href = "http://h/?q=%41+b";
      out.push(params.get("q"), params === url.searchParams);
      url.hash = "#f"; params.append("k", "v w");
      out.push(url.href);
      return out;
    })()""")
    assert result == [
        "https://example.com/?a=b%20~", True, "https://example.com/?a=b+%7E",
        "1", 2, "https://example.com/", "A b", True, "http://h/?q=A+b&k=v+w#f",
    ]


# application/x-www-form-urlencoded parsing checked against an independent
# implementation: Python's parse_qsl percent-decodes the UTF-8 bytes and decodes
# them with U+FFFD for malformed sequences, as the URL Standard does. (Node 20's
# own URLSearchParams string parser gets the mixed cases wrong, e.g. "e=%C3€".)
FORM_INPUTS = [
    "a=1&b=2&&c&=d&e=f=g", "a+b=c+d%20e", "%zz=%4&%=%%&x=%4G", "e=%C3\u00e9", "e=\u00e9%C3",
    "e=%C3\u20ac", "e=%E2%82\u00e9", "e=\u00e9%A9", "k=%F0%9F%98%80%F0%9F%98", "k=%ED%A0%80%C0%AF%FF",
    "\u00fc=\u4e2d%E6%96%87", "k=%EF%BB%BFbom",
]


def test_form_parsing_matches_python(js):
    from urllib.parse import parse_qsl
    inputs = [json.loads(f'"{s}"') for s in FORM_INPUTS]
    got = js(f"{json.dumps(inputs)}.map((s) => [...new URLSearchParams(s)])")
    want = [[list(pair) for pair in parse_qsl(s, keep_blank_values=True, encoding="utf-8", errors="replace")] for s in inputs]
    assert got == want


# ---------------------------------------------------------------------------
# Differential tests against Node 20
# ---------------------------------------------------------------------------

# Each entry is [label, expression]; the script evaluates each one and records
# its value or the error it throws (name, code, message and Node's extra fields).
DIFFERENTIAL_CASES = [
    # URLSearchParams construction
    ["string", "new URLSearchParams('a=1&b=2&a=3').toString()"],
    ["leading ?", "[...new URLSearchParams('?a=1')]"],
    ["double ?", "[...new URLSearchParams('??a=1')]"],
    ["empty", "[...new URLSearchParams(''), ...new URLSearchParams('?'), ...new URLSearchParams()]"],
    ["null/undefined", "[new URLSearchParams(null).toString(), new URLSearchParams(undefined).toString()]"],
    ["number", "new URLSearchParams(5).toString()"],
    ["separators", "[...new URLSearchParams('&&a&=b&c==d&&e=f=g&')]"],
    ["plus and percent", "[...new URLSearchParams('a+b=c+d&%zz=%41%&%C3%A9=%E9&%2B=%2b')]"],
    ["malformed UTF-8", "[...new URLSearchParams('a=%C3%28&b=%ED%A0%80&c=%F0%9F%98&d=%C0%AF&f=%F4%90%80%80&g=%E2%82')]"],
    ["unicode", "[...new URLSearchParams('\u00e9=\ud83d\ude00&\ud800=\udc00')]"],
    ["record", "new URLSearchParams({a: 1, b: [1, 2], c: null, d: undefined, e: {}}).toString()"],
    ["record non-enumerable", "(() => { const o = {a: '1'}; Object.defineProperty(o, 'h', {value: 2, enumerable: false}); return [...new URLSearchParams(o)]; })()"],
    ["record symbol key", "(() => { const o = {a: 1}; o[Symbol('s')] = 1; try { new URLSearchParams(o); } catch (e) { return e.name; } })()"],
    ["record getter order", "new URLSearchParams({get b() { return 'B'; }, a: 'A', 1: 'one'}).toString()"],
    ["pairs", "new URLSearchParams([['a', 'b'], ['c', 1], [null, undefined]]).toString()"],
    ["pairs from Map", "new URLSearchParams(new Map([['a', 'b'], ['c', 'd']])).toString()"],
    ["pairs from generator", "new URLSearchParams((function* () { yield ['g', 'h']; yield new Set(['i', 'j']); })()).toString()"],
    ["copy", "(() => { const a = new URLSearchParams('x=1'); const b = new URLSearchParams(a); b.append('y', 2); return [a.toString(), b.toString()]; })()"],
    ["pair too short", "new URLSearchParams([['a']])"],
    ["pair too long", "new URLSearchParams([['a', 'b', 'c']])"],
    ["pair string", "new URLSearchParams(['ab'])"],
    ["pair null", "new URLSearchParams([null])"],
    ["iterator not callable", "new URLSearchParams({[Symbol.iterator]: 5})"],
    ["no new", "(() => { try { URLSearchParams(); } catch (e) { return e.name; } })()"],
    # URLSearchParams methods
    ["append/get/getAll", "(() => { const p = new URLSearchParams('a=1'); p.append('a', 2); p.append('b', undefined); return [p.get('a'), p.get('zz'), p.getAll('a'), p.getAll('zz'), p.get('b'), p.size]; })()"],
    ["delete", "(() => { const p = new URLSearchParams('a=1&b=2&a=3&a=1'); p.delete('a', '1'); const s = p.toString(); p.delete('a', undefined); return [s, p.toString()]; })()"],
    ["has", "(() => { const p = new URLSearchParams('a=1&b'); return [p.has('a'), p.has('a', '1'), p.has('a', 2), p.has('b', ''), p.has('c'), p.has('a', undefined)]; })()"],
    ["set", "(() => { const p = new URLSearchParams('a=1&b=2&a=3&c=4'); p.set('a', 'x'); p.set('d', 'y'); return p.toString(); })()"],
    ["sort", "(() => { const p = new URLSearchParams('b=1&a=2&b=0&A=3&\u00e9=4&\ud83d\ude00=5&\uffff=6&a=1'); p.sort(); return [...p]; })()"],
    ["serialize", "new URLSearchParams([[' !\"#$%&\\'()*+,-./:;<=>?@[\\\\]^_`{|}~', '\\u00e9\\u20ac\\ud83d\\ude00\\r\\n\\t\\0']]).toString()"],
    ["lone surrogates", "(() => { const p = new URLSearchParams(); p.append('\\ud800', '\\udfff'); return [p.toString(), [...p.keys()][0] === '\\ufffd']; })()"],
    ["iterators", "(() => { const p = new URLSearchParams('a=1&b=2'); return [[...p.keys()], [...p.values()], [...p.entries()], [...p], Array.from(p)]; })()"],
    ["iterator protocol", "(() => { const it = new URLSearchParams('a=1').keys(); const r = [it.next(), it.next(), it.next()]; return [r, 'value' in r[1], it[Symbol.iterator]() === it, Object.prototype.toString.call(it)]; })()"],
    ["iterator is live", "(() => { const p = new URLSearchParams('a=1'); const it = p.values(); const out = [it.next().value]; p.append('b', 2); out.push(it.next().value); return out; })()"],
    ["forEach", "(() => { const p = new URLSearchParams('a=1&b=2'); const seen = []; p.forEach(function (v, k, o) { seen.push([v, k, o === p, this]); }, 'T'); return seen.map((s) => [s[0], s[1], s[2], String(s[3])]); })()"],
    ["forEach live", "(() => { const p = new URLSearchParams('a=1'); p.forEach((v, k, o) => { if (o.size < 4) o.append('x' + o.size, v); }); return p.toString(); })()"],
    ["forEach non-function", "['str', 5, {}, [], null, undefined, Symbol('s'), 5n, 'a'.repeat(40), true].map((v) => { try { new URLSearchParams().forEach(v); } catch (e) { return [e.code, e.message]; } })"],
    ["missing args", "['append', 'delete', 'get', 'getAll', 'has', 'set'].map((m) => { try { new URLSearchParams()[m](); } catch (e) { return [m, e.name, e.code, e.message]; } })"],
    ["one arg", "['append', 'set'].map((m) => { try { new URLSearchParams()[m]('a'); } catch (e) { return [m, e.code, e.message]; } })"],
    ["wrong this", "['get', 'toString', 'sort', 'keys'].map((m) => { try { URLSearchParams.prototype[m].call({}, 'a'); } catch (e) { return [m, e.name, e.code, e.message]; } })"],
    ["wrong this iterator", "new URLSearchParams().keys().next.call({})"],
    ["size getter this", "Object.getOwnPropertyDescriptor(URLSearchParams.prototype, 'size').get.call({})"],
    ["stringify", "[String(new URLSearchParams('a=1 2')), JSON.stringify(new URLSearchParams('a=1')), Object.prototype.toString.call(new URLSearchParams()), new URLSearchParams('x=y') + '']"],
    ["shape", "[URLSearchParams.length, URLSearchParams.name, URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries, Object.keys(URLSearchParams.prototype), Object.getOwnPropertyNames(URLSearchParams.prototype)]"],
    ["descriptors", "[[URLSearchParams.prototype, 'P'], [URL.prototype, 'U'], [Object.getPrototypeOf(new URLSearchParams().keys()), 'I'], [URL, 'S'], [URLSearchParams, 'T']].flatMap(([o, n]) => Reflect.ownKeys(o).map((k) => { const d = Object.getOwnPropertyDescriptor(o, k); return [n, String(k), d.enumerable, 'writable' in d ? d.writable : null, d.configurable, typeof d.get, typeof d.set, typeof d.value]; }))"],
    ["iterator shape", "(() => { const proto = Object.getPrototypeOf(new URLSearchParams().keys()); return [Object.getOwnPropertyNames(proto), Object.getPrototypeOf(proto) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())), proto[Symbol.toStringTag]]; })()"],
    ["subclass", "(() => { class P extends URLSearchParams { extra() { return this.get('a'); } } const p = new P('a=1'); return [p.extra(), p instanceof URLSearchParams, p.toString()]; })()"],
    # URL
    ["url no args", "new URL()"],
    ["url invalid", "new URL('bad')"],
    ["url invalid base", "new URL('a', 'bad')"],
    ["url invalid relative", "new URL('/path', undefined)"],
    ["url with URL base", "new URL('../x?y#z', new URL('https://u:p@h:8080/a/b/c')).href"],
    ["url from URL", "new URL(new URL('http://A.com/%7e')).href"],
    ["url no new", "(() => { try { URL('http://a'); } catch (e) { return e.name; } })()"],
    ["canParse/parse", "[URL.canParse('http://x'), URL.canParse('x'), URL.canParse('x', 'http://y/'), URL.canParse('x', 'bad'), URL.parse('bad'), URL.parse('b', 'http://a/').href]"],
    ["canParse no args", "URL.canParse()"],
    ["parse no args", "URL.parse()"],
    ["createObjectURL", "URL.createObjectURL('x')"],
    ["revokeObjectURL", "[URL.revokeObjectURL('blob:x')]"],
    ["href setter invalid", "(() => { const u = new URL('http://a/'); u.href = 'nope'; })()"],
    ["error shapes", "[() => new URL(), () => new URL('bad'), () => { new URL('http://a/').href = 'bad'; }, () => new URLSearchParams([1]), () => URLSearchParams.prototype.get.call(1), () => new URLSearchParams().forEach()].map((f) => { try { f(); } catch (e) { return [String(e), e.stack.split('\\n')[0], Object.getPrototypeOf(e) === TypeError.prototype, e.constructor.name, e instanceof TypeError, Object.keys(e)]; } })"],
    ["receiver", "Object.getOwnPropertyDescriptor(URL.prototype, 'href').get.call({})"],
    ["toString receiver", "URL.prototype.toString.call(5)"],
    ["url stringify", "(() => { const u = new URL('https://user:pw@EXAMPLE.com:443/a/../b/./c?q=1#h'); return [String(u), u + '', JSON.stringify({u}), u.toJSON(), Object.keys(u), Object.prototype.toString.call(u)]; })()"],
    ["url attributes", "(() => { const u = new URL('https://user:pw@example.com:8080/p/a/t/h?query=string#hash'); return ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'].map((k) => u[k]); })()"],
    ["url setters", "(() => { const u = new URL('http://example.com/'); u.protocol = 'https'; u.username = 'a b'; u.password = 'p@ss'; u.hostname = 'EXAMPLE.org'; u.port = '8443'; u.pathname = '/x y'; u.search = 'a=1 2'; u.hash = 'frag ment'; return u.href; })()"],
    ["url default port", "(() => { const u = new URL('http://h:80/'); const out = [u.port, u.host]; u.port = '443'; out.push(u.port); u.protocol = 'https'; out.push(u.port, u.href); return out; })()"],
    ["url shape", "[URL.length, URL.name, URL.canParse.length, Object.keys(URL.prototype), typeof URL.parse, Object.getOwnPropertyDescriptor(URL.prototype, 'href').enumerable, Object.getOwnPropertyDescriptor(URL.prototype, Symbol.toStringTag)]"],
    ["url subclass", "(() => { class U extends URL { get twice() { return this.href + this.href; } } const u = new U('http://a/'); return [u.twice, u instanceof URL, u.searchParams.size]; })()"],
    ["ip hosts", "['http://0x7f.1/', 'http://2130706433/', 'http://[::ffff:192.168.0.1]/', 'http://[1:0:0:2::3:0]/', 'http://192.168.0.257/'].map((s) => { try { return new URL(s).host; } catch (e) { return e.code; } })"],
    # Internationalized hosts on which Node 20's older IDNA data agrees with UTS #46
    # 18 (it differs for Hangul fillers, U+1E9E and labels failing the Bidi Rule).
    ["idna hosts", "['münchen.de', 'ΕΛΛΑΔΑ.gr', 'пример.испытание', '例え.テスト', 'مثال.إختبار', 'דוגמה.טעסט', 'ตัวอย่าง.ไทย', '😀.com', 'ｅｘａｍｐｌｅ．ｃｏｍ', 'نامه\\u200cای.com', 'a\\u200cb.com', 'ᾳ.gr', 'ǅ.com', 'Ⅻ.com', '①.com', 'ﬃ.com', 'ꭰ.com', 'Ꭰ.com', 'ᲀ.com', 'xn--nxasmq6b.com', 'XN--NXASMQ6B.com', 'Xn--zca.ß', 'ß.ß', 'İstanbul.tr', 'ﷺ.com', '۱۲۳.ir', 'ا١.com', 'ا1.com', 'a.ا', 'ا.1', 'ا-ب.com', 'אa.com', 'א\\u05b0.com', '\\u05b0א.com', '\\u0300a.com', 'ශ්\\u200dරී.lk', 'a\\u200d.com', '㍿.jp', '™.com', '℡.com', '¼.com', '㈱.jp', 'a。b', 'a｡b', '\\u2066.com', '\\ufe0f.com', 'x\\ufe0f.com', 'ꙮ.com', '𝐚𝐛.com', '𝟏.com', 'Ⓐ.com', 'ⅰ.com', 'µ.com', 'ſ.com', 'ϐ.com', 'Ω.com', 'Å.com', 'K.com'].map((h) => { try { return new URL('http://' + h + '/').hostname; } catch (e) { return e.code; } })"],
]

DIFFERENTIAL_SCRIPT = """(() => {
  const cases = %s;
  const out = {};
  for (const [label, source] of cases) {
    try {
      out[label] = ["value", (0, eval)(source)];
    } catch (e) {
      const error = ["error", e && e.name, e && e.message];
      for (const key of ["code", "input", "base"]) if (e && key in e) error.push(key, e[key]);
      out[label] = error;
    }
  }
  return out;
})()"""


def run_node(script: str) -> str:
    proc = subprocess.run([NODE, "-"], input=script, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.node
@no_node
def test_differential_against_node(js):
    script = DIFFERENTIAL_SCRIPT % json.dumps(DIFFERENTIAL_CASES)
    expected = json.loads(run_node(f"process.stdout.write(({ASCII_JSON})({script}))"))
    got = js(script)
    assert list(got) == [label for label, _ in DIFFERENTIAL_CASES]
    mismatches = {label: {"node": expected[label], "jshost": got[label]}
                  for label, _ in DIFFERENTIAL_CASES if got[label] != expected[label]}
    assert not mismatches, json.dumps(mismatches, indent=1)


# console.log formatting goes through polyfills/util.js, which calls the
# objects' [Symbol.for("nodejs.util.inspect.custom")] hooks as Node does.
INSPECT_SCRIPT = """
console.log(new URL('https://user:pw@a.b:8080/c?d=1#e'));
console.log(new URL('http://x/'));
console.log(new URLSearchParams('a=1&b=2'));
console.log(new URLSearchParams(''));
console.log(new URLSearchParams({x: 'a'.repeat(100), y: 'b'.repeat(10)}));
console.log({u: new URL('file:///tmp/x'), p: new URLSearchParams('a=1')});
console.log([new URLSearchParams('a=1&b=2').keys(), new URLSearchParams('a=1&b=2').entries()]);
console.log({deep: {deeper: {deepest: new URL('http://x/')}}});
console.log('%s and %o', new URLSearchParams('q=1'), new URLSearchParams('q=2'));
"""


@pytest.mark.node
@no_node
def test_console_log_matches_node(js):
    expected = run_node(INSPECT_SCRIPT)
    js(INSPECT_SCRIPT + "; 0")
    got = "".join(entry["message"] + "\n" for entry in js.logs)
    assert got == expected
