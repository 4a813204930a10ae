// The `cache` global: a per-instance cache of JSON values with a TTL per entry.
// Segment docs 004 "Caching":
//   cache.load(key: string, ttl: number, fn: async () => any): Promise<any>
//     returns the cached value, or calls fn when it is missing or expired and
//     caches its result; ttl omitted or -1 means no expiry.
//   cache.delete(key: string): void
// The store lives in the host (jshost/ops/cache.py), shared by the instance's
// slots, so values must survive JSON; concurrent loads of one key run the loader
// once; a failing loader caches nothing and its error reaches its caller.

const JSONStringify = internals.JSONStringify;
const JSONParse = internals.JSONParse;

function checkKey(key) {
  if (typeof key !== "string") {
    throw new TypeError(`cache key must be a string, got ${key === null ? "null" : typeof key}`);
  }
}

async function load(key, ttl, loader) {
  checkKey(key);
  if (typeof ttl === "function" && loader === undefined) {
    loader = ttl;  // cache.load(key, fn): no expiry
    ttl = undefined;
  }
  if (ttl === undefined || ttl === null) ttl = -1;
  if (typeof ttl !== "number" || Number.isNaN(ttl)) throw new TypeError("cache ttl must be a number of milliseconds");
  if (typeof loader !== "function") throw new TypeError("cache.load needs a loader function as its third argument");
  const found = await internals.op("cache.get", { key });
  if (found.hit) return JSONParse(found.value);
  let value;
  try {
    value = await loader();
  } catch (error) {
    internals.op("cache.abandon", { key, lease: found.lease }).catch(() => {});
    throw error;
  }
  let text;
  try {
    text = JSONStringify(value);
  } catch (error) {
    internals.op("cache.abandon", { key, lease: found.lease }).catch(() => {});
    throw new TypeError(`cache.load: the value for "${key}" is not JSON-serialisable (${error.message})`);
  }
  if (text === undefined) {
    internals.op("cache.abandon", { key, lease: found.lease }).catch(() => {});
    throw new TypeError(`cache.load: the value for "${key}" is not JSON-serialisable (${typeof value})`);
  }
  await internals.op("cache.put", { key, lease: found.lease, value: text, ttl });
  return value;
}

function del(key) {
  checkKey(key);
  internals.op("cache.delete", { key }).catch(() => {});
}

const cache = {};
Object.defineProperty(cache, "load", { value: load, writable: true, enumerable: true, configurable: true });
Object.defineProperty(cache, "delete", { value: del, writable: true, enumerable: true, configurable: true });

internals.cache = cache;
internals.defineGlobal("cache", cache);
