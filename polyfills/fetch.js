// fetch, Request, Response with node-fetch 2.6's behaviour: Segment's runtime
// exposes node-fetch v2 as `fetch` (docs 004 "Runtime and dependencies";
// RUNTIME-FACTS "fetch"). The request is built here exactly as node-fetch sends
// it; the exchange itself is the host op `fetch.start` (jshost/ops/fetch.py).
//
// node-fetch specifics kept on purpose (they differ from WHATWG fetch):
//   - the method is upper-cased whatever it is ('patch' goes out as PATCH);
//   - a string body gets `text/plain;charset=UTF-8`, URLSearchParams
//     `application/x-www-form-urlencoded;charset=UTF-8`, any other object is
//     sent as String(body) ("[object Object]");
//   - default headers Accept: */*, User-Agent, Accept-Encoding: gzip,deflate and
//     Content-Length ('0' for a POST/PUT without body);
//   - non-2xx statuses resolve; network failures reject with FetchError
//     {type, code, errno}; abort rejects with AbortError (type 'aborted');
//   - `timeout`, `size`, `follow`, `compress` options; `res.buffer()`.

const { Headers, URL, URLSearchParams, Blob } = internals;
const JSONParse = internals.JSONParse;

// --- errors (node-fetch lib/fetch-error.js, lib/abort-error.js) ----------------

class FetchError extends Error {
  constructor(message, type, systemError) {
    super(message);
    this.message = message;
    this.type = type;
    if (systemError) {
      // node-fetch assigns `this.code = this.errno = systemError.code`
      this.errno = systemError.code;
      this.code = systemError.code;
    }
  }
}
Object.defineProperty(FetchError.prototype, "name", { value: "FetchError", writable: true, configurable: true });

class AbortError extends Error {
  constructor(message) {
    super(message);
    this.message = message;
    this.type = "aborted";
  }
}
Object.defineProperty(AbortError.prototype, "name", { value: "AbortError", writable: true, configurable: true });

// --- bodies (node-fetch lib/body.js) -------------------------------------------

const kBody = Symbol("body");
const kUsed = Symbol("used");

function isURLSearchParams(value) {
  return value instanceof URLSearchParams || (value !== null && typeof value === "object"
    && typeof value.append === "function" && typeof value.getAll === "function"
    && typeof value.sort === "function" && Object.prototype.toString.call(value) === "[object URLSearchParams]");
}

function isFormData(value) {
  return internals.formDataBody !== undefined && internals.formDataBody(value) !== null;
}

// A body value as node-fetch stores it: {text} for text, {bytes} for binary, or null.
function extractBody(body) {
  if (body === null || body === undefined) return null;
  if (typeof body === "string") return { text: body };
  if (isURLSearchParams(body)) return { text: body.toString() };
  if (body instanceof Blob) return { bytes: internals.blobBytes(body).slice() };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body.slice(0)) };
  if (ArrayBuffer.isView(body)) {
    return { bytes: new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)) };
  }
  if (isFormData(body)) return internals.formDataBody(body);
  if (body instanceof Body) return body[kBody] === null ? null : { ...body[kBody] };
  return { text: String(body) };
}

// node-fetch extractContentType
function contentTypeOf(body) {
  if (body === null || body === undefined) return null;
  if (typeof body === "string") return "text/plain;charset=UTF-8";
  if (isURLSearchParams(body)) return "application/x-www-form-urlencoded;charset=UTF-8";
  if (body instanceof Blob) return body.type || null;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return null;
  if (isFormData(body)) return internals.formDataBody(body).contentType;
  return "text/plain;charset=UTF-8";
}

function bodyBytes(stored) {
  if (stored === null) return new Uint8Array(0);
  if (stored.bytes === undefined) stored.bytes = internals.utf8Encode(stored.text);
  return stored.bytes;
}

function bodyText(stored) {
  if (stored === null) return "";
  if (stored.text === undefined) stored.text = internals.utf8Decode(stored.bytes, 0, stored.bytes.length);
  return stored.text;
}

function toBuffer(bytes) {
  return internals.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

class Body {
  constructor(body, { size = 0, timeout = 0 } = {}) {
    this[kBody] = extractBody(body);
    this[kUsed] = false;
    this.size = size;
    this.timeout = timeout;
  }

  get bodyUsed() { return this[kUsed]; }

  // node-fetch exposes a Node stream; here an async-iterable of one Buffer chunk.
  get body() {
    if (this[kBody] === null) return null;
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        const bytes = await self.buffer();
        if (bytes.length) yield bytes;
      },
    };
  }

  #consume() {
    if (this[kUsed]) return Promise.reject(new TypeError(`body used already for: ${this.url}`));
    this[kUsed] = true;
    return Promise.resolve(this[kBody]);
  }

  text() { return this.#consume().then(bodyText); }
  buffer() { return this.#consume().then((stored) => toBuffer(bodyBytes(stored).slice())); }
  arrayBuffer() { return this.#consume().then((stored) => bodyBytes(stored).slice().buffer); }
  textConverted() { return this.text(); }

  blob() {
    const type = (this.headers && this.headers.get("content-type")) || "";
    return this.#consume().then((stored) => new Blob([bodyBytes(stored)], { type: type.toLowerCase() }));
  }

  json() {
    return this.#consume().then((stored) => {
      try {
        return JSONParse(bodyText(stored));
      } catch (err) {
        throw new FetchError(`invalid json response body at ${this.url} reason: ${err.message}`, "invalid-json");
      }
    });
  }
}

function cloneBody(instance) {
  if (instance.bodyUsed) throw new Error("cannot clone body after it is used");
  const stored = instance[kBody];
  return stored === null ? null : { ...stored };
}

// --- Request (node-fetch lib/request.js) -----------------------------------------

const kRequest = Symbol("request");

function parseAbsoluteURL(input) {
  const text = input !== null && typeof input === "object" && input.href ? input.href : `${input}`;
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError("Only absolute URLs are supported");
  }
  return url;
}

class Request extends Body {
  constructor(input, init = {}) {
    const fromRequest = input instanceof Request;
    const parsedURL = fromRequest ? new URL(input.url) : parseAbsoluteURL(input);
    const source = fromRequest ? input : {};
    init = init === null || init === undefined ? {} : init;
    const method = String(init.method || source.method || "GET").toUpperCase();
    const hasBody = (init.body !== null && init.body !== undefined) || (fromRequest && input[kBody] !== null);
    if (hasBody && (method === "GET" || method === "HEAD")) {
      throw new TypeError("Request with GET/HEAD method cannot have body");
    }
    const body = init.body !== null && init.body !== undefined ? init.body : fromRequest ? input : null;
    super(body instanceof Request ? null : body, {
      timeout: init.timeout || source.timeout || 0,
      size: init.size || source.size || 0,
    });
    if (body instanceof Request) this[kBody] = cloneBody(body);
    const headers = new Headers(init.headers || source.headers || {});
    if (body !== null && !headers.has("Content-Type")) {
      const type = body instanceof Request ? null : contentTypeOf(body);
      if (type) headers.append("Content-Type", type);
    }
    let signal = fromRequest ? input.signal : null;
    if ("signal" in init) signal = init.signal;
    if (signal !== null && signal !== undefined && !internals.isAbortSignal(signal)) {
      throw new TypeError("Expected signal to be an instanceof AbortSignal");
    }
    this[kRequest] = {
      method,
      redirect: init.redirect || source.redirect || "follow",
      headers,
      parsedURL,
      signal: signal === undefined ? null : signal,
    };
    this.follow = init.follow !== undefined ? init.follow : source.follow !== undefined ? source.follow : 20;
    this.compress = init.compress !== undefined ? init.compress : source.compress !== undefined ? source.compress : true;
    this.counter = init.counter || source.counter || 0;
    this.agent = init.agent || source.agent;
  }

  get method() { return this[kRequest].method; }
  get url() { return this[kRequest].parsedURL.href; }
  get headers() { return this[kRequest].headers; }
  get redirect() { return this[kRequest].redirect; }
  get signal() { return this[kRequest].signal; }
  clone() { return new Request(this); }
  get [Symbol.toStringTag]() { return "Request"; }
}

// --- Response (node-fetch lib/response.js) ---------------------------------------

const kResponse = Symbol("response");

// Node's http.STATUS_CODES, for `new Response(body, {status})` without statusText.
const STATUS_TEXT = {
  100: "Continue", 101: "Switching Protocols", 200: "OK", 201: "Created", 202: "Accepted",
  203: "Non-Authoritative Information", 204: "No Content", 205: "Reset Content", 206: "Partial Content",
  300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
  307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized",
  402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required",
  412: "Precondition Failed", 413: "Payload Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
  418: "I'm a Teapot", 422: "Unprocessable Entity", 425: "Too Early", 426: "Upgrade Required",
  428: "Precondition Required", 429: "Too Many Requests", 431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons", 500: "Internal Server Error", 501: "Not Implemented",
  502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
  505: "HTTP Version Not Supported", 511: "Network Authentication Required",
};

class Response extends Body {
  constructor(body = null, init = {}) {
    init = init === null || init === undefined ? {} : init;
    super(body, init);
    const status = init.status || 200;
    const headers = new Headers(init.headers);
    if (body !== null && body !== undefined && !headers.has("Content-Type")) {
      const type = contentTypeOf(body);
      if (type) headers.append("Content-Type", type);
    }
    this[kResponse] = {
      url: init.url,
      status,
      statusText: init.statusText || STATUS_TEXT[status],
      headers,
      counter: init.counter,
    };
  }

  get url() { return this[kResponse].url || ""; }
  get status() { return this[kResponse].status; }
  get ok() { return this[kResponse].status >= 200 && this[kResponse].status < 300; }
  get redirected() { return this[kResponse].counter > 0; }
  get statusText() { return this[kResponse].statusText; }
  get headers() { return this[kResponse].headers; }

  clone() {
    const copy = new Response(null, {
      url: this.url, status: this.status, statusText: this.statusText, headers: this.headers,
      counter: this[kResponse].counter,
    });
    copy[kBody] = cloneBody(this);
    copy.size = this.size;
    copy.timeout = this.timeout;
    return copy;
  }

  get [Symbol.toStringTag]() { return "Response"; }
}

// Response headers as node-fetch builds them: invalid names/values are skipped.
function responseHeaders(pairs) {
  const headers = new Headers();
  for (const [name, value] of pairs) {
    try { headers.append(name, value); } catch { /* createHeadersLenient */ }
  }
  return headers;
}

// --- fetch (node-fetch lib/index.js) ---------------------------------------------

const USER_AGENT = "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)";

function byteLength(stored) {
  if (stored === null) return 0;
  if (stored.bytes !== undefined) return stored.bytes.length;
  return internals.utf8Encode(stored.text).length;
}

// The wire form of a request (node-fetch getNodeRequestOptions).
function wireRequest(request) {
  const url = request[kRequest].parsedURL;
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError("Only HTTP(S) protocols are supported");
  }
  const headers = new Headers(request.headers);
  if (!headers.has("Accept")) headers.set("Accept", "*/*");
  const stored = request[kBody];
  let contentLength = null;
  if (stored === null && /^(POST|PUT)$/i.test(request.method)) contentLength = "0";
  if (stored !== null) contentLength = String(byteLength(stored));
  if (contentLength !== null) headers.set("Content-Length", contentLength);
  if (!headers.has("User-Agent")) headers.set("User-Agent", USER_AGENT);
  if (request.compress && !headers.has("Accept-Encoding")) headers.set("Accept-Encoding", "gzip,deflate");
  // The fragment never goes on the wire.
  const wireUrl = url.hash ? url.href.slice(0, url.href.length - url.hash.length) : url.href;
  let body = null;
  if (stored !== null) {
    body = stored.text !== undefined ? { text: stored.text } : { base64: toBuffer(stored.bytes).toString("base64") };
  }
  return {
    url: wireUrl,
    method: request.method,
    headers: Array.from(headers),
    body,
    redirect: request.redirect,
    follow: request.follow,
    timeout: request.timeout,
    size: request.size,
  };
}

function fetch(url, options) {
  return new Promise((resolve, reject) => {
    const request = new Request(url, options);
    const wire = wireRequest(request);
    const signal = request.signal;
    if (signal && signal.aborted) {
      reject(new AbortError("The user aborted a request."));
      return;
    }
    const { id, promise } = internals.startOp("fetch.start", wire);
    let onAbort = null;
    if (signal) {
      onAbort = () => {
        internals.cancelOp(id);
        reject(new AbortError("The user aborted a request."));
      };
      signal.addEventListener("abort", onAbort, { once: true });
    }
    const finish = () => { if (signal && onAbort) signal.removeEventListener("abort", onAbort); };
    promise.then((raw) => {
      finish();
      const body = raw.text !== undefined ? raw.text : internals.Buffer.from(raw.base64, "base64");
      const response = new Response(null, {
        url: raw.url, status: raw.status, statusText: raw.statusText,
        headers: responseHeaders(raw.headers), size: request.size, timeout: request.timeout,
        counter: raw.redirects,
      });
      response[kBody] = raw.text !== undefined ? { text: body } : { bytes: new Uint8Array(body) };
      resolve(response);
    }, (error) => {
      finish();
      reject(new FetchError(error.message, error.type || "system",
        error.code !== undefined ? { code: error.code } : undefined));
    });
  });
}

fetch.isRedirect = (code) => code === 301 || code === 302 || code === 303 || code === 307 || code === 308;
fetch.Promise = Promise;
fetch.Headers = Headers;
fetch.Request = Request;
fetch.Response = Response;
fetch.FetchError = FetchError;
fetch.AbortError = AbortError;
fetch.default = fetch;

internals.fetch = fetch;
internals.Request = Request;
internals.Response = Response;
internals.FetchError = FetchError;
internals.defineGlobal("fetch", fetch);
internals.defineGlobal("Request", Request);
internals.defineGlobal("Response", Response);
