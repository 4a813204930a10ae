// Node's `zlib` module over pako (a pure-JS port of zlib, installed with the libraries):
// the sync functions, their callback forms, and the constants functions use.
// The output is valid zlib/gzip data that Node inflates, and usually the very bytes Node
// produces; pako's encoder (a port of zlib 1.2) and Node's (Chromium's zlib) can choose
// different matches for the same input, so the bytes are not guaranteed to be identical.
// https://nodejs.org/docs/latest-v20.x/api/zlib.html
// Segment exposes it as `zlib.zlib` (docs 004).

let pako = null;
function engine() {
  if (pako === null) pako = internals.require("pako");
  return pako;
}

function bytes(input) {
  if (typeof input === "string") return internals.utf8Encode(input);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw internals.invalidArgType("buffer", ["string", "Buffer", "TypedArray", "DataView", "ArrayBuffer"], input);
}

function toBuffer(out) {
  return internals.Buffer.from(out.buffer, out.byteOffset, out.length);
}

// pako throws strings or Errors with zlib's message; Node's error carries zlib's code.
function zlibError(error) {
  const message = typeof error === "string" ? error : (error && error.message) || "zlib error";
  const err = new Error(message);
  err.errno = -3;
  err.code = "Z_DATA_ERROR";
  return err;
}

function options(opts) {
  const out = {};
  if (opts && opts.level !== undefined) out.level = opts.level;
  if (opts && opts.windowBits !== undefined) out.windowBits = opts.windowBits;
  if (opts && opts.memLevel !== undefined) out.memLevel = opts.memLevel;
  if (opts && opts.strategy !== undefined) out.strategy = opts.strategy;
  return out;
}

function sync(method) {
  return (input, opts) => {
    const data = bytes(input);
    let out;
    try {
      out = engine()[method](data, options(opts));
    } catch (error) {
      throw zlibError(error);
    }
    // pako returns nothing for a stream that stops before its end; zlib says Z_BUF_ERROR.
    if (out === undefined) {
      const err = new Error("unexpected end of file");
      err.errno = -5;
      err.code = "Z_BUF_ERROR";
      throw err;
    }
    return toBuffer(out);
  };
}

const zlib = {
  deflateSync: sync("deflate"),
  inflateSync: sync("inflate"),
  deflateRawSync: sync("deflateRaw"),
  inflateRawSync: sync("inflateRaw"),
  gzipSync: sync("gzip"),
  gunzipSync: sync("ungzip"),
  // unzip: gzip or zlib, told apart by the header
  unzipSync(input, opts) {
    const data = bytes(input);
    return data[0] === 0x1f && data[1] === 0x8b ? zlib.gunzipSync(data, opts) : zlib.inflateSync(data, opts);
  },
  constants: {
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_OK: 0, Z_STREAM_END: 1,
    Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_BUF_ERROR: -5, Z_NO_COMPRESSION: 0,
    Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2,
    Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
  },
};

// The callback forms run the sync work and answer in a later microtask, as Node answers
// after its thread pool finished. Without a callback (Node throws ERR_INVALID_ARG_TYPE) they
// return a promise of the result instead: Segment's docs say "zlib's asynchronous methods
// inflate and deflate must be used with async or await", and this makes `await
// zlib.deflate(x)` do what those words promise; code that runs on Node is unaffected.
for (const name of ["deflate", "inflate", "deflateRaw", "inflateRaw", "gzip", "gunzip", "unzip"]) {
  zlib[name] = (input, opts, callback) => {
    if (typeof opts === "function") { callback = opts; opts = undefined; }
    if (callback !== undefined && typeof callback !== "function") throw internals.invalidArgType("callback", "function", callback);
    let result, error = null;
    try { result = zlib[name + "Sync"](input, opts); } catch (e) { error = e; }
    if (callback === undefined) return error === null ? Promise.resolve(result) : Promise.reject(error);
    queueMicrotask(() => callback(error, result));
    return undefined;
  };
}
for (const name of ["brotliCompressSync", "brotliDecompressSync", "brotliCompress", "brotliDecompress",
  "createGzip", "createGunzip", "createDeflate", "createInflate", "createBrotliCompress", "createBrotliDecompress"]) {
  zlib[name] = () => {
    throw new Error(`zlib.${name} is not supported by jshost (use the *Sync functions: deflate, inflate, gzip, gunzip, deflateRaw, inflateRaw, unzip)`);
  };
}
Object.assign(zlib, zlib.constants);

internals.node_zlib = zlib;
