"""Settings: environment references, the schema, redaction (jshost.settings)."""

from __future__ import annotations

import pytest

from jshost.errors import ConfigError
from jshost.settings import (
    SettingsError,
    expand_env,
    parse_schema,
    redact,
    resolve_settings,
    sensitive_values,
)


def test_env_references_expand_recursively() -> None:
    env = {"KEY": "s3cret", "REGION": "eu"}
    value = {"a": "${KEY}", "b": ["x-${REGION}", 1], "c": {"d": "${MISSING:-fallback}"}, "e": True}
    assert expand_env(value, env) == {"a": "s3cret", "b": ["x-eu", 1], "c": {"d": "fallback"}, "e": True}


def test_unset_variable_names_the_setting() -> None:
    with pytest.raises(SettingsError) as info:
        resolve_settings({"apiKey": "${NOPE_NOT_SET}"}, {}, env={})
    assert info.value.setting == "apiKey" and "NOPE_NOT_SET" in str(info.value)


@pytest.mark.parametrize("raw, settings, fragment", [
    ({"k": {"type": "string", "required": True}}, {}, "'k' is required"),
    ({"k": {"type": "string", "required": True}}, {"k": ""}, "'k' is required"),
    ({"k": "boolean"}, {"k": "yes"}, "'k' must be a boolean"),
    ({"k": "array"}, {"k": {}}, "'k' must be a array"),
    ({"k": "map"}, {"k": []}, "'k' must be a map"),
])
def test_schema_errors(raw, settings, fragment: str) -> None:
    with pytest.raises(SettingsError) as info:
        resolve_settings(settings, parse_schema(raw), env={})
    assert fragment in str(info.value)


def test_schema_accepts_valid_values_and_optional_gaps() -> None:
    schema = parse_schema({"s": "string", "b": "boolean", "a": "array", "m": "map", "opt": "string"})
    assert resolve_settings({"s": "x", "b": False, "a": [1], "m": {"k": 1}}, schema, env={})["b"] is False


def test_bad_schema_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        parse_schema({"k": {"type": "float"}})
    with pytest.raises(ConfigError):
        parse_schema({"k": {"typo": "string"}})


def test_sensitive_values_are_redacted() -> None:
    schema = parse_schema({"token": {"type": "string", "sensitive": True}, "list": {"type": "array", "encrypted": True},
                           "plain": "string"})
    secrets = sensitive_values({"token": "tok-123456", "list": ["abcd1234"], "plain": "visible"}, schema)
    assert sorted(secrets) == ["abcd1234", "tok-123456"]
    assert redact("Bearer tok-123456 and abcd1234 but visible", secrets) == "Bearer [redacted] and [redacted] but visible"
