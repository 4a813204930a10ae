// Node's `querystring` module. https://nodejs.org/docs/latest-v20.x/api/querystring.html

// decodeURIComponent, or when that fails (a stray "%" or bytes that are not UTF-8), Node's
// fallback: every valid %XX becomes its byte, the rest stays, and the bytes are read as UTF-8.
function unescape(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    const bytes = [];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x25 && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
        bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else if (code < 0x80) {
        bytes.push(code);
      } else {
        for (const byte of internals.utf8Encode(text[i])) bytes.push(byte);
      }
    }
    return internals.utf8Decode(Uint8Array.from(bytes));
  }
}

// Node's escape keeps A-Z a-z 0-9 - . _ ~ ! ' ( ) * and percent-encodes the rest as UTF-8.
function escape(text) {
  return encodeURIComponent(text);
}

function parse(text, sep, eq, options) {
  sep = sep ? String(sep) : "&";
  eq = eq ? String(eq) : "=";
  options = options || {};
  const out = Object.create(null);
  if (typeof text !== "string" || text.length === 0) return out;
  const max = options.maxKeys === undefined ? 1000 : options.maxKeys;
  const decode = options.decodeURIComponent || unescape;
  let parts = text.split(sep);
  if (max > 0) parts = parts.slice(0, max);
  for (const part of parts) {
    if (part === "" && parts.length > 1) continue;
    const i = part.indexOf(eq);
    const key = decode((i >= 0 ? part.slice(0, i) : part).replace(/\+/g, " "));
    const value = i >= 0 ? decode(part.slice(i + eq.length).replace(/\+/g, " ")) : "";
    if (!(key in out)) out[key] = value;
    else if (Array.isArray(out[key])) out[key].push(value);
    else out[key] = [out[key], value];
  }
  return out;
}

function primitive(value) {
  if (typeof value === "string") return value;
  if ((typeof value === "number" && isFinite(value)) || typeof value === "bigint" || typeof value === "boolean") return String(value);
  return "";
}

function stringify(object, sep, eq, options) {
  sep = sep || "&";
  eq = eq || "=";
  options = options || {};
  if (object === null || typeof object !== "object") return "";
  const encode = options.encodeURIComponent || escape;
  const out = [];
  for (const key of Object.keys(object)) {
    const value = object[key];
    const k = encode(primitive(key)) + eq;
    if (Array.isArray(value)) for (const item of value) out.push(k + encode(primitive(item)));
    else out.push(k + encode(primitive(value)));
  }
  return out.join(sep);
}

internals.node_querystring = { parse, stringify, escape, unescape, decode: parse, encode: stringify };
