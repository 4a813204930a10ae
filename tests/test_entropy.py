"""Per-invocation randomness (jshost.entropy)."""

from __future__ import annotations

import os
import re

from jshost import entropy


def test_outputs_are_distinct_and_sized() -> None:
    seen = {entropy.random_hex(32) for _ in range(2000)}
    assert len(seen) == 2000 and all(len(x) == 64 for x in seen)


def test_message_ids_are_uuid4() -> None:
    ids = {entropy.message_id() for _ in range(500)}
    assert len(ids) == 500
    assert all(re.fullmatch(r"jshost-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", i) for i in ids)


def test_a_forked_child_draws_different_values() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.write(write, entropy.random_hex(16).encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child = os.read(read, 64).decode()
    assert child != entropy.random_hex(16)
    os.close(read)
    os.close(write)
