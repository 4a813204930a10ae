"""The ASGI application: webhooks, health, metrics and the admin API (starlette).

``create_app(config)`` returns an ASGI app that can be served by hypercorn
(``jshost serve``) or mounted in another ASGI app. Endpoints:

==========================  ===========================================================
``POST /<instance>``        run the instance's function on the webhook (docs/server.md)
``GET /healthz``            liveness: ``{"ok": true, "instances": {...}}``
``GET /metrics``            Prometheus text format
``GET /admin/instances``    instances and their state            (admin token)
``GET /admin/errors/<i>``   the errors view of an instance        (admin token)
``GET /admin/events``       stored and undelivered messages       (admin token)
``POST /admin/reload``      re-read the config file               (admin token)
==========================  ===========================================================
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import logging
import os
import sqlite3
import urllib.parse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .deployment import Deployment, DeployedInstance, Reply
from .inputs import SourceRequest
from .serverconfig import ServerConfig, load_config, single_function_config

server_log = logging.getLogger("jshost.server")


class BodyTooLarge(Exception):
    pass


def _error(status: int, type_: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"type": type_, "name": type_.replace(" ", ""), "message": message}},
                        status_code=status, headers=headers)


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def form_to_object(text: str) -> dict[str, Any]:
    """An x-www-form-urlencoded body as an object: a repeated key becomes an array."""
    out: dict[str, Any] = {}
    for key, value in urllib.parse.parse_qsl(text, keep_blank_values=True):
        if key in out:
            out[key] = out[key] + [value] if isinstance(out[key], list) else [out[key], value]
        else:
            out[key] = value
    return out


def _authorised(header: str | None, token: str) -> bool:
    if not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[7:].strip().encode(), token.encode())


def _reply(reply: Reply) -> JSONResponse:
    return JSONResponse(reply.body, status_code=reply.status)


def create_app(config: ServerConfig) -> Starlette:
    """The ASGI app serving ``config``'s instances; its lifespan starts and stops the deployment."""
    deployment = Deployment(config)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await deployment.start()
        server_log.info("serving %s", ", ".join(f"/{name}" for name in deployment.instances))
        try:
            yield
        finally:
            await deployment.stop()

    async def webhook(request: Request) -> Response:
        name = request.path_params["name"]
        deployed = deployment.instances.get(name)
        if deployed is None:
            return _error(404, "Not Found", f"no instance named {name!r}")
        token = deployed.config.token
        if token and not _authorised(request.headers.get("authorization"), token):
            return _error(401, "Unauthorized", "a valid bearer token is required", {"WWW-Authenticate": "Bearer"})
        try:
            raw = await _read_body(request, deployment.config.max_body_bytes)
        except BodyTooLarge:
            return _error(413, "Payload Too Large",
                          f"the body is over the {deployment.config.max_body_bytes // 1024} KiB limit")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _error(400, "Bad Request", f"the body is not UTF-8 text ({exc.reason} at byte {exc.start})")
        content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        body: Any
        form = content_type == "application/x-www-form-urlencoded"
        if form:
            body = form_to_object(text)
        elif content_type in ("", "application/json", "text/json") or content_type.endswith("+json"):
            if not text.strip():
                body = {}
            else:
                try:
                    body = json.loads(text)
                except json.JSONDecodeError as exc:
                    return _error(400, "Bad Request",
                                  f"malformed JSON body: {exc.msg} at line {exc.lineno} column {exc.colno}")
        else:
            body = text  # other content types reach the function as raw text
        try:
            if deployed.kind == "destination":
                return await _destination(deployed, body)
            headers = {k: v for k, v in request.headers.items() if not (token and k == "authorization")}
            source = SourceRequest(body=body, text=text if form else None, headers=headers, url=str(request.url))
            return _reply(await deployment.handle_source(deployed, source))
        except (sqlite3.Error, RuntimeError) as exc:
            server_log.error("store failure for %s: %s", name, exc)
            return _error(503, "Unavailable", "the message store is unavailable; try again")

    async def _destination(deployed: DeployedInstance, body: Any) -> Response:
        if isinstance(body, dict) and isinstance(body.get("batch"), list) and "type" not in body:
            events = body["batch"]
        elif isinstance(body, dict):
            events = [body]
        else:
            return _error(400, "Bad Request", 'expected a Segment event object or {"batch": [events]}')
        if not events or not all(isinstance(e, dict) for e in events):
            return _error(400, "Bad Request", "every event must be a JSON object")
        return _reply(await deployment.handle_destination(deployed, events))

    async def healthz(request: Request) -> Response:
        states = {name: ("ok" if d.problem is None else d.problem.type.value)
                  for name, d in deployment.instances.items()}
        return JSONResponse({"ok": True, "instances": states})

    async def metrics(request: Request) -> Response:
        depths = await deployment.store.depths() if deployment.store is not None else {}
        return PlainTextResponse(deployment.metrics.render(depths), media_type="text/plain; version=0.0.4")

    def admin(request: Request) -> Response | None:
        token = deployment.config.admin_token
        if not token:
            return _error(404, "Not Found", "the admin API is off: set [server] admin_token")
        if not _authorised(request.headers.get("authorization"), token):
            return _error(401, "Unauthorized", "the admin token is required", {"WWW-Authenticate": "Bearer"})
        return None

    async def admin_instances(request: Request) -> Response:
        if (denied := admin(request)) is not None:
            return denied
        return JSONResponse({name: {"kind": d.kind, "code": str(d.config.code), "batches": d.batches,
                                    "problem": None if d.problem is None else d.problem.to_json()}
                             for name, d in deployment.instances.items()})

    async def admin_errors(request: Request) -> Response:
        if (denied := admin(request)) is not None:
            return denied
        name = request.path_params["name"]
        assert deployment.store is not None
        return JSONResponse({"instance": name, "errors": await deployment.store.list_errors(name)})

    async def admin_events(request: Request) -> Response:
        if (denied := admin(request)) is not None:
            return denied
        assert deployment.store is not None
        limit = int(request.query_params.get("limit", "100"))
        return JSONResponse({"messages": await deployment.store.list_messages(request.query_params.get("instance"),
                                                                                limit)})

    async def admin_reload(request: Request) -> Response:
        if (denied := admin(request)) is not None:
            return denied
        if deployment.config.source is None:
            return _error(400, "Bad Request", "this server was not started from a config file")
        try:
            await deployment.reload(load_config(deployment.config.source))
        except Exception as exc:  # noqa: BLE001 - a bad file must not take the server down
            return _error(400, "Invalid Settings", f"reload failed, the old configuration stays: {exc}")
        return JSONResponse({"ok": True, "instances": sorted(deployment.instances)})

    app = Starlette(routes=[
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/admin/instances", admin_instances, methods=["GET"]),
        Route("/admin/errors/{name}", admin_errors, methods=["GET"]),
        Route("/admin/events", admin_events, methods=["GET"]),
        Route("/admin/reload", admin_reload, methods=["POST"]),
        Route("/{name}", webhook, methods=["POST"]),
    ], lifespan=lifespan)
    app.state.deployment = deployment
    return app


def app_from_environment() -> Starlette:
    """The app of a hypercorn worker process: ``JSHOST_CONFIG`` names a config file, or
    ``JSHOST_HANDLER`` (+ ``JSHOST_SETTINGS``) a single function; ``JSHOST_STORE`` and
    ``JSHOST_ISOLATION`` carry command-line overrides."""
    path = os.environ.get("JSHOST_CONFIG")
    if path:
        config = load_config(path)
    else:
        handler = os.environ.get("JSHOST_HANDLER")
        if not handler:
            raise RuntimeError("set JSHOST_CONFIG or JSHOST_HANDLER")
        config = single_function_config(handler, json.loads(os.environ.get("JSHOST_SETTINGS") or "{}"))
    changes: dict[str, Any] = {}
    if os.environ.get("JSHOST_STORE"):
        changes["store"] = Path(os.environ["JSHOST_STORE"])
    if os.environ.get("JSHOST_ISOLATION"):
        changes["isolation"] = os.environ["JSHOST_ISOLATION"]
    return create_app(dataclasses.replace(config, **changes))
