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
