// Node's `string_decoder` module: decodes byte chunks without splitting characters.
// https://nodejs.org/docs/latest-v20.x/api/string_decoder.html
// utf8 keeps an incomplete sequence for the next chunk (TextDecoder's streaming mode gives
// the same replacement characters as Node); utf16le keeps an odd byte and a high surrogate;
// base64/base64url keep the bytes of an incomplete 3-byte group; the others need no state.

const ENCODINGS = {
  utf8: "utf8", "utf-8": "utf8", utf16le: "utf16le", "utf-16le": "utf16le", ucs2: "utf16le", "ucs-2": "utf16le",
  latin1: "latin1", binary: "latin1", base64: "base64", base64url: "base64url", hex: "hex", ascii: "ascii",
};

function normalise(encoding) {
  if (encoding === undefined || encoding === null || encoding === "") return "utf8";
  const found = ENCODINGS[String(encoding).toLowerCase()];
  if (found === undefined) {
    const err = new TypeError(`Unknown encoding: ${encoding}`);
    err.code = "ERR_UNKNOWN_ENCODING";
    throw err;
  }
  return found;
}

function toBytes(buffer) {
  if (buffer instanceof Uint8Array) return buffer;
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  throw internals.invalidArgType("buf", ["Buffer", "TypedArray", "DataView"], buffer);
}

function joined(pending, bytes) {
  if (pending.length === 0) return bytes;
  const all = new Uint8Array(pending.length + bytes.length);
  all.set(pending);
  all.set(bytes, pending.length);
  return all;
}

const text = (bytes, encoding) => internals.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(encoding);

class StringDecoder {
  #utf8 = null;
  #pending = new Uint8Array(0);

  constructor(encoding) {
    this.encoding = normalise(encoding);
    if (this.encoding === "utf8") this.#utf8 = new internals.TextDecoder("utf-8");
  }

  write(buffer) {
    if (typeof buffer === "string") return buffer;
    const bytes = toBytes(buffer);
    if (this.#utf8 !== null) return this.#utf8.decode(bytes, { stream: true });
    switch (this.encoding) {
      case "utf16le": {
        const all = joined(this.#pending, bytes);
        let usable = all.length - (all.length % 2);
        // A high surrogate waits for its pair.
        if (usable >= 2) {
          const last = all[usable - 2] | (all[usable - 1] << 8);
          if (last >= 0xd800 && last <= 0xdbff) usable -= 2;
        }
        this.#pending = all.slice(usable);
        return text(all.subarray(0, usable), "utf16le");
      }
      case "base64":
      case "base64url": {
        const all = joined(this.#pending, bytes);
        const usable = all.length - (all.length % 3);
        this.#pending = all.slice(usable);
        return text(all.subarray(0, usable), this.encoding);
      }
      default:
        return text(bytes, this.encoding);
    }
  }

  end(buffer) {
    let out = buffer === undefined ? "" : this.write(buffer);
    if (this.#utf8 !== null) {
      out += this.#utf8.decode();
    } else if (this.#pending.length) {
      const rest = this.#pending;
      // An odd trailing byte of utf16le is dropped; a held high surrogate comes out alone.
      out += this.encoding === "utf16le" ? text(rest.subarray(0, rest.length - (rest.length % 2)), "utf16le")
        : text(rest, this.encoding);
    }
    this.#pending = new Uint8Array(0);
    return out;
  }
}

internals.node_string_decoder = { StringDecoder };
