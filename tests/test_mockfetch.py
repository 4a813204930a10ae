"""--mock-fetch rules: validation and matching."""

from __future__ import annotations

import pytest

from jshost.errors import InputError
from jshost.mockfetch import find_rule, parse_rules


def test_first_matching_rule_answers() -> None:
    rules = parse_rules([
        {"method": "post", "url": "^https://api\\.example\\.com/v1/", "status": 201, "body": {"ok": True}},
        {"url": "example", "status": 404, "body": "nope"},
    ])
    hit = find_rule(rules, "POST", "https://api.example.com/v1/users")
    assert hit is not None and hit.status == 201
    assert hit.body == '{"ok": true}' and hit.headers["content-type"] == "application/json"
    other = find_rule(rules, "GET", "https://api.example.com/v1/users")
    assert other is not None and other.status == 404 and other.body == "nope"
    assert find_rule(rules, "GET", "https://elsewhere.test/") is None


def test_defaults() -> None:
    (rule,) = parse_rules([{}])
    assert (rule.method, rule.url, rule.status, rule.body) == (None, None, 200, "")


@pytest.mark.parametrize("data, fragment", [
    ({}, "expected a JSON list"),
    ([1], "rule 0: expected an object"),
    ([{"url": "("}], "not a valid regular expression"),
    ([{"status": 99}], '"status"'),
    ([{"status": True}], '"status"'),
    ([{"headers": {"a": 1}}], '"headers"'),
    ([{"method": ""}], '"method"'),
    ([{"stauts": 200}], "unknown key(s) stauts"),
])
def test_invalid_rules(data, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parse_rules(data)
    assert fragment in str(info.value)
