"""``cache.*``: the store behind the ``cache`` global (docs 004 "Caching").

One store per function instance (``services["cache"]``), shared by its slots and
never across instances, backed by a cachetools TLRU cache: a TTL per entry and a
bound on the total size of the stored JSON. Concurrent loads of one key run the
loader once: the first ``cache.get`` of a missing key takes a *lease* and runs the
loader in its slot; other ``cache.get`` calls wait for it. The lease ends with
``cache.put`` (the value is stored) or ``cache.abandon`` (the loader failed: nothing
is stored and the next waiter becomes the loader), or when the invocation that
holds it ends.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from dataclasses import dataclass, field
from typing import Any

from cachetools import TLRUCache

from . import OpContext, OpError, op

#: Default bound of one instance's cache: bytes of JSON text.
DEFAULT_CACHE_BYTES = 16 * 1024 * 1024


@dataclass
class _Entry:
    text: str
    expires: float


@dataclass
class InstanceCache:
    """The cache of one function instance."""

    max_bytes: int = DEFAULT_CACHE_BYTES
    _store: TLRUCache[str, _Entry] = field(init=False)
    _loading: dict[str, tuple[int, asyncio.Future[None]]] = field(default_factory=dict)
    _leases: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self._store = TLRUCache(maxsize=self.max_bytes, ttu=lambda _k, v, _now: v.expires,
                                timer=time.monotonic, getsizeof=lambda v: max(1, len(v.text)))

    def get(self, key: str) -> str | None:
        entry = self._store.get(key)
        return None if entry is None else entry.text

    async def acquire(self, key: str) -> dict[str, Any]:
        """A hit ``{"hit": True, "value"}``, or a lease to load the key ``{"hit": False, "lease"}``."""
        while True:
            text = self.get(key)
            if text is not None:
                return {"hit": True, "value": text}
            loading = self._loading.get(key)
            if loading is None:
                lease = next(self._leases)
                self._loading[key] = (lease, asyncio.get_running_loop().create_future())
                return {"hit": False, "lease": lease}
            await asyncio.shield(loading[1])

    def put(self, key: str, lease: int, text: str, ttl_ms: float) -> None:
        expires = math.inf if ttl_ms < 0 else time.monotonic() + ttl_ms / 1000.0
        if len(text) <= self.max_bytes and ttl_ms != 0:
            self._store[key] = _Entry(text, expires)
        self.release(key, lease)

    def release(self, key: str, lease: int) -> None:
        """End a lease (stored, failed, or abandoned): wake whoever waits for the key."""
        loading = self._loading.get(key)
        if loading is not None and loading[0] == lease:
            del self._loading[key]
            if not loading[1].done():
                loading[1].set_result(None)

    def delete(self, key: str) -> None:
        self._store.pop(key, None)


def _cache(ctx: OpContext) -> InstanceCache:
    store = ctx.services.get("cache")
    if store is None:
        store = ctx.services["cache"] = InstanceCache(max_bytes=ctx.limits.cache_bytes)
    return store


def _key(args: Any) -> str:
    key = args.get("key") if isinstance(args, dict) else None
    if not isinstance(key, str):
        raise OpError("cache key must be a string", name="TypeError")
    return key


@op("cache.get")
async def cache_get(args: Any, ctx: OpContext) -> dict[str, Any]:
    store, key = _cache(ctx), _key(args)
    answer = await store.acquire(key)
    if not answer["hit"]:
        lease = answer["lease"]
        # A lease must not outlive its invocation (a timed-out loader never puts).
        ctx.cleanups.append(lambda: store.release(key, lease))
    return answer


@op("cache.put")
async def cache_put(args: Any, ctx: OpContext) -> None:
    _cache(ctx).put(_key(args), int(args["lease"]), str(args["value"]), float(args.get("ttl", -1)))


@op("cache.abandon")
async def cache_abandon(args: Any, ctx: OpContext) -> None:
    _cache(ctx).release(_key(args), int(args["lease"]))


@op("cache.delete")
async def cache_delete(args: Any, ctx: OpContext) -> None:
    _cache(ctx).delete(_key(args))
