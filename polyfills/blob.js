// Blob, as Node 20 exposes it: what `response.blob()` returns and a fetch body.
// https://w3c.github.io/FileAPI/#blob-section
// Parts are kept as one byte array: blobs here are small request/response bodies.

const kBytes = Symbol("bytes");

function partBytes(part) {
  if (part instanceof Blob) return part[kBytes];
  if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
  return internals.utf8Encode(String(part));
}

class Blob {
  #type;
  constructor(parts = [], options = undefined) {
    if (parts === null || typeof parts !== "object" || typeof parts[Symbol.iterator] !== "function") {
      throw new TypeError("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
    }
    const chunks = [];
    for (const part of parts) chunks.push(partBytes(part));
    this[kBytes] = internals.concatBytes(...chunks);
    // https://w3c.github.io/FileAPI/#dom-blob-blob (type: lowercase, printable ASCII only)
    const type = options && options.type !== undefined ? String(options.type) : "";
    this.#type = /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : "";
  }

  get size() { return this[kBytes].length; }
  get type() { return this.#type; }

  // https://w3c.github.io/FileAPI/#dfn-slice
  slice(start = 0, end = this.size, contentType = "") {
    const size = this.size;
    const from = start < 0 ? Math.max(size + start, 0) : Math.min(start, size);
    const to = end < 0 ? Math.max(size + end, 0) : Math.min(end, size);
    const blob = new Blob([], { type: contentType });
    blob[kBytes] = this[kBytes].slice(from, Math.max(from, to));
    return blob;
  }

  async text() { return internals.utf8Decode(this[kBytes], 0, this[kBytes].length); }
  async arrayBuffer() { return this[kBytes].slice().buffer; }
  async bytes() { return this[kBytes].slice(); }

  get [Symbol.toStringTag]() { return "Blob"; }

  [Symbol.for("nodejs.util.inspect.custom")](depth, options, inspect) {
    return "Blob " + inspect({ size: this.size, type: this.#type }, options);
  }
}

internals.Blob = Blob;
internals.blobBytes = (blob) => blob[kBytes];
internals.defineGlobal("Blob", Blob);
