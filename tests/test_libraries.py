"""The npm libraries Segment exposes, run for real in jshost and compared with Node running them.

Needs `jshost deps install` to have run (skipped otherwise); the Node comparison needs `node`.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

import jshost
from conftest import NODE
from jshost.deps import installed_dir

LIBS = installed_dir()
pytestmark = pytest.mark.skipif(LIBS is None, reason="libraries not installed (run `jshost deps install`)")

# The body of an async function that returns JSON; it uses the libraries by Segment's global names.
BODY = r"""
const out = {};
out.lodash = [_.map([1, 2, 3], n => n * 2), _.get({a: {b: [5]}}, 'a.b[0]'), _.camelCase('Foo Bar-baz'),
  _.groupBy(['one', 'two', 'three'], 'length'), _.uniqBy([{id: 1}, {id: 1}, {id: 2}], 'id'), _.isString('x'),
  _.indexOf([3, 4], 4), _.merge({a: {b: 1}}, {a: {c: 2}}), _.pick({x: 1, y: 2, z: 3}, ['x', 'z']), _.chunk([1, 2, 3, 4, 5], 2),
  _.sortBy([{n: 'b'}, {n: 'a'}], 'n'), _.template('hi <%= name %>')({name: 'ann'}), _.debounce.length];
const m = moment.tz('2020-03-08T01:30:00', 'America/New_York');
out.moment = [m.format(), m.clone().add(1, 'hour').format(), m.utc().format('YYYY-MM-DD HH:mm'),
  moment.tz('2021-06-01 12:00', 'Europe/Berlin').tz('Asia/Tokyo').format('LLLL'), moment.utc(0).toISOString(),
  moment.tz.zone('Australia/Sydney').abbr(1600000000000), moment('2020-02-29').add(1, 'year').format('YYYY-MM-DD')];
out.xml2jsPromise = await xml2js.parseStringPromise('<order id="7"><item qty="2">Tea</item><item qty="1">Cake</item></order>');
out.xml2jsCallback = await new Promise((resolve, reject) => xml2js.parseString('<a><b>1</b><b>2</b></a>', {explicitArray: false},
  (err, result) => err ? reject(err) : resolve(result)));
out.xml2jsBuilder = new xml2js.Builder({headless: true}).buildObject({root: {child: ['x', 'y'], $: {id: 3}}});
let xmlError = null;
try { await xml2js.parseStringPromise('<a><b></a>') } catch (e) { xmlError = e.message.split('\n')[0] }
out.xml2jsError = xmlError;
out.xml = [xml({a: [{_attr: {x: 1}}, 'text']}), xml([{root: [{item: 'a'}, {item: 'b'}]}], {indent: '  '})];
const token = jsonwebtoken.sign({sub: 'u1', iat: 1600000000, exp: 4600000000, scope: ['a']}, 'secret', {algorithm: 'HS256'});
out.jwt = [token, jsonwebtoken.verify(token, 'secret'), jsonwebtoken.decode(token, {complete: true}).header,
  jsonwebtoken.sign({n: 1, iat: 1}, 'k', {algorithm: 'HS512'})];
try { jsonwebtoken.verify(token, 'wrong') } catch (e) { out.jwtError = [e.name, e.message] }
out.uuid = [uuidv5.uuidv5('url', 'http://google/com/page'), uuidv5.uuidv5('dns', 'google.com')];
const lib = libphonenumberjslib.libphonenumberjs;
const phone = lib.parsePhoneNumber('+44 20 7946 0958');
out.phone = [phone.country, phone.number, phone.formatInternational(), phone.isValid(), lib.isValidPhoneNumber('+1 202 555 0101'),
  lib.parsePhoneNumber('(415) 555-2671', 'US').format('E.164')];
const z = zlib.zlib;
const deflated = z.deflateSync('something');
out.zlib = [deflated.toString('base64'), z.inflateSync(Buffer.from(deflated)).toString(),
  z.gunzipSync(z.gzipSync(Buffer.from('hello gzip'))).toString(), z.inflateRawSync(z.deflateRawSync('raw')).toString(),
  z.unzipSync(z.gzipSync('auto')).toString()];
out.fetchretry = typeof fetchretrylib.fetchretry(fetch);
return out;
"""

NODE_PRELUDE = """
const path = require('path');
const root = process.argv[2];
const req = (name) => require(path.join(root, 'node_modules', name));
global._ = req('lodash'); global.moment = req('moment-timezone'); global.xml = req('xml'); global.xml2js = req('xml2js');
global.jsonwebtoken = req('jsonwebtoken'); global.uuidv5 = { uuidv5: req('uuidv5') };
global.libphonenumberjslib = { libphonenumberjs: req('libphonenumber-js') };
global.fetchretrylib = { fetchretry: req('fetch-retry') }; global.zlib = { zlib: require('zlib') };
"""


def run_jshost() -> Any:
    fn = jshost.function_from_source(f"async function onTrack(event, settings) {{\n{BODY}\n}}", "libraries.js")
    import asyncio

    async def go() -> jshost.Result:
        async with fn.instance() as inst:
            return await inst.invoke_event({"type": "track"})

    result = asyncio.run(go())
    assert result.ok, result.error
    return result.return_value


def test_libraries_give_nodes_results(tmp_path: Path) -> None:
    ours = run_jshost()
    if NODE is None:
        pytest.skip("node not on PATH")
    script = tmp_path / "run.js"
    script.write_text(NODE_PRELUDE + f"(async () => {{ {BODY} }})().then(r => process.stdout.write(JSON.stringify(r)));")
    proc = subprocess.run([NODE, str(script), str(LIBS)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    theirs = json.loads(proc.stdout)
    for key in theirs:
        assert ours[key] == theirs[key], key


def test_a_function_pays_only_for_the_libraries_it_names() -> None:
    plain = jshost.function_from_source("async function onRequest() {}")
    assert plain.libraries.modules == () and plain.libraries.globals == {}
    uses = jshost.function_from_source("async function onRequest() { return _.identity(1) }")
    assert set(uses.libraries.globals) == {"_"}
    assert any(path.endswith("lodash/lodash.js") for path, _ in uses.libraries.modules)
    assert not any("moment" in path for path, _ in uses.libraries.modules)


def test_unsupported_libraries_fail_with_one_clear_sentence() -> None:
    fn = jshost.function_from_source("""async function onTrack() {
        const out = [];
        for (const use of [() => AWS.S3, () => stripe('k'), () => new OAuth.OAuth(), () => https.request]) {
          try { use() } catch (e) { out.push(e.message) } }
        return out }""")
    import asyncio

    async def go() -> jshost.Result:
        async with fn.instance() as inst:
            return await inst.invoke_event({"type": "track"})

    messages = asyncio.run(go()).return_value
    assert len(messages) == 4
    assert messages[0].startswith("AWS (aws-sdk) is not available in jshost") and "fetch" in messages[0]
    assert all("not available in jshost" in m for m in messages)


def test_library_globals_are_found_by_name_only() -> None:
    from jshost.libraries import mentions

    assert mentions("const x = _.map(a)", "_") and mentions("moment().format()", "moment")
    assert not mentions("obj.moment = 1", "moment") and not mentions("const my_var = 1", "_")
