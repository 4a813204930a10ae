"""Typed configuration shared by the library, the CLI and the server."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .errors import ConfigError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Execution limits of one function instance.

    Defaults follow Segment: 5 s per invocation (docs 004, "What is the timeout for a
    function to execute?"). Memory and pool size are jshost's own choices.
    """

    #: Wall-clock budget of one invocation, across awaits (seconds).
    timeout: float = 5.0
    #: Memory limit of one QuickJS context (bytes).
    memory: int = 128 * MIB
    #: Native stack budget of one context (bytes); deep recursion past it is a RangeError.
    stack: int = 1 * MIB
    #: Most contexts (slots) one instance keeps; concurrent invocations beyond wait.
    pool_size: int = 4
    #: Most outgoing fetches per invocation.
    max_requests: int = 100
    #: Largest fetch response body accepted (bytes).
    max_response_bytes: int = 10 * MIB
    #: Console output kept per invocation (bytes of message text).
    max_log_bytes: int = 1 * MIB
    #: Bound of the instance's `cache` store (bytes of JSON text).
    cache_bytes: int = 16 * MIB

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ConfigError(f"timeout must be positive, got {self.timeout!r}")
        if self.memory < 8 * MIB:
            raise ConfigError(f"memory limit must be at least 8 MiB, got {self.memory} bytes")
        if self.stack < 64 * 1024:
            raise ConfigError(f"stack limit must be at least 64 KiB, got {self.stack} bytes")
        if self.pool_size < 1:
            raise ConfigError(f"pool_size must be at least 1, got {self.pool_size}")
        if self.max_requests < 0:
            raise ConfigError(f"max_requests must be >= 0, got {self.max_requests}")

    def replace(self, **changes: object) -> Limits:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class EgressPolicy:
    """Where an instance's fetches may go (issue: egress guard rails)."""

    #: Refuse cloud metadata addresses (169.254.169.254, fd00:ec2::254).
    block_metadata: bool = True
    #: Refuse private, loopback and link-local networks.
    block_private: bool = False
    #: URLs (scheme://host:port prefixes) the function must not call: its own webhook.
    forbidden_prefixes: tuple[str, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- the server

@dataclass(frozen=True)
class RetryPolicy:
    """How often and when a failed invocation is tried again (Retry and Timeout only).

    Segment (docs 004 FAQ): sources up to 6 attempts, the first wait random 1-3 min,
    growing exponentially, at most 20 min apart; destinations retry 9 more times
    over about 4 hours (docs 003 FAQ)."""

    attempts: int = 6
    first_wait: tuple[float, float] = (60.0, 180.0)
    factor: float = 2.0
    max_wait: float = 1200.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ConfigError(f"retry attempts must be at least 1, got {self.attempts}")
        low, high = self.first_wait
        if not 0 <= low <= high:
            raise ConfigError(f"retry first_wait must be [low, high] with 0 <= low <= high, got {self.first_wait}")
        if self.factor < 1 or self.max_wait < high:
            raise ConfigError("retry factor must be >= 1 and max_wait >= the first wait")

    def wait(self, attempt: int, draw: float) -> float:
        """Seconds before attempt ``attempt + 1`` (``attempt`` >= 1 attempts made; ``draw`` in [0, 1))."""
        low, high = self.first_wait
        first = low + (high - low) * draw
        return min(self.max_wait, first * self.factor ** (attempt - 1))


SOURCE_RETRIES = RetryPolicy()
DESTINATION_RETRIES = RetryPolicy(attempts=10, first_wait=(60.0, 180.0), factor=2.0, max_wait=2700.0)


@dataclass(frozen=True)
class BatchConfig:
    """How destination events are grouped for ``onBatch`` (Segment: 20 events or 10 s, at most 400)."""

    size: int = 20
    wait: float = 10.0

    def __post_init__(self) -> None:
        if not 1 <= self.size <= 400:
            raise ConfigError(f"batch size must be between 1 and 400 (Segment's maximum), got {self.size}")
        if self.wait <= 0:
            raise ConfigError(f"batch wait must be positive, got {self.wait}")


@dataclass(frozen=True)
class DeliveryConfig:
    """Where an instance's messages go.

    ``store``: they stay in the store (``jshost events``). ``tracking``: a
    Segment-compatible Tracking API (``POST {url}/v1/batch``, write key as HTTP
    basic auth) and, for objects, ``objects_url``. ``instances``: destination
    instances of this server."""

    kind: str = "store"
    url: str | None = None
    write_key: str | None = None
    objects_url: str | None = None
    instances: tuple[str, ...] = ()
    #: Segment's limits: 32 KB per message, 500 KB per batch request.
    max_message_bytes: int = 32 * 1024
    max_batch_bytes: int = 500 * 1024
    #: Backoff of failed deliveries to a Tracking API: (first wait s, factor, cap s); never given up.
    backoff: tuple[float, float, float] = (1.0, 2.0, 300.0)

    def __post_init__(self) -> None:
        if self.kind not in ("store", "tracking", "instances"):
            raise ConfigError(f"delivery kind must be store, tracking or instances, got {self.kind!r}")
        if self.kind == "tracking" and not (self.url and self.write_key):
            raise ConfigError("tracking delivery needs url and write_key")
        if self.kind == "instances" and not self.instances:
            raise ConfigError("instances delivery needs at least one instance name")
