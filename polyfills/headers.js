// Headers, as node-fetch 2.6.0 defines it: Segment's runtime takes Request,
// Response and Headers from node-fetch (docs 000/004: "node-fetch v2.6.0").
// node-fetch follows the Fetch standard's Headers class
// (https://fetch.spec.whatwg.org/#headers-class) with differences user code can
// see, all reproduced here:
//   - names keep the case they were first given in; lookups ignore case, and
//     iteration lower-cases them. raw() returns the very store, a null-prototype
//     object of name -> array of values, so writes to it are seen by the Headers;
//   - iteration sorts the *stored* names by UTF-16 code units before lower-casing
//     them ({B, a} iterates as b, a), recomputed at every step, so changes made
//     while iterating show up;
//   - values are not trimmed; a value is legal when every character is TAB,
//     0x20-0x7E or 0x80-0xFF, a name when it is a non-empty RFC 7230 token;
//   - no guard: every Headers (a Response's too) is mutable;
//   - the store lives in an own property keyed by Symbol(map), so
//     console.log shows `Headers { [Symbol(map)]: [Object: null prototype] {...} }`.

const ObjectKeys = Object.keys;
const ObjectCreate = Object.create;
const ObjectDefineProperty = Object.defineProperty;
const ObjectHasOwn = Object.hasOwn;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ArrayFrom = Array.from;

const kMap = Symbol("map");
const kInternal = Symbol("internal");

// RFC 7230 section 3.2.6 token: 1*tchar.
const tokenRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 7230 section 3.2 field-value characters as node-fetch accepts them
// (obs-text included; CR, LF, NUL and other controls rejected).
const valueRe = /^[\t\x20-\x7E\x80-\xFF]*$/;

// `${value}`, with V8's wording when value is a Symbol (QuickJS words it differently).
function toStringV8(value) {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
  return `${value}`;
}

function validateName(name) {
  if (!tokenRe.test(name)) throw new TypeError(`${name} is not a legal HTTP header name`);
}

function validateValue(value) {
  if (!valueRe.test(value)) throw new TypeError(`${value} is not a legal HTTP header value`);
}

// The stored name matching `name` without regard to case, or undefined. A name
// given in its stored case is found at once; otherwise the store is scanned
// (it holds a handful of names).
function find(map, name) {
  if (ObjectHasOwn(map, name)) return name;
  const lower = name.toLowerCase();
  for (const key in map) {
    if (key.toLowerCase() === lower) return key;
  }
  return undefined;
}

// Stored names in iteration order (see the top of this file).
function sortedNames(headers) {
  return ObjectKeys(headers[kMap]).sort();
}

function entryAt(headers, key, kind) {
  switch (kind) {
    case "key": return key.toLowerCase();
    case "value": return headers[kMap][key].join(", ");
    default: return [key.toLowerCase(), headers[kMap][key].join(", ")];
  }
}

class Headers {
  // init: another Headers, an iterable of [name, value] pairs, or a record.
  // Declared without parameters, as node-fetch's is (Headers.length is 0).
  constructor() {
    const init = arguments.length > 0 ? arguments[0] : undefined;
    this[kMap] = ObjectCreate(null);

    if (init instanceof Headers) {
      const raw = init.raw();
      for (const name of ObjectKeys(raw)) {
        for (const value of raw[name]) this.append(name, value);
      }
      return;
    }
    if (init === undefined || init === null) return;
    if (typeof init !== "object") throw new TypeError("Provided initializer must be an object");

    const method = init[Symbol.iterator];
    if (method !== undefined && method !== null) {
      if (typeof method !== "function") throw new TypeError("Header pairs must be iterable");
      // sequence<sequence<ByteString>>: every pair is read before any is added.
      const pairs = [];
      for (const pair of init) {
        if (typeof pair !== "object" || pair === null || typeof pair[Symbol.iterator] !== "function") {
          throw new TypeError("Each header pair must be iterable");
        }
        pairs.push(ArrayFrom(pair));
      }
      for (const pair of pairs) {
        if (pair.length !== 2) throw new TypeError("Each header pair must be a name/value tuple");
        this.append(pair[0], pair[1]);
      }
      return;
    }
    // record<ByteString, ByteString>: values go through `${}` (an array becomes "a,b").
    for (const name of ObjectKeys(init)) this.append(name, init[name]);
  }

  // The values of `name` joined with ", ", or null.
  get(name) {
    name = toStringV8(name);
    validateName(name);
    const map = this[kMap];
    const key = find(map, name);
    return key === undefined ? null : map[key].join(", ");
  }

  // callback(value, name, headers) for each header in iteration order; the order
  // is recomputed after each call, as node-fetch does.
  forEach(callback) {
    const thisArg = arguments.length > 1 ? arguments[1] : undefined;
    let names = sortedNames(this);
    for (let i = 0; i < names.length; i++) {
      const key = names[i];
      callback.call(thisArg, this[kMap][key].join(", "), key.toLowerCase(), this);
      names = sortedNames(this);
    }
  }

  set(name, value) {
    name = toStringV8(name);
    value = toStringV8(value);
    validateName(name);
    validateValue(value);
    const map = this[kMap];
    const key = find(map, name);
    map[key !== undefined ? key : name] = [value];
  }

  append(name, value) {
    name = toStringV8(name);
    value = toStringV8(value);
    validateName(name);
    validateValue(value);
    const map = this[kMap];
    const key = find(map, name);
    if (key !== undefined) map[key].push(value);
    else map[name] = [value];
  }

  has(name) {
    name = toStringV8(name);
    validateName(name);
    return find(this[kMap], name) !== undefined;
  }

  delete(name) {
    name = toStringV8(name);
    validateName(name);
    const map = this[kMap];
    const key = find(map, name);
    if (key !== undefined) delete map[key];
  }

  // node-fetch's non-standard accessor: the store itself.
  raw() {
    return this[kMap];
  }

  keys() {
    return createIterator(this, "key");
  }

  values() {
    return createIterator(this, "value");
  }

  [Symbol.iterator]() {
    return createIterator(this, "key+value");
  }

  // Node's inspect hook: what node-fetch's Headers prints, formatted by the
  // caller's inspect so nesting, depth and line breaking are Node's own.
  [Symbol.for("nodejs.util.inspect.custom")]() {
    const view = new HeadersView();
    view[kMap] = this[kMap];
    return view;
  }
}

// Stands in for a Headers when inspecting: its constructor is named Headers and
// it has no inspect hook of its own, so Node's formatting prints its Symbol(map).
const HeadersView = (() => class Headers {})();

Headers.prototype.entries = Headers.prototype[Symbol.iterator];

// https://fetch.spec.whatwg.org/#dom-headers-getsetcookie: newer than node-fetch
// 2.6, added because code written for today's fetch calls it. Defined after
// node-fetch's own methods and not enumerable, so listing them is unchanged.
ObjectDefineProperty(Headers.prototype, "getSetCookie", {
  value: function getSetCookie() {
    const map = this[kMap];
    const key = find(map, "set-cookie");
    return key === undefined ? [] : map[key].slice();
  },
  writable: true,
  enumerable: false,
  configurable: true,
});

ObjectDefineProperty(Headers.prototype, Symbol.toStringTag, {
  value: "Headers",
  writable: false,
  enumerable: false,
  configurable: true,
});

// node-fetch makes these enumerable (for...in over a Headers lists them); raw,
// getSetCookie and the symbol-keyed methods stay hidden.
for (const key of ["get", "forEach", "set", "append", "has", "delete", "keys", "values", "entries"]) {
  ObjectDefineProperty(Headers.prototype, key, { enumerable: true });
}

// Iterators: objects whose prototype is HeadersIterator.prototype and whose
// state is an own Symbol(internal) property, as node-fetch's. Each step reads
// the current headers, so the iteration is live.
const HeadersIteratorPrototype = ObjectCreate(ObjectGetPrototypeOf(ObjectGetPrototypeOf([][Symbol.iterator]())));
HeadersIteratorPrototype.next = function next() {
  if (!this || ObjectGetPrototypeOf(this) !== HeadersIteratorPrototype) {
    throw new TypeError("Value of `this` is not a HeadersIterator");
  }
  const state = this[kInternal];
  const names = sortedNames(state.target);
  const index = state.index;
  if (index >= names.length) return { value: undefined, done: true };
  state.index = index + 1;
  return { value: entryAt(state.target, names[index], state.kind), done: false };
};
ObjectDefineProperty(HeadersIteratorPrototype, Symbol.toStringTag, {
  value: "HeadersIterator",
  writable: false,
  enumerable: false,
  configurable: true,
});

function createIterator(target, kind) {
  const iterator = ObjectCreate(HeadersIteratorPrototype);
  iterator[kInternal] = { target, kind, index: 0 };
  return iterator;
}

// [[name, value], ...] in iteration order: names lower-cased, values combined.
// For runtime code that needs the headers without going through user-patchable
// methods (fetch, the request object).
internals.headersToList = function headersToList(headers) {
  const map = headers[kMap];
  const names = ObjectKeys(map).sort();
  const list = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    list[i] = [names[i].toLowerCase(), map[names[i]].join(", ")];
  }
  return list;
};

internals.Headers = Headers;
internals.defineGlobal("Headers", Headers);
