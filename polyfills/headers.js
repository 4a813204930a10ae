// placeholder Headers (to be replaced by the WHATWG one)
class Headers {
  constructor(init) { this._map = new Map(); if (init) for (const [k, v] of (Array.isArray(init) ? init : Object.entries(init))) this.append(k, v); }
  append(k, v) { k = String(k).toLowerCase(); const old = this._map.get(k); this._map.set(k, old === undefined ? String(v) : old + ", " + v); }
  get(k) { const v = this._map.get(String(k).toLowerCase()); return v === undefined ? null : v; }
  set(k, v) { this._map.set(String(k).toLowerCase(), String(v)); }
  has(k) { return this._map.has(String(k).toLowerCase()); }
}
internals.Headers = Headers;
internals.defineGlobal("Headers", Headers);
