"""fetch over the host: node-fetch 2.6 behaviour, guard rails, records (loopback only)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import jshost
from jshost import EgressPolicy, Limits
from jshost.errors import ErrorType
from httpserver import LoopbackServer


@pytest.fixture(scope="module")
def server() -> Any:
    srv = LoopbackServer()
    yield srv
    srv.stop()


@pytest.fixture(autouse=True)
def fresh(server: LoopbackServer) -> None:
    server.recorder.clear()


async def call(body: str, server: LoopbackServer, *, limits: Limits | None = None,
               egress: EgressPolicy | None = None, mock: list | None = None) -> jshost.Result:
    """Run `body` as the inside of an async onTrack handler; BASE is the server's URL."""
    source = f"const BASE = {json.dumps(server.url)};\nasync function onTrack(event, settings) {{\n{body}\n}}"
    fn = jshost.function_from_source(source, "fetcher.js")
    instance = fn.instance(limits=limits, egress=egress)
    if mock is not None:
        from jshost.mockfetch import parse_rules
        instance.services["fetch.mock"] = parse_rules(mock)
    async with instance:
        return await instance.invoke_event({"type": "track"})


async def test_get_json(server: LoopbackServer) -> None:
    r = await call("""const res = await fetch(BASE + '/json');
        return {status: res.status, ok: res.ok, statusText: res.statusText, url: res.url,
                type: res.headers.get('content-type'), redirected: res.redirected, body: await res.json()}""", server)
    assert r.ok, r.error
    assert r.return_value == {"status": 200, "ok": True, "statusText": "OK", "url": server.url + "/json",
                              "type": "application/json", "redirected": False,
                              "body": {"hello": "world", "n": 1}}


async def test_post_string_body_sends_node_fetch_headers(server: LoopbackServer) -> None:
    r = await call("""const res = await fetch(BASE + '/echo#frag', {method: 'post', body: JSON.stringify({a: 1}),
                                                               headers: {Authorization: 'Bearer t'}});
        return await res.json()""", server)
    seen = r.return_value
    assert seen["method"] == "POST" and seen["path"] == "/echo"  # upper-cased; no fragment on the wire
    assert seen["body"] == '{"a":1}'
    headers = seen["headers"]
    assert headers["content-type"] == "text/plain;charset=UTF-8"
    assert headers["content-length"] == "7"
    assert headers["accept"] == "*/*"
    assert headers["accept-encoding"] == "gzip,deflate"
    assert headers["user-agent"].startswith("node-fetch/1.0")
    assert headers["authorization"] == "Bearer t"


@pytest.mark.parametrize("expr, body, content_type", [
    ("({a: 1})", "[object Object]", "text/plain;charset=UTF-8"),
    ("new URLSearchParams({a: '1 2', b: 'x'})", "a=1+2&b=x", "application/x-www-form-urlencoded;charset=UTF-8"),
    ("new Uint8Array([104, 105])", "hi", None),
    ("Buffer.from('hey')", "hey", None),
])
async def test_body_encodings(server: LoopbackServer, expr: str, body: str, content_type: str | None) -> None:
    r = await call(f"const res = await fetch(BASE + '/echo', {{method: 'PUT', body: {expr}}}); return await res.json()",
                   server)
    assert r.ok, r.error
    assert r.return_value["body"] == body
    assert r.return_value["headers"].get("content-type") == content_type


async def test_header_forms_and_post_without_body(server: LoopbackServer) -> None:
    r = await call("""const a = await (await fetch(BASE + '/echo', {method: 'POST', headers: new Headers({'X-A': '1'})})).json();
        const b = await (await fetch(new URL(BASE + '/echo'), {headers: [['X-B', '2'], ['X-B', '3']]})).json();
        return [a.headers['x-a'], a.headers['content-length'], b.headers['x-b'], b.method]""", server)
    assert r.return_value == ["1", "0", "2, 3", "GET"]


async def test_non_2xx_resolves(server: LoopbackServer) -> None:
    r = await call("const res = await fetch(BASE + '/status/503'); return [res.status, res.ok, res.statusText]", server)
    assert r.return_value == [503, False, "Service Unavailable"]


async def test_redirects(server: LoopbackServer) -> None:
    r = await call("""const to = encodeURIComponent(BASE + '/echo');
        const followed = await fetch(BASE + '/redirect/302?to=' + to, {method: 'POST', body: 'x'});
        const seen = await followed.json();
        const manual = await fetch(BASE + '/redirect/301?to=/json', {redirect: 'manual'});
        let error = null;
        try { await fetch(BASE + '/redirect/302?to=/json', {redirect: 'error'}) } catch (e) { error = [e.name, e.type] }
        let tooMany = null;
        const loop = encodeURIComponent(BASE + '/redirect/307?to=' + encodeURIComponent(BASE + '/json'));
        try { await fetch(BASE + '/redirect/307?to=' + loop, {follow: 1}) } catch (e) { tooMany = [e.name, e.type] }
        return {followed: [followed.redirected, followed.url, seen.method, seen.body],
                manual: [manual.status, manual.headers.get('location')], error, tooMany}""", server)
    assert r.ok, r.error
    out = r.return_value
    assert out["followed"] == [True, server.url + "/echo", "GET", ""]  # 302 after POST becomes GET
    assert out["manual"] == [301, server.url + "/json"]  # made absolute, as node-fetch does
    assert out["error"] == ["FetchError", "no-redirect"]
    assert out["tooMany"] == ["FetchError", "max-redirect"]


async def test_credentials_dropped_on_cross_host_redirect(server: LoopbackServer) -> None:
    other = server.url.replace("127.0.0.1", "localhost")
    r = await call(f"""const to = encodeURIComponent({json.dumps(other)} + '/echo');
        const res = await fetch(BASE + '/redirect/302?to=' + to, {{headers: {{Authorization: 'secret', 'X-Keep': 'k'}}}});
        return (await res.json()).headers""", server)
    assert r.ok, r.error
    assert "authorization" not in r.return_value and r.return_value["x-keep"] == "k"


async def test_network_failure_is_a_fetch_error(server: LoopbackServer) -> None:
    import socket
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    r = await call(f"""try {{ await fetch('http://127.0.0.1:{port}/x') }} catch (e) {{
            return [e.name, e.type, e.code, e.errno, e.message, e instanceof Error] }}""", server)
    assert r.return_value == ["FetchError", "system", "ECONNREFUSED", "ECONNREFUSED",
                              f"request to http://127.0.0.1:{port}/x failed, reason: connect ECONNREFUSED 127.0.0.1:{port}",
                              True]
    assert r.requests[0]["status"] is None


async def test_invalid_urls_reject(server: LoopbackServer) -> None:
    r = await call("""const out = [];
        for (const u of ['/relative', 'ftp://x.test/f']) { try { await fetch(u) } catch (e) { out.push(e.name + ': ' + e.message) } }
        try { await fetch(BASE + '/json', {method: 'GET', body: 'x'}) } catch (e) { out.push(e.message) }
        return out""", server)
    assert r.return_value == ["TypeError: Only absolute URLs are supported",
                              "TypeError: Only HTTP(S) protocols are supported",
                              "Request with GET/HEAD method cannot have body"]


async def test_timeout_option_and_abort(server: LoopbackServer) -> None:
    r = await call("""let timedOut = null, aborted = null, pre = null;
        try { await fetch(BASE + '/slow?ms=500', {timeout: 50}) } catch (e) { timedOut = [e.name, e.type, e.message] }
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 20);
        try { await fetch(BASE + '/slow?ms=500', {signal: controller.signal}) } catch (e) { aborted = [e.name, e.type, e.message] }
        try { await fetch(BASE + '/json', {signal: AbortSignal.abort()}) } catch (e) { pre = e.name }
        return {timedOut, aborted, pre}""", server)
    assert r.ok, r.error
    assert r.return_value["timedOut"] == ["FetchError", "request-timeout", f"network timeout at: {server.url}/slow?ms=500"]
    assert r.return_value["aborted"] == ["AbortError", "aborted", "The user aborted a request."]
    assert r.return_value["pre"] == "AbortError"


async def test_body_methods(server: LoopbackServer) -> None:
    r = await call("""const res = await fetch(BASE + '/text');
        const copy = res.clone();
        const text = await res.text();
        let again = null; try { await res.text() } catch (e) { again = e.name }
        const buf = await copy.buffer();
        let bad = null; try { await (await fetch(BASE + '/text')).json() } catch (e) { bad = [e.name, e.type] }
        const bin = new Uint8Array(await (await fetch(BASE + '/binary')).arrayBuffer());
        const zipped = await (await fetch(BASE + '/gzip')).json();
        return {text, again, buf: [Buffer.isBuffer(buf), buf.toString()], bad, bin: [bin.length, bin[0], bin[255]], zipped}""",
                   server)
    assert r.ok, r.error
    assert r.return_value == {"text": "plain text", "again": "TypeError", "buf": [True, "plain text"],
                              "bad": ["FetchError", "invalid-json"], "bin": [256, 0, 255], "zipped": {"zipped": True}}


async def test_new_response_and_request(server: LoopbackServer) -> None:
    r = await call("""const res = new Response('{"a":1}', {status: 201, headers: {'X-Y': 'z'}});
        const req = new Request(BASE + '/echo', {method: 'delete', headers: {A: 'b'}});
        return [res.status, res.statusText, res.ok, await res.json(), res.headers.get('content-type'),
                req.method, req.url, req.headers.get('a')]""", server)
    assert r.return_value == [201, "Created", True, {"a": 1}, "text/plain;charset=UTF-8", "DELETE",
                              server.url + "/echo", "b"]


async def test_concurrent_fetches_overlap(server: LoopbackServer) -> None:
    r = await call("""const all = await Promise.all([1, 2, 3, 4, 5].map(() => fetch(BASE + '/slow?ms=300').then(r => r.text())));
        return all""", server)
    assert r.return_value == ["slow done"] * 5
    slow = [x for x in server.recorder.requests if x["path"] == "/slow?ms=300"]
    assert len(slow) == 5
    # all five were in flight at once: every one started before any of them ended
    assert max(x["started"] for x in slow) < min(x["ended"] for x in slow)


async def test_requests_are_recorded(server: LoopbackServer) -> None:
    r = await call("""await fetch(BASE + '/json', {method: 'post', body: 'payload', headers: {'X-Id': '7'}});
        await fetch(BASE + '/status/404')""", server)
    assert [(x["method"], x["url"], x["status"]) for x in r.requests] == [
        ("POST", server.url + "/json", 200), ("GET", server.url + "/status/404", 404)]
    first = r.requests[0]
    assert first["body"] == "payload" and first["headers"]["x-id"] == "7"
    assert set(first) == {"method", "url", "headers", "body", "status"}


# --- guard rails -------------------------------------------------------------------

async def test_metadata_address_is_refused(server: LoopbackServer) -> None:
    r = await call("""const out = [];
        for (const u of ['http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/']) {
          try { await fetch(u) } catch (e) { out.push([e.name, e.code, e.message]) } }
        return out""", server)
    assert [x[:2] for x in r.return_value] == [["FetchError", "ERR_JSHOST_EGRESS_DENIED"]] * 2
    assert "cloud metadata address" in r.return_value[0][2]


async def test_metadata_through_a_redirect_is_refused(server: LoopbackServer) -> None:
    r = await call("""try { await fetch(BASE + '/redirect/302?to=' + encodeURIComponent('http://169.254.169.254/x')) }
        catch (e) { return [e.name, e.code] }""", server)
    assert r.return_value == ["FetchError", "ERR_JSHOST_EGRESS_DENIED"]


async def test_private_networks_refused_when_asked(server: LoopbackServer) -> None:
    r = await call("try { await fetch(BASE + '/json') } catch (e) { return e.code }", server,
                   egress=EgressPolicy(block_private=True))
    assert r.return_value == "ERR_JSHOST_EGRESS_DENIED"
    assert server.recorder.requests == []


async def test_own_endpoint_refused(server: LoopbackServer) -> None:
    r = await call("try { await fetch(BASE + '/hooks/me') } catch (e) { return e.message }", server,
                   egress=EgressPolicy(forbidden_prefixes=(server.url + "/hooks/",)))
    assert "own webhook endpoint" in r.return_value
    assert server.recorder.requests == []


async def test_request_count_limit(server: LoopbackServer) -> None:
    r = await call("""const out = [];
        for (let i = 0; i < 3; i++) { try { out.push((await fetch(BASE + '/json')).status) } catch (e) { out.push(e.code) } }
        return out""", server, limits=Limits(max_requests=2))
    assert r.return_value == [200, 200, "ERR_JSHOST_TOO_MANY_REQUESTS"]


async def test_response_size_limit(server: LoopbackServer) -> None:
    r = await call("""try { await fetch(BASE + '/big?bytes=5000') } catch (e) { return [e.type, e.message] }""", server,
                   limits=Limits(max_response_bytes=1000))
    assert r.return_value == ["max-size", f"content size at {server.url}/big?bytes=5000 over limit: 1000"]


async def test_fetch_in_flight_when_the_invocation_ends_does_not_leak(server: LoopbackServer) -> None:
    fn = jshost.function_from_source(f"""const BASE = {json.dumps(server.url)};
        async function onTrack(event) {{ if (event.fire) fetch(BASE + '/slow?ms=300'); return event.n }}""")
    async with fn.instance(limits=Limits(pool_size=1)) as inst:
        first = await inst.invoke_event({"type": "track", "fire": True, "n": 1})
        second = await inst.invoke_event({"type": "track", "n": 2})
    assert first.ok and second.ok and second.return_value == 2
    assert second.requests == []


# --- mock rules ----------------------------------------------------------------------

async def test_mock_rules_answer_and_unmatched_fails(server: LoopbackServer) -> None:
    rules = [{"method": "GET", "url": "/v1/final$", "status": 200, "body": "final"},
             {"method": "POST", "url": "^https://api\\.example\\.test/v1/", "status": 201, "body": {"id": 9}},
             {"url": "redirect-me", "status": 302, "headers": {"location": "https://api.example.test/v1/final"}}]
    r = await call("""const a = await fetch('https://api.example.test/v1/items', {method: 'post', body: '{}'});
        let miss = null; try { await fetch('https://elsewhere.test/') } catch (e) { miss = [e.name, e.code] }
        const b = await fetch('https://x.test/redirect-me', {method: 'POST', body: 'y'});
        return [a.status, await a.json(), miss, b.status, b.redirected]""", server, mock=rules)
    # the 302 after a POST is followed with a GET, as node-fetch does
    assert r.return_value == [201, {"id": 9}, ["FetchError", "ENOTFOUND"], 200, True]
    assert [x["status"] for x in r.requests] == [201, None, 200]


async def test_retry_error_after_5xx_is_retryable(server: LoopbackServer) -> None:
    r = await call("""const res = await fetch(BASE + '/status/500');
        if (res.status >= 500) throw new RetryError('HTTP ' + res.status)""", server)
    assert r.error.type is ErrorType.RETRY and r.error.retryable
