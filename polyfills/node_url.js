// Node's `url` module for library code: the WHATWG classes (url.js) and the legacy API
// (`url.parse`, `url.format`, `url.resolve`, the `Url` class) that older packages still use.
// https://nodejs.org/docs/latest-v20.x/api/url.html#legacy-url-api
// The legacy parser is not a standard: this follows what Node 20's does, step by step.

const { URL, URLSearchParams } = internals;

// Protocols that never have a host (javascript:), and the ones whose URLs always get "//".
const HOSTLESS = new Set(["javascript", "javascript:"]);
const SLASHED = new Set(["http", "http:", "https", "https:", "ftp", "ftp:", "gopher", "gopher:", "file", "file:",
  "ws", "ws:", "wss", "wss:"]);

const SIMPLE_PATH = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const PROTOCOL = /^[a-z0-9.+-]+:/i;
const AUTH_HOST = /^\/\/[^@/]+@[^@/]+/;
const PORT = /:[0-9]*$/;
const FORBIDDEN_HOST = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const FORBIDDEN_HOST_IPV6 = /[\0\t\n\r #%/<>?@\\^|]/;
const HOSTNAME_MAX = 255;

// Characters the legacy parser percent-encodes in the part after the host.
const AUTO_ESCAPE = { "\t": "%09", "\n": "%0A", "\r": "%0D", " ": "%20", '"': "%22", "'": "%27", "<": "%3C",
  ">": "%3E", "\\": "%5C", "^": "%5E", "`": "%60", "{": "%7B", "|": "%7C", "}": "%7D" };
const AUTO_ESCAPE_RE = /[\t\n\r "'<>\\^`{|}]/g;

function invalidUrl(input) {
  const err = new TypeError("Invalid URL");
  err.code = "ERR_INVALID_URL";
  err.input = input;
  return err;
}

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

const isWhitespace = (code) => code < 33 || code === 0xa0 || code === 0xfeff;

// Trims whitespace and turns backslashes before the first "?" or "#" into slashes.
function prepare(url) {
  let start = -1, end = -1, inWhitespace = false, split = false;
  let hasHash = false, hasAt = false;
  let out = "";
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    const ws = isWhitespace(code);
    if (start === -1) {
      if (ws) continue;
      start = i;
    } else if (inWhitespace) {
      if (!ws) { end = -1; inWhitespace = false; }
    } else if (ws) {
      end = i;
      inWhitespace = true;
    }
    if (!split) {
      if (code === 0x40) hasAt = true;
      else if (code === 0x23) { hasHash = true; split = true; }
      else if (code === 0x3f) split = true;
    } else if (code === 0x23) {
      hasHash = true;
    }
  }
  if (start === -1) return { rest: "", hasHash, hasAt };
  const trimmed = url.slice(start, end === -1 ? url.length : end);
  const cut = trimmed.search(/[?#]/);
  out = cut === -1 ? trimmed.replace(/\\/g, "/") : trimmed.slice(0, cut).replace(/\\/g, "/") + trimmed.slice(cut);
  return { rest: out, hasHash, hasAt };
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  if (typeof url !== "string") throw internals.invalidArgType("url", "string", url);
  const qs = internals.node_querystring;
  let { rest, hasHash, hasAt } = prepare(url);

  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simple = SIMPLE_PATH.exec(rest);
    if (simple) {
      this.path = rest;
      this.href = rest;
      this.pathname = simple[1];
      if (simple[2]) {
        this.search = simple[2];
        this.query = parseQueryString ? qs.parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = Object.create(null);
      }
      return this;
    }
  }

  let proto = PROTOCOL.exec(rest);
  let lowerProto;
  if (proto) {
    proto = proto[0];
    lowerProto = proto.toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }

  let slashes;
  if (slashesDenoteHost || proto || AUTH_HOST.test(rest)) {
    slashes = rest.charCodeAt(0) === 0x2f && rest.charCodeAt(1) === 0x2f;
    if (slashes && !(proto && HOSTLESS.has(lowerProto))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  if (!HOSTLESS.has(lowerProto) && (slashes || (proto && !SLASHED.has(proto)))) {
    // The host ends at the first "/", "?" or "#"; the last "@" before it ends the auth.
    let hostEnd = -1, atSign = -1, nonHost = -1;
    for (let i = 0; i < rest.length && hostEnd === -1; i++) {
      switch (rest.charCodeAt(i)) {
        case 0x09: case 0x0a: case 0x0d: case 0x20: case 0x22: case 0x25: case 0x27: case 0x3b: case 0x3c:
        case 0x3e: case 0x5c: case 0x5e: case 0x60: case 0x7b: case 0x7c: case 0x7d:
          if (nonHost === -1) nonHost = i;
          break;
        case 0x23: case 0x2f: case 0x3f:
          if (nonHost === -1) nonHost = i;
          hostEnd = i;
          break;
        case 0x40:
          atSign = i;
          nonHost = -1;
          break;
      }
    }
    let start = 0;
    if (atSign !== -1) {
      this.auth = decodeURIComponent(rest.slice(0, atSign));
      start = atSign + 1;
    }
    if (nonHost === -1) {
      this.host = rest.slice(start);
      rest = "";
    } else {
      this.host = rest.slice(start, nonHost);
      rest = rest.slice(nonHost);
    }
    this.parseHost();
    if (typeof this.hostname !== "string") this.hostname = "";
    let hostname = this.hostname;
    const ipv6 = hostname.charCodeAt(0) === 0x5b && hostname.charCodeAt(hostname.length - 1) === 0x5d;
    if (!ipv6) {
      // A character a host cannot have ends it: the rest becomes the path.
      for (let i = 0; i < hostname.length; i++) {
        const code = hostname.charCodeAt(i);
        if (code === 0x2f || code === 0x5c || code === 0x23 || code === 0x3f || code === 0x3a) {
          this.hostname = hostname.slice(0, i);
          rest = `/${hostname.slice(i)}${rest}`;
          break;
        }
      }
    }
    this.hostname = this.hostname.length > HOSTNAME_MAX ? "" : this.hostname.toLowerCase();
    if (this.hostname !== "") {
      if (ipv6) {
        if (FORBIDDEN_HOST_IPV6.test(this.hostname)) throw invalidUrl(url);
      } else {
        this.hostname = toASCII(this.hostname);
        if (FORBIDDEN_HOST.test(this.hostname)) throw invalidUrl(url);
      }
    }
    this.host = (this.hostname || "") + (this.port ? ":" + this.port : "");
    if (ipv6) {
      this.hostname = this.hostname.slice(1, -1);
      if (rest[0] !== "/") rest = "/" + rest;
    }
  }

  if (!HOSTLESS.has(lowerProto)) rest = rest.replace(AUTO_ESCAPE_RE, (c) => AUTO_ESCAPE[c]);

  let questionIdx = -1, hashIdx = -1;
  for (let i = 0; i < rest.length; i++) {
    const code = rest.charCodeAt(i);
    if (code === 0x23) {
      this.hash = rest.slice(i);
      hashIdx = i;
      break;
    } else if (code === 0x3f && questionIdx === -1) {
      questionIdx = i;
    }
  }
  if (questionIdx !== -1) {
    this.search = rest.slice(questionIdx, hashIdx === -1 ? rest.length : hashIdx);
    this.query = rest.slice(questionIdx + 1, hashIdx === -1 ? rest.length : hashIdx);
    if (parseQueryString) this.query = qs.parse(this.query);
  } else if (parseQueryString) {
    this.search = null;
    this.query = Object.create(null);
  }
  const firstIdx = questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx) ? questionIdx : hashIdx;
  if (firstIdx === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (firstIdx > 0) {
    this.pathname = rest.slice(0, firstIdx);
  }
  if (SLASHED.has(lowerProto) && this.hostname && !this.pathname) this.pathname = "/";
  if (this.pathname || this.search) this.path = (this.pathname || "") + (this.search || "");
  this.href = this.format();
  return this;
};

Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  const port = PORT.exec(host);
  if (port) {
    if (port[0] !== ":") this.port = port[0].slice(1);
    host = host.slice(0, host.length - port[0].length);
  }
  if (host) this.hostname = host;
};

// A non-ASCII host name in its punycode form (the WHATWG host parser's domain to ASCII).
function toASCII(hostname) {
  if (!/[^\0-\x7f]/.test(hostname)) return hostname;
  try {
    return new URL(`http://${hostname}/`).hostname;
  } catch {
    return "";
  }
}

// Characters kept as they are in the auth part of a formatted URL; others are percent-encoded.
const AUTH_KEEP = /[A-Za-z0-9!$&'()*+,\-.:;=_~]/;
function encodeAuth(auth) {
  let out = "";
  for (const ch of auth) {
    if (ch.length === 1 && AUTH_KEEP.test(ch)) out += ch;
    else for (const byte of internals.utf8Encode(ch)) out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

Url.prototype.format = function format() {
  let auth = this.auth || "";
  if (auth) auth = encodeAuth(auth) + "@";
  let protocol = this.protocol || "";
  let pathname = this.pathname || "";
  let hash = this.hash || "";
  let host = "";
  let query = "";
  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    const name = this.hostname;
    host = auth + (name.includes(":") && !(name[0] === "[" && name[name.length - 1] === "]") ? `[${name}]` : name);
    if (this.port) host += ":" + this.port;
  }
  if (this.query !== null && typeof this.query === "object") query = internals.node_querystring.stringify(this.query);
  let search = this.search || (query && "?" + query) || "";
  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 0x3a) protocol += ":";
  pathname = pathname.replace(/[#?]/g, (c) => (c === "#" ? "%23" : "%3F"));
  if (this.slashes || SLASHED.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 0x2f) pathname = "/" + pathname;
      host = "//" + host;
    } else if (protocol.startsWith("file")) {
      host = "//";
    }
  }
  search = search.replace(/#/g, "%23");
  if (hash && hash.charCodeAt(0) !== 0x23) hash = "#" + hash;
  if (search && search.charCodeAt(0) !== 0x3f) search = "?" + search;
  return protocol + host + pathname + search + hash;
};

// https://www.rfc-editor.org/rfc/rfc3986#section-5.2.4
function removeDotSegments(path) {
  const input = path.split("/");
  const out = [];
  for (let i = 0; i < input.length; i++) {
    const segment = input[i];
    const last = i === input.length - 1;
    if (segment === ".") {
      if (last) out.push("");
    } else if (segment === "..") {
      if (out.length > 1 || (out.length === 1 && out[0] !== "")) out.pop();
      if (last) out.push("");
    } else {
      out.push(segment);
    }
  }
  return out.join("/");
}

// Reference resolution (RFC 3986 section 5.2.2) over legacy Url objects.
Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === "string") relative = urlParse(relative, false, true);
  const result = new Url();
  Object.assign(result, this);
  result.hash = relative.hash;
  if (relative.href === "") {
    result.href = result.format();
    return result;
  }
  if (relative.slashes && !relative.protocol) {
    Object.assign(result, relative, { protocol: this.protocol });
    if (SLASHED.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = "/";
    result.href = result.format();
    return result;
  }
  if (relative.protocol && relative.protocol !== this.protocol) {
    Object.assign(result, relative);
    result.href = result.format();
    return result;
  }
  if (relative.host) {
    Object.assign(result, relative, { protocol: this.protocol || relative.protocol });
  } else if (!relative.pathname) {
    if (relative.search !== null) {
      result.search = relative.search;
      result.query = relative.query;
    }
  } else {
    let path = relative.pathname;
    if (path.charCodeAt(0) !== 0x2f) {
      const base = this.pathname || (this.host ? "/" : "");
      path = base.slice(0, base.lastIndexOf("/") + 1) + path;
    }
    const absolute = path.charCodeAt(0) === 0x2f;
    path = removeDotSegments(path);
    if (!absolute && path.charCodeAt(0) === 0x2f) path = path.slice(1);
    result.pathname = path;
    result.search = relative.search;
    result.query = relative.query;
  }
  result.path = result.pathname || result.search ? (result.pathname || "") + (result.search || "") : null;
  result.href = result.format();
  return result;
};

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format();
};

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  const out = new Url();
  out.parse(url, parseQueryString, slashesDenoteHost);
  return out;
}

function urlFormat(value, options) {
  if (typeof value === "string") value = urlParse(value);
  else if (typeof value !== "object" || value === null) {
    throw internals.invalidArgType("urlObject", ["Object", "string"], value);
  } else if (value instanceof URL) {
    const url = new URL(value.href);
    if (options && options.fragment === false) url.hash = "";
    if (options && options.search === false) url.search = "";
    if (options && options.auth === false) { url.username = ""; url.password = ""; }
    return url.href;
  }
  return Url.prototype.format.call(value);
}

function fileURLToPath(value) {
  const url = typeof value === "string" ? new URL(value) : value;
  if (!(url instanceof URL)) throw internals.invalidArgType("path", ["string", "URL"], value);
  if (url.protocol !== "file:") {
    const err = new TypeError("The URL must be of scheme file");
    err.code = "ERR_INVALID_URL_SCHEME";
    throw err;
  }
  if (url.hostname !== "") {
    const err = new TypeError(`File URL host must be "localhost" or empty on linux`);
    err.code = "ERR_INVALID_FILE_URL_HOST";
    throw err;
  }
  if (/%2f/i.test(url.pathname)) {
    const err = new TypeError("File URL path must not include encoded / characters");
    err.code = "ERR_INVALID_FILE_URL_PATH";
    throw err;
  }
  return decodeURIComponent(url.pathname);
}

function pathToFileURL(path) {
  const url = new URL("file://");
  let resolved = String(path);
  if (!resolved.startsWith("/")) resolved = "/" + resolved;
  url.pathname = resolved.replace(/%/g, "%25").replace(/\\/g, "%5C").replace(/\n/g, "%0A").replace(/\r/g, "%0D")
    .replace(/\t/g, "%09");
  return url;
}

// The options http.request takes, from a URL (Node's url.urlToHttpOptions).
function urlToHttpOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash, search: url.search, pathname: url.pathname, path: `${url.pathname || ""}${url.search || ""}`,
    href: url.href,
  };
  if (url.port !== "") options.port = Number(url.port);
  if (url.username || url.password) {
    options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return options;
}

internals.node_url = {
  Url,
  parse: urlParse,
  format: urlFormat,
  resolve: (source, relative) => urlParse(source, false, true).resolve(relative),
  resolveObject: (source, relative) => (source ? urlParse(source, false, true).resolveObject(relative) : relative),
  URL,
  URLSearchParams,
  domainToASCII: (domain) => toASCII(String(domain).toLowerCase()),
  domainToUnicode: (domain) => String(domain).toLowerCase(),
  fileURLToPath,
  pathToFileURL,
  urlToHttpOptions,
};
