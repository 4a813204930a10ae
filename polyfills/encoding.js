// TextEncoder / TextDecoder (WHATWG Encoding) and the byte <-> string helpers
// the runtime shares (Buffer, fetch, crypto), plus Node-style coded errors.
//
// https://encoding.spec.whatwg.org/
//
// Speed: QuickJS interprets JS, so a per-character JS loop over a 100 KB string
// costs ~20 ms. The engine has native pieces that do the bulk work instead:
// encodeURIComponent/decodeURIComponent are strict UTF-8 codecs, escape/unescape
// map between "%XX" and code units <= 0xFF, atob/btoa and
// Uint8Array.fromBase64/toBase64 move binary strings in and out of bytes.
// Chained, they encode/decode valid UTF-8 ~10x faster than a loop. The JS state
// machine below handles what they reject (malformed input, lone surrogates,
// streaming, fatal mode).

const StringFromCharCode = String.fromCharCode;
const uncurry = (fn) => Function.prototype.call.bind(fn);
const StringPrototypeCharCodeAt = uncurry(String.prototype.charCodeAt);
const StringPrototypeSlice = uncurry(String.prototype.slice);
const StringPrototypeToWellFormed = uncurry(String.prototype.toWellFormed);
const StringPrototypeIsWellFormed = uncurry(String.prototype.isWellFormed);
const RegExpPrototypeTest = uncurry(RegExp.prototype.test);
const FromCharCodeApply = (units) => Reflect.apply(StringFromCharCode, null, units);
const TypedArrayPrototypeSubarray = uncurry(Object.getPrototypeOf(Uint8Array.prototype).subarray);
const TypedArrayLength = uncurry(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "length").get);
const ArrayBufferIsView = ArrayBuffer.isView;
const nativeEncodeURIComponent = encodeURIComponent;
const nativeDecodeURIComponent = decodeURIComponent;
const nativeEscape = escape;
const nativeUnescape = unescape;

// The engine's own atob/btoa (WHATWG, native); base64.js later replaces the
// globals with Segment's npm versions, so keep these references now.
const nativeAtob = internals.nativeAtob;  // captured by bootstrap.js before base64.js replaces them
const nativeBtoa = internals.nativeBtoa;
const Uint8ArrayFromBase64 = Uint8Array.fromBase64;
const Uint8ArrayToBase64 = Uint8Array.prototype.toBase64 && uncurry(Uint8Array.prototype.toBase64);
const NATIVE_BASE64 = typeof nativeAtob === "function" && typeof nativeBtoa === "function" &&
  typeof Uint8ArrayFromBase64 === "function" && typeof Uint8ArrayToBase64 === "function";

const NON_ASCII = /[^\x00-\x7f]/;
const HIGH_LATIN1 = /[\x80-\xff]/;
const CHUNK = 8192;  // code units per String.fromCharCode.apply call (argument-count bound)

// ---------------------------------------------------------------------------
// Node-style errors (lib/internal/errors.js behaviour)
// ---------------------------------------------------------------------------

// Node 20's internal errors (lib/internal/errors.js): an instance of a subclass
// of Base per code, named like Base, whose prototype's toString gives
// `Name [CODE]: message`; an own enumerable `code`; a stack headed the same way.
// The subclasses are made on first use of each code.
const nodeErrorClasses = new Map();

function nodeErrorClass(Base, code) {
  const key = `${Base.name} ${code}`;
  let NodeError = nodeErrorClasses.get(key);
  if (NodeError === undefined) {
    NodeError = class extends Base {
      toString() {
        return `${this.name} [${code}]: ${this.message}`;
      }
    };
    Object.defineProperty(NodeError, "name", { value: Base.name });
    nodeErrorClasses.set(key, NodeError);
  }
  return NodeError;
}

function nodeError(Base, code, message) {
  const error = new (nodeErrorClass(Base, code))(message);
  const plainHead = message === "" ? Base.name : `${Base.name}: ${message}`;
  let stack;
  try { stack = error.stack; } catch { stack = undefined; }
  if (typeof stack === "string" && stack.startsWith(plainHead)) {
    const head = `${Base.name} [${code}]${message === "" ? "" : ": " + message}`;
    Object.defineProperty(error, "stack", {
      value: head + stack.slice(plainHead.length), writable: true, enumerable: false, configurable: true,
    });
  }
  error.code = code;
  return error;
}

// Node's `addNumericalSeparator`: "1234567" -> "1_234_567" (applied to the
// decimal text as is, so "1e+300" becomes "1e+_300" exactly as Node prints it).
function addNumericalSeparator(text) {
  let result = "";
  let i = text.length;
  const start = text[0] === "-" ? 1 : 0;
  for (; i >= start + 4; i -= 3) result = `_${text.slice(i - 3, i)}${result}`;
  return text.slice(0, i) + result;
}

// util.inspect of a primitive, enough for error messages.
function inspectPrimitive(value) {
  switch (typeof value) {
    case "string": {
      let quote = "'";
      if (value.includes("'")) {
        if (!value.includes('"')) quote = '"';
        else if (!value.includes("`") && !value.includes("${")) quote = "`";
      }
      let out = "";
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        const ch = value[i];
        if (ch === quote || ch === "\\") out += "\\" + ch;
        else if (c === 10) out += "\\n";
        else if (c === 9) out += "\\t";
        else if (c === 13) out += "\\r";
        else if (c === 8) out += "\\b";
        else if (c === 12) out += "\\f";
        else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).toUpperCase().padStart(2, "0");
        else out += ch;
      }
      return quote + out + quote;
    }
    case "number": return Object.is(value, -0) ? "-0" : String(value);
    case "bigint": return `${value}n`;
    case "symbol": return String(value);
    default: return String(value);
  }
}

function inspectValue(value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return inspectPrimitive(value);
  const inspect = internals.inspect;
  if (typeof inspect === "function") {
    try { return inspect(value, { depth: -1 }); } catch { /* fall through */ }
  }
  return Object.getPrototypeOf(value) === null ? "[Object: null prototype] {}" : "[Object]";
}

// Node 20's determineSpecificType: the "Received ..." part of ERR_INVALID_ARG_TYPE.
function describeReceived(value) {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "bigint": return `type bigint (${value}n)`;
    case "number": return `type number (${inspectPrimitive(value)})`;
    case "boolean": return `type boolean (${value})`;
    case "symbol": return `type symbol (${String(value)})`;
    case "function": return `function ${value.name}`;
    case "object": {
      const ctor = value.constructor;
      if (ctor && (typeof ctor === "object" || typeof ctor === "function") && "name" in ctor) {
        return `an instance of ${ctor.name}`;
      }
      return inspectValue(value);
    }
    case "string": {
      if (value.length > 28) value = `${value.slice(0, 25)}...`;
      if (!value.includes("'")) return `type string ('${value}')`;
      return `type string (${JSON.stringify(value)})`;
    }
    default: return `type ${typeof value} (${inspectValue(value)})`;
  }
}

// Names listed lower-cased under "of type" (Node's kTypes).
const PRIMITIVE_TYPES = ["string", "function", "number", "object", "Function", "Object", "boolean", "bigint", "symbol"];
const CLASS_NAME = /^([A-Z][a-z0-9]*)+$/;

function joinAlternatives(list) {
  if (list.length > 2) return `${list.slice(0, -1).join(", ")}, or ${list[list.length - 1]}`;
  if (list.length === 2) return `${list[0]} or ${list[1]}`;
  return list[0];
}

// ERR_INVALID_ARG_TYPE's message: `The "name" argument must be of type x. Received ...`.
function invalidArgTypeMessage(name, expected, actual) {
  if (!Array.isArray(expected)) expected = [expected];
  let msg = name.endsWith(" argument") ? `The ${name} ` : `The "${name}" ${name.includes(".") ? "property" : "argument"} `;
  msg += "must be ";
  const types = [];
  const instances = [];
  const other = [];
  for (const value of expected) {
    if (PRIMITIVE_TYPES.includes(value)) types.push(value.toLowerCase());
    else if (CLASS_NAME.test(value)) instances.push(value);
    else other.push(value);
  }
  if (instances.length > 0) {
    const pos = types.indexOf("object");
    if (pos !== -1) { types.splice(pos, 1); instances.push("Object"); }
  }
  if (types.length > 0) {
    msg += types.length > 1 ? `one of type ${joinAlternatives(types)}` : `of type ${types[0]}`;
    if (instances.length > 0 || other.length > 0) msg += " or ";
  }
  if (instances.length > 0) {
    msg += `an instance of ${joinAlternatives(instances)}`;
    if (other.length > 0) msg += " or ";
  }
  if (other.length > 0) {
    if (other.length > 1) msg += `one of ${joinAlternatives(other)}`;
    else {
      if (other[0].toLowerCase() !== other[0]) msg += "an ";
      msg += other[0];
    }
  }
  return `${msg}. Received ${describeReceived(actual)}`;
}

// ERR_OUT_OF_RANGE's message; `received` formatting as Node's.
function outOfRangeMessage(name, range, input) {
  let received;
  if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) {
    received = addNumericalSeparator(String(input));
  } else if (typeof input === "bigint") {
    received = String(input);
    if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
    received += "n";
  } else {
    received = inspectValue(input);
  }
  return `The value of "${name}" is out of range. It must be ${range}. Received ${received}`;
}

internals.nodeErrors = {
  make: nodeError,
  invalidArgType: (name, expected, actual) =>
    nodeError(TypeError, "ERR_INVALID_ARG_TYPE", invalidArgTypeMessage(name, expected, actual)),
  outOfRange: (name, range, input) =>
    nodeError(RangeError, "ERR_OUT_OF_RANGE", outOfRangeMessage(name, range, input)),
  // ERR_INVALID_ARG_VALUE: `The argument 'name' is invalid. Received <inspect>`.
  invalidArgValue: (name, value, reason = "is invalid") => {
    let inspected = inspectValue(value);
    if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
    const type = name.includes(".") ? "property" : "argument";
    return nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The ${type} '${name}' ${reason}. Received ${inspected}`);
  },
  invalidArgTypeMessage,
  describeReceived,
  inspectValue,
};
const { invalidArgType } = internals.nodeErrors;

// ---------------------------------------------------------------------------
// Byte <-> string helpers
// ---------------------------------------------------------------------------

// Code units of bytes[start, end) taken one byte each (ISO-8859-1).
// Through base64 when the engine has it: two native passes beat
// String.fromCharCode.apply by ~8x at every size.
function latin1Decode(bytes, start = 0, end = TypedArrayLength(bytes)) {
  if (end - start <= 0) return "";
  if (NATIVE_BASE64) {
    const view = start === 0 && end === TypedArrayLength(bytes) ? bytes : TypedArrayPrototypeSubarray(bytes, start, end);
    return nativeAtob(Uint8ArrayToBase64(view));
  }
  if (end - start <= CHUNK) return FromCharCodeApply(TypedArrayPrototypeSubarray(bytes, start, end));
  let out = "";
  for (let i = start; i < end; i += CHUNK) {
    out += FromCharCodeApply(TypedArrayPrototypeSubarray(bytes, i, Math.min(i + CHUNK, end)));
  }
  return out;
}

// The low byte of every code unit of `string`, as bytes (Node's 'latin1' write).
function latin1Encode(string) {
  const n = string.length;
  if (NATIVE_BASE64 && n > 64 && !RegExpPrototypeTest(/[^\x00-\xff]/, string)) {
    return Uint8ArrayFromBase64(nativeBtoa(string));
  }
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = StringPrototypeCharCodeAt(string, i);
  return bytes;
}

// UTF-8 length of `string`; lone surrogates count as U+FFFD (3 bytes).
function utf8ByteLength(string) {
  const n = string.length;
  if (NATIVE_BASE64 && n > 32) {
    return RegExpPrototypeTest(NON_ASCII, string) ? TypedArrayLength(utf8Encode(string)) : n;
  }
  let length = n;
  for (let i = 0; i < n; i++) {
    const c = StringPrototypeCharCodeAt(string, i);
    if (c < 0x80) continue;
    if (c < 0x800) { length += 1; continue; }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = StringPrototypeCharCodeAt(string, i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { length += 2; i++; continue; }  // 4 bytes for 2 units
    }
    length += 2;
  }
  return length;
}

// Encodes string[from, ...) into dest[offset, limit) without splitting a
// character; returns [read (code units), written (bytes)].
// https://encoding.spec.whatwg.org/#utf-8-encoder (lone surrogates -> U+FFFD,
// as the USVString conversion of https://encoding.spec.whatwg.org/#dom-textencoder-encodeinto)
function utf8Write(string, dest, offset, limit) {
  const n = string.length;
  let i = 0;
  let j = offset;
  while (i < n) {
    let c = StringPrototypeCharCodeAt(string, i);
    if (c < 0x80) {
      if (j >= limit) break;
      dest[j++] = c;
      i++;
      continue;
    }
    let units = 1;
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = c <= 0xdbff && i + 1 < n ? StringPrototypeCharCodeAt(string, i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        units = 2;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x800) {
      if (j + 2 > limit) break;
      dest[j++] = 0xc0 | (c >> 6);
    } else if (c < 0x10000) {
      if (j + 3 > limit) break;
      dest[j++] = 0xe0 | (c >> 12);
      dest[j++] = 0x80 | ((c >> 6) & 0x3f);
    } else {
      if (j + 4 > limit) break;
      dest[j++] = 0xf0 | (c >> 18);
      dest[j++] = 0x80 | ((c >> 12) & 0x3f);
      dest[j++] = 0x80 | ((c >> 6) & 0x3f);
    }
    dest[j++] = 0x80 | (c & 0x3f);
    i += units;
  }
  return [i, j - offset];
}

// `string` as UTF-8 bytes (a fresh Uint8Array of exactly that length).
function utf8Encode(string) {
  string = `${string}`;
  const n = string.length;
  if (NATIVE_BASE64 && n > 16) {
    if (!RegExpPrototypeTest(NON_ASCII, string)) return Uint8ArrayFromBase64(nativeBtoa(string));
    // encodeURIComponent throws on lone surrogates: make them U+FFFD first.
    const wellFormed = StringPrototypeToWellFormed(string);
    return Uint8ArrayFromBase64(nativeBtoa(nativeUnescape(nativeEncodeURIComponent(wellFormed))));
  }
  const bytes = new Uint8Array(utf8ByteLength(string));
  utf8Write(string, bytes, 0, bytes.length);
  return bytes;
}

// Decodes UTF-8 bytes[start, end) with replacement, exactly as the spec's
// decoder run to end of stream:
// https://encoding.spec.whatwg.org/#utf-8-decoder
// With `fatal`, returns null at the first error instead.
function utf8DecodeLoop(bytes, start, end, fatal) {
  const units = new Uint16Array(Math.min(end - start, CHUNK) + 2);
  let out = "";
  let k = 0;
  let i = start;
  while (i < end) {
    if (k >= CHUNK) {
      out += FromCharCodeApply(TypedArrayPrototypeSubarray(units, 0, k));
      k = 0;
    }
    const b = bytes[i++];
    if (b < 0x80) { units[k++] = b; continue; }
    let needed;
    let cp;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) { needed = 1; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) {
      if (b === 0xe0) lower = 0xa0;
      else if (b === 0xed) upper = 0x9f;
      needed = 2; cp = b & 0xf;
    } else if (b >= 0xf0 && b <= 0xf4) {
      if (b === 0xf0) lower = 0x90;
      else if (b === 0xf4) upper = 0x8f;
      needed = 3; cp = b & 0x7;
    } else {
      if (fatal) return null;
      units[k++] = 0xfffd;
      continue;
    }
    // Continuation bytes; the first out-of-range byte ends the sequence with
    // one error and is processed again as the start of the next one.
    let ok = true;
    for (let seen = 0; seen < needed; seen++) {
      if (i >= end) { ok = false; break; }
      const c = bytes[i];
      if (c < lower || c > upper) { ok = false; break; }
      lower = 0x80; upper = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
      i++;
    }
    if (!ok) {
      if (fatal) return null;
      units[k++] = 0xfffd;
    } else if (cp < 0x10000) {
      units[k++] = cp;
    } else {
      cp -= 0x10000;
      units[k++] = 0xd800 | (cp >> 10);
      units[k++] = 0xdc00 | (cp & 0x3ff);
    }
  }
  return out + FromCharCodeApply(TypedArrayPrototypeSubarray(units, 0, k));
}

// Decodes UTF-8 bytes[start, end) with U+FFFD for malformed sequences (or null
// on the first error with `fatal`).
function utf8DecodeRange(bytes, start, end, fatal) {
  if (end - start <= 0) return "";
  if (NATIVE_BASE64) {
    const binary = latin1Decode(bytes, start, end);
    if (!RegExpPrototypeTest(HIGH_LATIN1, binary)) return binary;  // all ASCII
    try {
      return nativeDecodeURIComponent(nativeEscape(binary));  // throws on malformed UTF-8
    } catch {
      // fall through to the replacing decoder
    }
  }
  return utf8DecodeLoop(bytes, start, end, fatal);
}

function utf8Decode(bytes, start = 0, end = TypedArrayLength(bytes)) {
  return utf8DecodeRange(bytes, start, end, false);
}

internals.utf8Encode = utf8Encode;

// One Uint8Array holding the given byte arrays one after the other.
internals.concatBytes = function concatBytes(...parts) {
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) { out.set(part, offset); offset += part.length; }
  return out;
};
internals.utf8Decode = utf8Decode;
internals.utf8Write = utf8Write;
internals.utf8ByteLength = utf8ByteLength;
internals.latin1Decode = latin1Decode;
internals.latin1Encode = latin1Encode;

// ---------------------------------------------------------------------------
// Base64 and hex, as Node's Buffer reads and writes them
// ---------------------------------------------------------------------------

const B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const Uint8ArrayToHex = Uint8Array.prototype.toHex && uncurry(Uint8Array.prototype.toHex);
const Uint8ArrayFromHex = Uint8Array.fromHex;
const BASE64URL = { alphabet: "base64url", omitPadding: true };

// Base64 of bytes[start, end): RFC 4648 section 4 with padding, or section 5
// (base64url) without padding, as Node's base64Slice / base64urlSlice.
function base64Encode(bytes, start, end, url) {
  if (end <= start) return "";
  const view = TypedArrayPrototypeSubarray(bytes, start, end);
  if (NATIVE_BASE64) return url ? Uint8ArrayToBase64(view, BASE64URL) : Uint8ArrayToBase64(view);
  let out = "";
  const n = view.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (view[i] << 16) | (view[i + 1] << 8) | view[i + 2];
    out += B64_ALPHABET[v >> 18] + B64_ALPHABET[(v >> 12) & 63] + B64_ALPHABET[(v >> 6) & 63] + B64_ALPHABET[v & 63];
  }
  if (i < n) {
    const v = (view[i] << 16) | (i + 1 < n ? view[i + 1] << 8 : 0);
    out += B64_ALPHABET[v >> 18] + B64_ALPHABET[(v >> 12) & 63];
    out += i + 1 < n ? B64_ALPHABET[(v >> 6) & 63] : url ? "" : "=";
    if (!url) out += "=";
  }
  return url ? out.replace(/[+/]/g, (c) => (c === "+" ? "-" : "_")) : out;
}

let base64Values;  // byte -> sextet, -1 when not in either alphabet; built on first use

// Node's lenient base64 decoder (src/base64-inl.h), into dest[offset, offset + max):
// both alphabets are accepted, every other character is skipped, the first "="
// ends the input, and a code unit above 0xFF counts as its low byte (Node reads
// two-byte strings through a uint8_t cast). Returns the number of bytes written.
function base64DecodeInto(string, dest, offset, max) {
  if (base64Values === undefined) {
    base64Values = new Int8Array(256).fill(-1);
    for (let i = 0; i < 64; i++) base64Values[B64_ALPHABET.charCodeAt(i)] = i;
    base64Values[0x2d] = 62;  // '-'
    base64Values[0x5f] = 63;  // '_'
  }
  const values = base64Values;
  const n = string.length;
  let written = 0;
  let phase = 0;
  let prev = 0;
  for (let i = 0; i < n && written < max; i++) {
    const c = StringPrototypeCharCodeAt(string, i) & 0xff;
    const v = values[c];
    if (v < 0) {
      if (c === 0x3d) break;  // '='
      continue;
    }
    switch (phase) {
      case 0: break;
      case 1: dest[offset + written++] = (prev << 2) | (v >> 4); break;
      case 2: dest[offset + written++] = ((prev & 0xf) << 4) | (v >> 2); break;
      default: dest[offset + written++] = ((prev & 0x3) << 6) | v; break;
    }
    prev = v;
    phase = (phase + 1) & 3;
  }
  return written;
}

// Node's base64 estimate of the decoded size (Buffer.byteLength(s, 'base64')):
// three bytes per four characters after at most two trailing "=".
function base64ByteLength(string) {
  let n = string.length;
  if (StringPrototypeCharCodeAt(string, n - 1) === 0x3d) n--;
  if (n > 1 && StringPrototypeCharCodeAt(string, n - 1) === 0x3d) n--;
  return (n * 3) >>> 2;
}

// The bytes Node decodes from `string` as base64 (see base64DecodeInto). Input
// the engine's strict decoder accepts decodes the same there, much faster.
function base64Decode(string) {
  if (NATIVE_BASE64) {
    try {
      return Uint8ArrayFromBase64(string);
    } catch {
      // not canonical base64: the lenient decoder below
    }
  }
  const bytes = new Uint8Array(base64ByteLength(string) + 3);
  return TypedArrayPrototypeSubarray(bytes, 0, base64DecodeInto(string, bytes, 0, bytes.length));
}

const HEX_DIGITS = "0123456789abcdef";

function hexEncode(bytes, start, end) {
  if (end <= start) return "";
  if (Uint8ArrayToHex !== undefined) return Uint8ArrayToHex(TypedArrayPrototypeSubarray(bytes, start, end));
  let out = "";
  for (let i = start; i < end; i++) out += HEX_DIGITS[bytes[i] >> 4] + HEX_DIGITS[bytes[i] & 15];
  return out;
}

function hexValue(c) {
  c &= 0xff;  // Node reads two-byte strings through a uint8_t cast
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  c |= 0x20;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

// Node's hex decoder (src/string_bytes.cc hex_decode): pairs of digits into
// dest[offset, offset + max) until the first pair that is not two hex digits;
// an odd last digit is ignored. Returns the number of bytes written.
function hexDecodeInto(string, dest, offset, max) {
  const pairs = Math.min(max, string.length >>> 1);
  if (typeof Uint8ArrayFromHex === "function" && pairs > 16) {
    try {
      const bytes = Uint8ArrayFromHex(StringPrototypeSlice(string, 0, pairs * 2));
      dest.set(bytes, offset);
      return pairs;
    } catch {
      // an invalid pair somewhere: find it below
    }
  }
  for (let i = 0; i < pairs; i++) {
    const hi = hexValue(StringPrototypeCharCodeAt(string, 2 * i));
    const lo = hexValue(StringPrototypeCharCodeAt(string, 2 * i + 1));
    if (hi < 0 || lo < 0) return i;
    dest[offset + i] = (hi << 4) | lo;
  }
  return pairs;
}

// atob's and btoa's work (base64.js), on binary strings. The engine's WHATWG
// atob/btoa give Node's answer whenever they accept the input: atob only takes
// canonical base64 (which every decoder reads alike), btoa only code units <= 0xFF.
function base64ToLatin1(string) {
  if (NATIVE_BASE64) {
    try {
      return nativeAtob(string);
    } catch {
      // junk the lenient decoder skips
    }
  }
  const bytes = base64Decode(string);
  return latin1Decode(bytes, 0, TypedArrayLength(bytes));
}

function latin1ToBase64(string) {
  if (NATIVE_BASE64 && !RegExpPrototypeTest(/[^\x00-\xff]/, string)) return nativeBtoa(string);
  const bytes = latin1Encode(string);
  return base64Encode(bytes, 0, TypedArrayLength(bytes), false);
}

internals.base64ToLatin1 = base64ToLatin1;
internals.latin1ToBase64 = latin1ToBase64;
internals.base64Encode = base64Encode;
internals.base64Decode = base64Decode;
internals.base64DecodeInto = base64DecodeInto;
internals.base64ByteLength = base64ByteLength;
internals.hexEncode = hexEncode;
internals.hexDecodeInto = hexDecodeInto;

// ---------------------------------------------------------------------------
// TextEncoder  https://encoding.spec.whatwg.org/#interface-textencoder
// ---------------------------------------------------------------------------

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

function invalidThis(type) {
  return nodeError(TypeError, "ERR_INVALID_THIS", `Value of "this" must be of type ${type}`);
}

class TextEncoder {
  #brand = true;

  static #is(value) {
    return value !== null && typeof value === "object" && #brand in value;
  }

  get encoding() {
    if (!TextEncoder.#is(this)) throw invalidThis("TextEncoder");
    return "utf-8";
  }

  encode(input = "") {
    if (!TextEncoder.#is(this)) throw invalidThis("TextEncoder");
    return utf8Encode(`${input}`);
  }

  encodeInto(src, dest) {
    if (!TextEncoder.#is(this)) throw invalidThis("TextEncoder");
    if (typeof src !== "string") throw invalidArgType("src", "string", src);
    if (!(dest instanceof Uint8Array)) throw invalidArgType("dest", "Uint8Array", dest);
    const [read, written] = utf8Write(src, dest, 0, TypedArrayLength(dest));
    return { read, written };
  }

  // Node prints `{ encoding: 'utf-8' }`.
  [INSPECT](depth, options, inspect) {
    if (typeof depth === "number" && depth < 0) return this;
    const obj = { encoding: this.encoding };
    return typeof inspect === "function" ? inspect(obj, options) : `{ encoding: 'utf-8' }`;
  }
}
Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: "TextEncoder", configurable: true });

// ---------------------------------------------------------------------------
// TextDecoder  https://encoding.spec.whatwg.org/#interface-textdecoder
// ---------------------------------------------------------------------------

// Labels of the encodings supported: https://encoding.spec.whatwg.org/#names-and-labels
const LABELS = {
  "utf-8": ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"],
  "utf-16le": ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"],
  "utf-16be": ["unicodefffe", "utf-16be"],
  "windows-1252": ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
    "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
    "us-ascii", "windows-1252", "x-cp1252"],
};
let labelTable;  // built on first use

// https://encoding.spec.whatwg.org/#concept-encoding-get
function encodingForLabel(label) {
  if (labelTable === undefined) {
    labelTable = new Map();
    for (const name of Object.keys(LABELS)) for (const l of LABELS[name]) labelTable.set(l, name);
  }
  return labelTable.get(label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").toLowerCase());
}

// windows-1252 bytes 0x80-0x9F: https://encoding.spec.whatwg.org/index-windows-1252.txt
const WINDOWS_1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

function windows1252Decode(bytes) {
  const text = latin1Decode(bytes);
  return text.replace(/[\x80-\x9f]/g, (ch) => StringFromCharCode(WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80]));
}

// How many trailing bytes of bytes[0, end) are a valid but incomplete UTF-8
// sequence, which a streaming decoder holds back for the next chunk. A lead
// byte is always decoded from the initial state, so the bytes before it decode
// the same whether or not the rest follows.
function utf8IncompleteTail(bytes, end) {
  for (let back = 1; back <= 3 && back <= end; back++) {
    const b = bytes[end - back];
    if (b >= 0x80 && b <= 0xbf) continue;  // continuation: look further back
    let needed;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) needed = 1;
    else if (b >= 0xe0 && b <= 0xef) { needed = 2; if (b === 0xe0) lower = 0xa0; else if (b === 0xed) upper = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { needed = 3; if (b === 0xf0) lower = 0x90; else if (b === 0xf4) upper = 0x8f; }
    else return 0;
    if (back - 1 >= needed) return 0;  // complete (or over-long run): nothing held
    for (let k = end - back + 1; k < end; k++) {
      if (bytes[k] < lower || bytes[k] > upper) return 0;
      lower = 0x80; upper = 0xbf;
    }
    return back;
  }
  return 0;
}

// UTF-16 code units of `bytes` (even length), swapping for big-endian.
function utf16Units(bytes, bigEndian) {
  const n = bytes.length >> 1;
  const units = new Uint16Array(n);
  const hi = bigEndian ? 0 : 1;
  for (let i = 0; i < n; i++) units[i] = (bytes[2 * i + hi] << 8) | bytes[2 * i + 1 - hi];
  return units;
}

function unitsToString(units) {
  let out = "";
  for (let i = 0; i < units.length; i += CHUNK) {
    out += FromCharCodeApply(TypedArrayPrototypeSubarray(units, i, Math.min(i + CHUNK, units.length)));
  }
  return out;
}

function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (ArrayBufferIsView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return new Uint8Array(input);
}

function isBufferSource(input) {
  return ArrayBufferIsView(input) || input instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === "function" && input instanceof SharedArrayBuffer);
}

function concatBytes(a, b) {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const EMPTY = new Uint8Array(0);

class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  // Node 20 decodes 'utf-8' and 'windows-1252' on a fast path until a call
  // passes {stream: true}; its windows-1252 fast path decodes ISO-8859-1 (bytes
  // 0x80-0x9F as the C1 controls), and that is what Node 20 users observe.
  #fastPath;
  #pending = EMPTY;   // bytes held back by a streaming decode
  #bomSeen = false;

  static #is(value) {
    return value !== null && typeof value === "object" && #fatal in value;
  }

  constructor(label = "utf-8", options = {}) {
    label = `${label}`;
    if (options !== null && typeof options !== "object" && typeof options !== "function") {
      throw invalidArgType("options", "object", options);
    }
    const encoding = encodingForLabel(label);
    if (encoding === undefined) {
      throw nodeError(RangeError, "ERR_ENCODING_NOT_SUPPORTED", `The "${label}" encoding is not supported`);
    }
    this.#encoding = encoding;
    this.#fatal = Boolean(options?.fatal);
    this.#ignoreBOM = Boolean(options?.ignoreBOM);
    this.#fastPath = encoding === "utf-8" || encoding === "windows-1252";
  }

  get encoding() {
    if (!TextDecoder.#is(this)) throw invalidThis("TextDecoder");
    return this.#encoding;
  }

  get fatal() {
    if (!TextDecoder.#is(this)) throw invalidThis("TextDecoder");
    return this.#fatal;
  }

  get ignoreBOM() {
    if (!TextDecoder.#is(this)) throw invalidThis("TextDecoder");
    return this.#ignoreBOM;
  }

  // https://encoding.spec.whatwg.org/#dom-textdecoder-decode
  decode(input = EMPTY, options = {}) {
    if (!TextDecoder.#is(this)) throw invalidThis("TextDecoder");
    if (options?.stream) this.#fastPath = false;
    const encoding = this.#encoding;
    if (this.#fastPath) {
      if (!isBufferSource(input)) {
        throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", encoding === "utf-8"
          ? 'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.'
          : 'The "input" argument must be an instance of ArrayBuffer, SharedArrayBuffer, or ArrayBufferView.');
      }
      const bytes = toBytes(input);
      if (encoding === "windows-1252") {
        // Node 20's latin1 fast path also drops a leading 0xFF byte when ignoreBOM is set.
        const start = this.#ignoreBOM && bytes.length > 0 && bytes[0] === 0xff ? 1 : 0;
        return latin1Decode(bytes, start, bytes.length);
      }
      let start = 0;
      if (!this.#ignoreBOM && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
      const text = utf8DecodeRange(bytes, start, bytes.length, this.#fatal);
      if (text === null) throw this.#invalidData();
      return text;
    }
    if (!isBufferSource(input)) {
      throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
        'The "input" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
    }
    if (options !== null && typeof options !== "object" && typeof options !== "function") {
      throw invalidArgType("options", "object", options);
    }
    // Node flushes only when given an options object without `stream`: a null
    // options argument keeps the stream open.
    const stream = options === null || Boolean(options.stream);
    const bytes = concatBytes(this.#pending, toBytes(input));
    let held = 0;
    let text;
    if (encoding === "utf-8") {
      if (stream) held = utf8IncompleteTail(bytes, bytes.length);
      text = utf8DecodeRange(bytes, 0, bytes.length - held, this.#fatal);
    } else if (encoding === "windows-1252") {
      text = windows1252Decode(bytes);
    } else {
      // https://encoding.spec.whatwg.org/#shared-utf-16-decoder
      held = bytes.length & 1;
      let units = utf16Units(held ? bytes.subarray(0, bytes.length - 1) : bytes, encoding === "utf-16be");
      const last = units.length ? units[units.length - 1] : 0;
      const leadAtEnd = last >= 0xd800 && last <= 0xdbff;
      if (stream && leadAtEnd) {  // a lead surrogate waits for its pair
        held += 2;
        units = units.subarray(0, units.length - 1);
      }
      text = unitsToString(units);
      if (this.#fatal && !StringPrototypeIsWellFormed(text)) text = null;
      else text = StringPrototypeToWellFormed(text);
      if (!stream && held) {
        // End of stream inside a code unit: one error, which is the same error
        // as an unpaired lead surrogate just before it (already U+FFFD above).
        if (this.#fatal) text = null;
        else if (!leadAtEnd) text += "\ufffd";
        held = 0;
      }
    }
    if (text === null) {
      this.#reset();
      throw this.#invalidData();
    }
    this.#pending = held ? bytes.slice(bytes.length - held) : EMPTY;
    // https://encoding.spec.whatwg.org/#concept-td-serialize
    if (text.length > 0 && !this.#bomSeen) {
      this.#bomSeen = true;
      if (!this.#ignoreBOM && encoding !== "windows-1252" && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!stream) this.#reset();
    return text;
  }

  #reset() {
    this.#pending = EMPTY;
    this.#bomSeen = false;
  }

  #invalidData() {
    return nodeError(TypeError, "ERR_ENCODING_INVALID_ENCODED_DATA",
      `The encoded data was not valid for encoding ${this.#encoding}`);
  }

  // Node prints `TextDecoder { encoding: 'utf-8', fatal: false, ignoreBOM: false }`.
  [INSPECT](depth, options, inspect) {
    if (typeof depth === "number" && depth < 0) return this;
    const obj = { encoding: this.encoding, fatal: this.fatal, ignoreBOM: this.ignoreBOM };
    const body = typeof inspect === "function" ? inspect(obj)
      : `{ encoding: '${obj.encoding}', fatal: ${obj.fatal}, ignoreBOM: ${obj.ignoreBOM} }`;
    return `${this.constructor.name} ${body}`;
  }
}
Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: "TextDecoder", configurable: true });

// Web IDL attributes and operations are enumerable: https://webidl.spec.whatwg.org/#es-attributes
for (const [C, names] of [[TextEncoder, ["encoding", "encode", "encodeInto"]],
  [TextDecoder, ["encoding", "fatal", "ignoreBOM", "decode"]]]) {
  for (const name of names) Object.defineProperty(C.prototype, name, { enumerable: true });
}

internals.TextEncoder = TextEncoder;
internals.TextDecoder = TextDecoder;
internals.defineGlobal("TextEncoder", TextEncoder);
internals.defineGlobal("TextDecoder", TextDecoder);
