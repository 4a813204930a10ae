// FormData: the web class (https://xhr.spec.whatwg.org/#interface-formdata), usable as a
// fetch body, with the methods of the npm `form-data` package Segment exposes under this
// name (getHeaders, getBoundary, getBuffer, getLengthSync) so code written for either works.

const kEntries = Symbol("entries");
const kBoundary = Symbol("boundary");

function entryValue(value, filename) {
  const { Blob, Buffer } = internals;
  if (value instanceof Blob) return { blob: value, filename: filename !== undefined ? String(filename) : (value.name || "blob") };
  if (value instanceof Uint8Array) {
    return { blob: new Blob([value], { type: "application/octet-stream" }), filename: filename !== undefined ? String(filename) : "blob" };
  }
  return String(value);
}

class FormData {
  constructor(form) {
    if (form !== undefined) throw new TypeError("FormData: a form element is not supported here");
    this[kEntries] = [];
    let boundary = "--------------------------";
    for (let i = 0; i < 24; i++) boundary += Math.floor(Math.random() * 10);
    this[kBoundary] = boundary;
  }

  // form-data's third argument may be a filename or {filename, contentType}.
  append(name, value, options) {
    let filename = options;
    if (options && typeof options === "object") {
      filename = options.filename;
      if (options.contentType && !(value instanceof internals.Blob)) {
        value = new internals.Blob([typeof value === "string" ? value : value], { type: options.contentType });
      }
    }
    this[kEntries].push([String(name), entryValue(value, filename)]);
  }

  set(name, value, filename) {
    name = String(name);
    const index = this[kEntries].findIndex(([n]) => n === name);
    const entry = [name, entryValue(value, filename)];
    if (index < 0) { this[kEntries].push(entry); return; }
    this[kEntries] = this[kEntries].filter(([n], i) => n !== name || i === index);
    this[kEntries][this[kEntries].findIndex(([n]) => n === name)] = entry;
  }

  get(name) {
    const found = this[kEntries].find(([n]) => n === String(name));
    return found === undefined ? null : publicValue(found[1]);
  }
  getAll(name) { return this[kEntries].filter(([n]) => n === String(name)).map(([, v]) => publicValue(v)); }
  has(name) { return this[kEntries].some(([n]) => n === String(name)); }
  delete(name) { this[kEntries] = this[kEntries].filter(([n]) => n !== String(name)); }
  *entries() { for (const [n, v] of this[kEntries]) yield [n, publicValue(v)]; }
  *keys() { for (const [n] of this[kEntries]) yield n; }
  *values() { for (const [, v] of this[kEntries]) yield publicValue(v); }
  forEach(callback, thisArg) { for (const [n, v] of this.entries()) callback.call(thisArg, v, n, this); }
  [Symbol.iterator]() { return this.entries(); }
  get [Symbol.toStringTag]() { return "FormData"; }

  // --- the npm form-data package's methods ---
  getBoundary() { return this[kBoundary]; }
  getHeaders(extra = {}) { return { ...extra, "content-type": `multipart/form-data; boundary=${this[kBoundary]}` }; }
  getBuffer() { return internals.Buffer.from(encode(this)); }
  getLengthSync() { return encode(this).length; }
}

function publicValue(value) {
  return typeof value === "string" ? value : value.blob;
}

// https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#multipart-form-data
function encode(form) {
  const boundary = form[kBoundary];
  const parts = [];
  const escape = (text) => text.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
  for (const [name, value] of form[kEntries]) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"`;
    if (typeof value === "string") {
      parts.push(internals.utf8Encode(`${head}\r\n\r\n${value}\r\n`));
    } else {
      head += `; filename="${escape(value.filename)}"\r\nContent-Type: ${value.blob.type || "application/octet-stream"}\r\n\r\n`;
      parts.push(internals.utf8Encode(head), internals.blobBytes(value.blob), internals.utf8Encode("\r\n"));
    }
  }
  parts.push(internals.utf8Encode(`--${boundary}--\r\n`));
  return internals.concatBytes(...parts);
}

// fetch.js: a FormData body is sent as multipart with node-fetch's content type for form-data.
internals.formDataBody = (value) => (value instanceof FormData
  ? { bytes: encode(value), contentType: `multipart/form-data;boundary=${value[kBoundary]}` }
  : null);
internals.FormData = FormData;
internals.defineGlobal("FormData", FormData);
