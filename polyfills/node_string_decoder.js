// Node's `string_decoder` module: decodes byte chunks without splitting characters.
// https://nodejs.org/docs/latest-v20.x/api/string_decoder.html

const ENCODINGS = { utf8: "utf-8", "utf-8": "utf-8", utf16le: "utf-16le", "utf-16le": "utf-16le", ucs2: "utf-16le",
  "ucs-2": "utf-16le", latin1: "latin1", binary: "latin1" };

class StringDecoder {
  constructor(encoding = "utf8") {
    const normal = String(encoding).toLowerCase();
    this.encoding = normal === "utf-8" ? "utf8" : normal;
    const label = ENCODINGS[normal];
    this._decoder = label ? new internals.TextDecoder(label) : null;
    this._pending = new Uint8Array(0);
  }

  write(buffer) {
    if (typeof buffer === "string") return buffer;
    const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
    if (this._decoder) return this._decoder.decode(bytes, { stream: true });
    // base64 and hex: whole groups only (3 bytes for base64), the rest waits for the next chunk.
    const all = new Uint8Array(this._pending.length + bytes.length);
    all.set(this._pending);
    all.set(bytes, this._pending.length);
    const usable = this.encoding === "base64" ? all.length - (all.length % 3) : all.length;
    this._pending = all.slice(usable);
    return internals.Buffer.from(all.subarray(0, usable)).toString(this.encoding);
  }

  end(buffer) {
    let out = buffer === undefined ? "" : this.write(buffer);
    if (this._decoder) out += this._decoder.decode();
    else if (this._pending.length) out += internals.Buffer.from(this._pending).toString(this.encoding);
    this._pending = new Uint8Array(0);
    return out;
  }
}

internals.node_string_decoder = { StringDecoder };
