"""Fresh random bytes for every invocation, without a system call each time.

``os.urandom`` costs tens of microseconds per call on some virtual machines, and
jshost needs randomness on every invocation (the seed of JS crypto) and for every
message id. A keyed BLAKE2b over a counter is a pseudo-random function: with a key
drawn from ``os.urandom`` once per process (again after a fork), its outputs are as
unpredictable as the key.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import uuid

_key = os.urandom(32)
_counter = itertools.count()


def _reseed() -> None:
    global _key, _counter
    _key = os.urandom(32)
    _counter = itertools.count()


os.register_at_fork(after_in_child=_reseed)


def random_bytes(size: int = 32) -> bytes:
    """``size`` (at most 64) pseudo-random bytes."""
    return hashlib.blake2b(next(_counter).to_bytes(16, "little"), key=_key, digest_size=size).digest()


def random_hex(size: int = 32) -> str:
    return random_bytes(size).hex()


def message_id() -> str:
    """A random (version 4) UUID for a message that has no ``messageId``."""
    return f"jshost-{uuid.UUID(bytes=random_bytes(16), version=4)}"
