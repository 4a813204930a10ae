// crypto: the part of Node's `crypto` module that Segment functions use, exposed
// as the global `crypto` (Segment docs: "crypto Node.js module exposed as crypto").
//
// JS cannot call Python, so everything here is pure, synchronous JavaScript:
//   - message digests MD5 (RFC 1321), SHA-1/224/256/384/512 (FIPS 180-4) and
//     HMAC (RFC 2104) behind createHash / createHmac / hash;
//   - randomness from a ChaCha20 generator (RFC 8439) reseeded from
//     `internals.state.entropy`, the 32 fresh random bytes the host hands in
//     with every invocation (see "Random bytes" below). Never Math.random;
//   - WebCrypto's getRandomValues / randomUUID / subtle.digest and HMAC keys;
//   - a clear "not supported by jshost" error for the rest of Node's API.
// Needs, from earlier files: encoding.js (internals.nodeErrors at load time; the
// byte/string codecs), buffer.js (internals.Buffer) and domexception.js
// (internals.DOMException), the last two used at call time.

const ObjectDefineProperty = Object.defineProperty;
const isView = ArrayBuffer.isView;
const MathMin = Math.min;

// ---------------------------------------------------------------------------
// Node-style errors: the shared helpers of encoding.js (internals.nodeErrors)
// ---------------------------------------------------------------------------

const { make: nodeError, invalidArgType, outOfRange, invalidArgValue } = internals.nodeErrors;
const DATA_TYPES = ["string", "Buffer", "TypedArray", "DataView"];

// Errors Node throws from C++ or its Web IDL layer: `code`, but no "[CODE]" in the text.
function codedError(Base, code, message) {
  const error = new Base(message);
  error.code = code;
  return error;
}

function hashFinalized() {
  return nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
}

function validateFunction(value, name) {
  if (typeof value !== "function") throw invalidArgType(name, "Function", value);
}

// A DOMException (domexception.js maps `name` to the legacy `code`).
function domException(message, name) {
  return new internals.DOMException(message, name);
}

// Node's API that jshost leaves out fails loudly, naming what was called.
function unsupported(name) {
  const error = new Error(`crypto.${name} is not supported by jshost`);
  error.code = "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM";
  return error;
}

// Calls `callback(...args)` in a microtask, as Node calls async crypto
// callbacks later, never synchronously; a throw is an uncaught exception.
function callLater(callback, ...args) {
  Promise.resolve().then(() => {
    try {
      callback(...args);
    } catch (error) {
      internals.uncaught(error);
    }
  });
}

// ---------------------------------------------------------------------------
// Bytes and encodings: the shared codecs of encoding.js, Buffer for the rare ones
// ---------------------------------------------------------------------------

// A Uint8Array over the same memory as any ArrayBufferView (no copy).
function viewBytes(view) {
  return view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

// Node's Buffer over `bytes` (no copy).
function toBuffer(bytes) {
  return internals.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

// Node's encoding names, case-insensitive (lib/internal/util.js normalizeEncoding).
function normalizeEncoding(encoding) {
  if (typeof encoding !== "string") return undefined;
  switch (encoding.length < 10 ? encoding.toLowerCase() : "") {
    case "utf8": case "utf-8": return "utf8";
    case "hex": return "hex";
    case "base64": return "base64";
    case "base64url": return "base64url";
    case "latin1": case "binary": return "latin1";
    case "ascii": return "ascii";
    case "ucs2": case "ucs-2": case "utf16le": case "utf-16le": return "utf16le";
    case "buffer": return "buffer";
    default: return undefined;
  }
}

// The bytes of a string in one of Node's encodings (unknown ones are UTF-8,
// as in Node's C++ ParseEncoding).
function stringBytes(string, encoding) {
  switch (normalizeEncoding(encoding)) {
    case "hex": {
      const bytes = new Uint8Array(string.length >>> 1);
      return bytes.subarray(0, internals.hexDecodeInto(string, bytes, 0, bytes.length));
    }
    case "base64": case "base64url": return internals.base64Decode(string);
    case "latin1": case "ascii": return internals.latin1Encode(string);
    case "utf16le": return internals.Buffer.from(string, "utf16le");
    default: return internals.utf8Encode(string);
  }
}

// A digest in an output encoding; no or an unknown encoding gives a Buffer
// (Node's C++ ParseEncoding falls back to BUFFER).
function encodeOutput(bytes, encoding) {
  const normalized = normalizeEncoding(encoding);
  switch (normalized) {
    case "hex": return internals.hexEncode(bytes, 0, bytes.length);
    case "base64": case "base64url": return internals.base64Encode(bytes, 0, bytes.length, normalized === "base64url");
    case "latin1": return internals.latin1Decode(bytes);
    case "utf8": case "ascii": case "utf16le": return toBuffer(bytes).toString(normalized);
    default: return toBuffer(bytes);
  }
}

// The bytes of `update` data: a string in `encoding`, or any ArrayBufferView.
function dataBytes(data, encoding, name) {
  if (typeof data === "string") return stringBytes(data, encoding);
  if (isView(data)) return viewBytes(data);
  throw invalidArgType(name, DATA_TYPES, data);
}

// ---------------------------------------------------------------------------
// Digest algorithms: block functions work on Int32 words read straight from a
// Uint8Array, several 64/128-byte blocks per call, with no allocation.
// ---------------------------------------------------------------------------

// FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots
// of the first 64 primes.
const K256 = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// FIPS 180-4 §4.2.3: first 64 bits of the same for the first 80 primes, as
// (high, low) 32-bit pairs.
const K512 = new Int32Array([
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc,
  0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118,
  0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
  0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694,
  0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3, 0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65,
  0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
  0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4,
  0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725, 0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70,
  0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b,
  0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30,
  0xd192e819, 0xd6ef5218, 0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
  0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8,
  0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb, 0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3,
  0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
  0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b,
  0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178,
  0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c,
  0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
]);

// RFC 1321 §3.4: T[i] = floor(2^32 * |sin(i + 1)|), and the per-step rotations.
const MD5_T = new Int32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
]);
const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

// Message schedule scratch, shared: block functions never re-enter. (Ch and
// Maj below use the equivalent forms with fewer operations: Ch = g ^ (e & (f ^ g)),
// Maj = (a & b) | (c & (a | b)).)
const SCHEDULE = new Int32Array(160);

// RFC 1321 §3.4. Words are little-endian.
function md5Blocks(H, p, off, end) {
  const T = MD5_T, W = SCHEDULE;
  while (off < end) {
    for (let i = 0; i < 16; i++, off += 4) W[i] = p[off] | (p[off + 1] << 8) | (p[off + 2] << 16) | (p[off + 3] << 24);
    let a = H[0], b = H[1], c = H[2], d = H[3], x, s;
    for (let i = 0; i < 16; i++) {  // round 1: F, message words in order
      x = (a + (d ^ (b & (c ^ d))) + T[i] + W[i]) | 0; s = MD5_S[i & 3];
      a = d; d = c; c = b; b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    for (let i = 16; i < 32; i++) {  // round 2: G, words 5i+1
      x = (a + (c ^ (d & (b ^ c))) + T[i] + W[(5 * i + 1) & 15]) | 0; s = MD5_S[4 + (i & 3)];
      a = d; d = c; c = b; b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    for (let i = 32; i < 48; i++) {  // round 3: H, words 3i+5
      x = (a + (b ^ c ^ d) + T[i] + W[(3 * i + 5) & 15]) | 0; s = MD5_S[8 + (i & 3)];
      a = d; d = c; c = b; b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    for (let i = 48; i < 64; i++) {  // round 4: I, words 7i
      x = (a + (c ^ (b | ~d)) + T[i] + W[(7 * i) & 15]) | 0; s = MD5_S[12 + (i & 3)];
      a = d; d = c; c = b; b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
  }
}

// FIPS 180-4 §6.1.2.
function sha1Blocks(H, p, off, end) {
  const W = SCHEDULE;  // a local: faster than a closure variable in QuickJS
  while (off < end) {
    for (let i = 0; i < 16; i++, off += 4) W[i] = (p[off] << 24) | (p[off + 1] << 16) | (p[off + 2] << 8) | p[off + 3];
    for (let i = 16; i < 80; i++) {
      const x = W[i - 3] ^ W[i - 8] ^ W[i - 14] ^ W[i - 16];
      W[i] = (x << 1) | (x >>> 31);
    }
    let a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], t;
    for (let i = 0; i < 20; i++) {
      t = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + W[i]) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    for (let i = 20; i < 40; i++) {
      t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + W[i]) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    for (let i = 40; i < 60; i++) {
      t = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e - 0x70e44324 + W[i]) | 0;  // K = 0x8f1bbcdc
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    for (let i = 60; i < 80; i++) {
      t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e - 0x359d3e2a + W[i]) | 0;  // K = 0xca62c1d6
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0; H[4] = (H[4] + e) | 0;
  }
}

// FIPS 180-4 §6.2.2 (SHA-256; SHA-224 differs only in H(0) and truncation).
function sha256Blocks(H, p, off, end) {
  const K = K256, W = SCHEDULE;
  while (off < end) {
    for (let i = 0; i < 16; i++, off += 4) W[i] = (p[off] << 24) | (p[off + 1] << 16) | (p[off + 2] << 8) | p[off + 3];
    for (let i = 16; i < 64; i++) {
      const x = W[i - 15], y = W[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
    }
    let a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
        (g ^ (e & (f ^ g))) + K[i] + W[i]) | 0;
      const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
        ((a & b) | (c & (a | b)))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
    H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
  }
}

// H[i], H[i + 1] += (hi, lo) as one 64-bit word.
function add64(H, i, hi, lo) {
  const sum = (H[i + 1] >>> 0) + (lo >>> 0);
  H[i] = (H[i] + hi + ((sum / 4294967296) | 0)) | 0;
  H[i + 1] = sum | 0;
}

// FIPS 180-4 §6.4.2 (SHA-512; SHA-384 differs in H(0) and truncation). 64-bit
// words are (high, low) pairs of Int32: BigInt would be far slower. A sum of
// low halves is formed exactly in a double, and its carry added to the highs.
function sha512Blocks(H, p, off, end) {
  const K = K512, W = SCHEDULE;
  while (off < end) {
    for (let i = 0; i < 32; i++, off += 4) W[i] = (p[off] << 24) | (p[off + 1] << 16) | (p[off + 2] << 8) | p[off + 3];
    for (let i = 32; i < 160; i += 2) {
      let xh = W[i - 30], xl = W[i - 29];  // σ0(W[t-15]) = ROTR1 ^ ROTR8 ^ SHR7
      const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
      const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
      xh = W[i - 4]; xl = W[i - 3];         // σ1(W[t-2]) = ROTR19 ^ ROTR61 ^ SHR6
      const s1h = ((xh >>> 19) | (xl << 13)) ^ ((xl >>> 29) | (xh << 3)) ^ (xh >>> 6);
      const s1l = ((xl >>> 19) | (xh << 13)) ^ ((xh >>> 29) | (xl << 3)) ^ ((xl >>> 6) | (xh << 26));
      const lo = (s0l >>> 0) + (s1l >>> 0) + (W[i - 13] >>> 0) + (W[i - 31] >>> 0);
      W[i] = (s0h + s1h + W[i - 14] + W[i - 32] + ((lo / 4294967296) | 0)) | 0;
      W[i + 1] = lo | 0;
    }
    let ah = H[0], al = H[1], bh = H[2], bl = H[3], ch = H[4], cl = H[5], dh = H[6], dl = H[7];
    let eh = H[8], el = H[9], fh = H[10], fl = H[11], gh = H[12], gl = H[13], hh = H[14], hl = H[15];
    for (let i = 0; i < 160; i += 2) {
      // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]; Σ1 = ROTR14 ^ ROTR18 ^ ROTR41
      const sh = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
      const sl = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
      let lo = (hl >>> 0) + (sl >>> 0) + ((gl ^ (el & (fl ^ gl))) >>> 0) + (K[i + 1] >>> 0) + (W[i + 1] >>> 0);
      const t1h = (hh + sh + (gh ^ (eh & (fh ^ gh))) + K[i] + W[i] + ((lo / 4294967296) | 0)) | 0;
      const t1l = lo | 0;
      // T2 = Σ0(a) + Maj(a, b, c); Σ0 = ROTR28 ^ ROTR34 ^ ROTR39
      const zh = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
      const zl = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
      lo = (zl >>> 0) + (((al & bl) | (cl & (al | bl))) >>> 0);
      const t2h = (zh + ((ah & bh) | (ch & (ah | bh))) + ((lo / 4294967296) | 0)) | 0;
      const t2l = lo | 0;
      hh = gh; hl = gl; gh = fh; gl = fl; fh = eh; fl = el;
      lo = (dl >>> 0) + (t1l >>> 0);
      eh = (dh + t1h + ((lo / 4294967296) | 0)) | 0; el = lo | 0;
      dh = ch; dl = cl; ch = bh; cl = bl; bh = ah; bl = al;
      lo = (t1l >>> 0) + (t2l >>> 0);
      ah = (t1h + t2h + ((lo / 4294967296) | 0)) | 0; al = lo | 0;
    }
    add64(H, 0, ah, al); add64(H, 2, bh, bl); add64(H, 4, ch, cl); add64(H, 6, dh, dl);
    add64(H, 8, eh, el); add64(H, 10, fh, fl); add64(H, 12, gh, gl); add64(H, 14, hh, hl);
  }
}

// name: Node's canonical name; iv: H(0). No prototype: "constructor" is no digest.
const ALGORITHMS = {
  __proto__: null,
  md5: { name: "md5", blockSize: 64, outLen: 16, blocks: md5Blocks, littleEndian: true,
    iv: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476] },  // RFC 1321 §3.3
  sha1: { name: "sha1", blockSize: 64, outLen: 20, blocks: sha1Blocks,
    iv: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0] },  // FIPS 180-4 §5.3.1
  sha224: { name: "sha224", blockSize: 64, outLen: 28, blocks: sha256Blocks,  // §5.3.2
    iv: [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4] },
  sha256: { name: "sha256", blockSize: 64, outLen: 32, blocks: sha256Blocks,  // §5.3.3
    iv: [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19] },
  sha384: { name: "sha384", blockSize: 128, outLen: 48, blocks: sha512Blocks,  // §5.3.4
    iv: [0xcbbb9d5d, 0xc1059ed8, 0x629a292a, 0x367cd507, 0x9159015a, 0x3070dd17, 0x152fecd8, 0xf70e5939,
      0x67332667, 0xffc00b31, 0x8eb44a87, 0x68581511, 0xdb0c2e0d, 0x64f98fa7, 0x47b5481d, 0xbefa4fa4] },
  sha512: { name: "sha512", blockSize: 128, outLen: 64, blocks: sha512Blocks,  // §5.3.5
    iv: [0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
      0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179] },
};
for (const alg of Object.values(ALGORITHMS)) alg.iv = new Int32Array(alg.iv);

// OpenSSL's names for these digests, case-insensitive: "SHA256", "sha-256",
// "RSA-SHA256", "sha256WithRSAEncryption", "ssl3-md5", ... -> the table entry.
function findAlgorithm(name) {
  const found = ALGORITHMS[name];  // fast path: "sha256", "md5", ...
  if (found !== undefined) return found;
  let key = String(name).toLowerCase();
  if (key.startsWith("rsa-")) key = key.slice(4);
  else if (key.startsWith("ssl3-")) key = key.slice(5);
  if (key.endsWith("withrsaencryption")) key = key.slice(0, -17);
  if (key === "sha1-2") key = "sha1";
  if (key.startsWith("sha-")) key = `sha${key.slice(4)}`;
  return ALGORITHMS[key];
}

// A running digest: chaining state H, a partial block, the byte count.
class Digest {
  constructor(alg, H, block, used, total) {
    this.alg = alg;
    this.H = H;
    this.block = block;
    this.used = used;    // bytes waiting in `block`
    this.total = total;  // bytes hashed so far
  }

  static start(alg) {
    return new Digest(alg, alg.iv.slice(), new Uint8Array(alg.blockSize), 0, 0);
  }

  clone() {
    return new Digest(this.alg, this.H.slice(), this.block.slice(), this.used, this.total);
  }

  update(bytes) {
    const size = this.alg.blockSize;
    const length = bytes.length;
    let offset = 0;
    this.total += length;
    if (this.used > 0) {
      offset = MathMin(size - this.used, length);
      this.block.set(offset === length ? bytes : bytes.subarray(0, offset), this.used);
      this.used += offset;
      if (this.used < size) return;
      this.alg.blocks(this.H, this.block, 0, size);
      this.used = 0;
    }
    const whole = offset + (length - offset) - ((length - offset) % size);
    if (whole > offset) this.alg.blocks(this.H, bytes, offset, whole);
    if (whole < length) {
      this.block.set(bytes.subarray(whole), 0);
      this.used = length - whole;
    }
  }

  // Merkle-Damgård padding (RFC 1321 §3.1-3.2, FIPS 180-4 §5.1): 0x80, zeros,
  // the bit length in the last 8 bytes (the top 8 of SHA-512's 16 stay zero).
  finish() {
    const { alg, block, H } = this;
    const size = alg.blockSize;
    let used = this.used;
    block[used++] = 0x80;
    if (used > size - (size === 128 ? 16 : 8)) {
      block.fill(0, used);
      alg.blocks(H, block, 0, size);
      used = 0;
    }
    block.fill(0, used);
    const bitsLow = (this.total * 8) >>> 0;            // exact: total < 2^53 / 8
    const bitsHigh = Math.floor(this.total / 0x20000000);
    if (alg.littleEndian) {
      for (let i = 0; i < 4; i++) {
        block[size - 8 + i] = bitsLow >>> (8 * i);
        block[size - 4 + i] = bitsHigh >>> (8 * i);
      }
    } else {
      for (let i = 0; i < 4; i++) {
        block[size - 1 - i] = bitsLow >>> (8 * i);
        block[size - 5 - i] = bitsHigh >>> (8 * i);
      }
    }
    alg.blocks(H, block, 0, size);
    const out = new Uint8Array(alg.outLen);
    for (let i = 0; i < out.length; i++) {
      out[i] = alg.littleEndian ? H[i >> 2] >>> (8 * (i & 3)) : H[i >> 2] >>> (24 - 8 * (i & 3));
    }
    return out;
  }
}

function digestOf(alg, bytes) {
  const digest = Digest.start(alg);
  digest.update(bytes);
  return digest.finish();
}

// HMAC (RFC 2104 §2): the inner and outer digests after their key pads; a
// message's HMAC continues copies of them.
class HmacKey {
  constructor(alg, key) {
    const size = alg.blockSize;
    if (key.length > size) key = digestOf(alg, key);
    const pad = new Uint8Array(size);
    pad.set(key);
    for (let i = 0; i < size; i++) pad[i] ^= 0x36;
    this.inner = Digest.start(alg);
    this.inner.update(pad);
    for (let i = 0; i < size; i++) pad[i] ^= 0x36 ^ 0x5c;
    this.outer = Digest.start(alg);
    this.outer.update(pad);
  }

  mac(bytes) {
    const inner = this.inner.clone();
    inner.update(bytes);
    return this.finishMac(inner);
  }

  finishMac(inner) {
    const outer = this.outer.clone();
    outer.update(inner.finish());
    return outer.finish();
  }
}

// ---------------------------------------------------------------------------
// Hash, Hmac, createHash, createHmac, hash (lib/internal/crypto/hash.js)
// ---------------------------------------------------------------------------

// Node's layout, which console.log shows: `_options`, an opaque native handle
// under Symbol(kHandle) that prints as `Hash {}` / `Hmac {}`, and
// Symbol(kState) = { Symbol(kFinalized): bool }. The running digest lives in
// the handle's private fields.
const kHandle = Symbol("kHandle");
const kState = Symbol("kState");
const kFinalized = Symbol("kFinalized");

const HashHandle = class Hash {
  #digest;
  constructor(digest) { this.#digest = digest; }
  get digest() { return this.#digest; }
  finish() { return this.#digest.finish(); }
};

const HmacHandle = class Hmac {
  #key;
  #inner;
  constructor(key) {
    this.#key = key;
    this.#inner = key.inner.clone();
  }
  get digest() { return this.#inner; }
  finish() { return this.#key.finishMac(this.#inner); }
};

function validateAlgorithmName(algorithm, name) {
  if (typeof algorithm !== "string") throw invalidArgType(name, "string", algorithm);
}

// Hash(algorithm[, options]) works with and without `new`, as in Node.
function Hash(algorithm, options) {
  if (!new.target) return new Hash(algorithm, options);
  let digest;
  if (algorithm instanceof Digest) {  // copy(): the running digest itself
    digest = algorithm;
  } else {
    validateAlgorithmName(algorithm, "algorithm");
    const alg = findAlgorithm(algorithm);
    if (alg === undefined) throw new Error("Digest method not supported");
    digest = Digest.start(alg);
  }
  this._options = options;
  this[kHandle] = new HashHandle(digest);
  this[kState] = { [kFinalized]: false };
}

// Node validates hex input length here (validateEncoding in hash.js).
function checkUpdateEncoding(data, encoding) {
  if (typeof data === "string" && data.length % 2 !== 0 && normalizeEncoding(encoding) === "hex") {
    throw invalidArgValue("encoding", encoding, `is invalid for data of length ${data.length}`);
  }
}

Hash.prototype.update = function update(data, encoding) {
  if (this[kState][kFinalized]) throw hashFinalized();
  checkUpdateEncoding(data, encoding);
  this[kHandle].digest.update(dataBytes(data, encoding, "data"));
  return this;
};

Hash.prototype.digest = function digest(outputEncoding) {
  if (this[kState][kFinalized]) throw hashFinalized();
  this[kState][kFinalized] = true;
  return encodeOutput(this[kHandle].finish(), outputEncoding);
};

Hash.prototype.copy = function copy(options) {
  if (this[kState][kFinalized]) throw hashFinalized();
  return new Hash(this[kHandle].digest.clone(), options);
};

// Hmac(algorithm, key[, options]): key checked before the digest name, as Node does.
function Hmac(algorithm, key, options) {
  if (!new.target) return new Hmac(algorithm, key, options);
  validateAlgorithmName(algorithm, "hmac");
  const keyBytes = secretKeyBytes(key, options && typeof options === "object" ? options.encoding : undefined);
  const alg = findAlgorithm(algorithm);
  if (alg === undefined) throw codedError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${algorithm}`);
  this._options = options;
  this[kHandle] = new HmacHandle(new HmacKey(alg, keyBytes));
  this[kState] = { [kFinalized]: false };
}

// A secret key as bytes: a string (in `encoding`, default UTF-8), any
// ArrayBufferView or ArrayBuffer, or a WebCrypto HMAC CryptoKey.
function secretKeyBytes(key, encoding) {
  if (typeof key === "string") return stringBytes(key, encoding);
  if (isView(key)) return viewBytes(key);
  if (key instanceof ArrayBuffer) return new Uint8Array(key);
  const bytes = cryptoKeyBytes(key);
  if (bytes !== undefined) return bytes;
  throw invalidArgType("key", ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView", "KeyObject", "CryptoKey"], key);
}

Hmac.prototype.update = Hash.prototype.update;

// A second digest() returns an empty result instead of throwing (Node's quirk:
// an empty Buffer, or its toString(encoding), which is "" for any encoding).
Hmac.prototype.digest = function digest(outputEncoding) {
  if (this[kState][kFinalized]) return (outputEncoding || "buffer") === "buffer" ? toBuffer(new Uint8Array(0)) : "";
  this[kState][kFinalized] = true;
  return encodeOutput(this[kHandle].finish(), outputEncoding);
};

// Node's Hash and Hmac are also Transform streams; jshost has no streams.
for (const Class of [Hash, Hmac]) {
  for (const method of ["write", "end", "read", "pipe", "on", "once", "setEncoding"]) {
    const stub = function () { throw unsupported(`${Class.name}.prototype.${method} (streams)`); };
    ObjectDefineProperty(stub, "name", { value: method });
    ObjectDefineProperty(Class.prototype, method, { value: stub, writable: true, configurable: true });
  }
}

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

function createHmac(algorithm, key, options) {
  return new Hmac(algorithm, key, options);
}

// crypto.hash(algorithm, data[, outputEncoding]): Node 20.12's one-shot digest.
function hash(algorithm, input, outputEncoding = "hex") {
  validateAlgorithmName(algorithm, "algorithm");
  if (typeof input !== "string" && !isView(input)) throw invalidArgType("input", DATA_TYPES, input);
  if (outputEncoding !== "buffer") {
    if (typeof outputEncoding !== "string") {
      throw invalidArgType("outputEncoding", "string", outputEncoding);
    }
    const normalized = normalizeEncoding(outputEncoding);
    if (normalized === undefined || normalized === "buffer") {
      throw invalidArgValue("outputEncoding", outputEncoding);
    }
  }
  const alg = findAlgorithm(algorithm);
  if (alg === undefined) throw new Error(`Digest method ${algorithm} is not supported`);
  return encodeOutput(digestOf(alg, typeof input === "string" ? internals.utf8Encode(input) : viewBytes(input)), outputEncoding);
}

function getHashes() {
  return ["RSA-MD5", "RSA-SHA1", "RSA-SHA1-2", "RSA-SHA224", "RSA-SHA256", "RSA-SHA384", "RSA-SHA512",
    "md5", "md5WithRSAEncryption", "sha1", "sha1WithRSAEncryption", "sha224", "sha224WithRSAEncryption",
    "sha256", "sha256WithRSAEncryption", "sha384", "sha384WithRSAEncryption", "sha512",
    "sha512WithRSAEncryption", "ssl3-md5", "ssl3-sha1"];
}

// ---------------------------------------------------------------------------
// Random bytes: a ChaCha20 generator with fast key erasure
// (https://blog.cr.yp.to/20170723-random.html; the arc4random design), reseeded
// as Fortuna does (key = SHA-256(key || seed)) whenever the host hands in new
// entropy, i.e. at the start of every invocation.
//
// While the user's top-level code runs, before the first invocation, the host
// has handed in no entropy yet (`internals.state.entropy` is ""): randomness
// drawn then is seeded only from the clock and a counter and is WEAK, i.e.
// predictable. Every invocation reseeds from 32 fresh bytes of os.urandom.
//
// Each refill computes 16 ChaCha20 blocks (RFC 8439 §2.3, nonce 0, counters
// 0..15) with the current key: the first 32 bytes become the next key, the
// other 992 are handed out in order and wiped as they are used, so output
// already handed out cannot be recovered from the state (backtracking resistance).
// ---------------------------------------------------------------------------

const POOL_SIZE = 1024;
const rng = {
  key: new Uint8Array(32),            // zeros until the first seed
  pool: new Uint8Array(POOL_SIZE),
  used: POOL_SIZE,                    // bytes of the pool already handed out
  words: new Int32Array(8),           // the key as little-endian words
  state: null,                        // the internals.state and entropy last seeded from
  entropy: null,
  weakSeeds: 0,
};

// One ChaCha20 block for (key words, counter, nonce 0) into out[off..off+64).
function chachaBlock(key, counter, out, off) {
  const s4 = key[0], s5 = key[1], s6 = key[2], s7 = key[3], s8 = key[4], s9 = key[5], s10 = key[6], s11 = key[7];
  // "expand 32-byte k" (RFC 8439 §2.3)
  let x0 = 0x61707865, x1 = 0x3320646e, x2 = 0x79622d32, x3 = 0x6b206574;
  let x4 = s4, x5 = s5, x6 = s6, x7 = s7, x8 = s8, x9 = s9, x10 = s10, x11 = s11;
  let x12 = counter, x13 = 0, x14 = 0, x15 = 0;
  for (let round = 0; round < 10; round++) {
    // Column rounds: QUARTERROUND(0,4,8,12) (1,5,9,13) (2,6,10,14) (3,7,11,15) (§2.1)
    x0 = (x0 + x4) | 0; x12 ^= x0; x12 = (x12 << 16) | (x12 >>> 16);
    x8 = (x8 + x12) | 0; x4 ^= x8; x4 = (x4 << 12) | (x4 >>> 20);
    x0 = (x0 + x4) | 0; x12 ^= x0; x12 = (x12 << 8) | (x12 >>> 24);
    x8 = (x8 + x12) | 0; x4 ^= x8; x4 = (x4 << 7) | (x4 >>> 25);
    x1 = (x1 + x5) | 0; x13 ^= x1; x13 = (x13 << 16) | (x13 >>> 16);
    x9 = (x9 + x13) | 0; x5 ^= x9; x5 = (x5 << 12) | (x5 >>> 20);
    x1 = (x1 + x5) | 0; x13 ^= x1; x13 = (x13 << 8) | (x13 >>> 24);
    x9 = (x9 + x13) | 0; x5 ^= x9; x5 = (x5 << 7) | (x5 >>> 25);
    x2 = (x2 + x6) | 0; x14 ^= x2; x14 = (x14 << 16) | (x14 >>> 16);
    x10 = (x10 + x14) | 0; x6 ^= x10; x6 = (x6 << 12) | (x6 >>> 20);
    x2 = (x2 + x6) | 0; x14 ^= x2; x14 = (x14 << 8) | (x14 >>> 24);
    x10 = (x10 + x14) | 0; x6 ^= x10; x6 = (x6 << 7) | (x6 >>> 25);
    x3 = (x3 + x7) | 0; x15 ^= x3; x15 = (x15 << 16) | (x15 >>> 16);
    x11 = (x11 + x15) | 0; x7 ^= x11; x7 = (x7 << 12) | (x7 >>> 20);
    x3 = (x3 + x7) | 0; x15 ^= x3; x15 = (x15 << 8) | (x15 >>> 24);
    x11 = (x11 + x15) | 0; x7 ^= x11; x7 = (x7 << 7) | (x7 >>> 25);
    // Diagonal rounds: QUARTERROUND(0,5,10,15) (1,6,11,12) (2,7,8,13) (3,4,9,14)
    x0 = (x0 + x5) | 0; x15 ^= x0; x15 = (x15 << 16) | (x15 >>> 16);
    x10 = (x10 + x15) | 0; x5 ^= x10; x5 = (x5 << 12) | (x5 >>> 20);
    x0 = (x0 + x5) | 0; x15 ^= x0; x15 = (x15 << 8) | (x15 >>> 24);
    x10 = (x10 + x15) | 0; x5 ^= x10; x5 = (x5 << 7) | (x5 >>> 25);
    x1 = (x1 + x6) | 0; x12 ^= x1; x12 = (x12 << 16) | (x12 >>> 16);
    x11 = (x11 + x12) | 0; x6 ^= x11; x6 = (x6 << 12) | (x6 >>> 20);
    x1 = (x1 + x6) | 0; x12 ^= x1; x12 = (x12 << 8) | (x12 >>> 24);
    x11 = (x11 + x12) | 0; x6 ^= x11; x6 = (x6 << 7) | (x6 >>> 25);
    x2 = (x2 + x7) | 0; x13 ^= x2; x13 = (x13 << 16) | (x13 >>> 16);
    x8 = (x8 + x13) | 0; x7 ^= x8; x7 = (x7 << 12) | (x7 >>> 20);
    x2 = (x2 + x7) | 0; x13 ^= x2; x13 = (x13 << 8) | (x13 >>> 24);
    x8 = (x8 + x13) | 0; x7 ^= x8; x7 = (x7 << 7) | (x7 >>> 25);
    x3 = (x3 + x4) | 0; x14 ^= x3; x14 = (x14 << 16) | (x14 >>> 16);
    x9 = (x9 + x14) | 0; x4 ^= x9; x4 = (x4 << 12) | (x4 >>> 20);
    x3 = (x3 + x4) | 0; x14 ^= x3; x14 = (x14 << 8) | (x14 >>> 24);
    x9 = (x9 + x14) | 0; x4 ^= x9; x4 = (x4 << 7) | (x4 >>> 25);
  }
  const words = [x0 + 0x61707865, x1 + 0x3320646e, x2 + 0x79622d32, x3 + 0x6b206574,
    x4 + s4, x5 + s5, x6 + s6, x7 + s7, x8 + s8, x9 + s9, x10 + s10, x11 + s11,
    x12 + counter, x13, x14, x15];
  for (let i = 0; i < 16; i++, off += 4) {
    const v = words[i];
    out[off] = v; out[off + 1] = v >>> 8; out[off + 2] = v >>> 16; out[off + 3] = v >>> 24;
  }
}

function reseed(seed) {
  const digest = Digest.start(ALGORITHMS.sha256);
  digest.update(rng.key);
  digest.update(seed);
  rng.key.set(digest.finish());
  rng.pool.fill(0);
  rng.used = POOL_SIZE;
}

// Reseeds when the host has handed in new entropy (a new invocation).
function checkSeed() {
  const state = internals.state;
  const entropy = state.entropy;
  if (state === rng.state && entropy === rng.entropy) return;
  rng.state = state;
  rng.entropy = entropy;
  let seed = typeof entropy === "string" ? stringBytes(entropy, "hex") : new Uint8Array(0);
  if (seed.length < 16) seed = internals.utf8Encode(`jshost weak seed ${Date.now()} ${++rng.weakSeeds}`);
  reseed(seed);
}

function refill() {
  const { key, pool, words } = rng;
  for (let i = 0; i < 8; i++) words[i] = key[4 * i] | (key[4 * i + 1] << 8) | (key[4 * i + 2] << 16) | (key[4 * i + 3] << 24);
  for (let block = 0; block < POOL_SIZE / 64; block++) chachaBlock(words, block, pool, 64 * block);
  key.set(pool.subarray(0, 32));
  pool.fill(0, 0, 32);
  rng.used = 32;
}

// Fills a Uint8Array with random bytes.
function fillRandom(bytes) {
  checkSeed();
  const pool = rng.pool;
  let off = 0;
  while (off < bytes.length) {
    if (rng.used === POOL_SIZE) refill();
    const start = rng.used;
    const n = MathMin(POOL_SIZE - start, bytes.length - off);
    bytes.set(n === POOL_SIZE - start ? pool.subarray(start) : pool.subarray(start, start + n), off);
    pool.fill(0, start, start + n);
    rng.used = start + n;
    off += n;
  }
  return bytes;
}

// ---------------------------------------------------------------------------
// randomBytes, randomFill(Sync), randomInt, randomUUID, getRandomValues
// (lib/internal/crypto/random.js)
// ---------------------------------------------------------------------------

const kMaxLength = 2 ** 31 - 1;  // Node's kMaxPossibleLength on 64-bit builds

function validateNumber(value, name) {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
}

function assertOffset(offset, elementSize, length) {
  validateNumber(offset, "offset");
  offset *= elementSize;
  const max = MathMin(length, kMaxLength);
  if (Number.isNaN(offset) || offset > max || offset < 0) throw outOfRange("offset", `>= 0 && <= ${max}`, offset);
  return offset >>> 0;
}

function assertSize(size, elementSize, offset, length) {
  validateNumber(size, "size");
  size *= elementSize;
  if (Number.isNaN(size) || size > kMaxLength || size < 0) throw outOfRange("size", `>= 0 && <= ${kMaxLength}`, size);
  if (size + offset > length) throw outOfRange("size + offset", `<= ${length}`, size + offset);
  return size >>> 0;
}

function randomBytes(size, callback) {
  size = assertSize(size, 1, 0, Infinity);
  if (callback !== undefined) validateFunction(callback, "callback");
  const bytes = toBuffer(fillRandom(new Uint8Array(size)));
  if (callback === undefined) return bytes;
  callLater(callback, null, bytes);
}

function checkFillTarget(buffer) {
  if (!(buffer instanceof ArrayBuffer) && !isView(buffer)) {
    throw invalidArgType("buf", ["ArrayBuffer", "ArrayBufferView"], buffer);
  }
}

// The bytes [offset, offset + size) of an ArrayBuffer or view, as a Uint8Array.
function byteRange(buffer, offset, size) {
  return isView(buffer) ? new Uint8Array(buffer.buffer, buffer.byteOffset + offset, size) : new Uint8Array(buffer, offset, size);
}

function randomFillSync(buffer, offset = 0, size) {
  checkFillTarget(buffer);
  const elementSize = buffer.BYTES_PER_ELEMENT || 1;
  offset = assertOffset(offset, elementSize, buffer.byteLength);
  size = size === undefined ? buffer.byteLength - offset : assertSize(size, elementSize, offset, buffer.byteLength);
  fillRandom(byteRange(buffer, offset, size));
  return buffer;
}

function randomFill(buffer, offset, size, callback) {
  checkFillTarget(buffer);
  const elementSize = buffer.BYTES_PER_ELEMENT || 1;
  if (typeof offset === "function") {
    callback = offset;
    offset = 0;
    size = buffer.byteLength;
  } else if (typeof size === "function") {
    callback = size;
    offset = assertOffset(offset, elementSize, buffer.byteLength);
    size = buffer.byteLength - offset;
  } else {
    validateFunction(callback, "callback");
    offset = assertOffset(offset, elementSize, buffer.byteLength);
    size = size === undefined ? buffer.byteLength - offset : assertSize(size, elementSize, offset, buffer.byteLength);
  }
  fillRandom(byteRange(buffer, offset, size));
  callLater(callback, null, buffer);
}

// Largest range randomInt draws from: 48-bit values, as in Node.
const RAND_MAX = 0xffffffffffff;
const randomIntBytes = new Uint8Array(6);

// randomInt([min, ]max[, callback]): uniform in [min, max), by rejection
// sampling of 48-bit values so that no residue is favoured.
function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === "undefined" || typeof max === "function";
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === "undefined";
  if (!isSync) validateFunction(callback, "callback");
  if (!Number.isSafeInteger(min)) throw invalidArgType("min", "a safe integer", min);
  if (!Number.isSafeInteger(max)) throw invalidArgType("max", "a safe integer", max);
  if (max <= min) throw outOfRange("max", `greater than the value of "min" (${min})`, max);
  const range = max - min;
  if (!(range <= RAND_MAX)) throw outOfRange(`max${minNotSpecified ? "" : " - min"}`, `<= ${RAND_MAX}`, range);
  const limit = RAND_MAX - (RAND_MAX % range);
  const b = randomIntBytes;
  let n;
  for (;;) {
    fillRandom(b);
    const x = (b[0] * 0x10000 + (b[1] << 8 | b[2])) * 0x1000000 + (b[3] << 16 | b[4] << 8 | b[5]);
    if (x < limit) {
      n = (x % range) + min;
      break;
    }
  }
  if (isSync) return n;
  callLater(callback, null, n);
}

// RFC 9562 §5.4: 122 random bits, version 4, variant 0b10.
function randomUUID(options) {
  if (options !== undefined) {
    if (options === null || typeof options !== "object") throw invalidArgType("options", "Object", options);
    const disable = options.disableEntropyCache;
    if (disable !== undefined && typeof disable !== "boolean") {
      throw invalidArgType("options.disableEntropyCache", "boolean", disable);
    }
  }
  const b = fillRandom(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = internals.hexEncode(b, 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// https://w3c.github.io/webcrypto/#Crypto-method-getRandomValues
function getRandomValues(array) {
  if (!isView(array) || array instanceof DataView || array instanceof Float32Array || array instanceof Float64Array) {
    throw domException("The data argument must be an integer-type TypedArray", "TypeMismatchError");
  }
  if (array.byteLength > 65536) throw domException("The requested length exceeds 65,536 bytes", "QuotaExceededError");
  fillRandom(viewBytes(array));
  return array;
}

// Compares in time that depends only on the length (the point of the API).
function timingSafeEqual(buf1, buf2) {
  const a = bufferSource(buf1), b = bufferSource(buf2);
  if (a === null || b === null) {
    const error = new TypeError(`The "${a === null ? "buf1" : "buf2"}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
    error.code = "ERR_INVALID_ARG_TYPE";
    throw error;
  }
  if (a.length !== b.length) {
    const error = new RangeError("Input buffers must have the same byte length");
    error.code = "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH";
    throw error;
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

// The bytes of a BufferSource (ArrayBuffer or view), or null.
function bufferSource(value) {
  if (isView(value)) return viewBytes(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return null;
}

// ---------------------------------------------------------------------------
// WebCrypto: SubtleCrypto.digest and HMAC keys (https://w3c.github.io/webcrypto/)
// ---------------------------------------------------------------------------

const kConstruct = Symbol("kConstruct");
let cryptoKeyBytes;  // (value) -> the secret bytes of a CryptoKey, else undefined

// https://w3c.github.io/webcrypto/#cryptokey-interface (secret HMAC keys only).
// The secret is in a private field: console.log and property walks never see it.
class CryptoKey {
  #bytes;
  #algorithm;
  #extractable;
  #usages;

  constructor(token, bytes, algorithm, extractable, usages) {
    if (token !== kConstruct) throw new TypeError("Illegal constructor");
    this.#bytes = bytes;
    this.#algorithm = algorithm;
    this.#extractable = extractable;
    this.#usages = usages;
  }

  static {
    cryptoKeyBytes = (value) => (value !== null && typeof value === "object" && #bytes in value ? value.#bytes : undefined);
  }

  get type() { return "secret"; }
  get extractable() { return this.#extractable; }
  get algorithm() { return this.#algorithm; }
  get usages() { return this.#usages; }
  get [Symbol.toStringTag]() { return "CryptoKey"; }

  // As Node prints a CryptoKey (lib/internal/crypto/keys.js).
  [Symbol.for("nodejs.util.inspect.custom")](depth, options, inspect) {
    if (depth < 0) return this;
    const fields = { type: this.type, extractable: this.extractable, algorithm: this.algorithm, usages: this.usages };
    return `CryptoKey ${inspect(fields, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

function webIdlTypeError(method, message) {
  return codedError(TypeError, "ERR_INVALID_ARG_TYPE", `Failed to execute '${method}' on 'SubtleCrypto': ${message}`);
}

function requireArgs(method, count, given) {
  if (given < count) {
    throw codedError(TypeError, "ERR_MISSING_ARGS",
      `Failed to execute '${method}' on 'SubtleCrypto': ${count} arguments required, but only ${given} present.`);
  }
}

function bufferSourceArg(method, value, position) {
  const bytes = bufferSource(value);
  if (bytes === null) {
    throw webIdlTypeError(method, `${position} argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
  }
  return bytes;
}

// https://w3c.github.io/webcrypto/#algorithm-normalization-normalize-an-algorithm
// `names` maps upper-cased registered names of the operation to their spelling.
function normalizeAlgorithm(algorithm, names, dictionary) {
  if (algorithm === null || typeof algorithm !== "object") algorithm = { name: String(algorithm) };  // a DOMString
  if (algorithm.name === undefined) {
    throw codedError(TypeError, "ERR_MISSING_OPTION", "Failed to normalize algorithm: passed algorithm can not be " +
      `converted to '${dictionary}' because 'name' is required in '${dictionary}'.`);
  }
  const name = names[String(algorithm.name).toUpperCase()];
  if (name === undefined) throw domException("Unrecognized algorithm name", "NotSupportedError");
  return { algorithm, name };
}

const DIGESTS = { "SHA-1": "SHA-1", "SHA-256": "SHA-256", "SHA-384": "SHA-384", "SHA-512": "SHA-512" };
const HMAC_ONLY = { HMAC: "HMAC" };
// Names WebCrypto defines for sign/verify that jshost lacks: a key mismatch, not "unrecognized".
const SIGNERS = { HMAC: "HMAC", "RSASSA-PKCS1-V1_5": "RSASSA-PKCS1-v1_5", "RSA-PSS": "RSA-PSS", ECDSA: "ECDSA", ED25519: "Ed25519" };

function digestAlgorithm(algorithm) {
  return findAlgorithm(normalizeAlgorithm(algorithm, DIGESTS, "Algorithm").name);
}

function copyToArrayBuffer(bytes) {
  return bytes.slice().buffer;
}

function checkKey(method, key, name, usage) {
  if (cryptoKeyBytes(key) === undefined) throw webIdlTypeError(method, "2nd argument is not of type CryptoKey.");
  if (key.algorithm.name !== name || !key.usages.includes(usage)) {
    throw domException(`Unable to use this key to ${usage}`, "InvalidAccessError");
  }
}

function hmacOf(key, data) {
  const alg = findAlgorithm(key.algorithm.hash.name);
  return new HmacKey(alg, cryptoKeyBytes(key)).mac(data);
}

// https://w3c.github.io/webcrypto/#subtlecrypto-interface
class SubtleCrypto {
  async digest(algorithm, data) {
    requireArgs("digest", 2, arguments.length);
    const alg = digestAlgorithm(algorithm);
    return copyToArrayBuffer(digestOf(alg, bufferSourceArg("digest", data, "2nd")));
  }

  // https://w3c.github.io/webcrypto/#hmac-operations "import key" (raw format)
  async importKey(format, keyData, algorithm, extractable, keyUsages) {
    requireArgs("importKey", 5, arguments.length);
    const { algorithm: params, name } = normalizeAlgorithm(algorithm, HMAC_ONLY, "Algorithm");
    if (params.hash === undefined) {
      throw codedError(TypeError, "ERR_MISSING_OPTION", "Failed to normalize algorithm: passed algorithm can not be " +
        "converted to 'HmacImportParams' because 'hash' is required in 'HmacImportParams'.");
    }
    const hashName = normalizeAlgorithm(params.hash, DIGESTS, "Algorithm").name;
    if (format !== "raw") throw unsupported(`subtle.importKey with format '${format}'`);
    const bytes = bufferSourceArg("importKey", keyData, "2nd").slice();
    const usages = Array.from(keyUsages);
    if (usages.some((usage) => usage !== "sign" && usage !== "verify")) {
      throw domException("Unsupported key usage for an HMAC key", "SyntaxError");
    }
    if (bytes.length === 0) throw domException("Zero-length key is not supported", "DataError");
    if (params.length !== undefined && params.length !== bytes.length * 8) throw domException("Invalid key length", "DataError");
    if (usages.length === 0) throw domException("Usages cannot be empty when importing a secret key.", "SyntaxError");
    return new CryptoKey(kConstruct, bytes, { name, hash: { name: hashName }, length: bytes.length * 8 },
      Boolean(extractable), usages);
  }

  async exportKey(format, key) {
    requireArgs("exportKey", 2, arguments.length);
    if (cryptoKeyBytes(key) === undefined) throw webIdlTypeError("exportKey", "2nd argument is not of type CryptoKey.");
    if (format !== "raw") throw unsupported(`subtle.exportKey with format '${format}'`);
    if (!key.extractable) throw domException("key is not extractable", "InvalidAccessException");
    return copyToArrayBuffer(cryptoKeyBytes(key));
  }

  async sign(algorithm, key, data) {
    requireArgs("sign", 3, arguments.length);
    const { name } = normalizeAlgorithm(algorithm, SIGNERS, "Algorithm");
    checkKey("sign", key, name, "sign");
    return copyToArrayBuffer(hmacOf(key, bufferSourceArg("sign", data, "3rd")));
  }

  // https://w3c.github.io/webcrypto/#hmac-operations "verify": compares in constant time.
  async verify(algorithm, key, signature, data) {
    requireArgs("verify", 4, arguments.length);
    const { name } = normalizeAlgorithm(algorithm, SIGNERS, "Algorithm");
    checkKey("verify", key, name, "verify");
    const expected = bufferSourceArg("verify", signature, "3rd");
    const actual = hmacOf(key, bufferSourceArg("verify", data, "4th"));
    if (expected.length !== actual.length) return false;
    let diff = 0;
    for (let i = 0; i < actual.length; i++) diff |= actual[i] ^ expected[i];
    return diff === 0;
  }
}

for (const method of ["encrypt", "decrypt", "generateKey", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"]) {
  ObjectDefineProperty(SubtleCrypto.prototype, method, {
    value: { async [method]() { throw unsupported(`subtle.${method}`); } }[method],
    writable: true, enumerable: false, configurable: true,
  });
}

const subtle = new SubtleCrypto();

// https://w3c.github.io/webcrypto/#crypto-interface
class Crypto {
  get subtle() { return subtle; }
  getRandomValues(array) { return getRandomValues(array); }
  randomUUID() { return randomUUID(); }
  get [Symbol.toStringTag]() { return "Crypto"; }
}
const webcrypto = new Crypto();

// ---------------------------------------------------------------------------
// The module
// ---------------------------------------------------------------------------

// Node's constants that user code may name (padding and point formats).
const constants = {
  RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_X931_PADDING: 5,
  RSA_PKCS1_PSS_PADDING: 6, RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
  POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6,
};

const crypto = {
  createHash, createHmac, hash, getHashes, Hash, Hmac,
  randomBytes, randomFill, randomFillSync, randomInt, randomUUID, getRandomValues, timingSafeEqual,
  webcrypto, subtle, constants,
  getCiphers: () => [],
  getCurves: () => [],
  getFips: () => 0,
};

// The rest of Node's crypto API: present, so that code fails with a message
// saying what jshost lacks instead of "not a function".
const UNSUPPORTED = [
  "checkPrime", "checkPrimeSync", "createCipheriv", "createDecipheriv", "createDiffieHellman",
  "createDiffieHellmanGroup", "createECDH", "createPrivateKey", "createPublicKey", "createSecretKey",
  "createSign", "createVerify", "diffieHellman", "generatePrime", "generatePrimeSync", "getCipherInfo",
  "getDiffieHellman", "hkdf", "hkdfSync", "pbkdf2", "pbkdf2Sync", "generateKeyPair", "generateKeyPairSync",
  "generateKey", "generateKeySync", "privateDecrypt", "privateEncrypt", "publicDecrypt", "publicEncrypt",
  "scrypt", "scryptSync", "sign", "setEngine", "verify", "setFips", "secureHeapUsed",
  "Certificate", "Cipher", "Cipheriv", "Decipher", "Decipheriv", "DiffieHellman", "DiffieHellmanGroup",
  "ECDH", "KeyObject", "Sign", "Verify", "X509Certificate",
];
for (const name of UNSUPPORTED) {
  const stub = function () { throw unsupported(name); };  // a function: `new crypto.KeyObject()` throws this too
  ObjectDefineProperty(stub, "name", { value: name });
  crypto[name] = stub;
}

internals.crypto = crypto;
internals.CryptoKey = CryptoKey;
internals.defineGlobal("crypto", crypto);
