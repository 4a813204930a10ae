// Buffer, as Node 20's `buffer` module defines it (https://nodejs.org/docs/latest-v20.x/api/buffer.html).
//
// A Buffer is a Uint8Array whose prototype carries Node's methods: instances are
// made by `FastBuffer` (a plain Uint8Array subclass) whose prototype *is*
// Buffer.prototype, and `Buffer` itself is an ordinary function, so that
// `Buffer(...)`, `new Buffer(...)` and the typed-array species machinery
// (`buf.map`, `Uint8Array.prototype.slice.call(buf)`) all land in the same place,
// as in Node. Argument checks, their order and the error codes and messages are
// Node 20's: user code branches on `err.code` and logs `err.message`.
//
// Small buffers share an 8 KiB pool as in Node (`buf.byteOffset` and
// `buf.buffer.byteLength` are what Node reports). The codecs are in encoding.js.

const {
  utf8Encode, utf8Decode, utf8Write, utf8ByteLength, latin1Decode,
  base64Encode, base64Decode, base64ByteLength, hexEncode, hexDecodeInto,
} = internals;
const { make: nodeError, invalidArgType, outOfRange } = internals.nodeErrors;

const kMaxLength = 2 ** 32;          // Node 20 on 64-bit: buffer.constants.MAX_LENGTH
const kStringMaxLength = 536870888;  // V8's String::kMaxLength: buffer.constants.MAX_STRING_LENGTH
let INSPECT_MAX_BYTES = 50;

const uncurry = (fn) => Function.prototype.call.bind(fn);
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const TypedArrayTag = uncurry(Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get);
const TypedArraySet = uncurry(TypedArrayPrototype.set);
const TypedArrayFill = uncurry(TypedArrayPrototype.fill);
const TypedArrayIndexOf = uncurry(TypedArrayPrototype.indexOf);
const TypedArrayLastIndexOf = uncurry(TypedArrayPrototype.lastIndexOf);
const TypedArraySubarray = uncurry(TypedArrayPrototype.subarray);
const ArrayBufferByteLength = uncurry(Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get);
const SharedArrayBufferByteLength = typeof SharedArrayBuffer === "function"
  ? uncurry(Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get) : null;
const StringPrototypeCharCodeAt = uncurry(String.prototype.charCodeAt);
const FromCharCodeApply = (units) => Reflect.apply(String.fromCharCode, null, units);

const isUint8Array = (value) => TypedArrayTag(value) === "Uint8Array";
const isTypedArray = (value) => TypedArrayTag(value) !== undefined;

function isAnyArrayBuffer(value) {
  if (value === null || typeof value !== "object") return false;
  try { ArrayBufferByteLength(value); return true; } catch { /* not an ArrayBuffer */ }
  if (SharedArrayBufferByteLength === null) return false;
  try { SharedArrayBufferByteLength(value); return true; } catch { return false; }
}

// ---------------------------------------------------------------------------
// Errors and validators (lib/internal/validators.js, lib/internal/buffer.js)
// ---------------------------------------------------------------------------

// Node formats this message with util.format's %s ([] prints as "[]", -0 as "-0").
const unknownEncoding = (encoding) => nodeError(TypeError, "ERR_UNKNOWN_ENCODING",
  typeof internals.format === "function" ? internals.format("Unknown encoding: %s", encoding) : `Unknown encoding: ${String(encoding)}`);
const bufferOutOfBounds = (name) => nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS",
  name ? `"${name}" is outside of buffer bounds` : "Attempt to access memory outside buffer bounds");

// Errors Node's C++ binding throws: a plain error with a `code` property (their
// name and stack carry no "[CODE]").
function bindingError(Base, code, message) {
  const error = new Base(message);
  error.code = code;
  return error;
}
const indexOutOfRange = () => bindingError(RangeError, "ERR_OUT_OF_RANGE", "Index out of range");
const notAString = () => bindingError(TypeError, "ERR_INVALID_ARG_TYPE", "argument must be a string");

function validateNumber(value, name, min, max) {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
  if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && value !== value)) {
    const range = `${min != null ? `>= ${min}` : ""}${min != null && max != null ? " && " : ""}${max != null ? `<= ${max}` : ""}`;
    throw outOfRange(name, range, value);
  }
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
  if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

function validateOffset(value, name, min = 0, max = kMaxLength) {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
  if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

// The error for a read/write offset (or byteLength) that fell outside the buffer.
function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type);
    throw outOfRange(type || "offset", "an integer", value);
  }
  if (length < 0) throw bufferOutOfBounds();
  throw outOfRange(type || "offset", `>= ${type ? 1 : 0} and <= ${length}`, value);
}

// Node's C++ ParseArrayIndex: undefined -> default, else ToInteger, negative is
// "Index out of range".
function parseArrayIndex(value, defaultValue) {
  if (value === undefined) return defaultValue;
  let n = Math.trunc(+value);
  if (n !== n) n = 0;
  if (n < 0) throw indexOutOfRange();
  return n;
}

// ---------------------------------------------------------------------------
// Buffer, FastBuffer and the allocation pool
// ---------------------------------------------------------------------------

class FastBuffer extends Uint8Array {}

let poolSize = 0;
let poolOffset = 0;
let allocPool = null;  // created on first use: most invocations never need it

function createPool() {
  poolSize = Buffer.poolSize;
  allocPool = new ArrayBuffer(poolSize);
  poolOffset = 0;
}

// Keeps pooled slices 8-byte aligned.
function alignPool() {
  if (poolOffset & 0x7) {
    poolOffset |= 0x7;
    poolOffset++;
  }
}

// A pooled slice of `size` bytes, or an own ArrayBuffer for big sizes.
function allocate(size) {
  if (size <= 0) return new FastBuffer();
  if (size < (Buffer.poolSize >>> 1)) {
    if (allocPool === null || size > poolSize - poolOffset) createPool();
    const b = new FastBuffer(allocPool, poolOffset, size);
    poolOffset += size;
    alignPool();
    return b;
  }
  return new FastBuffer(size);
}

// The deprecated constructor form, `Buffer(arg)` / `new Buffer(arg)` (DEP0005).
function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === "number") {
    if (typeof encodingOrOffset === "string") throw invalidArgType("string", "string", arg);
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

Object.defineProperty(Buffer, "name", { value: "Buffer" });
FastBuffer.prototype.constructor = Buffer;
Buffer.prototype = FastBuffer.prototype;
Object.setPrototypeOf(Buffer, Uint8Array);

Buffer.poolSize = 8 * 1024;

// Typed-array methods that make a new array (map, filter, slice via
// %TypedArray%) build a FastBuffer directly, as in Node.
Object.defineProperty(Buffer, Symbol.species, {
  get() { return FastBuffer; },
  enumerable: false,
  configurable: true,
});

// ---------------------------------------------------------------------------
// Encodings: https://nodejs.org/docs/latest-v20.x/api/buffer.html#buffers-and-character-encodings
// ---------------------------------------------------------------------------

function asciiSliceImpl(buf, start, end) {
  const text = latin1Decode(buf, start, end);
  return /[\x80-\xff]/.test(text) ? text.replace(/[\x80-\xff]/g, (c) => String.fromCharCode(c.charCodeAt(0) & 0x7f)) : text;
}

// UTF-16LE code units; an odd last byte is dropped, lone surrogates are kept.
function ucs2SliceImpl(buf, start, end) {
  const count = (end - start) >>> 1;
  if (count === 0) return "";
  const units = new Uint16Array(count);
  for (let i = 0, j = start; i < count; i++, j += 2) units[i] = buf[j] | (buf[j + 1] << 8);
  let out = "";
  for (let i = 0; i < count; i += 8192) out += FromCharCodeApply(TypedArraySubarray(units, i, Math.min(i + 8192, count)));
  return out;
}

// The low byte of each code unit (Node's latin1/ascii write).
function latin1WriteImpl(buf, string, offset, max) {
  const n = Math.min(string.length, max);
  for (let i = 0; i < n; i++) buf[offset + i] = StringPrototypeCharCodeAt(string, i);
  return n;
}

function ucs2WriteImpl(buf, string, offset, max) {
  const n = Math.min(string.length, max >>> 1);
  for (let i = 0; i < n; i++) {
    const c = StringPrototypeCharCodeAt(string, i);
    buf[offset + 2 * i] = c;
    buf[offset + 2 * i + 1] = c >>> 8;
  }
  return n * 2;
}

// UTF-8 into buf[offset, offset + max), never splitting a character.
function utf8WriteImpl(buf, string, offset, max) {
  if (string.length <= 64) return utf8Write(string, buf, offset, offset + max)[1];
  const bytes = utf8Encode(string);
  let n = bytes.length;
  if (n > max) {
    n = max;
    while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;  // back to the start of the cut character
  }
  TypedArraySet(buf, n === bytes.length ? bytes : TypedArraySubarray(bytes, 0, n), offset);
  return n;
}

function base64WriteImpl(buf, string, offset, max) {
  const bytes = base64Decode(string);
  const n = Math.min(bytes.length, max);
  TypedArraySet(buf, n === bytes.length ? bytes : TypedArraySubarray(bytes, 0, n), offset);
  return n;
}

// indexOf for encodings whose string needles Node decodes into a (pooled)
// Buffer first; called as `ops.indexOf(...)`, so `this` is the encoding.
function indexOfEncoded(buf, val, byteOffset, dir) {
  return indexOfBytes(buf, fromStringFast(val, this), byteOffset, dir, false);
}

const utf8Ops = {
  name: "utf8",
  byteLength: utf8ByteLength,
  write: utf8WriteImpl,
  slice: utf8Decode,
  indexOf: (buf, val, byteOffset, dir) => indexOfBytes(buf, utf8Encode(val), byteOffset, dir, false),
};
const ucs2Ops = {
  name: "utf16le",
  byteLength: (string) => string.length * 2,
  write: ucs2WriteImpl,
  slice: ucs2SliceImpl,
  indexOf: (buf, val, byteOffset, dir) => indexOfUcs2String(buf, val, byteOffset, dir),
};
const latin1Ops = {
  name: "latin1",
  byteLength: (string) => string.length,
  write: latin1WriteImpl,
  slice: latin1Decode,
  indexOf: (buf, val, byteOffset, dir) => {
    const needle = new Uint8Array(val.length);
    latin1WriteImpl(needle, val, 0, val.length);
    return indexOfBytes(buf, needle, byteOffset, dir, false);
  },
};
const asciiOps = {
  name: "ascii",
  byteLength: (string) => string.length,
  write: latin1WriteImpl,
  slice: asciiSliceImpl,
  indexOf: indexOfEncoded,
};
const base64Ops = {
  name: "base64",
  byteLength: base64ByteLength,
  write: base64WriteImpl,
  slice: (buf, start, end) => base64Encode(buf, start, end, false),
  indexOf: indexOfEncoded,
};
const base64urlOps = {
  name: "base64url",
  byteLength: base64ByteLength,
  write: base64WriteImpl,
  slice: (buf, start, end) => base64Encode(buf, start, end, true),
  indexOf: indexOfEncoded,
};
const hexOps = {
  name: "hex",
  byteLength: (string) => string.length >>> 1,
  write: (buf, string, offset, max) => hexDecodeInto(string, buf, offset, max),
  slice: hexEncode,
  indexOf: indexOfEncoded,
};

const ENCODING_OPS = {
  __proto__: null,
  "utf8": utf8Ops, "utf-8": utf8Ops,
  "ucs2": ucs2Ops, "ucs-2": ucs2Ops, "utf16le": ucs2Ops, "utf-16le": ucs2Ops,
  "latin1": latin1Ops, "binary": latin1Ops,
  "base64": base64Ops, "base64url": base64urlOps,
  "hex": hexOps,
  "ascii": asciiOps,
};

// Node's getEncodingOps: the name is stringified, then matched as is or lower-cased.
function getEncodingOps(encoding) {
  encoding = `${encoding}`;
  return ENCODING_OPS[encoding] || ENCODING_OPS[encoding.toLowerCase()];
}

// Node's normalizeEncoding: undefined/null and "" mean utf8; unknown -> undefined.
function normalizeEncoding(encoding) {
  if (encoding == null || encoding === "utf8" || encoding === "utf-8" || encoding === "") return "utf8";
  if (typeof encoding !== "string") return undefined;
  const ops = ENCODING_OPS[encoding] || ENCODING_OPS[encoding.toLowerCase()];
  return ops === undefined ? undefined : ops.name;
}

// ---------------------------------------------------------------------------
// Buffer.from and the static methods
// ---------------------------------------------------------------------------

function fromStringFast(string, ops) {
  // Long UTF-8 is encoded once (natively) rather than measured, then written.
  const encoded = ops === utf8Ops && string.length > 32 ? utf8Encode(string) : null;
  const length = encoded !== null ? encoded.length : ops.byteLength(string);
  if (length >= (Buffer.poolSize >>> 1)) {
    if (encoded !== null) return new FastBuffer(encoded.buffer, encoded.byteOffset, length);
    const b = new FastBuffer(length);
    const actual = ops.write(b, string, 0, length);
    return actual === length ? b : new FastBuffer(b.buffer, 0, actual);
  }
  if (allocPool === null || length > poolSize - poolOffset) createPool();
  let b = new FastBuffer(allocPool, poolOffset, length);
  let actual = length;
  if (encoded !== null) TypedArraySet(b, encoded, 0);
  else actual = ops.write(b, string, 0, length);
  if (actual !== length) b = new FastBuffer(allocPool, poolOffset, actual);
  poolOffset += actual;
  alignPool();
  return b;
}

function fromString(string, encoding) {
  let ops;
  if (typeof encoding !== "string" || encoding.length === 0) {
    if (string.length === 0) return new FastBuffer();
    ops = utf8Ops;
  } else {
    ops = getEncodingOps(encoding);
    if (ops === undefined) throw unknownEncoding(encoding);
    if (string.length === 0) return new FastBuffer();
  }
  return fromStringFast(string, ops);
}

function fromArrayBuffer(arrayBuffer, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (byteOffset !== byteOffset) byteOffset = 0;
  }
  const maxLength = arrayBuffer.byteLength - byteOffset;
  if (maxLength < 0) throw bufferOutOfBounds("offset");
  if (Math.trunc(byteOffset) < 0) {  // V8's typed-array constructor wording
    throw new RangeError(`Start offset ${Math.trunc(byteOffset)} is outside the bounds of the buffer`);
  }
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw bufferOutOfBounds("length");
    } else {
      length = 0;
    }
  }
  return new FastBuffer(arrayBuffer, byteOffset, length);
}

function fromArrayLike(obj) {
  if (obj.length <= 0) return new FastBuffer();
  if (obj.length < (Buffer.poolSize >>> 1)) {
    if (allocPool === null || obj.length > poolSize - poolOffset) createPool();
    const b = new FastBuffer(allocPool, poolOffset, obj.length);
    TypedArraySet(b, obj, 0);
    poolOffset += obj.length;
    alignPool();
    return b;
  }
  return new FastBuffer(obj);
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== "number") return new FastBuffer();
    return fromArrayLike(obj);
  }
  if (obj.type === "Buffer" && Array.isArray(obj.data)) return fromArrayLike(obj.data);
  return undefined;
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === "string") return fromString(value, encodingOrOffset);
  if (typeof value === "object" && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value && (typeof valueOf === "string" || typeof valueOf === "object")) {
      return from(valueOf, encodingOrOffset, length);
    }
    const b = fromObject(value);
    if (b) return b;
    if (typeof value[Symbol.toPrimitive] === "function") {
      const primitive = value[Symbol.toPrimitive]("string");
      if (typeof primitive === "string") return fromString(primitive, encodingOrOffset);
    }
  }
  throw invalidArgType("first argument", ["string", "Buffer", "ArrayBuffer", "Array", "Array-like Object"], value);
};

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw invalidArgType("view", ["TypedArray"], view);
  const viewLength = view.length;
  if (viewLength === 0) return Buffer.alloc(0);
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, "offset", 0);
      if (offset >= viewLength) return Buffer.alloc(0);
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateInteger(length, "length", 0);
      end = offset + length;
    } else {
      end = viewLength;
    }
    view = TypedArrayPrototype.slice.call(view, offset, end);
  }
  return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
};

// Buffer.of: typed-array `of`, made into a Buffer (not pooled).
Buffer.of = (...items) => {
  const b = new FastBuffer(items.length);
  for (let k = 0; k < items.length; k++) b[k] = items[k];
  return b;
};

Buffer.alloc = function alloc(size, fill, encoding) {
  validateNumber(size, "size", 0, kMaxLength);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = new FastBuffer(size);
    return fillImpl(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateNumber(size, "size", 0, kMaxLength);
  return allocate(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateNumber(size, "size", 0, kMaxLength);
  return new FastBuffer(size);
};

function SlowBuffer(size) {
  validateNumber(size, "size", 0, kMaxLength);
  return new FastBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

// -1, 0 or 1: bytes compared as unsigned, then lengths (memcmp, then sizes).
function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  if (n > 48) {
    // Latin-1 strings compare code unit by code unit, then by length: the same
    // order, computed natively (a JS loop costs ~130 ns a byte).
    const x = latin1Decode(a, aStart, aEnd);
    const y = latin1Decode(b, bStart, bEnd);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i];
    const y = b[bStart + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  return la > lb ? 1 : la < lb ? -1 : 0;
}

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw invalidArgType("buf1", ["Buffer", "Uint8Array"], buf1);
  if (!isUint8Array(buf2)) throw invalidArgType("buf2", ["Buffer", "Uint8Array"], buf2);
  if (buf1 === buf2) return 0;
  return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === "string" && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
};
Buffer[Symbol("kIsEncodingSymbol")] = Buffer.isEncoding;  // Node's internal alias, visible to reflection

// Copies what fits of source[sourceStart, sourceEnd) to target[targetStart...].
function copyActual(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.length - targetStart) sourceEnd = sourceStart + target.length - targetStart;
  let nb = sourceEnd - sourceStart;
  const sourceLen = source.length - sourceStart;
  if (nb > sourceLen) nb = sourceLen;
  if (sourceStart !== 0 || sourceEnd < source.length) {
    source = new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb);
  }
  TypedArraySet(target, source, targetStart);
  return nb;
}

Buffer.concat = function concat(list, length) {
  if (!Array.isArray(list)) throw invalidArgType("list", "Array", list);
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateOffset(length, "length");
  }
  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) throw invalidArgType(`list[${i}]`, ["Buffer", "Uint8Array"], list[i]);
    pos += copyActual(buf, buffer, pos, 0, buf.length);
  }
  if (pos < length) TypedArrayFill(buffer, 0, pos, length);
  return buffer;
};

Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== "string") {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw invalidArgType("string", ["string", "Buffer", "ArrayBuffer"], string);
  }
  const len = string.length;
  if (len === 0) return 0;
  if (!encoding || encoding === "utf8") return utf8ByteLength(string);
  if (encoding === "ascii") return len;
  const ops = getEncodingOps(encoding);
  if (ops === undefined) return utf8ByteLength(string);  // as Node: unknown means utf8
  return ops.byteLength(string);
};

// ---------------------------------------------------------------------------
// Buffer.prototype
// ---------------------------------------------------------------------------

const proto = Buffer.prototype;

for (const [key, getter] of [["parent", function () { return this instanceof Buffer ? this.buffer : undefined; }],
  ["offset", function () { return this instanceof Buffer ? this.byteOffset : undefined; }]]) {
  Object.defineProperty(proto, key, { get: getter, enumerable: true, configurable: false });
}

// The encoding-specific methods Node's C++ binding puts on the prototype
// (`buf.hexSlice(start, end)`, `buf.utf8Write(string, offset, length)`), with
// its argument handling.
function defineSliceWrite(name, ops) {
  // Length 0 like the binding's functions: the arguments are read from `arguments`.
  proto[`${name}Slice`] = function () {
    let start = arguments[0];
    let end = arguments[1];
    const length = this.length;
    start = parseArrayIndex(start, 0);
    end = parseArrayIndex(end, length);
    if (end < start) end = start;
    if (end > length) throw indexOutOfRange();
    return ops.slice(this, start, end);
  };
  proto[`${name}Write`] = function () {
    const string = arguments[0];
    let offset = arguments[1];
    const length = arguments[2];
    if (typeof string !== "string") throw notAString();
    const bufLength = this.length;
    offset = parseArrayIndex(offset, 0);
    if (offset > bufLength) throw bindingError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", '"offset" is outside of buffer bounds');
    let max = parseArrayIndex(length, bufLength - offset);
    max = Math.min(bufLength - offset, max);
    if (max === 0) return 0;
    return ops.write(this, string, offset, max);
  };
  Object.defineProperty(proto[`${name}Slice`], "name", { value: `${name}Slice` });
  Object.defineProperty(proto[`${name}Write`], "name", { value: `${name}Write` });
}
defineSliceWrite("ascii", asciiOps);
defineSliceWrite("base64", base64Ops);
defineSliceWrite("base64url", base64urlOps);
defineSliceWrite("latin1", latin1Ops);
defineSliceWrite("hex", hexOps);
defineSliceWrite("ucs2", ucs2Ops);
defineSliceWrite("utf8", utf8Ops);

proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  return copyImpl(this, target, targetStart, sourceStart, sourceEnd);
};

// Node's toInteger for copy()'s non-integer arguments: NaN or out of the safe
// range -> the default, else rounded down.
function toInteger(n, defaultValue) {
  n = +n;
  if (n === n && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) return n % 1 === 0 ? n : Math.floor(n);
  return defaultValue;
}

function copyImpl(source, target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(source)) throw invalidArgType("source", ["Buffer", "Uint8Array"], source);
  if (!isUint8Array(target)) throw invalidArgType("target", ["Buffer", "Uint8Array"], target);
  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = Number.isInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
    if (targetStart < 0) throw outOfRange("targetStart", ">= 0", targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = Number.isInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > source.length) {
      throw outOfRange("sourceStart", `>= 0 && <= ${source.length}`, sourceStart);
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = source.length;
  } else {
    sourceEnd = Number.isInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw outOfRange("sourceEnd", ">= 0", sourceEnd);
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  return copyActual(source, target, targetStart, sourceStart, sourceEnd);
}

proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return utf8Decode(this, 0, this.length);
  const len = this.length;
  if (start <= 0) start = 0;
  else if (start >= len) return "";
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return "";
  if (encoding === undefined) return utf8Decode(this, start, end);
  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw unknownEncoding(encoding);
  return ops.slice(this, start, end);
};

proto.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) throw invalidArgType("otherBuffer", ["Buffer", "Uint8Array"], otherBuffer);
  if (this === otherBuffer) return true;
  const len = this.byteLength;
  if (len !== otherBuffer.byteLength) return false;
  return len === 0 || compareBytes(this, 0, len, otherBuffer, 0, len) === 0;
};

// Non-index own properties, as Node's getOwnNonIndexProperties.
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;
function ownNonIndexKeys(obj, all) {
  const keys = [];
  for (const key of Reflect.ownKeys(obj)) {
    if (typeof key === "string" && ARRAY_INDEX.test(key) && +key < 2 ** 32 - 1) continue;
    if (!all && !Object.prototype.propertyIsEnumerable.call(obj, key)) continue;
    keys.push(key);
  }
  return keys;
}

// `<Buffer 68 69>`, at most INSPECT_MAX_BYTES bytes, then own extra properties
// when called by util.inspect (which passes its options and itself).
function inspect(recurseTimes, ctx) {
  const inspectFn = arguments[2];
  const max = INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = hexEncode(this, 0, actualMax).replace(/(.{2})/g, "$1 ").trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
  if (ctx && typeof inspectFn === "function") {
    const keys = ownNonIndexKeys(this, ctx.showHidden);
    if (keys.length > 0) {
      const obj = { __proto__: null };
      for (const key of keys) obj[key] = this[key];
      if (this.length !== 0) str += ", ";
      // "[Object: null prototype] {".length is 26; drop it, its space and " }".
      str += inspectFn(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
}
proto[Symbol.for("nodejs.util.inspect.custom")] = inspect;
proto.inspect = inspect;

proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw invalidArgType("target", ["Buffer", "Uint8Array"], target);
  if (arguments.length === 1) return compareBytes(this, 0, this.length, target, 0, target.length);
  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, "targetStart");
  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, "targetEnd", 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, "sourceStart");
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, "sourceEnd", 0, this.length);
  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;
  if (sourceStart > this.length) throw bindingError(RangeError, "ERR_OUT_OF_RANGE", 'The value of "sourceStart" is out of range.');
  if (targetStart > target.length) throw bindingError(RangeError, "ERR_OUT_OF_RANGE", 'The value of "targetStart" is out of range.');
  const sourceLen = Math.min(sourceEnd - sourceStart, this.length - sourceStart);
  const aEnd = sourceStart + Math.min(sourceLen, targetEnd - targetStart);
  const order = compareBytes(this, sourceStart, aEnd, target, targetStart, targetStart + (aEnd - sourceStart));
  if (order !== 0) return order;
  const la = sourceEnd - sourceStart;
  const lb = targetEnd - targetStart;
  return la > lb ? 1 : la < lb ? -1 : 0;
};

// --- indexOf / lastIndexOf / includes (src/node_buffer.cc IndexOf*) ---------

// Where a search starts (IndexOfOffset): negative offsets count from the end;
// -1 means nothing can match.
function searchStart(length, offset, needleLength, forward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    if (forward || needleLength === 0) return 0;
    return -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  if (forward) return -1;
  return length - 1;
}

// The first (forward) or last match of `needle` in `haystack` starting at or
// before/after `start`, or -1. Both are arrays of units (bytes or UTF-16 units).
function searchUnits(haystack, hayLength, needle, start, forward) {
  const n = needle.length;
  const first = needle[0];
  if (forward) {
    for (let i = start; i + n <= hayLength; i++) {
      if (haystack[i] !== first) {
        i = TypedArrayIndexOf(haystack, first, i + 1) - 1;
        if (i < 0) return -1;
        continue;
      }
      let k = 1;
      while (k < n && haystack[i + k] === needle[k]) k++;
      if (k === n) return i;
    }
    return -1;
  }
  for (let i = Math.min(start, hayLength - n); i >= 0; i--) {
    if (haystack[i] !== first) {
      i = TypedArrayLastIndexOf(haystack, first, i) + 1;
      if (i <= 0) return -1;
      continue;
    }
    let k = 1;
    while (k < n && haystack[i + k] === needle[k]) k++;
    if (k === n) return i;
  }
  return -1;
}

function indexOfBytes(buf, needle, byteOffset, forward, ucs2) {
  const length = buf.length;
  const needleLength = needle.length;
  const start = searchStart(length, byteOffset, needleLength, forward);
  if (needleLength === 0) return start;
  if (length === 0 || start <= -1) return -1;
  if ((forward && needleLength + start > length) || needleLength > length) return -1;
  if (ucs2) {
    if (length < 2 || needleLength < 2) return -1;
    return ucs2Search(buf, needle, start, forward);
  }
  return searchUnits(buf, length, needle, start, forward);
}

// UTF-16 search: only even byte positions match, as Node's.
function ucs2Search(buf, needleBytes, start, forward) {
  const hay = new Uint16Array(buf.length >>> 1);
  for (let i = 0; i < hay.length; i++) hay[i] = buf[2 * i] | (buf[2 * i + 1] << 8);
  const needle = new Uint16Array(needleBytes.length >>> 1);
  for (let i = 0; i < needle.length; i++) needle[i] = needleBytes[2 * i] | (needleBytes[2 * i + 1] << 8);
  const found = searchUnits(hay, hay.length, needle, start >>> 1, forward);
  return found < 0 ? -1 : found * 2;
}

function indexOfUcs2String(buf, val, byteOffset, forward) {
  const needle = new Uint8Array(val.length * 2);
  ucs2WriteImpl(needle, val, 0, needle.length);
  return indexOfBytes(buf, needle, byteOffset, forward, true);
}

function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
  if (typeof byteOffset === "string") {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset;
  if (byteOffset !== byteOffset) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
  byteOffset = Math.trunc(byteOffset);
  if (typeof val === "number") {
    const length = buffer.length;
    const start = searchStart(length, byteOffset, 1, dir);
    if (start <= -1 || length === 0) return -1;
    const byte = (val >>> 0) & 0xff;
    return dir ? TypedArrayIndexOf(buffer, byte, start) : TypedArrayLastIndexOf(buffer, byte, start);
  }
  const ops = encoding === undefined ? utf8Ops : getEncodingOps(encoding);
  if (typeof val === "string") {
    if (ops === undefined) throw unknownEncoding(encoding);
    return ops.indexOf(buffer, val, byteOffset, dir);
  }
  if (isUint8Array(val)) return indexOfBytes(buffer, val, byteOffset, dir, ops === ucs2Ops);
  throw invalidArgType("value", ["number", "string", "Buffer", "Uint8Array"], val);
}

proto.indexOf = function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
};

proto.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
};

proto.includes = function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
};

// --- fill ---------------------------------------------------------------------

function fillImpl(buf, value, offset, end, encoding) {
  let normalized;
  if (typeof value === "string") {
    if (offset === undefined || typeof offset === "string") {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === "string") {
      encoding = end;
      end = buf.length;
    }
    normalized = normalizeEncoding(encoding);
    if (normalized === undefined) {
      if (typeof encoding !== "string") throw invalidArgType("encoding", "string", encoding);
      throw unknownEncoding(encoding);
    }
    if (value.length === 0) {
      value = 0;  // '' fills with zeros
    } else if (value.length === 1) {
      if (normalized === "utf8") {
        const code = StringPrototypeCharCodeAt(value, 0);
        if (code < 128) value = code;
      } else if (normalized === "latin1") {
        value = StringPrototypeCharCodeAt(value, 0);
      }
    }
  } else {
    encoding = undefined;
  }
  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, "offset");
    if (end === undefined) end = buf.length;
    else validateOffset(end, "end", 0, buf.length);
    if (offset >= end) return buf;
  }
  if (typeof value === "number") {
    if (offset > end || end - offset + offset > buf.byteLength) throw bufferOutOfBounds();
    TypedArrayFill(buf, value, offset, end);
    return buf;
  }
  // The binding's fill: a string's encoded bytes, a view's bytes, or else the
  // value's uint32 low byte, repeated over [offset, end).
  let pattern;
  if (typeof value === "string") {
    pattern = fromStringFast(value, ENCODING_OPS[normalized]);
    pattern = new Uint8Array(pattern.buffer, pattern.byteOffset, pattern.length);
  } else if (ArrayBuffer.isView(value)) {
    pattern = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  } else {
    TypedArrayFill(buf, (value >>> 0) & 0xff, offset, end);
    return buf;
  }
  if (pattern.length === 0) throw internals.nodeErrors.invalidArgValue("value", value);
  if (end > buf.length) throw bufferOutOfBounds();
  const total = end - offset;
  const first = Math.min(pattern.length, total);
  TypedArraySet(buf, first === pattern.length ? pattern : TypedArraySubarray(pattern, 0, first), offset);
  // Double the filled prefix each step: log(n) native copies.
  for (let done = first; done < total;) {
    const n = Math.min(done, total - done);
    buf.copyWithin(offset + done, offset, offset + n);
    done += n;
  }
  return buf;
}

proto.fill = function fill(value, offset, end, encoding) {
  return fillImpl(this, value, offset, end, encoding);
};

// --- write, toJSON, slicing, swaps --------------------------------------------

proto.write = function write(string, offset, length, encoding) {
  if (offset === undefined) return this.utf8Write(string, 0, this.length);
  if (length === undefined && typeof offset === "string") {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateOffset(offset, "offset", 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === "string") {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, "length", 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  if (!encoding || encoding === "utf8") return this.utf8Write(string, offset, length);
  if (encoding === "ascii") return this.asciiWrite(string, offset, length);
  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw unknownEncoding(encoding);
  return this[`${ops.name === "utf16le" ? "ucs2" : ops.name}Write`](string, offset, length);
};

proto.toJSON = function toJSON() {
  const data = new Array(this.length);
  for (let i = 0; i < this.length; ++i) data[i] = this[i];
  return { type: "Buffer", data };
};

// Math.trunc-based (not int32) offsets, negative from the end, clamped.
function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return offset !== offset ? 0 : length;
}

proto.subarray = function subarray(start, end) {
  const srcLength = this.length;
  start = adjustOffset(start, srcLength);
  end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
};

proto.slice = function slice(start, end) {
  return this.subarray(start, end);
};

function invalidBufferSize(bits) {
  return nodeError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${bits}`);
}

function swapBytes(buf, width) {
  const len = buf.length;
  if (len % width !== 0) throw invalidBufferSize(`${width * 8}-bits`);
  for (let i = 0; i < len; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }
  return buf;
}
proto.swap16 = function swap16() { return swapBytes(this, 2); };
proto.swap32 = function swap32() { return swapBytes(this, 4); };
proto.swap64 = function swap64() { return swapBytes(this, 8); };

proto.toLocaleString = proto.toString;

// --- numbers: read*/write* (lib/internal/buffer.js behaviour) ---------------

// Offset check of the read methods: `this[offset]` and `this[offset + size - 1]` must exist.
function checkRead(buf, offset, size) {
  if (typeof offset !== "number") throw invalidArgType("offset", "number", offset);
  if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
}

// Offset check of the write methods (byteLength is size - 1, as Node's checkBounds).
function checkBounds(buf, offset, byteLength) {
  if (typeof offset !== "number") throw invalidArgType("offset", "number", offset);
  if (buf[offset] === undefined || buf[offset + byteLength] === undefined) boundsError(offset, buf.length - (byteLength + 1));
}

// Range check of integer writes, with Node's wording of the range.
function checkInt(value, min, max, buf, offset, byteLength) {
  if (value > max || value < min) {
    const n = typeof min === "bigint" ? "n" : "";
    let range;
    if (byteLength > 3) {
      if (min === 0 || min === 0n) range = `>= 0${n} and < 2${n} ** ${(byteLength + 1) * 8}${n}`;
      else range = `>= -(2${n} ** ${(byteLength + 1) * 8 - 1}${n}) and < 2${n} ** ${(byteLength + 1) * 8 - 1}${n}`;
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw outOfRange("value", range, value);
  }
  checkBounds(buf, offset, byteLength);
}

// Unsigned little/big-endian integer of `size` (1-6) bytes at a checked offset.
function readUnsigned(buf, offset, size, littleEndian) {
  switch (size) {  // the common sizes without a loop
    case 1: return buf[offset];
    case 2: return littleEndian ? buf[offset] | (buf[offset + 1] << 8) : (buf[offset] << 8) | buf[offset + 1];
    case 4: return littleEndian
      ? (buf[offset] | (buf[offset + 1] << 8) | (buf[offset + 2] << 16)) + buf[offset + 3] * 0x1000000
      : buf[offset] * 0x1000000 + ((buf[offset + 1] << 16) | (buf[offset + 2] << 8) | buf[offset + 3]);
  }
  let value = 0;
  let scale = 1;
  for (let k = 0; k < size; k++) {
    value += buf[littleEndian ? offset + k : offset + size - 1 - k] * scale;
    scale *= 256;
  }
  return value;
}

function readSigned(buf, offset, size, littleEndian) {
  const value = readUnsigned(buf, offset, size, littleEndian);
  const limit = 2 ** (size * 8 - 1);
  return value >= limit ? value - limit * 2 : value;
}

// Stores the low `size` bytes of a range-checked number (two's complement for
// negatives, fractions truncated as typed arrays do).
function writeBytes(buf, value, offset, size, littleEndian) {
  const high = size > 4 ? Math.floor(value * 2 ** -32) : 0;
  for (let k = 0; k < size; k++) {
    const byte = k < 4 ? value >>> (8 * k) : high >>> (8 * (k - 4));
    buf[littleEndian ? offset + k : offset + size - 1 - k] = byte;
  }
  return offset + size;
}

function writeInt(buf, value, offset, size, littleEndian, min, max) {
  value = +value;
  if (size === 1) {
    if (typeof offset !== "number") throw invalidArgType("offset", "number", offset);
    if (value > max || value < min) throw outOfRange("value", `>= ${min} and <= ${max}`, value);
    if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
    buf[offset] = value;
    return offset + 1;
  }
  checkInt(value, min, max, buf, offset, size - 1);
  return writeBytes(buf, value, offset, size, littleEndian);
}

const UNSIGNED_MAX = [0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff];
const SIGNED_MIN = [0, -0x80, -0x8000, -0x800000, -0x80000000, -0x8000000000, -0x800000000000];
const SIGNED_MAX = [0, 0x7f, 0x7fff, 0x7fffff, 0x7fffffff, 0x7fffffffff, 0x7fffffffffff];

// The fixed-size methods: readUInt8 ... writeInt32BE and their Uint aliases.
function defineIntMethods(size, endian) {
  const le = endian !== "BE";
  const suffix = `${size * 8}${endian}`;
  const readU = function (offset = 0) {
    checkRead(this, offset, size);
    return readUnsigned(this, offset, size, le);
  };
  const readS = function (offset = 0) {
    checkRead(this, offset, size);
    return readSigned(this, offset, size, le);
  };
  const writeU = function (value, offset = 0) {
    return writeInt(this, value, offset, size, le, 0, UNSIGNED_MAX[size]);
  };
  const writeS = function (value, offset = 0) {
    return writeInt(this, value, offset, size, le, SIGNED_MIN[size], SIGNED_MAX[size]);
  };
  for (const [name, fn] of [[`readUInt${suffix}`, readU], [`readInt${suffix}`, readS],
    [`writeUInt${suffix}`, writeU], [`writeInt${suffix}`, writeS]]) {
    Object.defineProperty(fn, "name", { value: name });
    proto[name] = fn;
  }
  proto[`readUint${suffix}`] = readU;
  proto[`writeUint${suffix}`] = writeU;
}
defineIntMethods(1, "");
for (const size of [2, 4]) {
  defineIntMethods(size, "LE");
  defineIntMethods(size, "BE");
}

// readUIntLE(offset, byteLength) and friends: 1 to 6 bytes.
function checkByteLength(byteLength) {
  if (byteLength !== 1 && byteLength !== 2 && byteLength !== 3 && byteLength !== 4 && byteLength !== 5 && byteLength !== 6) {
    boundsError(byteLength, 6, "byteLength");
  }
}

function defineVariableMethods(endian) {
  const le = endian === "LE";
  const readU = function (offset, byteLength) {
    if (offset === undefined) throw invalidArgType("offset", "number", offset);
    checkByteLength(byteLength);
    checkRead(this, offset, byteLength);
    return readUnsigned(this, offset, byteLength, le);
  };
  const readS = function (offset, byteLength) {
    if (offset === undefined) throw invalidArgType("offset", "number", offset);
    checkByteLength(byteLength);
    checkRead(this, offset, byteLength);
    return readSigned(this, offset, byteLength, le);
  };
  const writeU = function (value, offset, byteLength) {
    checkByteLength(byteLength);
    return writeInt(this, value, offset, byteLength, le, 0, UNSIGNED_MAX[byteLength]);
  };
  const writeS = function (value, offset, byteLength) {
    checkByteLength(byteLength);
    return writeInt(this, value, offset, byteLength, le, SIGNED_MIN[byteLength], SIGNED_MAX[byteLength]);
  };
  for (const [name, fn] of [[`readUInt${endian}`, readU], [`readInt${endian}`, readS],
    [`writeUInt${endian}`, writeU], [`writeInt${endian}`, writeS]]) {
    Object.defineProperty(fn, "name", { value: name });
    proto[name] = fn;
  }
  proto[`readUint${endian}`] = readU;
  proto[`writeUint${endian}`] = writeU;
}
defineVariableMethods("LE");
defineVariableMethods("BE");

// Floats go through one scratch Float64Array/Float32Array and its bytes.
const float32 = new Float32Array(1);
const float32Bytes = new Uint8Array(float32.buffer);
const float64 = new Float64Array(1);
const float64Bytes = new Uint8Array(float64.buffer);
const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function defineFloatMethods(bits, endian) {
  const size = bits / 8;
  const view = bits === 32 ? float32 : float64;
  const bytes = bits === 32 ? float32Bytes : float64Bytes;
  const swap = (endian === "LE") !== HOST_LE;
  const kind = bits === 32 ? "Float" : "Double";
  const read = function (offset = 0) {
    checkRead(this, offset, size);
    for (let k = 0; k < size; k++) bytes[swap ? size - 1 - k : k] = this[offset + k];
    return view[0];
  };
  const write = function (value, offset = 0) {
    value = +value;
    checkBounds(this, offset, size - 1);
    view[0] = value;
    for (let k = 0; k < size; k++) this[offset + k] = bytes[swap ? size - 1 - k : k];
    return offset + size;
  };
  // Node's functions are named for the byte order they copy in (on a little-endian host).
  const order = endian === "LE" ? "Forwards" : "Backwards";
  Object.defineProperty(read, "name", { value: `read${kind}${order}` });
  Object.defineProperty(write, "name", { value: `write${kind}${order}` });
  proto[`read${kind}${endian}`] = read;
  proto[`write${kind}${endian}`] = write;
}
for (const bits of [32, 64]) for (const endian of ["LE", "BE"]) defineFloatMethods(bits, endian);

function defineBigIntMethods(endian) {
  const le = endian === "LE";
  const readU = function (offset = 0) {
    checkRead(this, offset, 8);
    const lo = readUnsigned(this, le ? offset : offset + 4, 4, le);
    const hi = readUnsigned(this, le ? offset + 4 : offset, 4, le);
    return BigInt(lo) + (BigInt(hi) << 32n);
  };
  const readS = function (offset = 0) {
    checkRead(this, offset, 8);
    const lo = readUnsigned(this, le ? offset : offset + 4, 4, le);
    const hi = readSigned(this, le ? offset + 4 : offset, 4, le);
    return (BigInt(hi) << 32n) + BigInt(lo);
  };
  const writer = (min, max) => function (value, offset = 0) {
    checkInt(value, min, max, this, offset, 7);
    const lo = Number(value & 0xffffffffn);
    const hi = Number((value >> 32n) & 0xffffffffn);
    writeBytes(this, lo, le ? offset : offset + 4, 4, le);
    writeBytes(this, hi, le ? offset + 4 : offset, 4, le);
    return offset + 8;
  };
  const writeU = writer(0n, 0xffffffffffffffffn);
  const writeS = writer(-(2n ** 63n), 2n ** 63n - 1n);
  for (const [name, fn] of [[`readBigUInt64${endian}`, readU], [`readBigInt64${endian}`, readS],
    [`writeBigUInt64${endian}`, writeU], [`writeBigInt64${endian}`, writeS]]) {
    Object.defineProperty(fn, "name", { value: name });
    proto[name] = fn;
  }
  proto[`readBigUint64${endian}`] = readU;
  proto[`writeBigUint64${endian}`] = writeU;
}
defineBigIntMethods("LE");
defineBigIntMethods("BE");

// ---------------------------------------------------------------------------
// The module object for require('buffer') and the global
// ---------------------------------------------------------------------------

function isUtf8(input) {
  if (!isTypedArray(input) && !isAnyArrayBuffer(input)) {
    throw invalidArgType("input", ["ArrayBuffer", "Buffer", "TypedArray"], input);
  }
  const bytes = isTypedArray(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
  try {
    new internals.TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isAscii(input) {
  if (!isTypedArray(input) && !isAnyArrayBuffer(input)) {
    throw invalidArgType("input", ["ArrayBuffer", "Buffer", "TypedArray"], input);
  }
  const bytes = isTypedArray(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

internals.Buffer = Buffer;
internals.FastBuffer = FastBuffer;
internals.isUint8Array = isUint8Array;
internals.buffer = {
  Buffer,
  SlowBuffer,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
  get INSPECT_MAX_BYTES() { return INSPECT_MAX_BYTES; },
  set INSPECT_MAX_BYTES(value) {
    validateNumber(value, "INSPECT_MAX_BYTES", 0);
    INSPECT_MAX_BYTES = value;
  },
};
internals.defineGlobal("Buffer", Buffer);
