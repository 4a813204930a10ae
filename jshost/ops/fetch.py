"""``fetch.start``: the HTTP exchange behind a JS ``fetch()``, with node-fetch 2.6's rules.

JS (polyfills/fetch.js) builds the request exactly as node-fetch would send it
(method upper-cased, default headers, encoded body) and hands it over as
``{url, method, headers: [[name, value]], body: {text} | {base64} | null, redirect,
follow, timeout, size}``. This module sends it with httpx (one pooled client per
event loop and egress policy), follows redirects as node-fetch does, enforces the
instance's guard rails (jshost.egress, request count, response size), and answers
``{status, statusText, headers, url, redirects, text | base64}``. Failures become
node-fetch ``FetchError`` descriptions (``type``, ``code``,
``request to <url> failed, reason: <why>``).

With ``services["fetch.mock"]`` set (``jshost run --mock-fetch``), canned rules
answer instead of the network, through the same redirect logic.
"""

from __future__ import annotations

import asyncio
import base64
import errno
import ssl
import urllib.parse
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import egress
from ..config import EgressPolicy
from ..mockfetch import MockRule, find_rule
from . import OpContext, OpError, op

if TYPE_CHECKING:
    import httpx

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Request headers node-fetch >= 2.6.7 drops when a redirect leaves the host.
CREDENTIAL_HEADERS = ("authorization", "www-authenticate", "cookie", "cookie2")


@dataclass
class Exchange:
    """One HTTP response, body read."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes


class FetchFailure(Exception):
    """A failure node-fetch reports as ``FetchError(message, type)``."""

    def __init__(self, message: str, type_: str, code: str | None = None) -> None:
        super().__init__(message)
        self.type = type_
        self.code = code

    def to_op_error(self) -> OpError:
        fields: dict[str, Any] = {"type": self.type}
        if self.code is not None:
            fields["errno"] = self.code  # node-fetch assigns errno, then code
            fields["code"] = self.code
        return OpError(str(self), name="FetchError", **fields)


Send = Callable[[str, str, list[tuple[str, str]], bytes | None], Awaitable[Exchange]]


# --------------------------------------------------------------------------- HTTP client

_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[EgressPolicy, httpx.AsyncClient]] = (
    weakref.WeakKeyDictionary())


def _ssl_context() -> ssl.SSLContext:
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with httpx
        return ssl.create_default_context()


def _client(policy: EgressPolicy) -> httpx.AsyncClient:
    """The pooled client of this event loop for ``policy`` (created on first use)."""
    loop = asyncio.get_running_loop()
    per_loop = _clients.setdefault(loop, {})
    client = per_loop.get(policy)
    if client is None or client.is_closed:
        client = _new_client(policy)
        per_loop[policy] = client
    return client


def _new_client(policy: EgressPolicy) -> httpx.AsyncClient:
    import httpcore
    import httpx

    class GuardedBackend(httpcore.AsyncNetworkBackend):
        """Resolves host names itself and connects only to an address the policy allows."""

        def __init__(self) -> None:
            self._inner = httpcore.AnyIOBackend()

        async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                              local_address: str | None = None, socket_options: Any = None) -> Any:
            address = await egress.resolve_host(host, port, policy)
            return await self._inner.connect_tcp(str(address), port, timeout=timeout,
                                                 local_address=local_address, socket_options=socket_options)

        async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                      socket_options: Any = None) -> Any:
            raise egress.EgressDenied("unix sockets are not reachable from functions")

        async def sleep(self, seconds: float) -> None:
            await self._inner.sleep(seconds)

    class GuardedTransport(httpx.AsyncHTTPTransport):
        def __init__(self) -> None:
            super().__init__(retries=0)
            self._pool = httpcore.AsyncConnectionPool(
                ssl_context=_ssl_context(), max_connections=100, max_keepalive_connections=20,
                keepalive_expiry=5.0, network_backend=GuardedBackend())

    # Proxies from the environment are not used: the egress checks apply to the
    # connection jshost makes itself.
    client = httpx.AsyncClient(transport=GuardedTransport(), follow_redirects=False, trust_env=False,
                               timeout=httpx.Timeout(60.0))
    # node-fetch sends its own defaults (set by fetch.js); none of httpx's.
    for name in ("accept", "accept-encoding", "user-agent", "connection"):
        if name in client.headers:
            del client.headers[name]
    return client


async def aclose_clients() -> None:
    """Close the pooled clients of the running event loop (call before the loop ends)."""
    per_loop = _clients.pop(asyncio.get_running_loop(), {})
    for client in per_loop.values():
        await client.aclose()


# --------------------------------------------------------------------------- senders

def _http_sender(ctx: OpContext, limit: int, timeout: float | None) -> Send:
    client = _client(ctx.egress)

    async def send(method: str, url: str, headers: list[tuple[str, str]], body: bytes | None) -> Exchange:
        import httpx

        egress.check_url(url, ctx.egress)
        request = client.build_request(method, url, headers=headers, content=body)
        try:
            async with asyncio.timeout(timeout):
                response = await client.send(request, stream=True)
        except TimeoutError:
            raise FetchFailure(f"network timeout at: {url}", "request-timeout") from None
        try:
            chunks: list[bytes] = []
            size = 0
            async with asyncio.timeout(timeout):
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchFailure(f"content size at {url} over limit: {limit}", "max-size")
                    chunks.append(chunk)
        except TimeoutError:
            ms = int((timeout or 0) * 1000)
            raise FetchFailure(f"Response timeout while trying to fetch {url} (over {ms}ms)",
                               "body-timeout") from None
        except httpx.DecodingError as exc:
            raise FetchFailure(f"Invalid response body while trying to fetch {url}: {exc}", "system",
                               "Z_DATA_ERROR") from None
        finally:
            await response.aclose()
        return Exchange(response.status_code, response.reason_phrase, list(response.headers.multi_items()),
                        b"".join(chunks))

    return send


def _mock_sender(rules: list[MockRule], limit: int) -> Send:
    async def send(method: str, url: str, headers: list[tuple[str, str]], body: bytes | None) -> Exchange:
        rule = find_rule(rules, method, url)
        if rule is None:
            host = urllib.parse.urlsplit(url).hostname or url
            raise FetchFailure(f"request to {url} failed, reason: jshost mock-fetch: no rule matches "
                               f"{method} {url} (getaddrinfo ENOTFOUND {host})", "system", "ENOTFOUND")
        data = rule.body.encode("utf-8")
        if len(data) > limit:
            raise FetchFailure(f"content size at {url} over limit: {limit}", "max-size")
        headers_out = [(k.lower(), v) for k, v in rule.headers.items()]
        return Exchange(rule.status, _reason(rule.status), headers_out, data)

    return send


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


# --------------------------------------------------------------------------- the op

def _request_body(body: Any) -> bytes | None:
    if body is None:
        return None
    if "text" in body:
        return str(body["text"]).encode("utf-8")
    return base64.b64decode(body["base64"])


def _same_host_or_subdomain(old_url: str, new_url: str) -> bool:
    old = (urllib.parse.urlsplit(old_url).hostname or "").lower()
    new = (urllib.parse.urlsplit(new_url).hostname or "").lower()
    return new == old or new.endswith("." + old)


async def _exchange(send: Send, args: dict[str, Any], url: str) -> tuple[Exchange, str, int]:
    """Send the request and follow redirects as node-fetch 2.6 does (lib/index.js, fetch())."""
    method = str(args["method"])
    headers = [(str(k), str(v)) for k, v in args["headers"]]
    body = _request_body(args.get("body"))
    mode = args.get("redirect", "follow")
    follow = int(args.get("follow", 20))
    redirects = 0
    while True:
        exchange = await send(method, url, headers, body)
        if exchange.status not in REDIRECT_STATUSES:
            return exchange, url, redirects
        location = next((v for k, v in exchange.headers if k.lower() == "location"), None)
        location_url = urllib.parse.urljoin(url, location) if location is not None else None
        if mode == "error":
            raise FetchFailure(f"uri requested responds with a redirect, redirect mode is set to error: {url}",
                               "no-redirect")
        if mode == "manual":
            # node-fetch makes the Location header absolute for manual redirects.
            if location_url is not None:
                exchange.headers = [(k, location_url if k.lower() == "location" else v)
                                    for k, v in exchange.headers]
            return exchange, url, redirects
        if mode != "follow" or location_url is None:
            return exchange, url, redirects
        if redirects >= follow:
            raise FetchFailure(f"maximum redirect reached at: {url}", "max-redirect")
        if not _same_host_or_subdomain(url, location_url):
            headers = [(k, v) for k, v in headers if k.lower() not in CREDENTIAL_HEADERS]
        if exchange.status == 303 or (exchange.status in (301, 302) and method == "POST"):
            method, body = "GET", None
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        url = location_url
        redirects += 1


def _system_failure(exc: BaseException, url: str) -> FetchFailure:
    """node-fetch's ``FetchError`` for a network-level failure: Node's reason text and code."""
    parts = urllib.parse.urlsplit(url)
    where = f"{parts.hostname}:{parts.port or egress.DEFAULT_PORTS.get(parts.scheme, 80)}"

    def failed(reason: str, code: str) -> FetchFailure:
        return FetchFailure(f"request to {url} failed, reason: {reason}", "system", code)

    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    for item in chain:
        if isinstance(item, egress.EgressDenied):
            return failed(f"jshost egress policy: {item}", item.code)
        if isinstance(item, egress.ResolveFailed):
            return failed(str(item), "ENOTFOUND")
        if isinstance(item, ssl.SSLCertVerificationError):
            return failed(item.verify_message or "certificate verification failed", _cert_code(item.verify_code))
        if isinstance(item, ConnectionRefusedError):
            return failed(f"connect ECONNREFUSED {where}", "ECONNREFUSED")
        if isinstance(item, ConnectionResetError):
            return failed("socket hang up", "ECONNRESET")
        if isinstance(item, OSError) and item.errno:
            name = errno.errorcode.get(item.errno, "EIO")
            return failed(f"connect {name} {where}", name)
    import httpx

    if isinstance(exc, httpx.ConnectTimeout):
        return failed(f"connect ETIMEDOUT {where}", "ETIMEDOUT")
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
        return failed("socket hang up", "ECONNRESET")
    if isinstance(exc, httpx.ConnectError):
        return failed(f"connect ECONNREFUSED {where}", "ECONNREFUSED")
    return failed(str(exc) or type(exc).__name__, "EPROTO")


def _cert_code(verify_code: int | None) -> str:
    # OpenSSL X509_V_ERR_* codes as Node names them.
    return {10: "CERT_HAS_EXPIRED", 18: "DEPTH_ZERO_SELF_SIGNED_CERT", 19: "SELF_SIGNED_CERT_IN_CHAIN",
            20: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", 21: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
            62: "ERR_TLS_CERT_ALTNAME_INVALID"}.get(verify_code or 0, "CERT_UNTRUSTED")


def _record(args: dict[str, Any]) -> dict[str, Any]:
    body = _request_body(args.get("body"))
    return {"method": args["method"], "url": args["url"],
            "headers": {str(k): str(v) for k, v in args["headers"]},
            "body": None if body is None else body.decode("utf-8", errors="replace"), "status": None}


@op("fetch.start")
async def fetch_start(args: dict[str, Any], ctx: OpContext) -> dict[str, Any]:
    url = str(args["url"])
    record = _record(args)
    ctx.records.append(record)
    made = ctx.counters.get("requests", 0)
    if made >= ctx.limits.max_requests:
        raise FetchFailure(f"request to {url} failed, reason: jshost: this invocation already made "
                           f"{made} requests, the limit of its instance", "system",
                           "ERR_JSHOST_TOO_MANY_REQUESTS").to_op_error()
    ctx.counters["requests"] = made + 1
    size = int(args.get("size") or 0)
    limit = min(size, ctx.limits.max_response_bytes) if size > 0 else ctx.limits.max_response_bytes
    timeout_ms = int(args.get("timeout") or 0)
    rules = ctx.services.get("fetch.mock")
    send = (_mock_sender(rules, limit) if rules is not None
            else _http_sender(ctx, limit, timeout_ms / 1000.0 if timeout_ms > 0 else None))
    try:
        exchange, final_url, redirects = await _exchange(send, args, url)
    except FetchFailure as failure:
        raise failure.to_op_error() from None
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # noqa: BLE001 - every network failure becomes a FetchError
        raise _system_failure(exc, url).to_op_error() from None
    record["status"] = exchange.status
    answer: dict[str, Any] = {"status": exchange.status, "statusText": exchange.reason,
                              "headers": exchange.headers, "url": final_url, "redirects": redirects}
    try:
        answer["text"] = exchange.body.decode("utf-8")
    except UnicodeDecodeError:
        answer["base64"] = base64.b64encode(exchange.body).decode("ascii")
    return answer
