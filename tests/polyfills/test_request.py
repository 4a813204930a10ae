"""The source request object (RUNTIME-FACTS "The source request")."""

from __future__ import annotations

import pytest

from conftest import JSError


def build(body_js: str, extra: str = "") -> str:
    return f"const request = new ServerRequest({body_js}, {{headers: {{'X-Mixed-Case': 'v'}}, url: 'https://h/p?q=1'}}); {extra}"


def test_object_body_json_is_same_reference_and_text_is_stringified(js) -> None:
    out = js(build("{a: 1}", "[request.json() === request.json(), request.json().a, request.text()]"))
    assert out == [True, 1, '{"a":1}']


def test_string_body_text_and_cached_json(js) -> None:
    out = js(build("'{\"b\": 2}'", "[request.text(), request.json().b, request.json() === request.json()]"))
    assert out == ['{"b": 2}', 2, True]


def test_bad_json_string_throws_syntax_error_on_json(js) -> None:
    with pytest.raises(JSError) as info:
        js(build("'not json'", "request.json()"))
    assert info.value.name == "SyntaxError"
    assert js(build("'not json'", "request.text()")) == "not json"


@pytest.mark.parametrize("body", ["1", "true", "undefined"])
def test_other_body_types_are_rejected(js, body: str) -> None:
    with pytest.raises(JSError) as info:
        js(build(body))
    assert (info.value.name, info.value.message) == ("TypeError", "unsupported body type")


def test_json_and_text_are_synchronous(js) -> None:
    assert js(build("{}", "[typeof request.json().then, typeof request.text()]")) == ["undefined", "string"]


def test_headers_and_url_types(js) -> None:
    out = js(build("{}", """[request.headers instanceof Headers, request.headers.get('x-mixed-case'),
                             request.headers.get('missing'), request.url instanceof URL,
                             request.url.searchParams.get('q')]"""))
    assert out == [True, "v", None, True, "1"]
