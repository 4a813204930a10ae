// placeholder URL (to be replaced by the WHATWG one)
class URLSearchParams {
  constructor(init) { this._list = []; if (typeof init === "string") { for (const part of init.replace(/^\?/, "").split("&")) { if (!part) continue; const i = part.indexOf("="); const k = i < 0 ? part : part.slice(0, i); const v = i < 0 ? "" : part.slice(i + 1); this._list.push([decodeURIComponent(k.replace(/\+/g, " ")), decodeURIComponent(v.replace(/\+/g, " "))]); } } }
  append(k, v) { this._list.push([String(k), String(v)]); }
  get(k) { const e = this._list.find((p) => p[0] === k); return e ? e[1] : null; }
  set(k, v) { this._list = this._list.filter((p) => p[0] !== k); this._list.push([k, String(v)]); }
  toString() { return this._list.map(([k, v]) => encodeURIComponent(k).replace(/%20/g, "+") + "=" + encodeURIComponent(v).replace(/%20/g, "+")).join("&"); }
}
class URL {
  constructor(url) { const m = /^(\w+:)\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/.exec(url); if (!m) throw new TypeError("Invalid URL"); this.protocol = m[1]; this.host = m[2]; this.pathname = m[3] || "/"; this.search = m[4] || ""; this.hash = m[5] || ""; this.searchParams = new URLSearchParams(this.search); }
  get href() { const q = this.searchParams.toString(); return this.protocol + "//" + this.host + this.pathname + (q ? "?" + q : "") + this.hash; }
  toString() { return this.href; }
  toJSON() { return this.href; }
}
internals.URL = URL; internals.URLSearchParams = URLSearchParams;
internals.defineGlobal("URL", URL); internals.defineGlobal("URLSearchParams", URLSearchParams);
