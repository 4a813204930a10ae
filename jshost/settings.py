"""Function settings: environment references, the settings schema, and redaction.

Segment's settings editor gives every setting a name, a type (string, boolean,
array, map), ``required`` and ``encrypted`` (docs 004, "Create settings and
secrets"). jshost reads the same description from the instance config::

    [instances.stripe.schema]
    signingSecret = { type = "string", required = true, sensitive = true }
    events = { type = "array" }

and lets values reference the environment (``"${STRIPE_SECRET}"``) so secrets
stay out of files. A bad or missing setting is an ``Invalid Settings`` error that
names the setting; sensitive values never appear in logs or the errors view.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError

SETTING_TYPES = ("string", "boolean", "array", "map", "number")
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
REDACTED = "[redacted]"


class SettingsError(ConfigError):
    """A setting is missing or has the wrong type (Segment's ``Invalid Settings``)."""

    def __init__(self, message: str, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


@dataclass(frozen=True)
class SettingSpec:
    """One setting of the schema."""

    name: str
    type: str = "string"
    required: bool = False
    sensitive: bool = False

    @classmethod
    def parse(cls, name: str, raw: Any) -> SettingSpec:
        if isinstance(raw, str):
            raw = {"type": raw}
        if not isinstance(raw, Mapping):
            raise ConfigError(f"settings schema: {name!r} must be a table like {{ type = \"string\" }}")
        unknown = set(raw) - {"type", "required", "sensitive", "encrypted"}
        if unknown:
            raise ConfigError(f"settings schema: {name!r} has unknown key(s) {', '.join(sorted(unknown))}")
        kind = raw.get("type", "string")
        if kind not in SETTING_TYPES:
            raise ConfigError(f"settings schema: {name!r} has type {kind!r}; expected one of {', '.join(SETTING_TYPES)}")
        return cls(name=name, type=kind, required=bool(raw.get("required", False)),
                   sensitive=bool(raw.get("sensitive", raw.get("encrypted", False))))


def parse_schema(raw: Mapping[str, Any] | None) -> dict[str, SettingSpec]:
    return {name: SettingSpec.parse(name, spec) for name, spec in (raw or {}).items()}


def expand_env(value: Any, env: Mapping[str, str] | None = None, *, setting: str = "") -> Any:
    """Replace ``${NAME}`` (or ``${NAME:-default}``) in strings, recursively through arrays and maps.

    A reference to an unset variable without a default raises :class:`SettingsError`."""
    environ = os.environ if env is None else env
    if isinstance(value, str):
        def substitute(match: re.Match[str]) -> str:
            name, default = match.group(1), match.group(2)
            if name in environ:
                return environ[name]
            if default is not None:
                return default
            raise SettingsError(f"setting {setting!r} refers to the environment variable {name}, which is not set",
                                setting)

        return _ENV_REF.sub(substitute, value)
    if isinstance(value, list):
        return [expand_env(v, environ, setting=setting) for v in value]
    if isinstance(value, dict):
        return {k: expand_env(v, environ, setting=f"{setting}.{k}" if setting else k) for k, v in value.items()}
    return value


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    return isinstance(value, dict)  # map


def resolve_settings(raw: Mapping[str, Any], schema: Mapping[str, SettingSpec],
                     env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Expand environment references and check the result against the schema."""
    settings = {name: expand_env(value, env, setting=name) for name, value in raw.items()}
    for spec in schema.values():
        value = settings.get(spec.name)
        if value is None or value == "":
            if spec.required:
                raise SettingsError(f"setting {spec.name!r} is required but not set", spec.name)
            continue
        if not _type_ok(spec.type, value):
            raise SettingsError(f"setting {spec.name!r} must be a {spec.type}, got {type(value).__name__}",
                                spec.name)
    return settings


def redact(text: str, secrets: list[str]) -> str:
    """``text`` with every secret value replaced (longest first, so overlapping values go whole)."""
    for secret in sorted((s for s in secrets if len(s) >= 4), key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def sensitive_values(settings: Mapping[str, Any], schema: Mapping[str, SettingSpec]) -> list[str]:
    """The string values of sensitive settings (nested strings included)."""
    out: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)

    for spec in schema.values():
        if spec.sensitive and spec.name in settings:
            collect(settings[spec.name])
    return out
