"""The npm libraries Segment exposes, run for real in jshost and compared with Node running them.

Each library is used the way functions use it, under Segment's global names (docs 004), in a
destination function invoked by jshost; the same code runs under Node with the same installed
packages bound to the same names, and the results must be equal. Needs `jshost deps install`
(skipped otherwise); the comparisons need `node`.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

import jshost
from conftest import NODE
from httpserver import LoopbackServer
from jshost.deps import installed_dir

LIBS = installed_dir()
pytestmark = pytest.mark.skipif(LIBS is None, reason="libraries not installed (run `jshost deps install`)")

# Segment's globals in Node, from the same installation (docs 004's names).
NODE_PRELUDE = """
const path = require('path');
const root = process.argv[2];
const req = (name) => require(path.join(root, 'node_modules', name));
global._ = req('lodash'); global.moment = req('moment-timezone'); global.xml = req('xml'); global.xml2js = req('xml2js');
global.jsonwebtoken = req('jsonwebtoken'); global.uuidv5 = { uuidv5: req('uuidv5') };
global.libphonenumberjslib = { libphonenumberjs: req('libphonenumber-js') };
global.fetchretrylib = { fetchretry: req('fetch-retry') }; global.zlib = { zlib: require('zlib') };
"""

LODASH = r"""
const users = [{name: 'ann', age: 34, tags: ['a']}, {name: 'bob', age: 21, tags: []}, {name: 'cy', age: 34, tags: ['b', 'c']}];
return [_.map([1, 2, 3], (n) => n * 2), _.get({a: {b: [5]}}, 'a.b[0]'), _.get({}, 'x.y', 'dflt'), _.camelCase('Foo Bar-baz'),
  _.snakeCase('fooBar baz'), _.kebabCase('Foo Bar'), _.startCase('hello_world'), _.capitalize('hELLO'),
  _.truncate('a long sentence here', {length: 10}), _.escape('<a href="x">&</a>'), _.deburr('déjà vu Ærø'),
  _.padStart('7', 3, '0'), _.words('one, two & three'), _.template('hi <%= name %>, <%- html %>')({name: 'ann', html: '<b>'}),
  _.groupBy(['one', 'two', 'three'], 'length'), _.keyBy(users, 'name'), _.orderBy(users, ['age', 'name'], ['desc', 'asc']),
  _.sortBy(users, 'age').map((u) => u.name), _.uniqBy([{id: 1}, {id: 1}, {id: 2}], 'id'), _.countBy(users, 'age'),
  _.partition(users, (u) => u.age > 30).map((p) => p.length), _.sumBy(users, 'age'), _.meanBy(users, 'age'),
  _.flatMap(users, 'tags'), _.chunk([1, 2, 3, 4, 5], 2), _.zip(['a', 'b'], [1, 2]), _.difference([1, 2, 3], [2]),
  _.intersection([1, 2], [2, 3]), _.union([1], [1, 2]), _.range(0, 10, 3), _.flattenDeep([1, [2, [3, [4]]]]),
  _.merge({a: {b: 1, arr: [1]}}, {a: {c: 2, arr: [undefined, 2]}}), _.defaultsDeep({a: {b: 1}}, {a: {b: 2, c: 3}}),
  _.pick({x: 1, y: 2, z: 3}, ['x', 'z']), _.omit({x: 1, y: 2}, 'x'), _.pickBy({a: 1, b: null, c: 0}, _.identity),
  _.mapValues({a: 1, b: 2}, (v) => v * 10), _.set({}, 'a[0].b', 1), _.has({a: {b: 1}}, 'a.b'), _.isEmpty({}),
  _.isEqual({a: [1, {b: 2}]}, {a: [1, {b: 2}]}), _.cloneDeep({d: new Date(0)}).d.toISOString(), _.isString('x'),
  _.isPlainObject(Object.create(null)), _.toNumber('3.5'), _.indexOf([3, 4], 4),
  _.chain(users).filter((u) => u.age > 30).map('name').join('+').value(), _.debounce.length, _.VERSION];
"""

MOMENT = r"""
const m = moment.tz('2020-03-08T01:30:00', 'America/New_York');
const out = [m.format(), m.clone().add(1, 'hour').format(), m.utc().format('YYYY-MM-DD HH:mm'),
  moment.tz('2021-06-01 12:00', 'Europe/Berlin').tz('Asia/Tokyo').format('LLLL'), moment.utc(0).toISOString(),
  moment.tz.zone('Australia/Sydney').abbr(1600000000000), moment('2020-02-29').add(1, 'year').format('YYYY-MM-DD'),
  moment.utc('2020-01-31').add(1, 'month').format(), moment.utc('2021-03-15T10:20:30Z').startOf('week').format(),
  moment.utc('2021-01-01').diff(moment.utc('2020-01-01'), 'days'), moment.duration(90, 'minutes').humanize(),
  moment.utc('2020-01-01').from(moment.utc('2020-03-01')), moment('not a date').isValid(),
  moment.utc('2020-06-15T12:00:00Z').tz('America/Los_Angeles').format('Z z ZZ'), moment.tz.names().length > 100,
  moment.unix(1600000000).utc().format('dddd, MMMM Do YYYY, h:mm:ss a'), moment.utc('2020-12-31').week(),
  moment.utc('2020-05-05', 'YYYY-MM-DD', true).isValid(), moment.utc('05/06/2020', 'MM/DD/YYYY').valueOf()];
moment.locale('fr');
out.push(moment.utc('2020-07-14').format('dddd D MMMM YYYY'), moment.locale());
moment.locale('ja');
out.push(moment.utc('2020-07-14').format('LL'));
moment.locale('en');
out.push(moment.utc('2020-07-14').format('LL'));
return out;
"""

XML = r"""
const out = {};
out.promise = await xml2js.parseStringPromise('<order id="7"><item qty="2">Tea</item><item qty="1">Cake</item></order>');
out.callback = await new Promise((resolve, reject) => xml2js.parseString('<a><b>1</b><b>2</b></a>', {explicitArray: false},
  (err, result) => err ? reject(err) : resolve(result)));
out.options = await xml2js.parseStringPromise('<r a="1"><c>x</c><!-- note --><d/></r>',
  {explicitRoot: false, mergeAttrs: true, explicitArray: false, emptyTag: null});
out.parser = await new xml2js.Parser({attrkey: 'attrs', charkey: 'text', trim: true}).parseStringPromise('<p k="v">  hi  </p>');
out.builder = [new xml2js.Builder({headless: true}).buildObject({root: {child: ['x', 'y'], $: {id: 3}}}),
  new xml2js.Builder({cdata: true, renderOpts: {pretty: false}}).buildObject({note: {body: 'a < b & c'}})];
try { await xml2js.parseStringPromise('<a><b></a>') } catch (e) { out.error = e.message.split('\n')[0] }
out.xml = [xml({a: [{_attr: {x: 1}}, 'text']}), xml([{root: [{item: 'a'}, {item: 'b'}]}], {indent: '  '}),
  xml({doc: [{_cdata: 'x < y'}]}, {declaration: true}), xml('<escaped & "text">')];
return out;
"""

JWT = r"""
const out = {};
const token = jsonwebtoken.sign({sub: 'u1', iat: 1600000000, exp: 4600000000, scope: ['a']}, 'secret', {algorithm: 'HS256'});
out.hs = [token, jsonwebtoken.verify(token, 'secret'), jsonwebtoken.decode(token, {complete: true}).header,
  jsonwebtoken.sign({n: 1, iat: 1}, 'k', {algorithm: 'HS384'}), jsonwebtoken.sign({n: 1, iat: 1}, 'k', {algorithm: 'HS512'}),
  jsonwebtoken.sign({n: 1}, 'k', {noTimestamp: true, expiresIn: '1h', issuer: 'me', audience: 'you', jwtid: 'j', keyid: 'kid'})
    .split('.')[0]];
const errors = [];
for (const check of [() => jsonwebtoken.verify(token, 'wrong'), () => jsonwebtoken.verify('not.a.jwt', 'secret'),
    () => jsonwebtoken.verify(jsonwebtoken.sign({iat: 1, exp: 2}, 'k'), 'k'),
    () => jsonwebtoken.verify(token, 'secret', {audience: 'other'}),
    () => jsonwebtoken.verify(token, 'secret', {algorithms: ['HS512']}),
    () => jsonwebtoken.verify(jsonwebtoken.sign({iat: 1, nbf: 4600000000}, 'k'), 'k')]) {
  try { check(); errors.push('ok') } catch (e) { errors.push([e.name, e.message]) }
}
out.errors = errors;
out.rs = [jsonwebtoken.sign({sub: 'u2', iat: 1600000000}, KEYS.pkcs1, {algorithm: 'RS256'}),
  jsonwebtoken.sign({sub: 'u2', iat: 1600000000}, KEYS.pkcs8, {algorithm: 'RS512', keyid: 'k1'}),
  jsonwebtoken.verify(jsonwebtoken.sign({sub: 'u3', iat: 1}, KEYS.pkcs8, {algorithm: 'RS384'}), KEYS.spki),
  jsonwebtoken.verify(jsonwebtoken.sign({sub: 'ps', iat: 1}, KEYS.pkcs8, {algorithm: 'PS256'}), KEYS.spki, {algorithms: ['PS256']}),
  jsonwebtoken.verify(KEYS.nodeToken, KEYS.spki)];
try { jsonwebtoken.verify(KEYS.nodeToken.slice(0, -4) + 'AAAA', KEYS.spki) } catch (e) { out.rsError = [e.name, e.message] }
return out;
"""

OTHERS = r"""
const lib = libphonenumberjslib.libphonenumberjs;
const phone = lib.parsePhoneNumber('+44 20 7946 0958');
const us = lib.parsePhoneNumber('(415) 555-2671', 'US');
const out = {};
out.phone = [phone.country, phone.number, phone.nationalNumber, phone.formatInternational(), phone.formatNational(),
  phone.getURI(), phone.isValid(), lib.isValidPhoneNumber('+1 202 555 0101'), us.format('E.164'), us.format('RFC3966'),
  lib.isPossiblePhoneNumber('123'), lib.parsePhoneNumberFromString('not a phone') === undefined,
  lib.getCountryCallingCode('FR'), new lib.AsYouType('US').input('2133734'), lib.validatePhoneNumberLength('+1 2', 'US')];
try { lib.parsePhoneNumber('12') } catch (e) { out.phoneError = [e.name, e.message] }
const v5 = uuidv5.uuidv5;
out.uuid = [v5('url', 'http://google/com/page'), v5('dns', 'google.com'), v5(v5('dns', 'example.com'), 'name')];
const z = zlib.zlib;
const deflated = z.deflateSync('something');
out.zlib = [deflated.toString('base64'), z.inflateSync(new Buffer.from(deflated)).toString(),
  z.gunzipSync(z.gzipSync(Buffer.from('hello gzip'))).toString(), z.inflateRawSync(z.deflateRawSync('raw')).toString(),
  z.unzipSync(z.gzipSync('auto')).toString()];
out.fetchretry = typeof fetchretrylib.fetchretry(fetch);
return out;
"""


@pytest.fixture(scope="module")
def keys() -> dict[str, str]:
    if NODE is None:
        pytest.skip("node not on PATH (it makes the RSA keys)")
    script = """const c = require('crypto'); const jwt = require(require('path').join(process.argv[1], 'node_modules', 'jsonwebtoken'));
      const { privateKey, publicKey } = c.generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' });
      process.stdout.write(JSON.stringify({ pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }), pkcs8,
        spki: publicKey.export({ type: 'spki', format: 'pem' }),
        nodeToken: jwt.sign({ by: 'node', iat: 1 }, pkcs8, { algorithm: 'RS256' }) }))"""
    proc = subprocess.run([NODE, "-e", script, str(LIBS)], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(proc.stdout)


def run_jshost(body: str, prelude: str = "") -> Any:
    fn = jshost.function_from_source(f"{prelude}\nasync function onTrack(event, settings) {{\n{body}\n}}", "libraries.js")

    async def go() -> jshost.Result:
        async with fn.instance() as inst:
            return await inst.invoke_event({"type": "track"})

    result = asyncio.run(go())
    assert result.ok, result.error
    return result.return_value


def run_node(body: str, tmp_path: Path, prelude: str = "") -> Any:
    assert NODE is not None
    script = tmp_path / "run.js"
    script.write_text(NODE_PRELUDE + prelude + f"\n(async () => {{ {body} }})().then(r => process.stdout.write(JSON.stringify(r)));")
    proc = subprocess.run([NODE, str(script), str(LIBS)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def same_as_node(body: str, tmp_path: Path, prelude: str = "") -> Any:
    ours = run_jshost(body, prelude)
    if NODE is None:
        pytest.skip("node not on PATH")
    theirs = run_node(body, tmp_path, prelude)
    if isinstance(theirs, list):
        for i, (mine, node) in enumerate(zip(ours, theirs)):
            assert mine == node, f"item {i}"
    else:
        for key in theirs:
            assert ours.get(key) == theirs[key], key
    assert ours == theirs
    return ours


def test_lodash(tmp_path: Path) -> None:
    same_as_node(LODASH, tmp_path)


def test_moment_timezone_and_locales(tmp_path: Path) -> None:
    out = same_as_node(MOMENT, tmp_path)
    assert out[-4:] == ["mardi 14 juillet 2020", "fr", "2020年7月14日", "July 14, 2020"]


def test_xml2js_and_xml(tmp_path: Path) -> None:
    same_as_node(XML, tmp_path)


def test_jsonwebtoken_hs_and_rs(tmp_path: Path, keys: dict[str, str]) -> None:
    out = same_as_node(JWT, tmp_path, prelude=f"var KEYS = {json.dumps(keys)};")
    assert out["rs"][2]["sub"] == "u3" and out["rs"][3]["sub"] == "ps" and out["rs"][4]["by"] == "node"


def test_phone_numbers_uuid_and_zlib(tmp_path: Path) -> None:
    same_as_node(OTHERS, tmp_path)


def test_fetch_retry_over_our_fetch(tmp_path: Path) -> None:
    server = LoopbackServer()
    try:
        body = f"""const fetchWithRetry = fetchretrylib.fetchretry(fetch, {{retries: 3, retryDelay: 5, retryOn: [503]}});
            const res = await fetchWithRetry({json.dumps(server.url + '/v1/batch')}, {{method: 'POST', body: '{{}}'}});
            const seen = [];
            const other = fetchretrylib.fetchretry(fetch, {{retries: 2, retryDelay: (attempt) => attempt,
              retryOn: (attempt, error, response) => {{ seen.push([attempt, error === null, response && response.status]);
                return attempt < 2 && response !== null && response.status === 503 }} }});
            const last = await other({json.dumps(server.url + '/v1/again')});
            return [res.status, await res.json(), last.status, seen]"""
        runs = []
        for runner in ("jshost", "node"):
            if runner == "node" and NODE is None:
                break
            server.recorder.clear()
            server.recorder.v1_statuses = [503, 503, 200, 503, 503, 503]
            runs.append([run_jshost(body) if runner == "jshost" else run_node(body, tmp_path),
                         [r["path"] for r in server.recorder.requests]])
        ours = runs[0]
        assert ours[0][:3] == [200, {"success": True}, 503]
        assert ours[1] == ["/v1/batch"] * 3 + ["/v1/again"] * 3
        if len(runs) == 2:
            assert ours == runs[1]
    finally:
        server.stop()


def test_a_function_pays_only_for_the_libraries_it_names() -> None:
    plain = jshost.function_from_source("async function onRequest() {}")
    assert plain.libraries.modules == () and plain.libraries.globals == {}
    uses = jshost.function_from_source("async function onRequest() { return _.identity(1) }")
    assert set(uses.libraries.globals) == {"_"}
    assert any(path.endswith("lodash/lodash.js") for path, _ in uses.libraries.modules)
    assert not any("moment" in path for path, _ in uses.libraries.modules)
    zl = jshost.function_from_source("async function onRequest() { return zlib.zlib }")
    assert any(path.startswith("/node_modules/pako/") for path, _ in zl.libraries.modules)
    # every file is ASCII (non-ASCII characters are escaped), so it crosses into QuickJS fast
    moment = jshost.function_from_source("async function onRequest() { return moment }")
    assert all(text.isascii() for _, text in moment.libraries.modules)
    assert any("/moment/locale/fr.js" in path for path, _ in moment.libraries.modules)


def test_a_functions_own_library_under_its_own_name(tmp_path: Path) -> None:
    # a package of the installation (lodash) under a name the function picks, as the config's `libraries` does
    fn = jshost.Function("async function onTrack() { return [lo.kebabCase('A B'), typeof _, _ === lo] }",
                         libraries={"lo": "lodash@4.17.21"})

    async def go() -> jshost.Result:
        async with fn.instance() as inst:
            return await inst.invoke_event({"type": "track"})

    assert asyncio.run(go()).return_value == ["a-b", "function", True]


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "libraries"

# Node running the example's handler with Segment's globals (the libraries, `Segment.track`, a request).
EXAMPLE_HARNESS = """
const payload = JSON.parse(require('fs').readFileSync(process.argv[3], 'utf8'));
const events = [];
global.Segment = { track: (m) => { events.push({ type: 'track', event: m.event, properties: m.properties, userId: m.userId }) } };
require('vm').runInThisContext(require('fs').readFileSync(process.argv[4], 'utf8'));
onRequest({ json: () => payload.payload.body }, payload.settings)
  .then(() => process.stdout.write(JSON.stringify(events)));
"""


def test_the_example_runs_unmodified_from_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from jshost.cli import main

    assert main(["run", str(EXAMPLE / "handler.js"), "--payload", str(EXAMPLE / "payload.json"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] and result["error"] is None
    (event,) = result["events"]
    assert event["properties"]["verified"] == "Ann Example" and event["properties"]["total"] == 3
    if NODE is None:
        pytest.skip("node not on PATH")
    script = tmp_path / "harness.js"
    script.write_text(NODE_PRELUDE + EXAMPLE_HARNESS)
    proc = subprocess.run([NODE, str(script), str(LIBS), str(EXAMPLE / "payload.json"), str(EXAMPLE / "handler.js")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert [{k: e[k] for k in ("type", "event", "properties", "userId")} for e in result["events"]] == json.loads(proc.stdout)
