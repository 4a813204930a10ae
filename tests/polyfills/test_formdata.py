"""FormData as a fetch body, against a loopback server (fetch-retry is in tests/test_libraries.py)."""

from __future__ import annotations

import asyncio
import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import pytest

import jshost
from httpserver import LoopbackServer


@pytest.fixture(scope="module")
def server() -> Any:
    srv = LoopbackServer()
    yield srv
    srv.stop()


def run(body: str, server: LoopbackServer) -> jshost.Result:
    fn = jshost.function_from_source(f"const BASE = {json.dumps(server.url)};\n"
                                     f"async function onTrack(event, settings) {{\n{body}\n}}")

    async def go() -> jshost.Result:
        async with fn.instance() as inst:
            return await inst.invoke_event({"type": "track"})

    return asyncio.run(go())


def test_formdata_is_sent_as_multipart(server: LoopbackServer) -> None:
    server.recorder.clear()
    result = run("""const form = new FormData();
        form.append('name', 'Ann Example');
        form.append('file', new Blob(['{"a":1}'], {type: 'application/json'}), 'data.json');
        form.set('note', 'café');
        const res = await fetch(BASE + '/echo', {method: 'POST', body: form});
        return [res.status, form.get('name'), form.getAll('name').length, form.has('file'), [...form.keys()]]""", server)
    assert result.ok, result.error
    assert result.return_value == [200, "Ann Example", 1, True, ["name", "file", "note"]]
    (request,) = server.recorder.requests
    content_type = request["headers"]["content-type"]
    assert content_type.startswith("multipart/form-data;boundary=")
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() +
                                                  request["body"].encode("utf-8"))
    parts = {p.get_param("name", header="content-disposition"): p for p in message.iter_parts()}
    assert parts["name"].get_content() == "Ann Example"
    assert parts["note"].get_payload(decode=True).decode() == "café"
    assert parts["file"].get_filename() == "data.json" and parts["file"].get_content_type() == "application/json"


def test_form_data_package_methods() -> None:
    fn = jshost.function_from_source("""async function onTrack() {
        const form = new FormData(); form.append('a', '1');
        const headers = form.getHeaders({'x-extra': 'y'});
        return [headers['content-type'].includes(form.getBoundary()), headers['x-extra'], form.getBuffer().length === form.getLengthSync()] }""")

    async def go() -> jshost.Result:
        async with fn.instance() as inst:
            return await inst.invoke_event({"type": "track"})

    assert asyncio.run(go()).return_value == [True, "y", True]


def test_form_data_package_style_upload(server: LoopbackServer) -> None:
    # How code written for Segment's npm form-data 2.4 + node-fetch 2 sends a file: the headers from getHeaders().
    server.recorder.clear()
    result = run("""const form = new FormData();
        form.append('meta', JSON.stringify({a: 1}));
        form.append('file', Buffer.from([0, 1, 2, 255]), {filename: 'blob.bin', contentType: 'application/octet-stream'});
        const res = await fetch(BASE + '/echo', {method: 'POST', body: form, headers: form.getHeaders({'x-api-key': 'k'})});
        return [res.status, form.getBoundary(), form.getLengthSync()]""", server)
    assert result.ok, result.error
    status, boundary, length = result.return_value
    (request,) = server.recorder.requests
    assert status == 200 and request["headers"]["content-type"] == f"multipart/form-data; boundary={boundary}"
    assert request["headers"]["x-api-key"] == "k"
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {request['headers']['content-type']}\r\n\r\n".encode()
                                                  + request["body"].encode("latin-1", "replace"))
    parts = {p.get_param("name", header="content-disposition"): p for p in message.iter_parts()}
    assert parts["meta"].get_content() == '{"a":1}'
    assert parts["file"].get_filename() == "blob.bin" and parts["file"].get_content_type() == "application/octet-stream"
    assert int(request["headers"]["content-length"]) == length
