"""The server's configuration: instances from a TOML file (``jshost serve --config``).

::

    [server]
    host = "127.0.0.1"
    port = 8080
    store = "jshost.sqlite3"                 # relative paths are relative to this file
    admin_token = "${JSHOST_ADMIN_TOKEN}"     # enables /admin/*
    public_url = "https://hooks.example.com"  # the server's own address, refused to fetch

    [instances.signups]                       # POST /signups
    code = "source/handler.js"
    settings = { sharedSecret = "${SIGNUP_SECRET}" }
    schema = { sharedSecret = { type = "string", required = true, sensitive = true } }
    token = "${SIGNUP_TOKEN}"                 # optional bearer token callers must send
    limits = { timeout = 5, memory_mib = 128, pool_size = 4 }
    delivery = { instances = ["crm"] }        # or { url = ..., write_key = ... } or absent (store)

    [instances.crm]
    code = "destination/handler.js"
    batch = { size = 20, wait = 10 }          # onBatch grouping
    retry = { attempts = 10, first_wait = [60, 180], factor = 2, max_wait = 2700 }
    mock_fetch = "destination/mock-fetch.json"  # answer fetches from canned rules (demos, tests)
    libraries = { dayjs = "dayjs@1.11.10" }    # the instance's own npm packages, under names it picks

One function file may be deployed as several instances with different settings.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import (
    DESTINATION_RETRIES,
    MIB,
    SOURCE_RETRIES,
    BatchConfig,
    DeliveryConfig,
    EgressPolicy,
    Limits,
    RetryPolicy,
)
from .deps import parse_extra
from .errors import ConfigError
from .settings import SettingSpec, expand_env, parse_schema

_INSTANCE_KEYS = {"code", "settings", "schema", "token", "limits", "delivery", "batch", "retry", "egress",
                  "mock_fetch", "libraries"}
_SERVER_KEYS = {"host", "port", "store", "admin_token", "public_url", "workers", "max_body_bytes", "durability",
                "isolation"}


@dataclass(frozen=True)
class InstanceConfig:
    """One deployed instance: a function file plus its settings and policies."""

    name: str
    code: Path
    settings: Mapping[str, Any] = field(default_factory=dict)
    schema: Mapping[str, SettingSpec] = field(default_factory=dict)
    token: str | None = None
    limits: Limits = field(default_factory=Limits)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)
    batch: BatchConfig = field(default_factory=BatchConfig)
    retry: RetryPolicy | None = None
    egress: EgressPolicy = field(default_factory=EgressPolicy)
    mock_fetch: Path | None = None
    #: The instance's own npm libraries: global name -> "package@version" (`jshost deps install --config`).
    libraries: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ServerConfig:
    """The whole server: where it listens, its store, its instances."""

    instances: tuple[InstanceConfig, ...]
    host: str = "127.0.0.1"
    port: int = 8080
    store: Path = Path("jshost.sqlite3")
    admin_token: str | None = None
    public_url: str | None = None
    workers: int = 1
    #: Segment's webhook limit: 512 KiB.
    max_body_bytes: int = 512 * 1024
    #: SQLite synchronous mode: "normal" survives a process crash, "full" also a power loss.
    durability: str = "normal"
    #: "threads": every JS context runs on a thread of its own, so a busy function never holds
    #: up the event loop (other instances keep serving). "inline": JS runs on the event loop's
    #: thread, faster per request, but a function that loops stalls its worker until its limit.
    isolation: str = "threads"
    #: Where the file was read from (for reloads), if anywhere.
    source: Path | None = None

    def __post_init__(self) -> None:
        names = [i.name for i in self.instances]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ConfigError(f"instance names must be unique: {', '.join(duplicates)}")
        known = set(names)
        for inst in self.instances:
            for target in inst.delivery.instances:
                if target not in known:
                    raise ConfigError(f"instance {inst.name!r} delivers to {target!r}, which is not an instance")
        if self.durability not in ("normal", "full"):
            raise ConfigError(f"durability must be normal or full, got {self.durability!r}")
        if self.isolation not in ("threads", "inline"):
            raise ConfigError(f"isolation must be threads or inline, got {self.isolation!r}")

    def instance(self, name: str) -> InstanceConfig:
        for inst in self.instances:
            if inst.name == name:
                return inst
        raise KeyError(name)


def _table(raw: Any, where: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} must be a table")
    return raw


def _limits(raw: Mapping[str, Any], where: str) -> Limits:
    known = {"timeout", "memory_mib", "pool_size", "max_requests", "max_response_mib", "stack_kib", "cache_mib"}
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{where}: unknown limit(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})")
    values: dict[str, Any] = {}
    try:
        if "timeout" in raw:
            values["timeout"] = float(raw["timeout"])
        if "memory_mib" in raw:
            values["memory"] = int(float(raw["memory_mib"]) * MIB)
        if "pool_size" in raw:
            values["pool_size"] = int(raw["pool_size"])
        if "max_requests" in raw:
            values["max_requests"] = int(raw["max_requests"])
        if "max_response_mib" in raw:
            values["max_response_bytes"] = int(float(raw["max_response_mib"]) * MIB)
        if "stack_kib" in raw:
            values["stack"] = int(float(raw["stack_kib"]) * 1024)
        if "cache_mib" in raw:
            values["cache_bytes"] = int(float(raw["cache_mib"]) * MIB)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return Limits(**values)


def _delivery(raw: Mapping[str, Any], where: str) -> DeliveryConfig:
    if not raw:
        return DeliveryConfig()
    raw = expand_env(dict(raw), setting="delivery")
    if "instances" in raw:
        targets = raw["instances"]
        if isinstance(targets, str):
            targets = [targets]
        return DeliveryConfig(kind="instances", instances=tuple(str(t) for t in targets))
    if "url" in raw:
        try:
            backoff = tuple(float(x) for x in raw.get("backoff", (1.0, 2.0, 300.0)))
        except (TypeError, ValueError):
            backoff = ()
        if len(backoff) != 3:
            raise ConfigError(f"{where}: delivery backoff must be [first_wait, factor, max_wait]")
        return DeliveryConfig(kind="tracking", url=str(raw["url"]).rstrip("/"), write_key=raw.get("write_key"),
                              objects_url=raw.get("objects_url"), backoff=backoff)  # type: ignore[arg-type]
    raise ConfigError(f"{where}: delivery needs `instances = [...]` or `url` and `write_key`")


def _retry(raw: Mapping[str, Any] | None, where: str) -> RetryPolicy | None:
    if not raw:
        return None
    try:
        first = raw.get("first_wait", [60, 180])
        return RetryPolicy(attempts=int(raw.get("attempts", 6)), first_wait=(float(first[0]), float(first[1])),
                           factor=float(raw.get("factor", 2.0)), max_wait=float(raw.get("max_wait", 1200.0)))
    except (TypeError, ValueError, IndexError) as exc:
        raise ConfigError(f"{where}: {exc}") from None


def parse_instance(name: str, raw: Mapping[str, Any], base: Path) -> InstanceConfig:
    where = f"instance {name!r}"
    if not name or "/" in name or name.startswith(("admin", "healthz", "metrics")):
        raise ConfigError(f"{where}: the name must be a path segment and not admin, healthz or metrics")
    unknown = set(raw) - _INSTANCE_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if "code" not in raw:
        raise ConfigError(f"{where}: `code` (the function file) is required")
    token = raw.get("token")
    egress_raw = _table(raw.get("egress"), f"{where}.egress")
    mock = raw.get("mock_fetch")
    libraries = _table(raw.get("libraries"), f"{where}.libraries")
    parse_extra({str(k): str(v) for k, v in libraries.items()})  # checked now, not at the first request
    return InstanceConfig(
        name=name,
        code=(base / str(raw["code"])).resolve(),
        settings=_table(raw.get("settings"), f"{where}.settings"),
        schema=parse_schema(_table(raw.get("schema"), f"{where}.schema")),
        token=expand_env(token, setting="token") if token else None,
        limits=_limits(_table(raw.get("limits"), f"{where}.limits"), where),
        delivery=_delivery(_table(raw.get("delivery"), f"{where}.delivery"), where),
        batch=BatchConfig(**_table(raw.get("batch"), f"{where}.batch")),
        retry=_retry(_table(raw.get("retry"), f"{where}.retry"), where),
        egress=EgressPolicy(block_metadata=bool(egress_raw.get("block_metadata", True)),
                            block_private=bool(egress_raw.get("block_private", False))),
        mock_fetch=(base / str(mock)).resolve() if mock else None,
        libraries={str(k): str(v) for k, v in libraries.items()},
    )


def parse_config(data: Mapping[str, Any], base: Path, source: Path | None = None) -> ServerConfig:
    server = _table(data.get("server"), "[server]")
    unknown = set(server) - _SERVER_KEYS
    if unknown:
        raise ConfigError(f"[server]: unknown key(s) {', '.join(sorted(unknown))}")
    unknown_top = set(data) - {"server", "instances"}
    if unknown_top:
        raise ConfigError(f"unknown section(s) {', '.join(sorted(unknown_top))} (expected [server] and [instances.<name>])")
    instances = tuple(parse_instance(name, _table(raw, f"[instances.{name}]"), base)
                      for name, raw in _table(data.get("instances"), "[instances]").items())
    if not instances:
        raise ConfigError("no instances: add at least one [instances.<name>] table")
    admin = server.get("admin_token")
    try:
        return ServerConfig(
            instances=instances, host=str(server.get("host", "127.0.0.1")), port=int(server.get("port", 8080)),
            store=(base / str(server.get("store", "jshost.sqlite3"))).resolve(),
            admin_token=expand_env(admin, setting="admin_token") if admin else None,
            public_url=server.get("public_url"), workers=int(server.get("workers", 1)),
            max_body_bytes=int(server.get("max_body_bytes", 512 * 1024)),
            durability=str(server.get("durability", "normal")),
            isolation=str(server.get("isolation", "threads")), source=source)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"[server]: {exc}") from None


def load_config(path: str | Path) -> ServerConfig:
    """Read and check a config file. Raises :class:`~jshost.errors.ConfigError` naming the problem."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {p}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {p}: invalid TOML: {exc}") from None
    return parse_config(data, p.resolve().parent, source=p.resolve())


def single_function_config(handler: str | Path, settings: Mapping[str, Any] | None = None, *,
                           name: str | None = None, store: str | Path = "jshost.sqlite3") -> ServerConfig:
    """The config of ``jshost serve handler.js``: one instance named after the file."""
    code = Path(handler).resolve()
    return ServerConfig(instances=(InstanceConfig(name=name or code.stem, code=code, settings=dict(settings or {})),),
                        store=Path(store).resolve())


def retry_policy(inst: InstanceConfig, kind: str) -> RetryPolicy:
    """The instance's retry schedule: its own, or Segment's for its kind."""
    if inst.retry is not None:
        return inst.retry
    return DESTINATION_RETRIES if kind == "destination" else SOURCE_RETRIES
